"""Requests with more fields than the server takes are refused whole with 413 and a
Swedish message, never cut: in the query string, in a form, and in the API's JSON."""
import json
import urllib.parse
from harness import Server, demo_db, eq, contains, lacks

srv = None


def setup(tmp):
    global srv
    srv = Server(demo_db(tmp, with_data=False))


def teardown():
    srv.stop()


def test_more_fields_than_the_limit_are_refused_not_cut():
    c = srv.client()
    c.login("analytiker@exempel.se")
    # 200 query parameters are read (the undeclared dropped); 201 are refused.
    eq(c.get("/organisers?" + "&".join(f"x{i}=1" for i in range(199)) + "&q=Bor").status, 200)
    r = c.get("/organisers?" + "&".join(f"x{i}=1" for i in range(201)))
    eq(r.status, 413)
    contains(r.text, "för många fält")
    # A form: the 201st field would have been the one that mattered.
    csrf = c.csrf("/criteria")
    fields = [("csrf", csrf)] + [(f"x{i}", "1") for i in range(199)] + [("name", "Sist i formuläret")]
    r = c.request("POST", "/criteria", urllib.parse.urlencode(fields).encode(), None,
                  "application/x-www-form-urlencoded")
    eq(r.status, 413)
    contains(r.text, "högst 200")
    lacks(c.get("/criteria").text, "Sist i formuläret", "inget sparat")
    # The API's JSON body.
    r = c.request("POST", "/api/v1/agreements/1", json.dumps({f"x{i}": 1 for i in range(201)}).encode(),
                  {"X-CSRF-Token": csrf}, "application/json")
    eq(r.status, 413)
    eq(r.json()["error"]["code"], "payload_too_large")
