/* commission.h — the university's own documents for its commission on a case (seed 000):
 * the insatsplan and the uppdragsplan, built on the organiser's action plan; an interim
 * report each term; the final report; and the lessons from the interventions. Each is a
 * document of fixed headings that the university writes and submits, and the agency's
 * process supporter accepts or returns with a comment; every submission is frozen and
 * an accepted document is read-only. The agency and the organiser read them.
 *
 * The pure rules (model.c) — the kinds, their headings, a term's name and what is
 * missing before a document can be submitted — take plain values. */
#ifndef SV_COMMISSION_H
#define SV_COMMISSION_H
#include "../cases/cases.h"
#include "../db/tx.h"
#include "../base/submission.h"
#include <stdbool.h>
#include <stdint.h>

/* ---- model (model.c) ---- */

#define COMMISSION_MAX_HEADINGS 6

typedef struct commission_kind {
    const char *key, *label;
    bool per_term;                 /* the interim report: one a term */
    size_t nheadings;
    const char *headings[COMMISSION_MAX_HEADINGS]; /* keys in the stored content */
    const char *titles[COMMISSION_MAX_HEADINGS];   /* in Swedish */
    const char *hints[COMMISSION_MAX_HEADINGS];
} commission_kind_t;

extern const char *const commission_kind_keys[]; /* effort_plan, commission_plan, interim, final, lessons */
/* NULL for a key that is no kind. */
const commission_kind_t *commission_kind(const char *key);
/* Whether a term is written as a term ("2026VT", "2026HT"). */
bool commission_term_valid(const char *term);
/* The document's name: "Delrapport VT 2026", "Insatsplan". */
const char *commission_title(const commission_kind_t *k, const char *term, arena_t *a);
/* The headings still empty, in Swedish ("Rubriken ”Mål” är tom."), before a submission. */
size_t commission_missing(const commission_kind_t *k, const char *const *texts, arena_t *a, const char ***out);
const char *commission_state_label(const char *state);

/* ---- store (store.c) ---- */

typedef struct commission_doc {
    int64_t id, case_id, university_id;
    case_row_t *c;
    const commission_kind_t *kind;
    const char *university, *term, *title, *state, *return_comment, *created_by, *saved_by, *decided_by;
    int version, submissions;
    int64_t created_at, saved_at, decided_at;
    const char *texts[COMMISSION_MAX_HEADINGS]; /* by the kind's headings */
} commission_doc_t;

/* The documents of a case the caller has read in scope, by kind and term. */
size_t commission_list(db_t *db, const case_row_t *c, arena_t *a, commission_doc_t **out);
/* A document by id in a case the viewer may see (NULL otherwise). */
commission_doc_t *commission_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a);
/* The viewer's university's id when it works on the case, else 0. */
int64_t commission_university_of(db_t *db, const viewer_t *v, const case_row_t *c);
bool commission_may_write(db_t *db, const viewer_t *v, const commission_doc_t *d);
bool commission_may_decide(const viewer_t *v, const commission_doc_t *d);

/* Starts a document of a kind (and term, for the interim report) for the viewer's
 * university on the case; the plans' headings are prefilled from the interventions the
 * university carries. Returns its id, or the id it already has; 0 with *err. */
int64_t commission_create(db_t *db, const viewer_t *v, const case_row_t *c, const char *kind, const char *term,
                          arena_t *a, char **err);
/* Saves the headings' texts (one per heading of the kind) on top of the version the form
 * was based on. */
write_result_t commission_save(db_t *db, const viewer_t *v, const commission_doc_t *d, int based_on,
                               const char *const *texts, arena_t *a, char **err);
extern const char *const commission_flow_actions[]; /* submit, accept, return */
bool commission_flow(db_t *db, const viewer_t *v, const commission_doc_t *d, const char *action, const char *comment,
                     arena_t *a, char **err);
size_t commission_submissions(db_t *db, const commission_doc_t *d, arena_t *a, doc_submission_t **out);
/* Every submission of every document of a case the caller has read (document_id set). */
size_t commission_submissions_of_case(db_t *db, const case_row_t *c, arena_t *a, doc_submission_t **out);
/* The document as frozen at a submission (JSON: title and headings). */
char *commission_snapshot(const commission_doc_t *d, arena_t *a);
/* Its comment thread's subject ("commission:12"). */
const char *commission_subject(const commission_doc_t *d, arena_t *a);

#endif
