"""Every route the server has, with every role, against another organiser's objects, and
then against the own organiser's objects where need-to-know draws the line inside it. The
routes come from the server itself (`samverkan routes`, the same table it serves); the
other organiser's objects are Kiruna kommun's, which no demo user at Borås kommun or
Karlstads universitet works with. Expected, for each route and role:

  - the role may not call the route: 403;
  - the route names an object the role may not reach: 404, as if it did not exist;
  - the role reaches every such object (the agency's roles that see the whole register or
    every case): neither 403 nor 404;
and never a server error. The rules of reach are stated here, independently of the code:
the agency's admin, analyst and finance see every case; a process supporter only the
cases assigned to them; the agency's four roles see every organiser, unit and offer; the
organiser's side sees its own organiser, a university the organisers it works with.

Inside Borås kommun (SPEC §2): a head sees the own unit's group and its meetings and the
agreements without their money, not the other units' groups nor the case's own meetings;
a group member only the own group and its meetings, not the case page or agreements; the
university the case, its own university agreement and the visits, not ÖK1 nor any group;
a reader nothing of a case."""
import json
import re
import urllib.parse
from harness import Server, demo_db, eq, contains, lacks, query, run_cli

srv = None
db = None
KIRUNA, KIRUNA_UNIT = "2120002783", "76314428"
USERS = {
    "admin": "admin@exempel.se", "analyst": "analytiker@exempel.se", "supporter": "processtod@exempel.se",
    "finance": "ekonomi@exempel.se", "organiser": "huvudman@exempel.se", "head": "rektor@exempel.se",
    "group": "analysgrupp@exempel.se", "university": "larosate@exempel.se", "reader": "lasare@exempel.se",
}
AGENCY = {"admin", "analyst", "supporter", "finance"}
# Who reaches another organiser's objects of each kind.
REACH = {
    "case": {"admin", "analyst", "finance"},
    "agreement": {"admin", "analyst", "finance"},
    "group": {"admin", "analyst", "finance"},
    "meeting": {"admin", "analyst", "finance"},
    "register": {"admin", "analyst", "supporter", "finance"},
    "offer": {"admin", "analyst", "supporter", "finance"},
    "round": set(USERS),  # a round is the agency's own, not an organiser's: the role decides
    "user": {"admin"},    # an account: the administrator's to change
    "token": set(),       # someone else's API token: only its owner revokes it on the web
    "texts": set(USERS),  # the agency's standard texts: the role decides
    "analysis": {"admin", "analyst", "finance"},
    "plan": {"admin", "analyst", "finance"},
    "intervention": {"admin", "analyst", "finance"},
    "template": set(USERS),  # the analysis templates and the plans' lists: the role decides
    "case_work": {"admin", "analyst", "finance"},  # a case's analyses, plans, readings and reports
    "commission": {"admin", "analyst", "finance"},  # a university's own plan or report on a case
    "grant": {"admin", "finance"},  # an organiser's grant: finance's and the administrator's
    "ledger": set(USERS),  # the agency's cost ledger: the role decides
    "network": AGENCY,  # a network Borås kommun is not in: the agency's
    "conference": AGENCY,  # the agency's conferences and their registrations
    "survey": AGENCY,  # an opened survey Kiruna kommun's people were invited to: the agency's
}
objects = {}   # Kiruna's
own = {}       # Borås's, for need-to-know
routes = []


def kind_of(path):
    """The kind of object a route's first path parameter names."""
    if path.startswith(("/organisers/", "/units/", "/api/v1/organisers/", "/api/v1/units/")):
        return "register"
    if path.startswith(("/agreements/", "/api/v1/agreements/")):
        return "agreement"
    if path.startswith("/groups/"):
        return "group"
    if path.startswith("/meetings/"):
        return "meeting"
    if path.startswith(("/offers/",)):
        return "offer"
    if path.startswith(("/rounds/", "/api/v1/rounds/")):
        return "round"
    if path.startswith("/admin/users/"):
        return "user"
    if path.startswith("/admin/agreement-texts/"):
        return "texts"
    if path.startswith(("/analyses/", "/api/v1/analyses/")):
        return "analysis"
    if path.startswith(("/plans/", "/api/v1/plans/")):
        return "plan"
    if path.startswith(("/interventions/", "/api/v1/interventions/", "/indicators/", "/api/v1/indicators/")):
        return "intervention"  # an indicator is read and written through its intervention's plan
    if path.startswith(("/admin/analysis-templates/", "/admin/plan-lists/", "/universities/", "/admin/capacity/",
                        "/quality/", "/admin/quality/")):
        return "template"  # the agency's own registers: the role decides
    if path.startswith("/account/tokens/"):
        return "token"
    if path.startswith("/commission/"):
        return "commission"
    if path.startswith(("/grants/", "/api/v1/grants/")):
        return "grant"
    if path.startswith(("/surveys/", "/api/v1/surveys/")):
        return "survey"
    if path.startswith(("/conferences/", "/api/v1/conferences/")):
        return "conference"
    if path.startswith(("/networks/", "/api/v1/networks/", "/network-meetings/")):
        return "network"
    if path.startswith(("/ledger/", "/api/v1/ledger/")):
        return "ledger"
    if re.match(r"^(/api/v1)?/cases/\{id\}/(analyses|plans|traceability|readings|reports|capacity|yearwheel|commission)",
                path):
        return "case_work"
    return "case"  # cases, their agreements, groups, meetings, people, dates


def fill(path, objects):
    """The route's path with the objects in its parameters."""
    values = {
        "{orgnr}": KIRUNA, "{code}": KIRUNA_UNIT, "{person}": objects["person"], "{choice}": objects["choice"],
        "{method}": "inspection", "{kind}": "ok1", "{section}": objects["section"], "{problem}": objects["problem"],
        "{cause}": objects["cause"], "{document}": objects["document"], "{indicator}": objects["indicator"],
        "{university}": objects["template"], "{term}": "2026VT", "{intervention}": objects["intervention"],
        "{moment}": "start", "{aspect}": 1, "{level}": 1, "{item}": 1, "{activity}": 1,
        "{year}": 2026, "{payout}": objects["payout"], "{claim}": objects["claim"],
    }
    prefix_ids = [("/cases/", "case"), ("/api/v1/cases/", "case"), ("/agreements/", "agreement"),
                  ("/api/v1/agreements/", "agreement"), ("/groups/", "group"), ("/meetings/", "meeting"),
                  ("/offers/", "offer"), ("/rounds/", "round"), ("/api/v1/rounds/", "round"),
                  ("/admin/users/", "user"), ("/account/tokens/", "token"), ("/analyses/", "analysis"),
                  ("/api/v1/analyses/", "analysis"), ("/plans/", "plan"), ("/api/v1/plans/", "plan"),
                  ("/interventions/", "intervention"), ("/api/v1/interventions/", "intervention"),
                  ("/indicators/", "indicator"), ("/api/v1/indicators/", "indicator"),
                  ("/admin/analysis-templates/", "template"), ("/admin/plan-lists/", "template"),
                  ("/universities/", "template"), ("/commission/", "commission"), ("/grants/", "grant"),
                  ("/api/v1/grants/", "grant"), ("/ledger/mapping/", "mapping"), ("/networks/", "network"),
                  ("/api/v1/networks/", "network"), ("/network-meetings/", "network_meeting"),
                  ("/conferences/", "conference"), ("/api/v1/conferences/", "conference"), ("/surveys/", "survey"),
                  ("/api/v1/surveys/", "survey")]
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
    improvement_objects(cid)
    own_objects(a)
    out = run_cli(["routes"], db=db).stdout
    table = json.loads(out)
    assert table["undescribed"] is None, table["undescribed"]
    routes.extend(table["routes"])


def improvement_objects(cid):
    """Kiruna's analysis at organiser level with a section, a problem, a cause, a comment
    and a document, and its plan with an intervention and an indicator (fixture rows: the
    organiser's side writes them, and no tested user works at Kiruna)."""
    objects["analysis"] = insert(db, "INSERT INTO analyses (case_id, level, unit_key, created_by, created_at, updated_at)"
                                     f" VALUES ({cid}, 'organiser', 0, 'test', 0, 0)", "analyses")
    an = objects["analysis"]
    objects["section"] = insert(db, "INSERT INTO analysis_sections (analysis_id, position, kind, title, body)"
                                    f" VALUES ({an}, 1, 'text', 'Styrning', 'Kirunas text')", "analysis_sections")
    objects["problem"] = insert(db, "INSERT INTO analysis_problems (analysis_id, title, result, evidence, created_at)"
                                    f" VALUES ({an}, 'Låga resultat', 'Meritvärdet', 'Statistik', 0)", "analysis_problems")
    objects["cause"] = insert(db, "INSERT INTO analysis_causes (problem_id, analysis_id, kind, text, created_at)"
                                  f" VALUES ({objects['problem']}, {an}, 'teaching', 'Undervisningen', 0)", "analysis_causes")
    insert(db, "INSERT INTO analysis_comments (analysis_id, author, body, at)"
               f" VALUES ({an}, 'Kiruna', 'Kirunas kommentar', 0)", "analysis_comments")
    objects["document"] = insert(db, "INSERT INTO analysis_documents (analysis_id, filename, media_type, bytes, sha256,"
                                     " content, uploaded_by, uploaded_at) VALUES"
                                     f" ({an}, 'kiruna.pdf', 'application/pdf', 8, 'x', 'JVBERi0xLjQK', 'test', 0)",
                                     "analysis_documents")
    objects["plan"] = insert(db, "INSERT INTO plans (case_id, analysis_id, level, unit_key, created_by, created_at,"
                                 f" updated_at) VALUES ({cid}, {an}, 'organiser', 0, 'test', 0, 0)", "plans")
    objects["intervention"] = insert(db, "INSERT INTO interventions (plan_id, case_id, title, created_at)"
                                         f" VALUES ({objects['plan']}, {cid}, 'Kirunas insats', 0)", "interventions")
    objects["indicator"] = insert(db, "INSERT INTO indicators (intervention_id, measure, created_at)"
                                      f" VALUES ({objects['intervention']}, 'Kirunas mått', 0)", "indicators")
    objects["template"] = 1
    objects["commission"] = insert(db, "INSERT INTO commission_documents (case_id, university_id, kind, created_by,"
                                       f" created_at) VALUES ({cid}, 1, 'effort_plan', 'test', 0)", "commission_documents")
    # Kiruna's grant with a payout waiting and a claim raised (fixture rows: finance's work).
    org = query(db, f"SELECT organiser_id FROM cases WHERE id = {cid}")
    objects["grant"] = insert(db, "INSERT INTO grants (organiser_id, case_id, kind, appropriation, granted_ore,"
                                  f" decision_date, registry_number, created_by, created_at) VALUES ({org}, {cid},"
                                  " 'application', '1:5', 100000000, '2026-01-10', '2026:1', 'test', 0)", "grants")
    objects["payout"] = insert(db, "INSERT INTO payouts (grant_id, paid_date, amount_ore, reference, registered_by,"
                                   f" registered_at) VALUES ({objects['grant']}, '2026-02-01', 100000, 'K-1', 'test', 0)",
                               "payouts")
    objects["claim"] = insert(db, "INSERT INTO claims (grant_id, kind, reason, amount_ore, registry_number, decision_date,"
                                  f" due_date, created_by, created_at) VALUES ({objects['grant']}, 'claim', 'Kirunas krav',"
                                  " 1000, '2026:2', '2026-03-01', '2026-04-01', 'test', 0)", "claims")
    objects["mapping"] = insert(db, "INSERT INTO ledger_mapping (account, category) VALUES ('7999', 'team')",
                                "ledger_mapping")
    # An opened survey that Kiruna kommun's people were invited to (fixture rows).
    objects["survey"] = insert(db, "INSERT INTO surveys (title, year, state, created_by, created_at)"
                                   " VALUES ('Enkät', 2026, 'open', 'test', 0)", "surveys")
    insert(db, "INSERT INTO survey_invitations (survey_id, token_hash, email, group_key, organiser_id, invited_at)"
               f" VALUES ({objects['survey']}, 'kiruna', 'rektor@kiruna.se', 'principal', {org}, 0)", "survey_invitations")
    objects["conference"] = insert(db, "INSERT INTO conferences (kind, title, held_on, capacity, created_by, created_at)"
                                       " VALUES ('thematic', 'Tema', '2030-01-01', 10, 'test', 0)", "conferences")
    # A network of Kiruna kommun alone, with a meeting (fixture rows: the agency keeps it).
    objects["network"] = insert(db, "INSERT INTO networks (name, kind, created_by, created_at)"
                                    " VALUES ('Kirunas nätverk', 'regional', 'test', 0)", "networks")
    insert(db, f"INSERT INTO network_members (network_id, organiser_id, joined_at) VALUES ({objects['network']}, {org}, 0)",
           "network_members")
    objects["network_meeting"] = insert(db, "INSERT INTO network_meetings (network_id, held_on, created_by, created_at)"
                                            f" VALUES ({objects['network']}, '2026-05-05', 'test', 0)", "network_meetings")


def own_objects(a):
    """Borås kommun's case, with a group for the head's unit, one for another unit and one
    for the administration, a meeting in each, a visit by the university, and the
    university's own agreement beside the demo's signed ÖK1."""
    b = query(db, "SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id WHERE o.orgnr = '2120001561'")
    own.update(objects)
    own["case"] = b
    csrf = a.csrf(f"/cases/{b}")
    own["agreement"] = query(db, f"SELECT id FROM agreements WHERE case_id = {b} AND kind = 'ok1'")
    r = a.post(f"/cases/{b}/agreements", {"csrf": csrf, "kind": "university", "period_from": "2025-08-01",
                                          "period_to": "2026-06-30", "s_purpose": "Lärosätets insats i Borås."})
    eq(r.status, 303, r.text[:300])
    own["agreement_university"] = int(r.header("Location").split("/agreements/")[1].split("?")[0])
    head_unit = query(db, "SELECT unit_id FROM users WHERE email = 'rektor@exempel.se'")
    other_unit = query(db, f"SELECT MIN(unit_id) FROM case_units WHERE case_id = {b} AND unit_id <> {head_unit}")
    assert other_unit, "Borås ärende behöver två enheter"
    for key, unit in (("group_unit", head_unit), ("group_other", other_unit), ("group_admin", 0)):
        r = a.post(f"/cases/{b}/groups", {"csrf": csrf, "unit": str(unit)})
        eq(r.status, 303, r.text[:300])
        gid = int(r.header("Location").rsplit("/", 1)[1])
        own[key] = gid
        r = a.post(f"/groups/{gid}/meetings", {"csrf": csrf, "first": "2026-02-02", "time": "13:00", "count": "1",
                                               "interval": "21", "minutes": "180"})
        eq(r.status, 303, r.text[:300])
        own[key.replace("group", "meeting")] = query(db, f"SELECT MIN(id) FROM meetings WHERE group_id = {gid}")
    eq(a.post(f"/groups/{own['group_unit']}/members", {"csrf": csrf, "name": "Erik Nordahl",
                                                       "email": "analysgrupp@exempel.se"}).status, 303)
    r = a.post(f"/cases/{b}/meetings", {"csrf": csrf, "kind": "visit", "first": "2026-03-02", "time": "08:30",
                                        "count": "1", "interval": "30", "minutes": "420"})
    eq(r.status, 303, r.text[:300])
    own["visit"] = query(db, f"SELECT MIN(id) FROM meetings WHERE case_id = {b} AND group_id IS NULL")
    eq(a.post(f"/cases/{b}/contacts", {"csrf": csrf, "name": "Kontakt i Borås"}).status, 303)
    own["person"] = query(db, f"SELECT MAX(id) FROM case_people WHERE case_id = {b} AND role = 'contact'")
    own["grant"] = query(db, f"SELECT MIN(id) FROM grants WHERE case_id = {b}")
    own["payout"] = query(db, f"SELECT MIN(id) FROM payouts WHERE grant_id = {own['grant']} AND state = 'pending'")
    own["claim"] = insert(db, "INSERT INTO claims (grant_id, kind, reason, amount_ore, registry_number, decision_date,"
                              f" due_date, created_by, created_at) VALUES ({own['grant']}, 'claim', 'Borås krav',"
                              " 1000, '2026:3', '2026-03-01', '2026-04-01', 'test', 0)", "claims")
    boras = query(db, f"SELECT organiser_id FROM cases WHERE id = {b}")
    own["survey"] = insert(db, "INSERT INTO surveys (title, year, state, created_by, created_at)"
                               " VALUES ('Borås enkät', 2026, 'closed', 'test', 0)", "surveys")
    insert(db, "INSERT INTO survey_invitations (survey_id, token_hash, email, group_key, organiser_id, invited_at)"
               f" VALUES ({own['survey']}, 'boras', 'rektor@boras.se', 'principal', {boras}, 0)", "survey_invitations")
    karlstad = query(db, "SELECT id FROM universities WHERE name = 'Karlstads universitet'")
    own["commission"] = insert(db, "INSERT INTO commission_documents (case_id, university_id, kind, created_by,"
                                   f" created_at) VALUES ({b}, {karlstad}, 'lessons', 'test', 0)", "commission_documents")


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


def expectation(r, role, reach=REACH):
    """403, 404, or None (reached: anything but those) for a route and role."""
    if role not in r["roles"]:
        return 403
    if any(p["path"] for p in r["params"]) and role not in reach[kind_of(r["path"])]:
        return 404
    return None


def ask(c, csrf, r, objects=objects):
    path = fill(r["path"], objects)
    if r["method"] == "GET":
        return path, c.get(path)
    return path, c.request("POST", path, urllib.parse.urlencode({"csrf": csrf}).encode(), {"X-CSRF-Token": csrf},
                           "application/x-www-form-urlencoded")


def logged_in():
    clients = {}
    for role, email in USERS.items():
        c = srv.client()
        c.login(email)
        clients[role] = (c, c.csrf("/account"))
    return clients


def check(clients, cases, reach, objs, snap):
    """Asks every (route, role) pair: the refused first, so that what they leave behind can
    be checked before the allowed requests change anything. Returns the failures."""
    refused = [(r, role) for r, role in cases if expectation(r, role, reach)]
    allowed = [(r, role) for r, role in cases if not expectation(r, role, reach)]
    # What removes an object goes last, so that every other route still finds it.
    allowed.sort(key=lambda pair: pair[0]["path"].endswith("/remove"))
    before = snap()
    failures = []
    for r, role in refused + allowed:
        c, csrf = clients[role]
        path, resp = ask(c, csrf, r, objs)
        want = expectation(r, role, reach)
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
        if refused and (r, role) == refused[-1]:
            if snap() != before:
                failures.append("de nekade förfrågningarna ändrade något")
    return failures, len(refused), len(allowed)


def test_every_route_with_every_role_against_another_organisers_objects():
    clients = logged_in()
    cases = [(r, role) for r in routes if not r["public"] and r["path"] != "/logout" for role in USERS]
    failures, refused, allowed = check(clients, cases, REACH, objects, snapshot)
    assert not failures, "\n".join(failures)
    assert refused > 300 and allowed > 150, (refused, allowed)


def test_need_to_know_inside_the_own_organiser():
    """Borås kommun's own objects, in three rounds that each put different ones in the
    routes' parameters: the head's unit's group with ÖK1; another unit's group with the
    university agreement; the administration's group with a visit by the university."""
    clients = logged_in()
    everyone_of_boras = AGENCY | {"organiser"}
    rounds = [
        ("egen enhet och ÖK1", dict(own, group=own["group_unit"], meeting=own["meeting_unit"]), {
            "case": everyone_of_boras | {"head", "university"},
            "case_work": everyone_of_boras | {"head", "university", "group"},
            "agreement": everyone_of_boras | {"head"},
            "group": everyone_of_boras | {"head", "group"},
            "meeting": everyone_of_boras | {"head", "group"},
            "commission": everyone_of_boras | {"university"},
            "grant": everyone_of_boras,
            "survey": AGENCY | {"organiser", "head", "group"}}),
        ("annan enhet och lärosätets överenskommelse",
         dict(own, agreement=own["agreement_university"], group=own["group_other"], meeting=own["meeting_other"]), {
            "case": everyone_of_boras | {"head", "university"},
            "case_work": everyone_of_boras | {"head", "university", "group"},
            "agreement": everyone_of_boras | {"head", "university"},
            "group": everyone_of_boras,
            "meeting": everyone_of_boras,
            "commission": everyone_of_boras | {"university"},
            "grant": everyone_of_boras,
            "survey": AGENCY | {"organiser", "head", "group"}}),
        ("förvaltningens grupp och lärosätets besök",
         dict(own, group=own["group_admin"], meeting=own["visit"]), {
            "case": everyone_of_boras | {"head", "university"},
            "case_work": everyone_of_boras | {"head", "university", "group"},
            "agreement": everyone_of_boras | {"head"},
            "group": everyone_of_boras,
            "meeting": everyone_of_boras | {"university"},
            "commission": everyone_of_boras | {"university"},
            "grant": everyone_of_boras,
            "survey": AGENCY | {"organiser", "head", "group"}}),
    ]
    kinds = {"case", "case_work", "agreement", "group", "meeting", "commission", "grant", "survey"}
    all_failures = []
    for label, objs, reach in rounds:
        # The previous round removed its contact person (the allowed removal): a new one.
        admin, csrf = clients["admin"]
        eq(admin.post(f"/cases/{own['case']}/contacts", {"csrf": csrf, "name": f"Kontakt för {label}"}).status, 303)
        objs["person"] = query(db, f"SELECT MAX(id) FROM case_people WHERE case_id = {own['case']} AND role = 'contact'")
        cases = [(r, role) for r in routes if not r["public"] and any(p["path"] for p in r["params"])
                 and kind_of(r["path"]) in kinds for role in USERS]
        failures, refused, allowed = check(clients, cases, reach, objs, lambda: snapshot_of(objs))
        all_failures += [f"[{label}] {f}" for f in failures]
        assert refused > 50 and allowed > 50, (label, refused, allowed)
    assert not all_failures, "\n".join(all_failures)


def test_a_head_reads_the_agreements_without_their_money():
    c, _ = logged_in()["head"]
    aid = own["agreement"]
    page = c.get(f"/agreements/{aid}").text
    contains(page, "Belopp och utbetalningar visas inte för din roll")
    lacks(page, "Skolverkets medel")
    lacks(page, "Utbetalningsplan")
    body = c.get(f"/api/v1/agreements/{aid}").json()
    eq((body["content"]["amount_ore"], body["content"]["payouts"], body["content"]["money_hidden"]), (None, None, True))
    pdf = pdf_text(c.get(f"/agreements/{aid}/document.pdf").body)
    contains(pdf, "visas inte för din roll")
    lacks(pdf, "Skolverkets medel")
    # The organiser sees the money of the same agreement.
    o, _ = logged_in()["organiser"]
    contains(o.get(f"/agreements/{aid}").text, "Skolverkets medel")
    contains(pdf_text(o.get(f"/agreements/{aid}/document.pdf").body), "Skolverkets medel")


def pdf_text(data):
    import subprocess
    p = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True)
    assert p.returncode == 0, p.stderr
    return p.stdout.decode("utf-8")


def snapshot():
    return snapshot_of(objects)


def snapshot_of(objects):
    """What a refused request could have changed in the objects."""
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
        f"SELECT state || version || content FROM commission_documents WHERE id = {objects['commission']}",
        f"SELECT COUNT(*) FROM case_comments WHERE case_id = {cid}",
        f"SELECT state FROM payouts WHERE id = {objects['payout']}",
        f"SELECT state FROM claims WHERE id = {objects['claim']}",
        f"SELECT COUNT(*) FROM payouts WHERE grant_id = {objects['grant']}",
        f"SELECT COUNT(*) FROM grant_lines WHERE grant_id = {objects['grant']}",
        f"SELECT COUNT(*) FROM grants WHERE case_id = {cid}",
        f"SELECT COUNT(*) FROM network_members WHERE network_id = {objects['network']}",
        f"SELECT COUNT(*) FROM commitments WHERE network_id = {objects['network']}",
        f"SELECT version FROM network_meetings WHERE id = {objects['network_meeting']}",
        f"SELECT state || version FROM analyses WHERE id = {objects['analysis']}",
        f"SELECT body || version FROM analysis_sections WHERE id = {objects['section']}",
        f"SELECT COUNT(*) FROM analysis_comments WHERE analysis_id = {objects['analysis']}",
        f"SELECT state || version FROM plans WHERE id = {objects['plan']}",
        f"SELECT title || version || funding FROM interventions WHERE id = {objects['intervention']}",
        f"SELECT COUNT(*) FROM indicators WHERE intervention_id = {objects['intervention']}",
        f"SELECT name || role || active FROM users WHERE id = {objects['user']}",
        "SELECT COUNT(*) FROM audit",
    )]
