/* analyses.h — the current-state analysis (nulägesanalys): one per selected unit of a case
 * (a school's or a preschool's) and one at organiser level, written by the analysis group
 * under the headings of its level's template, with problems and their causes, comment
 * threads, uploaded evidence, and a frozen copy of each approved version.
 *
 * Who reads an analysis: the case's scope first (cases_get), then ACCESS_ANALYSIS_SCOPE
 * narrows it for the organiser's heads and group members. Every read below takes either
 * the viewer or an analysis already read in scope. */
#ifndef SV_ANALYSES_H
#define SV_ANALYSES_H
#include "../cases/cases.h"
#include "../db/tx.h"
#include <stdbool.h>
#include <stdint.h>

/* ---- model (model.c) ---- */

/* Levels: "preschool", "school", "organiser"; NULL-terminated for choices. */
extern const char *const analysis_level_keys[];
const char *analysis_level_label(const char *level); /* "Skolenhet" */
/* The level of a unit's analysis from its school forms (",forskola," alone: preschool). */
const char *analysis_level_of_unit(const char *school_forms);

/* The four kinds of cause seed 001 names; NULL-terminated. */
extern const char *const analysis_cause_keys[];
const char *analysis_cause_label(const char *kind); /* "Hur undervisningen bedrivs" */

const char *analysis_state_label(const char *state); /* "Utkast", "För godkännande", "Godkänd" */
/* The flow an analysis and a plan share: submit (draft → submitted), approve (submitted →
 * approved), return (submitted → draft), reopen (approved → draft). False for an unknown
 * action. */
extern const char *const analysis_flow_actions[]; /* NULL-terminated */
bool analysis_flow_step(const char *action, const char **from, const char **to);

/* ---- store (store.c, write.c) ---- */

typedef struct analysis {
    int64_t id, case_id, unit_id;   /* unit_id 0 at organiser level */
    const char *level, *state;
    const char *unit_name, *unit_code; /* "" at organiser level */
    const char *organiser;
    int version;                    /* approved versions so far */
    const char *submitted_by, *approved_by; /* names, "" when none */
    int64_t approved_at, updated_at;
} analysis_t;

typedef struct analysis_section {
    int64_t id;
    int position;
    const char *kind, *title, *guidance, *body;
    int version;
    const char *saved_by;   /* name, "" before the first save */
    int64_t saved_at;
} analysis_section_t;

typedef struct analysis_cause {
    int64_t id, problem_id;
    const char *kind, *text;
} analysis_cause_t;

typedef struct analysis_problem {
    int64_t id;
    const char *title, *result, *evidence, *variable;
    int version;
    const char *saved_by;
    int64_t saved_at;
} analysis_problem_t;

typedef struct analysis_comment {
    int64_t id, section_id;
    const char *author, *body;
    int64_t at;
} analysis_comment_t;

typedef struct analysis_document {
    int64_t id;
    const char *filename, *media_type, *sha256, *uploaded_by;
    int64_t bytes, uploaded_at;
} analysis_document_t;

/* The analyses of a case the viewer may read. */
size_t analyses_of_case(db_t *db, const viewer_t *v, const case_row_t *c, arena_t *a, analysis_t **out);
/* The same for the request's viewer, read once per request (a case's page lists them in
 * more than one section). */
size_t analyses_of_case_seen(request_t *req, const case_row_t *c, const analysis_t **out);
/* One analysis in the viewer's reach, or NULL; *case_out receives its case. */
analysis_t *analyses_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a, case_row_t **case_out);
/* The analysis of a unit (0: the organiser level) of a case already read in scope, when
 * it exists and the viewer may read it. */
analysis_t *analyses_of_unit(db_t *db, const viewer_t *v, const case_row_t *c, int64_t unit_id, arena_t *a);

size_t analyses_sections(db_t *db, const analysis_t *an, arena_t *a, analysis_section_t **out);
size_t analyses_problems(db_t *db, const analysis_t *an, arena_t *a, analysis_problem_t **out);
size_t analyses_causes(db_t *db, const analysis_t *an, arena_t *a, analysis_cause_t **out);
size_t analyses_comments(db_t *db, const analysis_t *an, arena_t *a, analysis_comment_t **out);
size_t analyses_documents(db_t *db, const analysis_t *an, arena_t *a, analysis_document_t **out);
/* One document's bytes (malloc'd; the caller frees), of an analysis already in scope. */
unsigned char *analyses_document_bytes(db_t *db, const analysis_t *an, int64_t document_id, arena_t *a,
                                       analysis_document_t **meta, size_t *len);

typedef struct analysis_version {
    int version;
    const char *content;   /* JSON: sections, problems with causes */
    const char *approved_by;
    int64_t approved_at;
} analysis_version_t;
size_t analyses_versions(db_t *db, const analysis_t *an, arena_t *a, analysis_version_t **out);
/* Reads frozen versions from a statement selecting version, content, approver's name and
 * time (the plans keep theirs in the same shape); finishes the statement. */
size_t analyses_read_versions(db_stmt_t *st, arena_t *a, analysis_version_t **out);

/* What the viewer may do with an analysis read in scope (write, comment, approve). */
bool analyses_may_write(db_t *db, const viewer_t *v, const analysis_t *an);
bool analyses_may_comment(const viewer_t *v);
bool analyses_may_approve(const viewer_t *v, const analysis_t *an);
/* The same rules for a unit of a case (0: organiser level), which the plans share: the
 * analysis group writes, the head or the organiser approves. */
bool analyses_writes_for(db_t *db, const viewer_t *v, int64_t case_id, int64_t unit_id);
bool analyses_approves_for(const viewer_t *v, int64_t unit_id);
/* The same writers' rule for every unit of a case at once (one query, for lists): *all
 * when the viewer writes for every unit and the organiser level; else the units. */
typedef struct analysis_writers {
    bool all;
    const int64_t *units;
    size_t nunits;
} analysis_writers_t;
analysis_writers_t analyses_writers(db_t *db, const viewer_t *v, int64_t case_id, arena_t *a);
bool analyses_writers_include(const analysis_writers_t *w, int64_t unit_id);

/* Starts the analysis of a unit of the case (0: organiser level) with its level's
 * headings; returns its id, or 0 with *err. */
int64_t analyses_start(db_t *db, const viewer_t *v, const case_row_t *c, int64_t unit_id, arena_t *a, char **err);
/* Saves a section's text on top of the version the form was based on. */
write_result_t analyses_save_section(db_t *db, const viewer_t *v, const analysis_t *an, int64_t section_id,
                                     int based_on, const char *body, arena_t *a, char **err);
/* Adds a problem (title, how it shows in results, the evidence, optionally a variable). */
int64_t analyses_add_problem(db_t *db, const viewer_t *v, const analysis_t *an, const char *title,
                             const char *result, const char *evidence, const char *variable, arena_t *a, char **err);
write_result_t analyses_edit_problem(db_t *db, const viewer_t *v, const analysis_t *an, int64_t problem_id,
                                     int based_on, const char *title, const char *result, const char *evidence,
                                     const char *variable, arena_t *a, char **err);
/* Removes a problem and its causes (refused when an intervention answers it). */
bool analyses_remove_problem(db_t *db, const viewer_t *v, const analysis_t *an, int64_t problem_id, arena_t *a,
                             char **err);
int64_t analyses_add_cause(db_t *db, const viewer_t *v, const analysis_t *an, int64_t problem_id, const char *kind,
                           const char *text, arena_t *a, char **err);
bool analyses_remove_cause(db_t *db, const viewer_t *v, const analysis_t *an, int64_t cause_id, arena_t *a,
                           char **err);
/* A comment on a section (0: the analysis as a whole); the writers are told by e-mail. */
int64_t analyses_add_comment(db_t *db, const viewer_t *v, const analysis_t *an, int64_t section_id,
                             const char *body, arena_t *a, char **err);
/* The flow: send for approval, approve (freezes a version), return with a reason, open
 * an approved analysis for a new version. */
bool analyses_flow(db_t *db, const viewer_t *v, const analysis_t *an, const char *action, const char *reason,
                   arena_t *a, char **err);
/* Stores an uploaded document after checking its size and type by content. */
int64_t analyses_add_document(db_t *db, const viewer_t *v, const analysis_t *an, const char *filename,
                              const unsigned char *data, size_t len, arena_t *a, char **err);

/* Whether every selected unit of a case and its organiser level has an approved analysis
 * (for the phase rule), and what is missing, in words, when not. */
bool analyses_case_done(db_t *db, const case_row_t *c, arena_t *a, const char **missing);

/* The flow's buttons for an analysis or a plan in a state (pages.c): send for approval
 * for its writers (member), approve and return with a comment for its approver, open a
 * new version for either once approved. action is the flow's URL. */
void analyses_flow_forms(request_t *req, const char *action, const char *state, bool member, bool approver,
                         const char *approve_label);

/* The largest document accepted, in bytes. */
#define ANALYSIS_DOCUMENT_MAX (20 * 1024 * 1024)
/* The media type of a document from its first bytes: PDF, DOCX, XLSX, PNG, JPEG; NULL
 * when it is none of them (an executable named .pdf is NULL). */
const char *analysis_document_type(const unsigned char *data, size_t len, const char *filename);

#endif
