/* networks.h — working networks (seed 004: SKR's arbetande nätverk) and regional networks
 * (seed 002): member organisers, each represented at the four levels that work with
 * school (politics, administration, principals, teachers); meetings that alternate with
 * work at home, with notes, check-in and check-out rounds and attendance person by
 * person; and the commitments (åtaganden) each member makes at a meeting, with an
 * operational goal under one of the steering aspects (gemensam ledning, gemensam syn,
 * gemensamma rutiner), reported on at the next meetings (done, partly, not) and carried
 * until done.
 * The agency keeps the networks; a member organiser's users read their networks, every
 * member's commitments in them included, and make and report their own commitments.
 *
 * The pure rules (model.c) take plain values. */
#ifndef SV_NETWORKS_H
#define SV_NETWORKS_H
#include "../db/tx.h"
#include <stdbool.h>
#include <stdint.h>

/* ---- model (model.c) ---- */

extern const char *const network_level_keys[];  /* politics, administration, principals, teachers */
const char *network_level_label(const char *key);
extern const char *const network_aspect_keys[]; /* leadership, view, routines */
const char *network_aspect_label(const char *key);
extern const char *const network_outcome_keys[]; /* done, partly, not */
const char *network_outcome_label(const char *key);
extern const char *const network_kind_keys[];   /* working, regional */
const char *network_kind_label(const char *key);

/* A commitment is open until a report says it is done; the latest report counts.
 * outcomes: the reports' outcomes in meeting order. */
bool network_commitment_open(const char *const *outcomes, size_t n);
/* The levels a member lacks a representative for, in order ("Politik, Lärare"), or ""
 * when all four are there. levels: the member's representatives' levels. */
const char *network_levels_missing(const char *const *levels, size_t n, arena_t *a);

/* ---- store (store.c, write.c) ---- */

typedef struct network {
    int64_t id;
    const char *name, *kind, *convener, *description;
    int64_t members, meetings;
} network_t;
typedef struct network_member {
    int64_t id, organiser_id;
    const char *organiser, *orgnr;
} network_member_t;
typedef struct network_rep {
    int64_t id, member_id;
    const char *level, *name, *email;
} network_rep_t;
typedef struct network_meeting {
    int64_t id, network_id;
    const char *held_on, *place, *notes, *checkin, *checkout, *saved_by;
    int version;
    int64_t saved_at;
} network_meeting_t;
typedef struct commitment {
    int64_t id, member_id, meeting_id;
    const char *organiser, *aspect, *goal, *action, *made_on, *created_by;
    bool open;
} commitment_t;
typedef struct commitment_report {
    int64_t id, commitment_id, meeting_id;
    const char *outcome, *text, *held_on, *reported_by;
} commitment_report_t;

/* The networks the viewer may see: every one for the agency, those its organiser is a
 * member of for an organiser's user. */
size_t networks_list(db_t *db, const viewer_t *v, arena_t *a, network_t **out);
network_t *networks_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a);
/* The parts of a network the caller has read through networks_get. */
size_t networks_members(db_t *db, const network_t *n, arena_t *a, network_member_t **out);
size_t networks_reps(db_t *db, const network_t *n, arena_t *a, network_rep_t **out);
size_t networks_meetings(db_t *db, const network_t *n, arena_t *a, network_meeting_t **out);
size_t networks_reports(db_t *db, const network_t *n, arena_t *a, commitment_report_t **out);
/* The commitments, each open until the latest of its reports (read by the caller with
 * networks_reports) says done. */
size_t networks_commitments(db_t *db, const network_t *n, const commitment_report_t *r, size_t nr, arena_t *a,
                            commitment_t **out);
/* A meeting of a network the viewer may see, and its network. */
network_meeting_t *networks_meeting(db_t *db, const viewer_t *v, int64_t id, arena_t *a, network_t **network);
/* The representatives recorded present at a meeting. */
size_t networks_present(db_t *db, const network_meeting_t *m, arena_t *a, int64_t **out);
/* The member the viewer writes commitments for (its organiser's membership), or 0; the
 * agency's keepers write for every member. */
int64_t networks_own_member(db_t *db, const viewer_t *v, const network_t *n);
bool networks_may_keep(const viewer_t *v);

int64_t networks_create(db_t *db, const viewer_t *v, const char *name, const char *kind, const char *convener,
                        const char *description, arena_t *a, const char **field, char **err);
int64_t networks_add_member(db_t *db, const viewer_t *v, const network_t *n, const char *orgnr, arena_t *a, char **err);
bool networks_add_rep(db_t *db, const viewer_t *v, const network_t *n, int64_t member_id, const char *level,
                      const char *name, const char *email, arena_t *a, const char **field, char **err);
int64_t networks_plan_meeting(db_t *db, const viewer_t *v, const network_t *n, const char *held_on, const char *place,
                              arena_t *a, char **err);
/* Saves a meeting's record (attendance, notes, check-in, check-out) on top of the version
 * the form was based on. */
write_result_t networks_record(db_t *db, const viewer_t *v, const network_meeting_t *m, int based_on,
                               const int64_t *present, size_t npresent, const char *notes, const char *checkin,
                               const char *checkout, arena_t *a, char **err);
/* A member's commitment made at a meeting. */
int64_t networks_commit(db_t *db, const viewer_t *v, const network_meeting_t *m, int64_t member_id, const char *aspect,
                        const char *goal, const char *action, arena_t *a, const char **field, char **err);
/* A report at a meeting on an open commitment made at an earlier meeting. */
bool networks_report(db_t *db, const viewer_t *v, const network_meeting_t *m, int64_t commitment_id,
                     const char *outcome, const char *text, arena_t *a, const char **field, char **err);

#endif
