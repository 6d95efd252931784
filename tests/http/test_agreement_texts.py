"""The agency's standard texts for agreements: a new agreement starts from them, an
administrator changes them as new versions (never writing over a version saved
meanwhile), and every agreement says which version it started from."""
import re

from harness import Server, demo_db, eq, contains, lacks, query

srv = db = None


def setup(tmp):
    global srv, db
    db = demo_db(tmp, with_data=False)
    srv = Server(db)


def teardown():
    srv.stop()


def login(email):
    c = srv.client()
    c.login(email)
    return c


def test_a_new_agreement_starts_from_the_standard_texts_an_administrator_keeps():
    admin = login("admin@exempel.se")
    page = admin.get("/admin/agreement-texts").text
    contains(page, "Överenskommelse 1 (ÖK1)")
    form = admin.get("/admin/agreement-texts/ok1").text
    contains(form, "Skolverket utser två processtödjare")
    contains(form, 'name="version" value="1"')
    # A new version of the standard texts.
    fields = {m.group(1): m.group(2) for m in re.finditer(r'<textarea id="f-(s_[a-z_]+)" name="\1"[^>]*>([^<]*)</textarea>',
                                                            form)}
    fields = {k: v.replace("&amp;", "&") for k, v in fields.items()}
    eq(len(fields), 9, "ÖK1 har nio avsnitt")
    new = dict(fields, s_repayment="Medel som inte förbrukats betalas tillbaka inom två månader.")
    r = admin.post("/admin/agreement-texts/ok1", dict(new, csrf=admin.csrf("/admin/agreement-texts/ok1"), version="1"))
    eq(r.status, 303, r.text[-500:])
    contains(admin.get("/admin/agreement-texts/ok1?klart=1").text, "Version 2 är sparad")
    # Another administrator's form, still on version 1, is refused with the difference.
    other = login("admin@exempel.se")
    r = other.post("/admin/agreement-texts/ok1", dict(fields, s_repayment="Tre veckor.",
                                                     csrf=other.csrf("/admin/agreement-texts/ok1"), version="1"))
    eq(r.status, 409)
    contains(r.text, "Någon annan sparade medan du skrev")
    contains(r.text, "två månader")
    eq(query(db, "SELECT MAX(version) FROM agreement_texts WHERE kind = 'ok1'"), 2)
    # A new ÖK1 starts from version 2, and says so once saved.
    analyst = login("analytiker@exempel.se")
    case = query(db, "SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id WHERE o.orgnr = '2120001439'")
    page = analyst.get(f"/cases/{case}/agreements/new?kind=ok1").text
    contains(page, "standardtexter (version 2)")
    contains(page, "betalas tillbaka inom två månader.</textarea>")
    # An ÖK2's interventions have no standard text: they are written for the case.
    ok2 = analyst.get(f"/cases/{case}/agreements/new?kind=ok2").text
    assert re.search(r'name="s_interventions" rows="5"[^>]*></textarea>', ok2), "ÖK2:s insatser ska vara tomma"
    r = analyst.post(f"/cases/{case}/agreements", dict(new, kind="ok1", period_from="2025-06-01",
                                                        period_to="2026-06-30", csrf=analyst.csrf(f"/cases/{case}")))
    eq(r.status, 303, r.text[-500:])
    aid = int(r.header("Location").split("/agreements/")[1].split("?")[0])
    contains(analyst.get(f"/agreements/{aid}").text, "Utgick från version 2")
    eq(query(db, f"SELECT standard_version FROM agreements WHERE id = {aid}"), 2)
    # Only an administrator keeps them.
    eq(analyst.get("/admin/agreement-texts/ok1").status, 403)
    contains(admin.get("/admin/audit?type=agreement_texts").text, "ok1")
