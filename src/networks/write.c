/* write.c — what the agency keeps of a network (the network, its members and their
 * representatives, its meetings and their records) and what each member writes
 * (commitments and reports on them); each begun, refused, written with its audit,
 * finished. */
#include "networks.h"
#include "../access/access.h"
#include "../base/date.h"
#include <jansson.h>
#include <string.h>
#include <time.h>

static int64_t now(void) { return (int64_t)time(NULL); }

static const char *by(const viewer_t *v)
{
    return v->name && *v->name ? v->name : v->email;
}

static bool one_of(const char *const *keys, const char *s)
{
    for (int i = 0; keys[i]; i++)
        if (s && strcmp(s, keys[i]) == 0)
            return true;
    return false;
}

static bool refuse(arena_t *a, const char **field, char **err, const char *f, const char *msg)
{
    if (field)
        *field = f;
    *err = arena_strdup(a, msg);
    return false;
}

static bool keeper(const viewer_t *v, arena_t *a, char **err)
{
    if (networks_may_keep(v))
        return true;
    *err = arena_strdup(a, "Nätverken hålls av Skolverket.");
    return false;
}

int64_t networks_create(db_t *db, const viewer_t *v, const char *name, const char *kind, const char *convener,
                        const char *description, arena_t *a, const char **field, char **err)
{
    if (!keeper(v, a, err))
        return 0;
    if (!name || !*name)
        return refuse(a, field, err, "name", "Ge nätverket ett namn.");
    if (!one_of(network_kind_keys, kind))
        return refuse(a, field, err, "kind", "Välj slag av nätverk.");
    if (!tx_begin(db, a, err))
        return 0;
    int64_t id = db_run_int(db, 0, "INSERT INTO networks (name, kind, convener, description, created_by, created_at)"
                                   " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                            "ttttti", name, kind, convener ? convener : "", description ? description : "", by(v), now());
    bool ok = id && tx_audit(db, v, "network:create", "network", id, json_pack("{s:s, s:s}", "name", name, "kind", kind));
    return tx_finish(db, ok, a, err) ? id : 0;
}

int64_t networks_add_member(db_t *db, const viewer_t *v, const network_t *n, const char *orgnr, arena_t *a, char **err)
{
    if (!keeper(v, a, err))
        return 0;
    int64_t organiser = db_run_int(db, 0, "SELECT id FROM organisers WHERE orgnr = ?", "t", orgnr ? orgnr : "");
    if (!organiser) {
        *err = arena_strdup(a, "Huvudmannen finns inte i registret.");
        return 0;
    }
    if (!tx_begin(db, a, err))
        return 0;
    int64_t id = db_run_int(db, 0, "INSERT INTO network_members (network_id, organiser_id, joined_at) VALUES (?, ?, ?)"
                                   " ON CONFLICT (network_id, organiser_id) DO NOTHING RETURNING id",
                            "iii", n->id, organiser, now());
    if (!id) {
        tx_fail(db, a, err, "Huvudmannen är redan med i nätverket.");
        return 0;
    }
    bool ok = tx_audit(db, v, "network:member", "network", n->id, json_pack("{s:s}", "orgnr", orgnr));
    return tx_finish(db, ok, a, err) ? id : 0;
}

bool networks_add_rep(db_t *db, const viewer_t *v, const network_t *n, int64_t member_id, const char *level,
                      const char *name, const char *email, arena_t *a, const char **field, char **err)
{
    if (!keeper(v, a, err))
        return false;
    if (!one_of(network_level_keys, level))
        return refuse(a, field, err, "level", "Välj nivå.");
    if (!name || !*name)
        return refuse(a, field, err, "rep_name", "Skriv representantens namn.");
    if (!tx_begin(db, a, err))
        return false;
    if (!db_run_int(db, 0, "SELECT COUNT(*) FROM network_members WHERE id = ? AND network_id = ?", "ii", member_id,
                    n->id)) {
        if (field)
            *field = "member";
        tx_fail(db, a, err, "Huvudmannen är inte med i nätverket.");
        return false;
    }
    bool ok = db_run(db, "INSERT INTO network_reps (member_id, level, name, email) VALUES (?, ?, ?, ?)", "ittt",
                     member_id, level, name, email ? email : "") == DB_DONE &&
              tx_audit(db, v, "network:rep", "network", n->id,
                       json_pack("{s:I, s:s, s:s}", "member", (json_int_t)member_id, "level", level, "name", name));
    return tx_finish(db, ok, a, err);
}

int64_t networks_plan_meeting(db_t *db, const viewer_t *v, const network_t *n, const char *held_on, const char *place,
                              arena_t *a, char **err)
{
    long days;
    if (!keeper(v, a, err))
        return 0;
    if (!held_on || strlen(held_on) != 10 || !date_to_days(held_on, &days)) {
        *err = arena_strdup(a, "Ange dagen som ÅÅÅÅ-MM-DD.");
        return 0;
    }
    if (!tx_begin(db, a, err))
        return 0;
    int64_t id = db_run_int(db, 0, "INSERT INTO network_meetings (network_id, held_on, place, created_by, created_at)"
                                   " VALUES (?, ?, ?, ?, ?) RETURNING id",
                            "ittti", n->id, held_on, place ? place : "", by(v), now());
    bool ok = id && tx_audit(db, v, "network:meeting", "network", n->id, json_pack("{s:s}", "held_on", held_on));
    return tx_finish(db, ok, a, err) ? id : 0;
}

write_result_t networks_record(db_t *db, const viewer_t *v, const network_meeting_t *m, int based_on,
                               const int64_t *present, size_t npresent, const char *notes, const char *checkin,
                               const char *checkout, arena_t *a, char **err)
{
    if (!keeper(v, a, err))
        return WRITE_REFUSED;
    if (!tx_begin(db, a, err))
        return WRITE_REFUSED;
    write_result_t w = db_run_int(db, 0, "UPDATE network_meetings SET notes = ?, checkin = ?, checkout = ?,"
                                         " version = version + 1, saved_by = ?, saved_at = ? WHERE id = ? AND version = ?"
                                         " RETURNING 1",
                                  "ttttiii", notes ? notes : "", checkin ? checkin : "", checkout ? checkout : "", by(v),
                                  now(), m->id, (int64_t)based_on)
                           ? WRITE_OK
                           : WRITE_STALE;
    bool ok = w == WRITE_OK && db_run(db, "DELETE FROM network_attendance WHERE meeting_id = ?", "i", m->id) == DB_DONE;
    /* Only the network's own representatives can be marked present. */
    for (size_t i = 0; ok && i < npresent; i++)
        ok = db_run(db, "INSERT INTO network_attendance (meeting_id, rep_id) SELECT ?, r.id FROM network_reps r"
                        " JOIN network_members mm ON mm.id = r.member_id WHERE r.id = ? AND mm.network_id = ?"
                        " ON CONFLICT DO NOTHING", "iii", m->id, present[i], m->network_id) == DB_DONE;
    ok = ok && tx_audit(db, v, "network:record", "network", m->network_id,
                        json_pack("{s:I, s:I, s:i}", "meeting", (json_int_t)m->id, "present", (json_int_t)npresent,
                                  "version", based_on + 1));
    return tx_finish_write(db, w, ok, a, err);
}

/* May the viewer write for this member: the agency's keepers for all, a member's
 * organiser users for their own. */
static bool writes_for(db_t *db, const viewer_t *v, int64_t network_id, int64_t member_id)
{
    if (networks_may_keep(v))
        return true;
    return access_may(v, CAP_NETWORK_COMMIT) &&
           db_run_int(db, 0, "SELECT COUNT(*) FROM network_members WHERE id = ? AND network_id = ? AND organiser_id = ?",
                      "iii", member_id, network_id, v->organiser_id) > 0;
}

int64_t networks_commit(db_t *db, const viewer_t *v, const network_meeting_t *m, int64_t member_id, const char *aspect,
                        const char *goal, const char *action, arena_t *a, const char **field, char **err)
{
    if (!writes_for(db, v, m->network_id, member_id))
        return refuse(a, field, err, "member", "Du gör åtaganden för din egen huvudman i nätverket.");
    if (!one_of(network_aspect_keys, aspect))
        return refuse(a, field, err, "aspect", "Välj vilken del av styrningen åtagandet gäller.");
    if (!goal || !*goal)
        return refuse(a, field, err, "goal", "Skriv det operativa målet.");
    if (!action || !*action)
        return refuse(a, field, err, "action", "Skriv vad ni åtar er att göra på hemmaplan.");
    if (!tx_begin(db, a, err))
        return 0;
    int64_t id = db_run_int(db, 0, "INSERT INTO commitments (network_id, member_id, meeting_id, aspect, goal, action,"
                                   " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            "iiitttti", m->network_id, member_id, m->id, aspect, goal, action, by(v), now());
    bool ok = id && tx_audit(db, v, "network:commit", "network", m->network_id,
                             json_pack("{s:I, s:I, s:s, s:s}", "commitment", (json_int_t)id, "member",
                                       (json_int_t)member_id, "aspect", aspect, "goal", goal));
    return tx_finish(db, ok, a, err) ? id : 0;
}

bool networks_report(db_t *db, const viewer_t *v, const network_meeting_t *m, int64_t commitment_id,
                     const char *outcome, const char *text, arena_t *a, const char **field, char **err)
{
    if (!one_of(network_outcome_keys, outcome))
        return refuse(a, field, err, "outcome", "Välj genomfört, delvis eller inte genomfört.");
    int64_t member = db_run_int(db, 0, "SELECT c.member_id FROM commitments c JOIN network_meetings g"
                                       " ON g.id = c.meeting_id WHERE c.id = ? AND c.network_id = ? AND"
                                       " (g.held_on < ? OR (g.held_on = ? AND g.id < ?))",
                                "iitti", commitment_id, m->network_id, m->held_on, m->held_on, m->id);
    if (!member)
        return refuse(a, field, err, "outcome", "Åtagandet gjordes inte vid ett tidigare möte i nätverket.");
    if (!writes_for(db, v, m->network_id, member))
        return refuse(a, field, err, "outcome", "Du redovisar din egen huvudmans åtaganden.");
    if (!tx_begin(db, a, err))
        return false;
    /* Done at an earlier meeting: nothing more to report. */
    if (db_run_int(db, 0, "SELECT COUNT(*) FROM commitment_reports r JOIN network_meetings g ON g.id = r.meeting_id"
                          " WHERE r.commitment_id = ? AND r.outcome = 'done' AND r.meeting_id <> ? AND g.held_on <= ?",
                   "iit", commitment_id, m->id, m->held_on)) {
        if (field)
            *field = "outcome";
        tx_fail(db, a, err, "Åtagandet är redan redovisat som genomfört.");
        return false;
    }
    bool ok = db_run(db, "INSERT INTO commitment_reports (commitment_id, meeting_id, outcome, text, reported_by,"
                         " reported_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (commitment_id, meeting_id) DO UPDATE"
                         " SET outcome = excluded.outcome, text = excluded.text, reported_by = excluded.reported_by,"
                         " reported_at = excluded.reported_at",
                     "iittti", commitment_id, m->id, outcome, text ? text : "", by(v),
                     now()) == DB_DONE &&
              tx_audit(db, v, "network:report", "network", m->network_id,
                       json_pack("{s:I, s:I, s:s}", "commitment", (json_int_t)commitment_id, "meeting",
                                 (json_int_t)m->id, "outcome", outcome));
    return tx_finish(db, ok, a, err);
}
