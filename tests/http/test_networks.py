"""Working networks on the demo: the process supporter starts a network of three
organisers and their representatives (the levels a member lacks are named); at the first
meeting each member commits itself (an organiser only for itself), the supporter keeps
the record (a save that crossed another is refused); at the second each reports (done,
partly) and a report on something not made earlier is refused; the network's page shows
every member's commitments over time, as CSV and through the API; another organiser's
user gets 404 on a network it is not in, and the roles without networks 403."""
import urllib.parse
from harness import query, eq, lacks
from demo_cases import DemoCases, contains

demo = None
db = None


def setup(tmp):
    global demo, db
    demo = DemoCases(tmp)
    db = demo.db


def teardown():
    demo.stop()


def login(email):
    return demo.login(email)


def post(c, path, **fields):
    fields["csrf"] = c.csrf("/")
    return c.post(path, fields)


def member(nid, orgnr):
    return query(db, f"SELECT m.id FROM network_members m JOIN organisers o ON o.id = m.organiser_id"
                     f" WHERE m.network_id = {nid} AND o.orgnr = '{orgnr}'")


def new_network(sup, name, orgnrs):
    r = post(sup, "/networks", name=name, kind="working", convener="SKR", description="")
    eq(r.status, 303, r.text[:300])
    nid = int(r.header("Location").rsplit("/", 1)[1])
    for orgnr in orgnrs:
        eq(post(sup, f"/networks/{nid}/members", orgnr=orgnr).status, 303)
    return nid


def meeting(sup, nid, day):
    r = post(sup, f"/networks/{nid}/meetings", held_on=day, place="Stadshuset")
    eq(r.status, 303, r.text[:300])
    return int(r.header("Location").rsplit("/", 1)[1])


def test_three_members_commit_and_report_over_two_meetings():
    sup, org, ale = login("processtod@exempel.se"), login("huvudman@exempel.se"), login("ale@exempel.se")
    eq(post(sup, "/networks", name="", kind="working").status, 400)
    nid = new_network(sup, "Nätverk Norr", ["2120001561", "2120001439", "2120000019"])
    eq(post(sup, f"/networks/{nid}/members", orgnr="2120001561").status, 422, "redan med")
    boras, ale_m, vasby = member(nid, "2120001561"), member(nid, "2120001439"), member(nid, "2120000019")
    for level, name in (("politics", "Karin Holm"), ("teachers", "Sara Lund")):
        eq(post(sup, f"/networks/{nid}/reps", member=boras, level=level, rep_name=name, email="").status, 303)
    contains(sup.get(f"/networks/{nid}").text, "Saknar representant för: Förvaltningsledning, Rektorer.")
    first, second = meeting(sup, nid, "2027-01-20"), meeting(sup, nid, "2027-03-10")
    # At the first meeting each member commits itself; an organiser not for another.
    commit = {"aspect": "leadership", "goal": "Nämnden följer upp resultaten", "action": "Dialog i oktober."}
    eq(post(org, f"/network-meetings/{first}/commitments", member=boras, **commit).status, 303)
    r = post(org, f"/network-meetings/{first}/commitments", member=ale_m, **commit)
    eq(r.status, 422)
    contains(r.text, "egen huvudman")
    eq(post(ale, f"/network-meetings/{first}/commitments", member=ale_m,
            **dict(commit, aspect="view", goal="Gemensam syn på undervisning")).status, 303)
    eq(post(sup, f"/network-meetings/{first}/commitments", member=vasby,
            **dict(commit, aspect="routines", goal="En rutin för analysen")).status, 303)
    r = post(org, f"/network-meetings/{first}/commitments", member=boras, aspect="leadership", goal="", action="x")
    eq(r.status, 400)
    # The supporter keeps the record: attendance, check-in, check-out; a crossed save is refused.
    rep = query(db, f"SELECT id FROM network_reps WHERE member_id = {boras} AND level = 'politics'")
    v = query(db, f"SELECT version FROM network_meetings WHERE id = {first}")
    eq(post(sup, f"/network-meetings/{first}", version=v, present=str(rep), checkin="Förväntningar.",
            notes="Alla kommuner redovisade kartläggningen.", checkout="Nöjda.").status, 303)
    eq(post(sup, f"/network-meetings/{first}", version=v, notes="Gammal flik.").status, 409)
    page = org.get(f"/network-meetings/{first}").text
    contains(page, "Karin Holm (Politik): närvarande")
    contains(page, "Sara Lund (Lärare): frånvarande")
    contains(page, "Alla kommuner redovisade kartläggningen.")
    # At the second each reports; reporting at the first on what was made there is refused.
    c_boras = query(db, f"SELECT id FROM commitments WHERE member_id = {boras}")
    c_ale = query(db, f"SELECT id FROM commitments WHERE member_id = {ale_m}")
    r = post(org, f"/network-meetings/{first}/reports", commitment=c_boras, outcome="done", text="x")
    eq(r.status, 422)
    contains(r.text, "tidigare möte")
    eq(post(org, f"/network-meetings/{second}/reports", commitment=c_ale, outcome="done", text="x").status, 422)
    eq(post(org, f"/network-meetings/{second}/reports", commitment=c_boras, outcome="done",
            text="Två dialoger hölls.").status, 303)
    eq(post(ale, f"/network-meetings/{second}/reports", commitment=c_ale, outcome="partly",
            text="Hälften av rektorerna.").status, 303)
    page = sup.get(f"/networks/{nid}").text
    contains(page, "Genomfört: Två dialoger hölls.")
    contains(page, "Delvis genomfört: Hälften av rektorerna.")
    j = sup.get(f"/api/v1/networks/{nid}").json()
    state = {c["member_id"]: c["open"] for c in j["commitments"]}
    eq((state[boras], state[ale_m], state[vasby]), (False, True, True))
    eq(len(j["member_list"]), 3)
    csv = org.get(f"/networks/{nid}/commitments.csv").body.decode("utf-8-sig")
    contains(csv, "Gemensam syn på undervisning")
    contains(csv, "Hälften av rektorerna.")
    # The open commitment is carried to the next meeting; the done one is not.
    third = meeting(sup, nid, "2027-05-12")
    page = ale.get(f"/network-meetings/{third}").text
    contains(page, "Gemensam syn på undervisning")
    lacks(page, "Nämnden följer upp resultaten</h3>")


def test_another_organiser_and_the_roles_without_networks():
    sup = login("processtod@exempel.se")
    nid = new_network(sup, "Nätverk utan Ale", ["2120001561", "2120000019"])
    mid = meeting(sup, nid, "2027-02-01")
    ale = login("ale@exempel.se")
    for p in (f"/networks/{nid}", f"/network-meetings/{mid}", f"/networks/{nid}/commitments.csv",
              f"/api/v1/networks/{nid}"):
        eq(ale.get(p).status, 404, p)
    lacks(ale.get("/networks").text, "Nätverk utan Ale")
    before = query(db, "SELECT COUNT(*) FROM audit")
    csrf = ale.csrf("/")
    for p in (f"/network-meetings/{mid}/commitments", f"/network-meetings/{mid}/reports"):
        r = ale.request("POST", p, urllib.parse.urlencode({"csrf": csrf, "member": "1", "aspect": "view", "goal": "x",
                                                           "action": "x", "commitment": "1", "outcome": "done"}).encode(),
                        {"X-CSRF-Token": csrf}, "application/x-www-form-urlencoded")
        eq(r.status, 404, p)
    eq(post(ale, f"/networks/{nid}/members", orgnr="2120001439").status, 403)
    eq(query(db, "SELECT COUNT(*) FROM audit"), before)
    for email in ("rektor@exempel.se", "analysgrupp@exempel.se", "larosate@exempel.se", "lasare@exempel.se"):
        eq(login(email).get("/networks").status, 403, email)
