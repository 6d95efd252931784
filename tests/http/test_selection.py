"""Selection as the agency and the organisers use it: Skolinspektionen's files (CSV and
XLSX, and each kind of malformed file rejected whole), the inspection priority list worked
out here from the file, a whole round (criteria set, inputs frozen, rank, choose, decide,
supplementary decision), offers answered by the organiser, the counts, byte-identical
re-runs after newer data, and what an organiser can and cannot see."""
import csv
import io
import json
import os
import re
from harness import (query_all, Server, demo_db, query, eq, contains, lacks, run_cli, data_file, have_data, Skip,
                     skolverket_rows, write_xlsx)

HERE = os.path.dirname(__file__)
SAMPLES = os.path.join(HERE, "../../docs/samples")
DELIVERY = os.path.join(SAMPLES, "skolinspektionen-urval.csv")
PRESCHOOL_DECISIONS = os.path.join(SAMPLES, "skolinspektionen-forskola.csv")
HEADER = "Skolenhetskod;Skolenhetens namn;Huvudmannens organisationsnummer;Beslutsdatum;Föreläggande;" \
         "Antal arbetsområden;Antal kritiska faktorer"

tmp = None
srv = None
db = None


def setup(t):
    global tmp, srv, db
    if not have_data():
        raise Skip("../shared/data saknas")
    tmp = t
    db = demo_db(t, with_data=True)
    srv = Server(db)


def teardown():
    srv.stop()


def delivery_rows():
    with open(DELIVERY, encoding="utf-8-sig") as f:
        return [line.split(";") for line in f.read().splitlines()[1:]]


def write(name, text, encoding="utf-8"):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(text)
    return path


def state():
    """What a rejected import must leave as it was."""
    return (query(db, "SELECT COUNT(*) FROM inspection_decisions"),
            query(db, "SELECT COUNT(*) FROM preschool_inspections"),
            query(db, "SELECT COUNT(*) FROM imports"),
            query(db, "SELECT COUNT(*) FROM audit"))


def login(email):
    c = srv.client()
    c.login(email)
    return c


# ---- imports ----

def test_the_sample_delivery_imports_and_a_rerun_changes_nothing():
    # The demo imported both samples; the same files again change nothing.
    out = run_cli(["import", "inspection", DELIVERY], db=db).stdout
    contains(out, "rader lästa:   16")
    contains(out, "oförändrade:   16")
    out = run_cli(["import", "preschool-inspection", PRESCHOOL_DECISIONS], db=db).stdout
    contains(out, "oförändrade:   4")
    eq(query(db, "SELECT COUNT(*) FROM inspection_decisions WHERE fine = 1"),
       sum(1 for r in delivery_rows() if "vite" in r[4]), "förelägganden vid vite")


def test_an_xlsx_delivery_reads_like_the_csv_with_spreadsheet_dates_and_numbers():
    rows = delivery_rows()
    header = HEADER.split(";")
    # A later delivery: the same units with a new decision date as Excel stores it
    # (46204 = 2026-07-01), numbers as numeric cells.
    sheet = [header] + [[r[0], r[1], r[2], 46204, r[4], int(r[5]) + 1, int(r[6])] for r in rows[:5]]
    path = os.path.join(tmp, "leverans.xlsx")
    write_xlsx(path, sheet)
    out = run_cli(["import", "inspection", path], db=db).stdout
    contains(out, "tillagda:      5")
    eq(query(db, f"SELECT work_areas FROM inspection_decisions d JOIN units u ON u.id = d.unit_id "
                 f"WHERE u.code = '{rows[0][0]}' AND d.decision_date = '2026-07-01'"), int(rows[0][5]) + 1)
    # The newest decision per unit counts in the live list; remove it again for the other tests.
    live = run_cli(["index", "inspection", "--format", "json"], db=db).stdout
    first = json.loads(live)["rows"][0]
    eq(first["decision_date"], "2026-07-01")
    bad = os.path.join(tmp, "trasig.xlsx")
    with open(bad, "wb") as f:
        f.write(b"PK\x03\x04 inte en riktig zip")
    p = run_cli(["import", "inspection", bad], db=db, check=False)
    assert p.returncode != 0
    contains(p.stderr, "trasig.xlsx")
    contains(p.stderr, "XLSX")
    eq(query(db, "SELECT COUNT(*) FROM inspection_decisions WHERE decision_date = '2026-07-01'"), 5)
    psql_or_sqlite_delete("DELETE FROM inspection_decisions WHERE decision_date = '2026-07-01'")


def psql_or_sqlite_delete(sql):
    from harness import BACKEND, psql
    if BACKEND == "postgres":
        psql(db, sql)
    else:
        import sqlite3
        con = sqlite3.connect(db)
        con.execute(sql)
        con.commit()
        con.close()


MALFORMED = [
    # (what, file text, message parts: row and column named)
    ("en kolumn saknas",
     "Skolenhetskod;Skolenhetens namn;Huvudmannens organisationsnummer;Beslutsdatum;Föreläggande;Antal arbetsområden\n"
     "47120557;Nytorpsskolan 4-9;2120001355;2026-02-12;Föreläggande vid vite;4\n",
     ["rad 1", "\"Antal kritiska faktorer\" saknas"]),
    ("text i ett antal",
     HEADER + "\n47120557;Nytorpsskolan 4-9;2120001355;2026-02-12;Föreläggande vid vite;4;9\n"
              "80815525;Värner Rydénskolan 7-9;2120001124;2026-01-28;Föreläggande vid vite;tre;7\n",
     ["rad 3", "kolumn \"Antal arbetsområden\"", "\"tre\" är inget antal"]),
    ("okänd skolenhet",
     HEADER + "\n47120557;Nytorpsskolan 4-9;2120001355;2026-02-12;Föreläggande vid vite;4;9\n"
              "99999999;Påhittade skolan;2120001355;2026-02-12;Föreläggande;1;1\n",
     ["rad 3", "kolumn \"Skolenhetskod\"", "99999999 finns inte i registret"]),
    ("samma enhet två gånger",
     HEADER + "\n47120557;Nytorpsskolan 4-9;2120001355;2026-02-12;Föreläggande vid vite;4;9\n"
              "47120557;Nytorpsskolan 4-9;2120001355;2026-02-12;Föreläggande vid vite;4;9\n",
     ["rad 3", "kolumn \"Skolenhetskod\"", "finns redan på rad 2"]),
    ("fel huvudman för enheten",
     HEADER + "\n47120557;Nytorpsskolan 4-9;2120001561;2026-02-12;Föreläggande vid vite;4;9\n",
     ["rad 2", "kolumn \"Huvudmannens organisationsnummer\"", "Göteborgs kommun"]),
    ("okänt föreläggande",
     HEADER + "\n47120557;Nytorpsskolan 4-9;2120001355;2026-02-12;Anmärkning;4;9\n",
     ["rad 2", "kolumn \"Föreläggande\""]),
    ("ogiltigt datum",
     HEADER + "\n47120557;Nytorpsskolan 4-9;2120001355;12/2 2026;Föreläggande vid vite;4;9\n",
     ["rad 2", "kolumn \"Beslutsdatum\"", "ÅÅÅÅ-MM-DD"]),
]


def test_each_malformed_delivery_is_rejected_whole_with_row_and_column():
    before = state()
    for i, (what, text, parts) in enumerate(MALFORMED):
        # The valid first row of each file must not be written either.
        text = text.replace("2026-02-12", "2026-06-15")
        name = f"fel-{i}.csv"
        p = run_cli(["import", "inspection", write(name, text)], db=db, check=False)
        assert p.returncode != 0, what
        contains(p.stderr, name, what)
        for part in parts:
            contains(p.stderr, part, what)
        eq(state(), before, f"{what}: inget ändrat")
    # The same file uploaded in the web form gets the same message and changes nothing.
    c = login("analytiker@exempel.se")
    token = c.csrf("/import")
    r = c.upload("/import", {"csrf": token, "kind": "inspection"}, "file", "fel.csv", MALFORMED[1][1].encode())
    eq(r.status, 422)
    contains(r.text, "rad 3, kolumn &quot;Antal arbetsområden&quot;")
    contains(r.text, "Ingenting i databasen ändrades")
    eq(state(), before, "webbimporten ändrade inget")


def test_preschool_decisions_need_a_known_organiser_and_an_injunction():
    before = state()
    head = "Huvudmannens organisationsnummer;Huvudman;Beslutsdatum;Förutsättningar för utbildningen i förskolan;" \
           "Utveckling av utbildningen i förskolan\n"
    p = run_cli(["import", "preschool-inspection", write("f1.csv", head + "2120001561;Borås kommun;2026-03-01;Nej;Nej\n")],
                db=db, check=False)
    contains(p.stderr, "rad 2, kolumn \"Förutsättningar för utbildningen i förskolan\"")
    contains(p.stderr, "inget föreläggande")
    p = run_cli(["import", "preschool-inspection", write("f2.csv", head + "5560000001;Okänd AB;2026-03-01;Ja;Nej\n")],
                db=db, check=False)
    assert p.returncode != 0
    contains(p.stderr, "rad 2, kolumn \"Huvudmannens organisationsnummer\"")
    p = run_cli(["import", "preschool-inspection", write("f3.csv", head + "2120001561;Borås kommun;2026-03-01;Kanske;Nej\n")],
                db=db, check=False)
    contains(p.stderr, "\"Kanske\": skriv Ja eller Nej")
    eq(state(), before)


def test_the_inspection_list_follows_the_priority_rule_worked_out_from_the_file():
    rows = delivery_rows()
    expect = sorted(rows, key=lambda r: (0 if "vite" in r[4] else 1, -int(r[5]), -int(r[6]), len(r[0]), r[0]))
    out = run_cli(["index", "inspection", "--since", "2026-01-01", "--until", "2026-04-30"], db=db).stdout
    got = list(csv.DictReader(io.StringIO(out)))
    eq(list(got[0])[:5], ["rank", "code", "name", "organiser", "value"])
    eq([g["code"] for g in got], [r[0] for r in expect], "prioritetsordningen")
    eq([int(g["rank"]) for g in got], list(range(1, len(rows) + 1)))
    # Nytorpsskolan and Gårdstensskolan tie on fine and areas; more factors go first.
    top = got[0]
    eq((top["code"], float(top["fine"]), float(top["work_areas"]), float(top["critical_factors"])),
       ("47120557", 1.0, 4.0, 9.0))


# ---- a whole round ----

def form(c, path, fields, page=None):
    token = c.csrf(page or path)
    fields = dict(fields)
    fields["csrf"] = token
    return c.post(path, fields)


def round_id_by_name(name):
    return query(db, f"SELECT id FROM selection_rounds WHERE name = '{name}'")


def close(x, y):
    """Equal numbers, as far as the API's 15 significant digits reach."""
    if x is None or y is None:
        return x is y
    return abs(x - y) <= 1e-12 * max(1.0, abs(x), abs(y))


def same_ranking_row(api, cli):
    """One ranking row as the API pages it and as the command line prints it."""
    eq((api["rank"], api["code"], api["name"], api["organiser_name"]), (cli["rank"], cli["code"], cli["name"],
                                                                        cli["organiser"]))
    assert close(api["value"], cli["value"]), (api, cli)
    eq(api["note"] or "", cli["note"])
    eq(api["flagged"], cli.get("flagged", False))
    eq((api["coordinated"], api["organiser_injunction"]), (cli["coordinated"], cli["organiser_injunction"]))
    for key, value in api["values"].items():
        assert close(value, cli[key]), (key, api, cli)


def test_a_whole_round_from_opening_to_the_organisers_answers():
    a = login("analytiker@exempel.se")
    # A criteria set, made in the UI; a second save makes version 2.
    r = form(a, "/criteria", {"name": "Testkriterier", "note": "Låga resultat", "var1": "merit17", "dir1": "-1",
                              "weight1": "2", "threshold1": "230", "var2": "parents_post_sec", "dir2": "-1",
                              "weight2": "1,5"})
    eq(r.status, 303, r.text[:300])
    r = form(a, "/criteria", {"name": "Testkriterier", "var1": "merit17", "dir1": "-1", "weight1": "noll"}, "/criteria")
    eq(r.status, 400)
    contains(r.text, "Vikten ska vara ett tal")
    r = form(a, "/criteria", {"name": "Testkriterier", "var1": "merit17", "dir1": "-1"})
    eq(r.status, 303)
    page = a.get("/criteria").text
    contains(page, "Testkriterier, version 2")
    contains(page, "Testkriterier, version 1")
    set_v1 = query(db, "SELECT id FROM criteria_sets WHERE name = 'Testkriterier' AND version = 1")

    # Open the round; a missing date is named.
    r = form(a, "/rounds", {"name": "Testomgång", "planned_date": ""})
    eq(r.status, 400)
    contains(r.text, "Planerat beslutsdatum")
    r = form(a, "/rounds", {"name": "Testomgång", "planned_date": "2026-12-01"})
    eq(r.status, 303)
    rid = round_id_by_name("Testomgång")
    base = f"/rounds/{rid}"
    contains(a.get(base).text, "underlaget inte fryst")

    # Inputs for a year without data are refused with a clear message, nothing frozen.
    r = form(a, f"{base}/inputs", {"results_year": "2019", "background_year": "2024", "preschool_year": "2025"}, base)
    eq(r.status, 422)
    contains(r.text, "Det finns inga värden för Genomsnittligt meritvärde (17 ämnen) (merit17) år 2019")
    eq(query(db, f"SELECT COUNT(*) FROM round_values WHERE round_id = {rid}"), 0)
    r = form(a, f"{base}/inputs", {"results_year": "2025", "background_year": "2024", "preschool_year": "2025",
                                   "inspection_from": "2026-01-01", "inspection_to": "2026-04-30",
                                   "criteria_set": str(set_v1), "preschool_vars": "degree_share,children_per_staff",
                                   "result_var": "merit17", "background_vars": "foreign_bg,parents_post_sec",
                                   "prefer_coordinated": "1"}, base)
    eq(r.status, 303, r.text[:500])
    page = a.get(base).text
    contains(page, "Öppen, underlaget fryst")
    contains(page, "Testkriterier, version 1")

    # Rank: each ranking shows its method beside the figures and explains every rank.
    insp = a.get(f"{base}/rankings/inspection")
    eq(insp.status, 200)
    contains(insp.text, "Så räknas rangordningen")
    contains(insp.text, "Plats 1 av 16 i Skolinspektionens underlag")
    res = a.get(f"{base}/rankings/results").text
    contains(res, "Förklaringsgrad (R²)")
    contains(res, "under vad elevernas bakgrund ger anledning att vänta")
    pre = a.get(f"{base}/rankings/preschool").text
    contains(pre, "Samordnat urval är påslaget")
    full = json.loads(a.get(f"/api/v1/rounds/{rid}/rankings/preschool?per_page=10000").body)
    eq(len(full["items"]), full["total"])
    cli = json.loads(run_cli(["index", "preschool", "--round", str(rid), "--format", "json"], db=db).stdout)
    eq(len(full["items"]), len(cli["rows"]), "API:t och kommandoraden ger samma rangordning")
    for x, y in zip(full["items"], cli["rows"]):
        same_ranking_row(x, y)
    part = json.loads(a.get(f"/api/v1/rounds/{rid}/rankings/preschool?page=2&per_page=10").body)
    eq(part["items"], full["items"][10:20], "sida 2 om 10")
    flagged = [x for x in full["items"] if x["flagged"]]
    assert flagged, "orimliga värden flaggas"
    contains(flagged[0]["note"], "orimligt värde: children_per_staff")
    crit = a.get(f"{base}/rankings/criteria").text
    contains(crit, "av 100 (100 = svårast läge)")
    # The candidates by organiser: Göteborg has three units in the list, two with a fine,
    # and an injunction for its preschools.
    orgs = json.loads(a.get(f"/api/v1/rounds/{rid}/organisers").body)["items"]
    gbg = next(x for x in orgs if x["organiser_name"] == "Göteborgs kommun")
    eq((gbg["inspection_units"], gbg["with_fine"], gbg["preschool_injunction"], gbg["best_inspection_rank"]),
       (3, 2, True, 1))
    eq(orgs[0]["organiser_name"], "Göteborgs kommun", "bästa plats i underlaget först")
    contains(a.get(f"{base}/organisers").text, "3 skolenheter i Skolinspektionens underlag (2 med vite), bästa plats 1")

    # Choose: a reason is required; a unit must be in the ranking it is chosen from.
    r = form(a, f"{base}/choices", {"code": "47120557", "ranking": "inspection", "reason": ""},
             f"{base}/rankings/inspection")
    eq(r.status, 400)
    contains(r.text, "Skäl")
    r = form(a, f"{base}/choices", {"code": "76314428", "ranking": "inspection", "reason": "Test"},
             f"{base}/rankings/inspection")
    eq(r.status, 422)
    contains(r.text, "finns inte i rangordningen Skolinspektionens underlag")
    # A unit already in a running collaboration (Borås's since 2025) is not chosen again.
    r = form(a, f"{base}/choices", {"code": "13746989", "ranking": "inspection", "reason": "Fyra arbetsområden"},
             f"{base}/rankings/inspection")
    eq(r.status, 422)
    contains(r.text, "13746989 ingår redan i ett pågående samarbete (Borås kommun, Urval 2025-05-05, fas Nulägesanalys)")
    # Another unit of an organiser in a running collaboration: a warning the analyst confirms.
    r = form(a, f"{base}/choices", {"code": "97706771", "ranking": "results", "reason": "Under förväntat resultat",
                                    "page": "3"}, f"{base}/rankings/results")
    eq(r.status, 409)
    contains(r.text, "Borås kommun är redan i ett pågående samarbete (Urval 2025-05-05, fas Nulägesanalys)")
    eq(query(db, f"SELECT COUNT(*) FROM round_choices WHERE round_id = {rid}"), 0, "inget valt före bekräftelsen")
    contains(r.text, 'name="confirm_running" value="1"')
    running = {c for (c,) in query_all(db, "SELECT u.code FROM case_units cu JOIN units u ON u.id = cu.unit_id")}
    picks = [("16464648", "inspection", "Vite i tre arbetsområden"),     # Göteborg, in collaboration since spring
             ("97706771", "results", "Fyra arbetsområden"),               # Borås, in collaboration since 2025
             ("24982244", "results", "Längst under förväntat")]
    preschool = json.loads(a.get(f"/api/v1/rounds/{rid}/rankings/preschool").body)
    coordinated = [x for x in preschool["items"] if x["coordinated"] and x["rank"] and x["code"] not in running]
    assert coordinated, "förskolor hos skolkandidater finns"
    # The switch lists them first.
    eq(preschool["items"][0]["coordinated"], True)
    picks.append((coordinated[0]["code"], "preschool", "Samordnat urval"))
    for code, ranking, reason in picks:
        r = form(a, f"{base}/choices", {"code": code, "ranking": ranking, "reason": reason, "confirm_running": "1",
                                        "public_reason": f"Motivering: {reason}."}, f"{base}/rankings/{ranking}")
        eq(r.status, 303, r.text[:300])
    r = form(a, f"{base}/choices", {"code": "16464648", "ranking": "inspection", "reason": "igen",
                                    "confirm_running": "1"}, f"{base}/rankings/inspection")
    eq(r.status, 422)
    contains(r.text, "redan vald")
    page = a.get(base).text
    for code, _, reason in picks:
        contains(page, code)
        contains(page, reason)

    # Decide: one offer per organiser with a chosen unit, to be answered by a last day.
    r = form(a, f"{base}/decision", {"decision_date": "2026-12-01", "answer_by": "2026-11-30"}, base)
    eq(r.status, 422)
    contains(r.text, "Sista dag för svar ska vara")
    r = form(a, f"{base}/decision", {"decision_date": "2026-12-01", "answer_by": "2026-12-31"}, base)
    eq(r.status, 303)
    eq(query(db, f"SELECT MIN(answer_by) FROM offers WHERE round_id = {rid}"), "2026-12-31")
    orgs = {query(db, f"SELECT o.orgnr FROM units u JOIN organisers o ON o.id = u.organiser_id WHERE u.code = '{c}'")
            for c, _, _ in picks}
    eq(query(db, f"SELECT COUNT(*) FROM offers WHERE round_id = {rid}"), len(orgs))
    r = form(a, f"{base}/decision", {"decision_date": "2026-12-02"}, base)
    eq(r.status, 422)
    contains(r.text, "redan beslutad")
    r = form(a, f"{base}/inputs", {"results_year": "2025", "preschool_year": "2025"}, base)
    eq(r.status, 422, "underlaget är låst efter beslutet")

    # Supplementary decision after dialogue: a unit at an organiser not yet offered; not
    # dated before the round's decision.
    r = form(a, f"{base}/choices", {"code": "76314428", "ranking": "dialog", "reason": "Efter dialog med Kiruna",
                                    "supplementary_date": "2026-11-15", "confirm_running": "1"}, base)
    eq(r.status, 422)
    contains(r.text, "Tilläggsbeslutet kan inte vara daterat före omgångens beslut (2026-12-01)")
    r = form(a, f"{base}/choices", {"code": "76314428", "ranking": "dialog", "reason": "Efter dialog med Kiruna",
                                    "public_reason": "Enheten läggs till efter dialog med huvudmannen.",
                                    "supplementary_date": "2026-12-15", "confirm_running": "1"}, base)
    eq(r.status, 303, r.text[:300])
    eq(query(db, f"SELECT COUNT(*) FROM offers WHERE round_id = {rid}"), len(orgs) + 1)

    # The organiser (Borås) answers its own offer; a decline needs a reason.
    o = login("huvudman@exempel.se")
    offers = json.loads(o.get("/api/v1/offers").body)["items"]
    mine = [x for x in offers if x["round_id"] == rid]
    eq(len(mine), 1)
    eq({x["organiser_orgnr"] for x in offers}, {"2120001561"}, "bara den egna huvudmannens erbjudanden")
    oid = mine[0]["id"]
    page = o.get(f"/offers/{oid}").text
    contains(page, "Daltorpskolan 7-9")
    # The organiser reads the motivation meant for it, never the analyst's own note.
    contains(page, "Motivering: Fyra arbetsområden.")
    lacks(page, "Under förväntat resultat")
    contains(page, "Svara senast 2026-12-31")
    contains(page, "Plats ")
    lacks(page, "Nytorpsskolan", "en annan huvudmans enhet")
    r = form(o, f"/offers/{oid}", {"answer": "decline", "reason": ""})
    eq(r.status, 400)
    contains(r.text, "Skriv varför ni tackar nej")
    r = form(o, f"/offers/{oid}", {"answer": "accept", "reason": "Vi ser fram emot samverkan."})
    eq(r.status, 303)
    contains(o.get(f"/offers/{oid}?klart=1").text, "Tackat ja")
    r = form(o, f"/offers/{oid}", {"answer": "decline", "reason": "ångrar"}, f"/offers/{oid}")
    eq(r.status, 409, "ett besvarat erbjudande står fast")
    eq(query(db, "SELECT COUNT(*) FROM cases c JOIN organisers o ON o.id = c.organiser_id "
                 "WHERE o.orgnr = '2120001561' AND c.round_name = 'Testomgång'"), 1, "ärendet startar")

    # The analyst sees the answers and the counts, on the page and in the API.
    page = a.get(base).text
    contains(page, "Tackat ja")
    contains(page, "huvudman@exempel.se")
    data = json.loads(a.get(f"/api/v1/rounds/{rid}").body)
    counts = data["counts"]
    eq((counts["offered"], counts["accepted"], counts["declined"], counts["pending"]),
       (len(orgs) + 1, 1, 0, len(orgs)))
    eq(counts["units"], len(picks) + 1)
    eq(counts["supplementary"], 1)
    eq(counts["units_by_form"].get("forskola"), 1)
    eq(counts["units_by_form"].get("grundskola"), 4)
    eq({c["public_reason"] for c in data["choices"] if c["code"] == "97706771"}, {"Motivering: Fyra arbetsområden."})
    eq({c["code"] for c in data["choices"]}, {p[0] for p in picks} | {"76314428"})

    # The unit page explains the rank in words, with charts against the national distribution.
    unit = a.get("/units/24982244").text
    contains(unit, "Testomgång")
    contains(unit, "<svg")
    contains(unit, "Hälften av landets enheter ligger mellan")
    own = o.get("/units/97706771").text
    contains(own, "Testomgång", "huvudmannen ser varför den egna enheten valdes")
    contains(own, "Plats ")


def test_an_organiser_sees_neither_rankings_nor_another_organisers_offer():
    o = login("huvudman@exempel.se")  # Borås
    spring = round_id_by_name("Urval våren 2026")
    for path in ("/rounds", f"/rounds/{spring}", f"/rounds/{spring}/rankings/inspection",
                 f"/rounds/{spring}/rankings/preschool/export.csv", f"/rounds/{spring}/rankings/results/export.xlsx",
                 "/api/v1/rounds", f"/api/v1/rounds/{spring}", f"/api/v1/rounds/{spring}/rankings/preschool",
                 f"/rounds/{spring}/organisers", f"/api/v1/rounds/{spring}/organisers",
                 "/criteria"):
        eq(o.get(path).status, 403, path)
    goteborg = query(db, f"SELECT f.id FROM offers f JOIN organisers o ON o.id = f.organiser_id "
                         f"WHERE o.orgnr = '2120001355' AND f.round_id = {spring}")
    eq(o.get(f"/offers/{goteborg}").status, 404)
    r = form(o, f"/offers/{goteborg}", {"answer": "decline", "reason": "x"}, "/offers")
    eq(r.status, 404)
    eq(query(db, f"SELECT status FROM offers WHERE id = {goteborg}"), "accepted", "oförändrat")
    contains(o.get("/").text, "Läs erbjudandet och svara", "startsidan visar erbjudandet som väntar på svar")
    page = o.get("/offers").text
    lacks(page, "Göteborgs kommun")
    lacks(page, "Malmö kommun")
    # Another organiser's chosen unit: no page, no explanation.
    eq(o.get("/units/47120557").status, 404)
    # The head of a unit and the other roles cannot answer or list rankings.
    for email in ("rektor@exempel.se", "processtod@exempel.se", "larosate@exempel.se", "lasare@exempel.se"):
        c = login(email)
        eq(c.get("/rounds").status, 403, email)
        eq(c.get(f"/api/v1/rounds/{spring}/rankings/inspection").status, 403, email)
    r = login("rektor@exempel.se")
    eq(r.get("/offers").status, 403)


def test_freezing_again_replaces_the_inputs_and_what_the_pages_show():
    a = login("analytiker@exempel.se")
    r = form(a, "/rounds", {"name": "Omfrysning", "planned_date": "2026-12-20"})
    rid = round_id_by_name("Omfrysning")
    base = f"/rounds/{rid}"
    inputs = {"results_year": "2025", "background_year": "2024", "preschool_year": "2025",
              "preschool_vars": "degree_share,children_per_staff"}
    eq(form(a, f"{base}/inputs", inputs, base).status, 303)
    first = json.loads(a.get(f"/api/v1/rounds/{rid}/rankings/preschool?per_page=3").body)
    eq([v["key"] for v in first["ranking"]["variables"]], ["degree_share", "children_per_staff"])
    a.get(f"{base}/rankings/preschool")  # computed and kept
    eq(form(a, f"{base}/inputs", dict(inputs, preschool_vars="children_per_staff"), base).status, 303)
    second = json.loads(a.get(f"/api/v1/rounds/{rid}/rankings/preschool?per_page=3").body)
    eq([v["key"] for v in second["ranking"]["variables"]], ["children_per_staff"], "den nya frysningen gäller")
    page = a.get(f"{base}/rankings/preschool").text
    lacks(page, "Personal med förskollärarexamen, percentil")


def test_a_frozen_round_gives_the_same_bytes_after_newer_data_is_imported():
    a = login("analytiker@exempel.se")
    autumn = round_id_by_name("Urval hösten 2026")
    paths = [f"/rounds/{autumn}/rankings/{m}/export.csv" for m in ("inspection", "results", "preschool", "criteria")]
    before = [a.get(p).body for p in paths]
    api_before = a.get(f"/api/v1/rounds/{autumn}/rankings/results").body
    cli_before = run_cli(["index", "results", "--round", str(autumn)], db=db).stdout
    live_before = run_cli(["index", "results", "--year", "2025", "--background-year", "2024"], db=db).stdout
    # Newer data: the same results file with every merit value raised by ten, and a new decision.
    src = data_file("skolverket/grundskola_slutbetyg_ak9_2024-25_skolenhet.csv")
    raw = open(src, encoding="utf-8-sig").read()
    changed = re.sub(r";(\d{3}),(\d)\n", lambda m: f";{int(m.group(1)) + 10},{m.group(2)}\n", raw)
    assert changed != raw
    run_cli(["import", "results", write("nyare.csv", changed)], db=db)
    run_cli(["import", "inspection", write("ny-leverans.csv", HEADER + "\n11043800;Bohusskolan;2120001439;2026-04-20;"
                                           "Föreläggande vid vite;6;12\n")], db=db)
    live_after = run_cli(["index", "results", "--year", "2025", "--background-year", "2024"], db=db).stdout
    assert live_after != live_before, "den levande rangordningen ändras"
    eq([a.get(p).body for p in paths], before, "omgångens rangordningar byte för byte")
    eq(a.get(f"/api/v1/rounds/{autumn}/rankings/results").body, api_before)
    eq(run_cli(["index", "results", "--round", str(autumn)], db=db).stdout, cli_before)
    xlsx = a.get(f"/rounds/{autumn}/rankings/preschool/export.xlsx")
    eq(xlsx.status, 200)
    eq(xlsx.body[:2], b"PK")


def test_an_offer_has_a_last_day_to_answer_with_reminders_before_and_after_it():
    spring = round_id_by_name("Urval våren 2026")
    boras = query(db, f"SELECT f.id FROM offers f JOIN organisers o ON o.id = f.organiser_id "
                      f"WHERE o.orgnr = '2120001561' AND f.round_id = {spring}")
    eq(query(db, f"SELECT answer_by FROM offers WHERE id = {boras}"), "2026-06-05")
    o = login("huvudman@exempel.se")
    contains(o.get("/").text, "Svara senast 2026-06-05")
    contains(o.get(f"/offers/{boras}").text, "Svara senast 2026-06-05")
    # A week before: the organiser's users are reminded, once however often the round runs.
    for _ in range(2):
        run_cli(["remind", "--today", "2026-05-29", "--days", "14"], db=db)
    mails = query_all(db, "SELECT recipient, subject FROM outbox WHERE dedup_key LIKE 'offer:%:before' ORDER BY id")
    eq([(r, s) for r, s in mails], [("huvudman@exempel.se", "Påminnelse: svara på erbjudandet senast 2026-06-05")])
    # After the day (the server's own round, running today, may have queued these already):
    # the organiser again, and the agency's analysts, that it is unanswered.
    run_cli(["remind", "--today", "2026-06-08", "--days", "14"], db=db)
    run_cli(["remind", "--today", "2026-06-09", "--days", "14"], db=db)
    eq(query(db, f"SELECT COUNT(*) FROM outbox WHERE dedup_key = 'offer:{boras}:' || "
                 "(SELECT CAST(id AS TEXT) FROM users WHERE email = 'huvudman@exempel.se') || ':late'"), 1, "en gång")
    late = {(r, s) for r, s in query_all(db, "SELECT recipient, subject FROM outbox WHERE dedup_key LIKE 'offer:%:late'")}
    contains(str(late), "huvudman@exempel.se")
    contains(str(late), "analytiker@exempel.se")
    contains(str(late), "Obesvarat erbjudande: Borås kommun (Urval våren 2026)")
    # An answered offer is not reminded of.
    eq(query(db, "SELECT COUNT(*) FROM outbox o JOIN offers f ON o.dedup_key LIKE 'offer:' || CAST(f.id AS TEXT) || ':%' "
                 "WHERE f.status <> 'pending'"), 0)


def test_a_new_rounds_form_starts_from_the_latest_data_and_names_variables_in_swedish():
    a = login("analytiker@exempel.se")
    r = form(a, "/rounds", {"name": "Formulärprov", "planned_date": "2027-05-03"}, "/rounds")
    eq(r.status, 303)
    rid = round_id_by_name("Formulärprov")
    base = f"/rounds/{rid}"
    page = a.get(base).text
    latest = query(db, "SELECT MAX(year) FROM unit_stats WHERE variable = 'merit17' AND value IS NOT NULL")
    contains(page, f'name="results_year" inputmode="numeric" class="short" value="{latest}"')
    # Background statistics may lag a year behind the results: the form offers their own latest year.
    bg = query(db, "SELECT MAX(year) FROM unit_stats WHERE variable = 'foreign_bg' AND value IS NOT NULL")
    contains(page, f'name="background_year" inputmode="numeric" class="short" value="{bg}"')
    newest = query(db, "SELECT id FROM criteria_sets ORDER BY created_at DESC, id DESC LIMIT 1")
    contains(page, f'<option value="{newest}" selected>')
    contains(page, "Personal med förskollärarexamen (andel)")
    contains(page, 'value="degree_share" checked')
    contains(page, '<option value="merit17" selected>Genomsnittligt meritvärde (17 ämnen)</option>')
    lacks(page, 'name="preschool_vars" type="text"', "inga nycklar att skriva")
    # Each mistake under its own field.
    r = form(a, f"{base}/inputs", {"vars_shown": "1", "results_year": str(latest), "background_year": str(bg),
                                   "preschool_year": "2019",
                                   "preschool_vars": "degree_share", "w_degree_share": "tung",
                                   "background_vars": "foreign_bg", "result_var": "merit17"}, base)
    eq(r.status, 400)
    contains(r.text, '<p class="field-error" id="e-w_degree_share">Vikten ska vara ett tal')
    r = form(a, f"{base}/inputs", {"vars_shown": "1", "results_year": str(latest), "background_year": str(bg),
                                   "preschool_year": "2019",
                                   "preschool_vars": "degree_share", "background_vars": "foreign_bg",
                                   "result_var": "merit17"}, base)
    eq(r.status, 422)
    contains(r.text, '<p class="field-error" id="e-preschool_year">')
    r = form(a, f"{base}/inputs", {"vars_shown": "1", "results_year": str(latest), "background_year": str(bg),
                                   "preschool_year": "2025",
                                   "background_vars": "foreign_bg", "result_var": "merit17"}, base)
    eq(r.status, 400)
    contains(r.text, '<p class="field-error" id="e-preschool_vars">Välj minst en variabel.</p>')
    eq(query(db, f"SELECT frozen_at FROM selection_rounds WHERE id = {rid}"), None, "inget fryst")
