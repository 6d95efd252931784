"""The JSON API and its description."""
import json
from harness import Server, demo_db, eq, contains

srv = None


def setup(tmp):
    global srv
    srv = Server(demo_db(tmp, with_data=False))


def teardown():
    srv.stop()


def test_openapi_describes_the_api():
    r = srv.client().get("/api/openapi.json")
    eq(r.status, 200)
    doc = r.json()
    for path in ("/organisers", "/organisers/{orgnr}", "/units/{code}"):
        assert path in doc["paths"], path


def test_lists_and_objects():
    c = srv.client()
    r = c.get("/api/v1/organisers")
    eq(r.status, 401)
    eq(r.json()["error"]["code"], "unauthorized")
    c.login("analytiker@exempel.se")
    data = c.get("/api/v1/organisers?q=kommun&per_page=2&page=2").json()
    eq((data["total"], data["page"], data["per_page"], len(data["items"])), (4, 2, 2, 2))
    o = c.get("/api/v1/organisers/212000-1561").json()
    eq(o["orgnr"], "2120001561")
    eq(o["kind"], "kommunal")
    assert any(u["code"] == "13746989" for u in o["units"])
    u = c.get("/api/v1/units/13746989").json()
    eq(u["name"], "Fredriksborgskolan F-9")
    merit = [s for s in u["statistics"] if s["variable"] == "merit17"][0]
    eq((merit["year"], merit["value"], merit["flag"]), (2025, 212.4, None))
    r = c.get("/api/v1/organisers?per_page=9999")
    eq(r.status, 400)
    eq(r.json()["error"]["code"], "bad_request")
