"""The organiser's reports on Borås kommun's demo case, through two terms: a report
prefilled from the approved plan and the term's readings, refused while an intervention
lacks its state or the lessons are missing, submitted (the due date is handed in),
returned with a comment (open again), completed and resubmitted, accepted and then
read-only, as HTML and PDF; a save that crossed another is refused; the final report
needs what continues; another organiser's user gets 404 everywhere."""
import re
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


def interventions():
    return [r[0] for r in query_all(db, f"SELECT i.id FROM interventions i JOIN plans y ON y.id = i.plan_id"
                                        f" WHERE y.case_id = {case()} AND y.version > 0 ORDER BY i.id")]


def post(c, path, **fields):
    fields["csrf"] = c.csrf("/")
    return c.post(path, fields)


def version(term):
    key = "final" if term == "final" else f"interim:{term}"
    return query(db, f"SELECT version FROM reports WHERE case_id = {case()} AND item_key = '{key}'") or 1


def test_a_term_report_through_return_and_acceptance():
    cid, term = case(), "2025HT"
    base = f"/cases/{cid}/reports/{term}"
    org, supporter, analyst = login("huvudman@exempel.se"), login("processtod@exempel.se"), login("analytiker@exempel.se")
    contains(org.get(f"/cases/{cid}").text, f'href="{base}"', "datumlistan pekar på redovisningen")
    page = org.get(base)
    eq(page.status, 200)
    contains(page.text, "Delredovisning HT 2025: Borås kommun")
    contains(page.text, "Gemensamt årshjul för det systematiska kvalitetsarbetet")
    contains(page.text, "beräknad kostnad 180\u00a0000 kr")
    eq(post(org, f"{base}/flow", action="submit").status, 409, "inget sparat än")
    iv1, iv2 = interventions()
    # An intervention's state taken away: the report cannot be submitted.
    eq(post(org, f"{base}/interventions/{iv1}", version=version(term), state="", done="", used="").status, 303)
    r = post(org, f"{base}/flow", action="submit")
    eq(r.status, 409)
    contains(r.text, "saknar sitt läge")
    contains(r.text, "Lärdomarna saknas")
    eq(post(org, f"{base}/interventions/{iv1}", version=version(term), state="running",
            done="Årshjulet är beslutat och används i alla skolor.", used="45000").status, 303)
    v = version(term)
    eq(post(org, base, version=v, lessons="Resultatdialogerna behöver förberedas med rektorerna.",
            changes="").status, 303)
    # A save based on the version before that one crossed it: refused, nothing written over.
    r = post(org, base, version=v, lessons="Skrivet i en gammal flik.", changes="")
    eq(r.status, 409)
    contains(r.text, "Någon annan har sparat")
    eq(query(db, f"SELECT lessons FROM reports WHERE case_id = {cid} AND item_key = 'interim:{term}'"),
       "Resultatdialogerna behöver förberedas med rektorerna.")
    eq(post(org, f"{base}/flow", action="submit").status, 303)
    contains(org.get(f"/cases/{cid}").text, "Inlämnad")
    eq(query(db, f"SELECT COUNT(*) FROM case_submissions WHERE case_id = {cid} AND item_key = 'interim:{term}'"), 1)
    # Submitted: the organiser reads but no longer writes.
    page = org.get(base).text
    contains(page, "Inlämnad, väntar på Skolverket")
    lacks(page, "Spara texterna")
    eq(post(org, base, version=version(term), lessons="x", changes="").status, 409)
    # The process supporter returns it; a return needs its comment.
    r = post(supporter, f"{base}/flow", action="return", comment="")
    eq(r.status, 422)
    contains(r.text, "Skriv vad som behöver kompletteras")
    eq(post(supporter, f"{base}/flow", action="return", comment="Beskriv hur rektorerna förbereds.").status, 303)
    eq(query(db, f"SELECT COUNT(*) FROM case_submissions WHERE case_id = {cid} AND item_key = 'interim:{term}'"), 0,
       "datumet är öppet igen")
    page = org.get(base).text
    contains(page, "Beskriv hur rektorerna förbereds.")
    contains(page, "Återsänd för komplettering")
    eq(post(org, base, version=version(term), lessons="Rektorerna förbereds i ledningsgruppen veckan före.",
            changes="Ingen ändring.").status, 303)
    eq(post(org, f"{base}/flow", action="submit").status, 303)
    eq(query(db, f"SELECT COUNT(*) FROM report_versions v JOIN reports r ON r.id = v.report_id WHERE r.case_id = {cid}"),
       2, "varje inlämning fryses")
    # The analyst accepts; from then on it is read-only for everyone.
    eq(post(analyst, f"{base}/flow", action="accept").status, 303)
    page = analyst.get(base).text
    contains(page, "Godkänd")
    contains(page, "Rektorerna förbereds i ledningsgruppen veckan före.")
    contains(page, "45\u00a0000 kr")
    lacks(page, "Godkänn</button>")
    eq(post(org, base, version=version(term), lessons="x", changes="").status, 409)
    eq(post(supporter, f"{base}/flow", action="return", comment="x").status, 409)
    j = org.get(f"/api/v1/cases/{cid}/reports/{term}").json()
    eq((j["state"], j["submissions"], j["interventions"][0]["used"], j["interventions"][0]["state"]),
       ("accepted", 2, 45000, "running"))
    pdf = org.get(f"{base}/document.pdf")
    eq((pdf.status, pdf.body[:5]), (200, b"%PDF-"))
    eq(query(db, f"SELECT COUNT(*) FROM audit WHERE action LIKE 'report:%' AND object_key = '{cid}'") >= 7, True)


def test_a_terms_report_shows_that_terms_readings():
    """The term of last month, which the demo has read: its report shows the last reading
    inside the term for each indicator."""
    import datetime
    cid = case()
    last = datetime.date.today().replace(day=1) - datetime.timedelta(days=1)
    term = f"{last.year}{'VT' if last.month <= 6 else 'HT'}"
    first, end = (f"{last.year}-01", f"{last.year}-06") if last.month <= 6 else (f"{last.year}-07", f"{last.year}-12")
    page = login("huvudman@exempel.se").get(f"/cases/{cid}/reports/{term}")
    eq(page.status, 200, term)
    for (ind,) in query_all(db, f"SELECT x.id FROM indicators x JOIN interventions i ON i.id = x.intervention_id"
                                f" WHERE i.case_id = {cid}"):
        latest = query_all(db, f"SELECT period, value FROM indicator_readings WHERE indicator_id = {ind} AND grp = ''"
                               f" AND period >= '{first}' AND period <= '{end}' ORDER BY period DESC, entered_at DESC,"
                               f" id DESC")
        assert latest, f"demon har avläsningar för {term}"
        period, value = latest[0]
        contains(page.text, f"{float(value):g} ({period})".replace(".", ","), "periodens senaste avläsning")


def test_the_final_report_needs_what_continues():
    cid = case()
    base = f"/cases/{cid}/reports/final"
    org = login("huvudman@exempel.se")
    page = org.get(base)
    eq(page.status, 200)
    contains(page.text, "Vad fortsätter efter samverkan, och hur?")
    for iv in interventions():
        eq(post(org, f"{base}/interventions/{iv}", version=version("final"), state="done", done="Genomfört.",
                used="100000").status, 303)
    eq(post(org, base, version=version("final"), lessons="Mycket.", changes="", continuation="").status, 303)
    r = post(org, f"{base}/flow", action="submit")
    eq(r.status, 409)
    contains(r.text, "Vad som fortsätter efter samverkan")


def test_terms_outside_the_case_and_another_organiser_get_404():
    cid = case()
    org = login("huvudman@exempel.se")
    for term in ("2024VT", "2031HT", "abc", "2026XX"):
        eq(org.get(f"/cases/{cid}/reports/{term}").status, 404, term)
    ale = login("ale@exempel.se")
    csrf = ale.csrf("/")
    iv = interventions()[0]
    for p in (f"/cases/{cid}/reports/2025HT", f"/cases/{cid}/reports/2025HT/document.pdf"):
        r = ale.get(p)
        eq(r.status, 404, p)
        lacks(r.text, "årshjul")
    before = query(db, "SELECT COUNT(*) FROM audit")
    for p in (f"/cases/{cid}/reports/2026VT", f"/cases/{cid}/reports/2026VT/flow",
              f"/cases/{cid}/reports/2026VT/interventions/{iv}"):
        r = ale.request("POST", p, urllib.parse.urlencode({"csrf": csrf, "version": "1", "action": "submit",
                                                           "lessons": "x", "state": "done"}).encode(),
                        {"X-CSRF-Token": csrf}, "application/x-www-form-urlencoded")
        eq(r.status, 404, p)
    eq(query(db, "SELECT COUNT(*) FROM audit"), before, "inget ändrades")


def test_an_accepted_final_report_lets_the_case_close():
    """Slutredovisning → Avslutad needs the accepted final report (the case is put in the
    final phase directly: the moves before it are tested with the cases)."""
    cid = case()
    if db.startswith("postgres"):
        from harness import psql
        psql(db, f"UPDATE cases SET phase = 'slutredovisning' WHERE id = {cid}")
    else:
        import sqlite3
        con = sqlite3.connect(db)
        con.execute(f"UPDATE cases SET phase = 'slutredovisning' WHERE id = {cid}")
        con.commit()
        con.close()
    analyst, org = login("analytiker@exempel.se"), login("huvudman@exempel.se")
    r = post(analyst, f"/cases/{cid}/phase", phase="avslutad")
    eq(r.status, 422, "flytten nekas med skälet")
    contains(r.text, "slutredovisningen är inte inlämnad")
    base = f"/cases/{cid}/reports/final"
    eq(post(org, base, version=version("final"), lessons="Mycket.", changes="",
            continuation="Årshjulet och resultatdialogerna fortsätter i ordinarie verksamhet.").status, 303)
    eq(post(org, f"{base}/flow", action="submit").status, 303)
    eq(post(analyst, f"{base}/flow", action="accept").status, 303)
    eq(post(analyst, f"/cases/{cid}/phase", phase="avslutad").status, 303)
    eq(query(db, f"SELECT phase FROM cases WHERE id = {cid}"), "avslutad")


def test_a_reports_submissions_with_their_decisions_and_differences_and_its_comment_thread():
    cid, term = case(), "2026VT"
    base = f"/cases/{cid}/reports/{term}"
    org, supporter = login("huvudman@exempel.se"), login("processtod@exempel.se")
    for iv in interventions():
        eq(post(org, f"{base}/interventions/{iv}", version=version(term), state="running", done="Pågår enligt plan.",
                used="1000").status, 303)
    eq(post(org, base, version=version(term), lessons="Dialogerna tar tid.", changes="").status, 303)
    eq(post(org, f"{base}/flow", action="submit").status, 303)
    eq(post(supporter, f"{base}/flow", action="return", comment="Vad gör ni åt tiden?").status, 303)
    eq(post(org, base, version=version(term), lessons="Dialogerna tar tid; de flyttas till studiedagarna.",
            changes="").status, 303)
    eq(post(org, f"{base}/flow", action="submit").status, 303)
    eq(post(supporter, f"{base}/flow", action="accept").status, 303)
    contains(org.get(base).text, "Inlämningar och skillnader (2)")
    page = org.get(f"{base}/submissions")
    eq(page.status, 200)
    contains(page.text, "återsänd för komplettering (Maria Holmqvist")
    contains(page.text, "Vad gör ni åt tiden?")
    contains(page.text, "godkänd (Maria Holmqvist")
    contains(page.text, "Skillnad mellan inlämning 1 och inlämning 2")
    eq(bool(re.search(r"<ins>[^<]*flyttas till studiedagarna[^<]*</ins>", page.text)), True,
       "det tillagda markeras ord för ord")
    # The first submission against the text as it is now.
    contains(org.get(f"{base}/submissions?from=1&to=0").text, "Skillnad mellan inlämning 1 och det pågående arbetet")
    # The thread: the supporter asks, the organiser's users hear of it; the answer goes to the supporters.
    before = query(db, "SELECT COUNT(*) FROM outbox")
    r = post(supporter, f"{base}/comments", body="Hur följer ni upp studiedagarna?")
    eq(r.status, 303, r.text[:300])
    eq(query(db, "SELECT COUNT(*) FROM outbox WHERE recipient = 'huvudman@exempel.se' AND subject LIKE"
                 " 'Ny kommentar: Delredovisning VT 2026%'"), 1)
    eq(post(org, f"{base}/comments", body="Med en enkät <direkt> efteråt.").status, 303)
    eq(query(db, "SELECT COUNT(*) FROM outbox WHERE recipient = 'processtod@exempel.se' AND subject LIKE"
                 " 'Ny kommentar:%'"), 1)
    supporters = query(db, f"SELECT COUNT(*) FROM case_people p JOIN users u ON u.id = p.user_id"
                           f" WHERE p.case_id = {cid} AND p.role = 'supporter'")
    organisers = query(db, "SELECT COUNT(*) FROM users u JOIN organisers o ON o.id = u.organiser_id"
                           f" WHERE o.orgnr = '2120001561' AND u.role = 'organiser'")
    # Each side hears of the other's comment; nobody of their own.
    eq(query(db, "SELECT COUNT(*) FROM outbox") - before, organisers + supporters)
    page = supporter.get(base).text
    contains(page, "Hur följer ni upp studiedagarna?")
    contains(page, "Med en enkät <direkt> efteråt.")
    lacks(page, "<direkt>")
    r = post(org, f"{base}/comments", body="")
    eq(r.status, 400)
    contains(r.text, "Kommentar")
    eq(query(db, f"SELECT COUNT(*) FROM case_comments WHERE case_id = {cid} AND subject = 'report:{term}'"), 2)
    ale = login("ale@exempel.se")
    eq(ale.get(f"{base}/submissions").status, 404)
    eq(post(ale, f"{base}/comments", body="x").status, 404)
    eq(post(login("rektor@exempel.se"), f"{base}/comments", body="x").status, 403)
