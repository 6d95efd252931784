"""The mapping of improvement capacity on Borås kommun's demo case: the organiser answers
every aspect at the start, with the improvement history, and closes it (refused while an
aspect is unanswered; read-only once closed); the university answers at the end; both
shown side by side with the change per aspect and as a chart; the administrator renames
and retires aspects and relabels the scale, which a closed mapping does not follow; each
role's reach, and 404 for another organiser's user everywhere."""
import urllib.parse
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


def login(email):
    return demo.login(email)


def case():
    return demo.case()


def aspects():
    return [r[0] for r in query_all(db, "SELECT id FROM capacity_aspects WHERE active = 1 ORDER BY position, id")]


def version(moment):
    return query(db, f"SELECT version FROM capacity_mappings WHERE case_id = {case()} AND moment = '{moment}'") or 1


def answer(c, moment, aspect, level, comment=""):
    return c.post(f"/cases/{case()}/capacity/{moment}/aspects/{aspect}",
                  {"csrf": c.csrf("/"), "version": version(moment), "level": level, "comment": comment})


def test_start_and_end_side_by_side_with_the_change():
    cid = case()
    org, uni = login("huvudman@exempel.se"), login("larosate@exempel.se")
    page = org.get(f"/cases/{cid}/capacity/start")
    eq(page.status, 200)
    contains(page.text, "En gemensamt framtagen vision och pedagogisk verksamhetsidé")
    contains(page.text, "Samarbetskultur")
    ids = aspects()
    eq(len(ids), 16)
    r = answer(org, "start", ids[0], 9)
    eq(r.status, 409)
    contains(r.text, "Nivån finns inte på skalan")
    eq(answer(org, "start", ids[0], 2, "Visionen finns men är inte känd i skolorna.").status, 303)
    # A save based on an older version crossed another: refused, nothing written over.
    r = org.post(f"/cases/{cid}/capacity/start/aspects/{ids[1]}",
                 {"csrf": org.csrf("/"), "version": 1, "level": 4, "comment": "gammal flik"})
    eq(r.status, 409)
    contains(r.text, "Någon annan har sparat")
    r = org.post(f"/cases/{cid}/capacity/start/done", {"csrf": org.csrf("/")})
    eq(r.status, 409)
    contains(r.text, "15 aspekter är inte besvarade än")
    for i, a in enumerate(ids[1:], start=1):
        eq(answer(org, "start", a, 1 + i % 3).status, 303)
    eq(org.post(f"/cases/{cid}/capacity/start", {"csrf": org.csrf("/"), "version": version("start"),
                                                 "history": "Ett tidigare projekt om bedömning 2019."}).status, 303)
    eq(org.post(f"/cases/{cid}/capacity/start/done", {"csrf": org.csrf("/")}).status, 303)
    eq(answer(org, "start", ids[0], 3).status, 409, "avslutad: skrivskyddad")
    lacks(org.get(f"/cases/{cid}/capacity/start").text, "Avsluta kartläggningen")
    # The university maps the end with the organiser.
    eq(answer(uni, "end", ids[0], 4, "Visionen används i alla skolor.").status, 303)
    eq(answer(uni, "end", ids[1], 2).status, 303)
    page = org.get(f"/cases/{cid}/capacity").text
    contains(page, "<svg")
    contains(page, "</a>: avslutad, medelvärde", "starten är avslutad")
    contains(page, "+2", "2 → 4")
    contains(page, "Ett tidigare projekt om bedömning 2019.")
    contains(org.get(f"/cases/{cid}").text, "Förbättringskapacitet")
    j = org.get(f"/api/v1/cases/{cid}/capacity").json()
    eq((j["start"]["done"], j["end"]["done"], j["changes"][0]["start"], j["changes"][0]["end"]), (True, False, 2, 4))
    start_level = query(db, f"SELECT level FROM capacity_answers w JOIN capacity_mappings m ON m.id = w.mapping_id"
                            f" WHERE m.case_id = {cid} AND m.moment = 'start' AND w.aspect_id = {ids[1]}")
    contains(page, f"{2 - start_level:+d}", "förändringen för den andra aspekten")


def test_the_administrator_changes_aspects_and_scale_and_a_closed_mapping_keeps_its_words():
    cid = case()
    admin = login("admin@exempel.se")
    ids = aspects()
    eq(admin.get("/admin/capacity").status, 200)
    eq(admin.post(f"/admin/capacity/aspects/{ids[3]}", {"csrf": admin.csrf("/"), "name": "Grupper för lärande",
                                                       "guidance": "", "active": "1"}).status, 303)
    eq(admin.post(f"/admin/capacity/aspects/{ids[2]}", {"csrf": admin.csrf("/"), "name": "Ramar och regler",
                                                       "guidance": ""}).status, 303)
    eq(admin.post("/admin/capacity/levels/4", {"csrf": admin.csrf("/"), "label": "Hållbart och spritt"}).status, 303)
    eq(admin.post("/admin/capacity/aspects", {"csrf": admin.csrf("/"), "grp": "Kultur",
                                              "name": "Tillit", "guidance": ""}).status, 303)
    org = login("huvudman@exempel.se")
    start = org.get(f"/cases/{cid}/capacity/start").text
    contains(start, "Ramar och regler", "en avslutad kartläggning visar det som frågades")
    contains(start, "<h3>Grupper</h3>")
    lacks(start, "Grupper för lärande")
    end = org.get(f"/cases/{cid}/capacity/end").text
    contains(end, "Grupper för lärande", "en öppen kartläggning frågar med det nya namnet")
    contains(end, "<h3>Mål</h3>", "ett svar behåller namnet det gavs under")
    contains(end, "Tillit")
    contains(end, "4 – Hållbart och spritt")
    lacks(end, "<h3>Ramar och regler</h3>", "en aspekt som inte används frågas inte")
    eq(query(db, "SELECT COUNT(*) FROM audit WHERE action LIKE 'capacity:%'") > 20, True)


def test_each_role_and_another_organiser():
    cid = case()
    reach = {"admin@exempel.se": 200, "analytiker@exempel.se": 200, "processtod@exempel.se": 200,
             "ekonomi@exempel.se": 200, "huvudman@exempel.se": 200, "rektor@exempel.se": 200,
             "larosate@exempel.se": 200, "analysgrupp@exempel.se": 403, "lasare@exempel.se": 403}
    for email, status in reach.items():
        eq(login(email).get(f"/cases/{cid}/capacity").status, status, email)
    r = answer(login("rektor@exempel.se"), "end", aspects()[0], 3)
    eq(r.status, 403, "rektorn läser men svarar inte")
    ale = login("ale@exempel.se")
    csrf = ale.csrf("/")
    for p in (f"/cases/{cid}/capacity", f"/cases/{cid}/capacity/start", f"/cases/{cid}/capacity/end"):
        r = ale.get(p)
        eq(r.status, 404, p)
        lacks(r.text, "bedömning 2019")
    before = query(db, "SELECT COUNT(*) FROM audit")
    for p in (f"/cases/{cid}/capacity/end", f"/cases/{cid}/capacity/end/done",
              f"/cases/{cid}/capacity/end/aspects/{aspects()[0]}"):
        r = ale.request("POST", p, urllib.parse.urlencode({"csrf": csrf, "version": "1", "level": "3",
                                                           "history": "x"}).encode(),
                        {"X-CSRF-Token": csrf}, "application/x-www-form-urlencoded")
        eq(r.status, 404, p)
    eq(query(db, "SELECT COUNT(*) FROM audit"), before, "inget ändrades")
