"""The database failing under the server: a connection terminated in the middle of an
import, a cluster that stops answering or is shut down, and two processes creating the
schema of an empty database at once. PostgreSQL runs in a cluster of this module's own,
so that it can be frozen and stopped without touching the other tests."""
import os
import signal
import subprocess
import tempfile
import threading
import time

import harness
from harness import Server, eq, contains, lacks, psql, run_cli, BACKEND, Skip, PASSWORD

here = os.path.dirname(os.path.abspath(__file__))
PG_SCRIPT = os.path.join(here, "../../scripts/pg-test-server.sh")
RAW = ("SQLSTATE", "DETAIL:", "FATAL", "duplicate key", "40001", "ERROR:")
pg_dir = pg_url = None
tmpdir = None


def setup(tmp):
    global pg_dir, pg_url, tmpdir
    tmpdir = tmp
    if BACKEND != "postgres":
        return
    # Under /tmp itself: the server runs as the postgres user, who cannot enter tmp.
    pg_dir = tempfile.mkdtemp(prefix="sv-pg-faults-")
    pg_url = subprocess.run([PG_SCRIPT, "start", pg_dir], capture_output=True, text=True,
                            check=True).stdout.strip()


def teardown():
    if pg_dir:
        subprocess.run([PG_SCRIPT, "stop", pg_dir])


def own_db():
    """A fresh demo database in this module's cluster (or a SQLite file)."""
    if BACKEND != "postgres":
        return harness.demo_db(tmpdir, with_data=False)
    name = "f" + os.urandom(6).hex()
    psql(pg_url + "/postgres", f"CREATE DATABASE {name}")
    url = f"{pg_url}/{name}"
    run_cli(["demo"], db=url)
    return url


def cluster_pids():
    """The postmaster and every process it started."""
    pid = int(open(os.path.join(pg_dir, "data", "postmaster.pid")).readline())
    kids = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [pid] + [int(k) for k in kids]


def no_raw_database_text(text, what):
    for mark in RAW:
        lacks(text, mark, what)


def big_units_csv(rows):
    """A register file of `rows` school units (distinct codes, one organiser each 50)."""
    lines = ["HUVUDMANNATYP,ORGANISATIONSNR,KOMMUN,KOMMUNNAMN,SKOLENHETSKOD,NAMN,HUVUDMANS NAMN"]
    orgs = ["2120000019", "2120000142", "2120000183", "2120000225", "2120000266"]
    for i in range(rows):
        lines.append(f"Kommunal,{orgs[i % len(orgs)]},0114,Upplands Väsby,{40000000 + i},Skola {i},Kommun {i % 5}")
    return ("\n".join(lines) + "\n").encode()


def test_an_import_whose_connection_is_terminated_leaves_nothing_and_says_so():
    if BACKEND != "postgres":
        raise Skip("gäller bara PostgreSQL")
    db = own_db()
    srv = Server(db)
    try:
        c = srv.client()
        c.login("admin@exempel.se")
        before = [psql(db, q) for q in ("SELECT COUNT(*) FROM units", "SELECT COUNT(*) FROM imports",
                                        "SELECT COUNT(*) FROM audit WHERE action LIKE 'import:%'")]
        token = c.csrf("/import")
        name = db.rsplit("/", 1)[1]
        done = threading.Event()
        killed = []

        def terminate():
            time.sleep(0.4)  # the import is under way
            while not done.is_set():
                n = psql(pg_url + "/postgres", f"SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                               f"WHERE datname = '{name}' AND state <> 'idle'")
                killed.append(int(n))
                if int(n):
                    return
                time.sleep(0.05)

        t = threading.Thread(target=terminate)
        t.start()
        r = c.upload("/import", {"csrf": token, "kind": "units"}, "file", "stor.csv", big_units_csv(60000))
        done.set()
        t.join()
        assert sum(killed) >= 1, "ingen anslutning avbröts under importen"
        assert r.status in (422, 503), r.status
        contains(r.text, "inget sparades")
        no_raw_database_text(r.text, "svaret på den avbrutna importen")
        after = [psql(db, q) for q in ("SELECT COUNT(*) FROM units", "SELECT COUNT(*) FROM imports",
                                       "SELECT COUNT(*) FROM audit WHERE action LIKE 'import:%'")]
        eq(after, before, "enheter, importer och granskningsrader efter den avbrutna importen")
        # The server is still usable afterwards.
        eq(c.get("/organisers").status, 200)
    finally:
        srv.stop()


def signal_all(pids, sig):
    """Signals the cluster's processes; one that had already ended (a backend closing as
    the list was taken) is no longer part of it."""
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def statuses_at_once(client, path, n):
    """The statuses of n requests sent at the same time, so that every worker serves some."""
    out = [None] * n

    def one(i):
        out[i] = client.get(path).status
    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def test_a_frozen_cluster_answers_503_within_the_time_limit_and_health_and_files_still_answer():
    if BACKEND != "postgres":
        raise Skip("gäller bara PostgreSQL")
    db = own_db()
    srv = Server(db, ["--db-timeout", "1000", "--db-connect-timeout", "2"])
    frozen = []
    try:
        c = srv.client()
        c.login("admin@exempel.se")
        token = c.csrf("/criteria")
        api = srv.client()
        key = run_cli(["token", "create", "--email", "admin@exempel.se"], db=db).stdout.strip().split()[-1]
        anon = srv.client()
        login_token = anon.csrf_of(anon.get("/login"))  # the login page was open before the outage
        frozen = cluster_pids()
        signal_all(frozen, signal.SIGSTOP)
        t0 = time.time()
        r = c.get("/organisers")
        eq(r.status, 503, "en sida när databasen står still")
        assert time.time() - t0 < 6, f"svaret tog {time.time() - t0:.1f} s"
        eq(r.header("Retry-After"), "5")
        contains(r.text, "Databasen svarar inte just nu")
        lacks(r.header("Location") or "", "/login")
        # A form comes back with what was typed; nothing is lost.
        r = c.post("/criteria", {"csrf": token, "name": "Mitt viktiga namn", "note": "Text jag skrev länge på"})
        eq(r.status, 503)
        contains(r.text, "Text jag skrev länge på")
        # The API says unavailable, not that the key is revoked.
        r = api.get("/api/v1/organisers", headers={"Authorization": f"Bearer {key}"})
        eq(r.status, 503)
        eq(r.json()["error"]["code"], "unavailable")
        # Logging in during the outage is not a wrong password and not a crash.
        r = anon.post("/login", {"csrf": login_token, "email": "admin@exempel.se", "password": PASSWORD})
        eq(r.status, 503, "inloggning under avbrottet")
        # Health answers within the limit, files at once.
        t0 = time.time()
        r = anon.get("/healthz")
        eq(r.status, 503)
        assert time.time() - t0 < 6, f"/healthz tog {time.time() - t0:.1f} s"
        t0 = time.time()
        eq(anon.get("/static/app.css").status, 200)
        assert time.time() - t0 < 1, "statiska filer väntar på databasen"
        # Users keep trying during the outage, on every worker, so that each worker's pause
        # between connection attempts has grown.
        until = time.time() + 5
        while time.time() < until:
            eq(statuses_at_once(c, "/organisers", 4), [503] * 4, "under avbrottet")
        signal_all(frozen, signal.SIGCONT)
        frozen = []
        deadline = time.time() + 30
        while time.time() < deadline and c.get("/organisers").status != 200:
            time.sleep(0.5)
        # Once one page answers, every page does: no worker waits out its own pause while
        # another already has the database back.
        for _ in range(3):
            eq(statuses_at_once(c, "/organisers", 4), [200] * 4, "efter avbrottet")
        eq(anon.get("/healthz").status, 200)
    finally:
        signal_all(frozen, signal.SIGCONT)
        srv.stop()
    # A worker that meets the outage before its first connection waits like the others, and
    # says so once, not at every request.
    lacks(srv.stderr, "databasen kan inte öppnas")
    assert srv.stderr.count("ingen anslutning") <= 2, srv.stderr[-3000:]
    contains(srv.stderr, "postgresql: ")
    # The loss is logged once per connection, not once per request.
    assert srv.stderr.count("anslutningen bröts") <= 8, srv.stderr[-3000:]


def test_a_stopped_cluster_is_an_outage_not_a_logout():
    if BACKEND != "postgres":
        raise Skip("gäller bara PostgreSQL")
    db = own_db()
    srv = Server(db, ["--db-timeout", "1000", "--db-connect-timeout", "2"])
    try:
        c = srv.client()
        c.login("admin@exempel.se")
        subprocess.run([PG_SCRIPT, "stop", pg_dir], check=True)
        for path in ("/", "/organisers", "/cases"):
            r = c.get(path)
            eq(r.status, 503, path)
            eq(r.header("Location"), None, path)
            no_raw_database_text(r.text, path)
        subprocess.run(["bash", "-c", f'bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); '
                                      f'runuser -u postgres -- "$bindir/pg_ctl" -D {pg_dir}/data -l {pg_dir}/server.log '
                                      f'-w -t 60 -o "-p $(cat {pg_dir}/port) -k {pg_dir} -c listen_addresses=127.0.0.1 '
                                      f'-c fsync=off -c max_connections=200" start'],
                       check=True, capture_output=True)
        deadline = time.time() + 40
        while time.time() < deadline and c.get("/organisers").status != 200:
            time.sleep(0.5)
        eq(c.get("/organisers").status, 200, "inloggad som förut när databasen är tillbaka")
    finally:
        srv.stop()
    contains(srv.stderr, "ansluten igen")


def test_two_processes_create_the_schema_of_an_empty_database_at_once():
    for attempt in range(3):
        if BACKEND == "postgres":
            name = "m" + os.urandom(6).hex()
            psql(pg_url + "/postgres", f"CREATE DATABASE {name}")
            db = f"{pg_url}/{name}"
        else:
            db = os.path.join(tmpdir, f"m{attempt}.db")
        procs = [subprocess.Popen([harness.BINARY, "init", "--db", db], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outs = [p.communicate(timeout=120) for p in procs]
        for p, (out, err) in zip(procs, outs):
            harness.check_sanitizers(err, "init")
            eq(p.returncode, 0, f"init samtidigt med en annan: {err}")
            contains(out, "är klar")
        versions = run_cli(["init"], db=db).stdout
        contains(versions, "schemaversion")


def test_the_service_runs_as_a_role_that_is_no_superuser():
    # DEPLOY.md's setup: an ordinary role that owns its database, nothing more.
    if BACKEND != "postgres":
        raise Skip("gäller PostgreSQL")
    role = "app" + os.urandom(4).hex()
    name = "r" + os.urandom(6).hex()
    psql(pg_url + "/postgres", f"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
    psql(pg_url + "/postgres", f"CREATE DATABASE {name} OWNER {role}")
    eq(psql(pg_url + "/postgres", f"SELECT rolsuper FROM pg_roles WHERE rolname = '{role}'"), "f")
    url = pg_url.replace("postgres://postgres@", f"postgres://{role}@") + f"/{name}"
    contains(run_cli(["init"], db=url).stdout, "är klar")
    run_cli(["demo"], db=url)
    srv = Server(url)
    try:
        c = srv.client()
        c.login("admin@exempel.se")   # writes a session and the last login
        eq(c.get("/cases").status, 200)
        eq(c.get("/admin/users").status, 200)
    finally:
        srv.stop()
    owner = psql(url.replace(f"{role}@", "postgres@"), "SELECT tableowner FROM pg_tables WHERE tablename = 'users'")
    eq(owner, role, "tabellerna ägs av tjänstens roll")
