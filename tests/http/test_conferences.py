"""A kick-off on the demo: the process supporter creates it (two places), invites the
organisers of a selection round in one step (each person a personal link through the
outbox; a second invitation adds no one), people register by their links without an
account (a missing role named at its field; the third on the waiting list, moving up when
someone cancels), attendance is marked at the door, the counts by role and organiser are
in the page and the API, and the personal data are gone once the conference is past
keeping while the counts stay. An unknown link answers 404 without saying why; the
organiser's side has no conferences."""
import datetime
import re
from harness import query, query_all, eq, lacks, run_cli
from demo_cases import DemoCases, contains

demo = None
db = None


def setup(tmp):
    global demo, db
    demo = DemoCases(tmp, with_data=True)
    db = demo.db


def teardown():
    demo.stop()


def login(email):
    return demo.login(email)


def post(c, path, **fields):
    fields["csrf"] = c.csrf("/")
    return c.post(path, fields)


def execute(sql):
    """A fixture change, committed (the conference moved into the past)."""
    if db.startswith("postgres"):
        from harness import psql
        psql(db, sql)
        return
    import sqlite3
    con = sqlite3.connect(db)
    con.execute(sql)
    con.commit()
    con.close()


def public_post(c, path, **fields):
    page = c.get(path)
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    fields["csrf"] = token
    return c.post(path, fields)


def test_a_kickoff_from_invitation_to_attendance_and_forgetting():
    sup = login("processtod@exempel.se")
    day = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    r = post(sup, "/conferences", kind="kickoff", title="Upptakt för omgången", held_on=day, place="Stockholm",
             capacity="2", keep_days="30", programme="09.30 Välkommen\n10.00 Samverkan för bästa skola")
    eq(r.status, 303, r.text[:300])
    cid = int(r.header("Location").rsplit("/", 1)[1])
    rnd = query(db, "SELECT round_id FROM offers ORDER BY round_id LIMIT 1")
    if rnd:  # the round's organisers (with the national files' demo)
        r = post(sup, f"/conferences/{cid}/invitations", round=str(rnd), cases="")
        eq(r.status, 200, re.findall(r'error-summary.*?</ul>', r.text, re.S)[:1])
        contains(r.text, "nya inbjudningar skickade.")
    cases = ",".join(str(c) for (c,) in query_all(db, "SELECT id FROM cases ORDER BY id"))
    r = post(sup, f"/conferences/{cid}/invitations", round="", cases=cases)
    eq(r.status, 200, re.findall(r'error-summary.*?</ul>', r.text, re.S)[:1])
    invited = query(db, f"SELECT COUNT(*) FROM conference_invitations WHERE conference_id = {cid}")
    eq(invited >= 3, True, invited)
    contains(post(sup, f"/conferences/{cid}/invitations", round=str(rnd or ""), cases=cases).text,
             "0 nya inbjudningar skickade.")
    r = post(sup, f"/conferences/{cid}/invitations", round="", cases="tre, fyra")
    eq(r.status, 400)
    contains(r.text, "Ärendenas nummer")
    # One line a message on both databases (the bodies have line breaks).
    bodies = [b for (b,) in query_all(db, "SELECT REPLACE(body, '\n', ' ') FROM outbox"
                                          " WHERE subject LIKE 'Inbjudan: Upptakt för omgången%'")]
    eq(len(bodies), invited)
    links = [re.search(r"(/anmalan/[0-9a-f]+)", b).group(1) for b in bodies]
    # Without an account: a missing role is named; two places, the third waits.
    anon = demo.srv.client()
    eq(anon.get("/anmalan/" + "0" * 64).status, 404)
    r = public_post(anon, links[0], name="Eva Rektor", role="", needs="")
    eq(r.status, 400)
    contains(r.text, "Roll")
    eq(public_post(anon, links[0], name="Eva Rektor", role="principal", needs="Vegetarisk").status, 200)
    eq(public_post(anon, links[1], name="Olle Förvaltning", role="director", needs="").status, 200)
    r = public_post(anon, links[2], name="Lisa Lärare", role="teacher", needs="Hörslinga")
    contains(r.text, "väntelistan")
    contains(anon.get(links[0]).text, "Anmäld")
    # The first cancels: the waiting one moves up.
    page = anon.get(links[0]).text
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    eq(anon.post(links[0] + "/cancel", {"csrf": token}).status, 200)
    eq(query(db, f"SELECT status FROM conference_registrations WHERE name = 'Lisa Lärare'"), "registered")
    # Attendance at the door, and the counts.
    lisa = query(db, "SELECT id FROM conference_registrations WHERE name = 'Lisa Lärare'")
    eq(post(sup, f"/conferences/{cid}/attendance", attended=str(lisa)).status, 303)
    page = sup.get(f"/conferences/{cid}").text
    contains(page, "Hörslinga")
    contains(page, "Per huvudman")
    j = sup.get(f"/api/v1/conferences/{cid}").json()
    eq((j["registered"], j["waiting"], j["attended"]), (2, 0, 1))
    eq({x["role"]: (x["registered"], x["attended"]) for x in j["by_role"]},
       {"principal": (0, 0), "director": (1, 0), "teacher": (1, 1)})
    lacks(str(j), "Lisa")
    # The evaluation goes to those who came (Lisa), by the outbox with a personal link; the
    # analysts send it, and only an open survey.
    an = login("analytiker@exempel.se")
    r = post(an, "/surveys", title="Utvärdering av upptakten", year="2030", anonymous="1", intro="")
    survey = int(r.header("Location").rsplit("/", 1)[1])
    eq(post(an, f"/surveys/{survey}/sections", section_title="Dagen").status, 303)
    eq(post(an, "/surveys/bank", kind="likert", text="Var dagen till nytta för er?", options="", min="",
            max="").status, 303)
    q = query(db, "SELECT id FROM question_bank WHERE text = 'Var dagen till nytta för er?'")
    sec = query(db, f"SELECT id FROM survey_sections WHERE survey_id = {survey}")
    eq(post(an, f"/surveys/{survey}/items", section=sec, question=q, required="1").status, 303)
    r = post(an, f"/conferences/{cid}/evaluation", survey=str(survey))
    eq(r.status, 422)
    contains(r.text, "Öppna enkäten")
    eq(post(an, f"/surveys/{survey}/open").status, 303)
    eq(post(sup, f"/conferences/{cid}/evaluation", survey=str(survey)).status, 403)
    r = post(an, f"/conferences/{cid}/evaluation", survey=str(survey))
    eq(r.status, 200)
    contains(r.text, "Utvärderingen skickades till 1 som deltog.")
    contains(re.sub(r"<[^>]+>", "", r.text), "Utvärderingen Utvärdering av upptakten 2030 är skickad till 1 som deltog.")
    lisa_email = query(db, "SELECT email FROM conference_registrations WHERE name = 'Lisa Lärare'")
    eq(query(db, f"SELECT COUNT(*) FROM outbox WHERE recipient = '{lisa_email}' AND subject"
                 " = 'Enkät: Utvärdering av upptakten 2030'"), 1)
    eq(query(db, f"SELECT group_key FROM survey_invitations WHERE survey_id = {survey}"), "teacher")
    contains(post(an, f"/conferences/{cid}/evaluation", survey=str(survey)).text,
             "Utvärderingen skickades till 0 som deltog.")
    # The organiser's side has no conferences.
    org = login("huvudman@exempel.se")
    eq(org.get("/conferences").status, 403)
    eq(org.get(f"/api/v1/conferences/{cid}").status, 403)
    # Held long enough ago: the personal data go, the counts stay, the links stop working.
    run_cli(["remind"], db=db)
    eq(query(db, f"SELECT COUNT(*) FROM conference_registrations WHERE conference_id = {cid} AND name <> ''"), 3)
    execute(f"UPDATE conferences SET held_on = '2020-01-01' WHERE id = {cid}")
    run_cli(["remind"], db=db)
    eq(query(db, f"SELECT COUNT(*) FROM conference_registrations WHERE conference_id = {cid} AND name <> ''"), 0)
    eq(query(db, f"SELECT COUNT(*) FROM conference_registrations WHERE conference_id = {cid} AND needs <> ''"), 0)
    eq(sup.get(f"/api/v1/conferences/{cid}").json()["attended"], 1)
    eq(anon.get(links[1]).status, 404)
