"""The agency's analyst builds the programme's yearly questionnaire: a survey (anonymous
by default) with sections, a Likert question and a choice question new in the bank (a
choice without two options, and a number without its range, refused at the field), the
same bank question asked again the next year (the bank says in which years), a question
twice in one survey refused; the organiser's side and the other agency roles have no
questionnaires."""
import re
from harness import query, eq, lacks
from demo_cases import DemoCases, contains

demo = None
db = None


def setup(tmp):
    global demo, db
    demo = DemoCases(tmp)
    db = demo.db


def teardown():
    demo.stop()


def post(c, path, **fields):
    fields["csrf"] = c.csrf("/")
    return c.post(path, fields)


def new_survey(a, title, year):
    r = post(a, "/surveys", title=title, year=str(year), anonymous="1", intro="Dina svar hjälper oss.")
    eq(r.status, 303, r.text[:300])
    return int(r.header("Location").rsplit("/", 1)[1])


def section(a, sid, title):
    eq(post(a, f"/surveys/{sid}/sections", section_title=title).status, 303)
    return query(db, f"SELECT MAX(id) FROM survey_sections WHERE survey_id = {sid}")


def test_a_questionnaire_from_the_bank_asked_again_the_next_year():
    a = demo.login("analytiker@exempel.se")
    first = new_survey(a, "Deltagarenkät", 2025)
    sec = section(a, first, "Samverkan med Skolverket")
    question = "I vilken utsträckning har stödet bidragit till ert förbättringsarbete?"
    eq(post(a, "/surveys/bank", kind="likert", text=question, options="", min="", max="").status, 303)
    r = post(a, "/surveys/bank", kind="single", text="Vilken roll har du?", options="Rektor", min="", max="")
    eq(r.status, 422)
    contains(r.text, "minst två svarsalternativ")
    r = post(a, "/surveys/bank", kind="number", text="Hur många träffar deltog du i?", options="", min="10", max="2")
    eq(r.status, 422)
    contains(r.text, "lägsta och högsta")
    eq(post(a, "/surveys/bank", kind="single", text="Vilken roll har du?", options="Rektor\nLärare\nFörstelärare",
            min="", max="").status, 303)
    q1 = query(db, f"SELECT id FROM question_bank WHERE text = '{question}'")
    q2 = query(db, "SELECT id FROM question_bank WHERE text = 'Vilken roll har du?'")
    eq(post(a, f"/surveys/{first}/items", section=sec, question=q1, required="1").status, 303)
    eq(post(a, f"/surveys/{first}/items", section=sec, question=q2).status, 303)
    r = post(a, f"/surveys/{first}/items", section=sec, question=q1, required="1")
    eq(r.status, 422)
    contains(r.text, "Frågan finns redan i enkäten")
    page = a.get(f"/surveys/{first}").text
    contains(page, question)
    contains(page, "I ganska liten utsträckning")
    contains(page, "Vilken roll har du? (valfri)")
    # The next year the same bank question is asked again.
    second = new_survey(a, "Deltagarenkät", 2026)
    eq(post(a, f"/surveys/{second}/items", section=section(a, second, "Stödet"), question=q1, required="1").status, 303)
    bank = a.get("/surveys/bank").text
    eq(bool(re.search(re.escape(question) + r"</td><td>[^<]*</td><td>2025, 2026</td>", bank)), True,
       "banken visar åren frågan ställts")
    # Another survey's section is not this survey's.
    other = query(db, f"SELECT id FROM survey_sections WHERE survey_id = {first}")
    eq(post(a, f"/surveys/{second}/items", section=other, question=q2).status, 422)
    for email in ("huvudman@exempel.se", "processtod@exempel.se", "ekonomi@exempel.se", "larosate@exempel.se"):
        c = demo.login(email)
        eq(c.get("/surveys").status, 403, email)
        eq(c.get(f"/surveys/{first}").status, 403, email)
    eq(query(db, "SELECT COUNT(*) FROM audit WHERE action LIKE 'survey:%'") >= 8, True)
