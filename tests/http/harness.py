"""Black-box HTTP test harness: starts the real samverkan binary on a free port against
a fresh database and talks to it like a browser (cookies, CSRF tokens, forms)."""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid

BINARY = os.environ.get("SAMVERKAN_BIN", "build/samverkan")
DATA = os.environ.get("SAMVERKAN_DATA", os.path.join(os.path.dirname(__file__), "../../../shared/data"))
PASSWORD = "samverkan-demo-2026"
# "sqlite" (a file per test database) or "postgres" (a database per test on the server
# at SAMVERKAN_PG_URL, started by run.py --postgres).
BACKEND = os.environ.get("SAMVERKAN_TEST_BACKEND", "sqlite")
PG_URL = os.environ.get("SAMVERKAN_PG_URL", "")
SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:", "SUMMARY: UndefinedBehaviorSanitizer")


class Skip(Exception):
    pass


def data_file(rel):
    path = os.path.join(DATA, rel)
    if not os.path.exists(path):
        raise Skip(f"{path} saknas (../shared/data finns inte)")
    return path


def skolverket_rows(path):
    """Data rows of a Skolverket export, read independently of the product: after the
    header, until the first blank row."""
    import csv
    lines = open(path, encoding="utf-8-sig").read().splitlines()
    header = next(i for i, l in enumerate(lines) if l.startswith("Skola;Skol-enhetskod"))
    rows = []
    for l in lines[header + 1:]:
        if not l.strip(";").strip():
            break
        rows.append(next(csv.reader([l], delimiter=";")))
    return rows


def have_data():
    return os.path.isdir(DATA)


def run_cli(args, db=None, stdin=None, check=True):
    cmd = [BINARY] + args + (["--db", db] if db else [])
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=600)
    check_sanitizers(p.stderr, " ".join(cmd))
    if check and p.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} gav {p.returncode}: {p.stderr}")
    return p


def check_sanitizers(stderr, what):
    for mark in SANITIZER_MARKS:
        if mark in stderr:
            raise AssertionError(f"sanitizer-rapport från {what}:\n{stderr[-4000:]}")


def psql(url, sql):
    p = subprocess.run(["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", url, "-c", sql], capture_output=True,
                       text=True, timeout=120)
    if p.returncode != 0:
        raise AssertionError(f"psql: {p.stderr}")
    return p.stdout.strip()


def new_db(tmpdir, template=None):
    """A fresh, empty database (or a copy of template): a file or a PostgreSQL URL."""
    if BACKEND == "postgres":
        name = "t" + uuid.uuid4().hex[:12]
        psql(PG_URL + "/postgres", f'CREATE DATABASE {name}' + (f' TEMPLATE {template.rsplit("/", 1)[1]}' if template else ""))
        return f"{PG_URL}/{name}"
    path = os.path.join(tmpdir, f"db-{uuid.uuid4().hex[:8]}.db")
    if template:
        run_cli(["backup", path], db=template)
    return path


def query_all(db, sql):
    """Every row of sql as tuples of text (PostgreSQL) or values (SQLite)."""
    if db.startswith("postgres"):
        p = subprocess.run(["psql", "-X", "-At", "-F", "\x1f", "-v", "ON_ERROR_STOP=1", db, "-c", sql],
                           capture_output=True, text=True, timeout=120)
        if p.returncode != 0:
            raise AssertionError(f"psql: {p.stderr}")
        return [tuple(line.split("\x1f")) for line in p.stdout.splitlines()]
    import sqlite3
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def query(db, sql):
    """The first column of the first row of sql, as the backend returns it."""
    if db.startswith("postgres"):
        out = psql(db, sql)
        v = out.splitlines()[0] if out else None
        try:
            return int(v)
        except (TypeError, ValueError):
            try:
                return float(v)
            except (TypeError, ValueError):
                return v
    import sqlite3
    con = sqlite3.connect(db)
    try:
        row = con.execute(sql).fetchone()
        return row[0] if row else None
    finally:
        con.close()


_template = {}


def demo_db(tmpdir, with_data=True):
    """A fresh copy of a demo database (built once per run and copied)."""
    key = bool(with_data and have_data())
    if key not in _template:
        d = tempfile.mkdtemp(prefix="sv-template-")
        db = new_db(d)
        args = ["demo"] + (["--data", DATA] if key else [])
        run_cli(args, db=db)
        _template[key] = db
    return new_db(tmpdir, _template[key])


class Server:
    def __init__(self, db, extra=(), env=None):
        self.db = db
        self.proc = subprocess.Popen([BINARY, "serve", "--db", db, "--listen", "127.0.0.1:0", *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, **env} if env else None)
        # The server's log is read as it comes: a pipe nobody reads fills at 64 KiB, and a
        # server that logs every refused request during an outage would then block in write().
        self._err = []
        self._err_reader = threading.Thread(target=lambda: self._err.extend(iter(self.proc.stderr.readline, "")),
                                            daemon=True)
        self._err_reader.start()
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.wait(timeout=30)
            self._err_reader.join(timeout=10)
            raise AssertionError(f"servern startade inte: {line!r} {''.join(self._err)}")
        self.port = int(m.group(1))

    def stop(self):
        """Graceful stop; fails on a non-zero exit or any sanitizer report."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                stacks = thread_stacks(self.proc.pid)
                self.proc.kill()
                raise AssertionError(f"servern stängde inte inom 60 s efter SIGTERM; trådarna stod här:\n{stacks}")
        self._err_reader.join(timeout=30)
        err = "".join(self._err)
        out = self.proc.stdout.read()
        self.stderr = err
        check_sanitizers(err, "serve")
        if self.proc.returncode != 0:
            raise AssertionError(f"servern avslutades med {self.proc.returncode}: {err[-2000:]}")
        return out

    def client(self):
        return Client(self.port)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def cookies(self):
        return [v for k, v in self.headers if k.lower() == "set-cookie"]


def thread_stacks(pid):
    """Where each thread of a process that will not stop stands (gdb, if installed)."""
    if not shutil.which("gdb"):
        return "(gdb saknas)"
    try:
        p = subprocess.run(["gdb", "-q", "-batch", "-p", str(pid), "-ex", "thread apply all bt 12"],
                           capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return "(gdb svarade inte)"
    return "\n".join(line for line in p.stdout.splitlines() if line.startswith(("Thread", "#")))


class Client:
    def __init__(self, port):
        self.port = port
        self.jar = {}

    def request(self, method, path, body=None, headers=None, content_type=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        h = dict(headers or {})
        if self.jar:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        if content_type:
            h["Content-Type"] = content_type
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        resp = Response(r.status, r.getheaders(), r.read())
        conn.close()
        for c in resp.cookies():
            name, _, rest = c.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in c:
                self.jar.pop(name, None)
            else:
                self.jar[name] = value
        return resp

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, fields, headers=None):
        return self.request("POST", path, urllib.parse.urlencode(fields).encode(), headers,
                            "application/x-www-form-urlencoded")

    def upload(self, path, fields, file_field, filename, content):
        boundary = "----sv" + uuid.uuid4().hex
        parts = []
        for k, v in fields.items():
            parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode())
        parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; "
                     f"filename=\"{filename}\"\r\nContent-Type: text/csv\r\n\r\n".encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, b"".join(parts), None, f"multipart/form-data; boundary={boundary}")

    @staticmethod
    def csrf_of(resp):
        m = re.search(r'name="csrf" value="([0-9a-f]+)"', resp.text)
        return m.group(1) if m else None

    def csrf(self, path="/"):
        token = self.csrf_of(self.get(path))
        assert token, f"ingen CSRF-token på {path}"
        return token

    def login(self, email, password=PASSWORD, expect=303):
        token = self.csrf_of(self.get("/login"))
        r = self.post("/login", {"csrf": token, "email": email, "password": password})
        assert r.status == expect, f"inloggning {email}: {r.status} {r.text[:500]}"
        return r


def eq(actual, expected, what=""):
    if actual != expected:
        raise AssertionError(f"{what}: väntade {expected!r}, fick {actual!r}")


def contains(haystack, needle, what=""):
    if needle not in haystack:
        raise AssertionError(f"{what}: {needle!r} saknas i {haystack[:800]!r}")


def lacks(haystack, needle, what=""):
    if needle in haystack:
        raise AssertionError(f"{what}: {needle!r} ska inte finnas")


def write_xlsx(path, rows):
    """Writes rows (lists of str/int/float) as the first sheet of an XLSX file: text in the
    shared-strings table, numbers as numeric cells, as Excel saves them."""
    import zipfile
    from xml.sax.saxutils import escape
    strings, index = [], {}
    def col(i):
        name = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            name = chr(65 + r) + name
        return name
    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(row):
            ref = f"{col(c)}{r}"
            if isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif v != "":
                if v not in index:
                    index[v] = len(strings)
                    strings.append(v)
                cells.append(f'<c r="{ref}" t="s"><v>{index[v]}</v></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {ns} {rns}><sheets><sheet name="Underlag" sheetId="1" r:id="rId7"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="worksheet" Target="worksheets/data.xml"/></Relationships>')
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst {ns} count="{len(strings)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
        z.writestr("xl/worksheets/data.xml", f'<?xml version="1.0"?><worksheet {ns}><sheetData>{"".join(sheet_rows)}</sheetData></worksheet>')
