/* store.c — the networks within the viewer's reach and their parts (networks.h). */
#include "networks.h"
#include "../access/access.h"
#include "../base/vec.h"
#include <string.h>

/* Every network for the agency; the own organiser's networks for its users. */
#define IN_REACH " (? = 1 OR n.id IN (SELECT network_id FROM network_members WHERE organiser_id = ?))"

static void bind_reach(db_stmt_t *st, int i, const viewer_t *v)
{
    db_bind_int(st, i, access_may(v, CAP_NETWORK_ALL));
    db_bind_int(st, i + 1, v->organiser_id);
}

static size_t read_networks(db_stmt_t *st, arena_t *a, network_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        network_t *x = ARENA_PUSH(a, *out, n, cap);
        x->id = db_col_int(st, 0);
        x->name = db_col_str(st, 1, a);
        x->kind = db_col_str(st, 2, a);
        x->convener = db_col_str(st, 3, a);
        x->description = db_col_str(st, 4, a);
        x->members = db_col_int(st, 5);
        x->meetings = db_col_int(st, 6);
    }
    db_done(st);
    return n;
}

#define NETWORK_COLUMNS "n.id, n.name, n.kind, n.convener, n.description," \
    " (SELECT COUNT(*) FROM network_members m WHERE m.network_id = n.id)," \
    " (SELECT COUNT(*) FROM network_meetings g WHERE g.network_id = n.id)"

size_t networks_list(db_t *db, const viewer_t *v, arena_t *a, network_t **out)
{
    *out = NULL;
    if (!access_may(v, CAP_NETWORK_READ))
        return 0;
    db_stmt_t *st = db_prepare(db, "SELECT " NETWORK_COLUMNS " FROM networks n WHERE" IN_REACH " ORDER BY n.name, n.id");
    bind_reach(st, 1, v);
    return read_networks(st, a, out);
}

network_t *networks_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a)
{
    if (!access_may(v, CAP_NETWORK_READ))
        return NULL;
    db_stmt_t *st = db_prepare(db, "SELECT " NETWORK_COLUMNS " FROM networks n WHERE n.id = ? AND" IN_REACH);
    db_bind_int(st, 1, id);
    bind_reach(st, 2, v);
    network_t *n;
    return read_networks(st, a, &n) == 1 ? n : NULL;
}

size_t networks_members(db_t *db, const network_t *n, arena_t *a, network_member_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT m.id, m.organiser_id, o.name, o.orgnr FROM network_members m JOIN organisers o"
                                   " ON o.id = m.organiser_id WHERE m.network_id = ? ORDER BY o.name");
    db_bind_int(st, 1, n->id);
    size_t k = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        network_member_t *x = ARENA_PUSH(a, *out, k, cap);
        x->id = db_col_int(st, 0);
        x->organiser_id = db_col_int(st, 1);
        x->organiser = db_col_str(st, 2, a);
        x->orgnr = db_col_str(st, 3, a);
    }
    db_done(st);
    return k;
}

size_t networks_reps(db_t *db, const network_t *n, arena_t *a, network_rep_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT r.id, r.member_id, r.level, r.name, r.email FROM network_reps r"
                                   " JOIN network_members m ON m.id = r.member_id WHERE m.network_id = ?"
                                   " ORDER BY r.member_id, CASE r.level WHEN 'politics' THEN 0 WHEN 'administration'"
                                   " THEN 1 WHEN 'principals' THEN 2 ELSE 3 END, r.name");
    db_bind_int(st, 1, n->id);
    size_t k = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        network_rep_t *x = ARENA_PUSH(a, *out, k, cap);
        x->id = db_col_int(st, 0);
        x->member_id = db_col_int(st, 1);
        x->level = db_col_str(st, 2, a);
        x->name = db_col_str(st, 3, a);
        x->email = db_col_str(st, 4, a);
    }
    db_done(st);
    return k;
}

static size_t read_meetings(db_stmt_t *st, arena_t *a, network_meeting_t **out)
{
    size_t k = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        network_meeting_t *x = ARENA_PUSH(a, *out, k, cap);
        x->id = db_col_int(st, 0);
        x->network_id = db_col_int(st, 1);
        x->held_on = db_col_str(st, 2, a);
        x->place = db_col_str(st, 3, a);
        x->notes = db_col_str(st, 4, a);
        x->checkin = db_col_str(st, 5, a);
        x->checkout = db_col_str(st, 6, a);
        x->version = (int)db_col_int(st, 7);
        x->saved_by = db_col_str(st, 8, a);
        x->saved_at = db_col_int(st, 9);
    }
    db_done(st);
    return k;
}

#define MEETING_COLUMNS "g.id, g.network_id, g.held_on, g.place, g.notes, g.checkin, g.checkout, g.version," \
                        " g.saved_by, g.saved_at"

size_t networks_meetings(db_t *db, const network_t *n, arena_t *a, network_meeting_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " MEETING_COLUMNS " FROM network_meetings g WHERE g.network_id = ?"
                                   " ORDER BY g.held_on, g.id");
    db_bind_int(st, 1, n->id);
    return read_meetings(st, a, out);
}

network_meeting_t *networks_meeting(db_t *db, const viewer_t *v, int64_t id, arena_t *a, network_t **network)
{
    int64_t network_id = db_run_int(db, 0, "SELECT network_id FROM network_meetings WHERE id = ?", "i", id);
    network_t *n = network_id ? networks_get(db, v, network_id, a) : NULL;
    if (!n)
        return NULL;
    db_stmt_t *st = db_prepare(db, "SELECT " MEETING_COLUMNS " FROM network_meetings g WHERE g.id = ?");
    db_bind_int(st, 1, id);
    network_meeting_t *m;
    if (read_meetings(st, a, &m) != 1)
        return NULL;
    if (network)
        *network = n;
    return m;
}

size_t networks_present(db_t *db, const network_meeting_t *m, arena_t *a, int64_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT rep_id FROM network_attendance WHERE meeting_id = ? ORDER BY rep_id");
    db_bind_int(st, 1, m->id);
    size_t k = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        *ARENA_PUSH(a, *out, k, cap) = db_col_int(st, 0);
    db_done(st);
    return k;
}

size_t networks_reports(db_t *db, const network_t *n, arena_t *a, commitment_report_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT r.id, r.commitment_id, r.meeting_id, r.outcome, r.text, g.held_on,"
                                   " r.reported_by FROM commitment_reports r JOIN commitments c ON c.id = r.commitment_id"
                                   " JOIN network_meetings g ON g.id = r.meeting_id WHERE c.network_id = ?"
                                   " ORDER BY r.commitment_id, g.held_on, r.id");
    db_bind_int(st, 1, n->id);
    size_t k = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        commitment_report_t *x = ARENA_PUSH(a, *out, k, cap);
        x->id = db_col_int(st, 0);
        x->commitment_id = db_col_int(st, 1);
        x->meeting_id = db_col_int(st, 2);
        x->outcome = db_col_str(st, 3, a);
        x->text = db_col_str(st, 4, a);
        x->held_on = db_col_str(st, 5, a);
        x->reported_by = db_col_str(st, 6, a);
    }
    db_done(st);
    return k;
}

size_t networks_commitments(db_t *db, const network_t *n, const commitment_report_t *r, size_t nr, arena_t *a,
                            commitment_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT c.id, c.member_id, c.meeting_id, o.name, c.aspect, c.goal, c.action,"
                                   " g.held_on, c.created_by FROM commitments c JOIN network_members m"
                                   " ON m.id = c.member_id JOIN organisers o ON o.id = m.organiser_id"
                                   " JOIN network_meetings g ON g.id = c.meeting_id WHERE c.network_id = ?"
                                   " ORDER BY o.name, g.held_on, c.id");
    db_bind_int(st, 1, n->id);
    size_t k = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        commitment_t *x = ARENA_PUSH(a, *out, k, cap);
        x->id = db_col_int(st, 0);
        x->member_id = db_col_int(st, 1);
        x->meeting_id = db_col_int(st, 2);
        x->organiser = db_col_str(st, 3, a);
        x->aspect = db_col_str(st, 4, a);
        x->goal = db_col_str(st, 5, a);
        x->action = db_col_str(st, 6, a);
        x->made_on = db_col_str(st, 7, a);
        x->created_by = db_col_str(st, 8, a);
    }
    db_done(st);
    /* Open until the latest report says done. */
    for (size_t i = 0; i < k; i++) {
        const char *latest[1] = {NULL};
        for (size_t j = 0; j < nr; j++)
            if (r[j].commitment_id == (*out)[i].id)
                latest[0] = r[j].outcome;
        (*out)[i].open = network_commitment_open(latest, latest[0] ? 1 : 0);
    }
    return k;
}

bool networks_may_keep(const viewer_t *v)
{
    return access_may(v, CAP_NETWORK_KEEP);
}

int64_t networks_own_member(db_t *db, const viewer_t *v, const network_t *n)
{
    if (!access_may(v, CAP_NETWORK_COMMIT) || networks_may_keep(v))
        return 0;
    return db_run_int(db, 0, "SELECT id FROM network_members WHERE network_id = ? AND organiser_id = ?", "ii", n->id,
                      v->organiser_id);
}
