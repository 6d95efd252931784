"""Every route the server has, with every role, against another organiser's objects. The
routes come from the server itself (`samverkan routes`, the same table it serves); the
objects are Kiruna kommun's, which no demo user at Borås kommun or Karlstads universitet
works with. Expected, for each route and role:

  - the role may not call the route: 403;
  - the route names an object the role may not reach: 404, as if it did not exist;
  - the role reaches every such object (the agency's roles that see the whole register or
    every case): neither 403 nor 404;
and never a server error. The rules of reach are stated here, independently of the code:
the agency's admin, analyst and finance see every case; a process supporter only the
cases assigned to them; the agency's four roles see every organiser, unit and offer; the
organiser's side sees its own organiser, a university the organisers it works with."""
import json
import urllib.parse
from harness import Server, demo_db, eq, query, run_cli

srv = None
db = None
KIRUNA, KIRUNA_UNIT = "2120002783", "76314428"
USERS = {
    "admin": "admin@exempel.se", "analyst": "analytiker@exempel.se", "supporter": "processtod@exempel.se",
    "finance": "ekonomi@exempel.se", "organiser": "huvudman@exempel.se", "head": "rektor@exempel.se",
    "group": "analysgrupp@exempel.se", "university": "larosate@exempel.se", "reader": "lasare@exempel.se",
}
# Who reaches another organiser's objects of each kind.
REACH = {
    "case": {"admin", "analyst", "finance"},
    "register": {"admin", "analyst", "supporter", "finance"},
    "offer": {"admin", "analyst", "supporter", "finance"},
    "round": set(USERS),  # a round is the agency's own, not an organiser's: the role decides
    "user": {"admin"},    # an account: the administrator's to change
    "token": set(),       # someone else's API token: only its owner revokes it on the web
}
objects = {}
routes = []


def kind_of(path):
    """The kind of object a route's first path parameter names."""
    if path.startswith(("/organisers/", "/units/", "/api/v1/organisers/", "/api/v1/units/")):
        return "register"
    if path.startswith(("/offers/",)):
        return "offer"
    if path.startswith(("/rounds/", "/api/v1/rounds/")):
        return "round"
    if path.startswith("/admin/users/"):
        return "user"
    if path.startswith("/account/tokens/"):
        return "token"
    return "case"  # cases, their agreements, groups, meetings, people, dates


def fill(path):
    """The route's path with Kiruna's objects in its parameters."""
    values = {
        "{orgnr}": KIRUNA, "{code}": KIRUNA_UNIT, "{person}": objects["person"], "{choice}": objects["choice"],
        "{method}": "inspection",
    }
    prefix_ids = [("/cases/", "case"), ("/api/v1/cases/", "case"), ("/agreements/", "agreement"),
                  ("/api/v1/agreements/", "agreement"), ("/groups/", "group"), ("/meetings/", "meeting"),
                  ("/offers/", "offer"), ("/rounds/", "round"), ("/api/v1/rounds/", "round"),
                  ("/admin/users/", "user"), ("/account/tokens/", "token")]
    for prefix, key in prefix_ids:
        if path.startswith(prefix + "{id}"):
            values["{id}"] = objects[key]
    for k, v in values.items():
        path = path.replace(k, str(v))
    assert "{" not in path, path
    return path


def setup(tmp):
    global srv, db
    db = demo_db(tmp, with_data=False)
    srv = Server(db)
    a = srv.client()
    a.login("admin@exempel.se")
    cid = query(db, f"SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id WHERE o.orgnr = '{KIRUNA}'")
    objects["case"] = cid
    csrf = a.csrf(f"/cases/{cid}")
    ok1 = {"csrf": csrf, "kind": "ok1", "period_from": "2025-11-02", "period_to": "2026-06-30",
           "s_purpose": "Analysfasen i Kiruna."}
    r = a.post(f"/cases/{cid}/agreements", ok1)
    eq(r.status, 303, r.text[:300])
    objects["agreement"] = int(r.header("Location").split("/agreements/")[1].split("?")[0])
    r = a.post(f"/cases/{cid}/groups", {"csrf": csrf, "unit": "0"})
    eq(r.status, 303, r.text[:300])
    objects["group"] = int(r.header("Location").rsplit("/", 1)[1])
    r = a.post(f"/groups/{objects['group']}/meetings", {"csrf": csrf, "first": "2026-01-12", "time": "13:00",
                                                       "count": "2", "interval": "21", "minutes": "180"})
    eq(r.status, 303, r.text[:300])
    objects["meeting"] = query(db, f"SELECT MIN(id) FROM meetings WHERE group_id = {objects['group']}")
    eq(a.post(f"/cases/{cid}/contacts", {"csrf": csrf, "name": "Kontakt i Kiruna"}).status, 303)
    objects["person"] = query(db, f"SELECT id FROM case_people WHERE case_id = {cid} AND role = 'contact'")
    # A decided round with an offer to Kiruna and a choice of its unit (fixture rows: a
    # round needs the national files to be frozen through the product).
    org = query(db, f"SELECT id FROM organisers WHERE orgnr = '{KIRUNA}'")
    unit = query(db, f"SELECT id FROM units WHERE code = '{KIRUNA_UNIT}'")
    rid = insert(db, "INSERT INTO selection_rounds (name, planned_date, status, decision_date, created_by, created_at)"
                     " VALUES ('Behörighetsprov', '2026-05-04', 'decided', '2026-05-04', 'test', 0)", "selection_rounds")
    objects["round"] = rid
    objects["choice"] = insert(db, "INSERT INTO round_choices (round_id, unit_id, organiser_id, school_forms, ranking,"
                                   f" reason, decision, decision_date, chosen_by, chosen_at) VALUES ({rid}, {unit}, {org},"
                                   " ',grundskola,', 'dialog', 'prov', 'main', '2026-05-04', 'test', 0)", "round_choices")
    objects["offer"] = insert(db, f"INSERT INTO offers (round_id, organiser_id, created_at) VALUES ({rid}, {org}, 0)",
                              "offers")
    # Another person's account and API token (no tested user is that person).
    run_cli(["user", "add", "--email", "annan@exempel.se", "--name", "Alva Annan", "--role", "supporter"], db=db,
            stdin="ett-långt-lösenord\n")
    objects["user"] = query(db, "SELECT id FROM users WHERE email = 'annan@exempel.se'")
    run_cli(["token", "create", "--email", "annan@exempel.se", "--label", "Annans nyckel"], db=db)
    objects["token"] = query(db, "SELECT id FROM api_tokens WHERE label = 'Annans nyckel'")
    out = run_cli(["routes"], db=db).stdout
    table = json.loads(out)
    assert table["undescribed"] is None, table["undescribed"]
    routes.extend(table["routes"])


def insert(db_url, sql, table):
    from harness import BACKEND, psql
    if BACKEND == "postgres":
        return int(psql(db_url, sql + " RETURNING id").splitlines()[0])
    import sqlite3
    con = sqlite3.connect(db_url)
    try:
        cur = con.execute(sql)
        con.commit()
        return cur.lastrowid
    finally:
        con.close()


def teardown():
    srv.stop()


def expectation(r, role):
    """403, 404, or None (reached: anything but those) for a route and role."""
    if role not in r["roles"]:
        return 403
    if any(p["path"] for p in r["params"]) and role not in REACH[kind_of(r["path"])]:
        return 404
    return None


def ask(c, csrf, r):
    path = fill(r["path"])
    if r["method"] == "GET":
        return path, c.get(path)
    return path, c.request("POST", path, urllib.parse.urlencode({"csrf": csrf}).encode(), {"X-CSRF-Token": csrf},
                           "application/x-www-form-urlencoded")


def test_every_route_with_every_role_against_another_organisers_objects():
    clients = {}
    for role, email in USERS.items():
        c = srv.client()
        c.login(email)
        clients[role] = (c, c.csrf("/account"))
    cases = [(r, role) for r in routes if not r["public"] and r["path"] != "/logout" for role in USERS]
    # The refused first, so that what they leave behind can be checked before the allowed
    # requests change anything.
    refused = [(r, role) for r, role in cases if expectation(r, role)]
    allowed = [(r, role) for r, role in cases if not expectation(r, role)]
    before = snapshot()
    failures = []
    for r, role in refused + allowed:
        c, csrf = clients[role]
        path, resp = ask(c, csrf, r)
        want = expectation(r, role)
        what = f"{r['method']} {path} som {role}: {resp.status}"
        if resp.status >= 500:
            failures.append(what + " (serverfel)")
        elif want and resp.status != want:
            failures.append(what + f" (väntade {want})")
        elif not want and resp.status in (403, 404):
            failures.append(what + " (väntade åtkomst)")
        if r["api"] and resp.status in (403, 404):
            body = resp.json()
            if set(body) != {"error"} or set(body["error"]) != {"code", "message", "field"}:
                failures.append(what + f" (felets form: {body})")
        if (r, role) == refused[-1]:
            eq(snapshot(), before, "de nekade förfrågningarna ändrade ingenting")
    assert not failures, "\n".join(failures)
    assert len(refused) > 300 and len(allowed) > 150, (len(refused), len(allowed))


def snapshot():
    """What a refused request could have changed in Kiruna's objects."""
    cid = objects["case"]
    return [query(db, sql) for sql in (
        f"SELECT phase FROM cases WHERE id = {cid}",
        f"SELECT COUNT(*) FROM case_people WHERE case_id = {cid}",
        f"SELECT COUNT(*) FROM case_events WHERE case_id = {cid}",
        f"SELECT status FROM offers WHERE id = {objects['offer']}",
        f"SELECT state || version FROM agreements WHERE id = {objects['agreement']}",
        f"SELECT COUNT(*) FROM agreements WHERE case_id = {cid}",
        f"SELECT COUNT(*) FROM meetings WHERE case_id = {cid}",
        f"SELECT COUNT(*) FROM group_members WHERE group_id = {objects['group']}",
        f"SELECT COUNT(*) FROM analysis_groups WHERE case_id = {cid}",
        f"SELECT COALESCE(notes, '') || held FROM meetings WHERE id = {objects['meeting']}",
        f"SELECT COUNT(*) FROM api_tokens WHERE id = {objects['token']}",
        f"SELECT name || role || active FROM users WHERE id = {objects['user']}",
        "SELECT COUNT(*) FROM audit",
    )]
