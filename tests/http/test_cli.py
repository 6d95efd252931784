"""The command line: help for every command, users, tokens, backup of a live database."""
import os
import sqlite3
from harness import Server, demo_db, eq, contains, run_cli

tmpdir = None


def setup(tmp):
    global tmpdir
    tmpdir = tmp


def test_help_for_every_command():
    top = run_cli(["--help"]).stdout
    for cmd in ("init", "serve", "demo", "import", "user", "token", "backup"):
        contains(top, cmd)
        p = run_cli([cmd, "--help"])
        contains(p.stdout, "användning: samverkan " + cmd, cmd)
    p = run_cli(["nonsens"], check=False)
    eq(p.returncode, 2)
    contains(p.stderr, "okänt kommando")


def test_user_add_reads_the_password_from_stdin_and_checks_it():
    db = os.path.join(tmpdir, "users.db")
    p = run_cli(["user", "add", "--email", "kort@exempel.se", "--name", "K", "--role", "admin"], db=db,
                stdin="kort\n", check=False)
    eq(p.returncode, 1)
    contains(p.stderr, "--password: Lösenordet ska ha minst 12 tecken.")
    p = run_cli(["user", "add", "--email", "ny@exempel.se", "--name", "Ny Person", "--role", "rektor"], db=db,
                stdin="ett-långt-lösenord\n", check=False)
    contains(p.stderr, "Okänd roll")
    p = run_cli(["user", "add", "--email", "ny@exempel.se", "--name", "Ny Person", "--role", "analyst"], db=db,
                stdin="ett-långt-lösenord\n")
    contains(p.stdout, "Användaren ny@exempel.se är skapad")
    con = sqlite3.connect(db)
    h = con.execute("SELECT password_hash FROM users WHERE email = 'ny@exempel.se'").fetchone()[0]
    assert h.startswith("$argon2id$"), h
    con.close()


def test_backup_of_a_live_database():
    db = demo_db(tmpdir, with_data=False)
    srv = Server(db)
    try:
        c = srv.client()
        c.login("admin@exempel.se")
        out = os.path.join(tmpdir, "kopia.db")
        p = run_cli(["backup", out], db=db)
        contains(p.stdout, "Säkerhetskopian är skriven")
        con = sqlite3.connect(out)
        eq(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        eq(con.execute("SELECT COUNT(*) FROM organisers").fetchone()[0], 4)
        con.close()
        p = run_cli(["backup", out], db=db, check=False)
        eq(p.returncode, 1, "skriver inte över en befintlig fil")
    finally:
        srv.stop()


def test_serve_upgrades_an_old_database_and_stops_gracefully():
    db = os.path.join(tmpdir, "gammal.db")
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)")
    con.commit()
    con.close()
    srv = Server(db)
    c = srv.client()
    eq(c.get("/healthz").status, 200)
    out = srv.stop()
    contains(out, "Samverkan har stängts.")
    con = sqlite3.connect(db)
    assert con.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] >= 1
    eq(con.execute("PRAGMA journal_mode").fetchone()[0], "wal")
    con.close()
