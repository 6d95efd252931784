"""Runs every test_* function in tests/http/test_*.py and prints a closing count line.
Each module gets a fresh temporary directory; a module's `setup(tmp)` may start servers
and `teardown()` must stop them (which checks their exit and sanitizer reports)."""
import argparse
import importlib.util
import os
import sys
import tempfile
import time
import traceback

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="build/samverkan")
    ap.add_argument("-k", default="", help="run only tests whose name contains this")
    ap.add_argument("-f", default="", help="run only the test files whose name contains this")
    ap.add_argument("--postgres", action="store_true", help="run against a PostgreSQL server started here")
    args = ap.parse_args()
    os.environ["SAMVERKAN_BIN"] = os.path.abspath(args.binary)
    pg_dir = None
    if args.postgres:
        import subprocess
        pg_dir = tempfile.mkdtemp(prefix="sv-pg-")
        script = os.path.join(here, "../../scripts/pg-test-server.sh")
        url = subprocess.run([script, "start", pg_dir], capture_output=True, text=True, check=True).stdout.strip()
        os.environ["SAMVERKAN_TEST_BACKEND"] = "postgres"
        os.environ["SAMVERKAN_PG_URL"] = url
        print(f"# PostgreSQL {url} i {pg_dir}")
    try:
        run(args)
    finally:
        if pg_dir:
            subprocess.run([os.path.join(here, "../../scripts/pg-test-server.sh"), "stop", pg_dir])


def run(args):
    import harness
    harness.BINARY = os.environ["SAMVERKAN_BIN"]
    passed = failed = skipped = 0
    label = os.path.basename(os.path.dirname(os.environ["SAMVERKAN_BIN"])) + " " + harness.BACKEND
    for name in sorted(os.listdir(here)):
        if not (name.startswith("test_") and name.endswith(".py")) or args.f not in name:
            continue
        spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(here, name))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        tests = [(n, f) for n, f in vars(mod).items() if n.startswith("test_") and callable(f) and args.k in n]
        if not tests:
            continue
        tmp = tempfile.mkdtemp(prefix=f"sv-{name[:-3]}-")
        try:
            if hasattr(mod, "setup"):
                mod.setup(tmp)
        except harness.Skip as e:
            print(f"SKIP {name}: {e}")
            skipped += len(tests)
            continue
        except Exception:
            # A module that cannot set up fails all its tests; the others still run.
            print(f"FAIL {name}::setup")
            traceback.print_exc()
            failed += len(tests)
            continue
        for tname, fn in tests:
            t0 = time.time()
            try:
                fn()
                passed += 1
                print(f"ok   {name}::{tname} ({time.time() - t0:.2f}s)")
            except harness.Skip as e:
                skipped += 1
                print(f"SKIP {name}::{tname}: {e}")
            except Exception:
                failed += 1
                print(f"FAIL {name}::{tname}")
                traceback.print_exc()
        if hasattr(mod, "teardown"):
            try:
                mod.teardown()
            except Exception:
                failed += 1
                print(f"FAIL {name}::teardown")
                traceback.print_exc()
    print(f"# {label}")
    print(f"http: {passed} passed, {failed} failed, {skipped} skipped")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
