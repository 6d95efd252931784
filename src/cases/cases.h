/* cases.h — the collaboration case: one per organiser and selection round, from the
 * accepted offer to the final report. Its units, the people on each side, the phases
 * and the rules for moving between them, and a timeline. Every read takes the viewer:
 * a process supporter sees the cases assigned to them, an organiser's users their own
 * organiser's, a university its own, and the agency's other roles all. */
#ifndef SV_CASES_H
#define SV_CASES_H
#include "../base/arena.h"
#include "../base/viewer.h"
#include "../db/db.h"
#include "../http/request.h"
#include <stdbool.h>
#include <stdint.h>

/* ---- model (model.c): phases and their rules, dates ---- */

typedef enum case_phase {
    PHASE_ACCEPTED,      /* Accepterad */
    PHASE_OK1,           /* ÖK1: the first agreement is drawn up and signed */
    PHASE_ANALYSIS,      /* Nulägesanalys */
    PHASE_PLAN,          /* Åtgärdsplan */
    PHASE_OK2,           /* ÖK2 */
    PHASE_DELIVERY,      /* Genomförande */
    PHASE_FINAL_REPORT,  /* Slutredovisning */
    PHASE_CLOSED,        /* Avslutad */
    PHASE_COUNT
} case_phase_t;

extern const char *const case_phase_keys[]; /* NULL-terminated, in order */
const char *case_phase_key(case_phase_t p);
const char *case_phase_label(case_phase_t p);
/* PHASE_COUNT when the key is unknown. */
case_phase_t case_phase_from_key(const char *key);

/* What the rules look at, gathered from the case by the store. */
typedef struct case_facts {
    int units, supporters;
    bool ok1_signed, analysis_done, plan_done, ok2_signed, final_report;
} case_facts_t;

/* May the case move from one phase to another? Forward one step when the new phase's
 * requirement is met; back one step (a correction) when allow_back. On refusal returns
 * false and writes the reason in Swedish (why[size]). */
bool case_move_allowed(case_phase_t from, case_phase_t to, const case_facts_t *f, bool allow_back, char *why,
                       size_t size);

/* The planned end: three years after the start ('YYYY-MM-DD'; 29 February ends on the
 * 28th). out has room for 11 bytes. False when start is not a date. */
bool case_planned_end(const char *start, char out[11]);

/* ---- store (store.c) ---- */

typedef struct case_row {
    int64_t id, organiser_id, round_id;
    const char *orgnr, *organiser, *round_name, *decision_date, *start_date, *planned_end;
    const char *university, *team_leader, *education_leaders, *county;
    case_phase_t phase;
    const char *supporters;  /* names, comma-separated */
    int64_t units;
} case_row_t;

typedef struct case_filter {
    const char *phase, *round, *county, *q;
    int64_t supporter;       /* a user id, 0: any */
    bool overdue;            /* only cases with something overdue (applied by the pages) */
} case_filter_t;

size_t cases_list(db_t *db, const viewer_t *v, const case_filter_t *f, arena_t *a, case_row_t **out);
/* One case, or NULL when absent or out of the viewer's reach. */
case_row_t *cases_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a);

typedef struct case_unit {
    int64_t unit_id;
    const char *code, *name, *school_forms, *decision, *decision_date;
} case_unit_t;
size_t cases_units(db_t *db, int64_t case_id, arena_t *a, case_unit_t **out);

typedef struct case_person {
    int64_t id, user_id;
    const char *role, *name, *email;
} case_person_t;
size_t cases_people(db_t *db, int64_t case_id, arena_t *a, case_person_t **out);

typedef struct case_event {
    const char *kind, *from_phase, *to_phase, *note, *actor;
    int64_t at;
} case_event_t;
size_t cases_events(db_t *db, int64_t case_id, arena_t *a, case_event_t **out);

void cases_facts(db_t *db, int64_t case_id, case_facts_t *f);
/* Records a line of the case's timeline inside the caller's transaction. */
bool cases_event(db_t *db, int64_t case_id, const char *kind, const char *from, const char *to, const char *note,
                 const viewer_t *v);

/* Starts the case of an accepted offer inside the caller's transaction: the round's
 * decision date as start, three years as planned end, the organiser's chosen units. */
bool cases_start_from_offer(db_t *db, const viewer_t *v, int64_t round_id, int64_t organiser_id, arena_t *a);
/* Adds a unit from a supplementary decision to the organiser's case of the round, if
 * there is one (inside the caller's transaction). */
bool cases_add_supplementary_unit(db_t *db, const viewer_t *v, int64_t round_id, int64_t organiser_id,
                                  int64_t unit_id, const char *date);

/* Moves the case to a phase, checking the rules; records who and when. */
bool cases_move(db_t *db, const viewer_t *v, int64_t id, const char *phase, const char *note, arena_t *a, char **err);
/* Assigns a process supporter (a user with that role); at most two per case. */
bool cases_assign_supporter(db_t *db, const viewer_t *v, int64_t id, int64_t user_id, arena_t *a, char **err);
bool cases_remove_person(db_t *db, const viewer_t *v, int64_t id, int64_t person_id, arena_t *a, char **err);
/* Adds an organiser contact (name and e-mail). */
bool cases_add_contact(db_t *db, const viewer_t *v, int64_t id, const char *name, const char *email, arena_t *a,
                       char **err);
/* Sets the university, its team leader and education leaders. */
bool cases_set_university(db_t *db, const viewer_t *v, int64_t id, const char *university, const char *leader,
                          const char *leaders, arena_t *a, char **err);

/* ---- pages (pages.c) and API (api.c) ---- */

/* The list filter from the request (pages, exports and API), and the list it gives,
 * the overdue filter included. */
case_filter_t cases_filter_from(request_t *req);
size_t cases_list_filtered(request_t *req, const case_filter_t *f, case_row_t **rows);
int cases_list_page(request_t *req);
int cases_export(request_t *req);
int cases_case_page(request_t *req);
int cases_move_submit(request_t *req);
int cases_supporter_submit(request_t *req);
int cases_contact_submit(request_t *req);
int cases_remove_person_submit(request_t *req);
int cases_university_submit(request_t *req);
int cases_api_list(request_t *req);
int cases_api_case(request_t *req);

#endif
