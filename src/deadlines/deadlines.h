/* deadlines.h — what falls due in a case, and for whom: an interim report each term (VT
 * and HT, by configurable dates), the final report after the planned end, the planned end
 * itself, and whatever other areas add as due sources (an agreement's period, a meeting's
 * action, …). A date on a Saturday or Sunday falls due on the Monday after. Reminders go
 * out before a date and when it is overdue, each once, through the mail outbox. */
#ifndef SV_DEADLINES_H
#define SV_DEADLINES_H
#include "../cases/cases.h"

/* ---- model (model.c) ---- */

typedef struct deadline_rules {
    char vt[6], ht[6];     /* "06-15", "12-15": interim report due dates for each term */
    int min_days;          /* a term counts when the case has run this long by its due date */
    int final_days;        /* the final report is due this many days after the planned end */
} deadline_rules_t;

/* The defaults: VT by 15 June, HT by 15 December, 60 days, 60 days. */
void deadline_rules_default(deadline_rules_t *r);

typedef struct due_item {
    int64_t case_id;
    const char *key;       /* interim:2026VT, final, agreement:12, end, action:7 */
    const char *label;     /* "Delredovisning VT 2026" */
    char date[11];
    bool for_organiser, for_supporters;
    bool done, overdue;
    bool report;           /* a report that is handed in (marked done) */
    bool reminds;          /* counts as overdue and is reminded when late */
    const char *organiser; /* filled in by the store */
} due_item_t;

/* The reports due in a case running from start to planned_end: interim reports for each
 * term that counts, and the final report. Returns the number written (at most max);
 * labels are allocated in a. */
size_t deadline_reports(const char *start, const char *planned_end, const deadline_rules_t *r, arena_t *a,
                        due_item_t *out, size_t max);

/* ---- due items from other areas ---- */

typedef struct due_source {
    /* Writes the source's items of a case (at most max, with key, label, date, for whom,
     * report and reminds set); returns how many. */
    size_t (*items)(db_t *db, const case_row_t *c, arena_t *a, due_item_t *out, size_t max);
    /* The same items for every case the viewer may see, in one read (case_id set), so a
     * list over many cases does not ask once per case. */
    size_t (*items_in_reach)(db_t *db, const viewer_t *v, arena_t *a, due_item_t **out);
} due_source_t;
#define DUE_SOURCE(descriptor) PLUGIN_ADD(due_sources, descriptor)

/* ---- store (store.c) ---- */

/* The rules as the settings say (defaults otherwise). */
void deadlines_rules(db_t *db, deadline_rules_t *r);
/* Everything due in the cases the viewer may see that concerns them, not yet done,
 * up to horizon days after today (overdue ones always); ordered by date. */
size_t deadlines_for_viewer(db_t *db, const viewer_t *v, const char *today, int horizon, arena_t *a, due_item_t **out);
/* The same, for the viewer's cases already read (cases_list, unfiltered). */
size_t deadlines_in_cases(db_t *db, const viewer_t *v, const case_row_t *cases, size_t nc, const char *today,
                          int horizon, arena_t *a, due_item_t **out);
/* Every item of a case the caller has read through its scope (done or not). */
size_t deadlines_for_case(db_t *db, const case_row_t *c, const char *today, arena_t *a, due_item_t **out);
/* Sets each item's overdue flag as of today (a date): reminded, not done, and due before it. */
void deadlines_as_of(due_item_t *items, size_t n, const char *today);
/* Sets late[i] for each of the viewer's cases (read through its scope) that has something
 * overdue on today: what every source says about all of them, read in a fixed number of
 * statements. */
void deadlines_mark_overdue(db_t *db, const viewer_t *v, const case_row_t *cases, size_t n, const char *today,
                            bool *late);
/* Marks a report handed in (organiser or supporter of a case the caller has read). */
bool deadlines_submit(db_t *db, const viewer_t *v, const case_row_t *c, const char *key, arena_t *a, char **err);

/* Queues the reminders due on today (before: within days; overdue) for every case's
 * organiser users and supporters, each once. Returns how many were queued. */
int deadlines_queue_reminders(db_t *db, const char *today, int days);

#endif
