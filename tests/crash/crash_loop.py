"""Crash loop: the server is killed with SIGKILL again and again while writers add
contacts to a case through the web forms; after each restart the database must be intact
(SQLite's integrity_check; on PostgreSQL the server's own recovery) and every write the
server acknowledged (303) must be there, once.

    crash_loop.py --binary build/samverkan [--postgres] [--cycles 12] [--writers 8]

Prints the cycles, acknowledged writes and losses, then "crash: 1 passed, 0 failed" (or
failed), the line make test counts."""
import argparse
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "../http"))
import harness  # noqa: E402


def start(binary, db):
    p = subprocess.Popen([binary, "serve", "--db", db, "--listen", "127.0.0.1:0", "--remind-every", "0"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    m = re.search(r":(\d+)/", line)
    if not m:
        raise AssertionError(f"servern startade inte: {line!r} {p.stderr.read()[-2000:]}")
    return p, int(m.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="build/samverkan")
    ap.add_argument("--postgres", action="store_true")
    ap.add_argument("--cycles", type=int, default=12)
    ap.add_argument("--writers", type=int, default=8)
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    harness.BINARY = binary
    tmp = tempfile.mkdtemp(prefix="sv-crash-")
    pg_dir = None
    if args.postgres:
        pg_dir = tempfile.mkdtemp(prefix="sv-pg-crash-")
        url = subprocess.run([os.path.join(here, "../../scripts/pg-test-server.sh"), "start", pg_dir],
                             capture_output=True, text=True, check=True).stdout.strip()
        harness.psql(url + "/postgres", "CREATE DATABASE crash")
        db = url + "/crash"
    else:
        db = os.path.join(tmp, "crash.db")
    ok = False
    try:
        harness.run_cli(["demo"], db=db)
        case_id = harness.query(db, "SELECT MIN(id) FROM cases")
        acked, lock = [], threading.Lock()
        seq = [0]
        total_losses = 0
        for cycle in range(args.cycles):
            proc, port = start(binary, db)
            stop = threading.Event()

            def writer(n):
                c = harness.Client(port)
                try:
                    c.login("processtod@exempel.se")
                    token = c.csrf(f"/cases/{case_id}")
                except Exception:
                    return
                while not stop.is_set():
                    with lock:
                        seq[0] += 1
                        name = f"Krock {cycle}-{n}-{seq[0]}"
                    try:
                        r = c.post(f"/cases/{case_id}/contacts", {"csrf": token, "name": name})
                    except Exception:
                        return  # the server died under this request: not acknowledged
                    if r.status == 303:
                        with lock:
                            acked.append(name)
                    elif r.status >= 500 and r.status != 503:
                        print(f"oväntat svar {r.status}: {r.text[:300]}")

            threads = [threading.Thread(target=writer, args=(n,)) for n in range(args.writers)]
            for t in threads:
                t.start()
            time.sleep(random.uniform(0.4, 1.6))
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            stop.set()
            for t in threads:
                t.join()
            harness.check_sanitizers(proc.stderr.read(), "serve")
            if not args.postgres:
                import sqlite3
                con = sqlite3.connect(db)
                check = con.execute("PRAGMA integrity_check").fetchone()[0]
                con.close()
                if check != "ok":
                    raise AssertionError(f"cykel {cycle}: integrity_check: {check}")
            names = set()
            rows = harness.query_all(db, f"SELECT name FROM case_people WHERE case_id = {case_id} AND name LIKE 'Krock %'")
            for (name,) in rows:
                if name in names:
                    raise AssertionError(f"cykel {cycle}: {name} finns två gånger")
                names.add(name)
            lost = [n for n in acked if n not in names]
            total_losses += len(lost)
            if lost:
                print(f"cykel {cycle}: förlorade kvitterade skrivningar: {lost[:5]}")
        print(f"krasch ({'PostgreSQL' if args.postgres else 'SQLite'}): {args.cycles} cykler med kill -9, "
              f"{args.writers} skrivare, {len(acked)} kvitterade skrivningar, {total_losses} förlorade")
        ok = total_losses == 0 and len(acked) > 0
    finally:
        if pg_dir:
            subprocess.run([os.path.join(here, "../../scripts/pg-test-server.sh"), "stop", pg_dir])
    print(f"crash: {1 if ok else 0} passed, {0 if ok else 1} failed")
    sys.exit(0 if ok else 1)


main()
