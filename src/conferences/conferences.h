/* conferences.h — the programme's conferences (seed 001; seed 003 §4.3): a kick-off after
 * each selection, a follow-up seminar mid-way, a closing seminar, thematic conferences and
 * network meetings, with date, place or link, programme and capacity. The agency invites
 * the organisers of a selection round (or of chosen cases) in one step: each person gets
 * a personal link by e-mail, and registers by it with name, role and dietary or access
 * needs — on the waiting list when the conference is full, moving up when someone
 * cancels. Attendance is marked at the door; the counts by role and organiser are kept,
 * the personal data only until the conference has been held plus a set number of days.
 *
 * The pure rules (model.c) take plain values. */
#ifndef SV_CONFERENCES_H
#define SV_CONFERENCES_H
#include "../db/tx.h"
#include <stdbool.h>
#include <stdint.h>

/* ---- model (model.c) ---- */

extern const char *const conference_kind_keys[]; /* kickoff, followup, closing, thematic, network */
const char *conference_kind_label(const char *key);
extern const char *const conference_role_keys[]; /* principal, teacher, lead_teacher, director, officer, politician, ceo */
const char *conference_role_label(const char *key);
const char *conference_status_label(const char *status);
/* Where a new registration goes: "registered" while places remain, else "waiting". */
const char *conference_place(int capacity, int registered);
/* Whether a conference's personal data are past keeping on today ('YYYY-MM-DD'). */
bool conference_past_keeping(const char *held_on, int keep_days, const char *today);

/* ---- store (store.c) ---- */

typedef struct conference {
    int64_t id, round_id;
    const char *kind, *title, *held_on, *place, *programme;
    int capacity, keep_days;
    int invited, registered, waiting, attended;
    int64_t evaluation_survey_id;  /* the evaluation sent to those who came; 0 none yet */
    int evaluation_sent;
} conference_t;
typedef struct registration {
    int64_t id, organiser_id;
    const char *organiser, *name, *email, *role, *needs, *status;
    bool attended, anonymised;
} registration_t;
typedef struct conference_count {
    const char *key, *label;   /* a role, or an organiser's name */
    int registered, attended;
} conference_count_t;

size_t conferences_list(db_t *db, const viewer_t *v, arena_t *a, conference_t **out);
conference_t *conferences_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a);
size_t conferences_registrations(db_t *db, const conference_t *c, arena_t *a, registration_t **out);
/* Registered and attended by role, and by organiser. */
size_t conferences_by_role(db_t *db, const conference_t *c, arena_t *a, conference_count_t **out);
size_t conferences_by_organiser(db_t *db, const conference_t *c, arena_t *a, conference_count_t **out);

typedef struct conference_input {
    const char *kind, *title, *held_on, *place, *programme;
    int capacity, keep_days;
} conference_input_t;
int64_t conferences_create(db_t *db, const viewer_t *v, const conference_input_t *in, arena_t *a, const char **field,
                           char **err);
/* Invites the organisers of a round's offers (round_id), or of the cases listed: their
 * organiser users and the cases' contacts with an address, each once, each with a
 * personal link sent through the outbox. Returns how many new invitations. */
int conferences_invite(db_t *db, const viewer_t *v, const conference_t *c, int64_t round_id, const int64_t *cases,
                       size_t ncases, const char *base_url, arena_t *a, char **err);
bool conferences_mark(db_t *db, const viewer_t *v, const conference_t *c, const int64_t *attended, size_t n, arena_t *a,
                      char **err);
struct survey;
/* Sends an open survey as the conference's evaluation to everyone marked present who gave
 * an address, each with a personal link, their role as the respondent group; those already
 * invited to it get no second link. Returns how many were invited, or -1. */
int conferences_evaluate(db_t *db, const viewer_t *v, const conference_t *c, const struct survey *s,
                         const char *base_url, arena_t *a, char **err);
/* Removes the names, addresses and needs of conferences past keeping (the counts stay). */
int conferences_forget(db_t *db, const char *today);

/* ---- a personal link (public.c) ---- */

typedef struct invitation {
    int64_t id, organiser_id;
    const char *organiser, *email;
    conference_t conf;
    registration_t *reg;       /* NULL before registering */
} invitation_t;
/* The invitation a personal link names; NULL for a link that is unknown, or of a
 * conference already held (the page says neither which). */
invitation_t *conferences_invitation(db_t *db, const char *token, const char *today, arena_t *a);
/* Registers by the link: name, role and needs; on the waiting list when full. */
bool conferences_register(db_t *db, const invitation_t *inv, const char *name, const char *role, const char *needs,
                          arena_t *a, const char **field, char **err);
/* Cancels; the first on the waiting list moves up. */
bool conferences_cancel(db_t *db, const invitation_t *inv, arena_t *a, char **err);

#endif
