"""`absentees.html`: one self-contained page for those who could not come, each activity's section
added through `Activity.absentees`, every participant's text escaped."""

from __future__ import annotations

from html.parser import HTMLParser

from kiosk import auth, export
from kiosk.activities import ACTIVITIES, Activity
from kiosk.export import absentees
from kiosk.export.view import View

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FACILITATOR = auth.Actor(auth.FACILITATOR)


def page_of(box, activities=None) -> str:
    data = box.store.read(lambda db: export.collect(db, box.deck))
    return export.build(data, activities=activities).files[absentees.FILE].decode("utf-8")


class Tags(HTMLParser):
    """Every element and attribute of a page, and its style sheets' text, as a browser parses them."""

    def __init__(self, html: str):
        super().__init__()
        self.tags, self.attributes, self.styles, self._in_style = [], [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


#: What the page may hold: text elements only, nothing that runs or fetches.
ALLOWED = {"html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "h1", "h2",
           "h3", "p", "dl", "dt", "dd", "ul", "ol", "li", "span", "strong", "em", "div", "table", "thead", "tbody",
           "tr", "th", "td", "br", "small"}
ATTRIBUTES = {"lang", "charset", "name", "content", "http-equiv", "class", "id"}


def self_contained(html: str) -> None:
    """No script, no external resource: nothing a browser would fetch or run."""
    parsed = Tags(html)
    assert set(parsed.tags) <= ALLOWED, set(parsed.tags) - ALLOWED
    assert {name for _, name, _ in parsed.attributes} <= ATTRIBUTES, parsed.attributes
    style = " ".join(parsed.styles).lower()
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    policy = [value for _, name, value in parsed.attributes if name == "content" and "default-src" in (value or "")]
    assert policy == ["default-src 'none'; style-src 'unsafe-inline'"]


def test_the_page_holds_the_workshop_and_each_cloud_s_top_words_and_is_self_contained(box, actions):
    box.execute(FACILITATOR, "workshop.update", {"title": "Atelier de Briançon", "date": "2026-03-14",
                                                 "territory": "Grand Briançonnais"})
    people = [actions.join(name)[0]["id"] for name in ("Ana", "Bruno", "Chloé")]
    box.execute(FACILITATOR, "wordcloud.open", {"prompt": "En un mot, ce qui vous amène"})
    for pid, words in zip(people, (["Rencontres", "Vélo"], ["rencontre"], ["Réseau", "vélos"])):
        assert box.execute(auth.Actor(auth.PARTICIPANT, pid), "wordcloud.send", {"words": words})["ok"]
    html = page_of(box)
    self_contained(html)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="fr">' in html
    assert "Atelier de Briançon" in html and "14 mars 2026" in html and "Grand Briançonnais" in html
    assert "3\u00a0participants" in html or "3 participants" in html
    cloud = html[html.index('<section id="wordcloud">'):]
    assert "En un mot, ce qui vous amène" in cloud
    assert cloud.index("encontre") < cloud.index("Réseau")  # most sent first (sent by two)
    assert cloud.count("(2)") == 2 and cloud.count("(1)") == 1


def test_hostile_text_is_shown_as_text_never_as_markup(box, actions):
    box.execute(FACILITATOR, "workshop.update", {"title": HOSTILE, "territory": "</dd><script>x()</script>"})
    pid = actions.join("Ana")[0]["id"]
    box.execute(FACILITATOR, "wordcloud.open", {"prompt": '"><b onmouseover=x>'})
    box.execute(auth.Actor(auth.PARTICIPANT, pid), "wordcloud.send", {"words": ["<i>mot</i>"]})
    html = page_of(box)
    self_contained(html)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;/dd&gt;&lt;script&gt;" in html and "&#34;&gt;&lt;b onmouseover=x&gt;" in html
    assert "<b " not in html and "<i>" not in html


def test_a_new_activity_adds_its_section_in_the_registry_order_with_no_edit_to_the_core(box):
    def section(view):
        return absentees.section(view, "activities/wordcloud/absentees.html",
                                 clouds=[{"prompt": "Besoins <urgents>", "words": [{"text": "eau", "count": 4}]}])

    extra = Activity("needs", absentees=section)
    silent = Activity("silent", absentees=lambda view: None)
    html = page_of(box, (*ACTIVITIES, silent, extra))
    assert "Besoins &lt;urgents&gt;" in html and "eau" in html
    assert html.index("Besoins") > html.index("<main>")


def test_a_page_with_nothing_collected_still_names_the_workshop(box):
    html = page_of(box)
    self_contained(html)
    view = View(box.store.read(lambda db: export.collect(db, box.deck)))
    assert f"<title>{view.title()}</title>" in html and "<section" not in html


def test_what_only_the_page_may_show_is_in_no_other_file(box):
    secret = "carte-pour-les-absents@exemple.fr"

    def section(view):
        cards = view.for_absentees("cards")
        return absentees.section(view, "activities/wordcloud/absentees.html",
                                 clouds=[{"prompt": "Cartes", "words": [{"text": cards["email"], "count": 1}]}])

    cards = Activity("cards", absentees=section, absentees_data=lambda db: {"email": secret})
    activities = (*ACTIVITIES, cards)
    data = box.store.read(lambda db: export.collect(db, box.deck, activities))
    bundle = export.build(data, activities=activities)
    assert secret in bundle.files[absentees.FILE].decode("utf-8")
    assert [name for name, content in bundle.files.items() if secret.encode() in content] == [absentees.FILE]


def test_the_review_shows_each_bucket_s_shown_notes_the_most_supported_first(box, actions):
    ana, bruno, chloe = (auth.Actor(auth.PARTICIPANT, actions.join(name)[0]["id"]) for name in ("Ana", "Bruno", "Chloé"))
    box.execute(FACILITATOR, "review.open", {"prompt": "Où en est-on ?", "buckets": ["Freins", "Besoins"]})

    def post(who, bucket, text):
        return box.execute(who, "review.post", {"bucket": bucket, "text": text})["note"]["id"]

    local = post(ana, "Besoins", "Un local partagé")
    duplicate = post(bruno, "Besoins", "un local en commun")
    bus = post(bruno, "Besoins", "Un bus le dimanche")
    hidden = post(chloe, "Freins", "Texte retiré par l'animation")
    post(chloe, "Freins", HOSTILE)
    for who, note in ((bruno, local), (chloe, local), (ana, duplicate)):
        assert box.execute(who, "review.plus", {"note_id": note})["ok"]
    box.execute(FACILITATOR, "review.merge", {"note_id": duplicate, "into": local})
    box.execute(FACILITATOR, "review.hide", {"note_id": hidden})
    html = page_of(box)
    self_contained(html)
    review = html[html.index('<section id="review">'):html.index("</section>", html.index('<section id="review">'))]
    assert "Où en est-on" in review and review.index("Freins") < review.index("Besoins")
    assert review.index("Un local partagé") < review.index("Un bus le dimanche")  # three +1s, then none
    assert "(+3)" in review and "un local en commun" not in review and "retiré" not in review
    assert "&lt;script&gt;" in review


def test_a_closed_vote_lists_its_best_results_with_their_dots_in_the_singular_too(box, actions):
    ana, bruno = (auth.Actor(auth.PARTICIPANT, actions.join(name)[0]["id"]) for name in ("Ana", "Bruno"))
    garden = box.execute(ana, "issue.propose", {"text": "Un jardin partagé"})["issue"]["id"]
    bus = box.execute(bruno, "issue.propose", {"text": "Un bus le soir"})["issue"]["id"]
    assert box.execute(FACILITATOR, "vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2})["ok"]
    assert box.execute(ana, "vote.cast", {"issue_id": bus, "dots": 2})["ok"]
    assert box.execute(bruno, "vote.cast", {"issue_id": bus, "dots": 1})["ok"]
    assert box.execute(bruno, "vote.cast", {"issue_id": garden, "dots": 1})["ok"]
    assert box.execute(FACILITATOR, "vote.close", {})["ok"]
    html = page_of(box)
    vote = html[html.index('<section id="vote">'):html.index("</section>", html.index('<section id="vote">'))]
    assert vote.index("Un bus le soir") < vote.index("3 gommettes") < vote.index("Un jardin partagé")
    assert "1 gommette" in vote and "1 gommettes" not in vote
