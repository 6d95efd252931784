"""The register as a user browses it: search, paging, organiser and unit pages, exports."""
import io
import zipfile
from harness import Server, demo_db, eq, contains, lacks, Skip, have_data

srv = None


def setup(tmp):
    global srv
    if not have_data():
        raise Skip("../shared/data saknas")
    srv = Server(demo_db(tmp, with_data=True))


def teardown():
    srv.stop()


def client():
    c = srv.client()
    c.login("analytiker@exempel.se")
    return c


def test_search_by_name_orgnr_and_municipality():
    c = client()
    r = c.get("/organisers?q=bor%C3%A5s+kommun")
    eq(r.status, 200)
    contains(r.text, "Borås kommun")
    contains(r.text, "212000-1561")
    r = c.get("/organisers?q=212000-1561")
    contains(r.text, "Borås kommun")
    contains(r.text, "1 huvudman")
    r = c.get("/organisers?q=BOR%C3%85S&kind=kommunal")
    contains(r.text, "Borås kommun")
    lacks(r.text, "AB Borås Kristna Skola", "filtrerat på kommunal")
    r = c.get("/units?q=kiruna")
    contains(r.text, "Vittangi skola", "sökning på kommun")
    r = c.get("/organisers?q=%25")
    contains(r.text, "Inga huvudmän matchar sökningen.", "procent är ett tecken, inte ett jokertecken")


def test_paging_and_swedish_number_format():
    c = client()
    r = c.get("/organisers")
    contains(r.text, 'rel="next"')
    total = c.get("/api/v1/organisers?per_page=1").json()["total"]
    assert total > 2000, total
    grouped = f"{total // 1000}\u00a0{total % 1000:03d}"
    contains(r.text, grouped, "tusentalsavgränsare")
    page2 = c.get("/organisers?page=2")
    contains(page2.text, '<span aria-current="page">2</span>')
    eq(c.get("/organisers?page=abc").status, 400)


def test_organiser_page_lists_units_with_latest_statistics():
    c = client()
    r = c.get("/organisers/2120001561")
    eq(r.status, 200)
    contains(r.text, "<h1>Borås kommun</h1>")
    contains(r.text, "212000-1561")
    contains(r.text, "Västra Götalands län")
    contains(r.text, "Fredriksborgskolan F-9")
    contains(r.text, "för få", "undertryckta värden i ord")


def test_unit_page_shows_statistics_by_year():
    c = client()
    r = c.get("/units/13746989")
    eq(r.status, 200)
    contains(r.text, "Fredriksborgskolan F-9")
    contains(r.text, ">2025</th>")
    contains(r.text, ">2024</th>")
    contains(r.text, "Elever med utländsk bakgrund")
    pre = c.get("/units/238459")
    eq(pre.status, 200)
    contains(pre.text, "Åhusgatans Förskola")
    contains(pre.text, "Skolverkets id")
    contains(pre.text, "46,0\u00a0%")




def test_exports_csv_and_xlsx():
    c = client()
    r = c.get("/organisers.csv?q=bor%C3%A5s")
    eq(r.status, 200)
    eq(r.header("Content-Type"), "text/csv; charset=utf-8")
    contains(r.header("Content-Disposition"), "huvudman.csv")
    assert r.body.startswith(b"\xef\xbb\xbf"), "BOM för Excel"
    lines = r.text.lstrip("\ufeff").splitlines()
    eq(lines[0], "Organisationsnummer;Huvudman;Typ;Juridisk form;Kommunkod;Kommun;Län;Postort;Skolformer;Antal enheter")
    assert any(l.startswith("2120001561;Borås kommun;Kommunal;") for l in lines), lines[:5]
    x = c.get("/organisers/2120001561/units.xlsx")
    eq(x.status, 200)
    z = zipfile.ZipFile(io.BytesIO(x.body))
    shared = z.read("xl/sharedStrings.xml").decode()
    contains(shared, "Fredriksborgskolan F-9")
    contains(shared, "Genomsnittligt meritvärde (17 ämnen)")
    u = c.get("/organisers/2120001561/units.csv").text
    contains(u, "13746989;Fredriksborgskolan F-9;2120001561;Borås kommun")
