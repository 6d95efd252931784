"""Every role's navigation, and the pages a role may not open."""
from harness import Server, demo_db, eq, contains, lacks

srv = None

NAV = {
    "admin@exempel.se": ({"Huvudmän", "Enheter", "Import", "Användare", "Granskningslogg", "Mitt konto"}, "Administratör"),
    "analytiker@exempel.se": ({"Huvudmän", "Enheter", "Import", "Mitt konto"}, "Urvalsanalytiker"),
    "processtod@exempel.se": ({"Huvudmän", "Enheter", "Mitt konto"}, "Processtödjare"),
    "ekonomi@exempel.se": ({"Huvudmän", "Enheter", "Mitt konto"}, "Ekonomi"),
    "huvudman@exempel.se": ({"Min huvudman", "Enheter", "Mitt konto"}, "Huvudman"),
    "rektor@exempel.se": ({"Min huvudman", "Enheter", "Mitt konto"}, "Rektor / förskolechef"),
    "analysgrupp@exempel.se": ({"Min huvudman", "Enheter", "Mitt konto"}, "Analysgrupp"),
    "larosate@exempel.se": ({"Huvudmän", "Enheter", "Mitt konto"}, "Lärosäte"),
    "lasare@exempel.se": ({"Mitt konto"}, "Läsare"),
}
ALL = {"Huvudmän", "Min huvudman", "Enheter", "Import", "Användare", "Granskningslogg", "Mitt konto"}


def setup(tmp):
    global srv
    srv = Server(demo_db(tmp, with_data=False))


def teardown():
    srv.stop()


def nav_links(html):
    start = html.index('<nav class="main-nav"')
    nav = html[start:html.index("</nav>", start)]
    import re
    return set(re.findall(r">([^<>]+)</a></li>", nav))


def test_every_role_sees_its_navigation():
    for email, (expected, label) in NAV.items():
        c = srv.client()
        c.login(email)
        home = c.get("/")
        eq(home.status, 200, email)
        links = nav_links(home.text) & ALL
        eq(links, expected, f"meny för {email}")
        contains(home.text, label, email)
        contains(home.text, 'aria-current="page"', email)
        contains(home.text, 'class="skip"', email)


def test_roles_cannot_open_other_roles_pages():
    forbidden = {
        "huvudman@exempel.se": ["/import", "/admin/users", "/admin/audit"],
        "analytiker@exempel.se": ["/admin/users", "/admin/audit"],
        "lasare@exempel.se": ["/organisers", "/units", "/import", "/api/v1/organisers"],
        "larosate@exempel.se": ["/import", "/admin/audit"],
    }
    for email, paths in forbidden.items():
        c = srv.client()
        c.login(email)
        for p in paths:
            r = c.get(p)
            eq(r.status, 403, f"{email} {p}")
        if "/import" in paths:
            token = c.csrf("/account")
            r = c.upload("/import", {"csrf": token, "kind": "results"}, "file", "x.csv", b"x")
            eq(r.status, 403, f"{email} POST /import")


def test_reader_sees_aggregates_only():
    c = srv.client()
    c.login("lasare@exempel.se")
    home = c.get("/").text
    contains(home, "Huvudmän och enheter per län")
    lacks(home, "/organisers/", "inga länkar till enskilda huvudmän")


def test_admin_can_add_a_user_and_it_is_audited():
    c = srv.client()
    c.login("admin@exempel.se")
    token = c.csrf("/admin/users")
    r = c.post("/admin/users", {"csrf": token, "name": "Test Testsson", "email": "ny@exempel.se", "role": "organiser",
                                "organiser": "2120009999", "password": "ett-långt-lösenord"})
    eq(r.status, 400)
    contains(r.text, "giltigt organisationsnummer")
    token = c.csrf_of(r)
    r = c.post("/admin/users", {"csrf": token, "name": "Test Testsson", "email": "ny@exempel.se", "role": "organiser",
                                "organiser": "212000-1439", "password": "ett-långt-lösenord"})
    eq(r.status, 303, r.text[:400])
    contains(c.get("/admin/users").text, "ny@exempel.se")
    audit = c.get("/admin/audit?type=user").text
    contains(audit, "ny@exempel.se")
    contains(audit, "admin@exempel.se")
    n = srv.client()
    r = n.login("ny@exempel.se", "ett-långt-lösenord")
    eq(r.header("Location"), "/account/first-password", "ett tillfälligt lösenord byts först")
    eq(n.get("/organisers").header("Location"), "/account/first-password")
    r = n.post("/account/first-password", {"csrf": n.csrf("/account/first-password"), "password": "mitt-egna-lösenord",
                                           "confirm": "mitt-egna-lösenord"})
    eq(r.status, 303, r.text[-500:])
    contains(n.get("/organisers").text, "Ale kommun")
