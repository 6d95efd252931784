"""Accounts over their whole life: an administrator changes and deactivates users (on the
web and the command line), API tokens expire, record their use and are revoked, a
temporary password is changed at the first login, a forgotten one is reset through a
link that works once, and the current-password check of Byt lösenord is slowed down
like the login."""
import re
import time
import urllib.parse

from harness import Server, demo_db, eq, contains, lacks, query, query_all, run_cli, PASSWORD

srv = db = None


def setup(tmp):
    global srv, db
    db = demo_db(tmp, with_data=False)
    srv = Server(db)


def teardown():
    srv.stop()


def login(email, password=PASSWORD):
    c = srv.client()
    c.login(email, password)
    return c


def form(c, path, fields, page=None):
    return c.post(path, dict(fields, csrf=c.csrf(page or "/account")))


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def new_token(email, *args):
    return run_cli(["token", "create", "--email", email, *args], db=db).stdout.strip()


def test_an_administrator_changes_a_user_and_their_reach_follows_at_once():
    admin = login("admin@exempel.se")
    user_id = query(db, "SELECT id FROM users WHERE email = 'ekonomi@exempel.se'")
    victim = login("ekonomi@exempel.se")
    eq(victim.get("/").status, 200)
    page = admin.get(f"/admin/users/{user_id}").text
    contains(page, 'name="version" value="1"')
    contains(page, "Senast inloggad")
    r = form(admin, f"/admin/users/{user_id}", {"name": "Peter Sandberg-Ek", "role": "organiser",
                                                "organiser": "212000-1561", "version": "1"}, f"/admin/users/{user_id}")
    eq(r.status, 303, r.text[-500:])
    eq(query(db, f"SELECT role FROM users WHERE id = {user_id}"), "organiser")
    # The user's session ended with the change of role: signed out, not left with the old rights.
    eq(victim.get("/").header("Location"), "/login?next=%2F")
    # A second administrator's form, still based on version 1, writes nothing over it.
    other = login("admin@exempel.se")
    r = form(other, f"/admin/users/{user_id}", {"name": "Fel Namn", "role": "reader", "version": "1"},
             f"/admin/users/{user_id}")
    eq(r.status, 409)
    contains(r.text, "Någon annan sparade medan du skrev")
    contains(r.text, "<del>Peter Sandberg-Ek</del><ins>Fel Namn</ins>")
    eq(query(db, f"SELECT name FROM users WHERE id = {user_id}"), "Peter Sandberg-Ek")
    # A unit code that is not in the register names the field.
    r = form(admin, f"/admin/users/{user_id}", {"name": "Peter", "role": "head", "unit": "99999999", "version": "2"},
             f"/admin/users/{user_id}")
    eq(r.status, 422)
    contains(r.text, "Enheten 99999999 finns inte i registret")
    # The change is in the audit log with what it was before.
    contains(admin.get("/admin/audit?type=user").text, "Peter Sandberg-Ek")


def test_deactivation_ends_sessions_and_tokens_at_once_and_reactivation_restores_the_login():
    admin = login("admin@exempel.se")
    user_id = query(db, "SELECT id FROM users WHERE email = 'rektor@exempel.se'")
    user = login("rektor@exempel.se")
    token = new_token("rektor@exempel.se")
    eq(user.get("/").status, 200)
    eq(srv.client().get("/api/v1/cases", headers=bearer(token)).status, 200)
    r = form(admin, f"/admin/users/{user_id}/active", {"active": "0"}, f"/admin/users/{user_id}")
    eq(r.status, 303)
    contains(admin.get(f"/admin/users/{user_id}?klart=2").text, "Avstängd sedan")
    eq(user.get("/").status, 303, "sessionen slutade direkt")
    eq(srv.client().get("/api/v1/cases", headers=bearer(token)).status, 401, "nyckeln slutade direkt")
    srv.client().login("rektor@exempel.se", expect=401)
    contains(admin.get("/admin/users").text, "Avstängd")
    # An administrator cannot lock themselves out.
    me = query(db, "SELECT id FROM users WHERE email = 'admin@exempel.se'")
    eq(form(admin, f"/admin/users/{me}/active", {"active": "0"}, f"/admin/users/{me}").status, 409)
    # Reactivated: the old password and the token work again.
    eq(form(admin, f"/admin/users/{user_id}/active", {"active": "1"}, f"/admin/users/{user_id}").status, 303)
    login("rektor@exempel.se")
    eq(srv.client().get("/api/v1/cases", headers=bearer(token)).status, 200)


def test_the_command_line_manages_users_and_tokens():
    run_cli(["user", "add", "--email", "cli@exempel.se", "--name", "Kim Kommandorad", "--role", "analyst",
             "--temporary"], db=db, stdin="ett-tillfälligt-lösenord\n")
    out = run_cli(["user", "list"], db=db).stdout
    contains(out, "cli@exempel.se")
    contains(out, "tillfällig")
    contains(out, "aldrig")
    run_cli(["user", "set", "--email", "cli@exempel.se", "--name", "Kim Ändrad", "--role", "supporter"], db=db)
    eq(query(db, "SELECT name || ' ' || role FROM users WHERE email = 'cli@exempel.se'"), "Kim Ändrad supporter")
    p = run_cli(["user", "set", "--email", "cli@exempel.se", "--role", "organiser"], db=db, check=False)
    eq(p.returncode, 1)
    contains(p.stderr, "--organiser")
    run_cli(["user", "deactivate", "--email", "cli@exempel.se"], db=db)
    contains(run_cli(["user", "list"], db=db).stdout, "avstängd")
    run_cli(["user", "activate", "--email", "cli@exempel.se"], db=db)
    p = run_cli(["user", "deactivate", "--email", "ingen@exempel.se"], db=db, check=False)
    eq(p.returncode, 1)
    contains(p.stderr, "ingen användare med e-postadressen ingen@exempel.se")
    # Tokens: made with an expiry, listed with owner and last use, revoked by number.
    token = new_token("analytiker@exempel.se", "--label", "Rapportverktyget", "--days", "30")
    out = run_cli(["token", "list", "--email", "analytiker@exempel.se"], db=db).stdout
    contains(out, "Rapportverktyget")
    contains(out, "aldrig")  # not used yet
    eq(srv.client().get("/api/v1/organisers", headers=bearer(token)).status, 200)
    assert query(db, "SELECT last_used FROM api_tokens WHERE label = 'Rapportverktyget'"), "senast använd sparas"
    expires = query(db, "SELECT expires_at - created_at FROM api_tokens WHERE label = 'Rapportverktyget'")
    eq(expires, 30 * 86400)
    default = new_token("analytiker@exempel.se")
    eq(query(db, "SELECT MAX(expires_at - created_at) FROM api_tokens WHERE label = 'kommandoraden'"), 365 * 86400)
    number = query(db, "SELECT id FROM api_tokens WHERE label = 'Rapportverktyget'")
    contains(run_cli(["token", "revoke", str(number)], db=db).stdout, "återkallad")
    eq(srv.client().get("/api/v1/organisers", headers=bearer(token)).status, 401, "återkallad nyckel")
    # An expired token is refused like a revoked one.
    _run("UPDATE api_tokens SET expires_at = 1 WHERE user_id = (SELECT id FROM users WHERE email = 'analytiker@exempel.se')")
    r = srv.client().get("/api/v1/organisers", headers=bearer(default))
    eq(r.status, 401, "utgången nyckel")
    contains(r.json()["error"]["message"], "utgången")


def test_own_tokens_under_my_account_and_a_password_change_that_says_what_happens_to_them():
    c = login("processtod@exempel.se")
    r = form(c, "/account/tokens", {"label": "Mitt skript", "days": "90"})
    eq(r.status, 200)
    token = re.search(r'<code class="token">(sv_[0-9a-f]+)</code>', r.text).group(1)
    page = c.get("/account").text
    contains(page, "Mitt skript")
    lacks(page, token, "nyckeln visas bara en gång")
    eq(srv.client().get("/api/v1/cases", headers=bearer(token)).status, 200)
    contains(c.get("/account").text, "Återkalla också mina 1 API-nycklar")
    # Changing the password without revoking says the tokens still work.
    new = "ett-nytt-lösenord-2026"
    r = form(c, "/account/password", {"current": PASSWORD, "password": new, "confirm": new})
    eq(r.header("Location"), "/account?klart=3")
    contains(c.get("/account?klart=3").text, "Dina API-nycklar fungerar som förut")
    eq(srv.client().get("/api/v1/cases", headers=bearer(token)).status, 200)
    # With the box ticked they are revoked with the change.
    r = form(c, "/account/password", {"current": new, "password": PASSWORD, "confirm": PASSWORD, "revoke_tokens": "1"})
    eq(r.header("Location"), "/account?klart=2")
    eq(srv.client().get("/api/v1/cases", headers=bearer(token)).status, 401)
    # One's own token is revoked from the list; someone else's cannot be.
    r = form(c, "/account/tokens", {"label": "Kortlivad", "days": "1"})
    token = re.search(r'<code class="token">(sv_[0-9a-f]+)</code>', r.text).group(1)
    mine = query(db, "SELECT id FROM api_tokens WHERE label = 'Kortlivad'")
    other = login("analytiker@exempel.se")
    eq(form(other, f"/account/tokens/{mine}/revoke", {}).status, 404)
    eq(srv.client().get("/api/v1/cases", headers=bearer(token)).status, 200)
    eq(form(c, f"/account/tokens/{mine}/revoke", {}).status, 303)
    eq(srv.client().get("/api/v1/cases", headers=bearer(token)).status, 401)


def test_a_temporary_password_is_changed_at_the_first_login():
    admin = login("admin@exempel.se")
    r = form(admin, "/admin/users", {"name": "Nina Ny", "email": "nina@exempel.se", "role": "analyst",
                                     "password": "tillfälligt-lösenord"}, "/admin/users")
    eq(r.status, 303, r.text[-400:])
    c = srv.client()
    r = c.login("nina@exempel.se", "tillfälligt-lösenord")
    eq(r.header("Location"), "/account/first-password")
    for path in ("/", "/cases", "/account"):
        eq(c.get(path).header("Location"), "/account/first-password", path)
    token = c.csrf("/account/first-password")
    r = c.post("/account/first-password", {"csrf": token, "password": "tillfälligt-lösenord",
                                            "confirm": "tillfälligt-lösenord"})
    eq(r.status, 400)
    contains(r.text, "Välj ett annat lösenord än det tillfälliga")
    r = c.post("/account/first-password", {"csrf": token, "password": "ninas-eget-lösenord",
                                            "confirm": "ninas-eget-lösenord"})
    eq(r.status, 303)
    eq(c.get("/").status, 200)
    srv.client().login("nina@exempel.se", "tillfälligt-lösenord", expect=401)
    srv.client().login("nina@exempel.se", "ninas-eget-lösenord")


def reset_link(email):
    rows = query_all(db, f"SELECT id, body FROM outbox WHERE recipient = '{email}' AND subject LIKE 'Nytt lösenord%' "
                         f"ORDER BY id DESC")
    body = rows[0][1] if not db.startswith("postgres") else "\n".join(r[-1] for r in rows)
    return re.search(r"https?://[^/\s]+(/losenord/nytt\?t=[0-9a-f]{32})", body).group(1)


def ask_for_link(email):
    c = srv.client()
    token = c.csrf_of(c.get("/losenord/glomt"))
    return c.post("/losenord/glomt", {"csrf": token, "email": email})


def test_a_forgotten_password_is_reset_through_a_link_that_works_once():
    contains(srv.client().get("/login").text, 'href="/losenord/glomt"')
    outbox = query(db, "SELECT COUNT(*) FROM outbox")
    r = ask_for_link("ingen-alls@exempel.se")
    eq(r.status, 200)
    unknown = r.text
    eq(query(db, "SELECT COUNT(*) FROM outbox"), outbox, "ingen post till en adress utan konto")
    r = ask_for_link("huvudman@exempel.se")
    strip = lambda t: re.sub(r'name="csrf" value="[0-9a-f]+"', "", t)
    eq(strip(r.text), strip(unknown), "samma svar om kontot finns eller inte")
    contains(r.text, "Om adressen hör till ett konto")
    link = reset_link("huvudman@exempel.se")
    c = srv.client()
    page = c.get(link)
    eq(page.status, 200)
    token = c.csrf_of(page)
    t = link.split("t=")[1]
    r = c.post("/losenord/nytt", {"csrf": token, "t": t, "password": "kort", "confirm": "kort"})
    eq(r.status, 400)
    contains(r.text, "minst 12 tecken")
    token = c.csrf_of(r)  # the form comes back with its own token
    r = c.post("/losenord/nytt", {"csrf": token, "t": t, "password": "återställt-lösenord", "confirm": "återställt-lösenord"})
    eq(r.header("Location"), "/login?nytt=1")
    srv.client().login("huvudman@exempel.se", "återställt-lösenord")
    srv.client().login("huvudman@exempel.se", PASSWORD, expect=401)
    # Once only.
    eq(srv.client().get(link).status, 410)
    token = c.csrf_of(c.get("/losenord/glomt"))
    r = c.post("/losenord/nytt", {"csrf": token, "t": t, "password": "ett-tredje-lösenord", "confirm": "ett-tredje-lösenord"})
    eq(r.status, 410)
    contains(r.text, "redan använts eller gått ut")
    # An hour only.
    ask_for_link("rektor@exempel.se")
    link = reset_link("rektor@exempel.se")
    _run(f"UPDATE password_resets SET expires_at = 1 WHERE used_at IS NULL")
    eq(srv.client().get(link).status, 410)
    # At most three mails an hour to one account.
    for _ in range(4):
        ask_for_link("analysgrupp@exempel.se")
    eq(query(db, "SELECT COUNT(*) FROM outbox WHERE recipient = 'analysgrupp@exempel.se'"), 3)


def _run(sql):
    import sqlite3
    import harness
    if db.startswith("postgres"):
        harness.psql(db, sql)
    else:
        con = sqlite3.connect(db)
        con.execute(sql)
        con.commit()
        con.close()


def test_the_current_password_check_is_slowed_like_the_login():
    c = login("larosate@exempel.se")
    for i in range(3):
        r = form(c, "/account/password", {"current": f"fel-{i:03d}-lösenord", "password": "ett-nytt-lösenord-1",
                                          "confirm": "ett-nytt-lösenord-1"})
        eq(r.status, 400)
        contains(r.text, "Det nuvarande lösenordet stämmer inte")
    t0 = time.time()
    r = form(c, "/account/password", {"current": "fel-999-lösenord", "password": "ett-nytt-lösenord-1",
                                      "confirm": "ett-nytt-lösenord-1"})
    eq(r.status, 400)
    assert time.time() - t0 >= 0.9, time.time() - t0
    t0 = time.time()
    r = form(c, "/account/password", {"current": PASSWORD, "password": "ett-nytt-lösenord-1",
                                      "confirm": "ett-nytt-lösenord-1"})
    eq(r.status, 303, "rätt lösenord efter väntan")
    assert time.time() - t0 >= 1.9
