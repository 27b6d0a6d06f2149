// A vote item's text: an issue's from the issues every screen holds, or, for a vote over another
// source (the review's needs), the text the vote carries.
import { issueText } from "../../kiosk.js";

export function itemText(state, id) {
  const item = (state.vote?.items || []).find((i) => i.id === id);
  return item ? item.text : issueText(state, id);
}
