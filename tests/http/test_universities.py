"""The register of universities: each once by name (a second spelling is refused), its
team leader and education leaders, a renaming that follows to the cases and users that
carry the name; a case's university chosen from the register, and further universities
that give their users the case; users and interventions only with registered names; a
university agreement that names its university and commissions named interventions."""
import urllib.parse
from harness import Server, demo_db, query, eq, contains, lacks, run_cli

srv = None
db = None
BORAS = "2120001561"


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


def form(c, path, fields):
    fields = dict(fields)
    fields["csrf"] = c.csrf("/")
    return c.post(path, fields)


def boras():
    return query(db, f"SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id WHERE o.orgnr = '{BORAS}'")


def test_the_register_keeps_each_university_once_and_a_new_name_follows():
    a = login("analytiker@exempel.se")
    page = a.get("/universities").text
    contains(page, "Karlstads universitet")
    r = form(a, "/universities", {"name": "karlstads UNIVERSITET"})
    eq(r.status, 409)
    contains(r.text, "finns redan i registret")
    r = form(a, "/universities", {"name": "Högskolan Evenemang", "team_leader": "Åsa Lind",
                                  "education_leaders": "Per Berg, Ida Ek"})
    eq(r.status, 303, r.text[:300])
    uid = int(r.header("Location").split("/universities/")[1].split("?")[0])
    eq(form(login("processtod@exempel.se"), "/universities", {"name": "Ännu ett"}).status, 403)
    eq(login("huvudman@exempel.se").get("/universities").status, 403)
    # Karlstad is the demo case's university and its user's: renamed, both follow.
    kau = query(db, "SELECT id FROM universities WHERE name = 'Karlstads universitet'")
    r = form(a, f"/universities/{kau}", {"name": "Karlstads universitet (KAU)", "team_leader": "Lars Ny",
                                         "education_leaders": "", "version": "1"})
    eq(r.status, 303, r.text[:300])
    eq(query(db, f"SELECT university FROM cases WHERE id = {boras()}"), "Karlstads universitet (KAU)")
    eq(query(db, "SELECT university FROM users WHERE email = 'larosate@exempel.se'"), "Karlstads universitet (KAU)")
    eq(login("larosate@exempel.se").get(f"/cases/{boras()}").status, 200, "användaren når ärendet under det nya namnet")
    r = form(a, f"/universities/{kau}", {"name": "Karlstad", "version": "1"})
    eq(r.status, 409)
    contains(r.text, "Någon annan sparade medan du skrev")
    page = a.get(f"/universities/{kau}").text
    contains(page, "Sofia Åkesson")  # its user
    contains(page, "Borås kommun")   # its case
    eq(form(a, f"/universities/{uid}", {"name": "Högskolan Evenemang", "version": "1"}).status, 303)


def test_a_case_chooses_its_universities_from_the_register():
    a = login("analytiker@exempel.se")
    cid = boras()
    version = query(db, f"SELECT team_version FROM cases WHERE id = {cid}")
    r = form(a, f"/cases/{cid}/university", {"university": "Karlstads univ", "version": version})
    eq(r.status, 422)
    contains(r.text, "Karlstads univ finns inte i registret över lärosäten.")
    # An empty team takes the register's.
    kau = query(db, "SELECT name FROM universities WHERE name LIKE 'Karlstads%'")
    eq(form(a, f"/cases/{cid}/university", {"university": kau, "team_leader": "", "education_leaders": "",
                                            "version": version}).status, 303)
    eq(query(db, f"SELECT team_leader FROM cases WHERE id = {cid}"),
       query(db, f"SELECT team_leader FROM universities WHERE name = '{kau}'"))
    # A further university: its users now reach the case; removed, they no longer do.
    run_cli(["user", "add", "--email", "gu@exempel.se", "--name", "Gun Ulf", "--role", "university", "--university",
             "Göteborgs universitet"], db=db, stdin="samverkan-demo-2026\n")
    r = run_cli(["user", "add", "--email", "typo@exempel.se", "--name", "Tom Typ", "--role", "university",
                 "--university", "Göteborgs universitett"], db=db, stdin="samverkan-demo-2026\n", check=False)
    assert r.returncode != 0 and "finns inte i registret över lärosäten" in r.stderr, r.stderr
    gu = login("gu@exempel.se")
    eq(gu.get(f"/cases/{cid}").status, 404)
    eq(form(a, f"/cases/{cid}/universities", {"further": "Göteborgs universitet"}).status, 303)
    eq(form(a, f"/cases/{cid}/universities", {"further": "Göteborgs universitet"}).status, 422)
    eq(gu.get(f"/cases/{cid}").status, 200)
    contains(a.get(f"/cases/{cid}").text, "Ytterligare lärosäten")
    gid = query(db, "SELECT id FROM universities WHERE name = 'Göteborgs universitet'")
    eq(form(login("huvudman@exempel.se"), f"/cases/{cid}/universities/{gid}/remove", {}).status, 403)
    eq(form(a, f"/cases/{cid}/universities/{gid}/remove", {}).status, 303)
    eq(gu.get(f"/cases/{cid}").status, 404)
    eq(form(a, f"/cases/{cid}/universities", {"further": "Göteborgs universitet"}).status, 303)


def test_a_university_agreement_commissions_named_interventions_of_its_university():
    a = login("analytiker@exempel.se")
    cid = boras()
    # The organiser level's plan is approved in the demo: reopened to add an intervention
    # carried out by Göteborgs universitet (a further university of the case).
    o = login("huvudman@exempel.se")
    plan = query(db, f"SELECT id FROM plans WHERE case_id = {cid} AND unit_key = 0")
    eq(form(o, f"/plans/{plan}/flow", {"action": "reopen"}).status, 303)
    r = form(o, f"/plans/{plan}/interventions", {"title": "Handledning i kollegialt lärande"})
    eq(r.status, 303, r.text[:300])
    iid = int(r.header("Location").rsplit("/", 1)[1])
    fields = {"version": "1", "title": "Handledning i kollegialt lärande", "provider": "university",
              "provider_name": "Göteborgs universitett", "cost": "100000"}
    r = form(o, f"/interventions/{iid}", fields)
    eq(r.status, 422)
    contains(r.text, "finns inte i registret över lärosäten")
    eq(form(o, f"/interventions/{iid}", dict(fields, provider_name="Göteborgs universitet")).status, 303)
    r = form(a, f"/cases/{cid}/agreements", {"kind": "university", "period_from": "2026-01-01",
                                             "period_to": "2026-12-31", "s_purpose": "Handledning."})
    eq(r.status, 303, r.text[:300])
    aid = int(r.header("Location").split("/agreements/")[1].split("?")[0])
    r = form(a, f"/agreements/{aid}/commission", {"university": "Malmö universitet", "interventions": iid})
    eq(r.status, 422)
    contains(r.text, "arbetar inte i ärendet")
    other = query(db, f"SELECT MIN(id) FROM interventions WHERE case_id = {cid} AND provider <> 'university'")
    r = form(a, f"/agreements/{aid}/commission", {"university": "Göteborgs universitet", "interventions": other})
    eq(r.status, 422)
    contains(r.text, "genomförs inte av Göteborgs universitet")
    eq(form(a, f"/agreements/{aid}/commission", {"university": "Göteborgs universitet", "interventions": iid}).status,
       303)
    page = a.get(f"/agreements/{aid}").text
    contains(page, "Lärosäte: <strong>Göteborgs universitet</strong>")
    contains(page, "Handledning i kollegialt lärande")
    # Göteborg's user reads its own agreement; Karlstad's user does not.
    eq(login("gu@exempel.se").get(f"/agreements/{aid}").status, 200)
    eq(login("larosate@exempel.se").get(f"/agreements/{aid}").status, 404)


def test_a_supplementary_agreement_shows_how_the_plans_changed():
    a = login("analytiker@exempel.se")
    cid = boras()
    plan = query(db, f"SELECT id FROM plans WHERE case_id = {cid} AND unit_key = 0")
    ok1 = query(db, f"SELECT id FROM agreements WHERE case_id = {cid} AND kind = 'ok1'")
    r = form(a, f"/cases/{cid}/agreements", {"kind": "supplementary", "supersedes": ok1, "period_from": "2026-01-01",
                                             "period_to": "2026-12-31", "s_background": "Uppföljningsmötet i maj.",
                                             "s_changes_made": "En insats läggs till."})
    eq(r.status, 303, r.text[:300])
    aid = int(r.header("Location").split("/agreements/")[1].split("?")[0])
    page = a.get(f"/agreements/{aid}").text
    contains(page, "Ändringar i åtgärdsplanerna")
    contains(page, f'href="/plans/{plan}/versions"')
    contains(page, "ändras nu, skillnaden mot version 1")
    diff = a.get(f"/plans/{plan}/versions").text
    contains(diff, "Ändringar sedan version 1")
    contains(diff, "Insats: Handledning i kollegialt lärande (ny)")
    # Approved again: version 2, and the difference is that version's.
    o = login("huvudman@exempel.se")
    r = form(o, f"/plans/{plan}/flow", {"action": "submit"})
    eq(r.status, 409, "den nya insatsen saknar orsak, mål och indikator")
    iid = query(db, f"SELECT id FROM interventions WHERE plan_id = {plan} AND title = 'Handledning i kollegialt lärande'")
    analysis = query(db, f"SELECT analysis_id FROM plans WHERE id = {plan}")
    cause = query(db, f"SELECT MIN(id) FROM analysis_causes WHERE analysis_id = {analysis}")
    version = query(db, f"SELECT version FROM interventions WHERE id = {iid}")
    eq(form(o, f"/interventions/{iid}", {"version": version, "title": "Handledning i kollegialt lärande",
                                         "provider": "university", "provider_name": "Göteborgs universitet",
                                         "cost": "100000", "goals": "Lärgrupperna leds av lärarna själva.",
                                         "causes": cause}).status, 303)
    eq(form(o, f"/interventions/{iid}/indicators", {"measure": "Andel lärgrupper med egen ledare", "baseline": "0 %",
                                                     "target": "100 %", "read_dates": "2026-12-15"}).status, 303)
    eq(form(o, f"/plans/{plan}/flow", {"action": "submit"}).status, 303)
    eq(form(o, f"/plans/{plan}/flow", {"action": "approve"}).status, 303)
    contains(a.get(f"/agreements/{aid}").text, "version 2, skillnaden mot version 1")
