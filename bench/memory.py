"""Peak server memory under large bodies (make bench, section "Minne").

1. A signed-in administrator uploads a 60 MB register file through /import.
2. 24 anonymous clients each POST 60 MB to /import at the same time.
3. The same 24 uploads by a signed-in administrator, whose files are too large.

For each: the server's resident memory when idle (the baseline of this run), its peak
(VmHWM) and what it holds afterwards (VmRSS, after the memory is given back). The ratio
is peak / idle; memory that grew with the body would show as a ratio near body size.
Usage: memory.py BINARY WORKDIR"""
import http.client
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

binary, work = sys.argv[1], sys.argv[2]
PASSWORD = "samverkan-demo-2026"
MB = 1 << 20


def status_kb(pid, key):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def big_csv(path, size):
    with open(path, "w", encoding="utf-8") as f:
        f.write("HUVUDMANNATYP,ORGANISATIONSNR,KOMMUN,KOMMUNNAMN,SKOLENHETSKOD,NAMN,HUVUDMANS NAMN\n")
        i, written = 0, 0
        orgs = ["2120000019", "2120000142", "2120000183", "2120000225", "2120000266"]
        while written < size:
            line = f"Kommunal,{orgs[i % 5]},0114,Upplands Väsby,{40000000 + i},Skolan vid vägen nummer {i},Kommun\n"
            f.write(line)
            written += len(line.encode())
            i += 1
    return i


class Server:
    def __init__(self, db):
        self.proc = subprocess.Popen([binary, "serve", "--db", db, "--listen", "127.0.0.1:0", "--upload-limit-mb", "64"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.port = int(re.search(r":(\d+)/", self.proc.stdout.readline()).group(1))

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=60)


def login(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    c.request("GET", "/login")
    r = c.getresponse()
    r.read()
    pre = [v for k, v in r.getheaders() if k.lower() == "set-cookie"][0].split(";")[0]
    token = pre.split("=", 1)[1]
    body = urllib.parse.urlencode({"csrf": token, "email": "admin@exempel.se", "password": PASSWORD})
    c.request("POST", "/login", body, {"Cookie": pre, "Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse()
    r.read()
    sid = [v for k, v in r.getheaders() if k.lower() == "set-cookie" and v.startswith("sv_session=")][0].split(";")[0]
    c.request("GET", "/import", headers={"Cookie": sid})
    r = c.getresponse()
    csrf = re.search(rb'name="csrf" value="([0-9a-f]+)"', r.read()).group(1).decode()
    return sid, csrf


def upload(port, path, cookie, csrf):
    """Streams a multipart upload of the file at path; returns the status."""
    boundary = "----sv" + uuid.uuid4().hex
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nunits\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"stor.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = len(head) + os.path.getsize(path) + len(tail)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Content-Length": str(size)}
    if cookie:
        headers["Cookie"] = cookie
    try:
        c.putrequest("POST", "/import")
        for k, v in headers.items():
            c.putheader(k, v)
        c.endheaders()
        c.send(head)
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                c.send(chunk)
        c.send(tail)
    except (BrokenPipeError, ConnectionResetError):
        pass  # answered before the body was sent: the answer is read below
    try:
        r = c.getresponse()
        r.read()
        return r.status
    except (ConnectionResetError, http.client.HTTPException):
        return 0


def measure(label, db, run):
    srv = Server(db)
    time.sleep(0.3)
    idle = status_kb(srv.proc.pid, "VmRSS")
    t0 = time.time()
    statuses = run(srv.port)
    took = time.time() - t0
    time.sleep(0.5)
    peak = status_kb(srv.proc.pid, "VmHWM")
    after = status_kb(srv.proc.pid, "VmRSS")
    srv.stop()
    print(f"{label:<58} {idle / 1024:8.1f} {peak / 1024:9.1f} {after / 1024:10.1f} {peak / idle:7.1f}× "
          f"{took:7.1f} s  {','.join(sorted(set(map(str, statuses))))}")


def main():
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "stor60.csv")
    rows = big_csv(path, 60 * MB)
    over = os.path.join(work, "stor70.csv")
    big_csv(over, 70 * MB)
    db = os.path.join(work, "minne.db")
    subprocess.run([binary, "demo", "--db", db], check=True, capture_output=True)
    print(f"## Minne (en fil på {os.path.getsize(path) / MB:.0f} MB, {rows} rader; toppminne mot tomgång i samma körning)")
    print(f"{'fall':<58} {'tomgång':>8} {'topp MiB':>9} {'efter MiB':>10} {'kvot':>8} {'tid':>9}  status")

    def one_import(port):
        sid, csrf = login(port)
        return [upload(port, path, sid, csrf)]

    def anonymous(port):
        out = []
        threads = [threading.Thread(target=lambda: out.append(upload(port, path, None, ""))) for _ in range(24)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return out

    def too_large(port):
        sid, csrf = login(port)
        out = []
        threads = [threading.Thread(target=lambda: out.append(upload(port, over, sid, csrf))) for _ in range(24)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return out

    measure("import av 60 MB (inloggad administratör)", db, one_import)
    measure("24 samtidiga anonyma POST på 60 MB", db, anonymous)
    measure("24 samtidiga inloggade uppladdningar på 70 MB (över gränsen)", db, too_large)


main()
