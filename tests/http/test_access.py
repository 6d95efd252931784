"""The worst bug this product can have: one organiser seeing another's data. Every
route that shows organisers or units is asked across the boundary, by page, export,
search and API, with a session and with a bearer token."""
from harness import Server, demo_db, eq, contains, lacks, run_cli

srv = None
db = None
OWN, OTHER = "2120001561", "2120001439"          # Borås kommun, Ale kommun
OWN_UNIT, OTHER_UNIT = "13746989", "11043800"    # Fredriksborgskolan F-9, Bohusskolan


def setup(tmp):
    global srv, db
    db = demo_db(tmp, with_data=False)
    srv = Server(db)


def teardown():
    srv.stop()


def test_organiser_user_sees_only_its_own_organiser():
    for email in ("huvudman@exempel.se", "rektor@exempel.se", "analysgrupp@exempel.se"):
        c = srv.client()
        c.login(email)
        eq(c.get(f"/organisers/{OWN}").status, 200, email)
        eq(c.get(f"/units/{OWN_UNIT}").status, 200, email)
        r = c.get(f"/organisers/{OTHER}")
        eq(r.status, 404, f"{email} annan huvudmans sida")
        lacks(r.text, "Ale kommun")
        eq(c.get(f"/units/{OTHER_UNIT}").status, 404, f"{email} annan huvudmans enhet")
        for path in (f"/organisers/{OTHER}/units.csv", f"/organisers/{OTHER}/units.xlsx"):
            eq(c.get(path).status, 404, f"{email} {path}")
        api = c.get(f"/api/v1/organisers/{OTHER}")
        eq(api.status, 404, f"{email} API annan huvudman")
        eq(api.json(), {"error": {"code": "not_found", "message": "Huvudmannen finns inte.", "field": None}})
        eq(c.get(f"/api/v1/units/{OTHER_UNIT}").status, 404, f"{email} API annan enhet")
        # Lists, searches and exports hold the own organiser only.
        for path in ("/organisers", "/organisers?q=ale", "/units", "/units?q=bohus", "/organisers.csv",
                     "/units.csv", "/api/v1/organisers", "/api/v1/organisers?q=Ale"):
            r = c.get(path)
            eq(r.status, 200, f"{email} {path}")
            lacks(r.text, "Ale kommun", f"{email} {path}")
            lacks(r.text, OTHER, f"{email} {path}")
            lacks(r.text, "Bohusskolan", f"{email} {path}")
        data = c.get("/api/v1/organisers").json()
        eq([o["orgnr"] for o in data["items"]], [OWN], email)


def test_university_sees_only_organisers_it_collaborates_with():
    c = srv.client()
    c.login("larosate@exempel.se")  # Karlstads universitet: Borås kommun only
    eq(c.get(f"/organisers/{OWN}").status, 200)
    eq(c.get(f"/organisers/{OTHER}").status, 404)
    eq(c.get(f"/units/{OTHER_UNIT}").status, 404)
    eq(c.get("/organisers/2120002783").status, 404, "Kiruna samverkar med Umeå universitet")
    eq([o["orgnr"] for o in c.get("/api/v1/organisers").json()["items"]], [OWN])
    home = c.get("/").text
    contains(home, "Borås kommun")
    lacks(home, "Ale kommun")
    lacks(home, "Kiruna kommun")


def test_agency_roles_see_the_whole_register():
    for email in ("admin@exempel.se", "analytiker@exempel.se", "processtod@exempel.se", "ekonomi@exempel.se"):
        c = srv.client()
        c.login(email)
        eq(c.get(f"/organisers/{OTHER}").status, 200, email)
        eq(c.get(f"/units/{OTHER_UNIT}").status, 200, email)
        eq(c.get("/api/v1/organisers").json()["total"], 4, email)


def test_bearer_token_follows_the_same_rules():
    token = run_cli(["token", "create", "--email", "huvudman@exempel.se"], db=db).stdout.strip()
    assert token.startswith("sv_") and len(token) == 51, token
    c = srv.client()
    auth = {"Authorization": f"Bearer {token}"}
    r = c.get(f"/api/v1/organisers/{OWN}", headers=auth)
    eq(r.status, 200)
    eq(r.json()["name"], "Borås kommun")
    eq(c.get(f"/api/v1/organisers/{OTHER}", headers=auth).status, 404)
    eq(c.get(f"/api/v1/units/{OTHER_UNIT}", headers=auth).status, 404)
    bad = c.get("/api/v1/organisers", headers={"Authorization": "Bearer sv_" + "0" * 48})
    eq(bad.status, 401)
    eq(bad.json()["error"]["code"], "unauthorized")
    eq(c.get("/organisers", headers=auth).status, 303, "nyckeln gäller bara API:t")
