"""Several serve processes on one database: sessions, throttling and audit live in the
database, so a user logged in on one process is logged in on all."""
import time
from harness import Server, demo_db, eq, contains

a = b = None


def setup(tmp):
    global a, b
    db = demo_db(tmp, with_data=False)
    a = Server(db)
    b = Server(db)


def teardown():
    a.stop()
    b.stop()


def test_a_session_made_on_one_process_is_honoured_by_the_other():
    ca = a.client()
    ca.login("admin@exempel.se")
    cb = b.client()
    cb.jar = dict(ca.jar)
    r = cb.get("/")
    eq(r.status, 200, "samma session i den andra processen")
    contains(r.text, "Annika Bergström")
    token = cb.csrf_of(r)
    eq(cb.post("/logout", {"csrf": token}).status, 303)
    eq(ca.get("/").status, 303, "utloggad i båda processerna")


def test_throttling_is_shared_between_processes():
    for i in range(2):
        a.client().login("ekonomi@exempel.se", f"fel-{i:03d}-lösenord", expect=401)
        b.client().login("ekonomi@exempel.se", f"fel-{i:03d}-lösenord", expect=401)
    # Four failures, two on each process: the next attempt on either waits two seconds.
    t0 = time.time()
    a.client().login("ekonomi@exempel.se")
    assert time.time() - t0 >= 1.9, time.time() - t0
