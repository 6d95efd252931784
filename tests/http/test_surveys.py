"""The agency's analyst builds the programme's yearly questionnaire: a survey (anonymous
by default) with sections, a Likert question and a choice question new in the bank (a
choice without two options, and a number without its range, refused at the field), the
same bank question asked again the next year (the bank says in which years), a question
twice in one survey refused; the organiser's side and the other agency roles have no
questionnaires."""
import re
from harness import query, query_all, eq, lacks
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


def answer(c, link, **fields):
    page = c.get(link)
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    fields["csrf"] = token
    return c.post(link, fields)


def test_thirty_invited_in_four_groups_answer_by_their_links():
    a = demo.login("analytiker@exempel.se")
    sid = new_survey(a, "Deltagarenkät med svar", 2027)
    sec = section(a, sid, "Stödet")
    eq(post(a, "/surveys/bank", kind="likert", text="Har stödet hjälpt?", options="", min="", max="").status, 303)
    eq(post(a, "/surveys/bank", kind="number", text="Hur många träffar?", options="", min="0", max="20").status, 303)
    eq(post(a, "/surveys/bank", kind="text", text="Vad vill du säga?", options="", min="", max="").status, 303)
    for text, required in (("Har stödet hjälpt?", "1"), ("Hur många träffar?", "1"), ("Vad vill du säga?", "")):
        q = query(db, f"SELECT id FROM question_bank WHERE text = '{text}'")
        eq(post(a, f"/surveys/{sid}/items", section=sec, question=q, required=required).status, 303)
    r = post(a, f"/surveys/{sid}/invitations", people="a@x.se;principal")
    eq(r.status, 422)
    contains(r.text, "Öppna enkäten")
    eq(post(a, f"/surveys/{sid}/open").status, 303)
    r = post(a, f"/surveys/{sid}/invitations", people="a@x.se;principal\nb@x.se;kock")
    eq(r.status, 422)
    contains(r.text, "Rad 2: gruppen \"kock\" finns inte")
    eq(query(db, f"SELECT COUNT(*) FROM survey_invitations WHERE survey_id = {sid}"), 0, "ingen bjöds in")
    groups = ["principal"] * 12 + ["teacher"] * 10 + ["director"] * 5 + ["officer"] * 3
    people = "\n".join(f"person{i}@skola.se;{g};2120001561" for i, g in enumerate(groups))
    eq(post(a, f"/surveys/{sid}/invitations", people=people).status, 303)
    eq(query(db, f"SELECT COUNT(*) FROM survey_invitations WHERE survey_id = {sid}"), 30)
    bodies = [b for (b,) in query_all(db, "SELECT REPLACE(body, '\n', ' ') FROM outbox WHERE subject"
                                          " = 'Enkät: Deltagarenkät med svar 2027' ORDER BY id")]
    eq(len(bodies), 30)
    links = [re.search(r"(/enkat/[0-9a-f]+)", b).group(1) for b in bodies]
    anon = demo.srv.client()
    eq(anon.get("/enkat/" + "0" * 64).status, 404)
    # Submitting without a required answer names the question and keeps what was typed.
    r = answer(anon, links[0], action="submit", a1="", a2="3", a3="Bra träffar")
    eq(r.status, 422)
    contains(r.text, "Fråga 1: Frågan behöver ett svar.")
    contains(r.text, "Bra träffar")
    r = answer(anon, links[0], action="submit", a1="I ganska stor utsträckning", a2="25", a3="")
    eq(r.status, 422)
    contains(r.text, "från 0 till 20")
    # Saved part way, resumed by the same link.
    eq(answer(anon, links[1], action="save", a1="I mycket stor utsträckning", a2="", a3="").status, 200)
    contains(anon.get(links[1]).text, 'value="I mycket stor utsträckning" checked')
    # Principals 0–5, teachers 12–19, directors 22–23 and one officer submit.
    done = list(range(0, 6)) + list(range(12, 20)) + [22, 23, 27]
    for i in done:
        eq(answer(anon, links[i], action="submit", a1="I ganska stor utsträckning", a2="4", a3="").status, 200, i)
    page = anon.get(links[0]).text
    contains(page, "Tack! Dina svar är inskickade.")
    contains(page, "inte längre kopplade till dig")
    # A second submission by the same link is refused (the form token from another page).
    token = re.search(r'name="csrf" value="([^"]+)"', anon.get(links[29]).text).group(1)
    r = anon.post(links[0], {"csrf": token, "action": "submit", "a1": "I mycket liten utsträckning", "a2": "1"})
    eq(r.status, 409)
    contains(r.text, "redan inskickade")
    eq(query(db, f"SELECT COUNT(*) FROM survey_invitations WHERE survey_id = {sid} AND response_id IS NOT NULL"
                 " AND state = 'complete'"), 0, "anonym: ingen koppling efter inskickat")
    # The reminder goes to those who have not submitted.
    before = query(db, "SELECT COUNT(*) FROM outbox")
    eq(post(a, f"/surveys/{sid}/reminders").status, 303)
    eq(query(db, "SELECT COUNT(*) FROM outbox") - before, 30 - len(done))
    # 17 of 30 is 57 per cent; directors (2) and officers (1) are hidden, the rest shown.
    page = a.get(f"/surveys/{sid}").text
    contains(page, "57 procent (17 personer av 30)")
    eq(bool(re.search(r"Rektor</th><td class=\"num\">12</td><td class=\"num\">6</td>", page)), True)
    eq(bool(re.search(r"Förvaltningschef</th><td class=\"num\">5</td><td class=\"num\">färre än fem", page)), True)
    eq(bool(re.search(r"Tjänsteman</th><td class=\"num\">3</td><td class=\"num\">färre än fem", page)), True)
    eq(demo.login("huvudman@exempel.se").get(f"/surveys/{sid}").status, 403)
