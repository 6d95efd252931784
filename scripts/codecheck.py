#!/usr/bin/env python3
"""The source check run by make test (in the spirit of Fossil's codecheck1): the rules the
compiler cannot see. The compiler already refuses SQL that is not a string literal
(db_prepare and friends take SQL("…")) and raw HTML that is not one (html_lit); this
checks the ways around those macros, and the rules of the layout:

  1. No file that renders a page or an API answer (it writes HTML, sends JSON or
     defines a route table) calls the database: pages render, stores query.
  2. An sql_t is made by SQL() or SQL_CONST() only; the functions behind the macros
     (db_prepare_sql, html_lit_, db_exec_text, …) are called only where they are defined
     or where a statement was chosen from literals.
  3. Roles are compared in src/access/ and src/base/viewer.* only: elsewhere a
     capability is asked for (access_may).
  4. Write transactions are opened by the helpers in src/db/tx.c only.
  5. No sprintf, strcpy, strcat, gets, vsprintf.
  6. Every C file opens with a comment that says what it is.
  7. No argument of html_printf is a string literal of markup ("<p>"): html_printf
     escapes its arguments, so the markup would show as text; write it with html_lit.

Prints each finding as FILE:LINE: rule and exits 1 when there is any."""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "src"
findings = []


def report(path, lineno, message):
    findings.append(f"{path}:{lineno}: {message}")


RENDERS = re.compile(r"\b(html_printf|html_lit|html_text|layout_begin|api_send|api_send_list)\s*\(|"
                     r"\bconst route_t \w+\[\]\s*=")
DB_CALL = re.compile(r"\bdb_(?!schema_version\b)[a-z_]+\s*\(")  # the health check may ask the schema's version
ROLE_COMPARE = re.compile(r"\brole\s*[!=]=\s*ROLE_[A-Z]+|ROLE_[A-Z]+\s*[!=]=|\bcase ROLE_[A-Z]+\b")
UNSAFE = re.compile(r"\b(sprintf|vsprintf|strcpy|strcat|gets)\s*\(")
SQL_BYPASS = re.compile(r"\(sql_t\)\s*\{|\bsql_t\s+\w+\s*=\s*\{")
# Functions behind the literal-only macros, and where each may be called.
GUARDED = {
    "html_lit_": ("src/html/html.h", "src/html/html.c"),
    # The schema's own steps: the migrations, and the data generation's triggers, named
    # from the catalogue's table names (generation.c).
    "db_exec_text": ("src/db/db.h", "src/db/db.c", "src/db/migrate.c", "src/db/generation.c"),
}
TX_OPEN = re.compile(r"\bdb_begin_write\s*\(")


def strip_comments_and_strings(text):
    """The code with comments blanked and string contents emptied, line breaks kept."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join("\n" if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def markup_arguments(text):
    """Line numbers of html_printf calls with an argument that is a literal starting "<"."""
    out = []
    for m in re.finditer(r"\bhtml_printf\s*\(", text):
        i, depth, args, cur = m.end(), 1, [], []
        while i < len(text) and depth:
            c = text[i]
            if c == '"':
                j = i + 1
                while j < len(text) and text[j] != '"':
                    j += 2 if text[j] == "\\" else 1
                cur.append(text[i:j + 1])
                i = j + 1
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth -= 1
            if c == "," and depth == 1:
                args.append("".join(cur))
                cur = []
            elif depth:
                cur.append(c)
            i += 1
        args.append("".join(cur))
        if any(re.search(r'(^|[?:]\s*)"<', a.strip()) for a in args[2:]):
            out.append(text.count("\n", 0, m.start()) + 1)
    return out


for dirpath, _, files in os.walk(root):
    for name in sorted(files):
        if not name.endswith((".c", ".h")):
            continue
        path = os.path.join(dirpath, name)
        rel = os.path.relpath(path, os.path.dirname(os.path.abspath(root)) if root != "src" else ".")
        rel = path if root == "src" else rel
        text = open(path, encoding="utf-8").read()
        if not text.startswith("/*"):
            report(rel, 1, "filen ska börja med en kommentar om vad den är")
        for no in markup_arguments(text):
            report(rel, no, "html_printf escapar sina argument: skriv markup med html_lit")
        code = strip_comments_and_strings(text)
        lines = code.split("\n")
        renders = bool(RENDERS.search(code))
        in_access = rel.startswith(("src/access/", "src/base/viewer."))
        for no, line in enumerate(lines, 1):
            if renders and rel.endswith(".c") and DB_CALL.search(line):
                report(rel, no, "en sida eller ett API-svar anropar databasen direkt; flytta frågan till områdets store")
            if not in_access and ROLE_COMPARE.search(line):
                report(rel, no, "en roll jämförs utanför src/access: fråga access_may(viewer, CAP_…)")
            if UNSAFE.search(line):
                report(rel, no, "osäker strängfunktion (använd buf_printf, arena_printf eller snprintf)")
            if SQL_BYPASS.search(line) and rel not in ("src/db/db.h",):
                report(rel, no, "sql_t får bara göras med SQL(\"…\") eller SQL_CONST(\"…\")")
            for func, allowed in GUARDED.items():
                if re.search(r"\b%s\s*\(" % func, line) and rel not in allowed:
                    report(rel, no, f"{func} anropas bara bakom sitt makro")
            if TX_OPEN.search(line) and not rel.startswith("src/db/"):
                report(rel, no, "skrivtransaktioner öppnas med tx_begin (src/db/tx.h)")

for f in findings:
    print(f)
print(f"codecheck: {len(findings)} fynd")
sys.exit(1 if findings else 0)
