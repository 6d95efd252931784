"""PostgreSQL only: a lost connection is re-established with a clear log line, and the
request that meets it is answered normally."""
from harness import Server, demo_db, eq, contains, psql, BACKEND, Skip

srv = db = None


def setup(tmp):
    global srv, db
    if BACKEND != "postgres":
        raise Skip("gäller bara PostgreSQL")
    db = demo_db(tmp, with_data=False)
    srv = Server(db)


def teardown():
    srv.stop()


def test_requests_survive_lost_database_connections():
    c = srv.client()
    c.login("admin@exempel.se")
    eq(c.get("/organisers").status, 200)
    name = db.rsplit("/", 1)[1]
    killed = psql(db, f"SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                      f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")
    assert int(killed) >= 1, killed
    for _ in range(6):  # every worker thread meets its dead connection once
        eq(c.get("/organisers").status, 200, "svar efter bruten anslutning")
        eq(c.get("/api/v1/organisers/2120001561").status, 200)
    srv.stop()
    contains(srv.stderr, "postgresql: anslutningen bröts; ansluter igen")
    contains(srv.stderr, "postgresql: ansluten igen")
