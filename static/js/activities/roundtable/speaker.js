// Who has the floor, as the screens show them: the first name they joined with, and from their
// address-book card, only when they made it visible to the room, their structure, what they bring
// and what they seek. The room's cards are in the snapshot's `addressbook`: a consent taken back
// leaves the wall with the card.
import { nameOf } from "../../kiosk.js";

export function introduction(state, participantId) {
  const card = ((state.addressbook && state.addressbook.cards) || []).find((c) => c.participant === participantId);
  const first = participantId === state.roundtable.current ? state.roundtable.current_name : nameOf(state, participantId);
  if (!card) return { name: first, structure: "", bring: "", seek: "" };
  return { name: first, structure: card.structure, bring: card.bring, seek: card.seek };
}
