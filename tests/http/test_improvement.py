"""The improvement work of a case, end to end on Borås kommun's demo case: the
current-state analyses of every level (written, commented on with mail to the writers,
approved, read-only once approved, a new version with its difference), evidence
documents, the move to Åtgärdsplan, plans with interventions, causes, goals and
indicators, the completeness check, the agency's funding decisions, the ÖK2 drafted from
them with the plans attached, and the move to Genomförande. Every role's view is
checked, and another organiser's user gets 404 on every analysis, plan, intervention,
document and comment route."""
import csv
import html
import hashlib
import io
import json
import re
import subprocess
import urllib.parse
import zipfile
from harness import Server, demo_db, query, query_all, eq, lacks, run_cli
from harness import contains as contains_raw


def contains(haystack, needle, what=""):
    """As the page reads: entities written as their characters."""
    contains_raw(html.unescape(haystack), needle, what)

srv = None
db = None
BORAS = "2120001561"
ALE = "2120001439"


def setup(tmp):
    global srv, db
    db = demo_db(tmp, with_data=False)
    run_cli(["user", "add", "--email", "ale@exempel.se", "--name", "Nils Ek", "--role", "organiser", "--organiser",
             ALE], db=db, stdin="samverkan-demo-2026\n")
    srv = Server(db)


def teardown():
    srv.stop()


def login(email):
    c = srv.client()
    c.login(email)
    return c


def form(c, path, fields):
    fields = dict(fields)
    fields["csrf"] = c.csrf("/")
    return c.post(path, fields)


def multi(c, path, pairs):
    """A form with repeated fields (checkboxes)."""
    body = urllib.parse.urlencode([("csrf", c.csrf("/"))] + pairs).encode()
    return c.request("POST", path, body, None, "application/x-www-form-urlencoded")


def token(email):
    return {"Authorization": "Bearer " + run_cli(["token", "create", "--email", email], db=db).stdout.strip()}


def api(c, method, path, body=None, headers=None):
    if body is None:
        return c.request(method, "/api/v1" + path, headers=headers)
    return c.request(method, "/api/v1" + path, json.dumps(body).encode(), headers, "application/json")


def pdf_text(data):
    p = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True)
    assert p.returncode == 0, p.stderr
    return p.stdout.decode("utf-8")


def case():
    return query(db, f"SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id WHERE o.orgnr = '{BORAS}'")


def analysis_of(unit_sql):
    return query(db, f"SELECT id FROM analyses WHERE case_id = {case()} AND unit_key = {unit_sql}")


def head_unit():
    return query(db, "SELECT unit_id FROM users WHERE email = 'rektor@exempel.se'")


def other_unit():
    return query(db, f"SELECT MIN(unit_id) FROM case_units WHERE case_id = {case()} AND unit_id <> {head_unit()}")


def docx_bytes(text):
    """A minimal but real Word document."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
                   'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/'
                   'xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
                   'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>' + text +
                   '</w:t></w:r></w:p></w:body></w:document>')
    return out.getvalue()


def test_each_role_sees_the_analyses_it_may_and_no_more():
    cid = case()
    org_level, own, other = analysis_of(0), analysis_of(head_unit()), analysis_of(other_unit())
    assert org_level and own and other, "demot har Borås analyser på alla nivåer"
    expected = {  # role: (organiser level, head's unit, another unit)
        "admin@exempel.se": (200, 200, 200), "analytiker@exempel.se": (200, 200, 200),
        "processtod@exempel.se": (200, 200, 200), "huvudman@exempel.se": (200, 200, 200),
        "rektor@exempel.se": (200, 200, 404), "analysgrupp@exempel.se": (404, 200, 404),
        "larosate@exempel.se": (200, 200, 200), "ekonomi@exempel.se": (403, 403, 403),
        "lasare@exempel.se": (403, 403, 403), "processtod3@exempel.se": (404, 404, 404),
        "ale@exempel.se": (404, 404, 404),
    }
    for email, want in expected.items():
        c = login(email)
        got = tuple(c.get(f"/analyses/{a}").status for a in (org_level, own, other))
        eq(got, want, email)
        listed = c.get(f"/api/v1/cases/{cid}/analyses")
        if want[0] == 403:
            eq(listed.status, 403, email)
        elif listed.status == 200:
            ids = {x["id"] for x in listed.json()["items"]}
            eq(ids, {a for a, s in zip((org_level, own, other), want) if s == 200}, email + " i API:t")
    # The plan: finance reads it for what it costs; the group member of a unit does not
    # read the organiser level's; the reader nothing.
    plan = query(db, f"SELECT id FROM plans WHERE case_id = {cid} AND unit_key = 0")
    for email, want in (("ekonomi@exempel.se", 200), ("huvudman@exempel.se", 200), ("rektor@exempel.se", 200),
                        ("analysgrupp@exempel.se", 404), ("lasare@exempel.se", 403), ("ale@exempel.se", 404)):
        eq(login(email).get(f"/plans/{plan}").status, want, email)
    # What waits for approval is on the approvers' start pages: the head its own unit's,
    # the organiser every unit's.
    start = login("rektor@exempel.se").get("/").text
    contains(start, "Väntar på ditt godkännande")
    contains(start, f'href="/analyses/{own}"')
    lacks(start, f'href="/analyses/{other}"')
    start = login("huvudman@exempel.se").get("/").text
    contains(start, f'href="/analyses/{own}"')
    contains(start, f'href="/analyses/{other}"')
    lacks(login("analytiker@exempel.se").get("/").text, "Väntar på ditt godkännande")
    page = login("huvudman@exempel.se").get(f"/cases/{cid}").text
    contains(page, "Nulägesanalyser")
    contains(page, "Åtgärdsplaner")
    contains(page, "Huvudmannanivå")


def test_write_comment_approve_and_a_new_version_with_its_difference():
    cid = case()
    own, other = analysis_of(head_unit()), analysis_of(other_unit())
    h, o, s = login("rektor@exempel.se"), login("huvudman@exempel.se"), login("processtod@exempel.se")
    # The head's unit's analysis waits for approval: nobody writes in it meanwhile.
    section = query(db, f"SELECT MIN(id) FROM analysis_sections WHERE analysis_id = {own}")
    version = query(db, f"SELECT version FROM analysis_sections WHERE id = {section}")
    r = form(h, f"/analyses/{own}/sections/{section}", {"version": version, "body": "Ändrat"})
    eq(r.status, 409)
    contains(r.text, "väntar på godkännande")
    # A supporter comments on a heading: the writers are told by mail, the supporter is not.
    before = query(db, "SELECT COUNT(*) FROM outbox")
    r = form(s, f"/analyses/{own}/comments", {"section": section, "body": "Vilka underlag visar detta?"})
    eq(r.status, 303, r.text[:300])
    to = {row[0] for row in query_all(db, "SELECT recipient FROM outbox WHERE subject LIKE 'Ny kommentar%' "
                                          f"ORDER BY id DESC LIMIT {query(db, 'SELECT COUNT(*) FROM outbox') - before}")}
    assert {"rektor@exempel.se", "huvudman@exempel.se"} <= to, to
    assert "processtod@exempel.se" not in to, to
    contains(h.get(f"/analyses/{own}").text, "Vilka underlag visar detta?")
    # Only the own unit's head (or the organiser) approves; the head approves its own.
    eq(form(h, f"/analyses/{other}/flow", {"action": "approve"}).status, 404)
    r = form(s, f"/analyses/{own}/flow", {"action": "approve"})
    eq(r.status, 409)
    contains(r.text, "Bara enhetens rektor eller huvudmannen")
    r = form(h, f"/analyses/{own}/flow", {"action": "return"})
    eq(r.status, 422)
    contains(r.text, "Skriv vad som behöver ändras")
    eq(form(h, f"/analyses/{own}/flow", {"action": "approve"}).status, 303)
    eq(query(db, f"SELECT state || version FROM analyses WHERE id = {own}"), "approved1")
    # Approved: read-only, by the page and by the API.
    r = form(h, f"/analyses/{own}/sections/{section}", {"version": version, "body": "Ändrat efteråt"})
    eq(r.status, 409)
    contains(r.text, "Analysen är godkänd och kan inte ändras")
    r = api(srv.client(), "POST", f"/analyses/{own}/problems", {"title": "Nytt"}, token("rektor@exempel.se"))
    eq(r.status, 409)
    page = h.get(f"/analyses/{own}").text
    lacks(page, f'action="/analyses/{own}/sections/')
    contains(page, "Öppna för en ny version")
    # A new version: opened, changed, approved again; the difference is readable.
    eq(form(h, f"/analyses/{own}/flow", {"action": "reopen"}).status, 303)
    old = query(db, f"SELECT body FROM analysis_sections WHERE id = {section}")
    version = query(db, f"SELECT version FROM analysis_sections WHERE id = {section}")
    new_text = old + " Sedan i höstas använder alla lärare exit tickets."
    eq(form(h, f"/analyses/{own}/sections/{section}", {"version": version, "body": new_text}).status, 303)
    # Two people on the same heading: the second, based on the older version, gets the
    # difference and keeps its text; nothing is written over.
    r = form(o, f"/analyses/{own}/sections/{section}", {"version": version, "body": "Min egen version"})
    eq(r.status, 409)
    contains(r.text, "Någon annan sparade medan du skrev")
    contains(r.text, "Min egen version</textarea>")
    eq(query(db, f"SELECT body FROM analysis_sections WHERE id = {section}"), new_text)
    eq(form(h, f"/analyses/{own}/flow", {"action": "submit"}).status, 303)
    eq(form(h, f"/analyses/{own}/flow", {"action": "approve"}).status, 303)
    eq(query(db, f"SELECT version FROM analyses WHERE id = {own}"), 2)
    diff = h.get(f"/analyses/{own}/versions").text
    contains(diff, "Skillnad mellan version 1 och version 2")
    contains(diff, "<ins>Sedan i höstas använder alla lärare exit tickets.</ins>")
    eq(query(db, f"SELECT COUNT(*) FROM analysis_versions WHERE analysis_id = {own}"), 2)
    # The PDF holds the text.
    pdf = h.get(f"/analyses/{own}/document.pdf")
    eq(pdf.header("Content-Type"), "application/pdf")
    contains(pdf_text(pdf.body), "exit tickets")
    # Submitting needs problems with causes: a new problem without a cause stops it.
    eq(form(h, f"/analyses/{own}/flow", {"action": "reopen"}).status, 303)
    r = form(h, f"/analyses/{own}/problems", {"title": "Låg närvaro", "result": "Frånvaron är hög i åk 8.",
                                               "evidence": "Närvarostatistiken."})
    eq(r.status, 303, r.text[:300])
    r = form(h, f"/analyses/{own}/flow", {"action": "submit"})
    eq(r.status, 409)
    contains(r.text, "Problemet \"Låg närvaro\" har ingen orsak.")
    problem = query(db, f"SELECT id FROM analysis_problems WHERE analysis_id = {own} AND title = 'Låg närvaro'")
    eq(form(h, f"/analyses/{own}/problems/{problem}/causes", {"kind": "steering", "text": "Ingen gemensam rutin."}
            ).status, 303)
    eq(form(h, f"/analyses/{own}/flow", {"action": "submit"}).status, 303)
    eq(form(h, f"/analyses/{own}/flow", {"action": "approve"}).status, 303)
    # The other unit's analysis is approved by the organiser; the case may now move on.
    r = form(login("analytiker@exempel.se"), f"/cases/{cid}/phase", {"phase": "atgardsplan"})
    eq(r.status, 422)
    contains(r.text, "godkänd nulägesanalys saknas för")
    eq(form(o, f"/analyses/{other}/flow", {"action": "approve"}).status, 303)
    eq(form(login("analytiker@exempel.se"), f"/cases/{cid}/phase", {"phase": "atgardsplan"}).status, 303)


def test_documents_round_trip_byte_for_byte_and_other_files_are_refused():
    h = login("rektor@exempel.se")
    own = analysis_of(head_unit())
    state = query(db, f"SELECT state FROM analyses WHERE id = {own}")
    if state != "draft":  # back to the group: opened anew, or returned while it waits
        step = {"action": "reopen"} if state == "approved" else {"action": "return", "reason": "Lägg till underlag."}
        eq(form(h, f"/analyses/{own}/flow", step).status, 303)
    pdf = h.get(f"/analyses/{own}/document.pdf").body
    assert pdf.startswith(b"%PDF-"), pdf[:10]
    docx = docx_bytes("Sammanställning av lektionsobservationer")
    for name, content, mime in (("observationer.pdf", pdf, "application/pdf"),
                                ("sammanställning.docx", docx, "application/vnd.openxmlformats-officedocument."
                                                                "wordprocessingml.document")):
        r = h.upload(f"/analyses/{own}/documents", {"csrf": h.csrf("/")}, "file", name, content)
        eq(r.status, 303, r.text[:400])
        did = query(db, f"SELECT MAX(id) FROM analysis_documents WHERE analysis_id = {own}")
        eq(query(db, f"SELECT sha256 FROM analysis_documents WHERE id = {did}"), hashlib.sha256(content).hexdigest())
        back = h.get(f"/analyses/{own}/documents/{did}")
        eq(back.status, 200)
        eq(back.header("Content-Type"), mime)
        assert back.body == content, f"{name} kom inte tillbaka byte för byte"
    # A renamed program, an empty file, a text file: refused naming the file; nothing stored.
    count = query(db, f"SELECT COUNT(*) FROM analysis_documents WHERE analysis_id = {own}")
    with open("/bin/true", "rb") as f:
        program = f.read()
    for name, content, message in (("rapport.pdf", program, "rapport.pdf: filen är inte en PDF"),
                                   ("tom.pdf", b"", "tom.pdf: filen är tom"),
                                   ("anteckningar.docx", b"PK\x03\x04inte ett dokument", "anteckningar.docx: filen")):
        r = h.upload(f"/analyses/{own}/documents", {"csrf": h.csrf("/")}, "file", name, content)
        eq(r.status, 422, name)
        contains(r.text, message)
    # Too large: refused naming the file and the limit.
    big = b"%PDF-1.7\n" + b"0" * (21 * 1024 * 1024)
    r = h.upload(f"/analyses/{own}/documents", {"csrf": h.csrf("/")}, "file", "stor.pdf", big)
    eq(r.status, 413)
    contains(r.text, "stor.pdf: filen är för stor (23 MB); högst 20 MB tas emot.")
    eq(query(db, f"SELECT COUNT(*) FROM analysis_documents WHERE analysis_id = {own}"), count)
    # Another organiser's user, the reader and a group member of another unit never get it.
    did = query(db, f"SELECT MAX(id) FROM analysis_documents WHERE analysis_id = {own}")
    eq(login("ale@exempel.se").get(f"/analyses/{own}/documents/{did}").status, 404)
    eq(login("lasare@exempel.se").get(f"/analyses/{own}/documents/{did}").status, 403)
    eq(login("larosate@exempel.se").get(f"/analyses/{own}/documents/{did}").status, 200)
    # A document id of another analysis through this one: 404.
    org_level = analysis_of(0)
    eq(h.get(f"/analyses/{org_level}/documents/{did}").status, 404)
    eq(form(h, f"/analyses/{own}/flow", {"action": "submit"}).status, 303)
    eq(form(h, f"/analyses/{own}/flow", {"action": "approve"}).status, 303)


def fill_intervention(c, iid, causes, **fields):
    version = query(db, f"SELECT version FROM interventions WHERE id = {iid}")
    values = {"version": str(version), "title": "Kollegialt lärande om återkoppling", "area": "2",
              "description": "Lärarna arbetar i lärgrupper med återkoppling under lektionerna.",
              "target_group": "lärare", "responsible": "Rektor", "provider": "programme", "provider_name": "",
              "programme": str(query(db, "SELECT id FROM national_programmes WHERE name = 'Matematiklyftet'")),
              "start_date": "2026-08-15", "end_date": "2027-06-15", "cost": "240000",
              "goals": "Fler elever når godkända betyg i alla ämnen.", "national_goals": "Läroplanens kunskapskrav.",
              "follow_up": "Rektor följer upp varje termin med arbetslagen.", "state": "planned"}
    values.update(fields)
    return multi(c, f"/interventions/{iid}", list(values.items()) + [("causes", str(k)) for k in causes])


def test_a_plan_with_interventions_the_completeness_check_and_funding():
    cid = case()
    h, o, a = login("rektor@exempel.se"), login("huvudman@exempel.se"), login("analytiker@exempel.se")
    own = analysis_of(head_unit())
    assert query(db, f"SELECT version FROM analyses WHERE id = {own}") > 0
    r = form(h, f"/cases/{cid}/plans", {"unit": head_unit()})
    eq(r.status, 303, r.text[:300])
    plan = int(r.header("Location").rsplit("/", 1)[1])
    page = h.get(f"/plans/{plan}").text
    contains(page, "Planen har inga insatser.")
    r = form(h, f"/plans/{plan}/interventions", {"title": "Kollegialt lärande om återkoppling", "area": "2"})
    eq(r.status, 303, r.text[:300])
    iid = int(r.header("Location").rsplit("/", 1)[1])
    page = h.get(f"/plans/{plan}").text
    contains(page, "Insatsen \"Kollegialt lärande om återkoppling\" svarar inte mot någon orsak.")
    contains(page, "saknar kostnad")
    r = form(h, f"/plans/{plan}/flow", {"action": "submit"})
    eq(r.status, 409)
    contains(r.text, "Planen kan inte skickas för godkännande än")
    # The intervention filled in, answering a cause; the end before the start is refused.
    teaching = query(db, f"SELECT MIN(id) FROM analysis_causes WHERE analysis_id = {own} AND kind = 'teaching'")
    r = fill_intervention(h, iid, [teaching], end_date="2026-01-01")
    eq(r.status, 422)
    contains(r.text, "Slutdatumet (2026-01-01) ligger före startdatumet (2026-08-15)")
    eq(fill_intervention(h, iid, [teaching]).status, 303)
    page = h.get(f"/plans/{plan}").text
    contains(page, "Målen för insatsen \"Kollegialt lärande om återkoppling\" har ingen indikator.")
    r = form(h, f"/interventions/{iid}/indicators", {"measure": "Andel elever med godkända betyg i alla ämnen",
                                                      "baseline": "68 %", "target": "80 %",
                                                      "read_dates": "2027-06-15"})
    eq(r.status, 303, r.text[:300])
    # The problems no intervention answers need a reason.
    unanswered = [row[0] for row in query_all(db, f"SELECT p.id FROM analysis_problems p WHERE p.analysis_id = {own} "
                                                  "AND NOT EXISTS (SELECT 1 FROM intervention_links l WHERE "
                                                  "l.problem_id = p.id) ORDER BY p.id")]
    assert unanswered, "minst ett problem utan insats"
    contains(h.get(f"/plans/{plan}").text, "Ingen insats svarar mot problemet")
    for p in unanswered:
        eq(form(h, f"/plans/{plan}/unanswered", {"problem": p, "reason": "Tas om hand i huvudmannens plan."}).status,
           303)
    contains(h.get(f"/plans/{plan}").text, "Planen är komplett och kan skickas för godkännande.")
    eq(form(h, f"/plans/{plan}/flow", {"action": "submit"}).status, 303)
    eq(form(h, f"/plans/{plan}/flow", {"action": "approve"}).status, 303)
    # The other unit's plan through the API, as the organiser.
    other = analysis_of(other_unit())
    t = token("huvudman@exempel.se")
    r = api(srv.client(), "POST", f"/cases/{cid}/plans", {"unit": other_unit()}, t)
    eq(r.status, 201, r.text[:300])
    other_plan = r.json()["id"]
    missing = r.json()["missing"]
    eq(missing[0], "Planen har inga insatser.")
    eq(len(missing), 1 + query(db, f"SELECT COUNT(*) FROM analysis_problems WHERE analysis_id = {other}"))
    assert all(m.startswith("Ingen insats svarar mot problemet") for m in missing[1:]), missing
    r = api(srv.client(), "POST", f"/plans/{other_plan}/interventions", {"title": "Elevhälsan tidigt in"}, t)
    eq(r.status, 201, r.text[:300])
    oid = r.json()["id"]
    causes = [int(row[0]) for row in query_all(db, f"SELECT id FROM analysis_causes WHERE analysis_id = {other}")]
    body = {"version": 1, "title": "Elevhälsan tidigt in", "provider": "university",
            "provider_name": "Karlstads universitet", "cost": 120000, "goals": "Stöd sätts in inom två veckor.",
            "start_date": "2026-09-01", "end_date": "2027-06-30", "causes": causes, "target_group": "elevhälsa"}
    r = api(srv.client(), "POST", f"/interventions/{oid}", body, t)
    eq(r.status, 200, r.text[:300])
    eq((r.json()["cost"], sorted(r.json()["causes"]), r.json()["version"]), (120000, sorted(causes), 2))
    r = api(srv.client(), "POST", f"/interventions/{oid}", dict(body, title="Gammal kopia"), t)
    eq((r.status, r.json()["error"]["field"]), (409, "version"))
    r = api(srv.client(), "POST", f"/interventions/{oid}/indicators", {"measure": "Dagar till stöd", "baseline": "45",
                                                                        "target": "14", "read_dates": "varje termin"}, t)
    eq(r.status, 201, r.text[:300])
    r = api(srv.client(), "POST", f"/plans/{other_plan}/flow", {"action": "submit"}, t)
    eq(r.status, 200, r.text[:300])
    eq(api(srv.client(), "POST", f"/plans/{other_plan}/flow", {"action": "approve"}, t).json()["state"], "approved")
    # The move to ÖK2 waits for the agency's decisions, and names them.
    r = form(a, f"/cases/{cid}/phase", {"phase": "ok2"})
    eq(r.status, 422)
    contains(r.text, "Skolverket har inte beslutat om finansiering av alla insatser")
    # Funding: only the agency; a declined intervention needs a reason.
    eq(form(h, f"/plans/{plan}/funding", {"intervention": iid, "funding": "funded"}).status, 403)
    r = form(a, f"/plans/{other_plan}/funding", {"intervention": oid, "funding": "declined"})
    eq(r.status, 422)
    contains(r.text, "Skriv varför insatsen inte finansieras.")
    eq(form(a, f"/plans/{plan}/funding", {"intervention": iid, "funding": "funded", "reason": "Svarar mot "
                                          "skolans huvudproblem."}).status, 303)
    eq(form(a, f"/plans/{other_plan}/funding", {"intervention": oid, "funding": "declined",
                                                "reason": "Ryms i elevhälsans ordinarie uppdrag."}).status, 303)
    for p in query_all(db, f"SELECT id FROM plans WHERE case_id = {cid}"):
        for i in query_all(db, f"SELECT id FROM interventions WHERE plan_id = {p[0]} AND funding = ''"):
            eq(form(a, f"/plans/{p[0]}/funding", {"intervention": i[0], "funding": "funded", "reason": ""}).status, 303)
    eq(form(a, f"/cases/{cid}/phase", {"phase": "ok2"}).status, 303)
    # The traceability: problem → cause → intervention → goal → indicator, gaps marked.
    trace = h.get(f"/cases/{cid}/traceability").text
    contains(trace, "Kollegialt lärande om återkoppling")
    contains(trace, "Medvetet obesvarat: Tas om hand i huvudmannens plan.")
    rows = list(csv.reader(io.StringIO(h.get(f"/cases/{cid}/traceability.csv").body.decode("utf-8-sig")), delimiter=";"))
    eq(rows[0], ["Plan", "Problem", "Slag av orsak", "Orsak", "Insats", "Mål", "Indikator", "Lucka"])
    assert any(r[4] == "Kollegialt lärande om återkoppling" and r[6].startswith("Andel elever") and r[7] == ""
               for r in rows[1:]), rows
    # Every intervention across the cases, for the agency only.
    export = a.get("/interventions.csv")
    eq(export.status, 200)
    text = export.body.decode("utf-8-sig")
    contains(text, "Kollegialt lärande om återkoppling")
    contains(text, "Finansieras inte")
    eq(o.get("/interventions.csv").status, 403)
    eq(a.get("/interventions.xlsx").status, 200)


def test_the_ok2_is_drafted_from_the_funded_interventions_and_signed_into_delivery():
    cid = case()
    a, o = login("analytiker@exempel.se"), login("huvudman@exempel.se")
    funded = query_all(db, f"SELECT title, cost FROM interventions WHERE case_id = {cid} AND funding = 'funded'")
    assert len(funded) >= 2, funded
    total = sum(int(c) for _, c in funded)
    r = form(a, f"/cases/{cid}/agreements/ok2", {})
    eq(r.status, 303, r.text[:300])
    aid = int(r.header("Location").split("/agreements/")[1].split("?")[0])
    body = a.get(f"/api/v1/agreements/{aid}").json()
    eq((body["kind"], body["content"]["amount_ore"]), ("ok2", total * 100))
    listing = body["content"]["sections"]["interventions"]
    for title, _ in funded:
        contains(listing, title)
    lacks(listing, "Elevhälsan tidigt in")  # declined
    eq(form(a, f"/agreements/{aid}/actions", {"action": "send"}).status, 303)
    eq(form(a, f"/agreements/{aid}/actions", {"action": "approve", "confirm": "1"}).status, 303)
    eq(form(o, f"/agreements/{aid}/actions", {"action": "approve", "confirm": "1"}).status, 303)
    eq(query(db, f"SELECT state FROM agreements WHERE id = {aid}"), "signed")
    text = pdf_text(o.get(f"/agreements/{aid}/document.pdf").body)
    contains(text, "Bilaga: godkänd åtgärdsplan")
    contains(text, "Kollegialt lärande om återkoppling")
    eq(form(a, f"/cases/{cid}/phase", {"phase": "genomforande"}).status, 303)
    eq(query(db, f"SELECT phase FROM cases WHERE id = {cid}"), "genomforande")


def test_another_organisers_user_gets_404_on_every_route_of_the_work():
    cid = case()
    own = analysis_of(head_unit())
    section = query(db, f"SELECT MIN(id) FROM analysis_sections WHERE analysis_id = {own}")
    problem = query(db, f"SELECT MIN(id) FROM analysis_problems WHERE analysis_id = {own}")
    cause = query(db, f"SELECT MIN(id) FROM analysis_causes WHERE analysis_id = {own}")
    doc = query(db, f"SELECT MIN(id) FROM analysis_documents WHERE analysis_id = {own}")
    plan = query(db, f"SELECT MIN(id) FROM plans WHERE case_id = {cid}")
    iid = query(db, f"SELECT MIN(id) FROM interventions WHERE plan_id = {plan}")
    ind = query(db, f"SELECT MIN(x.id) FROM indicators x JOIN interventions i ON i.id = x.intervention_id "
                    f"WHERE i.plan_id = {plan}")
    paths = {
        "GET": [f"/analyses/{own}", f"/analyses/{own}/document.pdf", f"/analyses/{own}/versions",
                f"/analyses/{own}/problems/{problem}", f"/analyses/{own}/documents/{doc}", f"/plans/{plan}",
                f"/plans/{plan}/document.pdf", f"/plans/{plan}/versions", f"/interventions/{iid}", f"/cases/{cid}/traceability",
                f"/cases/{cid}/traceability.csv", f"/api/v1/cases/{cid}/analyses", f"/api/v1/analyses/{own}",
                f"/api/v1/cases/{cid}/plans", f"/api/v1/plans/{plan}", f"/api/v1/interventions/{iid}"],
        "POST": [f"/cases/{cid}/analyses", f"/analyses/{own}/sections/{section}", f"/analyses/{own}/comments",
                 f"/analyses/{own}/flow", f"/analyses/{own}/problems", f"/analyses/{own}/problems/{problem}",
                 f"/analyses/{own}/problems/{problem}/remove", f"/analyses/{own}/problems/{problem}/causes",
                 f"/analyses/{own}/causes/{cause}/remove", f"/analyses/{own}/documents", f"/cases/{cid}/plans",
                 f"/plans/{plan}/interventions", f"/plans/{plan}/flow", f"/plans/{plan}/unanswered",
                 f"/interventions/{iid}", f"/interventions/{iid}/remove", f"/interventions/{iid}/indicators",
                 f"/plans/{plan}/indicators/{ind}/remove"],
    }
    ale = login("ale@exempel.se")
    csrf = ale.csrf("/")
    before = query(db, "SELECT COUNT(*) FROM audit")
    for method, items in paths.items():
        for p in items:
            if method == "GET":
                r = ale.get(p)
            else:
                r = ale.request("POST", p, urllib.parse.urlencode({"csrf": csrf, "version": "1", "title": "x",
                                                                   "body": "x", "action": "submit", "kind": "teaching",
                                                                   "text": "x", "provider": "organiser",
                                                                   "problem": str(problem), "measure": "x",
                                                                   "baseline": "1", "target": "2",
                                                                   "read_dates": "x"}).encode(),
                                {"X-CSRF-Token": csrf}, "application/x-www-form-urlencoded")
            eq(r.status, 404, f"{method} {p}")
            lacks(r.text, "Fredriksborg")
    eq(query(db, "SELECT COUNT(*) FROM audit"), before, "inget ändrades")


def test_a_collaboration_at_organiser_level_only_has_no_units_and_a_shorter_period():
    a = login("analytiker@exempel.se")
    r = form(a, "/cases/organiser-level", {"orgnr": "212000-2783", "date": "2026-03-02", "months": "18"})
    eq(r.status, 303, r.text[:300])
    cid = int(r.header("Location").split("/cases/")[1].split("?")[0])
    eq(query(db, f"SELECT planned_end FROM cases WHERE id = {cid}"), "2027-09-02")
    page = a.get(f"/cases/{cid}").text
    contains(page, "Samverkan på huvudmannanivå, utan valda enheter")
    r = form(a, "/cases/organiser-level", {"orgnr": "212000-2783", "date": "2026-03-02", "months": "18"})
    eq(r.status, 422)
    contains(r.text, "redan en samverkan på huvudmannanivå")
    eq(form(login("huvudman@exempel.se"), "/cases/organiser-level", {"orgnr": "212000-1561", "date": "2026-03-02",
                                                                      "months": "12"}).status, 403)
    # ÖK1 needs no unit here, but two supporters and the decision on support.
    for email in ("processtod2@exempel.se", "processtod3@exempel.se"):
        uid = query(db, f"SELECT id FROM users WHERE email = '{email}'")
        eq(form(a, f"/cases/{cid}/supporters", {"user": uid}).status, 303)
    r = form(a, f"/cases/{cid}/phase", {"phase": "ok1"})
    eq(r.status, 422)
    contains(r.text, "Skolverkets beslut om stöd är inte registrerat")
    eq(form(a, f"/cases/{cid}/support", {"date": "2026-03-16", "registry_number": "2026:311"}).status, 303)
    eq(form(a, f"/cases/{cid}/phase", {"phase": "ok1"}).status, 303)
    # Its analysis is the organiser level's alone.
    slots = [row for row in re.findall(r'<th scope="row">(?:<a [^>]*>)?([^<]+)', a.get(f"/cases/{cid}").text)]
    assert "Huvudmannanivå" in slots, slots
