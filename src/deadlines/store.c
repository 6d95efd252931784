/* store.c — due items of the cases in the database (the reports, the planned end, and
 * every due source's), reports handed in, and reminders queued in the mail outbox. */
#include "deadlines.h"
#include "../access/access.h"
#include "../base/date.h"
#include "../base/vec.h"
#include "../db/outbox.h"
#include "../db/settings.h"
#include "../db/tx.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

PLUGIN_SET(due_sources);

enum { MAX_ITEMS_PER_CASE = 64 };

void deadlines_rules(db_t *db, deadline_rules_t *r)
{
    deadline_rules_default(r);
    arena_t a = ARENA_INIT;
    const char *vt = settings_get(db, "interim_vt", NULL, &a), *ht = settings_get(db, "interim_ht", NULL, &a);
    if (vt && strlen(vt) == 5)
        memcpy(r->vt, vt, 6);
    if (ht && strlen(ht) == 5)
        memcpy(r->ht, ht, 6);
    arena_free(&a);
}

/* The report keys handed in for a case, one query. */
static size_t submitted(db_t *db, int64_t case_id, arena_t *a, const char ***out)
{
    db_stmt_t *st = db_prepare(db, "SELECT item_key FROM case_submissions WHERE case_id = ?");
    db_bind_int(st, 1, case_id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        *ARENA_PUSH(a, *out, n, cap) = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    return n;
}

/* The case's own items: the reports its period gives, and the planned end. */
static size_t own_items(const case_row_t *c, const deadline_rules_t *r, arena_t *a, due_item_t *out, size_t max)
{
    size_t n = deadline_reports(c->start_date, c->planned_end, r, a, out, max);
    if (n < max) {
        due_item_t *d = &out[n++];
        memset(d, 0, sizeof *d);
        d->key = "end";
        d->label = "Planerat slut för samverkan";
        snprintf(d->date, sizeof d->date, "%.10s", c->planned_end);
        d->for_supporters = d->for_organiser = true;
    }
    return n;
}

/* Marks the items of a case done (reports handed in) and overdue. */
static void settle(const case_row_t *c, const char *today, const char *const *done, size_t ndone, due_item_t *out,
                   size_t n)
{
    for (size_t i = 0; i < n; i++) {
        out[i].case_id = c->id;
        out[i].organiser = c->organiser;
        for (size_t k = 0; out[i].report && k < ndone && !out[i].done; k++)
            out[i].done = strcmp(done[k], out[i].key) == 0;
    }
    deadlines_as_of(out, n, today);
}

void deadlines_as_of(due_item_t *items, size_t n, const char *today)
{
    for (size_t i = 0; i < n; i++)
        items[i].overdue = items[i].reminds && !items[i].done && strcmp(items[i].date, today) < 0;
}

/* All items of one case: reports, the planned end, and each due source's. */
static size_t case_items(db_t *db, const case_row_t *c, const deadline_rules_t *r, const char *today, arena_t *a,
                         due_item_t *out, size_t max)
{
    size_t n = own_items(c, r, a, out, max);
    for (size_t idx = 0; idx < PLUGIN_COUNT(due_sources) && n < max; idx++) {
        const due_source_t *s = PLUGIN_AT(due_sources, idx);
        n += s->items(db, c, a, out + n, max - n);
    }
    const char **done;
    size_t ndone = submitted(db, c->id, a, &done);
    settle(c, today, done, ndone, out, n);
    return n;
}

static int by_date(const void *x, const void *y)
{
    const due_item_t *a = x, *b = y;
    int c = strcmp(a->date, b->date);
    return c ? c : strcmp(a->organiser ? a->organiser : "", b->organiser ? b->organiser : "");
}

size_t deadlines_for_case(db_t *db, const case_row_t *c, const char *today, arena_t *a, due_item_t **out)
{
    *out = arena_alloc(a, MAX_ITEMS_PER_CASE * sizeof **out);
    deadline_rules_t r;
    deadlines_rules(db, &r);
    size_t n = case_items(db, c, &r, today, a, *out, MAX_ITEMS_PER_CASE);
    qsort(*out, n, sizeof **out, by_date);
    return n;
}

/* What the due sources and the reports handed in say about every case in the viewer's
 * reach, each in one read, ordered by case. */
typedef struct in_reach {
    due_item_t *items;
    size_t n;
    int64_t *done_case;
    const char **done_key;
    size_t ndone;
} in_reach_t;

static int by_case(const void *x, const void *y)
{
    const due_item_t *a = x, *b = y;
    return (a->case_id > b->case_id) - (a->case_id < b->case_id);
}

static void read_in_reach(db_t *db, const viewer_t *v, arena_t *a, in_reach_t *r)
{
    size_t cap = 0;
    memset(r, 0, sizeof *r);
    for (size_t idx = 0; idx < PLUGIN_COUNT(due_sources); idx++) {
        const due_source_t *s = PLUGIN_AT(due_sources, idx);
        due_item_t *got;
        size_t n = s->items_in_reach(db, v, a, &got);
        for (size_t i = 0; i < n; i++)
            *ARENA_PUSH(a, r->items, r->n, cap) = got[i];
    }
    if (r->n)
        qsort(r->items, r->n, sizeof *r->items, by_case);
    db_stmt_t *st = db_prepare(db, "SELECT s.case_id, s.item_key FROM case_submissions s JOIN cases c ON c.id = s.case_id"
                                   " WHERE " ACCESS_CASE_SCOPE " ORDER BY s.case_id");
    access_bind_case(st, 1, v);
    size_t dcap = 0, kcap = 0, nk = 0;
    while (db_step(st) == DB_ROW) {
        *ARENA_PUSH(a, r->done_case, r->ndone, dcap) = db_col_int(st, 0);
        *ARENA_PUSH(a, r->done_key, nk, kcap) = db_col_str(st, 1, a);
    }
    db_done(st);
}

/* One case's items from what was read for all cases in reach: its own, the sources' (a run
 * of the list ordered by case) and its reports handed in, settled for today. */
/* The first of n elements (each `size` bytes, ordered by the int64_t at `offset`) whose
 * key is not below key, or n: where a case's (or an organiser's) run begins. */
static size_t lower_bound(const void *base, size_t n, size_t size, size_t offset, int64_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int64_t at;
        memcpy(&at, (const char *)base + mid * size + offset, sizeof at);
        if (at < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t items_in_reach(const in_reach_t *reach, const case_row_t *c, const deadline_rules_t *r,
                             const char *today, arena_t *a, due_item_t *items)
{
    size_t k = own_items(c, r, a, items, MAX_ITEMS_PER_CASE);
    for (size_t i = lower_bound(reach->items, reach->n, sizeof *reach->items, offsetof(due_item_t, case_id), c->id);
         i < reach->n && reach->items[i].case_id == c->id && k < MAX_ITEMS_PER_CASE; i++)
        items[k++] = reach->items[i];
    size_t first = lower_bound(reach->done_case, reach->ndone, sizeof *reach->done_case, 0, c->id), last = first;
    while (last < reach->ndone && reach->done_case[last] == c->id)
        last++;
    settle(c, today, reach->done_key + first, last - first, items, k);
    return k;
}

size_t deadlines_for_viewer(db_t *db, const viewer_t *v, const char *today, int horizon, arena_t *a, due_item_t **out)
{
    case_filter_t f = {0};
    case_row_t *cases;
    size_t nc = cases_list(db, v, &f, a, &cases);
    return deadlines_in_cases(db, v, cases, nc, today, horizon, a, out);
}

size_t deadlines_in_cases(db_t *db, const viewer_t *v, const case_row_t *cases, size_t nc, const char *today,
                          int horizon, arena_t *a, due_item_t **out)
{
    deadline_rules_t r;
    deadlines_rules(db, &r);
    char until[11];
    if (!date_add_days(today, horizon, until))
        snprintf(until, sizeof until, "%.10s", today);
    bool organiser_side = access_may(v, CAP_DUE_AS_ORGANISER);
    in_reach_t reach;
    read_in_reach(db, v, a, &reach);
    size_t n = 0, cap = 0;
    *out = NULL;
    due_item_t items[MAX_ITEMS_PER_CASE];
    for (size_t i = 0; i < nc; i++) {
        if (cases[i].phase == PHASE_CLOSED)
            continue;
        size_t k = items_in_reach(&reach, &cases[i], &r, today, a, items);
        for (size_t j = 0; j < k; j++) {
            const due_item_t *d = &items[j];
            bool mine = organiser_side ? d->for_organiser : d->for_supporters;
            if (!mine || d->done || (!d->overdue && strcmp(d->date, until) > 0) ||
                (!d->overdue && strcmp(d->date, today) < 0))
                continue;
            *ARENA_PUSH(a, *out, n, cap) = *d;
        }
    }
    if (n)
        qsort(*out, n, sizeof **out, by_date);
    return n;
}

void deadlines_mark_overdue(db_t *db, const viewer_t *v, const case_row_t *cases, size_t n, const char *today,
                            bool *late)
{
    arena_t a = ARENA_INIT;
    deadline_rules_t r;
    deadlines_rules(db, &r);
    in_reach_t reach;
    read_in_reach(db, v, &a, &reach);
    due_item_t items[MAX_ITEMS_PER_CASE];
    for (size_t i = 0; i < n; i++) {
        size_t k = items_in_reach(&reach, &cases[i], &r, today, &a, items);
        for (size_t j = 0; j < k && !late[i]; j++)
            late[i] = items[j].overdue;
    }
    arena_free(&a);
}

bool deadlines_submit(db_t *db, const viewer_t *v, const case_row_t *c, const char *key, arena_t *a, char **err)
{
    *err = NULL;
    if (strncmp(key, "interim:", 8) != 0 && strcmp(key, "final") != 0 && strncmp(key, "wheel:", 6) != 0) {
        *err = arena_strdup(a, "Bara redovisningar och årshjulets aktiviteter markeras som klara.");
        return false;
    }
    if (!access_may(v, CAP_REPORT_SUBMIT)) {
        *err = arena_strdup(a, "Du får inte markera redovisningar som inlämnade.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run(db, "INSERT INTO case_submissions (case_id, item_key, submitted_by, submitted_at) VALUES (?, ?, ?, ?)"
                         " ON CONFLICT (case_id, item_key) DO NOTHING",
                     "itti", c->id, key, v->email, (int64_t)time(NULL)) == DB_DONE &&
              cases_event(db, c->id, "report", NULL, NULL, arena_printf(a, "Inlämnad: %s.", key), v);
    return tx_finish(db, ok, a, err);
}

/* ---- reminders ---- */

static bool queue_one(db_t *db, int64_t user, const char *email, const due_item_t *d, const char *kind,
                      const char *organiser, arena_t *a)
{
    bool late = strcmp(kind, "overdue") == 0;
    const char *subject = late ? arena_printf(a, "Försenat: %s (%s)", d->label, organiser)
                               : arena_printf(a, "Påminnelse: %s senast %s (%s)", d->label, d->date, organiser);
    const char *body = arena_printf(a, "Hej!\r\n\r\n%s för %s %s %s.\r\n\r\nSe ärendet i Samverkan.\r\n\r\n"
                                       "Det här är en automatisk påminnelse från Samverkan för bästa skola.\r\n",
                                    d->label, organiser, late ? "skulle ha varit klar" : "ska vara klar", d->date);
    /* One reminder per user, case, item and kind, even with several processes. */
    const char *key = arena_printf(a, "reminder:%lld:%lld:%s:%s", (long long)user, (long long)d->case_id, d->key, kind);
    return outbox_queue(db, key, user, email, subject, body);
}

/* Who may be reminded, grouped (by organiser or by case) and ordered by group. */
typedef struct recipient {
    int64_t group, user;
    const char *email;
} recipient_t;

static size_t read_recipients(db_t *db, sql_t sql, arena_t *a, recipient_t **out)
{
    db_stmt_t *st = db_prepare_sql(db, sql);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (st && db_step(st) == DB_ROW)
        *ARENA_PUSH(a, *out, n, cap) = (recipient_t){db_col_int(st, 0), db_col_int(st, 1), db_col_str(st, 2, a)};
    db_done(st);
    return n;
}

static bool queue_group(db_t *db, const recipient_t *r, size_t n, int64_t group, const due_item_t *d, const char *kind,
                        const char *organiser, arena_t *a)
{
    bool ok = true;
    for (size_t i = lower_bound(r, n, sizeof *r, offsetof(recipient_t, group), group); ok && i < n && r[i].group == group;
         i++)
        ok = queue_one(db, r[i].user, r[i].email, d, kind, organiser, a);
    return ok;
}

int deadlines_queue_reminders(db_t *db, const char *today, int days)
{
    arena_t a = ARENA_INIT;
    viewer_t all = viewer_cli;
    case_filter_t f = {0};
    case_row_t *cases;
    size_t nc = cases_list(db, &all, &f, &a, &cases);
    deadline_rules_t r;
    deadlines_rules(db, &r);
    char until[11];
    date_add_days(today, days, until);
    int64_t before = outbox_count(db);
    char *err = NULL;
    if (!tx_begin(db, &a, &err)) {
        arena_free(&a);
        return 0;
    }
    /* Every case's items, the organisers' own users and the cases' supporters, each read
     * once for all cases. */
    in_reach_t reach;
    read_in_reach(db, &all, &a, &reach);
    recipient_t *owners, *supporters;
    size_t nowners = read_recipients(db, SQL("SELECT organiser_id, id, email FROM users WHERE active = 1"
                                             " AND role = 'organiser' AND organiser_id IS NOT NULL"
                                             " ORDER BY organiser_id, id"), &a, &owners);
    size_t nsupporters = read_recipients(db, SQL("SELECT p.case_id, u.id, u.email FROM case_people p"
                                                 " JOIN users u ON u.id = p.user_id WHERE p.role = 'supporter'"
                                                 " AND u.active = 1 ORDER BY p.case_id, u.id"), &a, &supporters);
    bool ok = true;
    due_item_t items[MAX_ITEMS_PER_CASE];
    for (size_t i = 0; ok && i < nc; i++) {
        if (cases[i].phase == PHASE_CLOSED)
            continue;
        size_t k = items_in_reach(&reach, &cases[i], &r, today, &a, items);
        for (size_t j = 0; ok && j < k; j++) {
            const due_item_t *d = &items[j];
            if (d->done || strcmp(d->date, until) > 0 || (!d->overdue && strcmp(d->date, today) < 0))
                continue;
            const char *kind = d->overdue ? "overdue" : "before";
            /* The organiser's own users (role organiser) and the case's supporters. */
            if (d->for_organiser)
                ok = queue_group(db, owners, nowners, cases[i].organiser_id, d, kind, cases[i].organiser, &a);
            if (ok && d->for_supporters)
                ok = queue_group(db, supporters, nsupporters, cases[i].id, d, kind, cases[i].organiser, &a);
        }
    }
    tx_finish(db, ok, &a, &err);
    int64_t after = outbox_count(db);
    arena_free(&a);
    return (int)(after - before);
}
