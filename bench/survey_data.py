"""A survey at the national scale for make bench: 40 questions (30 on the Likert scale, 4
single and 3 multiple choice, 2 numbers, 1 free text) answered completely by N respondents
in the seven groups, written straight into a SQLite database made by `samverkan init`.
Also one invitation with a known link for the answer page's write rate.
Prints: survey id, the link's token."""
import hashlib
import random
import sqlite3
import sys

LIKERT = ["I mycket stor utsträckning", "I ganska stor utsträckning", "I ganska liten utsträckning",
          "I mycket liten utsträckning", "Vet ej/ej aktuellt"]
GROUPS = ["principal", "teacher", "lead_teacher", "director", "officer", "politician", "ceo"]


def main(path, respondents):
    rnd = random.Random(7)
    con = sqlite3.connect(path)
    cur = con.cursor()
    kinds = ["likert"] * 30 + ["single"] * 4 + ["multiple"] * 3 + ["number"] * 2 + ["text"]
    cur.execute("INSERT INTO surveys (title, year, state, created_by, created_at) VALUES"
                " ('Deltagarenkät i nationell skala', 2026, 'open', 'bench', 0)")
    sid = cur.lastrowid
    cur.execute("INSERT INTO survey_sections (survey_id, position, title) VALUES (?, 1, 'Stödet')", (sid,))
    sec = cur.lastrowid
    items = []
    for i, kind in enumerate(kinds):
        options = "Ett\nTvå\nTre\nFyra" if kind in ("single", "multiple") else ""
        lo, hi = (0, 20) if kind == "number" else (None, None)
        cur.execute("INSERT INTO question_bank (kind, text, options, min_value, max_value, created_by, created_at)"
                    " VALUES (?, ?, ?, ?, ?, 'bench', 0)", (kind, f"Fråga {i + 1}", options, lo, hi))
        q = cur.lastrowid
        cur.execute("INSERT INTO survey_items (survey_id, section_id, question_id, position, required)"
                    " VALUES (?, ?, ?, ?, 0)", (sid, sec, q, i + 1))
        items.append((cur.lastrowid, kind))
    for r in range(respondents):
        group = GROUPS[min(int(rnd.expovariate(0.8)), len(GROUPS) - 1)]
        cur.execute("INSERT INTO survey_responses (survey_id, group_key, complete, started_at, submitted_at)"
                    " VALUES (?, ?, 1, 0, 0)", (sid, group))
        resp = cur.lastrowid
        cur.execute("INSERT INTO survey_invitations (survey_id, token_hash, email, group_key, state, invited_at)"
                    " VALUES (?, ?, ?, ?, 'complete', 0)", (sid, f"h{r}", f"r{r}@skola.se", group))
        rows = []
        for item, kind in items:
            if kind == "likert":
                v = LIKERT[min(int(rnd.expovariate(0.9)), 4)]
            elif kind == "single":
                v = str(rnd.randint(1, 4))
            elif kind == "multiple":
                v = ",".join(sorted({str(rnd.randint(1, 4)) for _ in range(2)}, key=int))
            elif kind == "number":
                v = str(rnd.randint(0, 20))
            else:
                v = "Mer tid för analysen" if rnd.random() < 0.3 else ""
            if v:
                rows.append((resp, item, v))
        cur.executemany("INSERT INTO survey_answers (response_id, item_id, value) VALUES (?, ?, ?)", rows)
    token = "b" * 64
    cur.execute("INSERT INTO survey_invitations (survey_id, token_hash, email, group_key, invited_at)"
                " VALUES (?, ?, 'bench@skola.se', 'teacher', 0)",
                (sid, hashlib.blake2b(token.encode(), digest_size=32).hexdigest()))
    con.commit()
    print(sid, token)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
