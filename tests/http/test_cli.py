"""The command line: help for every command, users, tokens, backup of a live database."""
import os
import sqlite3
from harness import Server, demo_db, new_db, query, eq, contains, run_cli, BACKEND

tmpdir = None


def setup(tmp):
    global tmpdir
    tmpdir = tmp


def test_help_for_every_command():
    top = run_cli(["--help"]).stdout
    for cmd in ("init", "serve", "demo", "import", "index", "remind", "setting", "user", "token", "backup"):
        contains(top, cmd)
        p = run_cli([cmd, "--help"])
        contains(p.stdout, "användning: samverkan " + cmd, cmd)
    p = run_cli(["nonsens"], check=False)
    eq(p.returncode, 2)
    contains(p.stderr, "okänt kommando")


def test_user_add_reads_the_password_from_stdin_and_checks_it():
    db = new_db(tmpdir)
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
    h = query(db, "SELECT password_hash FROM users WHERE email = 'ny@exempel.se'")
    assert h.startswith("$argon2id$"), h


def test_backup_of_a_live_database():
    db = demo_db(tmpdir, with_data=False)
    if BACKEND == "postgres":
        p = run_cli(["backup", os.path.join(tmpdir, "kopia.dump")], db=db, check=False)
        eq(p.returncode, 1)
        contains(p.stderr, "pg_dump", "säger vilket verktyg som gäller för PostgreSQL")
        return
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
    db = new_db(tmpdir)
    # An old database: the migration table exists, no migration has run.
    old = "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
    if BACKEND == "postgres":
        from harness import psql
        psql(db, old)
    else:
        con = sqlite3.connect(db)
        con.execute(old)
        con.commit()
        con.close()
    srv = Server(db)
    c = srv.client()
    eq(c.get("/healthz").status, 200)
    out = srv.stop()
    contains(out, "Samverkan har stängts.")
    assert query(db, "SELECT MAX(version) FROM schema_migrations") >= 1
    if BACKEND == "sqlite":
        eq(query(db, "PRAGMA journal_mode"), "wal")
