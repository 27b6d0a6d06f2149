"""The situation review's part of the demo: notes in every bucket, +1s from the room, two
duplicates merged by the facilitator; a later review step adds needs."""

from __future__ import annotations

#: Notes by the bucket's place (brakes, levers, means, needs, expectations by default): the
#: buckets are the step's, in the workshop's language, so the demo goes by position.
NOTES = [
    ["Le manque de transports entre les vallées", "Des bénévoles épuisés", "Les financements au coup par coup",
     "Des acteurs qui ne se connaissent pas", "le manque de transports entre vallées"],
    ["Une forte envie d'agir chez les habitants", "Des élus à l'écoute", "Les tiers-lieux qui se créent"],
    ["Des salles communales disponibles", "Un fonds de dotation local", "Les compétences des retraités"],
    ["Être plus visibles auprès du grand public", "Une boîte à outils pour les élus", "Mutualiser du matériel",
     "Un lieu pour se retrouver", "être plus visible auprès du grand public", "Former les bénévoles"],
    ["Repartir avec des contacts", "Un projet concret avant l'été", "Que la journée ait une suite"],
]
MORE_NEEDS = ["Un annuaire des initiatives locales", "Coordonner les agendas des associations"]
#: A review with one bucket is a list of proposals: the DOMINO day's thematic axes (seed 001's
#: themes, "Se loger…"), two of them proposed twice for the facilitator to merge.
PROPOSALS = ["Se loger", "Se déplacer", "Se nourrir", "Consommer et réparer", "Travailler, entreprendre",
             "Partager des savoirs", "Prendre soin", "se déplacer", "Financer et échanger", "se nourrir"]


def play(room, step) -> None:
    review = room.state().get("review")
    if review is None or review["status"] != "open":
        review = room.console("review.open")["review"]
    buckets = review["buckets"]
    needs = buckets[min(3, len(buckets) - 1)]
    posted = []
    if len(buckets) == 1:
        _propose(room, buckets[0])
        return
    if room.visits[step.phase] == 1:
        n = 0
        for place, texts in enumerate(NOTES):
            bucket = buckets[min(place, len(buckets) - 1)]
            for text in texts:
                posted.append(room.do(room.people[n % len(room.people)], "review.post",
                                      {"bucket": bucket, "text": text})["note"])
                n += 1
    else:
        for k, text in enumerate(MORE_NEEDS):
            posted.append(room.do(room.people[-1 - k], "review.post", {"bucket": needs, "text": text})["note"])
    if review.get("moderation"):
        for note in posted:
            room.console("review.accept", {"note_id": note["id"]})
    notes = room.state()["review"]["notes"]
    for n, person in enumerate(room.people):  # each person +1s a few notes of others
        for note in notes[n % 3::4][:3]:
            if note.get("author") != room.id_of(person):
                room.box.execute(person, "review.plus", {"note_id": note["id"]})  # own notes are refused
    if room.visits[step.phase] == 1:
        by_text = {note["text"].casefold(): note["id"] for note in room.state()["review"]["notes"]}
        for duplicate, original in ((NOTES[0][4], NOTES[0][0]), (NOTES[3][4], NOTES[3][0])):
            room.console("review.merge", {"note_id": by_text[duplicate.casefold()], "into": by_text[original.casefold()]})


def _propose(room, bucket) -> None:
    """One bucket: the room proposes the themes, +1s some, and the facilitator merges the duplicates."""
    posted = [room.do(room.people[n % len(room.people)], "review.post", {"bucket": bucket, "text": text})["note"]
              for n, text in enumerate(PROPOSALS)]
    if room.state()["review"].get("moderation"):
        for note in posted:
            room.console("review.accept", {"note_id": note["id"]})
    by_text = {note["text"]: note["id"] for note in posted}
    for duplicate in ("se déplacer", "se nourrir"):
        room.console("review.merge", {"note_id": by_text[duplicate], "into": by_text[duplicate.capitalize()]})
