"""Imports of every real file in ../shared/data, with counts worked out independently
here; re-runs that change nothing; uploads through the UI; malformed files rejected
whole with a message naming file, row and column."""
import csv
import os
import re
import time
from harness import (Server, demo_db, new_db, query, eq, contains, lacks, run_cli, data_file, have_data, Skip,
                     skolverket_rows)

tmpdir = None
times = {}


def setup(tmp):
    global tmpdir
    if not have_data():
        raise Skip("../shared/data saknas")
    tmpdir = tmp


def comma_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def summary(out):
    nums = {}
    for key, label in (("read", "rader lästa"), ("added", "tillagda"), ("changed", "ändrade"),
                       ("unchanged", "oförändrade"), ("skipped", "överhoppade")):
        m = re.search(rf"^\s+{label}:\s+(\d+)$", out, re.M)
        nums[key] = int(m.group(1)) if m else None
    m = re.search(r"orimliga värden \(sparade och flaggade\): (\d+)", out)
    nums["implausible"] = int(m.group(1)) if m else 0
    return nums


def import_file(db, kind, rel, *extra):
    path = data_file(rel)
    t0 = time.time()
    p = run_cli(["import", kind, path, *extra], db=db)
    times[os.path.basename(rel)] = time.time() - t0
    return summary(p.stdout)


def test_every_real_file_imports_with_the_right_counts_and_reruns_change_nothing():
    db = new_db(tmpdir)
    run_cli(["init"], db=db)
    muni = comma_rows(data_file("geo/municipality_county.csv"))
    orgs = comma_rows(data_file("register/SER_2020-08_Huvudmän.csv"))
    grund = comma_rows(data_file("register/SER_2020-08_Grundskola.csv"))
    gymn = comma_rows(data_file("register/SER_2020-08_Gymnasieskola.csv"))
    results = skolverket_rows(data_file("skolverket/grundskola_slutbetyg_ak9_2024-25_skolenhet.csv"))
    background = skolverket_rows(data_file("skolverket/grundskola_antal_elever_bakgrund_2023-24_skolenhet.csv"))
    pre = comma_rows(data_file("preschool/forskolor_rows_national_2025.csv"))
    eq((len(muni), len(orgs), len(grund), len(gymn), len(results), len(background), len(pre)),
       (290, 1132, 4894, 1330, 1714, 4665, 8739), "radantal enligt data/README")

    seen = set()
    def expect_units(codes):
        codes = [c for c in codes]
        new = [c for c in codes if c not in seen]
        seen.update(codes)
        return len(new), len(codes) - len(new)

    plan = [
        ("municipalities", "geo/municipality_county.csv", (), (len(muni), 0)),
        ("organisers", "register/SER_2020-08_Huvudmän.csv", (), (len(orgs), 0)),
        ("units", "register/SER_2020-08_Grundskola.csv", (), expect_units(r["SKOLENHETSKOD"] for r in grund)),
        ("units", "register/SER_2020-08_Gymnasieskola.csv", (), expect_units(r["SKOLENHETSKOD"] for r in gymn)),
        ("results", "skolverket/grundskola_slutbetyg_ak9_2024-25_skolenhet.csv", (), expect_units(r[1] for r in results)),
        ("background", "skolverket/grundskola_antal_elever_bakgrund_2023-24_skolenhet.csv", (),
         expect_units(r[1] for r in background)),
        ("preschools", "preschool/forskolor_rows_national_2025.csv", ("--year", "2025"),
         expect_units(r["skolverkets_id"] for r in pre)),
    ]
    eq(plan[3][3], (1321, 9), "nio enheter finns i både grundskole- och gymnasiefilen")
    for kind, rel, extra, (added, changed) in plan:
        s = import_file(db, kind, rel, *extra)
        read = added + changed
        eq((s["read"], s["added"], s["changed"], s["skipped"]), (read, added, changed, 0), f"{kind} {rel}")
    implausible = sum(1 for r in pre if r["Personaltäthet"] and float(r["Personaltäthet"]) > 20)
    eq(s["implausible"], implausible, "orimliga värden flaggas")

    eq(query(db, "SELECT COUNT(*) FROM units"), len(seen))
    eq(query(db, "SELECT COUNT(*) FROM unit_stats WHERE flag = 'implausible'"), implausible)
    eq(query(db, "SELECT COUNT(*) FROM units WHERE code = '238459' AND municipality_code = '1283'"), 1)
    eq(query(db, "SELECT COUNT(*) FROM units WHERE length(code) = 6"), len(pre))
    # The preschool file drops the leading zero: Stockholm is 0180, not 180.
    eq(query(db, "SELECT COUNT(*) FROM units WHERE municipality_code = '180'"), 0)
    assert query(db, "SELECT COUNT(*) FROM units WHERE municipality_code = '0180'") > 500
    # Units whose every figure is suppressed are kept, with their flags.
    all_suppressed = sum(1 for r in results if all(v in (".", "..") for v in r[7:11]))
    got = query(db, "SELECT COUNT(*) FROM (SELECT unit_id FROM unit_stats WHERE year = 2025 AND source = 'results'"
                    " GROUP BY unit_id HAVING SUM(CASE WHEN flag IN ('missing','suppressed') THEN 1 ELSE 0 END) = 4) x")
    eq(got, all_suppressed, "enheter där allt är undertryckt")
    # Decimal comma and rounding: values as Skolverket wrote them.
    row = next(r for r in background if r[1] == "71387206")
    v = query(db, "SELECT value FROM unit_stats s JOIN units u ON u.id = s.unit_id WHERE u.code = '71387206'"
                  " AND s.variable = 'foreign_bg' AND s.year = 2024")
    eq(float(v), float(row[11].replace(",", ".")))
    # The planner's statistics follow a file that grew a table, so the next queries are
    # planned for the register as it now is.
    for table in ("units", "organisers", "unit_stats"):
        count = query(db, f"SELECT COUNT(*) FROM {table}")
        if db.startswith("postgres"):
            known = query(db, f"SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE relname = '{table}'")
        else:
            known = query(db, f"SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 WHERE tbl = '{table}' LIMIT 1")
        assert abs(known - count) <= count * 0.1, f"planerarens radantal för {table}: {known}, ska vara {count}"
    audit_before = query(db, "SELECT COUNT(*) FROM audit")

    for kind, rel, extra, _ in plan:
        s = import_file(db, kind, rel, *extra)
        eq((s["added"], s["changed"], s["unchanged"]), (0, 0, s["read"]), f"omkörning {kind} {rel}")
    eq(query(db, "SELECT COUNT(*) FROM audit"), audit_before, "omkörning ändrar inget")
    print("    importtider: " + ", ".join(f"{k} {v:.2f}s" for k, v in times.items()))


def malformed(name, text, kind="results", extra=()):
    path = os.path.join(tmpdir, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


RESULTS_HEAD = ("Statistik från Skolverket;;;;;;;;;;\n;;;;;;;;;;\nGrundskola - Slutbetyg årskurs 9;;;;;;;;;;\n"
                "Valt läsår: 2024/25;;;;;;;;;;\n;;;;;;;;;;\n"
                "Skola;Skol-enhetskod;Skolkommun;Kommun-kod;Typ av huvudman;Huvudman;Huvudman orgnr;Antal elever;"
                "Andel (%) elever som uppfyllt betygskriterierna i alla ämnen;Andel (%) elever behöriga till yrkesprog.;"
                "Genomsnittligt meritvärde (17 ämnen)\n")
GOOD = "Bohusskolan;11043800;Ale;1440;Kommunal;Ale kommun;2120001439;97;58,8;77,4;201,3\n"


def test_malformed_files_are_rejected_whole_and_change_nothing():
    db = demo_db(tmpdir, with_data=False)
    counts = ("SELECT COUNT(*) FROM units", "SELECT COUNT(*) FROM unit_stats", "SELECT COUNT(*) FROM audit",
              "SELECT COUNT(*) FROM imports")
    before = [query(db, q) for q in counts]
    cases = [
        ("saknad-kolumn.csv", RESULTS_HEAD.replace(";Genomsnittligt meritvärde (17 ämnen)", "") + GOOD,
         'saknad-kolumn.csv: rad 6: kolumnen "Genomsnittligt meritvärde (17 ämnen)" saknas i rubrikraden'),
        ("text-i-tal.csv", RESULTS_HEAD + GOOD + "Nyskolan;12345678;Ale;1440;Kommunal;Ale kommun;2120001439;tolv;50;50;200\n",
         'text-i-tal.csv: rad 8, kolumn "Antal elever": "tolv" är inget tal'),
        ("andel.csv", RESULTS_HEAD + GOOD.replace("58,8", "158,8"),
         'andel.csv: rad 7, kolumn "Andel (%) elever som uppfyllt betygskriterierna i alla ämnen": värdet 158,8 ska vara en andel mellan 0 och 100.'),
        ("orgnr.csv", RESULTS_HEAD + GOOD.replace("2120001439", "2120001438"),
         'orgnr.csv: rad 7, kolumn "Huvudman orgnr": "2120001438" är inget giltigt organisationsnummer'),
        ("kod.csv", RESULTS_HEAD + GOOD.replace("11043800", "1104380"),
         'kod.csv: rad 7, kolumn "Skol-enhetskod": "1104380" är ingen enhetskod'),
        ("dubblett.csv", RESULTS_HEAD + GOOD + GOOD.replace("97;", "98;"),
         'dubblett.csv: rad 8, kolumn "Skol-enhetskod": 11043800 finns redan på rad 7 med andra uppgifter.'),
        ("kommunkod.csv", RESULTS_HEAD + GOOD.replace(";1440;", ";14400;"),
         'kommunkod.csv: rad 7, kolumn "Kommun-kod": "14400" är ingen kommunkod'),
        ("nul.csv", RESULTS_HEAD + GOOD.replace("Bohusskolan", "Bohus\0skolan"),
         'nul.csv: rad 7, kolumn "Skola": cellen innehåller ett NUL-tecken'),
        ("radbrytning.csv", RESULTS_HEAD + GOOD.replace("Bohusskolan", '"Bohus\nskolan"'),
         'radbrytning.csv: rad 7, kolumn "Skola": cellen innehåller en radbrytning'),
    ]
    for name, text, message in cases:
        p = run_cli(["import", "results", malformed(name, text)], db=db, check=False)
        assert p.returncode != 0, name
        contains(p.stderr, message, name)
        contains(p.stderr, "Ingenting ändrades.", name)
    p = run_cli(["import", "preschools", data_file("preschool/forskolor_rows_national_2025.csv")], db=db, check=False)
    assert p.returncode != 0
    contains(p.stderr, "filen anger inget läsår")
    eq([query(db, q) for q in counts], before, "inget ändrat")


def test_upload_through_the_ui_gives_the_same_result_and_messages():
    db = demo_db(tmpdir, with_data=False)
    srv = Server(db)
    try:
        c = srv.client()
        c.login("analytiker@exempel.se")
        page = c.get("/import")
        contains(page.text, 'enctype="multipart/form-data"')
        token = c.csrf_of(page)
        r = c.upload("/import", {"csrf": token, "kind": "results"}, "file", "slutbetyg.csv",
                     (RESULTS_HEAD + GOOD.replace("58,8", "158,8")).encode())
        eq(r.status, 422)
        contains(r.text, "Filen importerades inte")
        contains(r.text, "slutbetyg.csv: rad 7, kolumn &quot;Andel (%) elever som uppfyllt betygskriterierna i alla ämnen&quot;")
        contains(r.text, "Ingenting i databasen ändrades.")
        token = c.csrf_of(r)
        r = c.upload("/import", {"csrf": token, "kind": ""}, "file", "x.csv", b"")
        eq(r.status, 400)
        contains(r.text, "Typ av fil måste fyllas i.")
        token = c.csrf_of(r)
        with open(data_file("skolverket/grundskola_slutbetyg_ak9_2024-25_skolenhet.csv"), "rb") as f:
            content = f.read()
        r = c.upload("/import", {"csrf": token, "kind": "results"}, "file", "grundskola_slutbetyg.csv", content)
        eq(r.status, 200, r.text[-800:])
        contains(r.text, "Importen är klar")
        # The summary is a table the user reads, not the command line's text.
        lacks(r.text, "<pre>")
        contains(r.text, "Slutbetyg")
        contains(r.text, "från <strong>grundskola_slutbetyg.csv</strong>")
        contains(r.text, '<th scope="row">Lästa</th><td class="num">1\u00a0714</td>')
        contains(r.text, '<th scope="row">Överhoppade</th><td class="num">0</td>')
        contains(r.text, '<th scope="row">Huvudmän tillagda</th>')
        token = c.csrf_of(r)
        r = c.upload("/import", {"csrf": token, "kind": "results"}, "file", "grundskola_slutbetyg.csv", content)
        contains(r.text, '<th scope="row">Oförändrade</th><td class="num">1\u00a0714</td>')
        contains(r.text, '<th scope="row">Ändrade</th><td class="num">0</td>')
        # The recent imports list both, newest first, with the same figures.
        recent = r.text[r.text.index("Senaste importer"):]
        contains(recent, '<td class="num">1\u00a0714</td>')
        c = srv.client()
        c.login("admin@exempel.se")
        audit = c.get("/admin/audit?type=unit&object=13746989").text
        contains(audit, "Ändrade genom import")
        # The statistics it changed are named as the unit page names them, values in Swedish.
        contains(audit, "<strong>statistik 2025: Genomsnittligt meritvärde (17 ämnen):</strong> 212,4 → för få elever för att redovisas")
        contains(audit, "analytiker@exempel.se")
    finally:
        srv.stop()


def test_upload_over_the_limit_is_refused():
    db = demo_db(tmpdir, with_data=False)
    srv = Server(db, ["--upload-limit-mb", "1"])
    try:
        c = srv.client()
        c.login("analytiker@exempel.se")
        token = c.csrf("/import")
        r = c.upload("/import", {"csrf": token, "kind": "results"}, "file", "stor.csv", b"x" * (2 << 20))
        eq(r.status, 413)
        contains(r.text, "för stort")
    finally:
        srv.stop()


SER_UNITS_HEAD = ("HUVUDMANNATYP,ORGANISATIONSNR,LÄN,LÄNSNAMN,KOMMUN,KOMMUNNAMN,SKOLENHETSKOD,NAMN,ADRESS,POSTNR,"
                  "POSTORT,BESÖKSADRESS,BESÖKSPOSTNR,BESÖKSPOSTORT,WEBB,FKLASS,ÅR1,ÅR2,ÅR3,ÅR4,ÅR5,ÅR6,ÅR7,ÅR8,ÅR9,"
                  "HUVUDMANS NAMN,ELEVER FKLASS,ELEVER ÅR1,ELEVER ÅR2,ELEVER ÅR3,ELEVER ÅR4,ELEVER ÅR5,ELEVER ÅR6,"
                  "ELEVER ÅR7,ELEVER ÅR8,ELEVER ÅR9,INRIKTNING,JURIDISK FORM\n")


def ser_unit(code, name, organiser_name, pupils=84, fklass="N"):
    return (f"Kommunal,2120000019,01,Stockholms län,0114,Upplands Väsby,{code},{name},Stora vägen 80,19468,"
            f"UPPLANDS VÄSBY,Stora vägen 80,19468,UPPLANDS VÄSBY,,{fklass},J,J,J,J,J,N,N,N,N,{organiser_name},"
            f"{pupils},85,84,82,85,81,0,0,0,0,,Kommuner\n")


def test_names_with_backslashes_quotes_and_tabs_are_stored_as_written_and_a_files_last_row_wins():
    """The bulk writes (on PostgreSQL: COPY, and changes through a temporary table) keep
    every character of a name, and when one file changes an organiser twice, the organiser
    ends as its last row left it, as when rows are written one at a time."""
    db = new_db(tmpdir)
    run_cli(["init"], db=db)
    import_file(db, "municipalities", "geo/municipality_county.csv")
    odd = 'Skolan \\ "Norra"\tflygeln'
    first = malformed("udda-namn.csv", SER_UNITS_HEAD + ser_unit("74174879", '"' + odd.replace('"', '""') + '"',
                                                                 "UPPLANDS VÄSBY KOMMUN")
                      + ser_unit("55512387", "Breddenskolan", "UPPLANDS VÄSBY KOMMUN \\ NÄMNDEN"))
    s = summary(run_cli(["import", "units", first], db=db).stdout)
    eq((s["added"], s["changed"]), (2, 0))
    eq(query(db, "SELECT name FROM units WHERE code = '74174879'"), odd)
    eq(query(db, "SELECT name FROM organisers WHERE orgnr = '2120000019'"), "UPPLANDS VÄSBY KOMMUN \\ NÄMNDEN")
    eq(query(db, "SELECT COUNT(*) FROM organisers WHERE orgnr = '2120000019' AND school_forms LIKE '%,forskoleklass,%'"), 0)
    # A second file changes the organiser twice: its name at the first row that names it
    # (the file's rule), its school forms at the second, which adds förskoleklass.
    second = malformed("andra.csv", SER_UNITS_HEAD + ser_unit("74174879", "Bollstanäs skola \\\\ två", "A-NAMN", 90)
                       + ser_unit("55512387", "Breddenskolan", "B-NAMN", 63, fklass="J")
                       + ser_unit("80509560", "Nya skolan", "C\\NAMN", 12))
    s = summary(run_cli(["import", "units", second], db=db).stdout)
    eq((s["added"], s["changed"]), (1, 2))
    eq(query(db, "SELECT name FROM units WHERE code = '74174879'"), "Bollstanäs skola \\\\ två")
    eq(query(db, "SELECT pupils FROM units WHERE code = '55512387'"), 63 + 85 + 84 + 82 + 85 + 81)
    eq(query(db, "SELECT name FROM organisers WHERE orgnr = '2120000019'"), "A-NAMN")
    eq(query(db, "SELECT COUNT(*) FROM organisers WHERE orgnr = '2120000019' AND school_forms LIKE '%,forskoleklass,%'"
                 " AND school_forms LIKE '%,grundskola,%'"), 1, "båda ändringarna av huvudmannen står kvar")
    eq(query(db, "SELECT COUNT(*) FROM units WHERE organiser_id = (SELECT id FROM organisers WHERE orgnr = '2120000019')"), 3)
    # Each change is in the audit: the organiser was added, renamed, and changed twice more.
    eq(query(db, "SELECT COUNT(*) FROM audit WHERE object_type = 'organiser' AND object_key = '2120000019'"), 4)
    eq(query(db, "SELECT COUNT(*) FROM audit WHERE object_type = 'unit'"), 5)


def test_the_municipality_file_renames_and_refuses_an_unknown_county_by_row_and_column():
    db = new_db(tmpdir)
    run_cli(["init"], db=db)
    import_file(db, "municipalities", "geo/municipality_county.csv")
    audit = query(db, "SELECT COUNT(*) FROM audit")
    head = "municipality_code,municipality_name,municipality_name_short,county_code,county_name,county_name_short\n"
    bad = malformed("okänt-län.csv", head + "0114,Upplands Väsby kommun,Upplands Väsby,01,Stockholms län,Stockholm\n"
                    "0115,Vallentuna kommun,Nya Vallentuna,01,Stockholms län,Stockholm\n"
                    "0117,Österåker kommun,Österåker,02,Okänt län,Okänt\n")
    p = run_cli(["import", "municipalities", bad], db=db, check=False)
    assert p.returncode != 0
    contains(p.stderr, 'okänt-län.csv: rad 4, kolumn "county_code": länskoden 02 finns inte.')
    contains(p.stderr, "Ingenting ändrades.")
    eq(query(db, "SELECT name FROM municipalities WHERE code = '0115'"), "Vallentuna", "inget ändrat")
    eq(query(db, "SELECT COUNT(*) FROM audit"), audit)
    good = malformed("nytt-namn.csv", head + "0115,Vallentuna kommun,Nya Vallentuna,01,Stockholms län,Stockholm\n"
                     "0117,Österåker kommun,Österåker,01,Stockholms län,Stockholm\n")
    s = summary(run_cli(["import", "municipalities", good], db=db).stdout)
    eq((s["read"], s["changed"], s["unchanged"]), (2, 1, 1))
    eq(query(db, "SELECT name FROM municipalities WHERE code = '0115'"), "Nya Vallentuna")
    eq(query(db, "SELECT COUNT(*) FROM municipalities"), 290)
    eq(query(db, "SELECT COUNT(*) FROM audit WHERE object_type = 'municipality' AND object_key = '0115'"), 2)
