"""The API against its description: every operation in /api/openapi.json is called so that
each status it documents occurs, and every answer — the ones asked for and the ones that
came — has a documented status and matches that status's schema: types, nullability, no
field that is not described. Write operations take JSON as well as a form and answer
with the object written. Lists share one envelope; times carry their offset."""
import datetime
import json
import re
import urllib.parse
from harness import Server, Skip, demo_db, eq, have_data, query, run_cli

srv = None
db = None
doc = None
seen = []          # (method, path, status, body) of every answer, checked at the end
BORAS = "2120001561"


def setup(tmp):
    global srv, db, doc
    if not have_data():
        raise Skip("../shared/data saknas: omgångarnas rangordningar behöver de riktiga filerna")
    db = demo_db(tmp)
    srv = Server(db)
    doc = srv.client().get("/api/openapi.json").json()


def teardown():
    srv.stop()


# ---- a small JSON Schema validator for the parts OpenAPI 3.1 uses here ----

def resolve(schema):
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        schema = doc["components"]["schemas"][name]
    return schema


DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def validate(value, schema, where="$"):
    """A list of what in value does not match schema."""
    schema = resolve(schema)
    errors = []
    types = schema.get("type")
    if types is not None:
        types = types if isinstance(types, list) else [types]
        def is_type(t):
            return {"null": value is None, "string": isinstance(value, str), "boolean": isinstance(value, bool),
                    "integer": isinstance(value, int) and not isinstance(value, bool),
                    "number": isinstance(value, (int, float)) and not isinstance(value, bool),
                    "object": isinstance(value, dict), "array": isinstance(value, list)}[t]
        if not any(is_type(t) for t in types):
            return [f"{where}: {type(value).__name__} {value!r:.60} är inte {types}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} finns inte bland {schema['enum']}")
    if isinstance(value, str):
        fmt = schema.get("format")
        if fmt == "date" and not DATE.match(value):
            errors.append(f"{where}: {value!r} är inte ett datum")
        if fmt == "date-time" and not DATETIME.match(value):
            errors.append(f"{where}: {value!r} är inte en tid med tidszon")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{where}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{where}: {value} > {schema['maximum']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{where}: {name} saknas")
        extra = schema.get("additionalProperties", True)
        for name, v in value.items():
            if name in props:
                errors += validate(v, props[name], f"{where}.{name}")
            elif extra is False:
                errors.append(f"{where}: {name} är inte beskrivet")
            elif isinstance(extra, dict):
                errors += validate(v, extra, f"{where}.{name}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value[:200]):
            errors += validate(v, schema["items"], f"{where}[{i}]")
    return errors


# ---- calling the operations ----

def operations():
    for path, item in doc["paths"].items():
        for method, op in item.items():
            yield path, method.upper(), op


def luhn_orgnr(prefix):
    """A valid organisation number starting with nine digits prefix."""
    total = 0
    for i, ch in enumerate(prefix):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return prefix + str((10 - total % 10) % 10)


def examples():
    """Values for the path parameters: objects that exist, and ones that do not."""
    case = query(db, f"SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id WHERE o.orgnr = '{BORAS}'")
    agreement = query(db, f"SELECT id FROM agreements WHERE case_id = {case} ORDER BY id LIMIT 1")
    decided = query(db, "SELECT id FROM selection_rounds WHERE status = 'decided' ORDER BY id LIMIT 1")
    analysis = query(db, f"SELECT MIN(id) FROM analyses WHERE case_id = {case}")
    plan = query(db, f"SELECT MIN(id) FROM plans WHERE case_id = {case}")
    return {"orgnr": BORAS, "code": "13746989", "case": case, "agreement": agreement, "round": decided,
            "method": "preschool", "analysis": analysis, "plan": plan, "term": "2026VT", "moment": "start",
            "year": 2017, "grant": query(db, f"SELECT MIN(id) FROM grants WHERE case_id = {case}"),
            "network": query(db, "SELECT MIN(id) FROM networks"),
            "conference": query(db, "SELECT MIN(id) FROM conferences"),
            "survey": query(db, "SELECT MIN(id) FROM surveys WHERE state <> 'draft'"),
            "section": query(db, f"SELECT MIN(id) FROM analysis_sections WHERE analysis_id = {analysis}"),
            "problem": query(db, f"SELECT MIN(id) FROM analysis_problems WHERE analysis_id = {analysis}"),
            "intervention": query(db, f"SELECT MIN(id) FROM interventions WHERE plan_id = {plan}"),
            "indicator": query(db, f"SELECT MIN(x.id) FROM indicators x JOIN interventions i ON i.id = x.intervention_id"
                                   f" WHERE i.plan_id = {plan}")}


ID_OF = (("/cases", "case"), ("/agreements", "agreement"), ("/analyses", "analysis"), ("/plans", "plan"),
         ("/interventions", "intervention"), ("/indicators", "indicator"), ("/grants", "grant"),
         ("/networks", "network"), ("/conferences", "conference"), ("/surveys", "survey"))


def fill(path, values):
    out = path
    for name in re.findall(r"\{(\w+)\}", path):
        key = name
        if name == "id":
            key = next((k for prefix, k in ID_OF if path.startswith(prefix)), "round")
        out = out.replace("{" + name + "}", str(values[key]))
    return out


def call(client, method, path, query_string="", body=None, headers=None, json_body=None):
    url = "/api/v1" + path + (("?" + query_string) if query_string else "")
    h = dict(headers or {})
    if method == "POST" and "Authorization" not in h and client.jar:
        h["X-CSRF-Token"] = client.csrf("/account")
    if json_body is not None:
        r = client.request(method, url, json.dumps(json_body).encode(), h, "application/json")
    elif method == "POST":
        r = client.request(method, url, urllib.parse.urlencode(body or {}).encode(), h,
                           "application/x-www-form-urlencoded")
    else:
        r = client.request(method, url, headers=h)
    seen.append((method, path, r.status, r.body))
    return r


def login(email):
    c = srv.client()
    c.login(email)
    return c


def token(email):
    return {"Authorization": "Bearer " + run_cli(["token", "create", "--email", email], db=db).stdout.strip()}


ROLES = {"admin": "admin@exempel.se", "analyst": "analytiker@exempel.se", "supporter": "processtod@exempel.se",
         "finance": "ekonomi@exempel.se", "organiser": "huvudman@exempel.se", "head": "rektor@exempel.se",
         "group": "analysgrupp@exempel.se", "university": "larosate@exempel.se", "reader": "lasare@exempel.se"}


def invalid_query(op):
    """A query string that breaks one declared parameter's declared limits, or None."""
    for p in op["parameters"]:
        if p["in"] != "query":
            continue
        s = p["schema"]
        if s.get("type") == "integer":
            return f"{p['name']}={s['maximum'] + 1}"
        if "enum" in s:
            return f"{p['name']}=inte-ett-val"
        if s.get("format") == "date":
            return f"{p['name']}=2026-13-40"
        if "maxLength" in s:
            return f"{p['name']}=" + "x" * (s["maxLength"] + 1)
    return None


def test_the_description_is_complete():
    eq(doc["openapi"], "3.1.0")
    ids = set()
    for path, method, op in operations():
        for key in ("operationId", "tags", "summary", "responses", "parameters", "security"):
            assert key in op, f"{method} {path} saknar {key}"
        assert op["operationId"] not in ids, op["operationId"]
        ids.add(op["operationId"])
        for status, resp in op["responses"].items():
            assert "application/json" in resp.get("content", {}), f"{method} {path} {status} saknar schema"
        declared = {p["name"] for p in op["parameters"] if p["in"] == "path"}
        eq(declared, set(re.findall(r"\{(\w+)\}", path)), f"{method} {path}: sökvägens parametrar")
    routes = json.loads(run_cli(["routes"], db=db).stdout)["routes"]
    api = {(r["method"], r["path"][len("/api/v1"):]) for r in routes if r["path"].startswith("/api/v1/")}
    eq(api, {(m, p) for p, m, _ in operations()}, "varje API-rutt är beskriven, och bara de")


def test_every_documented_status_is_asked_for():
    """Calls each operation so that each status it documents should occur; the last test
    checks that each did, and that every answer matches."""
    values = examples()
    admin = login("admin@exempel.se")
    for path, method, op in operations():
        documented = set(op["responses"])
        url_path = fill(path, values)
        # 200: the agency's administrator reaches everything.
        if method == "GET":
            call(admin, method, url_path)
        # 401: no session, no token.
        if "401" in documented:
            call(srv.client(), method, url_path, body={})
        # 403: a role the operation does not admit.
        if "403" in documented:
            other = next(r for r in ROLES if r not in op["x-roles"])
            call(srv.client(), method, url_path, headers=token(ROLES[other]), body={})
        # The rest as the administrator, or for what the administrator may not call, as the
        # first role that may.
        asker = admin if "admin" in op["x-roles"] else login(ROLES[op["x-roles"][0]])
        # 404: an object that does not exist (valid in form).
        if "404" in documented:
            absent = dict(values, case=999999999, agreement=999999999, round=999999999, analysis=999999999,
                          plan=999999999, intervention=999999999, indicator=999999999, section=999999999,
                          problem=999999999, grant=999999999, year=2099, network=999999999, conference=999999999, survey=999999999,
                          orgnr=luhn_orgnr("999999999"), code="99999999", method="preschool")
            call(asker, method, fill(path, absent), body={})
        # 400: a parameter outside its declared limits, or a body that is not JSON.
        if "400" in documented:
            bad = invalid_query(op)
            if method == "POST":
                h = {"X-CSRF-Token": asker.csrf("/account")}
                r = asker.request("POST", "/api/v1" + url_path, b"{inte json", h, "application/json")
                seen.append((method, path, r.status, r.body))
            if bad:
                call(asker, method, url_path, bad)
        # 413: more fields than a request may carry.
        if "413" in documented:
            many = "&".join(f"f{i}=1" for i in range(201))
            call(asker, method, url_path, many, body={})
    # The statuses that need a particular state.
    open_round = query(db, "SELECT id FROM selection_rounds WHERE frozen_at IS NULL ORDER BY id LIMIT 1")
    if open_round is None:
        r = admin.request("POST", "/rounds", urllib.parse.urlencode(
            {"csrf": admin.csrf("/rounds"), "name": "Ofryst", "planned_date": "2027-05-05"}).encode(), None,
            "application/x-www-form-urlencoded")
        open_round = query(db, "SELECT id FROM selection_rounds WHERE name = 'Ofryst'")
    for path in ("/rounds/{id}/rankings/{method}", "/rounds/{id}/organisers"):
        r = call(admin, "GET", fill(path, dict(values, round=open_round)))
        eq(r.status, 409, path)
    signed = values["agreement"]
    version = query(db, f"SELECT version FROM agreements WHERE id = {signed}")
    r = call(login("analytiker@exempel.se"), "POST", f"/agreements/{signed}",
             json_body={"s_purpose": "Ändrat", "version": version})
    eq(r.status, 409, "en undertecknad överenskommelse")


def test_a_write_takes_json_and_answers_with_the_object_written():
    a = login("analytiker@exempel.se")
    case = query(db, "SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id WHERE o.orgnr = '2120001439'")
    r = a.request("POST", f"/cases/{case}/agreements", urllib.parse.urlencode(
        {"csrf": a.csrf(f"/cases/{case}"), "kind": "ok1", "period_from": "2025-06-01", "period_to": "2026-06-30"}
    ).encode(), None, "application/x-www-form-urlencoded")
    eq(r.status, 303, r.text[:300])
    aid = int(r.header("Location").split("/agreements/")[1].split("?")[0])
    body = {"period_from": "2025-06-01", "period_to": "2026-06-30", "amount": 300000, "payout_date1": "2025-08-01",
            "payout_amount1": "300 000", "s_purpose": "Analysfasen i Ale, skriven över API:t med JSON.",
            "s_agency": None}
    for version, auth in ((1, {}), (2, token("analytiker@exempel.se"))):
        client = a if not auth else srv.client()
        r = call(client, "POST", f"/agreements/{aid}", headers=auth, json_body=dict(body, version=version))
        eq(r.status, 200, r.text[:300])
        written = r.json()
        eq(written["content"]["sections"]["purpose"], body["s_purpose"])
        eq(written["content"]["sections"]["agency"], None)
        eq(written["content"]["amount_ore"], 30000000)
        eq(written["content"]["payouts"], [{"date": "2025-08-01", "amount_ore": 30000000}])
        eq(written, call(a, "GET", f"/agreements/{aid}").json(), "svaret är objektet som det nu är")
    eq(written["version"], 3)
    # A write based on an older version is refused naming the version; nothing is written.
    r = call(a, "POST", f"/agreements/{aid}", json_body=dict(body, s_purpose="Skrivet på en gammal kopia", version=2))
    eq((r.status, r.json()["error"]["code"], r.json()["error"]["field"]), (409, "conflict", "version"))
    eq(call(a, "GET", f"/agreements/{aid}").json()["content"]["sections"]["purpose"], body["s_purpose"])
    # Without the version it was based on a write is not taken at all.
    r = call(a, "POST", f"/agreements/{aid}", json_body=body)
    eq((r.status, r.json()["error"]["field"]), (400, "version"))
    # A field the operation does not take, a nested object, and a bad amount.
    r = call(a, "POST", f"/agreements/{aid}", json_body={"amount": {"kr": 1}, "version": 3})
    eq((r.status, r.json()["error"]["field"]), (400, "amount"))
    r = call(a, "POST", f"/agreements/{aid}", json_body={"amount": "mycket", "version": 3})
    eq((r.status, r.json()["error"]["field"]), (400, "amount"))


def test_the_improvement_work_through_the_api():
    """Each write of analyses and plans with the answer it documents: Ale kommun's new
    analysis and plan as its organiser, Borås kommun's approved plan as the agency."""
    run_cli(["user", "add", "--email", "ale.api@exempel.se", "--name", "Nils Ek", "--role", "organiser",
             "--organiser", "2120001439"], db=db, stdin="samverkan-demo-2026\n")
    ale, org, analyst = token("ale.api@exempel.se"), token("huvudman@exempel.se"), token("analytiker@exempel.se")
    c = srv.client()
    case = query(db, "SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id WHERE o.orgnr = '2120001439'")
    boras = examples()
    eq(call(c, "POST", f"/cases/{boras['case']}/analyses", headers=org, json_body={"unit": 0}).status, 409)
    r = call(c, "POST", f"/cases/{case}/analyses", headers=ale, json_body={"unit": 0})
    eq(r.status, 201, r.text[:300])
    an = r.json()
    section = an["sections"][0]
    r = call(c, "POST", f"/analyses/{an['id']}/sections/{section['id']}", headers=ale,
             json_body={"version": section["version"], "body": "Underlagen i Ale."})
    eq((r.status, r.json()["sections"][0]["body"]), (200, "Underlagen i Ale."))
    r = call(c, "POST", f"/analyses/{an['id']}/sections/{section['id']}", headers=ale,
             json_body={"version": section["version"], "body": "En gammal kopia."})
    eq((r.status, r.json()["error"]["field"]), (409, "version"))
    eq(call(c, "POST", f"/analyses/{an['id']}/problems", headers=ale,
            json_body={"title": "x", "variable": "inget-mått"}).status, 409)
    r = call(c, "POST", f"/analyses/{an['id']}/problems", headers=ale,
             json_body={"title": "Låga resultat", "result": "Under riket.", "evidence": "Betygen."})
    eq(r.status, 201, r.text[:300])
    problem = r.json()["problems"][0]["id"]
    eq(call(c, "POST", f"/analyses/{an['id']}/problems/{boras['problem']}/causes", headers=ale,
            json_body={"kind": "teaching", "text": "x"}).status, 409)
    r = call(c, "POST", f"/analyses/{an['id']}/problems/{problem}/causes", headers=ale,
             json_body={"kind": "teaching", "text": "Lite återkoppling."})
    eq((r.status, r.json()["problems"][0]["causes"][0]["kind"]), (201, "teaching"))
    eq(call(c, "POST", f"/analyses/{an['id']}/comments", headers=ale,
            json_body={"section": boras["section"], "body": "x"}).status, 409)
    eq(call(c, "POST", f"/analyses/{an['id']}/comments", headers=ale, json_body={"body": "Klar för granskning."}
            ).status, 201)
    eq(call(c, "POST", f"/cases/{case}/plans", headers=ale, json_body={"unit": 0}).status, 409)
    eq(call(c, "POST", f"/analyses/{an['id']}/flow", headers=ale, json_body={"action": "approve"}).status, 409)
    eq(call(c, "POST", f"/analyses/{an['id']}/flow", headers=ale, json_body={"action": "submit"}).status, 200)
    eq(call(c, "POST", f"/analyses/{an['id']}/flow", headers=ale, json_body={"action": "approve"}).json()["state"],
       "approved")
    r = call(c, "POST", f"/cases/{case}/plans", headers=ale, json_body={"unit": 0})
    eq(r.status, 201, r.text[:300])
    plan = r.json()["id"]
    eq(call(c, "POST", f"/plans/{plan}/interventions", headers=ale, json_body={"title": "x", "area": 999999}).status,
       409)
    r = call(c, "POST", f"/plans/{plan}/interventions", headers=ale, json_body={"title": "Läslyftet"})
    eq(r.status, 201, r.text[:300])
    iv = r.json()
    cause = call(c, "GET", f"/analyses/{an['id']}", headers=ale).json()["problems"][0]["causes"][0]["id"]
    body = {"version": iv["version"], "title": "Läslyftet", "provider": "programme", "programme": 1, "cost": 90000,
            "goals": "Bättre läsförståelse.", "causes": [cause]}
    r = call(c, "POST", f"/interventions/{iv['id']}", headers=ale, json_body=body)
    eq((r.status, r.json()["cost"], r.json()["programme"]), (200, 90000, "Läslyftet"))
    eq(call(c, "POST", f"/interventions/{iv['id']}", headers=ale, json_body=body).status, 409)
    eq(call(c, "POST", f"/plans/{plan}/flow", headers=ale, json_body={"action": "submit"}).status, 409)
    r = call(c, "POST", f"/interventions/{iv['id']}/indicators", headers=ale,
             json_body={"measure": "Läsförståelse åk 3", "baseline": "60 %", "target": "75 %", "read_dates": "juni"})
    eq((r.status, len(r.json()["indicators"])), (201, 1))
    # The indicator's readings: a figure that is no number, one recorded, and one by a
    # head who reads Borås kommun's organiser-level plan but does not write for it.
    ind = r.json()["indicators"][0]["id"]
    month = datetime.date.today().strftime("%Y-%m")
    r = call(c, "POST", f"/indicators/{ind}/readings", headers=ale, json_body={"period": month, "value": "sextio"})
    eq((r.status, r.json()["error"]["field"]), (422, "value"))
    r = call(c, "POST", f"/indicators/{ind}/readings", headers=ale, json_body={"period": month, "value": "61,5"})
    eq((r.status, r.json()["readings"][0]["value"], r.json()["status"]), (201, 61.5, "toward"))
    eq(call(c, "POST", f"/indicators/{boras['indicator']}/readings", headers=token("rektor@exempel.se"),
            json_body={"period": month, "value": "50"}).status, 409)
    # Borås kommun's approved plan: the agency decides; nothing is added to it; reopened.
    bplan = boras["plan"]
    undecided = query(db, f"SELECT MIN(id) FROM interventions WHERE plan_id = {bplan} AND funding = ''")
    eq(call(c, "POST", f"/plans/{bplan}/funding", headers=analyst,
            json_body={"intervention": undecided, "funding": "declined"}).status, 409)
    r = call(c, "POST", f"/plans/{bplan}/funding", headers=analyst,
             json_body={"intervention": undecided, "funding": "funded"})
    eq(r.status, 200, r.text[:300])
    eq(call(c, "POST", f"/interventions/{undecided}/indicators", headers=org,
            json_body={"measure": "x", "baseline": "1", "target": "2", "read_dates": "x"}).status, 409)
    eq(call(c, "POST", f"/plans/{bplan}/flow", headers=org, json_body={"action": "reopen"}).json()["state"], "draft")


def test_lists_share_one_envelope_and_page_by_next():
    a = login("admin@exempel.se")
    r = call(a, "GET", "/organisers", "per_page=2&q=kommun")
    page = r.json()
    eq(set(page), {"items", "total", "page", "per_page", "next"})
    eq((page["page"], page["per_page"], len(page["items"])), (1, 2, 2))
    assert page["next"].startswith("/api/v1/organisers?"), page["next"]
    following = a.get(page["next"]).json()
    eq(following["page"], 2)
    eq(set(x["orgnr"] for x in following["items"]) & set(x["orgnr"] for x in page["items"]), set())
    last = a.get(f"/api/v1/organisers?per_page=2&q=kommun&page={(page['total'] + 1) // 2}").json()
    eq(last["next"], None)
    # UTF-8 as it is, and numbers as their value.
    body = a.get("/api/v1/units/13746989").body.decode()
    assert "\\u00" not in body and "Fredriksborgskolan" in body, body[:200]
    assert not re.search(r"\d\.\d{16,}", body), "tal skrivs som sina värden"


def test_zz_every_status_occurred_and_every_answer_is_documented():
    """Last (by name): every documented status of every operation occurred in the tests
    above, and every answer they got is documented and matches its schema."""
    assert seen
    problems = []
    occurred = set()
    templates = [(re.compile("^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(p)) + "$"), p) for p in doc["paths"]]
    for method, concrete, status, body in seen:
        path = next(p for rx, p in templates if rx.match(concrete) and method.lower() in doc["paths"][p])
        op = doc["paths"][path][method.lower()]
        occurred.add((method, path, str(status)))
        resp = op["responses"].get(str(status))
        if not resp:
            problems.append(f"{method} {path}: {status} är inte dokumenterat")
            continue
        schema = resp["content"]["application/json"]["schema"]
        problems += [f"{method} {path} {status}: {e}" for e in validate(json.loads(body), schema)[:5]]
    for path, method, op in operations():
        for status in op["responses"]:
            if (method, path, status) not in occurred:
                problems.append(f"{method} {path}: {status} är dokumenterat men inträffade aldrig")
    assert not problems, "\n".join(problems[:60])
