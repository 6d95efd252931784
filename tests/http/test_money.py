"""The money on Borås kommun's demo case: the agency funds a second intervention and the
ÖK2 is signed; finance registers the grant (its two funded interventions as lines),
payouts within what is granted, each approved by a second person (the one who
registered it cannot); the organiser's term report gives the use; a repayment of the
unused money is decided, its letter written, the organiser reminded and the payment
registered. The cost ledger reads an SIE4 file in PC8 (the product's own payout in it is
not counted twice) and refuses a file with an unknown account or in UTF-8, changing
nothing; the same file twice adds nothing; the 2017 table is seed 003's. Every role's
view, and 404 for another organiser on every money route."""
import datetime
import re
import subprocess
import urllib.parse
from harness import query, eq, lacks, run_cli
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


def post(c, path, **fields):
    fields["csrf"] = c.csrf("/")
    return c.post(path, fields)


def pdf_text(data):
    p = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True)
    assert p.returncode == 0, p.stderr
    return p.stdout.decode("utf-8")


def signed_ok2(cid):
    """The analyst funds the demo plan's second intervention and drafts the ÖK2 from the
    funded ones; both sides sign it."""
    a, o = login("analytiker@exempel.se"), login("huvudman@exempel.se")
    plan = query(db, f"SELECT MIN(id) FROM plans WHERE case_id = {cid} AND state = 'approved'")
    second = query(db, f"SELECT id FROM interventions WHERE plan_id = {plan} AND funding = '' ORDER BY id LIMIT 1")
    if second:
        eq(post(a, f"/plans/{plan}/funding", intervention=second, funding="funded", reason="").status, 303)
    r = post(a, f"/cases/{cid}/agreements/ok2")
    eq(r.status, 303, r.text[:300])
    aid = int(r.header("Location").split("/agreements/")[1].split("?")[0])
    eq(post(a, f"/agreements/{aid}/actions", action="send").status, 303)
    eq(post(a, f"/agreements/{aid}/actions", action="approve", confirm="1").status, 303)
    eq(post(o, f"/agreements/{aid}/actions", action="approve", confirm="1").status, 303)
    return aid


def grant_of(aid):
    return query(db, f"SELECT id FROM grants WHERE agreement_id = {aid}")


def balance(c, gid):
    return c.get(f"/api/v1/grants/{gid}").json()["balance"]


def test_a_grant_through_payouts_use_and_repayment():
    cid = demo.case()
    aid = signed_ok2(cid)
    fin, admin, org = login("ekonomi@exempel.se"), login("admin@exempel.se"), login("huvudman@exempel.se")
    page = fin.get(f"/cases/{cid}/money").text
    contains(page, "Registrera medlen i Överenskommelse 2 (ÖK2)")
    r = post(fin, f"/cases/{cid}/money", agreement=aid)
    eq(r.status, 303, r.text[:300])
    gid = grant_of(aid)
    # Finance marks it as a grant under the ordinance; a save on an older version is refused.
    v = query(db, f"SELECT version FROM grants WHERE id = {gid}")
    eq(post(fin, f"/grants/{gid}", version=v, appropriation="1:5", ordinance="1", note="").status, 303)
    eq(post(fin, f"/grants/{gid}", version=v, appropriation="1:1", note="").status, 409)
    eq(fin.get(f"/api/v1/grants/{gid}").json()["ordinance"], True)
    lines = fin.get(f"/api/v1/grants/{gid}").json()["lines"]
    eq(sorted((l["title"], l["amount_ore"]) for l in lines),
       [("Gemensamt årshjul för det systematiska kvalitetsarbetet", 18000000),
        ("Pedagogiskt ledarskap för rektorer", 65000000)])
    # Payouts: not above what is granted, a whole amount in kronor, not by the same person twice.
    r = post(fin, f"/grants/{gid}/payouts", date="2026-02-01", amount="900 000", reference="V-1")
    eq(r.status, 422)
    contains(r.text, "större än det som återstår att betala ut")
    for bad in ("-5000", "12,345", "tusen"):
        r = post(fin, f"/grants/{gid}/payouts", date="2026-02-01", amount=bad, reference="V-1")
        eq(r.status in (400, 422), True, bad)
        contains(r.text, "Belopp (kr)")
    eq(query(db, f"SELECT COUNT(*) FROM payouts WHERE grant_id = {gid}"), 0, "inget sparades")
    eq(post(fin, f"/grants/{gid}/payouts", date="2026-02-01", amount="500 000", reference="V-1").status, 303)
    payout = query(db, f"SELECT id FROM payouts WHERE grant_id = {gid} AND reference = 'V-1'")
    eq(balance(fin, gid)["paid_ore"], 0, "väntar på en andra person")
    r = post(fin, f"/grants/{gid}/payouts/{payout}/approve")
    eq(r.status, 409)
    contains(r.text, "fyra ögon")
    contains(admin.get("/").text, "Utbetalningar att godkänna")
    eq(post(admin, f"/grants/{gid}/payouts/{payout}/approve").status, 303)
    eq(post(fin, f"/grants/{gid}/payouts", date="2026-03-01", amount="330 000", reference="V-2").status, 303)
    second = query(db, f"SELECT id FROM payouts WHERE grant_id = {gid} AND reference = 'V-2'")
    eq(post(admin, f"/grants/{gid}/payouts/{second}/approve").status, 303)
    b = balance(fin, gid)
    eq((b["granted_ore"], b["paid_ore"], b["pending_ore"]), (83000000, 83000000, 0))
    # The organiser's term report says what was used, intervention by intervention.
    base = f"/cases/{cid}/reports/2026VT"
    for title, used in (("Gemensamt årshjul för det systematiska kvalitetsarbetet", "150000"),
                        ("Pedagogiskt ledarskap för rektorer", "600000")):
        iv = query(db, f"SELECT id FROM interventions WHERE case_id = {cid} AND title = '{title}'")
        v = query(db, f"SELECT version FROM reports WHERE case_id = {cid} AND item_key = 'interim:2026VT'") or 1
        eq(post(org, f"{base}/interventions/{iv}", version=v, state="running", done="Pågår.", used=used).status, 303)
    v = query(db, f"SELECT version FROM reports WHERE case_id = {cid} AND item_key = 'interim:2026VT'")
    eq(post(org, base, version=v, lessons="Det gick bra.", changes="").status, 303)
    eq(post(org, f"{base}/flow", action="submit").status, 303)
    b = balance(fin, gid)
    eq((b["used_ore"], b["unused_ore"]), (75000000, 8000000))
    contains(fin.get("/").text, "Redovisade medel som inte använts")
    # A repayment of the unused money: not above what was paid, then decided.
    due = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    today = datetime.date.today().isoformat()
    claim = {"kind": "repayment", "reason": "Medel som inte använts under våren.", "registry_number": "2026:4711",
             "decision_date": today, "due_date": due}
    r = post(fin, f"/grants/{gid}/claims", claim_amount="900 000", **claim)
    eq(r.status, 422)
    contains(r.text, "större än det utbetalda")
    eq(post(fin, f"/grants/{gid}/claims", claim_amount="80 000", **claim).status, 303)
    cl = query(db, f"SELECT id FROM claims WHERE grant_id = {gid}")
    letter = pdf_text(org.get(f"/grants/{gid}/claims/{cl}/letter.pdf").body).replace("\u00a0", " ")
    contains(letter, "2026:4711")
    contains(letter, "80 000 kr")
    contains(letter, "Medel som inte använts under våren.")
    contains(org.get("/").text, "Att betala tillbaka till Skolverket")
    run_cli(["remind"], db=db)
    eq(query(db, "SELECT COUNT(*) FROM outbox WHERE recipient = 'huvudman@exempel.se' AND subject LIKE"
                 " 'Återbetalning av oförbrukade medel 2026:4711%'"), 1)
    eq(post(fin, f"/grants/{gid}/claims/{cl}/settle", state="paid", date=today).status, 303)
    b = balance(fin, gid)
    eq((b["claimed_ore"], b["repaid_ore"], b["open_claims_ore"]), (8000000, 8000000, 0))
    eq(post(fin, f"/grants/{gid}/claims/{cl}/settle", state="paid", date=today).status, 409, "redan reglerat")
    eq(query(db, f"SELECT COUNT(*) FROM audit WHERE action LIKE 'money:%' AND object_key = '{gid}'") >= 7, True)
    csv = fin.get("/payouts.csv").body.decode("utf-8-sig")
    contains(csv, "V-2")
    contains(csv, "Annika Bergström")
    lacks(login("ale@exempel.se").get("/payouts.csv").body.decode("utf-8-sig"), "V-2")


def test_roles_see_the_money_they_may_and_another_organiser_none():
    cid = demo.case()
    gid = query(db, f"SELECT MIN(id) FROM grants WHERE case_id = {cid}")
    claim = query(db, f"SELECT MIN(id) FROM claims WHERE grant_id = {gid}") or 1
    payout = query(db, f"SELECT MIN(id) FROM payouts WHERE grant_id = {gid}") or 1
    # The organiser reads its own money, without the forms and without the agency's ledger.
    org = login("huvudman@exempel.se")
    page = org.get(f"/grants/{gid}")
    eq(page.status, 200)
    lacks(page.text, "Registrera en utbetalning")
    eq(org.get("/ledger").status, 403)
    eq(org.get("/api/v1/grants").status, 403)
    eq(post(org, f"/grants/{gid}/payouts", date="2026-02-01", amount="1", reference="x").status, 403)
    # The process supporter reads the money of its case.
    sup = login("processtod@exempel.se")
    eq(sup.get(f"/grants/{gid}").status, 200)
    lacks(sup.get(f"/grants/{gid}").text, "Godkänn utbetalningen")
    # The roles without amounts.
    for email in ("rektor@exempel.se", "analysgrupp@exempel.se", "larosate@exempel.se", "lasare@exempel.se",
                  "analytiker@exempel.se"):
        c = login(email)
        eq(c.get(f"/grants/{gid}").status, 403, email)
        eq(c.get("/grants").status, 403, email)
        lacks(c.get(f"/cases/{cid}").text, 'id="medel"')
    # Another organiser: 404 on every route that names Borås kommun's money.
    ale = login("ale@exempel.se")
    for p in (f"/grants/{gid}", f"/cases/{cid}/money", f"/grants/{gid}/claims/{claim}/letter.pdf"):
        eq(ale.get(p).status, 404, p)
    lacks(ale.get("/grants").text, "Borås")
    lacks(ale.get("/grants.csv").body.decode("utf-8-sig"), "Borås")
    before = query(db, "SELECT COUNT(*) FROM audit")
    csrf = ale.csrf("/")
    for p in (f"/grants/{gid}/lines", f"/grants/{gid}/payouts", f"/grants/{gid}/payouts/{payout}/approve",
              f"/grants/{gid}/uses", f"/grants/{gid}/claims", f"/grants/{gid}/claims/{claim}/settle", f"/cases/{cid}/money"):
        r = ale.request("POST", p, urllib.parse.urlencode({"csrf": csrf}).encode(), {"X-CSRF-Token": csrf},
                        "application/x-www-form-urlencoded")
        eq(r.status in (403, 404), True, p)
    eq(query(db, "SELECT COUNT(*) FROM audit"), before)


SIE = ("#FLAGGA 0\r\n#FORMAT PC8\r\n#SIETYP 4\r\n#PROGRAM \"Agresso\" 5.7\r\n#FNAMN \"Statens skolverk\"\r\n"
       "#VER A 501 20260131 \"Löner processtöd januari\"\r\n{\r\n"
       "   #TRANS 4011 {1 \"SBS\"} 1250000.00\r\n   #TRANS 1930 {} -1250000.00\r\n}\r\n"
       "#VER B 77 20260202 \"Utbetalning V-1 till Borås kommun\"\r\n{\r\n"
       "   #TRANS 8411 {} 500000.00\r\n   #TRANS 1930 {} -500000.00\r\n}\r\n"
       "#VER C 12 20260210 \"Kommunikation, trycksaker\"\r\n{\r\n"
       "   #TRANS 6110 {1 \"KOM\"} 45000.50\r\n   #TRANS 2440 {} -45000.50\r\n}\r\n")


def upload(c, name, content):
    return c.upload("/ledger/import", {"csrf": c.csrf("/")}, "file", name, content)


def test_the_cost_ledger_from_an_sie_file_and_the_2017_table():
    fin = login("ekonomi@exempel.se")
    j = fin.get("/api/v1/ledger/2017").json()
    eq(j["total_ore"], 11236250600)
    eq([c["outcome_ore"] for c in j["categories"]], [3510118000, 5275136100, 2221689100, 229307400])
    contains(fin.get("/ledger?year=2017").text, "112\u00a0362\u00a0506\u00a0kr")
    before = query(db, "SELECT COUNT(*) FROM ledger_entries")
    # An unknown cost account, and a file in UTF-8: refused, nothing read.
    r = upload(fin, "okant.se", SIE.replace("6110", "7777").encode("cp437"))
    eq(r.status, 422)
    contains(r.text, "okant.se: rad 18, fältet konto i #TRANS: Kontot 7777")
    r = upload(fin, "utf8.se", SIE.encode("utf-8"))
    eq(r.status, 422)
    contains(r.text, "utf8.se")
    contains(r.text, "PC8")
    eq(query(db, "SELECT COUNT(*) FROM ledger_entries"), before)
    r = upload(fin, "januari.se", SIE.encode("cp437"))
    eq(r.status, 200, r.text[:500])
    contains(r.text, "januari.se: 3 kostnadsrader lästa, 3 nya.")
    r = upload(fin, "januari.se", SIE.encode("cp437"))
    contains(r.text, "januari.se: 3 kostnadsrader lästa, 0 nya.")
    eq(query(db, "SELECT COUNT(*) FROM ledger_entries"), before + 3)
    # The voucher that books payout V-1 is the product's own payout: not counted twice.
    eq(query(db, "SELECT category FROM ledger_entries WHERE voucher = 'B 77'"), "none")
    j = fin.get("/api/v1/ledger/2026").json()
    cats = {c["category"]: c for c in j["categories"]}
    eq(cats["team"]["outcome_ore"], 125000000)
    paid_2026 = query(db, "SELECT COALESCE(SUM(amount_ore), 0) FROM payouts WHERE state = 'approved'"
                          " AND paid_date LIKE '2026-%'")
    eq(cats["grants"]["outcome_ore"], paid_2026)
    eq(cats["services"]["sublines"], [{"label": "Kommunikation", "outcome_ore": 4500050}])
    # A forecast, and the table as CSV, XLSX and PDF.
    r = fin.post("/ledger/forecasts", {"csrf": fin.csrf("/"), "year": "2026", "category": "team", "forecast": "15 000 000"})
    eq(r.status, 303)
    eq(fin.get("/api/v1/ledger/2026").json()["categories"][0]["forecast_ore"], 1500000000)
    csv = fin.get("/ledger/2026/costs.csv").body.decode("utf-8-sig")
    contains(csv, "Kommunikation")
    eq(fin.get("/ledger/2026/costs.xlsx").status, 200)
    contains(pdf_text(fin.get("/ledger/2017/costs.pdf").body).replace("\u00a0", " "), "112 362 506 kr")
    # A CSV ledger file with a bad amount names its row and column.
    bad = "Datum;Konto;Kostnadsställe;Belopp;Text;Verifikation\n2026-03-01;4011;SBS;tolv;Lön;A 9\n"
    r = upload(fin, "mars.csv", bad.encode())
    eq(r.status, 422)
    contains(r.text, "mars.csv: rad 2, kolumn \"Belopp\"")


def test_a_grant_by_application_under_the_ordinance():
    fin = login("ekonomi@exempel.se")
    fields = {"orgnr": "2120001439", "appropriation": "1:5", "ordinance": "1", "applied": "2 000 000",
              "granted": "2 500 000", "decision_date": "2026-04-01", "registry_number": "2026:900",
              "note": "Skolenheter med svåra förutsättningar"}
    r = post(fin, "/grants", **fields)
    eq(r.status, 422)
    contains(r.text, "större än det sökta")
    r = post(fin, "/grants", **dict(fields, orgnr="5555555555"))
    eq(r.status in (400, 422), True)
    r = post(fin, "/grants", **dict(fields, granted="1 800 000"))
    eq(r.status, 303, r.text[:300])
    gid = int(r.header("Location").rsplit("/", 1)[1])
    j = fin.get(f"/api/v1/grants/{gid}").json()
    eq((j["kind"], j["ordinance"], j["applied_ore"], j["granted_ore"], j["organiser"]),
       ("application", True, 200000000, 180000000, "Ale kommun"))
    listing = fin.get("/grants?forordning=1").text
    contains(listing, "2026:900")
    csv = fin.get("/grants.csv?forordning=1").body.decode("utf-8-sig")
    contains(csv, "Ale kommun")
    # Ale kommun's own user reads it; Borås kommun's does not.
    eq(login("ale@exempel.se").get(f"/grants/{gid}").status, 200)
    eq(login("huvudman@exempel.se").get(f"/grants/{gid}").status, 404)
