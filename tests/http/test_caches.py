"""What the product keeps between requests shows a change at once: the start page's parts
(kept per viewer and day until the data changes) against a server that keeps nothing, for
every role, after writes through the product and by another process; the register's kept
counts after an import; the data generation on every table."""
import datetime
import re
import sqlite3
from harness import (Server, demo_db, query, query_all, eq, contains, lacks, run_cli, have_data, Skip, new_db, psql,
                     data_file, psql)

srv = None
plain = None
db = None
tmpdir = None

ROLES = ("admin@exempel.se", "analytiker@exempel.se", "processtod@exempel.se", "processtod2@exempel.se",
         "ekonomi@exempel.se", "huvudman@exempel.se", "rektor@exempel.se", "analysgrupp@exempel.se",
         "larosate@exempel.se", "lasare@exempel.se")
BORAS, KIRUNA = "2120001561", "2120002783"


def setup(tmp):
    global srv, plain, db, tmpdir
    tmpdir = tmp
    if not have_data():
        raise Skip("../shared/data saknas")
    db = demo_db(tmp, with_data=True)
    srv = Server(db)
    plain = Server(db, env={"SAMVERKAN_CACHE": "off"})


def teardown():
    srv.stop()
    plain.stop()


def start_page(server, email):
    c = server.client()
    c.login(email)
    html = c.get("/").text
    # The session's own tokens differ between two sign-ins; everything else must not.
    return re.sub(r'name="csrf" value="[0-9a-f]+"', 'name="csrf" value=""', html)


def same_everywhere(what):
    """Each role's start page from the caching server (twice, so the second is served from
    the cache) equals the one from the server that keeps nothing; returns them by role."""
    pages = {}
    for email in ROLES:
        first = start_page(srv, email)
        again = start_page(srv, email)
        fresh = start_page(plain, email)
        eq(again, first, f"{what}: {email} får samma sida två gånger")
        eq(first, fresh, f"{what}: {email} ser samma startsida med och utan cache")
        pages[email] = first
    return pages


def write(d, sql):
    """One statement written by another process than the server, and committed."""
    if d.startswith("postgres"):
        psql(d, sql)
        return
    con = sqlite3.connect(d)
    con.execute(sql)
    con.commit()
    con.close()


def rows(d, sql):
    return [tuple(str(v) for v in r) for r in query_all(d, sql)]


def case_id(orgnr):
    return query(db, f"SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id WHERE o.orgnr = '{orgnr}' "
                     "ORDER BY c.decision_date LIMIT 1")


def form(c, path, fields):
    fields = dict(fields)
    fields["csrf"] = c.csrf("/")
    return c.post(path, fields)


def test_start_pages_with_the_cache_equal_those_without_and_change_at_once_after_a_write():
    before = same_everywhere("demot")
    contains(before["huvudman@exempel.se"], "Delredovisning HT 2025", "huvudmannens redovisning väntar")
    a = srv.client()
    a.login("analytiker@exempel.se")
    o = srv.client()
    o.login("huvudman@exempel.se")

    # A report handed in leaves the organiser's due list at once.
    eq(form(o, f"/cases/{case_id(BORAS)}/submissions", {"key": "interim:2025HT"}).status, 303)
    after = same_everywhere("efter inlämnad redovisning")
    lacks(after["huvudman@exempel.se"], "Delredovisning HT 2025", "redovisningen är inlämnad")

    # A visit booked for the coming days is on the upcoming meetings at once.
    day = datetime.date.today() + datetime.timedelta(days=3)
    while day.weekday() >= 5:  # a meeting falls on a working day
        day += datetime.timedelta(days=1)
    soon = day.isoformat()
    r = form(a, f"/cases/{case_id(BORAS)}/meetings", {"kind": "visit", "first": soon, "time": "08:30", "count": "1",
                                                     "interval": "30", "minutes": "60"})
    eq(r.status, 303, r.text[:300])
    after = same_everywhere("efter bokat besök")
    upcoming = after["analytiker@exempel.se"].split("Kommande möten")[1].split("</ul>")[0]
    contains(upcoming, f"<time>{soon} 08:30</time>", "besöket syns bland kommande möten")
    contains(upcoming, "Borås kommun", "med huvudmannens namn")

    # A supporter taken off a case no longer has it in the list; the others' lists are their own.
    kiruna = case_id(KIRUNA)
    person = query(db, f"SELECT p.id FROM case_people p JOIN users u ON u.id = p.user_id WHERE p.case_id = {kiruna} "
                       "AND u.email = 'processtod2@exempel.se'")
    if person:
        before_s = same_everywhere("före")["processtod2@exempel.se"]
        contains(before_s, f'href="/cases/{kiruna}"')
        eq(form(a, f"/cases/{kiruna}/people/{person}/remove", {}).status, 303)
        lacks(same_everywhere("efter borttaget processtöd")["processtod2@exempel.se"], f'href="/cases/{kiruna}"',
              "ärendet är inte längre processtödjarens")


def test_a_change_written_by_another_process_shows_at_once():
    same_everywhere("före")
    # Written straight into the database, past the server: the generation moves all the same.
    write(db, f"UPDATE organisers SET name = 'Borås stad (nytt namn)' WHERE orgnr = '{BORAS}'")
    pages = same_everywhere("efter en ändring från en annan process")
    contains(pages["analytiker@exempel.se"], "Borås stad (nytt namn)")


def test_every_table_with_the_products_data_moves_the_generation():
    if db.startswith("postgres"):
        tables = {r[0] for r in query_all(db, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
        triggered = {r[0] for r in query_all(db, "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON "
                                                 "c.oid = t.tgrelid WHERE t.tgname = 'sv_generation'")}
    else:
        tables = {r[0] for r in query_all(db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                              "AND name NOT LIKE 'sqlite_%'")}
        triggered = {r[0] for r in query_all(db, "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' "
                                                 "AND name LIKE 'sv_generation_%_delete'")}
    untracked = {"sessions", "login_failures", "password_resets", "api_tokens", "calendar_tokens", "outbox",
                 "audit", "schema_migrations", "schema_fingerprint", "data_generation", "data_generation_marks"}
    eq(sorted(tables - untracked - triggered), [], "tabeller utan utlösare")
    before = query(db, "SELECT n FROM data_generation")
    run_cli(["user", "add", "--email", "ny.person@exempel.se", "--name", "Ny Person", "--role", "reader"], db=db,
            stdin="samverkan-demo-2026\n")
    assert query(db, "SELECT n FROM data_generation") > before, "en ny användare flyttar generationen"


def units_triggered(d):
    if d.startswith("postgres"):
        return query(d, "SELECT COUNT(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                        "WHERE t.tgname = 'sv_generation' AND c.relname = 'units'") == 1
    return query(d, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'units' "
                    "AND name LIKE 'sv_generation_units_%'") == 3


def test_a_start_checks_the_schema_in_full_unless_this_version_left_it():
    """A start that finds the fingerprint this version leaves skips the full look at every
    table's triggers; one that finds another (a database an earlier version left, with a
    table that lacks its trigger) looks, puts the trigger back and leaves its own."""
    d = new_db(tmpdir)
    run_cli(["init"], db=d)
    mine = query(d, "SELECT value FROM schema_fingerprint WHERE id = 1")
    assert re.fullmatch(r"v\d+-g[0-9a-f]{8}", mine or ""), f"fingerprint: {mine!r}"
    assert units_triggered(d), "units har generationens utlösare"
    if d.startswith("postgres"):
        psql(d, "DROP TRIGGER sv_generation ON units; UPDATE schema_fingerprint SET value = 'v1-g00000000'")
    else:
        for sql in ("DROP TRIGGER sv_generation_units_insert", "DROP TRIGGER sv_generation_units_update",
                    "DROP TRIGGER sv_generation_units_delete", "UPDATE schema_fingerprint SET value = 'v1-g00000000'"):
            write(d, sql)
    assert not units_triggered(d)
    run_cli(["init"], db=d)
    assert units_triggered(d), "starten satte tillbaka utlösaren"
    eq(query(d, "SELECT value FROM schema_fingerprint WHERE id = 1"), mine, "fingeravtrycket efter en full kontroll")
    before = query(d, "SELECT n FROM data_generation")
    run_cli(["import", "municipalities", data_file("geo/municipality_county.csv")], db=d)
    assert query(d, "SELECT n FROM data_generation") > before, "en import flyttar generationen"


def test_the_generation_moves_with_what_a_transaction_commits():
    """A bulk write moves the generation as it commits; a rolled-back one leaves it."""
    gen = lambda: query(db, "SELECT n FROM data_generation")
    before = gen()
    write(db, "UPDATE units SET name = name WHERE id IN (SELECT id FROM units ORDER BY id LIMIT 500)")
    moved = gen()
    assert moved > before, "en ändring av många rader flyttar generationen"
    if db.startswith("postgres"):
        eq(moved, before + 1, "en gång per transaktion, inte per rad")
        # A savepoint rolled back takes its mark with it; a later write in the same
        # transaction still moves the generation, once.
        psql(db, "BEGIN; SAVEPOINT a; UPDATE units SET name = name WHERE id = 1; ROLLBACK TO a;"
                 " UPDATE organisers SET name = name WHERE id = 1; COMMIT")
        eq(gen(), moved + 1, "generationen efter en återrullad sparpunkt")
        psql(db, "BEGIN; UPDATE organisers SET name = name WHERE id = 1; ROLLBACK")
        eq(gen(), moved + 1, "en återrullad transaktion flyttar inte generationen")
        eq(query(db, "SELECT COUNT(*) FROM data_generation_marks"), 0, "inga kvarlämnade markeringar")


def test_the_registers_kept_counts_follow_an_import():
    d = new_db(tmpdir)
    run_cli(["import", "municipalities", data_file("geo/municipality_county.csv")], db=d)
    run_cli(["import", "organisers", data_file("register/SER_2020-08_Huvudmän.csv")], db=d)
    per_organiser = ("SELECT o.orgnr, COUNT(u.id) FROM organisers o LEFT JOIN units u ON u.organiser_id = o.id "
                     "GROUP BY o.orgnr ORDER BY o.orgnr")
    for f in ("register/SER_2020-08_Gymnasieskola.csv", "register/SER_2020-08_Grundskola.csv"):
        run_cli(["import", "units", data_file(f)], db=d)
        eq(rows(d, "SELECT orgnr, units_count FROM organisers ORDER BY orgnr"), rows(d, per_organiser),
           f"enheter per huvudman efter {f}")
        eq(rows(d, "SELECT organisers, units, municipalities FROM register_counts WHERE county_code = ''"),
           rows(d, "SELECT (SELECT COUNT(*) FROM organisers), (SELECT COUNT(*) FROM units), "
                   "(SELECT COUNT(*) FROM municipalities)"), "rikets siffror")
        eq(rows(d, "SELECT county_code, organisers, units FROM register_counts WHERE county_code <> '' ORDER BY 1"),
           rows(d, "SELECT c.code, (SELECT COUNT(*) FROM organisers o JOIN municipalities m ON "
                   "m.code = o.municipality_code WHERE m.county_code = c.code), (SELECT COUNT(*) FROM units u "
                   "JOIN municipalities m ON m.code = u.municipality_code WHERE m.county_code = c.code) "
                   "FROM counties c ORDER BY 1"), "per län")
    run_cli(["user", "add", "--email", "utredare@exempel.se", "--name", "Ulla Utredare", "--role", "analyst"], db=d,
            stdin="samverkan-demo-2026\n")
    s = Server(d)
    try:
        c = s.client()
        c.login("utredare@exempel.se")
        total = query(d, "SELECT COUNT(*) FROM organisers")
        shown = re.sub(r"[\s\u00a0\u202f]", "", re.search(r'role="status">([^<]*)</p>', c.get("/organisers").text)[1])
        eq(shown, f"{total}huvudmän", "antalet i listan")
        units = query(d, "SELECT COUNT(*) FROM units")
        shown = re.sub(r"[\s\u00a0\u202f]", "", re.search(r'role="status">([^<]*)</p>', c.get("/units").text)[1])
        eq(shown, f"{units}enheter", "antalet enheter i listan")
    finally:
        s.stop()


KEPT_PAGES = ("/cases", "/cases?county=14", "/cases?county=25", "/organisers", "/organisers?q=kommun&page=2",
              "/organisers/2120001561", "/units/13746989", "/api/v1/cases", "/universities", "/import",
              "/api/v1/due?days=60")


def page(server, email, path):
    c = server.client()
    c.login(email)
    r = c.get(path)
    return r.status, re.sub(r'name="csrf" value="[0-9a-f]+"', 'name="csrf" value=""', r.text)


def test_kept_pages_equal_fresh_ones_for_every_role_and_change_at_once_after_a_write():
    def compare(what):
        seen = {}
        for email in ROLES:
            c = srv.client()
            c.login(email)
            for path in KEPT_PAGES + (f"/cases/{case_id(BORAS)}",):
                first = c.get(path)
                again = c.get(path)  # the second is the kept one
                status, fresh = page(plain, email, path)
                eq(again.status, first.status, f"{what}: {email} {path}")
                eq(status, first.status, f"{what}: {email} {path} med och utan cache")
                norm = lambda t: re.sub(r'name="csrf" value="[0-9a-f]+"', 'name="csrf" value=""', t)
                eq(norm(again.text), norm(first.text), f"{what}: {email} {path} två gånger")
                eq(norm(first.text), fresh, f"{what}: {email} {path} med och utan cache")
                seen[(email, path)] = first.text
        return seen
    before = compare("demot")
    # Each set of arguments is its own page.
    boras_link = f'href="/cases/{case_id(BORAS)}"'
    contains(before[("analytiker@exempel.se", "/cases?county=14")], boras_link)
    lacks(before[("analytiker@exempel.se", "/cases?county=25")], boras_link)
    a = srv.client()
    a.login("analytiker@exempel.se")
    boras = case_id(BORAS)
    # A contact added to the case shows on its page at once, for everyone who sees it.
    eq(form(a, f"/cases/{boras}/contacts", {"name": "Kontakt Tillagd Nyss"}).status, 303)
    after = compare("efter en ny kontakt")
    lacks(before[("analytiker@exempel.se", f"/cases/{boras}")], "Kontakt Tillagd Nyss")
    contains(after[("analytiker@exempel.se", f"/cases/{boras}")], "Kontakt Tillagd Nyss")
    # Another organiser's case page stays out of reach, kept or not.
    o = srv.client()
    o.login("huvudman@exempel.se")
    other = case_id(KIRUNA)
    for _ in range(2):
        eq(o.get(f"/cases/{other}").status, 404, "annan huvudmans ärende")


def test_a_kept_page_is_the_sessions_own():
    a = srv.client()
    a.login("analytiker@exempel.se")
    contains(a.get("/cases").text, "Ärenden")
    s = srv.client()
    s.login("processtod@exempel.se")
    mine = s.get("/cases").text
    contains(mine, "Mina ärenden", "processtödjarens egen lista, inte analytikerns sparade")
    eq(page(plain, "processtod@exempel.se", "/cases")[1],
       re.sub(r'name="csrf" value="[0-9a-f]+"', 'name="csrf" value=""', s.get("/cases").text))
    # Signed out, the kept page is not served to the old cookie.
    eq(a.post("/logout", {"csrf": a.csrf("/")}).status, 303)
    r = a.get("/cases")
    eq(r.status, 303, "utloggad")
