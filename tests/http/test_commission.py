"""The university's own documents on Borås kommun's demo case: Karlstads universitet starts
its insatsplan (prefilled from the interventions it carries) and an interim report (a
term that is no term refused at the field), cannot submit while a heading is empty, saves
(a save that crossed another shows the difference and writes nothing), submits; the
process supporter returns it with a comment, the university completes and resubmits, the
analyst accepts it and it is read-only from then on; its submissions with the decisions
and the difference, the comment thread with its e-mails, the PDF and the API; the
organiser reads but does not write; another organiser's user gets 404 everywhere."""
import re
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


def post(c, path, **fields):
    fields["csrf"] = c.csrf("/")
    return c.post(path, fields)


def version(doc):
    return query(db, f"SELECT version FROM commission_documents WHERE id = {doc}")


PLAN = {"basis": "Kompetensutveckling för rektorer i resultatdialog.", "goals": "Alla rektorer leder dialogen 2027.",
        "content": "Seminarier och handledning.", "schedule": "HT 2026 – VT 2027.",
        "followup": "Avstämning varje termin."}


def test_the_universitys_plan_through_return_and_acceptance():
    cid = demo.case()
    uni, supporter, analyst = login("larosate@exempel.se"), login("processtod@exempel.se"), login("analytiker@exempel.se")
    org = login("huvudman@exempel.se")
    page = uni.get(f"/cases/{cid}/commission")
    eq(page.status, 200)
    contains(page.text, "Påbörja ett dokument")
    r = post(uni, f"/cases/{cid}/commission", kind="interim", term="2026")
    eq(r.status, 422)
    contains(r.text, "Ange terminen som till exempel 2026VT")
    r = post(uni, f"/cases/{cid}/commission", kind="effort_plan", term="")
    eq(r.status, 303, r.text[:300])
    doc = int(r.header("Location").rsplit("/", 1)[1])
    # The same kind again is the same document.
    eq(post(uni, f"/cases/{cid}/commission", kind="effort_plan", term="").header("Location"), f"/commission/{doc}")
    page = uni.get(f"/commission/{doc}").text
    contains(page, "Insatsplan: Borås kommun")
    contains(page, "Utgångspunkt i åtgärdsplanen")
    contains(page, "– Pedagogiskt ledarskap för rektorer (2026-02-01–2027-12-31)", "insatsen lärosätet bär")
    lacks(page, "– Gemensamt årshjul")
    r = post(uni, f"/commission/{doc}/flow", action="submit")
    eq(r.status, 409)
    contains(r.text, "Rubriken ”Mål för insatserna” är tom.")
    v = version(doc)
    eq(post(uni, f"/commission/{doc}", version=v, **PLAN).status, 303)
    # A save based on the version before crossed it: the difference, nothing written.
    r = post(uni, f"/commission/{doc}", version=v, **dict(PLAN, goals="Skrivet i en gammal flik."))
    eq(r.status, 409)
    contains(r.text, "Skrivet i en gammal flik.")
    contains(query(db, f"SELECT content FROM commission_documents WHERE id = {doc}"), "Alla rektorer leder dialogen 2027.")
    # The organiser reads it, writes nothing and cannot start one.
    page = org.get(f"/commission/{doc}").text
    contains(page, "Alla rektorer leder dialogen 2027.")
    lacks(page, 'name="goals"')
    eq(post(org, f"/commission/{doc}", version=version(doc), **PLAN).status, 403)
    eq(post(org, f"/cases/{cid}/commission", kind="final", term="").status, 403)
    eq(post(uni, f"/commission/{doc}/flow", action="submit").status, 303)
    eq(post(uni, f"/commission/{doc}", version=version(doc), **PLAN).status, 409, "inlämnad: bara läsas")
    r = post(supporter, f"/commission/{doc}/flow", action="return", comment="")
    eq(r.status, 422)
    contains(r.text, "Skriv vad som behöver kompletteras")
    eq(post(uni, f"/commission/{doc}/flow", action="accept").status, 409, "lärosätet godkänner inte sitt eget")
    eq(post(supporter, f"/commission/{doc}/flow", action="return", comment="Hur når ni förskolecheferna?").status, 303)
    page = uni.get(f"/commission/{doc}").text
    contains(page, "Hur når ni förskolecheferna?")
    contains(page, "Återsänd för komplettering")
    eq(post(uni, f"/commission/{doc}", version=version(doc),
            **dict(PLAN, content="Seminarier, handledning och nätverk för förskolechefer.")).status, 303)
    eq(post(uni, f"/commission/{doc}/flow", action="submit").status, 303)
    eq(post(analyst, f"/commission/{doc}/flow", action="accept").status, 303)
    eq(query(db, f"SELECT state FROM commission_documents WHERE id = {doc}"), "accepted")
    eq(post(uni, f"/commission/{doc}", version=version(doc), **PLAN).status, 409, "godkänd: bara läsas")
    subs = uni.get(f"/commission/{doc}/submissions").text
    contains(subs, "återsänd för komplettering (Maria Holmqvist")
    contains(subs, "godkänd (")
    eq(bool(re.search(r"<ins>[^<]*förskolechefer[^<]*</ins>", subs)), True, "ändringen markeras")
    pdf = org.get(f"/commission/{doc}/document.pdf")
    eq((pdf.status, pdf.body[:5]), (200, b"%PDF-"))
    j = supporter.get(f"/api/v1/cases/{cid}/commission").json()
    mine = [d for d in j["items"] if d["id"] == doc][0]
    eq((mine["kind"], mine["state"], len(mine["submissions"]), mine["submissions"][0]["decision"]),
       ("effort_plan", "accepted", 2, "returned"))
    eq(mine["headings"][1]["text"], PLAN["goals"])
    contains(org.get(f"/cases/{cid}").text, "Lärosätets planer och rapporter")
    eq(query(db, f"SELECT COUNT(*) FROM audit WHERE action LIKE 'commission:%' AND object_key = '{cid}'") >= 6, True)


def test_an_interim_report_per_term_and_its_comment_thread():
    cid = demo.case()
    uni, supporter, org = login("larosate@exempel.se"), login("processtod@exempel.se"), login("huvudman@exempel.se")
    r = post(uni, f"/cases/{cid}/commission", kind="interim", term="2026HT")
    eq(r.status, 303)
    doc = int(r.header("Location").rsplit("/", 1)[1])
    contains(uni.get(f"/commission/{doc}").text, "Delrapport HT 2026")
    before = query(db, "SELECT COUNT(*) FROM outbox")
    eq(post(org, f"/commission/{doc}/comments", body="Kan ni ta med förskolorna?").status, 303)
    eq(query(db, "SELECT COUNT(*) FROM outbox WHERE recipient = 'larosate@exempel.se' AND subject LIKE"
                 " 'Ny kommentar: Delrapport HT 2026%'"), 1, "lärosätet får veta")
    eq(post(uni, f"/commission/{doc}/comments", body="Ja, från januari.").status, 303)
    eq(query(db, "SELECT COUNT(*) FROM outbox WHERE recipient = 'processtod@exempel.se' AND body LIKE"
                 " '%Ja, från januari.%'"), 1, "processtödet får lärosätets svar")
    eq(query(db, "SELECT COUNT(*) FROM outbox") > before, True)
    page = supporter.get(f"/commission/{doc}").text
    contains(page, "Kan ni ta med förskolorna?")
    contains(page, "Ja, från januari.")
    r = post(org, f"/commission/{doc}/comments", body="")
    eq(r.status, 400)


def test_another_organiser_and_roles_without_the_documents():
    cid = demo.case()
    uni = login("larosate@exempel.se")
    doc = int(post(uni, f"/cases/{cid}/commission", kind="lessons", term="").header("Location").rsplit("/", 1)[1])
    ale = login("ale@exempel.se")
    for p in (f"/cases/{cid}/commission", f"/commission/{doc}", f"/commission/{doc}/submissions",
              f"/commission/{doc}/document.pdf", f"/api/v1/cases/{cid}/commission"):
        eq(ale.get(p).status, 404, p)
    eq(post(ale, f"/commission/{doc}/comments", body="x").status, 404)
    eq(post(ale, f"/commission/{doc}/flow", action="accept").status, 404)
    head = login("rektor@exempel.se")
    eq(head.get(f"/commission/{doc}").status, 403)
    lacks(head.get(f"/cases/{cid}").text, "Lärosätets planer och rapporter")
    eq(query(db, f"SELECT COUNT(*) FROM case_comments WHERE subject = 'commission:{doc}'"), 0)
