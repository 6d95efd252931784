"""Limits before work: requests with more fields than the server takes are refused whole
with 413 and a Swedish message, never cut (query string, form, the API's JSON); a large
body is refused before it is read when the sender may not send it; a malformed cookie
gets one clean answer; a second server cannot take an address in use."""
import json
import re
import socket
import subprocess
import time
import urllib.parse
import harness
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


def raw_exchange(port, head, body_first=b"", wait=5.0):
    """Sends a request head (and maybe the start of a body), then reads what comes back
    without sending more: an answer here was given before the body was read."""
    s = socket.create_connection(("127.0.0.1", port), timeout=wait)
    s.sendall(head + body_first)
    out = b""
    t0 = time.time()
    try:
        while True:
            d = s.recv(65536)
            if not d:
                break
            out += d
            if b"\r\n\r\n" in out:
                head_end = out.index(b"\r\n\r\n") + 4
                m = re.search(rb"Content-Length: (\d+)", out[:head_end], re.I)
                if m and len(out) >= head_end + int(m.group(1)):
                    break
    except socket.timeout:
        pass
    s.close()
    return out, time.time() - t0


def test_a_large_post_is_answered_before_its_body_when_it_may_not_be_sent():
    big = 60 << 20
    for path, status in (("/import", b"303"), ("/criteria", b"303"), ("/api/v1/agreements/1", b"401"),
                         ("/login", b"413")):
        head = (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                f"Content-Length: {big}\r\n\r\n").encode()
        out, took = raw_exchange(srv.port, head, b"--x\r\n")
        assert out.startswith(b"HTTP/1.1 " + status), (path, out[:200])
        assert took < 2, f"{path}: svaret dröjde {took:.1f} s"
        eq(out.count(b"HTTP/1.1 "), 1, f"{path}: ett svar")


def test_a_signed_in_users_file_over_the_limit_is_refused_naming_the_limit():
    c = srv.client()
    c.login("admin@exempel.se")
    token = c.csrf("/import")
    r = c.upload("/import", {"csrf": token, "kind": "units"}, "file", "stor.csv", b"x" * (65 << 20))
    eq(r.status, 413)
    contains(r.text, "högst 64 MB")


def test_a_text_field_cannot_make_the_server_hold_megabytes():
    c = srv.client()
    c.login("analytiker@exempel.se")
    csrf = c.csrf("/criteria")
    r = c.post("/criteria", {"csrf": csrf, "name": "x" * (3 << 20)})
    eq(r.status, 413)


def test_a_malformed_cookie_gets_one_clean_answer_in_the_routes_format():
    for path, kind in (("/organisers", "text/html"), ("/api/v1/organisers", "application/json")):
        out, _ = raw_exchange(srv.port, f'GET {path} HTTP/1.1\r\nHost: x\r\nCookie: a="\r\n\r\n'.encode())
        eq(out.count(b"HTTP/1.1 "), 1, f"{path}: ett svar")
        assert out.startswith(b"HTTP/1.1 400"), out[:200]
        contains(out.decode(), kind)
        contains(out.decode(), "felaktig cookie")
    # A quoted value is a proper cookie.
    out, _ = raw_exchange(srv.port, b'GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: a="b"\r\nConnection: close\r\n\r\n')
    assert out.startswith(b"HTTP/1.1 200"), out[:200]


def test_a_second_server_on_the_same_address_refuses_to_start():
    p = subprocess.run([harness.BINARY, "serve", "--db", srv.db, "--listen", f"127.0.0.1:{srv.port}"],
                       capture_output=True, text=True, timeout=60)
    eq(p.returncode, 1)
    contains(p.stderr, f"127.0.0.1:{srv.port} används redan")
    # The first one still answers.
    eq(srv.client().get("/healthz").status, 200)
