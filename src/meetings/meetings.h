/* meetings.h — a case's analysis groups (one at administration level, one per selected
 * unit), their members, and meetings: the groups' meetings with the two process
 * supporters (about every three weeks, about three hours), the university's visits and
 * the tripartite quality meetings. A meeting keeps attendance, notes and actions; an
 * action stays on the next meetings' agenda until it is done.
 * Who sees a group: everyone who sees the case, except that a group member sees only
 * the groups they belong to, and a unit's head the unit's group and their own. */
#ifndef SV_MEETINGS_H
#define SV_MEETINGS_H
#include "../cases/cases.h"
#include "../db/tx.h"

/* ---- model (model.c) ---- */

/* Dates of a meeting series: count meetings from first ('YYYY-MM-DD'), every interval
 * days; a date on a Saturday or Sunday moves to the Monday after. out holds count dates
 * of 11 bytes. False when first is not a date or count/interval are out of range. */
bool meeting_series(const char *first, int count, int interval, char (*out)[11]);

extern const char *const meeting_kind_keys[]; /* analysis, visit, quality */
const char *meeting_kind_label(const char *key);
extern const char *const meeting_purpose_keys[]; /* "", inception, talk */
/* A meeting's kind in words, with a visit's purpose ("Uppstartsmöte …"). */
const char *meeting_label(const char *kind, const char *purpose);

/* ---- store (store.c) ---- */

typedef struct analysis_group {
    int64_t id, case_id, unit_id;
    const char *level, *name, *unit_name;
    int64_t members;
} analysis_group_t;

typedef struct group_member {
    int64_t id, user_id;
    const char *name, *email, *role;
} group_member_t;

typedef struct meeting {
    int64_t id, case_id, group_id;
    const char *kind, *starts_at, *place, *agenda, *notes, *group_name;
    const char *purpose;         /* a visit's: "" (a visit), inception, talk */
    int minutes;
    bool held;
    int version;                 /* of the record, for saves that cross */
    const char *saved_by;        /* who saved the record last (name), "" before */
    int64_t saved_at;
} meeting_t;

typedef struct meeting_action {
    int64_t id, meeting_id, done_meeting_id;
    int64_t case_id;    /* set by meetings_open_actions_due_in_reach */
    const char *text, *owner, *due_date, *raised_at;
    bool done;
} meeting_action_t;

/* The groups the viewer may see of a case the caller has read through its scope. */
size_t meetings_groups(db_t *db, const viewer_t *v, const case_row_t *c, arena_t *a, analysis_group_t **out);
analysis_group_t *meetings_group(db_t *db, const viewer_t *v, int64_t group_id, arena_t *a, case_row_t **case_out);
size_t meetings_members(db_t *db, int64_t group_id, arena_t *a, group_member_t **out);
/* Meetings of a group (group_id > 0) or of the case without a group (visits, quality). */
size_t meetings_list(db_t *db, const case_row_t *c, int64_t group_id, arena_t *a, meeting_t **out);
/* Every meeting of a case the viewer may see: the groups' within their scope and, for
 * those who see the case's own meetings, the visits and quality meetings; by time. */
size_t meetings_of_case(db_t *db, const viewer_t *v, const case_row_t *c, arena_t *a, meeting_t **out);
/* The meetings from one date to another in the cases the viewer may see (of one kind, or
 * all when kind is NULL), at most limit, by time; the organiser's name in group_name's
 * place is kept in organiser. */
typedef struct meeting_upcoming {
    meeting_t m;
    int64_t case_id;
    const char *organiser;
} meeting_upcoming_t;
size_t meetings_upcoming(db_t *db, const viewer_t *v, const char *from, const char *to, const char *kind,
                         size_t limit, arena_t *a, meeting_upcoming_t **out);
/* The analysis groups the viewer belongs to or heads, in the cases they may see. */
typedef struct meeting_own_group {
    int64_t id;
    const char *name, *organiser;
} meeting_own_group_t;
size_t meetings_own_groups(db_t *db, const viewer_t *v, arena_t *a, meeting_own_group_t **out);
meeting_t *meetings_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a, case_row_t **case_out);
/* Actions open before the meeting (carried over) and those raised at it. */
size_t meetings_open_actions(db_t *db, const meeting_t *m, arena_t *a, meeting_action_t **out);
size_t meetings_actions_raised(db_t *db, int64_t meeting_id, arena_t *a, meeting_action_t **out);
/* The actions of a case not yet done that have a date to be done by. */
size_t meetings_open_actions_due(db_t *db, const case_row_t *c, arena_t *a, meeting_action_t **out);
/* The same for every case the viewer may see, in one read (case_id set). */
size_t meetings_open_actions_due_in_reach(db_t *db, const viewer_t *v, arena_t *a, meeting_action_t **out);
/* Every action raised at any meeting of a case the caller has read, by meeting. */
size_t meetings_actions_of_case(db_t *db, const case_row_t *c, arena_t *a, meeting_action_t **out);
/* The members recorded present at a meeting (ids, ascending). */
size_t meetings_attendance(db_t *db, int64_t meeting_id, arena_t *a, int64_t **present);

/* A person asked to a case-level meeting, of a party: agency, organiser, university or
 * other (a guest added when the meeting was recorded). */
typedef struct meeting_participant {
    int64_t id, user_id;
    const char *name, *party;
    bool present;
} meeting_participant_t;
extern const char *const meeting_party_keys[]; /* agency, organiser, university, other */
const char *meeting_party_label(const char *key);
/* The participants of a case-level meeting the caller has read, by party and name. */
size_t meetings_participants(db_t *db, int64_t meeting_id, arena_t *a, meeting_participant_t **out);
/* The participants of every case-level meeting of a case the caller has read, by meeting. */
typedef struct meeting_participant_row {
    int64_t meeting_id;
    meeting_participant_t p;
} meeting_participant_row_t;
size_t meetings_participants_of_case(db_t *db, const case_row_t *c, arena_t *a, meeting_participant_row_t **out);

int64_t meetings_create_group(db_t *db, const viewer_t *v, const case_row_t *c, const char *level, int64_t unit_id,
                              arena_t *a, char **err);
bool meetings_add_member(db_t *db, const viewer_t *v, const analysis_group_t *g, int64_t user_id, const char *name,
                         const char *email, arena_t *a, char **err);
/* Plans count meetings from first at time (HH:MM), every interval days, each minutes long. */
int meetings_plan_series(db_t *db, const viewer_t *v, const case_row_t *c, int64_t group_id, const char *kind,
                         const char *purpose,
                         const char *first, const char *time, int count, int interval, int minutes, const char *place,
                         arena_t *a, char **err);
/* Records a held meeting the caller has read: attendance (ids present: the group's
 * members for a group's meeting, the participants for a case-level one), notes, and done
 * actions, on top of the version the form was based on (WRITE_STALE when another record
 * was saved meanwhile: nothing is written). A guest (name and party, present) may be
 * added to a case-level meeting's participants with the record; NULL or "" for none. */
typedef struct meeting_guest {
    const char *name, *party;
} meeting_guest_t;
write_result_t meetings_record(db_t *db, const viewer_t *v, const meeting_t *m, int based_on, const int64_t *present,
                               size_t npresent, const char *notes, const int64_t *done, size_t ndone,
                               const meeting_guest_t *guest, arena_t *a, char **err);
bool meetings_add_action(db_t *db, const viewer_t *v, const meeting_t *m, const char *text, const char *owner,
                         const char *due, arena_t *a, char **err);

#endif
