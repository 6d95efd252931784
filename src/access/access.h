/* access.h — who may do what, in one place. A capability names one thing a user may do
 * or see; access.c holds which roles have each, and for each kind of object the SQL
 * clause that keeps a query to what the viewer may read, with its binder. Routes, pages,
 * stores and the navigation all ask here; no list of roles is written anywhere else.
 *
 * A scope clause is a string literal that refers to the object's table by a fixed alias
 * (o organisers, u units, c cases, g analysis groups, f offers); it is concatenated into
 * the query's text and its binder binds its parameters at the position given:
 *
 *   db_prepare(db, "SELECT … FROM cases c … WHERE " ACCESS_CASE_SCOPE " AND c.id = ?");
 *   int i = access_bind_case(st, 1, v);
 *   db_bind_int(st, i, id);
 */
#ifndef SV_ACCESS_H
#define SV_ACCESS_H
#include "../base/viewer.h"
#include "../db/db.h"
#include <stdbool.h>

typedef enum cap {
    CAP_NONE,                 /* nobody: public routes carry it and skip the check */
    CAP_SIGNED_IN,            /* every logged-in user: start page, own account */

    /* the register */
    CAP_REGISTER_READ,        /* organisers and units within the viewer's reach */
    CAP_REGISTER_ALL,         /* the whole national register */
    CAP_REGISTER_OWN,         /* the organiser's side: "Min huvudman" */
    CAP_REGISTER_LIST,        /* the list of organisers to search ("Huvudmän") */
    CAP_NATIONAL_FIGURES,     /* national totals on the start page */
    CAP_COUNTY_OVERVIEW,      /* organisers and units per county (aggregates only) */
    CAP_IMPORT,               /* import files */

    /* selection */
    CAP_ROUND_MANAGE,         /* rounds, rankings, criteria, decisions */
    CAP_OFFER_READ,           /* offers within reach */
    CAP_OFFER_ALL,            /* every offer */
    CAP_OFFER_ANSWER,         /* answer the own organiser's offer */

    /* cases */
    CAP_CASE_READ,            /* cases within reach (as the scope of what hangs on them) */
    CAP_CASE_PAGE,            /* the case itself: page, list, exports, API (not a group member) */
    CAP_CASE_ALL,             /* every case, without being assigned */
    CAP_CASE_ASSIGNED,        /* the cases one is assigned to as process supporter */
    CAP_CASE_MOVE,            /* move a case forward a phase */
    CAP_CASE_MOVE_BACK,       /* move a case back a phase */
    CAP_CASE_STAFF,           /* assign and remove process supporters */
    CAP_CASE_DECIDE,          /* record the agency's decision on support; start an organiser-level case */
    CAP_CASE_CONTACTS,        /* add and remove the organiser's contacts */
    CAP_CASE_UNIVERSITY,      /* set the university team */
    CAP_CASE_FILTER_SUPPORTER,/* filter case lists by supporter */
    CAP_CASE_OVERVIEW,        /* the start page's cases by phase and latest changes */
    CAP_CASE_NEXT_STEP,       /* the start page's own case with its next step */
    CAP_UNIVERSITY_OWN,       /* a university's own: its cases and organisers */
    CAP_UNIVERSITY_REGISTER,  /* the register of universities */
    CAP_UNIVERSITY_MANAGE,    /* add and change universities in the register */

    /* agreements */
    CAP_AGREEMENT_READ,       /* open the agreements of a case within reach */
    CAP_AGREEMENT_MONEY,      /* their amounts and payouts (a head reads the rest) */
    CAP_AGREEMENT_WRITE,      /* draw up, change, send, close (the agency) */
    CAP_AGREEMENT_SIGN_AGENCY,
    CAP_AGREEMENT_SIGN_ORGANISER,
    CAP_AGREEMENT_SIGN_UNIVERSITY,

    /* analysis groups and meetings */
    CAP_MEETING_WRITE,        /* form groups, plan and record meetings, add actions */
    CAP_MEETING_RECORD,       /* plan and record meetings: the writers, and the university its visits */
    CAP_GROUP_ADMINISTRATION, /* form the group at administration level */
    CAP_GROUP_OWN_UNIT_ONLY,  /* form and staff only the own unit's group (a head) */
    CAP_GROUP_ALL,            /* every group of a case within reach */
    CAP_MEETING_CASE_LEVEL,   /* the case's own meetings (visits, quality meetings) */
    CAP_GROUP_OWN_LIST,       /* the start page's "Min analysgrupp" */
    CAP_MEETING_VISITS_ONLY,  /* the start page lists the university's visits only */

    /* deadlines and reminders */
    CAP_REPORT_SUBMIT,        /* mark a report handed in */
    CAP_DUE_LIST,             /* the start page's "Att göra" */
    CAP_DUE_AS_ORGANISER,     /* what falls due concerns the viewer as the organiser's side */

    /* current-state analyses and action plans */
    CAP_ANALYSIS_READ,        /* the analyses of a case within reach (narrowed for heads and groups) */
    CAP_ANALYSIS_ALL,         /* every analysis of a case within reach */
    CAP_ANALYSIS_WRITE,       /* write an analysis or plan (a head its unit's, a group member its group's) */
    CAP_ANALYSIS_COMMENT,     /* comment as process supporter or university */
    CAP_ANALYSIS_APPROVE_UNIT,/* approve a unit's analysis or plan (a head only the own unit's) */
    CAP_ANALYSIS_APPROVE_ORGANISER, /* approve the organiser level's */
    CAP_PLAN_READ,            /* the action plans and interventions of a case within reach */
    CAP_PLAN_FUND,            /* decide which interventions the agency funds */
    CAP_INTERVENTION_EXPORT,  /* every intervention across cases, as CSV/XLSX */
    CAP_TEMPLATE_MANAGE,      /* the templates' headings, development areas, national programmes */
    CAP_CAPACITY_READ,        /* a case's mapping of improvement capacity within reach */
    CAP_CAPACITY_WRITE,       /* answer it: the organiser with its university (seed 000) */
    CAP_COMMISSION_READ,      /* the university's own plans and reports on a case within reach */
    CAP_COMMISSION_WRITE,     /* write them: the university on its own cases */
    CAP_DOCUMENT_COMMENT,     /* comment on a report or a university document within reach */

    /* money */
    CAP_MONEY_READ,           /* the grants within reach (the role decides which) */
    CAP_MONEY_ALL,            /* every grant: finance and the administrator */
    CAP_MONEY_OWN,            /* the own organiser's grants */
    CAP_MONEY_ASSIGNED,       /* the grants of the cases assigned to the supporter */
    CAP_MONEY_WRITE,          /* register grants, payouts, use and claims; approve payouts */
    CAP_LEDGER,               /* the agency's cost ledger, its import and forecasts */

    /* networks */
    CAP_NETWORK_READ,         /* the networks within reach: all, or the own organiser's */
    CAP_NETWORK_ALL,          /* every network: the agency */
    CAP_NETWORK_KEEP,         /* create networks, members, meetings and their records */
    CAP_NETWORK_COMMIT,       /* make and report commitments (an organiser for itself) */

    /* conferences */
    CAP_CONFERENCE_READ,      /* the conferences, their registrations and counts */
    CAP_CONFERENCE_KEEP,      /* create, invite, mark attendance */

    /* surveys */
    CAP_SURVEY_BUILD,         /* the questionnaires and the question bank */
    CAP_SURVEY_RESULTS,       /* the aggregated, suppressed results within reach */
    CAP_SURVEY_ALL,           /* every organiser's results (the organiser side: its own) */
    CAP_SURVEY_RAW,           /* the free-text answers and the raw export of an anonymous survey */

    /* administration */
    CAP_ADMIN,                /* users, audit log, outbox */
    CAP_COUNT
} cap_t;

/* May the viewer do or see this? */
bool access_may(const viewer_t *v, cap_t cap);
/* The role bits (ROLE_BIT) that have a capability: for route tables and their tests. */
unsigned access_roles(cap_t cap);
/* The capability's name ("case_read"), for the route listing. */
const char *access_cap_name(cap_t cap);

/* Which fields a user of a role is tied to (checked when the user is created). */
bool access_role_needs_organiser(role_t r);
bool access_role_needs_unit(role_t r);
bool access_role_needs_university(role_t r);

/* ---- scope clauses: each binds the parameters its binder names ---- */

/* Organisers (alias o): the agency all; the organiser's side its own; a university the
 * organisers it collaborates with. */
#define ACCESS_ORGANISER_SCOPE                                                                            \
    "(? = 1 OR o.id = ? OR o.id IN (SELECT k.organiser_id FROM cases k WHERE k.university = ?)"               \
    " OR o.id IN (SELECT k.organiser_id FROM cases k JOIN case_universities ku ON ku.case_id = k.id"           \
    " JOIN universities un ON un.id = ku.university_id WHERE un.name = ?))"
int access_bind_organiser(db_stmt_t *st, int i, const viewer_t *v);

/* Cases (alias c): admin, analyst and finance all; a process supporter those assigned; the
 * organiser's side its own organiser's; a university those it delivers to (as the case's
 * university or one of its further ones). */
#define ACCESS_CASE_SCOPE                                                                                       \
    "(? = 1 OR (? > 0 AND EXISTS (SELECT 1 FROM case_people p WHERE p.case_id = c.id AND p.role = 'supporter'" \
    " AND p.user_id = ?)) OR c.organiser_id = ? OR c.university = ? OR EXISTS (SELECT 1 FROM case_universities cu" \
    " JOIN universities un ON un.id = cu.university_id WHERE cu.case_id = c.id AND un.name = ?))"
int access_bind_case(db_stmt_t *st, int i, const viewer_t *v);

/* Analysis groups (alias g), narrowing a case already in scope: a group member sees the
 * groups they belong to, a head also the own unit's; others every group. */
#define ACCESS_GROUP_SCOPE                                                                             \
    "(? = 1 OR EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = g.id AND gm.user_id = ?)" \
    " OR (? > 0 AND g.unit_id = ?))"
int access_bind_group(db_stmt_t *st, int i, const viewer_t *v);

/* Agreements (alias g), narrowing a case already in scope: a university reads only the
 * agreements it is party to (kind 'university', its own when the agreement names one),
 * not the organiser's ÖK1 and ÖK2. */
#define ACCESS_AGREEMENT_SCOPE                                                                           \
    "(? = 0 OR (g.kind = 'university' AND (g.university_id IS NULL OR g.university_id IN"                \
    " (SELECT un.id FROM universities un WHERE un.name = ?))))"
int access_bind_agreement(db_stmt_t *st, int i, const viewer_t *v);

/* Analyses and plans (alias y, with case_id, unit_id and level), narrowing a case already
 * in scope: the agency, the organiser and the university every one; a head the own
 * unit's and the organiser level's; a group member the own unit's, and those of the
 * groups they belong to (the administration's group: all of the case). */
#define ACCESS_ANALYSIS_SCOPE                                                                                   \
    "(? = 1 OR (? > 0 AND (y.unit_id = ? OR y.level = 'organiser')) OR y.unit_id = ?"                          \
    " OR EXISTS (SELECT 1 FROM analysis_groups ag JOIN group_members gm ON gm.group_id = ag.id"               \
    " WHERE ag.case_id = y.case_id AND gm.user_id = ? AND (ag.level = 'administration' OR ag.unit_id = y.unit_id)))"
int access_bind_analysis(db_stmt_t *st, int i, const viewer_t *v);

/* Offers (alias f): the agency all; an organiser its own. */
#define ACCESS_OFFER_SCOPE "(? = 1 OR f.organiser_id = ?)"
int access_bind_offer(db_stmt_t *st, int i, const viewer_t *v);

#endif
