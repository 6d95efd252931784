"""An indicator that is a statistic the register imports, on a unit's plan: the register's
figure for each year stands beside the organiser's own reading of that year, and where the
two differ the page and the API say so (seed 002: the figures have not always agreed); a
year the register suppresses shows as such."""
import html
from harness import Server, demo_db, query, eq, lacks, psql
from harness import contains as contains_raw

srv = None
db = None


def contains(haystack, needle, what=""):
    contains_raw(html.unescape(haystack), needle, what)


def write(sql):
    """Setup written past the server: the register's figures as an import writes them, and a
    unit's approved plan (the pages that make one are tested in test_improvement)."""
    if db.startswith("postgres"):
        psql(db, sql)
        return
    import sqlite3
    con = sqlite3.connect(db)
    con.executescript(sql)
    con.commit()
    con.close()


def setup(tmp):
    global srv, db
    db = demo_db(tmp, with_data=False)
    unit = query(db, "SELECT unit_id FROM users WHERE email = 'rektor@exempel.se'")
    case = query(db, "SELECT c.id FROM cases c JOIN users u ON u.organiser_id = c.organiser_id"
                     " WHERE u.email = 'rektor@exempel.se' ORDER BY c.id LIMIT 1")
    analysis = query(db, f"SELECT MIN(id) FROM analyses WHERE case_id = {case}")
    write(f"DELETE FROM unit_stats WHERE unit_id = {unit} AND variable = 'pass_all';"
          f"INSERT INTO unit_stats (unit_id, year, variable, value, flag, source) VALUES"
          f" ({unit}, 2025, 'pass_all', NULL, 'suppressed', 'results'), ({unit}, 2026, 'pass_all', 64.3, '', 'results');"
          f"INSERT INTO plans (case_id, analysis_id, level, unit_id, unit_key, state, version, created_by, created_at,"
          f" updated_at) VALUES ({case}, {analysis}, 'school', {unit}, {unit}, 'approved', 1, 'test', 1, 1);"
          f"INSERT INTO interventions (plan_id, case_id, title, created_at) SELECT MAX(id), {case},"
          f" 'Studiehandledning på modersmålet', 1 FROM plans;"
          f"INSERT INTO indicators (intervention_id, measure, baseline, target, read_dates, variable, created_at)"
          f" SELECT MAX(id), 'Andel elever med godkänt i alla ämnen', '58 %', '70 %', 'juni', 'pass_all', 1"
          f" FROM interventions;")
    srv = Server(db)


def teardown():
    srv.stop()


def test_the_registers_figure_beside_the_own_and_the_difference_flagged():
    ind = query(db, "SELECT MAX(id) FROM indicators")
    c = srv.client()
    c.login("rektor@exempel.se")
    page = c.get(f"/indicators/{ind}").text
    contains(page, "Registrets siffror")
    contains(page, "Uppnått betygskriterierna i alla ämnen")
    contains(page, "för få", "ett år registret undertrycker")
    lacks(page, "Skiljer sig")

    def record(period, value):
        r = c.post(f"/indicators/{ind}/readings", {"csrf": c.csrf("/"), "period": period, "value": value})
        eq(r.status, 303, f"{period} {value}")

    record("2026-06", "66")
    page = c.get(f"/indicators/{ind}").text
    contains(page, "Huvudmannens egen siffra skiljer sig från registrets 1 år av 2.")
    contains(page, "Skiljer sig med 1,7")
    j = c.get(f"/api/v1/indicators/{ind}").json()
    reg = {p["year"]: p for p in j["register"]}
    eq((reg[2026]["value"], reg[2026]["own"], reg[2026]["own_period"], reg[2026]["differs"]), (64.3, 66.0, "2026-06", True))
    eq((reg[2025]["value"], reg[2025]["flag"], reg[2025]["differs"]), (None, "suppressed", False))
    # A later reading of the year that agrees with the register: no difference left.
    record("2026-09", "64,3")
    page = c.get(f"/indicators/{ind}").text
    contains(page, "Stämmer")
    lacks(page, "Skiljer sig")
    eq(c.get(f"/api/v1/indicators/{ind}").json()["register"][-1]["differs"], False)
    # The organiser reads the unit's plan and its figures too.
    other = srv.client()
    other.login("huvudman@exempel.se")
    contains(other.get(f"/indicators/{ind}").text, "Stämmer")
    eq(query(db, f"SELECT status FROM indicators WHERE id = {ind}"), "toward")
