"""Login, logout, sessions, CSRF, throttling and security headers."""
import threading
import time
import urllib.parse
from harness import Server, demo_db, eq, contains, lacks, PASSWORD

srv = short = throttled = brief = proxied = None


def setup(tmp):
    global srv, short, throttled, brief, proxied
    srv = Server(demo_db(tmp, with_data=False))
    short = Server(demo_db(tmp, with_data=False), ["--session-idle", "2"])
    # Failures count per address too: throttling gets a database of its own, behind a
    # trusted proxy so that the tests can come from several addresses.
    throttled = Server(demo_db(tmp, with_data=False), ["--trust-proxy"])
    brief = Server(demo_db(tmp, with_data=False), ["--session-max", "3"])
    proxied = Server(demo_db(tmp, with_data=False), ["--trust-proxy"])


def teardown():
    srv.stop()
    short.stop()
    throttled.stop()
    brief.stop()
    proxied.stop()


def test_login_and_logout():
    c = srv.client()
    r = c.get("/")
    eq(r.status, 303, "utan inloggning")
    contains(r.header("Location"), "/login?next=%2F")
    before = c.jar.get("sv_session")
    r = c.login("admin@exempel.se")
    eq(r.header("Location"), "/", "efter inloggning")
    cookie = [x for x in r.cookies() if x.startswith("sv_session=")][0]
    contains(cookie, "HttpOnly")
    contains(cookie, "SameSite=Lax")
    contains(cookie, "Path=/")
    lacks(cookie, "Secure", "ingen TLS här")
    assert c.jar["sv_session"] != before and len(c.jar["sv_session"]) == 32, "ny 128-bitars session vid inloggning"
    home = c.get("/")
    eq(home.status, 200)
    contains(home.text, "Annika Bergström")
    token = c.csrf_of(home)
    r = c.post("/logout", {"csrf": token})
    eq(r.status, 303)
    contains(c.get(r.header("Location")).text, "Du är utloggad.")
    eq(c.get("/").status, 303, "utloggad")


def test_login_keeps_next_but_never_leaves_the_site():
    c = srv.client()
    c.get("/login?next=/units")
    token = c.csrf_of(c.get("/login?next=/units"))
    r = c.post("/login", {"csrf": token, "email": "admin@exempel.se", "password": PASSWORD, "next": "/units"})
    eq(r.header("Location"), "/units")
    c2 = srv.client()
    token = c2.csrf_of(c2.get("/login"))
    r = c2.post("/login", {"csrf": token, "email": "admin@exempel.se", "password": PASSWORD, "next": "//evil.example/"})
    eq(r.header("Location"), "/", "extern adress följs inte")


def test_wrong_password_is_refused_with_a_clear_message():
    c = srv.client()
    t0 = time.time()
    r = c.login("analytiker@exempel.se", "fel-lösenord-123", expect=401)
    known = time.time() - t0
    contains(r.text, "Fel e-postadress eller lösenord.")
    t0 = time.time()
    r = c.login("finns.inte@exempel.se", "fel-lösenord-123", expect=401)
    unknown = time.time() - t0
    contains(r.text, "Fel e-postadress eller lösenord.", "samma svar för okänt konto")
    # An unknown account is verified against a real hash too: no fast path to tell them apart.
    assert unknown > known / 3, f"okänt konto {unknown:.3f}s, känt {known:.3f}s"


def test_form_errors_are_summarised_and_linked():
    c = srv.client()
    token = c.csrf_of(c.get("/login"))
    r = c.post("/login", {"csrf": token, "email": "inte-en-adress", "password": ""})
    eq(r.status, 400)
    contains(r.text, 'class="error-summary"')
    contains(r.text, 'href="#f-email"')
    contains(r.text, "E-postadress ska vara en e-postadress")
    contains(r.text, "Lösenord måste fyllas i.")
    contains(r.text, 'aria-invalid="true"')
    contains(r.text, 'value="inte-en-adress"', "det skrivna finns kvar")


def test_session_expires_after_idle_timeout():
    c = short.client()
    c.login("admin@exempel.se")
    eq(c.get("/").status, 200)
    time.sleep(3.2)
    r = c.get("/")
    eq(r.status, 303, "sessionen ska ha gått ut")
    contains(r.header("Location"), "/login")


def test_csrf_is_required_on_every_state_change():
    c = srv.client()
    c.login("admin@exempel.se")
    r = c.post("/logout", {})
    eq(r.status, 403, "utloggning utan token")
    contains(r.text, "säkerhetstoken")
    r = c.post("/logout", {"csrf": "0" * 32})
    eq(r.status, 403, "fel token")
    r = c.post("/account/password", {"current": PASSWORD, "password": "nytt-lösenord-1234", "confirm": "nytt-lösenord-1234"})
    eq(r.status, 403, "lösenordsbyte utan token")
    eq(c.get("/").status, 200, "fortfarande inloggad")
    # The login form itself is protected by a double-submit token.
    fresh = srv.client()
    r = fresh.post("/login", {"email": "admin@exempel.se", "password": PASSWORD})
    eq(r.status, 403, "inloggning utan token")


def attempt(email, password, address):
    """One login from an address; the status and how long the answer took."""
    c = throttled.client()
    h = {"X-Forwarded-For": address}
    token = c.csrf_of(c.get("/login", headers=h))
    body = urllib.parse.urlencode({"csrf": token, "email": email, "password": password}).encode()
    t0 = time.time()
    r = c.request("POST", "/login", body, h, "application/x-www-form-urlencoded")
    return r, time.time() - t0


def test_failures_slow_guessing_down_but_never_lock_out_the_right_password():
    for i in range(3):  # a few mistakes cost nothing
        r, took = attempt("ekonomi@exempel.se", f"fel-lösenord-{i:03d}", "10.0.0.1")
        eq(r.status, 401)
        contains(r.text, "Fel e-postadress eller lösenord")
        assert took < 0.9, took
    # Then every attempt from that address waits, longer each time.
    r, took = attempt("ekonomi@exempel.se", "fel-lösenord-003", "10.0.0.1")
    eq(r.status, 401)
    assert 0.9 <= took < 3, took
    r, took = attempt("ekonomi@exempel.se", "fel-lösenord-004", "10.0.0.1")
    assert 1.9 <= took < 4, took
    # Two at once from the same address on the same account: the second is told to wait.
    waiting = threading.Thread(target=attempt, args=("ekonomi@exempel.se", "fel-lösenord-005", "10.0.0.1"))
    waiting.start()
    time.sleep(0.5)
    r, took = attempt("ekonomi@exempel.se", "fel-lösenord-006", "10.0.0.1")
    waiting.join()
    eq(r.status, 429)
    contains(r.text, "pågår redan")
    # The right password from the same address still gets in, after the wait.
    r, took = attempt("ekonomi@exempel.se", PASSWORD, "10.0.0.1")
    eq(r.status, 303, "rätt lösenord efter väntan")
    assert took >= 3.5, took
    # From another address (the owner at work) it gets in within the account's cap of five seconds.
    r, took = attempt("ekonomi@exempel.se", PASSWORD, "10.0.9.9")
    eq(r.status, 303, "rätt lösenord från en annan adress")
    assert took < 6, took
    # Another account behind the same address is not slowed by these failures.
    r, took = attempt("admin@exempel.se", PASSWORD, "10.0.0.1")
    eq(r.status, 303)
    assert took < 0.9, took


def test_security_headers_on_every_response():
    c = srv.client()
    for path, status in (("/login", 200), ("/finns-inte", 404), ("/static/app.css", 200), ("/api/v1/organisers", 401),
                         ("/healthz", 200)):
        r = c.get(path)
        eq(r.status, status, path)
        csp = r.header("Content-Security-Policy") or ""
        contains(csp, "frame-ancestors 'none'", path)
        contains(csp, "script-src 'self'", path)
        lacks(csp, "unsafe-inline", path)
        eq(r.header("X-Content-Type-Options"), "nosniff", path)
        eq(r.header("Referrer-Policy"), "same-origin", path)
    page = c.get("/login")
    eq(page.header("Cache-Control"), "no-store")
    lacks(page.text, "<script>", "inga inbäddade skript")


def test_static_assets_are_cached():
    c = srv.client()
    r = c.get("/static/app.css")
    eq(r.header("Cache-Control"), "public, max-age=31536000, immutable")
    etag = r.header("ETag")
    r2 = c.get("/static/app.css", headers={"If-None-Match": etag})
    eq(r2.status, 304)
    page = c.get("/login")
    contains(page.text, "/static/app.css?v=" + etag.strip('"'))


def test_password_change():
    c = srv.client()
    c.login("processtod@exempel.se")
    token = c.csrf("/account")
    r = c.post("/account/password", {"csrf": token, "current": PASSWORD, "password": "kort", "confirm": "kort"})
    eq(r.status, 400)
    contains(r.text, "Det nya lösenordet ska ha minst 12 tecken.")
    token = c.csrf("/account")
    r = c.post("/account/password", {"csrf": token, "current": PASSWORD, "password": "ett-nytt-lösenord", "confirm": "ett-nytt-lösenord"})
    eq(r.status, 303)
    contains(c.get("/account?klart=1").text, "Lösenordet är bytt.")
    srv.client().login("processtod@exempel.se", PASSWORD, expect=401)
    srv.client().login("processtod@exempel.se", "ett-nytt-lösenord")


def test_not_found_and_method_not_allowed():
    c = srv.client()
    c.login("admin@exempel.se")
    r = c.get("/organisers/2120001562")
    eq(r.status, 404, "ogiltig kontrollsiffra")
    contains(r.text, "Sidan finns inte")
    r = c.request("DELETE", "/organisers")
    eq(r.status, 405)
    r = c.get("/api/v1/units/00000000")
    eq(r.status, 404)
    eq(r.json()["error"]["code"], "not_found")


def test_session_ends_at_its_absolute_lifetime_even_when_active():
    c = brief.client()
    c.login("admin@exempel.se")
    started = time.time()
    for _ in range(4):
        eq(c.get("/").status, 200, "aktiv session")
        time.sleep(0.5)
    # Times are whole seconds: "more than 3 s" is certain once 5 s have passed.
    time.sleep(max(0.0, 5.0 - (time.time() - started)))
    eq(c.get("/").status, 303, "sessionens längsta livslängd har passerats")


def test_cookie_is_secure_behind_a_tls_proxy():
    c = proxied.client()
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    page = c.get("/login", headers=https)
    contains([x for x in page.cookies() if x.startswith("sv_csrf=")][0], "; Secure")
    eq(page.header("Strict-Transport-Security"), "max-age=31536000")
    token = c.csrf_of(page)
    r = c.request("POST", "/login", f"csrf={token}&email=admin%40exempel.se&password={PASSWORD}".encode(),
                  https, "application/x-www-form-urlencoded")
    eq(r.status, 303)
    contains([x for x in r.cookies() if x.startswith("sv_session=")][0], "; Secure")
