/* deadlines.h — what falls due in a case, and for whom: an interim report each term (VT
 * and HT, by configurable dates), the final report after the planned end, the end of
 * each agreement's period, the planned end itself, and actions from meetings. A date on
 * a Saturday or Sunday falls due on the Monday after. Reminders go out before a date
 * and when it is overdue, each once, through an outbox sent by SMTP. */
#ifndef SV_CASES_DEADLINES_H
#define SV_CASES_DEADLINES_H
#include "cases.h"

/* ---- model (deadline_model.c) ---- */

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
    const char *organiser; /* filled in by the store */
} due_item_t;

/* The reports due in a case running from start to planned_end: interim reports for each
 * term that counts, and the final report. Returns the number written (at most max);
 * labels are allocated in a. */
size_t deadline_reports(const char *start, const char *planned_end, const deadline_rules_t *r, arena_t *a,
                        due_item_t *out, size_t max);
/* The working day a date falls due: Saturday and Sunday move to Monday. */
void deadline_working_day(const char *date, char out[11]);

/* ---- store (deadline_store.c) ---- */

/* The rules as the settings say (defaults otherwise). */
void deadlines_rules(db_t *db, deadline_rules_t *r);
/* Everything due in the cases the viewer may see that concerns them, not yet done,
 * up to horizon days after today (overdue ones always); ordered by date. */
size_t deadlines_for_viewer(db_t *db, const viewer_t *v, const char *today, int horizon, arena_t *a, due_item_t **out);
/* Every item of a case the caller has read through its scope (done or not). */
size_t deadlines_for_case(db_t *db, const case_row_t *c, const char *today, arena_t *a, due_item_t **out);
/* Keeps only the cases with something overdue (in place); returns how many remain. */
size_t deadlines_keep_overdue(db_t *db, case_row_t *cases, size_t n, const char *today);
/* Marks a report handed in (organiser or supporter of the case). */
bool deadlines_submit(db_t *db, const viewer_t *v, int64_t case_id, const char *key, arena_t *a, char **err);

/* Queues the reminders due on today (before: within days; overdue) for every case's
 * organiser users and supporters, each once. Returns how many were queued. */
int deadlines_queue_reminders(db_t *db, const char *today, int days);
/* Sends unsent reminders by SMTP (url "smtp://host:port", from an address); returns how
 * many were sent; failures stay in the outbox with their error. */
int deadlines_send_outbox(db_t *db, const char *smtp_url, const char *from);

/* The server's background round (reminder_loop.c): every interval seconds queue the
 * reminders within days and send the outbox (when smtp and from are set). */
void reminders_start(const char *db_url, int interval, int days, const char *smtp, const char *from);
void reminders_stop(void);

/* ---- calendar (calendar.c) ---- */

/* The viewer's meetings and due dates as an iCalendar document. */
void calendar_ics(db_t *db, const viewer_t *v, const char *today, arena_t *a, buf_t *out);
/* Creates (or replaces) a user's feed token; returns it (shown once), or NULL. */
const char *calendar_new_token(db_t *db, int64_t user_id, arena_t *a);
/* The user a feed token belongs to, or 0. */
int64_t calendar_user(db_t *db, const char *token);

/* ---- pages ---- */
void deadlines_case_section(request_t *req, const case_row_t *c);
void deadlines_start_section(request_t *req);
/* The case parts of the viewer's start page, by role (start.c). */
void cases_start_sections(request_t *req);
int deadlines_submit_form(request_t *req);
int deadlines_api_due(request_t *req);
int calendar_feed(request_t *req);
int calendar_token_submit(request_t *req);
int admin_outbox_page(request_t *req);

#endif
