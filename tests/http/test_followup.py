"""The follow-up of indicators on Borås kommun's demo case: each role reads the run chart
as it may read the plan, another organiser's user gets 404 on every route; the analysis
group records readings, refused with the field named when a reading is no number, out of
the indicator's range, outside the collaboration or for a group the indicator lacks (and
nothing changes); a later reading of a period replaces the earlier one, and six of them
above the median show as a shift on the chart, in the API and on the case page; the
readings download as CSV and XLSX; the agency's start page lists the indicators that do
not move toward their targets, and stops listing one that does."""
import csv
import datetime
import io
import json
import urllib.parse
import zipfile
from harness import query, query_all, eq, lacks, psql, write_xlsx
from demo_cases import DemoCases, contains

demo = None
db = None
ROLES = ["admin@exempel.se", "analytiker@exempel.se", "processtod@exempel.se", "ekonomi@exempel.se",
         "huvudman@exempel.se", "rektor@exempel.se", "analysgrupp@exempel.se", "larosate@exempel.se",
         "lasare@exempel.se"]


def setup(tmp):
    global demo, db
    demo = DemoCases(tmp)
    db = demo.db


def teardown():
    demo.stop()


def login(email):
    return demo.login(email)


def indicators():
    """Borås kommun's two demo indicators: the result dialogues and the leadership time."""
    rows = query_all(db, "SELECT x.id FROM indicators x JOIN interventions i ON i.id = x.intervention_id JOIN cases c"
                         " ON c.id = i.case_id JOIN organisers o ON o.id = c.organiser_id WHERE o.orgnr = '2120001561'"
                         " ORDER BY x.id")
    return [r[0] for r in rows]


def plan_of(ind):
    return query(db, f"SELECT i.plan_id FROM indicators x JOIN interventions i ON i.id = x.intervention_id"
                     f" WHERE x.id = {ind}")


def record(c, ind, **fields):
    fields = dict(fields)
    fields["csrf"] = c.csrf("/")
    return c.post(f"/indicators/{ind}/readings", fields)


def readings():
    return query(db, "SELECT COUNT(*) FROM indicator_readings")


def test_each_role_reads_the_indicator_as_it_reads_the_plan():
    ind = indicators()[0]
    plan = plan_of(ind)
    for email in ROLES:
        c = login(email)
        plan_status = c.get(f"/plans/{plan}").status
        page = c.get(f"/indicators/{ind}")
        if plan_status == 200:
            eq(page.status, 200, f"{email} läser indikatorn när planen syns")
            contains(page.text, "Körschema", email)
            contains(page.text, "<svg", email)
            eq(c.get(f"/api/v1/indicators/{ind}").status, 200, f"{email} API")
        else:
            assert page.status in (403, 404), f"{email}: {page.status} för indikatorn, {plan_status} för planen"
        # The plan is the organiser level's: its analysis group, the organiser, records
        # readings; a head writes for the own unit only.
        eq("Ny avläsning" in page.text, email == "huvudman@exempel.se", f"{email} får formuläret för avläsningar")
    eq(login("huvudman@exempel.se").get(f"/indicators/{ind}").status, 200)


def test_another_organisers_user_gets_404_everywhere():
    ind = indicators()[0]
    ale = login("ale@exempel.se")
    cid = query(db, f"SELECT i.case_id FROM indicators x JOIN interventions i ON i.id = x.intervention_id"
                    f" WHERE x.id = {ind}")
    for p in (f"/indicators/{ind}", f"/indicators/{ind}/readings.csv", f"/indicators/{ind}/readings.xlsx",
              f"/api/v1/indicators/{ind}", f"/cases/{cid}/readings", f"/cases/{cid}/readings.csv",
              f"/cases/{cid}/readings.xlsx"):
        r = ale.get(p)
        eq(r.status, 404, p)
        lacks(r.text, "resultatdialog")
    before = readings()
    csrf = ale.csrf("/")
    for p in (f"/indicators/{ind}/readings", f"/api/v1/indicators/{ind}/readings"):
        r = ale.request("POST", p, urllib.parse.urlencode({"csrf": csrf, "period": "2026-01", "value": "50"}).encode(),
                        {"X-CSRF-Token": csrf}, "application/x-www-form-urlencoded")
        eq(r.status, 404, p)
    r = ale.upload(f"/cases/{cid}/readings", {"csrf": csrf}, "file", "egna.csv",
                   f"Indikatornummer;Period;Värde\n{ind};2026-01;50\n".encode())
    eq(r.status, 404, "inläsning i en annan huvudmans ärende")
    eq(readings(), before, "inget sparades")
    lacks(ale.get("/cases").text, "resultatdialog")


def test_bad_readings_are_refused_naming_the_field_and_change_nothing():
    ind = indicators()[0]
    # The indicator's range and groups, as the plan's indicator form sets them.
    if db.startswith("postgres"):
        psql(db, f"UPDATE indicators SET min_value = 0, max_value = 100, groups = 'flickor, pojkar' WHERE id = {ind}")
    else:
        import sqlite3
        con = sqlite3.connect(db)
        con.execute(f"UPDATE indicators SET min_value = 0, max_value = 100, groups = 'flickor, pojkar' WHERE id = {ind}")
        con.commit()
        con.close()
    c = login("huvudman@exempel.se")
    month = datetime.date.today().strftime("%Y-%m")
    next_year = str(datetime.date.today().year + 1) + "-01"
    before = readings()
    cases = [
        ({"period": month, "value": "många"}, "value", "Skriv ett tal"),
        ({"period": month, "value": "120"}, "value", "mellan 0 och 100"),
        ({"period": month, "value": "-1"}, "value", "mellan 0 och 100"),
        ({"period": "2026-13", "value": "50"}, "period", "ÅÅÅÅ-MM"),
        ({"period": "2024-01", "value": "50"}, "period", "före samverkan"),
        ({"period": next_year, "value": "50"}, "period", "inte börjat"),
        ({"period": month, "value": "50", "grp": "lärare"}, "grp", "delas inte upp"),
    ]
    for fields, field, message in cases:
        r = record(c, ind, **fields)
        eq(r.status, 422, f"{fields}")
        contains(r.text, message, f"{fields}")
        contains(r.text, f'id="e-{field}"', f"felet står vid fältet {field}")
    r = c.request("POST", f"/api/v1/indicators/{ind}/readings", json.dumps({"period": month, "value": "x"}).encode(),
                  {"X-CSRF-Token": c.csrf("/")}, "application/json")
    eq(r.status, 422, "API")
    eq(r.json()["error"]["field"], "value")
    eq(readings(), before, "inget sparades")
    # A good one, for one of the groups, in Swedish notation.
    r = record(c, ind, period=month, value="47,5", grp="flickor", note="Enkät i december")
    eq(r.status, 303)
    page = c.get(f"/indicators/{ind}").text
    contains(page, "Gruppen flickor")
    contains(page, "47,5")
    eq(readings(), before + 1)
    eq(query(db, f"SELECT COUNT(*) FROM audit WHERE action = 'followup:reading' AND object_key = '{ind}'") > 0, True)


def test_later_readings_replace_and_six_above_the_median_show_a_shift():
    dialogues, leadership = indicators()
    c = login("huvudman@exempel.se")
    analyst = login("analytiker@exempel.se")
    cid = query(db, f"SELECT i.case_id FROM indicators x JOIN interventions i ON i.id = x.intervention_id"
                    f" WHERE x.id = {leadership}")
    page = c.get(f"/indicators/{leadership}").text
    contains(page, "Rör sig inte mot målet")
    contains(page, "Ingen verklig förändring")
    eq(c.get(f"/api/v1/indicators/{leadership}").json()["status"], "off")
    contains(c.get(f"/cases/{cid}").text, "1 av 2 indikatorer rör sig inte mot målet")
    contains(analyst.get("/").text, "pedagogiskt ledarskap", "startsidan listar indikatorn")
    # The last six months read again, higher: the later reading of each period counts.
    periods = [r[0] for r in query_all(db, f"SELECT DISTINCT period FROM indicator_readings WHERE indicator_id ="
                                           f" {leadership} ORDER BY period DESC")][:6]
    eq(len(periods), 6)
    for p in periods:
        eq(record(c, leadership, period=p, value="25", note="Ny tidsstudie").status, 303, p)
    page = c.get(f"/indicators/{leadership}").text
    contains(page, "På väg mot målet")
    contains(page, "skift uppåt")
    contains(page, "ersatt av en senare avläsning")
    j = c.get(f"/api/v1/indicators/{leadership}").json()
    eq((j["status"], j["shift"]), ("toward", True))
    eq(j["median"], 17.0, "medianen av periodernas senaste värden")
    contains(c.get(f"/cases/{cid}").text, "0 av 2 indikatorer rör sig inte mot målet")
    lacks(analyst.get("/").text, "pedagogiskt ledarskap", "startsidan listar den inte längre")
    # The downloads hold every reading, the replaced ones too.
    total = query(db, f"SELECT COUNT(*) FROM indicator_readings WHERE indicator_id = {leadership}")
    r = c.get(f"/indicators/{leadership}/readings.csv")
    eq(r.status, 200)
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig")), delimiter=";"))
    eq(len(rows) - 1, total, "en rad per avläsning")
    contains(r.body.decode("utf-8-sig"), "Ny tidsstudie")
    x = c.get(f"/indicators/{leadership}/readings.xlsx")
    eq(x.status, 200)
    with zipfile.ZipFile(io.BytesIO(x.body)) as z:
        contains(z.read("xl/sharedStrings.xml").decode(), "Ny tidsstudie")


def test_a_file_of_readings_is_read_whole_or_not_at_all():
    dialogues, leadership = indicators()
    cid = query(db, f"SELECT i.case_id FROM indicators x JOIN interventions i ON i.id = x.intervention_id"
                    f" WHERE x.id = {dialogues}")
    c = login("huvudman@exempel.se")
    page = c.get(f"/cases/{cid}/readings")
    eq(page.status, 200)
    contains(page.text, "Läs in avläsningar från en fil")
    lacks(login("analytiker@exempel.se").get(f"/cases/{cid}/readings").text, "Läs in avläsningar från en fil")
    csrf = c.csrf_of(page)
    month = datetime.date.today().strftime("%Y-%m")
    before = readings()
    bad = [
        (f"Indikatornummer;Period;Värde\n{dialogues};{month};80\n{leadership};{month};tjugo\n", "rad 3, kolumn \"Värde\""),
        (f"Indikatornummer;Period;Värde\n{dialogues};2026-5;80\n", "rad 2, kolumn \"Period\""),
        (f"Indikatornummer;Period;Värde\n999999;{month};80\n", "rad 2, kolumn \"Indikatornummer\""),
        (f"Indikator;Period;Värde\n{dialogues};{month};80\n", "Indikatornummer"),
    ]
    for text, where in bad:
        r = c.upload(f"/cases/{cid}/readings", {"csrf": csrf}, "file", "terminen.csv", text.encode())
        eq(r.status, 422, text)
        contains(r.text, "terminen.csv", "filen namnges")
        contains(r.text, where, text)
        eq(readings(), before, "inget sparades: " + text)
    # The download read back, with this month's figures added: only the new rows are new.
    download = c.get(f"/cases/{cid}/readings.csv").body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(download), delimiter=";"))
    eq(rows[0][:6], ["Indikatornummer", "Indikator", "Plan", "Period", "Grupp", "Värde"])
    eq(len(rows) - 1, before, "nedladdningen har varje avläsning")
    text = f"Indikatornummer;Period;Grupp;Värde;Kommentar\n{dialogues};{month};;80;Från vårt system\n" \
           f"{leadership};{month};;19,5;\n"
    r = c.upload(f"/cases/{cid}/readings", {"csrf": csrf}, "file", "terminen.csv", text.encode())
    eq(r.status, 200)
    contains(r.text, "2 avläsningar är sparade")
    eq(readings(), before + 2)
    eq(c.get(f"/api/v1/indicators/{leadership}").json()["readings"][-1]["value"], 19.5)
    contains(c.get(f"/indicators/{dialogues}").text, "Från vårt system")
    # The same from Excel.
    path = f"/tmp/sv-followup-{cid}.xlsx"
    write_xlsx(path, [["Indikatornummer", "Period", "Värde"], [dialogues, month, 81]])
    with open(path, "rb") as f:
        r = c.upload(f"/cases/{cid}/readings", {"csrf": csrf}, "file", "terminen.xlsx", f.read())
    eq(r.status, 200)
    eq(readings(), before + 3)
    eq(c.get(f"/api/v1/indicators/{dialogues}").json()["readings"][-1]["value"], 81.0)
    eq(query(db, f"SELECT COUNT(*) FROM audit WHERE action = 'followup:import' AND object_key = '{cid}'"), 2)
