"""The national quality system's catalogue and an organiser's annual cycle, on the demo:
the catalogue read by everyone who reads plans, kept by the administrator (an item only
where it belongs), every case's indicators under one sub-goal in the viewer's reach only;
Borås kommun's årshjul as a twelve-month strip, its activities due on the case's list
each year of the period and marked done there, added by the organiser (a day outside
1–28 refused at the field), and 404 for another organiser's user."""
import datetime
import html
import io
import zipfile
import urllib.parse
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


def login(email):
    return demo.login(email)


def case():
    return demo.case()


def test_the_catalogue_and_every_cases_indicators_under_a_sub_goal():
    sub = query(db, "SELECT MIN(id) FROM quality_items WHERE kind = 'subgoal'")
    analyst = login("analytiker@exempel.se")
    page = analyst.get("/quality").text
    contains(page, "Alla elever ges förutsättningar att nå så långt som möjligt")
    contains(page, "Fler elever når kunskapskraven")
    page = analyst.get(f"/quality/{sub}").text
    contains(page, "1 indikatorer följer detta")
    contains(page, "Andel rektorer som genomfört resultatdialog")
    # Another organiser reads the catalogue, not Borås kommun's indicators under it.
    page = login("ale@exempel.se").get(f"/quality/{sub}").text
    contains(page, "0 indikatorer följer detta")
    lacks(page, "resultatdialog")
    eq(login("lasare@exempel.se").get("/quality").status, 403)
    items = analyst.get("/api/v1/quality").json()["items"]
    eq([x["kind"] for x in items][:2], ["goal", "subgoal"], "trädordning")
    eq(items[1]["parent_id"], items[0]["id"])


def test_the_administrator_keeps_the_catalogue():
    admin = login("admin@exempel.se")
    goal = query(db, "SELECT MIN(id) FROM quality_items WHERE kind = 'goal'")
    r = admin.post("/admin/quality", {"csrf": admin.csrf("/"), "parent": goal, "kind": "factor", "name": "Fel nivå"})
    eq(r.status, 422)
    contains(r.text, "Under en målsättning står delmål")
    eq(admin.post("/admin/quality", {"csrf": admin.csrf("/"), "parent": goal, "kind": "subgoal",
                                     "name": "Tryggheten ökar"}).status, 303)
    item = query(db, "SELECT MAX(id) FROM quality_items")
    eq(admin.post(f"/admin/quality/{item}", {"csrf": admin.csrf("/"), "name": "Tryggheten och studieron ökar",
                                             "description": "", "active": "1"}).status, 303)
    contains(login("analytiker@exempel.se").get("/quality").text, "Tryggheten och studieron ökar")
    analyst = login("analytiker@exempel.se")
    eq(analyst.post("/admin/quality", {"csrf": analyst.csrf("/"), "kind": "goal", "name": "x"}).status, 403)
    eq(query(db, "SELECT COUNT(*) FROM audit WHERE action LIKE 'quality:%'") >= 7, True)


def test_the_annual_cycle_is_due_each_year_and_done_on_the_case():
    cid = case()
    org = login("huvudman@exempel.se")
    page = org.get(f"/cases/{cid}/yearwheel")
    eq(page.status, 200)
    contains(page.text, "25 augusti:")
    contains(page.text, "Resultatanalys")
    # Each year of the period (2025-05-05 to 2028-05-05) has its occurrence on the due list.
    case_page = org.get(f"/cases/{cid}").text
    for year in (2025, 2026, 2027):
        contains(case_page, f"{year}-08-25", f"resultatanalysen {year}")
    lacks(case_page, "2028-08-25", "efter samverkans slut")
    r = org.post(f"/cases/{cid}/yearwheel", {"csrf": org.csrf("/"), "name": "Skolinspektionens enkät", "month": "2",
                                             "day": "31"})
    eq(r.status, 400)
    contains(r.text, 'id="e-day"')
    eq(org.post(f"/cases/{cid}/yearwheel", {"csrf": org.csrf("/"), "name": "Skolinspektionens enkät", "month": "2",
                                            "day": "10"}).status, 303)
    contains(org.get(f"/cases/{cid}").text, "Årshjul: Skolinspektionens enkät")
    activity = query(db, "SELECT id FROM yearwheel WHERE name = 'Resultatanalys'")
    key = f"wheel:{activity}:2025"
    eq(org.post(f"/cases/{cid}/submissions", {"csrf": org.csrf("/"), "key": key}).status, 303)
    eq(query(db, f"SELECT COUNT(*) FROM case_submissions WHERE case_id = {cid} AND item_key = '{key}'"), 1)
    contains(org.get(f"/cases/{cid}").text, "Gjord")
    head = login("rektor@exempel.se")
    r = head.post(f"/cases/{cid}/yearwheel", {"csrf": head.csrf("/"), "name": "x", "month": "1", "day": "1"})
    eq(r.status, 409, "rektorn läser årshjulet men ändrar det inte")
    contains(r.text, "Du får inte ändra huvudmannens årshjul")
    ale = login("ale@exempel.se")
    csrf = ale.csrf("/")
    eq(ale.get(f"/cases/{cid}/yearwheel").status, 404)
    eq(ale.get(f"/api/v1/cases/{cid}/yearwheel").status, 404)
    wheel = org.get(f"/api/v1/cases/{cid}/yearwheel").json()["items"]
    eq([(w["month"], w["day"], w["name"]) for w in wheel][:2], [(2, 10, "Skolinspektionens enkät"), (3, 15, "Elevenkät")])
    before = query(db, "SELECT COUNT(*) FROM yearwheel")
    for p in (f"/cases/{cid}/yearwheel", f"/cases/{cid}/yearwheel/{activity}/remove"):
        r = ale.request("POST", p, urllib.parse.urlencode({"csrf": csrf, "name": "x", "month": "1", "day": "1"}).encode(),
                        {"X-CSRF-Token": csrf}, "application/x-www-form-urlencoded")
        eq(r.status, 404, p)
    eq(query(db, "SELECT COUNT(*) FROM yearwheel"), before)


def test_the_university_plans_and_records_its_visits_and_a_quality_meeting_has_its_agenda():
    cid = case()
    uni, supporter = login("larosate@exempel.se"), login("processtod@exempel.se")
    soon = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    fields = {"kind": "visit", "purpose": "inception", "first": soon, "time": "09:00", "count": "1", "interval": "30",
              "minutes": "180", "place": "Stadshuset"}
    r = uni.post(f"/cases/{cid}/meetings", dict(fields, csrf=uni.csrf("/")))
    eq(r.status, 303, r.text[:300])
    contains(uni.get(f"/cases/{cid}").text, "Uppstartsmöte, huvudman och lärosäte")
    r = uni.post(f"/cases/{cid}/meetings", dict(fields, kind="quality", csrf=uni.csrf("/")))
    eq(r.status, 422)
    contains(r.text, "Lärosätet planerar sina besök")
    visit = query(db, f"SELECT MAX(id) FROM meetings WHERE case_id = {cid} AND purpose = 'inception'")
    page = uni.get(f"/meetings/{visit}").text
    contains(page, "Spara mötet")
    lacks(page, "Lägg till åtgärden", "åtgärder beslutas av Skolverket och huvudmannen")
    version = query(db, f"SELECT version FROM meetings WHERE id = {visit}")
    eq(uni.post(f"/meetings/{visit}", {"csrf": uni.csrf("/"), "version": version,
                                       "notes": "Vi kom överens om teamets första månader."}).status, 303)
    eq(query(db, f"SELECT notes FROM meetings WHERE id = {visit}"), "Vi kom överens om teamets första månader.")
    # The process supporter books a quality meeting: its agenda is the reports and indicators.
    r = supporter.post(f"/cases/{cid}/meetings", dict(fields, kind="quality", purpose="", csrf=supporter.csrf("/")))
    eq(r.status, 303)
    quality_meeting = query(db, f"SELECT MAX(id) FROM meetings WHERE case_id = {cid} AND kind = 'quality'")
    page = supporter.get(f"/meetings/{quality_meeting}").text
    contains(page, "Underlag")
    contains(page, "Andel rektorer som genomfört resultatdialog")
    # The university reads the quality meeting but keeps no record of it.
    version = query(db, f"SELECT version FROM meetings WHERE id = {quality_meeting}")
    r = uni.post(f"/meetings/{quality_meeting}", {"csrf": uni.csrf("/"), "version": version, "notes": "x"})
    eq(r.status, 409, "lärosätet läser kvalitetsmötet men för inte anteckningarna")
    contains(r.text, "Du får inte föra anteckningar för mötet")
    eq(query(db, f"SELECT notes FROM meetings WHERE id = {quality_meeting}") or "", "", "inget skrevs")
    eq(login("ale@exempel.se").get(f"/meetings/{visit}").status, 404)


def test_a_quality_meeting_records_attendance_person_by_person_from_all_three_parties():
    cid = case()
    supporter = login("processtod@exempel.se")
    day = (datetime.date.today() + datetime.timedelta(days=20)).isoformat()
    r = supporter.post(f"/cases/{cid}/meetings", {"kind": "quality", "purpose": "", "first": day, "time": "13:00",
                                                  "count": "1", "interval": "30", "minutes": "120", "place": "Borås",
                                                  "csrf": supporter.csrf("/")})
    eq(r.status, 303, r.text[:300])
    meeting = query(db, f"SELECT MAX(id) FROM meetings WHERE case_id = {cid} AND kind = 'quality'")
    page = supporter.get(f"/meetings/{meeting}").text
    for party in ("Skolverket", "Huvudmannen", "Lärosätet"):
        contains(page, f"<h3>{party}</h3>")
    contains(page, "Sofia Åkesson")  # the university's user on the case
    people = query(db, f"SELECT COUNT(*) FROM meeting_participants WHERE meeting_id = {meeting}")
    university = query(db, f"SELECT id FROM meeting_participants WHERE meeting_id = {meeting}"
                           " AND name = 'Sofia Åkesson'")
    version = query(db, f"SELECT version FROM meetings WHERE id = {meeting}")
    # A guest without a name or of an unknown party changes nothing.
    r = supporter.post(f"/meetings/{meeting}", {"csrf": supporter.csrf("/"), "version": version, "notes": "",
                                                "present": str(university), "guest_name": "Eva Regionsdóttir",
                                                "guest_party": "kommunen"})
    eq(r.status, 400)
    contains(r.text, "Part")
    eq(query(db, f"SELECT COUNT(*) FROM meeting_participants WHERE meeting_id = {meeting}"), people)
    r = supporter.post(f"/meetings/{meeting}", {"csrf": supporter.csrf("/"), "version": version,
                                                "notes": "Delredovisningen gicks igenom.", "present": str(university),
                                                "guest_name": "Eva <Regionen>", "guest_party": "other"})
    eq(r.status, 303, r.text[:300])
    eq(query(db, f"SELECT COUNT(*) FROM meeting_participants WHERE meeting_id = {meeting}"), people + 1)
    eq(query(db, f"SELECT COUNT(*) FROM meeting_participants WHERE meeting_id = {meeting} AND present = 1"), 2)
    # Those who read the meeting without keeping it read who came; the guest's name is escaped.
    page = login("larosate@exempel.se").get(f"/meetings/{meeting}").text
    contains(page, "Sofia Åkesson: närvarande")
    contains(page, "Eva <Regionen>: närvarande")
    lacks(page, "<Regionen>")
    contains(page, "<h3>Övriga</h3>")
    api = supporter.get(f"/api/v1/cases/{cid}/meetings?per_page=100").json()
    mine = [m for m in api["items"] if m["id"] == meeting][0]
    eq(sorted(p["name"] for p in mine["participants"] if p["present"]), ["Eva <Regionen>", "Sofia Åkesson"])
    log = supporter.get(f"/cases/{cid}/meetings.xlsx")
    eq(log.status, 200)
    with zipfile.ZipFile(io.BytesIO(log.body)) as z:
        strings = html.unescape(z.read("xl/sharedStrings.xml").decode())
    contains(strings, "Närvarande")
    contains(strings, "Sofia Åkesson (Lärosätet); Eva <Regionen> (Övriga)")
    eq(login("ale@exempel.se").get(f"/meetings/{meeting}").status, 404)
    eq(login("ale@exempel.se").get(f"/api/v1/cases/{cid}/meetings").status, 404)
