/* cases.h — the collaboration case: one per organiser and selection round, from the
 * accepted offer to the final report. Its units, the people on each side, the phases and
 * the rules for moving between them, and a timeline. Every read takes the viewer and
 * goes through ACCESS_CASE_SCOPE; everything that belongs to a case is read through it.
 *
 * The case depends on no other area. Areas that add to a case (agreements, meetings,
 * deadlines, …) plug in a case part (CASE_PART below): the facts its phase rules look
 * at, a section on the case page, lines in the timeline. */
#ifndef SV_CASES_H
#define SV_CASES_H
#include "../base/arena.h"
#include "../base/plugin.h"
#include "../base/viewer.h"
#include "../db/db.h"
#include "../db/tx.h"
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

/* What the rules look at: the case's own, and what the case parts add. */
typedef struct case_facts {
    int units, supporters;
    bool ok1_signed, analysis_done, plan_done, ok2_signed, final_report;
    bool support_decided;        /* the agency's decision on support is recorded */
    bool organiser_level_only;   /* a collaboration without units (the pilot's shape) */
    /* What the parts say is missing, in words, when analysis_done or plan_done is false
     * ("" when they say nothing more). */
    char analysis_missing[240], plan_missing[240];
} case_facts_t;

/* May the case move from one phase to another? Forward one step when the new phase's
 * requirement is met; back one step (a correction) when allow_back. On refusal returns
 * false and writes the reason in Swedish (why[size]). */
bool case_move_allowed(case_phase_t from, case_phase_t to, const case_facts_t *f, bool allow_back, char *why,
                       size_t size);

/* The planned end: three years after the start ('YYYY-MM-DD'; 29 February ends on the
 * 28th). out has room for 11 bytes. False when start is not a date. */
bool case_planned_end(const char *start, char out[11]);

/* ---- store (store.c reads, store_write.c changes) ---- */

typedef struct case_row {
    int64_t id, organiser_id, round_id;
    const char *orgnr, *organiser, *round_name, *decision_date, *start_date, *planned_end;
    const char *university, *team_leader, *education_leaders, *county;
    case_phase_t phase;
    const char *supporters;  /* names, comma-separated */
    int64_t units;
    int64_t updated_at;
    int team_version;            /* of the university team, for saves that cross */
    const char *team_saved_by;   /* who saved the team last (name), "" before */
    int64_t team_saved_at;
    const char *support_date, *support_number; /* the agency's decision on support ("" before) */
    bool organiser_level_only;   /* a collaboration at organiser level only, without units */
} case_row_t;

typedef struct case_filter {
    const char *phase, *round, *county, *q;
    int64_t supporter;       /* a user id, 0: any */
    bool overdue;            /* only cases with something overdue (applied by the pages) */
} case_filter_t;

size_t cases_list(db_t *db, const viewer_t *v, const case_filter_t *f, arena_t *a, case_row_t **out);
/* The viewer's cases, unfiltered (cases_list), read once per request: the start page's
 * parts (what is due, the viewer's own case, the list) all need them. */
size_t cases_of_viewer(request_t *req, const case_row_t **out);
/* The number of cases in the viewer's scope in each phase (counts[PHASE_COUNT]). */
void cases_count_by_phase(db_t *db, const viewer_t *v, long long *counts);
/* One case, or NULL when absent or out of the viewer's reach. */
case_row_t *cases_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a);
/* The rounds and supporters of the cases the viewer may see, for the list's filters. */
typedef struct case_choice {
    const char *value, *label;
} case_choice_t;
size_t cases_round_choices(db_t *db, const viewer_t *v, arena_t *a, case_choice_t **out);
size_t cases_supporter_choices(db_t *db, const viewer_t *v, arena_t *a, case_choice_t **out);
/* Active users with the role Processtödjare, who may be assigned to a case. */
size_t cases_assignable_supporters(db_t *db, arena_t *a, case_choice_t **out);

/* The functions below take a case the caller has read through cases_get or cases_list. */

typedef struct case_unit {
    int64_t unit_id;
    const char *code, *name, *school_forms, *decision, *decision_date;
} case_unit_t;
size_t cases_units(db_t *db, const case_row_t *c, arena_t *a, case_unit_t **out);
/* The same, read once per request: a case's page lists them in more than one section. */
size_t cases_units_of(request_t *req, const case_row_t *c, const case_unit_t **out);

typedef struct case_person {
    int64_t id, user_id;
    const char *role, *name, *email;
    int version;              /* a contact's: corrections name the version they started from */
    const char *saved_by;     /* who saved that version, and when (0: when added) */
    int64_t saved_at;
} case_person_t;
size_t cases_people(db_t *db, const case_row_t *c, arena_t *a, case_person_t **out);
/* One contact person of a case already read in scope; NULL if the case has none by that id. */
case_person_t *cases_contact(db_t *db, const case_row_t *c, int64_t person_id, arena_t *a);

typedef struct case_event {
    const char *kind, *from_phase, *to_phase, *note, *actor;
    int64_t at;
} case_event_t;
size_t cases_events(db_t *db, const case_row_t *c, arena_t *a, case_event_t **out);

typedef struct case_change {
    int64_t case_id, at;
    const char *organiser, *kind, *to_phase, *note, *actor;
} case_change_t;
/* The latest lines of the timelines of the cases the viewer may see, newest first. */
size_t cases_recent_changes(db_t *db, const viewer_t *v, size_t limit, arena_t *a, case_change_t **out);

/* The case's own facts, and each case part's, for the phase rules. */
void cases_facts(db_t *db, const case_row_t *c, case_facts_t *f);
/* Keeps the cases where some case part has something overdue (in place); returns how
 * many remain. */
size_t cases_keep_overdue(db_t *db, const viewer_t *v, case_row_t *cases, size_t n, const char *today);
/* Records a line of the case's timeline inside the caller's transaction. */
bool cases_event(db_t *db, int64_t case_id, const char *kind, const char *from, const char *to, const char *note,
                 const viewer_t *v);

/* What an accepted offer starts a case with (the selection round gives it). */
typedef struct case_start {
    int64_t round_id, organiser_id;
    const char *round_name, *decision_date;
    const struct case_start_unit {
        int64_t unit_id;
        const char *decision, *decision_date; /* decision: main or supplementary */
    } *units;
    size_t nunits;
} case_start_t;
/* Starts the case of an accepted offer inside the caller's transaction: the decision date
 * as start, three years as planned end, the chosen units. An organiser that already has
 * its case for the round keeps it. */
bool cases_start(db_t *db, const viewer_t *v, const case_start_t *s, arena_t *a);
/* Adds a unit from a supplementary decision to the organiser's case of the round, if
 * there is one (inside the caller's transaction). */
bool cases_add_supplementary_unit(db_t *db, const viewer_t *v, int64_t round_id, int64_t organiser_id,
                                  int64_t unit_id, const char *date);

/* Moves the case to a phase, checking the rules; records who and when. */
bool cases_move(db_t *db, const viewer_t *v, const case_row_t *c, const char *phase, const char *note, arena_t *a,
                char **err);
/* Records the agency's decision on support (date and registry number). */
bool cases_record_support(db_t *db, const viewer_t *v, const case_row_t *c, const char *date, const char *number,
                          arena_t *a, char **err);
/* Starts a collaboration at organiser level only (no units) for an organiser, with its
 * decision date and a period of months; returns the case's id or 0 with *err. The
 * university is chosen afterwards, from the register, as for any case. */
int64_t cases_start_organiser_level(db_t *db, const viewer_t *v, const char *orgnr, const char *date, int months,
                                    arena_t *a, char **err);
/* Assigns a process supporter (a user with that role); at most two per case. */
bool cases_assign_supporter(db_t *db, const viewer_t *v, const case_row_t *c, int64_t user_id, arena_t *a,
                            char **err);
bool cases_remove_person(db_t *db, const viewer_t *v, const case_row_t *c, int64_t person_id, arena_t *a,
                         char **err);
/* Adds an organiser contact (name and e-mail). */
bool cases_add_contact(db_t *db, const viewer_t *v, const case_row_t *c, const char *name, const char *email,
                       arena_t *a, char **err);
/* Corrects a contact's name and address on top of the version the form was based on
 * (WRITE_STALE when someone saved a newer one meanwhile: nothing written). */
write_result_t cases_edit_contact(db_t *db, const viewer_t *v, const case_row_t *c, int64_t person_id, int based_on,
                                  const char *name, const char *email, arena_t *a, char **err);
/* Sets the university, its team leader and education leaders, on top of the version the
 * form was based on (WRITE_STALE when the team was saved meanwhile: nothing written). */
write_result_t cases_set_university(db_t *db, const viewer_t *v, const case_row_t *c, int based_on,
                                    const char *university, const char *leader, const char *leaders, arena_t *a,
                                    char **err);

/* ---- comment threads on a case's documents (comments.c, comment_pages.c) ---- */

/* A thread belongs to one document of the case, named by its subject ('report:2026VT',
 * 'commission:12'). The caller has read the case and the document in the viewer's scope
 * and decides who may comment; the thread only keeps and tells. */
typedef struct case_comment {
    int64_t id;
    const char *author, *body;
    int64_t at;
} case_comment_t;
size_t cases_comments(db_t *db, const case_row_t *c, const char *subject, arena_t *a, case_comment_t **out);
/* Who hears of a new comment: the agency's side tells the document's writers (the
 * organiser's users, or the university's users of that university), the writers tell the
 * case's process supporters. */
typedef struct comment_notice {
    const char *title;       /* the document in words, for the message */
    const char *link;        /* its page, from the site's root */
    const char *writers;     /* "organiser" or "university" */
    const char *university;  /* for writers = "university" */
    bool from_writer;        /* the comment is the writers' own */
} comment_notice_t;
int64_t cases_add_comment(db_t *db, const viewer_t *v, const case_row_t *c, const char *subject, const char *body,
                          const comment_notice_t *notice, arena_t *a, char **err);
/* The thread under a heading, and a form posting body to action when may_comment. */
void cases_comment_thread(request_t *req, const case_row_t *c, const char *subject, const char *action,
                          bool may_comment);

/* ---- parts of a case that other areas add ---- */

/* The case's history and plan as one list of moments (timeline.c). */
typedef struct case_moment {
    const char *when;    /* sortable: 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM' */
    const char *text;    /* plain text (escaped when written) */
    bool strong;
} case_moment_t;
typedef struct case_timeline {
    case_moment_t *items;
    size_t n, cap;
    arena_t *arena;
} case_timeline_t;
void case_timeline_add(case_timeline_t *t, const char *when, const char *text, bool strong);

typedef struct case_part {
    int order;  /* place on the case page: units 10, agreements 20, phase 30, … */
    /* Adds what the phase rules need to know from this part (may be NULL). */
    void (*facts)(db_t *db, const case_row_t *c, case_facts_t *f);
    /* Writes this part's section of the case page (may be NULL). */
    void (*section)(request_t *req, const case_row_t *c);
    /* Adds this part's moments to the timeline (may be NULL). */
    void (*timeline)(request_t *req, const case_row_t *c, case_timeline_t *t);
    /* Sets late[i] for each of the viewer's cases with something of this part overdue on
     * today, in a fixed number of statements for all of them (may be NULL). */
    void (*overdue)(db_t *db, const viewer_t *v, const case_row_t *cases, size_t n, const char *today, bool *late);
} case_part_t;
#define CASE_PART(descriptor) PLUGIN_ADD(case_parts, descriptor)

/* ---- pages (pages.c), start page (start.c) and API (api.c) ---- */

/* The list filter from the request (pages, exports and API). */
case_filter_t cases_filter_from(request_t *req);
/* A case the request names by {id}, read through the viewer's scope; NULL when it is out
 * of reach (the caller answers 404). */
case_row_t *cases_from_request(request_t *req);
/* The message for a case out of reach. */
#define CASES_NOT_FOUND "Ärendet finns inte, eller så har du inte tillgång till det."
/* The case's page answering status (for other areas' forms on it that fail). */
int cases_page_view(request_t *req, case_row_t *c, int status);
/* The phases as a row of steps, the current one marked. */
void cases_phase_steps(buf_t *o, case_phase_t current);

#endif
