"""A full disk: the database lives on a small file system made for the test (a tmpfs
mount), which is filled up while the server runs. Every write then says in Swedish that
the disk is full (not a rollback's message, not a 500), nothing is half saved, and once
there is room again the database is intact and takes writes. Skipped, saying why, where
the test cannot mount a file system (not root, or no permission in the container)."""
import os
import shutil
import sqlite3
import subprocess
import tempfile

from harness import Server, demo_db, eq, contains, lacks, BACKEND, Skip, PASSWORD

mnt = srv = db = None


def setup(tmp):
    global mnt, srv, db
    if BACKEND != "sqlite":
        raise Skip("disken fylls under SQLite-filen; PostgreSQL:s egen hantering av full disk provas inte här")
    if os.geteuid() != 0:
        raise Skip("testet behöver root för att montera ett litet filsystem (tmpfs)")
    mnt = tempfile.mkdtemp(prefix="sv-full-")
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mnt], capture_output=True, text=True)
    if p.returncode != 0:
        os.rmdir(mnt)
        mnt = None
        raise Skip(f"kan inte montera ett litet filsystem här: {p.stderr.strip()}")
    source = demo_db(tmp, with_data=False)
    db = os.path.join(mnt, "full.db")
    shutil.copy(source, db)
    srv = Server(db)


def teardown():
    try:
        if srv:
            srv.stop()
    finally:
        if mnt:
            subprocess.run(["umount", "-l", mnt])
            os.rmdir(mnt)


def fill():
    """Fills the file system to the last few blocks."""
    path = os.path.join(mnt, "fyllnad")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 65536)
    except OSError:
        pass
    os.close(fd)
    return path


def counts():
    con = sqlite3.connect(db)
    try:
        return [con.execute(q).fetchone()[0] for q in ("SELECT COUNT(*) FROM criteria_sets", "SELECT COUNT(*) FROM audit",
                                                       "SELECT COUNT(*) FROM units", "SELECT COUNT(*) FROM imports")]
    finally:
        con.close()


def test_every_write_says_the_disk_is_full_and_nothing_is_half_saved():
    a = srv.client()
    a.login("analytiker@exempel.se")
    admin = srv.client()
    admin.login("admin@exempel.se")
    criteria_token = a.csrf("/criteria")
    import_token = admin.csrf("/import")
    anon = srv.client()
    login_token = anon.csrf_of(anon.get("/login"))
    before = counts()
    filler = fill()
    try:
        big = ("Kommunkod;Kommun;Länskod\n" + "".join(f"{9000 + i};Kommun {i} med ett långt namn;01\n"
                                                       for i in range(900))).encode()
        answers = {
            "kriterier": a.post("/criteria", {"csrf": criteria_token, "name": "Full disk", "var1": "merit17",
                                              "dir1": "-1", "note": "Ska inte gå förlorad"}),
            "import": admin.upload("/import", {"csrf": import_token, "kind": "municipalities"}, "file",
                                   "kommuner.csv", big),
            "inloggning": anon.post("/login", {"csrf": login_token, "email": "admin@exempel.se", "password": PASSWORD}),
        }
        for what, r in answers.items():
            assert r.status in (422, 507), (what, r.status, r.text[-600:])
            contains(r.text, "Disken är full", what)
            for raw in ("rollback", "no transaction", "SQLITE", "disk I/O", "database or disk"):
                lacks(r.text, raw, what)
        contains(answers["kriterier"].text, "Ska inte gå förlorad")  # what was typed comes back
    finally:
        os.remove(filler)
    con = sqlite3.connect(db)
    eq(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
    con.close()
    eq(counts(), before, "inget halvt sparat")
    # With room again the same server takes writes.
    r = a.post("/criteria", {"csrf": criteria_token, "name": "Efter full disk", "var1": "merit17", "dir1": "-1"})
    eq(r.status, 303, r.text[-400:])
