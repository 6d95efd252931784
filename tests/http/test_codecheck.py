"""The source check finds what it is there to find: a database call in a page, a role
compared outside src/access, a hand-made sql_t, a write transaction opened by hand, an
unsafe string function, markup given to html_printf as an argument (it would be escaped
into text); and the real tree passes it."""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
script = os.path.join(here, "../../scripts/codecheck.py")
tmp = None


def setup(d):
    global tmp
    tmp = d


def run(root):
    return subprocess.run([sys.executable, script, root], capture_output=True, text=True)


def test_the_tree_passes():
    r = run(os.path.join(here, "../../src"))
    assert r.returncode == 0, r.stdout


def test_each_rule_finds_its_breach():
    src = os.path.join(tmp, "src", "demoarea")
    os.makedirs(src)
    bad = {
        "pages.c": '/* pages.c — a page. */\nint p(request_t *req) { html_printf(&req->body, "x");'
                   ' db_prepare(req->db, "SELECT 1"); return 0; }\n',
        "store.c": '/* store.c — a store. */\nbool s(const viewer_t *v) { if (v->role == ROLE_ADMIN) return true;'
                   ' sql_t q = {"SELECT 1"}; db_begin_write(0); char b[4]; sprintf(b, "x"); return false; }\n',
        "bare.c": "int f(void) { return 0; }\n",
        "list.c": '/* list.c — a list. */\nvoid l(buf_t *o, int n) {\n    html_printf(o, "%s<li>x</li>",\n'
                  '                n ? "" : "<ul>");\n}\n',
    }
    for name, text in bad.items():
        with open(os.path.join(src, name), "w") as f:
            f.write(text)
    r = run(os.path.join(tmp, "src"))
    assert r.returncode == 1, r.stdout
    for needle in ("pages.c:2: en sida eller ett API-svar anropar databasen", "store.c:2: en roll jämförs",
                   "store.c:2: sql_t får bara", "store.c:2: skrivtransaktioner", "store.c:2: osäker strängfunktion",
                   "bare.c:1: filen ska börja med en kommentar", "list.c:3: html_printf escapar sina argument"):
        assert needle in r.stdout, (needle, r.stdout)
