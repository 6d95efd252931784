/* store.c — grants, their lines, payouts, reported use and planned payouts, read in the
 * viewer's reach with their balances in a fixed number of statements (money.h). */
#include "money.h"
#include "../access/access.h"
#include "../agreements/agreements.h"
#include "../base/vec.h"
#include <string.h>

bool money_sees_all(const viewer_t *v)
{
    return access_may(v, CAP_MONEY_ALL);
}

/* The grants within the viewer's reach (of one grant, of one case, when given): all for
 * finance and the administrator, its own for an organiser, those of the cases assigned
 * to a process supporter. Nine parameters, bound by bind_reach. */
#define IN_REACH                                                                                                 \
    " (? = 1 OR (? = 1 AND g.organiser_id = ?) OR (? = 1 AND g.case_id IN (SELECT case_id FROM case_people"     \
    " WHERE role = 'supporter' AND user_id = ?))) AND (? = 0 OR g.id = ?) AND (? = 0 OR g.case_id = ?)"

static void bind_reach(db_stmt_t *st, int i, const viewer_t *v, int64_t id, int64_t case_id)
{
    db_bind_int(st, i++, money_sees_all(v));
    db_bind_int(st, i++, access_may(v, CAP_MONEY_OWN));
    db_bind_int(st, i++, v->organiser_id);
    db_bind_int(st, i++, access_may(v, CAP_MONEY_ASSIGNED));
    db_bind_int(st, i++, v->user_id);
    db_bind_int(st, i++, id);
    db_bind_int(st, i++, id);
    db_bind_int(st, i++, case_id);
    db_bind_int(st, i, case_id);
}

/* A fact of one grant, before it is sorted to its grant. */
typedef struct fact {
    int64_t grant_id;
    money_payout_fact_t p;
    money_use_fact_t u;
    money_claim_fact_t c;
} fact_t;

/* When a report's figures stand: the last day of its term, or the case's planned end. */
static const char *report_as_of(const char *item_key, const char *planned_end, arena_t *a)
{
    if (strncmp(item_key, "interim:", 8) == 0 && strlen(item_key) == 14)
        return arena_printf(a, "%.4s-%s", item_key + 8, strcmp(item_key + 12, "VT") == 0 ? "06-30" : "12-31");
    return *planned_end ? planned_end : "9999-12-31";
}

static size_t read_facts(db_stmt_t *st, int kind, arena_t *a, fact_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        fact_t *f = ARENA_PUSH(a, *out, n, cap);
        memset(f, 0, sizeof *f);
        f->grant_id = db_col_int(st, 0);
        if (kind == 0) {
            f->p.amount = db_col_int(st, 1);
            f->p.approved = strcmp(db_col_text(st, 2), "approved") == 0;
        } else if (kind == 1) {
            f->c.amount = db_col_int(st, 1);
            f->c.state = db_col_str(st, 2, a);
        } else if (kind == 2) {
            f->u.line_id = db_col_int0(st, 1);
            f->u.as_of = db_col_str(st, 2, a);
            f->u.amount = db_col_int(st, 3);
        } else {
            f->u.line_id = db_col_int(st, 1);
            f->u.as_of = report_as_of(db_col_text(st, 2), db_col_text(st, 3), a);
            f->u.amount = db_col_int(st, 4) * 100; /* reports hold whole kronor */
        }
    }
    db_done(st);
    return n;
}

/* The planned payouts of the grants' agreements, summed per grant. */
static void planned_sums(db_t *db, const viewer_t *v, int64_t id, int64_t case_id, grant_t *g, size_t n, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT g.id, ag.kind, av.content FROM grants g JOIN agreements ag"
                                   " ON ag.id = g.agreement_id JOIN agreement_versions av ON av.agreement_id = ag.id"
                                   " AND av.version = ag.version WHERE" IN_REACH);
    bind_reach(st, 1, v, id, case_id);
    while (db_step(st) == DB_ROW) {
        agreement_content_t c;
        if (!agreement_content_parse(agreement_kind_from_key(db_col_text(st, 1)), db_col_text(st, 2), a, &c))
            continue;
        int64_t sum = 0;
        for (size_t k = 0; k < c.npayouts; k++)
            sum += c.payouts[k].amount_ore;
        for (size_t i = 0; i < n; i++)
            if (g[i].id == db_col_int(st, 0))
                g[i].balance.planned = sum;
    }
    db_done(st);
}

/* Reads the grants in reach and computes each one's balance from its payouts, claims and
 * uses: six statements whatever the number of grants. */
static size_t load(db_t *db, const viewer_t *v, int64_t id, int64_t case_id, arena_t *a, grant_t **out)
{
    *out = NULL;
    if (!access_may(v, CAP_MONEY_READ))
        return 0;
    db_stmt_t *st = db_prepare(db, "SELECT g.id, g.organiser_id, COALESCE(g.case_id, 0), COALESCE(g.agreement_id, 0),"
                                   " o.name, o.orgnr, g.kind, g.appropriation, g.decision_date, g.registry_number,"
                                   " g.note, COALESCE(ag.registry_number, ''), g.ordinance, COALESCE(g.applied_ore, -1),"
                                   " g.granted_ore, g.version FROM grants g JOIN organisers o ON o.id = g.organiser_id"
                                   " LEFT JOIN agreements ag ON ag.id = g.agreement_id WHERE" IN_REACH
                                   " ORDER BY o.name, g.decision_date, g.id");
    bind_reach(st, 1, v, id, case_id);
    size_t n = 0, cap = 0;
    while (db_step(st) == DB_ROW) {
        grant_t *g = ARENA_PUSH(a, *out, n, cap);
        memset(g, 0, sizeof *g);
        g->id = db_col_int(st, 0);
        g->organiser_id = db_col_int(st, 1);
        g->case_id = db_col_int(st, 2);
        g->agreement_id = db_col_int(st, 3);
        g->organiser = db_col_str(st, 4, a);
        g->orgnr = db_col_str(st, 5, a);
        g->kind = db_col_str(st, 6, a);
        g->appropriation = db_col_str(st, 7, a);
        g->decision_date = db_col_str(st, 8, a);
        g->registry_number = db_col_str(st, 9, a);
        g->note = db_col_str(st, 10, a);
        g->agreement_number = db_col_str(st, 11, a);
        g->ordinance = db_col_int(st, 12) != 0;
        g->applied = db_col_int(st, 13);
        g->granted = db_col_int(st, 14);
        g->version = (int)db_col_int(st, 15);
    }
    db_done(st);
    if (!n)
        return 0;
    fact_t *f[4];
    size_t nf[4];
    st = db_prepare(db, "SELECT p.grant_id, p.amount_ore, p.state FROM payouts p JOIN grants g ON g.id = p.grant_id"
                        " WHERE" IN_REACH);
    bind_reach(st, 1, v, id, case_id);
    nf[0] = read_facts(st, 0, a, &f[0]);
    st = db_prepare(db, "SELECT c.grant_id, c.amount_ore, c.state FROM claims c JOIN grants g ON g.id = c.grant_id"
                        " WHERE" IN_REACH);
    bind_reach(st, 1, v, id, case_id);
    nf[1] = read_facts(st, 1, a, &f[1]);
    st = db_prepare(db, "SELECT u.grant_id, u.line_id, u.as_of, u.amount_ore FROM grant_uses u JOIN grants g"
                        " ON g.id = u.grant_id WHERE" IN_REACH);
    bind_reach(st, 1, v, id, case_id);
    nf[2] = read_facts(st, 2, a, &f[2]);
    /* The organiser's own figures: each submitted or accepted report's money used so far,
     * on the lines of its interventions. */
    st = db_prepare(db, "SELECT l.grant_id, l.id, r.item_key, c.planned_end, ri.used FROM grant_lines l"
                        " JOIN grants g ON g.id = l.grant_id JOIN report_interventions ri"
                        " ON ri.intervention_id = l.intervention_id JOIN reports r ON r.id = ri.report_id"
                        " AND r.case_id = g.case_id JOIN cases c ON c.id = r.case_id"
                        " WHERE r.state IN ('submitted', 'accepted') AND ri.used IS NOT NULL AND" IN_REACH);
    bind_reach(st, 1, v, id, case_id);
    nf[3] = read_facts(st, 3, a, &f[3]);
    planned_sums(db, v, id, case_id, *out, n, a);
    size_t most = nf[0] + nf[1] + nf[2] + nf[3] + 1;
    money_payout_fact_t *p = arena_alloc(a, most * sizeof *p);
    money_claim_fact_t *c = arena_alloc(a, most * sizeof *c);
    money_use_fact_t *u = arena_alloc(a, most * sizeof *u);
    for (size_t i = 0; i < n; i++) {
        grant_t *g = &(*out)[i];
        size_t np = 0, nc = 0, nu = 0;
        for (size_t k = 0; k < nf[0]; k++)
            if (f[0][k].grant_id == g->id)
                p[np++] = f[0][k].p;
        for (size_t k = 0; k < nf[1]; k++)
            if (f[1][k].grant_id == g->id)
                c[nc++] = f[1][k].c;
        for (int s = 2; s < 4; s++)
            for (size_t k = 0; k < nf[s]; k++)
                if (f[s][k].grant_id == g->id)
                    u[nu++] = f[s][k].u;
        int64_t planned = g->balance.planned ? g->balance.planned : g->granted;
        g->balance = money_balance(g->granted, planned, p, np, u, nu, c, nc);
    }
    return n;
}

size_t money_grants(db_t *db, const viewer_t *v, int64_t case_id, arena_t *a, grant_t **out)
{
    return load(db, v, 0, case_id, a, out);
}

grant_t *money_grant_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a)
{
    grant_t *g;
    return id > 0 && load(db, v, id, 0, a, &g) == 1 ? g : NULL;
}

size_t money_lines(db_t *db, const grant_t *g, const grant_use_t *u, size_t nu, arena_t *a, grant_line_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, COALESCE(intervention_id, 0), title, amount_ore FROM grant_lines"
                                   " WHERE grant_id = ? ORDER BY id");
    db_bind_int(st, 1, g->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        grant_line_t *l = ARENA_PUSH(a, *out, n, cap);
        l->id = db_col_int(st, 0);
        l->grant_id = g->id;
        l->intervention_id = db_col_int(st, 1);
        l->title = db_col_str(st, 2, a);
        l->amount = db_col_int(st, 3);
        l->used = -1;
    }
    db_done(st);
    for (size_t i = 0; i < n; i++) {
        const char *latest = NULL;
        for (size_t k = 0; k < nu; k++)
            if (u[k].line_id == (*out)[i].id && (!latest || strcmp(u[k].as_of, latest) >= 0)) {
                latest = u[k].as_of;
                (*out)[i].used = u[k].amount;
            }
    }
    return n;
}

size_t money_payouts(db_t *db, const grant_t *g, arena_t *a, payout_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, paid_date, amount_ore, reference, state, registered_by,"
                                   " COALESCE(registered_user, 0), registered_at, COALESCE(approved_by, ''),"
                                   " COALESCE(approved_at, 0) FROM payouts WHERE grant_id = ? ORDER BY paid_date, id");
    db_bind_int(st, 1, g->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        payout_t *p = ARENA_PUSH(a, *out, n, cap);
        p->id = db_col_int(st, 0);
        p->grant_id = g->id;
        p->paid_date = db_col_str(st, 1, a);
        p->amount = db_col_int(st, 2);
        p->reference = db_col_str(st, 3, a);
        p->state = db_col_str(st, 4, a);
        p->registered_by = db_col_str(st, 5, a);
        p->registered_user = db_col_int(st, 6);
        p->registered_at = db_col_int(st, 7);
        p->approved_by = db_col_str(st, 8, a);
        p->approved_at = db_col_int(st, 9);
    }
    db_done(st);
    return n;
}

size_t money_plan(db_t *db, const grant_t *g, arena_t *a, planned_payout_t **out)
{
    *out = NULL;
    if (!g->agreement_id)
        return 0;
    db_stmt_t *st = db_prepare(db, "SELECT ag.kind, av.content FROM agreements ag JOIN agreement_versions av"
                                   " ON av.agreement_id = ag.id AND av.version = ag.version WHERE ag.id = ?");
    db_bind_int(st, 1, g->agreement_id);
    size_t n = 0;
    agreement_content_t c;
    if (db_step(st) == DB_ROW &&
        agreement_content_parse(agreement_kind_from_key(db_col_text(st, 0)), db_col_text(st, 1), a, &c) && c.npayouts) {
        *out = arena_alloc(a, c.npayouts * sizeof **out);
        for (size_t k = 0; k < c.npayouts; k++)
            (*out)[n++] = (planned_payout_t){arena_strdup(a, c.payouts[k].date), c.payouts[k].amount_ore};
    }
    db_done(st);
    return n;
}

size_t money_uses(db_t *db, const grant_t *g, arena_t *a, grant_use_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    db_stmt_t *st = db_prepare(db, "SELECT COALESCE(u.line_id, 0), u.as_of, u.amount_ore, u.note, u.entered_by"
                                   " FROM grant_uses u WHERE u.grant_id = ? ORDER BY u.as_of, u.id");
    db_bind_int(st, 1, g->id);
    while (db_step(st) == DB_ROW) {
        grant_use_t *x = ARENA_PUSH(a, *out, n, cap);
        x->line_id = db_col_int(st, 0);
        x->as_of = db_col_str(st, 1, a);
        x->amount = db_col_int(st, 2);
        x->note = db_col_str(st, 3, a);
        x->by = db_col_str(st, 4, a);
        x->source = "finance";
    }
    db_done(st);
    st = db_prepare(db, "SELECT l.id, r.item_key, c.planned_end, ri.used, r.state FROM grant_lines l"
                        " JOIN report_interventions ri ON ri.intervention_id = l.intervention_id"
                        " JOIN reports r ON r.id = ri.report_id AND r.case_id = ? JOIN cases c ON c.id = r.case_id"
                        " WHERE l.grant_id = ? AND r.state IN ('submitted', 'accepted') AND ri.used IS NOT NULL"
                        " ORDER BY r.item_key");
    db_bind_int(st, 1, g->case_id);
    db_bind_int(st, 2, g->id);
    while (db_step(st) == DB_ROW) {
        grant_use_t *x = ARENA_PUSH(a, *out, n, cap);
        x->line_id = db_col_int(st, 0);
        x->source = db_col_str(st, 1, a);
        x->as_of = report_as_of(x->source, db_col_text(st, 2), a);
        x->amount = db_col_int(st, 3) * 100;
        x->note = strcmp(db_col_text(st, 4), "accepted") == 0 ? "godkänd redovisning" : "inlämnad redovisning";
        x->by = "huvudmannen";
    }
    db_done(st);
    return n;
}

static size_t read_claims(db_stmt_t *st, arena_t *a, claim_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        claim_t *c = ARENA_PUSH(a, *out, n, cap);
        c->id = db_col_int(st, 0);
        c->grant_id = db_col_int(st, 1);
        c->kind = db_col_str(st, 2, a);
        c->reason = db_col_str(st, 3, a);
        c->amount = db_col_int(st, 4);
        c->registry_number = db_col_str(st, 5, a);
        c->decision_date = db_col_str(st, 6, a);
        c->due_date = db_col_str(st, 7, a);
        c->state = db_col_str(st, 8, a);
        c->settled_date = db_col_str(st, 9, a);
        c->created_by = db_col_str(st, 10, a);
        c->organiser = db_col_str(st, 11, a);
    }
    db_done(st);
    return n;
}

#define CLAIM_COLUMNS "c.id, c.grant_id, c.kind, c.reason, c.amount_ore, c.registry_number, c.decision_date," \
                      " c.due_date, c.state, COALESCE(c.settled_date, ''), c.created_by, o.name"

size_t money_claims(db_t *db, const grant_t *g, arena_t *a, claim_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " CLAIM_COLUMNS " FROM claims c JOIN grants g ON g.id = c.grant_id"
                                   " JOIN organisers o ON o.id = g.organiser_id WHERE c.grant_id = ?"
                                   " ORDER BY c.decision_date, c.id");
    db_bind_int(st, 1, g->id);
    return read_claims(st, a, out);
}

claim_t *money_claim_get(db_t *db, const grant_t *g, int64_t claim_id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT " CLAIM_COLUMNS " FROM claims c JOIN grants g ON g.id = c.grant_id"
                                   " JOIN organisers o ON o.id = g.organiser_id WHERE c.grant_id = ? AND c.id = ?");
    db_bind_int(st, 1, g->id);
    db_bind_int(st, 2, claim_id);
    claim_t *c;
    return read_claims(st, a, &c) == 1 ? c : NULL;
}

size_t money_open_claims(db_t *db, const viewer_t *v, arena_t *a, claim_t **out)
{
    *out = NULL;
    if (!access_may(v, CAP_MONEY_READ))
        return 0;
    db_stmt_t *st = db_prepare(db, "SELECT " CLAIM_COLUMNS " FROM claims c JOIN grants g ON g.id = c.grant_id"
                                   " JOIN organisers o ON o.id = g.organiser_id WHERE c.state = 'raised' AND" IN_REACH
                                   " ORDER BY c.due_date, c.id");
    bind_reach(st, 1, v, 0, 0);
    return read_claims(st, a, out);
}

size_t money_payouts_in_reach(db_t *db, const viewer_t *v, bool pending_only, grant_t *g, size_t ng, arena_t *a,
                              payout_t **out, grant_t ***grant_of)
{
    *out = NULL;
    *grant_of = NULL;
    if (!ng)
        return 0;
    db_stmt_t *st = db_prepare(db, "SELECT p.id, p.grant_id, p.paid_date, p.amount_ore, p.reference, p.registered_by,"
                                   " COALESCE(p.registered_user, 0), p.registered_at, p.state, COALESCE(p.approved_by, ''),"
                                   " COALESCE(p.approved_at, 0) FROM payouts p JOIN grants g ON g.id = p.grant_id"
                                   " WHERE (? = 0 OR p.state = 'pending') AND" IN_REACH " ORDER BY p.paid_date, p.id");
    db_bind_int(st, 1, pending_only);
    bind_reach(st, 2, v, 0, 0);
    size_t n = 0, cap = 0, gcap = 0, gn = 0;
    while (db_step(st) == DB_ROW) {
        payout_t *p = ARENA_PUSH(a, *out, n, cap);
        memset(p, 0, sizeof *p);
        p->id = db_col_int(st, 0);
        p->grant_id = db_col_int(st, 1);
        p->paid_date = db_col_str(st, 2, a);
        p->amount = db_col_int(st, 3);
        p->reference = db_col_str(st, 4, a);
        p->registered_by = db_col_str(st, 5, a);
        p->registered_user = db_col_int(st, 6);
        p->registered_at = db_col_int(st, 7);
        p->state = db_col_str(st, 8, a);
        p->approved_by = db_col_str(st, 9, a);
        p->approved_at = db_col_int(st, 10);
        grant_t *owner = NULL;
        for (size_t k = 0; k < ng && !owner; k++)
            if (g[k].id == p->grant_id)
                owner = &g[k];
        *ARENA_PUSH(a, *grant_of, gn, gcap) = owner;
    }
    db_done(st);
    return n;
}

size_t money_payouts_due(db_t *db, const viewer_t *v, const char *today, const grant_t *g, size_t ng, arena_t *a,
                         grant_t **out, int64_t **due)
{
    *out = NULL;
    *due = NULL;
    if (!ng)
        return 0;
    int64_t *planned = arena_alloc(a, ng * sizeof *planned);
    memset(planned, 0, ng * sizeof *planned);
    db_stmt_t *st = db_prepare(db, "SELECT g.id, ag.kind, av.content FROM grants g JOIN agreements ag"
                                   " ON ag.id = g.agreement_id JOIN agreement_versions av ON av.agreement_id = ag.id"
                                   " AND av.version = ag.version WHERE" IN_REACH);
    bind_reach(st, 1, v, 0, 0);
    while (db_step(st) == DB_ROW) {
        agreement_content_t c;
        if (!agreement_content_parse(agreement_kind_from_key(db_col_text(st, 1)), db_col_text(st, 2), a, &c))
            continue;
        for (size_t i = 0; i < ng; i++)
            if (g[i].id == db_col_int(st, 0))
                for (size_t k = 0; k < c.npayouts; k++)
                    if (strcmp(c.payouts[k].date, today) <= 0)
                        planned[i] += c.payouts[k].amount_ore;
    }
    db_done(st);
    size_t n = 0, cap = 0, dcap = 0, dn = 0;
    for (size_t i = 0; i < ng; i++) {
        if (planned[i] <= g[i].balance.paid + g[i].balance.pending)
            continue;
        *ARENA_PUSH(a, *out, n, cap) = g[i];
        *ARENA_PUSH(a, *due, dn, dcap) = planned[i] - g[i].balance.paid - g[i].balance.pending;
    }
    return n;
}
