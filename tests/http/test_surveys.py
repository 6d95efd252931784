"""The agency's analyst builds the programme's yearly questionnaire: a survey (anonymous
by default) with sections, a Likert question and a choice question new in the bank (a
choice without two options, and a number without its range, refused at the field), the
same bank question asked again the next year (the bank says in which years), a question
twice in one survey refused; the organiser's side and the other agency roles have no
questionnaires. Thirty invited in four groups answer by their links. The results per
group with the small groups hidden everywhere (page, exports, API), the same question the
year before, free text and raw answers for the analysts only, an organiser's own results
and never another's."""
import re
from harness import query, query_all, eq, lacks
from demo_cases import DemoCases, contains, BORAS, ALE

demo = None
db = None


def setup(tmp):
    global demo, db
    demo = DemoCases(tmp)
    db = demo.db


def teardown():
    demo.stop()


def post(c, path, **fields):
    fields["csrf"] = c.csrf("/")
    return c.post(path, fields)


def new_survey(a, title, year):
    r = post(a, "/surveys", title=title, year=str(year), anonymous="1", intro="Dina svar hjälper oss.")
    eq(r.status, 303, r.text[:300])
    return int(r.header("Location").rsplit("/", 1)[1])


def section(a, sid, title):
    eq(post(a, f"/surveys/{sid}/sections", section_title=title).status, 303)
    return query(db, f"SELECT MAX(id) FROM survey_sections WHERE survey_id = {sid}")


def test_a_questionnaire_from_the_bank_asked_again_the_next_year():
    a = demo.login("analytiker@exempel.se")
    first = new_survey(a, "Deltagarenkät", 2025)
    sec = section(a, first, "Samverkan med Skolverket")
    question = "I vilken utsträckning har stödet bidragit till ert förbättringsarbete?"
    eq(post(a, "/surveys/bank", kind="likert", text=question, options="", min="", max="").status, 303)
    r = post(a, "/surveys/bank", kind="single", text="Vilken roll har du?", options="Rektor", min="", max="")
    eq(r.status, 422)
    contains(r.text, "minst två svarsalternativ")
    r = post(a, "/surveys/bank", kind="number", text="Hur många träffar deltog du i?", options="", min="10", max="2")
    eq(r.status, 422)
    contains(r.text, "lägsta och högsta")
    eq(post(a, "/surveys/bank", kind="single", text="Vilken roll har du?", options="Rektor\nLärare\nFörstelärare",
            min="", max="").status, 303)
    q1 = query(db, f"SELECT id FROM question_bank WHERE text = '{question}'")
    q2 = query(db, "SELECT id FROM question_bank WHERE text = 'Vilken roll har du?'")
    eq(post(a, f"/surveys/{first}/items", section=sec, question=q1, required="1").status, 303)
    eq(post(a, f"/surveys/{first}/items", section=sec, question=q2).status, 303)
    r = post(a, f"/surveys/{first}/items", section=sec, question=q1, required="1")
    eq(r.status, 422)
    contains(r.text, "Frågan finns redan i enkäten")
    page = a.get(f"/surveys/{first}").text
    contains(page, question)
    contains(page, "I ganska liten utsträckning")
    contains(page, "Vilken roll har du? (valfri)")
    # The next year the same bank question is asked again.
    second = new_survey(a, "Deltagarenkät", 2026)
    eq(post(a, f"/surveys/{second}/items", section=section(a, second, "Stödet"), question=q1, required="1").status, 303)
    bank = a.get("/surveys/bank").text
    eq(bool(re.search(re.escape(question) + r"</td><td>[^<]*</td><td>2025, 2026</td>", bank)), True,
       "banken visar åren frågan ställts")
    # Another survey's section is not this survey's.
    other = query(db, f"SELECT id FROM survey_sections WHERE survey_id = {first}")
    eq(post(a, f"/surveys/{second}/items", section=other, question=q2).status, 422)
    # The rest read results of opened surveys only: a draft is not in their list.
    for email in ("huvudman@exempel.se", "processtod@exempel.se", "ekonomi@exempel.se"):
        c = demo.login(email)
        lacks(c.get("/surveys").text, f"/surveys/{first}/results")
        eq(c.get(f"/surveys/{first}").status, 403, email)
        eq(c.get(f"/surveys/{first}/results").status, 404, email)
    eq(demo.login("larosate@exempel.se").get("/surveys").status, 403)
    eq(query(db, "SELECT COUNT(*) FROM audit WHERE action LIKE 'survey:%'") >= 8, True)


def answer(c, link, **fields):
    page = c.get(link)
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    fields["csrf"] = token
    # A multiple choice is sent as one field per option chosen.
    pairs = [(k, x) for k, v in fields.items() for x in (v if isinstance(v, list) else [v])]
    return c.post(link, pairs)


def test_thirty_invited_in_four_groups_answer_by_their_links():
    a = demo.login("analytiker@exempel.se")
    sid = new_survey(a, "Deltagarenkät med svar", 2027)
    sec = section(a, sid, "Stödet")
    eq(post(a, "/surveys/bank", kind="likert", text="Har stödet hjälpt?", options="", min="", max="").status, 303)
    eq(post(a, "/surveys/bank", kind="number", text="Hur många träffar?", options="", min="0", max="20").status, 303)
    eq(post(a, "/surveys/bank", kind="text", text="Vad vill du säga?", options="", min="", max="").status, 303)
    for text, required in (("Har stödet hjälpt?", "1"), ("Hur många träffar?", "1"), ("Vad vill du säga?", "")):
        q = query(db, f"SELECT id FROM question_bank WHERE text = '{text}'")
        eq(post(a, f"/surveys/{sid}/items", section=sec, question=q, required=required).status, 303)
    r = post(a, f"/surveys/{sid}/invitations", people="a@x.se;principal")
    eq(r.status, 422)
    contains(r.text, "Öppna enkäten")
    eq(post(a, f"/surveys/{sid}/open").status, 303)
    r = post(a, f"/surveys/{sid}/invitations", people="a@x.se;principal\nb@x.se;kock")
    eq(r.status, 422)
    contains(r.text, "Rad 2: gruppen \"kock\" finns inte")
    eq(query(db, f"SELECT COUNT(*) FROM survey_invitations WHERE survey_id = {sid}"), 0, "ingen bjöds in")
    groups = ["principal"] * 12 + ["teacher"] * 10 + ["director"] * 5 + ["officer"] * 3
    people = "\n".join(f"person{i}@skola.se;{g};2120001561" for i, g in enumerate(groups))
    eq(post(a, f"/surveys/{sid}/invitations", people=people).status, 303)
    eq(query(db, f"SELECT COUNT(*) FROM survey_invitations WHERE survey_id = {sid}"), 30)
    bodies = [b for (b,) in query_all(db, "SELECT REPLACE(body, '\n', ' ') FROM outbox WHERE subject"
                                          " = 'Enkät: Deltagarenkät med svar 2027' ORDER BY id")]
    eq(len(bodies), 30)
    links = [re.search(r"(/enkat/[0-9a-f]+)", b).group(1) for b in bodies]
    anon = demo.srv.client()
    eq(anon.get("/enkat/" + "0" * 64).status, 404)
    # Submitting without a required answer names the question and keeps what was typed.
    r = answer(anon, links[0], action="submit", a1="", a2="3", a3="Bra träffar")
    eq(r.status, 422)
    contains(r.text, "Fråga 1: Frågan behöver ett svar.")
    contains(r.text, "Bra träffar")
    r = answer(anon, links[0], action="submit", a1="I ganska stor utsträckning", a2="25", a3="")
    eq(r.status, 422)
    contains(r.text, "från 0 till 20")
    # Saved part way, resumed by the same link.
    eq(answer(anon, links[1], action="save", a1="I mycket stor utsträckning", a2="", a3="").status, 200)
    contains(anon.get(links[1]).text, 'value="I mycket stor utsträckning" checked')
    # Principals 0–5, teachers 12–19, directors 22–23 and one officer submit.
    done = list(range(0, 6)) + list(range(12, 20)) + [22, 23, 27]
    for i in done:
        eq(answer(anon, links[i], action="submit", a1="I ganska stor utsträckning", a2="4", a3="").status, 200, i)
    page = anon.get(links[0]).text
    contains(page, "Tack! Dina svar är inskickade.")
    contains(page, "inte längre kopplade till dig")
    # A second submission by the same link is refused (the form token from another page).
    token = re.search(r'name="csrf" value="([^"]+)"', anon.get(links[29]).text).group(1)
    r = anon.post(links[0], {"csrf": token, "action": "submit", "a1": "I mycket liten utsträckning", "a2": "1"})
    eq(r.status, 409)
    contains(r.text, "redan inskickade")
    eq(query(db, f"SELECT COUNT(*) FROM survey_invitations WHERE survey_id = {sid} AND response_id IS NOT NULL"
                 " AND state = 'complete'"), 0, "anonym: ingen koppling efter inskickat")
    # The reminder goes to those who have not submitted.
    before = query(db, "SELECT COUNT(*) FROM outbox")
    eq(post(a, f"/surveys/{sid}/reminders").status, 303)
    eq(query(db, "SELECT COUNT(*) FROM outbox") - before, 30 - len(done))
    # 17 of 30 is 57 per cent; directors (2) and officers (1) are hidden, and since their 3
    # together could be worked out from the total, the principals (6, the smallest shown)
    # are hidden with them; the teachers stay.
    page = a.get(f"/surveys/{sid}").text
    contains(page, "57 procent (17 personer av 30)")
    eq(bool(re.search(r"Rektor</th><td class=\"num\">12</td><td class=\"num\">färre än fem", page)), True)
    eq(bool(re.search(r"Lärare</th><td class=\"num\">10</td><td class=\"num\">8</td>", page)), True)
    eq(bool(re.search(r"Förvaltningschef</th><td class=\"num\">5</td><td class=\"num\">färre än fem", page)), True)
    eq(bool(re.search(r"Tjänsteman</th><td class=\"num\">3</td><td class=\"num\">färre än fem", page)), True)
    eq(demo.login("huvudman@exempel.se").get(f"/surveys/{sid}").status, 403)


def questionnaire(a, title, year, questions, anonymous="1"):
    """A survey of the bank questions named (text, kind, options, min, max), opened."""
    r = post(a, "/surveys", title=title, year=str(year), anonymous=anonymous, intro="")
    eq(r.status, 303, r.text[:300])
    sid = int(r.header("Location").rsplit("/", 1)[1])
    sec = section(a, sid, "Stödet")
    for text, kind, options, lo, hi in questions:
        q = query(db, f"SELECT MIN(id) FROM question_bank WHERE text = '{text}'")
        if not q:
            eq(post(a, "/surveys/bank", kind=kind, text=text, options=options, min=lo, max=hi).status, 303)
            q = query(db, f"SELECT id FROM question_bank WHERE text = '{text}'")
        eq(post(a, f"/surveys/{sid}/items", section=sec, question=q, required="").status, 303)
    eq(post(a, f"/surveys/{sid}/open").status, 303)
    return sid


def invite(a, sid, people):
    """Invites the lines and returns each person's link, in the order given."""
    eq(post(a, f"/surveys/{sid}/invitations", people="\n".join(people)).status, 303)
    links = []
    for line in people:
        email = line.split(";")[0]
        body = query(db, f"SELECT REPLACE(body, '\n', ' ') FROM outbox WHERE recipient = '{email}'"
                         f" AND subject LIKE 'Enkät:%' ORDER BY id DESC LIMIT 1")
        links.append(re.search(r"(/enkat/[0-9a-f]+)", body).group(1))
    return links


LIKERT = "Har samverkan stärkt ert systematiska kvalitetsarbete?"
QUESTIONS = [(LIKERT, "likert", "", "", ""),
             ("Vilka delar av stödet har ni använt?", "multiple", "Nulägesanalys\nHandlingsplan\nNätverk", "", ""),
             ("Hur många träffar deltog du i?", "number", "", "0", "20"),
             ("Något mer du vill säga?", "text", "", "", "")]


def test_results_per_group_suppressed_with_the_year_before_and_the_organisers_own():
    a = demo.login("analytiker@exempel.se")
    third = query(db, f"SELECT MIN(orgnr) FROM organisers WHERE orgnr NOT IN ('{BORAS}', '{ALE}')")
    boras_id = query(db, f"SELECT id FROM organisers WHERE orgnr = '{BORAS}'")
    ale_id = query(db, f"SELECT id FROM organisers WHERE orgnr = '{ALE}'")
    anon = demo.srv.client()
    # The year before: six answers to the same bank question.
    before = questionnaire(a, "Årlig deltagarenkät", 2029, QUESTIONS[:1])
    links = invite(a, before, [f"tidigare{i}@skola.se;principal;{BORAS}" for i in range(6)])
    for i, link in enumerate(links):
        value = "I mycket stor utsträckning" if i < 4 else "I ganska stor utsträckning"
        eq(answer(anon, link, action="submit", a1=value).status, 200)
    eq(post(a, f"/surveys/{before}/close").status, 303)
    eq(anon.get(links[0]).status, 404, "en stängd enkäts länk gäller inte")
    # This year: principals at Borås (6) and Ale (6), teachers at Borås (10), directors and
    # officers at Ale, one director at a third organiser who never answers.
    sid = questionnaire(a, "Årlig deltagarenkät", 2030, QUESTIONS)
    people = ([f"rektor{i}@boras.se;principal;{BORAS}" for i in range(6)] +
              [f"rektor{i}@ale.se;principal;{ALE}" for i in range(6)] +
              [f"larare{i}@boras.se;teacher;{BORAS}" for i in range(10)] +
              [f"chef{i}@ale.se;director;{ALE}" for i in range(4)] +
              [f"chef@tredje.se;director;{third}"] +
              [f"tjansteman{i}@ale.se;officer;{ALE}" for i in range(3)])
    links = dict(zip(people, invite(a, sid, people)))
    answered = ([p for p in people if p.startswith("rektor") and "boras" in p][:5] +
                [p for p in people if p.startswith("rektor") and "ale" in p][:3] +
                [p for p in people if p.startswith("larare")][:7] +
                [p for p in people if p.startswith("chef") and "ale" in p][:2] +
                [p for p in people if p.startswith("tjansteman")][:1])
    for n, p in enumerate(answered):
        likert = "I mycket stor utsträckning" if n % 3 == 0 else "I ganska stor utsträckning"
        fields = dict(action="submit", a1=likert, a2=["1", "3"] if n % 2 else "1", a3=str(n % 5),
                      a4="Mer tid för analysen" if n == 0 else "")
        eq(answer(anon, links[p], action=fields.pop("action"), **fields).status, 200, p)
    # A choice that is not among the options is refused at the question.
    spare = links[f"rektor5@boras.se;principal;{BORAS}"]
    r = answer(anon, spare, action="submit", a1="I ganska stor utsträckning", a2="7")
    eq(r.status, 422)
    contains(r.text, "Fråga 2: Välj bland svarsalternativen.")

    page = a.get(f"/surveys/{sid}/results")
    eq(page.status, 200)
    text = html_text(page.text)
    # 18 of 30 submitted; directors (2) and officers (1) under five, and together still under
    # five: the teachers (7, the smallest shown) are hidden with them; the principals (8) stay.
    contains(text, "60 procent (18 personer av 30)")
    contains(text, "Svar från rektorsnivå hos 2 av 3 huvudmän.")
    first = question_block(page.text, 1)
    eq(bool(re.search(r"Rektor</th><td class=\"num\">8</td>", first)), True, "rektorerna visas")
    for group in ("Lärare", "Förvaltningschef", "Tjänsteman"):
        eq(bool(re.search(group + r"</th><td colspan=\"\d+\">Färre än fem svar – visas inte", first)), True, group)
    eq("<svg" in first, True, "diagram från servern")
    contains(first, "Samma fråga andra år")
    eq(bool(re.search(r"2029</th><td class=\"num\">6</td><td class=\"num\">4 \(67 %\)</td>", first)), True,
       "samma fråga året innan")
    # The number's mean; the free text is not shown, and one writer is too few to count.
    contains(html_text(question_block(page.text, 3)), "Medelvärde")
    contains(html_text(question_block(page.text, 4)), "Färre än fem svar – visas inte")
    lacks(page.text, "Mer tid för analysen")
    # Exports and the API carry the same suppression.
    csv = a.get(f"/surveys/{sid}/results.csv")
    eq(csv.status, 200)
    rows = [line.split(";") for line in csv.text.lstrip("\ufeff").splitlines()]
    teacher_rows = [r for r in rows if len(r) > 3 and r[3] == "Lärare"]
    eq(len(teacher_rows) >= 1 and all(r[4] == "Färre än fem svar – visas inte" and r[5] == "" for r in teacher_rows),
       True, "lärarna utan siffror i exporten")
    eq(any(r[0] == "2029" for r in rows), True, "året innan i exporten")
    eq(a.get(f"/surveys/{sid}/results.xlsx").status, 200)
    api = a.get(f"/api/v1/surveys/{sid}/results").json()
    q1 = api["questions"][0]
    by = {g["group"]: g for g in q1["groups"]}
    eq(by["teacher"], {"group": "teacher", "hidden": True, "answered": None, "counts": None, "mean": None})
    eq(by["principal"]["answered"], 8)
    eq(q1["other_years"][0]["year"], 2029)
    eq(q1["other_years"][0]["counts"], [4, 2, 0, 0, 0])
    eq(api["principal_level_organisers"], 2)
    definition = a.get(f"/api/v1/surveys/{sid}").json()
    eq(definition["sections"][0]["questions"][1]["options"], ["Nulägesanalys", "Handlingsplan", "Nätverk"])
    # Free text and the raw answers: the analysts only.
    texts = a.get(f"/surveys/{sid}/texts")
    eq(texts.status, 200)
    contains(texts.text, "Mer tid för analysen")
    raw = a.get(f"/surveys/{sid}/answers.csv")
    eq(raw.status, 200)
    contains(raw.text, "Nulägesanalys; Nätverk")
    eq(len(raw.text.strip().splitlines()), 1 + len(answered))
    for email in ("admin@exempel.se", "processtod@exempel.se", "huvudman@exempel.se"):
        c = demo.login(email)
        eq(c.get(f"/surveys/{sid}/texts").status, 403, email)
        eq(c.get(f"/surveys/{sid}/answers.csv").status, 403, email)
    # The rest of the agency reads the results, not the questionnaire's page.
    s = demo.login("processtod@exempel.se")
    eq(s.get(f"/surveys/{sid}/results").status, 200)
    eq(s.get(f"/surveys/{sid}").status, 403)

    # Borås's own results: its 5 principals and 7 teachers, both shown; Ale's are not there.
    b = demo.login("huvudman@exempel.se")
    contains(b.get("/surveys").text, "Årlig deltagarenkät")
    own = b.get(f"/surveys/{sid}/results")
    eq(own.status, 200)
    contains(html_text(own.text), "Svaren från Borås")
    first = question_block(own.text, 1)
    eq(bool(re.search(r"Rektor</th><td class=\"num\">5</td>", first)), True)
    eq(bool(re.search(r"Lärare</th><td class=\"num\">7</td>", first)), True)
    lacks(own.text, "Förvaltningschef</th><td")
    lacks(own.text, "Ale kommun")
    eq(b.get(f"/surveys/{sid}/results?organiser={ale_id}").status, 404, "en annan huvudmans resultat")
    eq(b.get(f"/api/v1/surveys/{sid}/results?organiser={ale_id}").status, 404)
    mine = b.get(f"/api/v1/surveys/{sid}/results").json()
    eq(mine["organiser_id"], boras_id)
    eq(mine["organisers"], [])
    own_csv = b.get(f"/surveys/{sid}/results.csv").text
    lacks(own_csv, "Tjänsteman")
    # Ale sees its own; Ale's 3 principals are hidden there, and with them the directors.
    ale = demo.login("ale@exempel.se")
    ale_first = question_block(ale.get(f"/surveys/{sid}/results").text, 1)
    eq(bool(re.search(r"Rektor</th><td colspan", ale_first)), True)
    # A survey Borås's people were not invited to does not exist for Borås.
    other = questionnaire(a, "Enkät till Ale", 2030, QUESTIONS[:1])
    invite(a, other, [f"x{i}@ale.se;principal;{ALE}" for i in range(5)])
    eq(b.get(f"/surveys/{other}/results").status, 404)
    eq(b.get(f"/api/v1/surveys/{other}").status, 404)
    lacks(b.get("/surveys").text, "Enkät till Ale")
    eq(demo.login("larosate@exempel.se").get(f"/surveys/{sid}/results").status, 403)
    # The agency can look at one organiser at a time.
    one = a.get(f"/surveys/{sid}/results?organiser={ale_id}")
    contains(html_text(one.text), "Svaren från Ale")
    # A survey that is not anonymous keeps its raw answers in.
    named = questionnaire(a, "Namngiven enkät", 2030, QUESTIONS[:1], anonymous="0")
    eq(a.get(f"/surveys/{named}/answers.csv").status, 409)


def html_text(page):
    import html as h
    return h.unescape(re.sub(r"<[^>]+>", " ", page)).replace("  ", " ")


def question_block(page, n):
    start = page.index(f"<h3>{n}. ")
    end = page.find("<h3>", start + 4)
    return page[start:end if end > 0 else len(page)]
