"""The collaboration case: started by an accepted offer with its units, units added by a
supplementary decision, phase moves by the rules (refused with the reason, recorded in
the timeline), people and university; who sees which case, by page, API and export."""
import csv
import io
import json
import re
import urllib.parse
from harness import Server, demo_db, query, query_all, eq, contains, lacks, run_cli, have_data, Skip

srv = None
db = None


def setup(tmp):
    global srv, db
    if not have_data():
        raise Skip("../shared/data saknas")
    db = demo_db(tmp, with_data=True)
    run_cli(["user", "add", "--email", "processtod9@exempel.se", "--name", "Sara Berg", "--role", "supporter"], db=db,
            stdin="samverkan-demo-2026\n")
    srv = Server(db)


def teardown():
    srv.stop()


def login(email):
    c = srv.client()
    c.login(email)
    return c


def case_id(orgnr):
    return query(db, f"SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id WHERE o.orgnr = '{orgnr}' "
                     "ORDER BY c.decision_date LIMIT 1")


def form(c, path, fields):
    fields = dict(fields)
    fields["csrf"] = c.csrf("/")
    return c.post(path, fields)


GOTEBORG, BORAS, ALE, KIRUNA = "2120001355", "2120001561", "2120001439", "2120002783"


def test_an_accepted_offer_starts_a_case_with_its_units_and_dates():
    a = login("analytiker@exempel.se")
    cid = case_id(GOTEBORG)  # accepted in the demo's spring round
    data = json.loads(a.get(f"/api/v1/cases/{cid}").body)
    eq(data["phase"], "accepterad")
    eq((data["decision_date"], data["start_date"], data["planned_end"]), ("2026-05-04", "2026-05-04", "2029-05-04"))
    chosen = query(db, "SELECT COUNT(*) FROM round_choices c JOIN organisers o ON o.id = c.organiser_id "
                       f"WHERE o.orgnr = '{GOTEBORG}' AND c.round_id = (SELECT id FROM selection_rounds "
                       "WHERE name = 'Urval våren 2026')")
    eq(len(data["units"]), chosen, "de valda enheterna")
    contains(data["timeline"][0]["note"], "Erbjudandet accepterat")
    # A supplementary decision after the acceptance adds the unit to the case.
    spring = query(db, "SELECT id FROM selection_rounds WHERE name = 'Urval våren 2026'")
    r = form(a, f"/rounds/{spring}/choices", {"code": "16464648", "ranking": "dialog", "reason": "Efter dialog",
                                              "supplementary_date": "2026-06-01"})
    eq(r.status, 303, r.text[:300])
    data = json.loads(a.get(f"/api/v1/cases/{cid}").body)
    eq(len(data["units"]), chosen + 1)
    added = [u for u in data["units"] if u["code"] == "16464648"][0]
    eq((added["decision"], added["decision_date"]), ("supplementary", "2026-06-01"))
    page = a.get(f"/cases/{cid}").text
    contains(page, "Frölundaskolan F-9")
    contains(page, "Tilläggsbeslut 2026-06-01")


def test_a_phase_move_follows_the_rules_and_is_recorded():
    a = login("analytiker@exempel.se")
    cid = case_id(KIRUNA)
    base = f"/cases/{cid}"
    # The demo gives Kiruna its two supporters; take them off to see the rule for ÖK1.
    demo = [query(db, f"SELECT p.id FROM case_people p JOIN users u ON u.id = p.user_id WHERE p.case_id = {cid} "
                      f"AND u.email = '{e}'") for e in ("processtod2@exempel.se", "processtod3@exempel.se")]
    assert all(demo), "demots två processtödjare i Kiruna"
    for person in demo:
        eq(form(a, f"{base}/people/{person}/remove", {}).status, 303)
    r = form(a, f"{base}/phase", {"phase": "nulagesanalys"})
    eq(r.status, 422)
    contains(r.text, "Ärendet kan inte hoppa över ÖK1")
    r = form(a, f"{base}/phase", {"phase": "ok1"})
    eq(r.status, 422)
    contains(r.text, "två processtödjare ska vara tilldelade")
    users = {e: query(db, f"SELECT id FROM users WHERE email = '{e}'") for e in
             ("processtod@exempel.se", "processtod9@exempel.se", "huvudman@exempel.se")}
    r = form(a, f"{base}/supporters", {"user": users["huvudman@exempel.se"]})
    eq(r.status, 422)
    contains(r.text, "rollen Processtödjare")
    for e in ("processtod@exempel.se", "processtod9@exempel.se"):
        eq(form(a, f"{base}/supporters", {"user": users[e]}).status, 303)
    r = form(a, f"{base}/supporters", {"user": users["processtod@exempel.se"]})
    eq(r.status, 422)
    contains(r.text, "redan tilldelad")
    # ÖK1 waits for the agency's decision on support, which is not dated before the selection.
    r = form(a, f"{base}/phase", {"phase": "ok1"})
    eq(r.status, 422)
    contains(r.text, "Skolverkets beslut om stöd är inte registrerat")
    r = form(a, f"{base}/support", {"date": "2020-01-01", "registry_number": "2025:4711"})
    eq(r.status, 422)
    contains(r.text, "tidigast urvalsbeslutet")
    eq(form(login("processtod@exempel.se"), f"{base}/support", {"date": "2025-11-20", "registry_number": "2025:4711"}
            ).status, 403)
    eq(form(a, f"{base}/support", {"date": "2025-11-20", "registry_number": "2025:4711"}).status, 303)
    contains(a.get(base).text, "Skolverket beslutade om stöd 2025-11-20, dnr 2025:4711.")
    r = form(a, f"{base}/phase", {"phase": "ok1", "note": "ÖK1 skickas till huvudmannen"})
    eq(r.status, 303)
    r = form(a, f"{base}/phase", {"phase": "nulagesanalys"})
    eq(r.status, 422)
    contains(r.text, "ÖK1 är inte undertecknad")
    r = form(a, f"{base}/phase", {"phase": "accepterad"})
    eq(r.status, 422)
    contains(r.text, "Skriv varför ärendet flyttas tillbaka")
    eq(form(a, f"{base}/phase", {"phase": "accepterad", "note": "Fel ärende flyttat"}).status, 303)
    data = json.loads(a.get(f"/api/v1/cases/{cid}").body)
    eq(data["phase"], "accepterad")
    moves = [(e["from_phase"], e["to_phase"], e["note"]) for e in data["timeline"] if e["kind"] == "phase"]
    eq(moves, [("accepterad", "ok1", "ÖK1 skickas till huvudmannen"), ("ok1", "accepterad", "Fel ärende flyttat")])
    assert any(e["kind"] == "support" and "dnr 2025:4711" in e["note"] for e in data["timeline"]), data["timeline"]
    page = a.get(base).text
    contains(page, 'aria-current="step">Accepterad')
    contains(page, "Fel ärende flyttat")
    # A supporter moves forward but not back; the organiser cannot move at all.
    s = login("processtod9@exempel.se")
    eq(form(s, f"{base}/phase", {"phase": "ok1"}).status, 303)
    r = form(s, f"{base}/phase", {"phase": "accepterad", "note": "x"})
    eq(r.status, 422)
    contains(r.text, "Bara myndighetens urvalsanalytiker")
    eq(form(login("huvudman@exempel.se"), f"/cases/{case_id(BORAS)}/phase", {"phase": "atgardsplan"}).status, 403)


def test_people_and_university_team():
    a = login("analytiker@exempel.se")
    cid = case_id(GOTEBORG)
    r = form(a, f"/cases/{cid}/university", {"university": "Göteborgs universitet", "team_leader": "Eva Lund",
                                             "education_leaders": "Omar Said, Lisa Ek", "version": "1"})
    eq(r.status, 303)
    # A second person whose form was also based on version 1 writes nothing over it.
    b = login("admin@exempel.se")
    r = form(b, f"/cases/{cid}/university", {"university": "Chalmers tekniska högskola", "team_leader": "Per Ny",
                                             "version": "1"})
    eq(r.status, 409)
    contains(r.text, "Någon annan sparade medan du skrev")
    contains(r.text, "Jonas Eklund")
    contains(r.text, "<del>Eva Lund</del><ins>Per Ny</ins>")
    contains(r.text, 'value="Per Ny"')
    contains(r.text, 'name="version" value="2"')
    eq(query(db, f"SELECT team_leader FROM cases WHERE id = {cid}"), "Eva Lund")
    page = a.get(f"/cases/{cid}").text
    contains(page, "Eva Lund")
    contains(page, "Omar Said, Lisa Ek")
    r = form(a, f"/cases/{cid}/contacts", {"name": "Maria Holm", "email": "inte-en-adress"})
    eq(r.status, 400)
    eq(form(a, f"/cases/{cid}/contacts", {"name": "Maria Holm", "email": "maria.holm@exempel.se"}).status, 303)
    page = a.get(f"/cases/{cid}").text
    contains(page, "Maria Holm")
    # A contact is corrected on its own page; two corrections from the same version never
    # write over each other.
    person = query(db, f"SELECT id FROM case_people WHERE case_id = {cid} AND name = 'Maria Holm'")
    contains(page, f'href="/cases/{cid}/people/{person}"')
    edit = a.get(f"/cases/{cid}/people/{person}")
    eq(edit.status, 200)
    contains(edit.text, 'name="version" value="1"')
    contains(edit.text, 'value="maria.holm@exempel.se"')
    r = form(a, f"/cases/{cid}/people/{person}", {"name": "Maria Holm", "email": "inte-en-adress", "version": "1"})
    eq(r.status, 400)
    contains(r.text, 'id="e-email"')
    eq(form(a, f"/cases/{cid}/people/{person}", {"name": "Maria Holm", "email": "maria.holm@boras.se",
                                                  "version": "1"}).status, 303)
    o = b
    r = form(o, f"/cases/{cid}/people/{person}", {"name": "Maria Holm-Ek", "email": "maria@exempel.se", "version": "1"})
    eq(r.status, 409, "den andra rättelsen vägras")
    contains(r.text, "Någon annan sparade medan du skrev")
    contains(r.text, "Jonas Eklund")
    contains(r.text, "<del>maria.holm@boras.se</del><ins>maria@exempel.se</ins>")
    contains(r.text, 'value="Maria Holm-Ek"')
    contains(r.text, 'name="version" value="2"')
    eq(query(db, f"SELECT email FROM case_people WHERE id = {person}"), "maria.holm@boras.se")
    # Sent again knowingly, on the version now shown, it is saved.
    eq(form(o, f"/cases/{cid}/people/{person}", {"name": "Maria Holm-Ek", "email": "maria@exempel.se",
                                                  "version": "2"}).status, 303)
    eq(query(db, f"SELECT name FROM case_people WHERE id = {person}"), "Maria Holm-Ek")
    contains(a.get(f"/cases/{cid}").text, "Kontaktperson ändrad: Maria Holm-Ek.")
    # A supporter is not a contact: it has no such page.
    supporter = query(db, f"SELECT id FROM case_people WHERE case_id = {cid} AND role = 'supporter' LIMIT 1")
    if supporter:
        eq(a.get(f"/cases/{cid}/people/{supporter}").status, 404)
    # Another organiser's user reaches neither the page nor the save.
    other = login("huvudman@exempel.se")
    eq(other.get(f"/cases/{cid}/people/{person}").status, 404)
    eq(form(other, f"/cases/{cid}/people/{person}", {"name": "X", "email": "", "version": "3"}).status, 404)
    eq(query(db, f"SELECT name FROM case_people WHERE id = {person}"), "Maria Holm-Ek")
    # The university now sees the case; Karlstad (the demo's university) does not.
    u = login("larosate@exempel.se")
    eq(u.get(f"/cases/{cid}").status, 404)


def test_each_role_sees_only_its_cases():
    all_ids = {case_id(o) for o in (GOTEBORG, BORAS, ALE, KIRUNA)}
    def listed(c):
        return {x["id"] for x in json.loads(c.get("/api/v1/cases").body)["items"]}
    eq(listed(login("analytiker@exempel.se")) >= all_ids, True)
    eq(listed(login("ekonomi@exempel.se")) >= all_ids, True)
    # The demo supporter is assigned to Borås and Ale (and, above, Kiruna).
    s = login("processtod@exempel.se")
    mine = listed(s)
    eq(case_id(GOTEBORG) in mine, False, "inte tilldelad Göteborg")
    eq({case_id(BORAS), case_id(ALE)} <= mine, True)
    eq(s.get(f"/cases/{case_id(GOTEBORG)}").status, 404)
    eq(s.get(f"/api/v1/cases/{case_id(GOTEBORG)}").status, 404)
    lacks(s.get("/cases").text, "Göteborgs kommun")
    # The organiser (Borås) sees its own case only, by page, API and export.
    o = login("huvudman@exempel.se")
    eq(listed(o), {case_id(BORAS)})
    for other in (GOTEBORG, ALE, KIRUNA):
        eq(o.get(f"/cases/{case_id(other)}").status, 404, other)
        eq(o.get(f"/api/v1/cases/{case_id(other)}").status, 404, other)
    rows = list(csv.reader(io.StringIO(o.get("/cases.csv").body.decode("utf-8-sig")), delimiter=";"))
    eq([r[1] for r in rows[1:]], ["Borås kommun"])
    eq(form(o, f"/cases/{case_id(ALE)}/contacts", {"name": "X"}).status, 404)
    # Head and group members read their organiser's case; the university its own.
    eq(listed(login("rektor@exempel.se")), {case_id(BORAS)})
    eq(listed(login("larosate@exempel.se")), {case_id(BORAS)})
    # The reader sees no case at all.
    r = login("lasare@exempel.se")
    eq(r.get("/cases").status, 403)
    eq(r.get("/api/v1/cases").status, 403)


def test_the_list_filters_and_exports():
    a = login("analytiker@exempel.se")
    rows = json.loads(a.get("/api/v1/cases?phase=nulagesanalys").body)["items"]
    eq([r["organiser_name"] for r in rows], ["Borås kommun"])
    supporter = query(db, "SELECT id FROM users WHERE email = 'processtod@exempel.se'")
    names = {r["organiser_name"] for r in json.loads(a.get(f"/api/v1/cases?supporter={supporter}").body)["items"]}
    eq("Borås kommun" in names and "Göteborgs kommun" not in names, True)
    page = a.get("/cases?round=Urval+2025-05-05").text
    contains(page, "Ale kommun")
    lacks(page, "Kiruna kommun")
    contains(a.get("/cases?county=14").text, "Borås kommun")
    lacks(a.get("/cases?county=25").text, "Borås kommun")
    eq(a.get("/cases?phase=okand").status, 400)
    xlsx = a.get("/cases.xlsx")
    eq(xlsx.status, 200)
    eq(xlsx.body[:2], b"PK")
    # Every column of the CSV is filled: the number of units too.
    rows = list(csv.reader(io.StringIO(a.get("/cases.csv").body.decode("utf-8-sig")), delimiter=";"))
    units = rows[0].index("Enheter")
    boras = next(r for r in rows if r[1] == "Borås kommun")
    eq(boras[units], str(query(db, f"SELECT COUNT(*) FROM case_units WHERE case_id = {case_id(BORAS)}")))


OK1 = {"kind": "ok1", "period_from": "2025-06-01", "period_to": "2026-06-30", "amount": "1 200 000",
       "payout_date1": "2025-07-01", "payout_amount1": "600 000", "payout_date2": "2026-01-15",
       "payout_amount2": "600 000", "s_purpose": "Överenskommelsen gäller analysfasen.",
       "s_agency": "Skolverket ger processtöd med två processtödjare.",
       "s_organiser": "Huvudmannen inrättar analysgrupper på förvaltningsnivå och på varje vald skolenhet.",
       "s_repayment": "Medel som inte används redovisas och betalas tillbaka inom tre månader.",
       "s_funding": "Medlen får användas till tid för analysarbetet.",
       "s_reporting": "Använda medel redovisas efter varje termin.",
       "s_claims": "Utbetalda medel kan krävas tillbaka om åtagandena inte fullföljs.",
       "s_evaluations": "Huvudmannen medverkar i Skolverkets utvärderingar.",
       "s_changes": "Ändringar görs i en tilläggsöverenskommelse."}


def test_an_agreement_from_draft_to_signed_with_versions_a_difference_and_a_pdf():
    a = login("analytiker@exempel.se")
    cid = case_id(KIRUNA)  # in ÖK1 since the phase test, with two supporters
    # Checks on the content name the field.
    r = form(a, f"/cases/{cid}/agreements", dict(OK1, period_to="2025-05-01"))
    eq(r.status, 400)
    contains(r.text, "Ange periodens sista dag")
    r = form(a, f"/cases/{cid}/agreements", dict(OK1, payout_amount2="500 000"))
    eq(r.status, 400)
    contains(r.text, "Utbetalningarna summerar till 1100000 kr men beloppet är 1200000 kr")
    r = form(a, f"/cases/{cid}/agreements", dict(OK1, payout_date2="2027-01-15"))
    contains(r.text, "Utbetalning 2: datumet ska ligga inom perioden")
    eq(query(db, f"SELECT COUNT(*) FROM agreements WHERE case_id = {cid}"), 0, "inget sparat")
    r = form(a, f"/cases/{cid}/agreements", OK1)
    eq(r.status, 303, r.text[:400])
    aid = int(r.header("Location").split("/agreements/")[1].split("?")[0])
    number = query(db, f"SELECT registry_number FROM agreements WHERE id = {aid}")
    assert re.fullmatch(r"\d{4}:\d+", number), number
    r = form(a, f"/cases/{cid}/agreements", OK1)
    eq(r.status, 422)
    contains(r.text, "redan en sådan överenskommelse")
    # A second version and the readable difference.
    eq(form(a, f"/agreements/{aid}", dict(OK1, s_agency="Skolverket ger processtöd och bekostar resor.",
                                          version="1")).status, 303)
    diff = a.get(f"/agreements/{aid}/diff?from=1&to=2").text
    contains(diff, "Skolverket ger processtöd <del>med två processtödjare.</del><ins>och bekostar resor.</ins>")
    contains(diff, "Återbetalning (oförändrad)")
    # Moving on before signing is refused with the reason.
    r = form(a, f"/cases/{cid}/phase", {"phase": "nulagesanalys"})
    contains(r.text, "ÖK1 är inte undertecknad")
    # Nothing is sent for signature with a required section empty: the refusal names them.
    eq(form(a, f"/agreements/{aid}", dict(OK1, s_repayment="", s_evaluations="", version="2")).status, 303)
    r = form(a, f"/agreements/{aid}/actions", {"action": "send"})
    eq(r.status, 409)
    contains(r.text, "Fyll i Återbetalning och Utvärderingar innan överenskommelsen skickas för underskrift")
    eq(form(a, f"/agreements/{aid}", dict(OK1, s_agency="Skolverket ger processtöd och bekostar resor.",
                                          version="3")).status, 303)
    # Send, then each side approves: the agency, and the organiser (here Kiruna has no user,
    # so use Borås's case for the organiser's side below). Approving asks for confirmation.
    eq(form(a, f"/agreements/{aid}/actions", {"action": "send"}).status, 303)
    contains(a.get(f"/agreements/{aid}").text, "Jag har läst hela överenskommelsen och godkänner den för Skolverket")
    r = form(a, f"/agreements/{aid}/actions", {"action": "approve"})
    eq(r.status, 409)
    contains(r.text, "Bekräfta att du har läst överenskommelsen")
    eq(query(db, f"SELECT agency_approved_by FROM agreements WHERE id = {aid}"), None, "inget godkänt utan bekräftelse")
    eq(form(a, f"/agreements/{aid}/actions", {"action": "approve", "confirm": "1"}).status, 303)
    r = form(a, f"/agreements/{aid}/actions", {"action": "approve", "confirm": "1"})
    eq(r.status, 409)
    contains(r.text, "redan godkänt")
    eq(query(db, f"SELECT state FROM agreements WHERE id = {aid}"), "for_signature")
    pdf = a.get(f"/agreements/{aid}/document.pdf")
    eq(pdf.status, 200)
    eq(pdf.body[:5], b"%PDF-")
    assert len(pdf.body) > 5000
    contains(pdf.header("Content-Disposition"), number.replace(":", "-"))


def test_two_people_editing_one_agreement_never_write_over_each_other():
    a = login("analytiker@exempel.se")
    b = login("admin@exempel.se")
    cid = case_id(GOTEBORG)
    r = form(a, f"/cases/{cid}/agreements", dict(OK1, s_purpose="Utgångsläget."))
    eq(r.status, 303, r.text[:300])
    aid = int(r.header("Location").split("/agreements/")[1].split("?")[0])
    # Both open the edit form of version 1.
    for c in (a, b):
        contains(c.get(f"/agreements/{aid}/edit").text, 'name="version" value="1"')
    eq(form(a, f"/agreements/{aid}", dict(OK1, s_purpose="Analytikerns text om syftet.", version="1")).status, 303)
    r = form(b, f"/agreements/{aid}", dict(OK1, s_purpose="Administratörens helt andra text.", version="1"))
    eq(r.status, 409, "den andra sparningen vägras")
    contains(r.text, "Någon annan sparade medan du skrev")
    contains(r.text, "Jonas Eklund")                         # who saved the newer version
    contains(r.text, "<del>Analytikerns text om syftet.</del><ins>Administratörens helt andra text.</ins>")
    contains(r.text, "Administratörens helt andra text.</textarea>")  # what B wrote is kept
    contains(r.text, 'name="version" value="2"')             # and now based on version 2
    eq(query(db, f"SELECT version FROM agreements WHERE id = {aid}"), 2)
    contains(a.get(f"/agreements/{aid}").text, "Analytikerns text om syftet.")
    # A mistake in the form keeps the version the user started from.
    r = form(b, f"/agreements/{aid}", dict(OK1, period_to="2025-05-01", version="1"))
    eq(r.status, 400)
    contains(r.text, 'name="version" value="1"')
    # Sending again after seeing the difference replaces the saved version knowingly.
    eq(form(b, f"/agreements/{aid}", dict(OK1, s_purpose="Administratörens helt andra text.", version="2")).status, 303)
    eq(query(db, f"SELECT version FROM agreements WHERE id = {aid}"), 3)


def test_the_organiser_signs_its_agreement_and_a_signed_one_refuses_edits():
    a = login("analytiker@exempel.se")
    o = login("huvudman@exempel.se")
    cid = case_id(BORAS)
    # The demo's ÖK1 for Borås is signed already; this is the second agreement.
    eq(query(db, f"SELECT state FROM agreements WHERE case_id = {cid} AND kind = 'ok1'"), "signed")
    r = form(a, f"/cases/{cid}/agreements", dict(OK1, kind="ok2", s_interventions="Läslyftet för årskurs 1–3."))
    eq(r.status, 303, r.text[:300])
    aid = int(r.header("Location").split("/agreements/")[1].split("?")[0])
    eq(form(o, f"/agreements/{aid}/actions", {"action": "approve"}).status, 409, "inte skickad än")
    eq(form(o, f"/agreements/{aid}", dict(OK1, version="1")).status, 403, "huvudmannen ändrar inte texten")
    eq(form(a, f"/agreements/{aid}/actions", {"action": "send"}).status, 303)
    eq(form(o, f"/agreements/{aid}/actions", {"action": "approve", "confirm": "1"}).status, 303)
    eq(query(db, f"SELECT state FROM agreements WHERE id = {aid}"), "for_signature")
    eq(form(a, f"/agreements/{aid}/actions", {"action": "approve", "confirm": "1"}).status, 303)
    eq(query(db, f"SELECT state FROM agreements WHERE id = {aid}"), "signed")
    page = a.get(f"/agreements/{aid}").text
    contains(page, "Undertecknad")
    contains(page, "Lena Wikström")
    lacks(page, f"/agreements/{aid}/edit")
    contains(page, "Ny tilläggsöverenskommelse")
    versions = query(db, f"SELECT version FROM agreements WHERE id = {aid}")
    # Edits refused: the page, the form post and the API (session and token).
    eq(a.get(f"/agreements/{aid}/edit").status, 409)
    r = form(a, f"/agreements/{aid}", dict(OK1, s_purpose="Ändrat i efterhand", version=str(versions)))
    eq(r.status, 409)
    contains(r.text, "undertecknad överenskommelse kan inte ändras")
    token = run_cli(["token", "create", "--email", "analytiker@exempel.se"], db=db).stdout.strip().split()[-1]
    api = srv.client()
    r = api.request("POST", f"/api/v1/agreements/{aid}",
                    urllib.parse.urlencode(dict(OK1, s_purpose="API", version=str(versions))).encode(),
                    {"Authorization": f"Bearer {token}"}, "application/x-www-form-urlencoded")
    eq(r.status, 409)
    contains(r.json()["error"]["message"], "kan inte ändras")
    eq(query(db, f"SELECT version FROM agreements WHERE id = {aid}"), versions, "ingen ny version")
    # The phase can now move on: ÖK1 is signed (Borås is already past it; check the facts on the page).
    # A supplementary agreement changes the signed one.
    r = form(a, f"/cases/{cid}/agreements", {"kind": "supplementary", "supersedes": str(aid),
                                             "period_from": "2026-01-01", "period_to": "2026-06-30",
                                             "s_changes_made": "Analysgruppen på förvaltningsnivå utökas."})
    eq(r.status, 303, r.text[:300])
    sid = int(r.header("Location").split("/agreements/")[1].split("?")[0])
    contains(a.get(f"/agreements/{sid}").text, f"Ändrar överenskommelse <a href=\"/agreements/{aid}\">")
    # Another organiser never reads it.
    other = srv.client()
    other.login("rektor@exempel.se")  # Borås's head: sees Borås's case
    eq(other.get(f"/agreements/{aid}").status, 200)
    kiruna_agreement = query(db, f"SELECT id FROM agreements WHERE case_id = {case_id(KIRUNA)}")
    for path in (f"/agreements/{kiruna_agreement}", f"/agreements/{kiruna_agreement}/document.pdf",
                 f"/api/v1/agreements/{kiruna_agreement}", f"/agreements/{kiruna_agreement}/diff?from=1&to=2"):
        eq(o.get(path).status, 404, path)
    eq(form(o, f"/agreements/{kiruna_agreement}/actions", {"action": "approve"}).status, 404)
    s = login("processtod9@exempel.se")  # assigned to Kiruna only
    eq(s.get(f"/agreements/{aid}").status, 404)


def test_signing_ok1_opens_the_next_phase():
    a = login("analytiker@exempel.se")
    cid = case_id(ALE)  # in ÖK1 in the demo, one supporter
    r = form(a, f"/cases/{cid}/agreements", OK1)
    aid = int(r.header("Location").split("/agreements/")[1].split("?")[0])
    eq(form(a, f"/agreements/{aid}/actions", {"action": "send"}).status, 303)
    eq(form(a, f"/agreements/{aid}/actions", {"action": "approve", "confirm": "1"}).status, 303)
    run_cli(["user", "add", "--email", "ale@exempel.se", "--name", "Nils Ek", "--role", "organiser", "--organiser",
             ALE], db=db, stdin="samverkan-demo-2026\n")
    eq(form(login("ale@exempel.se"), f"/agreements/{aid}/actions", {"action": "approve", "confirm": "1"}).status, 303)
    eq(query(db, f"SELECT state FROM agreements WHERE id = {aid}"), "signed")
    eq(form(a, f"/cases/{cid}/phase", {"phase": "nulagesanalys"}).status, 303)
    timeline = json.loads(a.get(f"/api/v1/cases/{cid}").body)["timeline"]
    notes = [e["note"] for e in timeline]
    assert any("upprättad" in n for n in notes), notes
    eq(timeline[-1]["to_phase"], "nulagesanalys")



def test_analysis_groups_meetings_and_actions_carried_over():
    o = login("huvudman@exempel.se")  # Borås's administration
    h = login("rektor@exempel.se")    # head of Fredriksborgskolan (13746989)
    cid = case_id(BORAS)
    unit = query(db, "SELECT id FROM units WHERE code = '13746989'")
    other_unit = query(db, f"SELECT cu.unit_id FROM case_units cu JOIN units u ON u.id = cu.unit_id "
                           f"WHERE cu.case_id = {cid} AND u.code <> '13746989'")
    # The administration forms its group; a head may form only its own unit's group.
    eq(form(h, f"/cases/{cid}/groups", {"unit": "0"}).status, 409)
    eq(form(h, f"/cases/{cid}/groups", {"unit": str(other_unit)}).status, 409)
    r = form(h, f"/cases/{cid}/groups", {"unit": str(unit)})
    eq(r.status, 303, r.text[:300])
    gid = int(r.header("Location").rsplit("/", 1)[1])
    eq(form(o, f"/cases/{cid}/groups", {"unit": "0"}).status, 303)
    eq(form(o, f"/cases/{cid}/groups", {"unit": "0"}).status, 409, "finns redan")
    # The case's supporter joins automatically; the head appoints teachers (one has an
    # account, which the membership is linked to).
    run_cli(["user", "add", "--email", "karin@exempel.se", "--name", "Karin Lärare", "--role", "group", "--organiser",
             BORAS, "--unit", "13746989"], db=db, stdin="samverkan-demo-2026\n")
    members = [("Karin Lärare", "karin@exempel.se"), ("Erik Förstelärare", "erik@exempel.se")]
    for name, email in members:
        eq(form(h, f"/groups/{gid}/members", {"name": name, "email": email}).status, 303)
    page = h.get(f"/groups/{gid}").text
    contains(page, "(processtödjare)")
    contains(page, "Karin Lärare")
    # A series: four meetings every three weeks, three hours; a Saturday start moves to Monday.
    r = form(h, f"/groups/{gid}/meetings", {"first": "2025-09-06", "time": "13:00", "count": "4", "interval": "21",
                                            "minutes": "180", "place": "Fredriksborgskolan, rum 12"})
    eq(r.status, 303, r.text[:300])
    meetings = json.loads(o.get(f"/api/v1/cases/{cid}/meetings").body)["items"]
    dates = [m["starts_at"] for m in meetings if (m["group_name"] or "").startswith("Analysgrupp Fredriksborg")]
    eq(dates, ["2025-09-08 13:00", "2025-09-29 13:00", "2025-10-20 13:00", "2025-11-10 13:00"])
    ids = [query(db, f"SELECT id FROM meetings WHERE group_id = {gid} AND starts_at = '{d}'") for d in dates]
    # First meeting: attendance, notes and two actions.
    karin = query(db, f"SELECT id FROM group_members WHERE group_id = {gid} AND name = 'Karin Lärare'")
    h2 = srv.client()
    h2.login("rektor@exempel.se")
    token = h2.csrf("/")
    body = urllib.parse.urlencode([("csrf", token), ("present", karin), ("notes", "Vi gick igenom resultaten."),
                                   ("version", "1")])
    r = h2.request("POST", f"/meetings/{ids[0]}", body.encode(), None, "application/x-www-form-urlencoded")
    eq(r.status, 303, r.text[:300])
    # Another record of the same meeting, based on the version before, is refused with the difference.
    stale = urllib.parse.urlencode([("csrf", h.csrf("/")), ("notes", "Min egen version av mötet."), ("version", "1")])
    r = h.request("POST", f"/meetings/{ids[0]}", stale.encode(), None, "application/x-www-form-urlencoded")
    eq(r.status, 409)
    contains(r.text, "Någon annan sparade medan du skrev")
    contains(r.text, "Min egen version av mötet.</textarea>")
    contains(r.text, "<del>Vi gick igenom resultaten.</del><ins>Min egen version av mötet.</ins>")
    eq(query(db, f"SELECT notes FROM meetings WHERE id = {ids[0]}"), "Vi gick igenom resultaten.")
    for text, owner in (("Samla elevenkäten", "Karin Lärare"), ("Boka lokal", "Rektor")):
        eq(form(h, f"/meetings/{ids[0]}/actions", {"text": text, "owner": owner, "due": "2025-09-26"}).status, 303)
    first = h.get(f"/meetings/{ids[0]}").text
    contains(first, "Vi gick igenom resultaten.")
    contains(first, "Samla elevenkäten — Karin Lärare, senast 2025-09-26")
    # The second meeting carries both actions; one is marked done there.
    second = h.get(f"/meetings/{ids[1]}").text
    contains(second, "Samla elevenkäten")
    contains(second, "Boka lokal")
    done = query(db, f"SELECT id FROM meeting_actions WHERE text = 'Boka lokal'")
    body = urllib.parse.urlencode([("csrf", token), ("done", done), ("notes", "Lokalen är bokad."), ("version", "1")])
    eq(h2.request("POST", f"/meetings/{ids[1]}", body.encode(), None, "application/x-www-form-urlencoded").status, 303)
    third = h.get(f"/meetings/{ids[2]}").text
    contains(third, "Samla elevenkäten")
    lacks(third, "Boka lokal", "klar åtgärd följer inte med")
    eq(query(db, f"SELECT present FROM meeting_attendance WHERE meeting_id = {ids[0]} AND member_id = {karin}"), 1)
    # The log as CSV, with the actions.
    log = o.get(f"/cases/{cid}/meetings.csv").body.decode("utf-8-sig")
    contains(log, "Vi gick igenom resultaten.")
    contains(log, "Samla elevenkäten (Karin Lärare)")
    rows = list(csv.reader(io.StringIO(log), delimiter=";"))
    minutes = rows[0].index("Minuter")
    first = next(r for r in rows if r[0] == "2025-09-08 13:00")
    eq(first[minutes], "180", "minuterna finns i exporten")
    # A group member sees the group they belong to, and not the administration's.
    eq(query(db, f"SELECT u.email FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.id = {karin}"),
       "karin@exempel.se", "medlemskapet är kopplat till kontot")
    k = login("karin@exempel.se")
    eq(k.get(f"/groups/{gid}").status, 200)
    admin_group = query(db, f"SELECT id FROM analysis_groups WHERE case_id = {cid} AND level = 'administration'")
    eq(k.get(f"/groups/{admin_group}").status, 404)
    eq(k.get(f"/meetings/{ids[0]}").status, 200)
    eq(form(k, f"/meetings/{ids[0]}/actions", {"text": "x", "owner": "y"}).status, 403, "medlemmar läser")
    # Another organiser's users never see the group or its meetings.
    a = login("ale@exempel.se")
    eq(a.get(f"/groups/{gid}").status, 404)
    eq(a.get(f"/meetings/{ids[0]}").status, 404)
    eq(a.get(f"/cases/{cid}/meetings.csv").status, 404)
    eq(a.get(f"/api/v1/cases/{cid}/meetings").status, 404)



class SmtpSink:
    """A minimal SMTP server on a free port that keeps every message it receives."""

    def __init__(self):
        import socket
        import threading
        self.messages = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            f = conn.makefile("rb")
            conn.sendall(b"220 sink\r\n")
            rcpt, data = [], None
            while True:
                line = f.readline()
                if not line:
                    break
                cmd = line.decode("utf-8", "replace").strip()
                if data is not None:
                    if cmd == ".":
                        self.messages.append((rcpt, b"".join(data).decode("utf-8")))
                        data, rcpt = None, []
                        conn.sendall(b"250 ok\r\n")
                    else:
                        data.append(line)
                    continue
                verb = cmd.split(" ")[0].upper()
                if verb in ("EHLO", "HELO"):
                    conn.sendall(b"250 sink\r\n")
                elif verb == "RCPT":
                    rcpt.append(cmd.split(":", 1)[1].strip(" <>"))
                    conn.sendall(b"250 ok\r\n")
                elif verb == "DATA":
                    data = []
                    conn.sendall(b"354 go\r\n")
                elif verb == "QUIT":
                    conn.sendall(b"221 bye\r\n")
                    break
                else:
                    conn.sendall(b"250 ok\r\n")
            conn.close()

    def close(self):
        self.sock.close()


def subject_of(message):
    import email
    from email.header import decode_header, make_header
    return str(make_header(decode_header(email.message_from_string(message)["Subject"])))


def psql_or_sqlite_exec(sql):
    if db.startswith("postgres"):
        from harness import psql
        psql(db, sql)
    else:
        import sqlite3
        con = sqlite3.connect(db)
        con.execute(sql)
        con.commit()
        con.close()


def test_due_dates_reminders_once_and_the_calendar_feed():
    o = login("huvudman@exempel.se")
    cid = case_id(BORAS)  # started 2025-05-05
    due = {d["key"]: d for d in json.loads(o.get("/api/v1/due?days=30").body)["items"]}
    assert "interim:2025HT" in due and due["interim:2025HT"]["overdue"], due
    eq(due["interim:2025HT"]["date"], "2025-12-15")
    eq({d["organiser_name"] for d in due.values()}, {"Borås kommun"}, "bara den egna huvudmannens")
    start = o.get("/").text
    contains(start, "Delredovisning HT 2025")
    contains(start, "(försenad)")
    # Handed in: no longer overdue anywhere.
    eq(form(o, f"/cases/{cid}/submissions", {"key": "interim:2025HT"}).status, 303)
    due = {d["key"] for d in json.loads(o.get("/api/v1/due?days=30").body)["items"]}
    eq("interim:2025HT" in due, False)
    contains(o.get(f"/cases/{cid}").text, "Inlämnad")
    eq(form(o, f"/cases/{case_id(ALE)}/submissions", {"key": "interim:2025HT"}).status, 404, "annan huvudmans ärende")
    # The supporter's list holds every source's items of the assigned cases: the agreement's
    # period end and the meetings' actions, each with its own case, read in one go.
    s = login("processtod@exempel.se")
    ok1 = query(db, f"SELECT id FROM agreements WHERE case_id = {cid} AND kind = 'ok1' AND state = 'signed'")
    # (The demo's ÖK1 period has ended; moved a year on, its end is due again.)
    psql_or_sqlite_exec(f"UPDATE agreement_versions SET content = replace(content, '2026-06-30', '2027-06-30') "
                        f"WHERE agreement_id = {ok1}")
    listed = json.loads(s.get("/api/v1/due?days=1100&per_page=500").body)["items"]
    kinds = {d["key"].split(":")[0] for d in listed}
    assert {"agreement", "action", "interim", "end"} <= kinds, kinds
    assigned = {int(r[0]) for r in query_all(db, "SELECT p.case_id FROM case_people p JOIN users u ON u.id = p.user_id "
                                                 "WHERE u.email = 'processtod@exempel.se' AND p.role = 'supporter'")}
    eq({d["case_id"] for d in listed} <= assigned, True, "bara tilldelade ärenden")
    assert any(d["key"] == f"agreement:{ok1}" and d["case_id"] == cid for d in listed), listed
    # Reminders: the overdue spring report, by mail through the sink, each once.
    sink = SmtpSink()
    try:
        args = ["remind", "--today", "2026-06-20", "--days", "14", "--smtp", f"smtp://127.0.0.1:{sink.port}",
                "--mail-from", "samverkan@skolverket.example"]
        out = run_cli(args, db=db).stdout
        m = re.search(r"(\d+) nya i utkorgen, (\d+) skickade, 0 väntar", out)
        # The server's own round may have queued today's reminders already; all are sent.
        assert m and int(m.group(2)) >= int(m.group(1)) > 0, out
        mine = [(r, m) for r, m in sink.messages if "huvudman@exempel.se" in r]
        subjects = {subject_of(m) for _, m in mine}
        assert "Försenat: Delredovisning VT 2026 (Borås kommun)" in subjects, subjects
        body = [m for _, m in mine if "VT 2026" in subject_of(m)][0]
        contains(body, "Delredovisning VT 2026 för Borås kommun skulle ha varit klar 2026-06-15")
        supporters = [r for r, m in sink.messages if "processtod@exempel.se" in r]
        assert supporters, "processtödjaren påminns också"
        count = len(sink.messages)
        out = run_cli(args, db=db).stdout
        contains(out, "0 nya i utkorgen, 0 skickade")
        eq(len(sink.messages), count, "varje påminnelse en gång")
    finally:
        sink.close()
    # Without SMTP the reminders wait in the outbox, which the admin sees.
    out = run_cli(["remind", "--today", "2026-12-05", "--days", "14"], db=db).stdout
    assert re.search(r"[1-9]\d* nya i utkorgen, 0 skickade", out), out
    page = login("admin@exempel.se").get("/admin/outbox").text
    contains(page, "Påminnelse: Delredovisning HT 2026 senast 2026-12-15 (Borås kommun)")
    # The calendar feed: meetings and dates, by a secret address shown once.
    r = form(o, "/account/calendar", {})
    eq(r.status, 200)
    token = re.search(r"/calendar/([0-9a-f]{48})", r.text).group(1)
    feed = srv.client().get(f"/calendar/{token}")
    eq(feed.status, 200)
    contains(feed.header("Content-Type"), "text/calendar")
    folded = feed.text
    assert folded.startswith("BEGIN:VCALENDAR\r\n"), folded[:40]
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n")), "rader vikta vid 75 oktetter"
    ics = folded.replace("\r\n ", "")  # unfolded, as a calendar reads it
    contains(ics, "DTSTART;TZID=Europe/Stockholm:20250908T130000")
    contains(ics, "DTEND;TZID=Europe/Stockholm:20250908T160000")
    # The zone is described in the feed itself, daylight saving included.
    contains(ics, "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm")
    contains(ics, "TZOFFSETTO:+0200")
    contains(ics, "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
    contains(ics, "SUMMARY:Analysgruppsmöte – Borås kommun\\, Analysgrupp Fredriksborgskolan F-9")
    contains(ics, "Delredovisning HT 2026")
    lacks(ics, "Ale kommun")
    eq(srv.client().get("/calendar/" + "0" * 48).status, 404)
    # A new address replaces the old one.
    form(o, "/account/calendar", {})
    eq(srv.client().get(f"/calendar/{token}").status, 404)


def test_each_role_has_its_start_page():
    page = login("analytiker@exempel.se").get("/").text
    contains(page, "Ärenden per fas")
    contains(page, 'role="img" aria-label="Ärenden per fas: Accepterad')
    contains(page, "Senaste händelserna")
    contains(page, "Att göra")
    sup = login("processtod@exempel.se")
    phases = [c["phase_label"] for c in json.loads(sup.get("/api/v1/cases").body)["items"]]
    labels = ["Accepterad", "ÖK1", "Nulägesanalys", "Åtgärdsplan", "ÖK2", "Genomförande", "Slutredovisning", "Avslutad"]
    expected = "Ärenden per fas: " + ", ".join(f"{p} {phases.count(p)}" for p in labels)
    s = sup.get("/").text
    contains(s, expected, "bara tilldelade ärenden räknas")
    lacks(s, "Göteborgs kommun")
    o = login("huvudman@exempel.se").get("/").text
    contains(o, "Vår samverkan: Urval 2025-05-05")
    # The refusal names what is missing: the demo's units wait for their heads' approval.
    contains(o, "Nästa steg: Åtgärdsplan. Ärendet kan inte gå till Åtgärdsplan: godkänd nulägesanalys saknas för ")
    contains(o, "Fredriksborgskolan F-9")
    h = login("rektor@exempel.se").get("/").text
    contains(h, "Min analysgrupp")
    contains(h, "Analysgrupp Fredriksborgskolan F-9")
    u = login("larosate@exempel.se").get("/").text
    contains(u, "Kommande möten")
    lacks(u, "Ärenden per fas")


def test_the_list_shows_the_cases_with_something_overdue():
    a = login("analytiker@exempel.se")
    late = {c["organiser_name"] for c in json.loads(a.get("/api/v1/cases?overdue=1").body)["items"]}
    # Borås handed in HT 2025 above but not VT 2026; Kiruna (started November 2025) is late
    # with nothing yet (its first report is VT 2026, due 2026-06-15).
    eq("Borås kommun" in late and "Kiruna kommun" in late, True, late)
    page = a.get("/cases?overdue=1").text
    contains(page, 'name="overdue" value="1" checked')
    for name in late:
        contains(page, name)
    # An overdue date is marked for the style sheet (shown in red), not written out as text.
    case = a.get(f"/cases/{case_id(BORAS)}").text
    contains(case, '<tr class="overdue">')
    lacks(case, "&quot;overdue&quot;")
    start = login("huvudman@exempel.se").get("/").text
    contains(start, '<li class="overdue">')
    lacks(start, "&quot;overdue&quot;")


def test_settings_choose_the_registry_series_and_visits_are_planned_for_the_case():
    p = run_cli(["setting", "interim_vt", "6-15"], db=db, check=False)
    eq(p.returncode, 2)
    contains(p.stderr, "MM-DD")
    run_cli(["setting", "registry_series", "2017"], db=db)
    run_cli(["setting", "registry_start", "1234"], db=db)
    eq(run_cli(["setting", "registry_series"], db=db).stdout.strip(), "2017")
    a = login("analytiker@exempel.se")
    cid = case_id(GOTEBORG)
    r = form(a, f"/cases/{cid}/agreements", dict(OK1, kind="university", s_purpose="Läslyftet", s_university="Team"))
    eq(r.status, 303, r.text[:300])
    aid = int(r.header("Location").split("/agreements/")[1].split("?")[0])
    eq(query(db, f"SELECT registry_number FROM agreements WHERE id = {aid}"), "2017:1234", "diarienummer i serien")
    # The university's visits: about one day a month, planned for the case.
    r = form(a, f"/cases/{cid}/meetings", {"kind": "visit", "first": "2026-09-05", "time": "08:30", "count": "3",
                                           "interval": "30", "minutes": "420", "place": "Rådhuset"})
    eq(r.status, 303, r.text[:300])
    visits = [m for m in json.loads(a.get(f"/api/v1/cases/{cid}/meetings").body)["items"] if m["kind"] == "visit"]
    eq([m["starts_at"] for m in visits], ["2026-09-07 08:30", "2026-10-05 08:30", "2026-11-04 08:30"])
    contains(a.get(f"/cases/{cid}").text, "Lärosätets besök")
