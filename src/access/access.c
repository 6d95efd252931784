/* access.c — the one table of which roles have which capability, and the binders of the
 * scope clauses (access.h). */
#include "access.h"
#include <stddef.h>

#define R(x) ROLE_BIT(ROLE_##x)
#define AGENCY (R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(FINANCE))
#define ORGANISER_SIDE (R(ORGANISER) | R(HEAD) | R(GROUP))
#define EVERYONE (AGENCY | ORGANISER_SIDE | R(UNIVERSITY) | R(READER))

static const struct {
    const char *name;
    unsigned roles;
} caps[CAP_COUNT] = {
    [CAP_NONE] = {"none", 0},
    [CAP_SIGNED_IN] = {"signed_in", EVERYONE},

    [CAP_REGISTER_READ] = {"register_read", AGENCY | ORGANISER_SIDE | R(UNIVERSITY)},
    [CAP_REGISTER_ALL] = {"register_all", AGENCY},
    [CAP_REGISTER_OWN] = {"register_own", ORGANISER_SIDE},
    [CAP_REGISTER_LIST] = {"register_list", AGENCY | R(UNIVERSITY)},
    [CAP_NATIONAL_FIGURES] = {"national_figures", R(ADMIN) | R(ANALYST) | R(FINANCE) | R(READER)},
    [CAP_COUNTY_OVERVIEW] = {"county_overview", R(READER)},
    [CAP_IMPORT] = {"import", R(ADMIN) | R(ANALYST)},

    [CAP_ROUND_MANAGE] = {"round_manage", R(ADMIN) | R(ANALYST)},
    [CAP_OFFER_READ] = {"offer_read", R(ADMIN) | R(ANALYST) | R(ORGANISER)},
    [CAP_OFFER_ALL] = {"offer_all", AGENCY},
    [CAP_OFFER_ANSWER] = {"offer_answer", R(ORGANISER)},

    [CAP_CASE_READ] = {"case_read", AGENCY | ORGANISER_SIDE | R(UNIVERSITY)},
    [CAP_CASE_PAGE] = {"case_page", AGENCY | R(ORGANISER) | R(HEAD) | R(UNIVERSITY)},
    [CAP_CASE_ALL] = {"case_all", R(ADMIN) | R(ANALYST) | R(FINANCE)},
    [CAP_CASE_ASSIGNED] = {"case_assigned", R(SUPPORTER)},
    [CAP_CASE_MOVE] = {"case_move", R(ADMIN) | R(ANALYST) | R(SUPPORTER)},
    [CAP_CASE_MOVE_BACK] = {"case_move_back", R(ADMIN) | R(ANALYST)},
    [CAP_CASE_STAFF] = {"case_staff", R(ADMIN) | R(ANALYST)},
    [CAP_CASE_DECIDE] = {"case_decide", R(ADMIN) | R(ANALYST)},
    [CAP_CASE_CONTACTS] = {"case_contacts", R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(ORGANISER)},
    [CAP_CASE_UNIVERSITY] = {"case_university", R(ADMIN) | R(ANALYST) | R(SUPPORTER)},
    [CAP_CASE_FILTER_SUPPORTER] = {"case_filter_supporter", R(ADMIN) | R(ANALYST) | R(FINANCE) | ORGANISER_SIDE},
    [CAP_CASE_OVERVIEW] = {"case_overview", AGENCY},
    [CAP_CASE_NEXT_STEP] = {"case_next_step", R(ORGANISER)},
    [CAP_UNIVERSITY_OWN] = {"university_own", R(UNIVERSITY)},
    [CAP_UNIVERSITY_REGISTER] = {"university_register", AGENCY},
    [CAP_UNIVERSITY_MANAGE] = {"university_manage", R(ADMIN) | R(ANALYST)},

    [CAP_AGREEMENT_READ] = {"agreement_read", AGENCY | R(ORGANISER) | R(HEAD) | R(UNIVERSITY)},
    [CAP_AGREEMENT_MONEY] = {"agreement_money", AGENCY | R(ORGANISER) | R(UNIVERSITY)},
    [CAP_AGREEMENT_WRITE] = {"agreement_write", R(ADMIN) | R(ANALYST) | R(SUPPORTER)},
    [CAP_AGREEMENT_SIGN_AGENCY] = {"agreement_sign_agency", R(ADMIN) | R(ANALYST) | R(SUPPORTER)},
    [CAP_AGREEMENT_SIGN_ORGANISER] = {"agreement_sign_organiser", R(ORGANISER)},
    [CAP_AGREEMENT_SIGN_UNIVERSITY] = {"agreement_sign_university", R(UNIVERSITY)},

    [CAP_MEETING_WRITE] = {"meeting_write", R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(ORGANISER) | R(HEAD)},
    [CAP_MEETING_RECORD] = {"meeting_record", R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(ORGANISER) | R(HEAD) |
                                              R(UNIVERSITY)},
    [CAP_GROUP_ADMINISTRATION] = {"group_administration", R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(ORGANISER)},
    [CAP_GROUP_OWN_UNIT_ONLY] = {"group_own_unit_only", R(HEAD)},
    /* A university takes part in visits and quality meetings, not in the analysis groups;
     * a head works in the own unit's group, not at the case's own meetings. */
    [CAP_GROUP_ALL] = {"group_all", AGENCY | R(ORGANISER)},
    [CAP_MEETING_CASE_LEVEL] = {"meeting_case_level", AGENCY | R(ORGANISER) | R(UNIVERSITY)},
    [CAP_GROUP_OWN_LIST] = {"group_own_list", R(HEAD) | R(GROUP)},
    [CAP_MEETING_VISITS_ONLY] = {"meeting_visits_only", R(UNIVERSITY)},

    [CAP_REPORT_SUBMIT] = {"report_submit", R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(ORGANISER)},
    [CAP_DUE_LIST] = {"due_list", AGENCY | R(ORGANISER)},
    [CAP_DUE_AS_ORGANISER] = {"due_as_organiser", ORGANISER_SIDE},

    [CAP_ANALYSIS_READ] = {"analysis_read", R(ADMIN) | R(ANALYST) | R(SUPPORTER) | ORGANISER_SIDE | R(UNIVERSITY)},
    [CAP_ANALYSIS_ALL] = {"analysis_all", R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(ORGANISER) | R(UNIVERSITY)},
    [CAP_ANALYSIS_WRITE] = {"analysis_write", ORGANISER_SIDE},
    [CAP_ANALYSIS_COMMENT] = {"analysis_comment", R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(UNIVERSITY)},
    [CAP_ANALYSIS_APPROVE_UNIT] = {"analysis_approve_unit", R(ORGANISER) | R(HEAD)},
    [CAP_ANALYSIS_APPROVE_ORGANISER] = {"analysis_approve_organiser", R(ORGANISER)},
    /* Finance reads the plans for what they cost; the analyses are the organiser's own work. */
    [CAP_PLAN_READ] = {"plan_read", AGENCY | ORGANISER_SIDE | R(UNIVERSITY)},
    [CAP_PLAN_FUND] = {"plan_fund", R(ADMIN) | R(ANALYST)},
    [CAP_INTERVENTION_EXPORT] = {"intervention_export", AGENCY},
    [CAP_TEMPLATE_MANAGE] = {"template_manage", R(ADMIN)},
    [CAP_CAPACITY_READ] = {"capacity_read", AGENCY | R(ORGANISER) | R(HEAD) | R(UNIVERSITY)},
    [CAP_CAPACITY_WRITE] = {"capacity_write", R(ORGANISER) | R(UNIVERSITY)},
    /* The university's documents are read by the agency and by the organiser they serve. */
    [CAP_COMMISSION_READ] = {"commission_read", AGENCY | R(ORGANISER) | R(UNIVERSITY)},
    [CAP_COMMISSION_WRITE] = {"commission_write", R(UNIVERSITY)},
    /* Finance and the administrator see all money; an organiser its own, a process
     * supporter that of its cases; the others no amounts beyond what an agreement shows. */
    [CAP_MONEY_READ] = {"money_read", R(ADMIN) | R(FINANCE) | R(SUPPORTER) | R(ORGANISER)},
    [CAP_MONEY_ALL] = {"money_all", R(ADMIN) | R(FINANCE)},
    [CAP_MONEY_OWN] = {"money_own", R(ORGANISER)},
    [CAP_MONEY_ASSIGNED] = {"money_assigned", R(SUPPORTER)},
    [CAP_MONEY_WRITE] = {"money_write", R(ADMIN) | R(FINANCE)},
    [CAP_LEDGER] = {"ledger", R(ADMIN) | R(FINANCE)},
    /* The agency keeps the networks; a member organiser reads its networks and makes and
     * reports its own commitments there. */
    [CAP_NETWORK_READ] = {"network_read", AGENCY | R(ORGANISER)},
    [CAP_NETWORK_ALL] = {"network_all", AGENCY},
    [CAP_NETWORK_KEEP] = {"network_keep", R(ADMIN) | R(ANALYST) | R(SUPPORTER)},
    [CAP_NETWORK_COMMIT] = {"network_commit", R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(ORGANISER)},
    /* Registrations are personal data: read by the agency (and by the registrant, by link). */
    [CAP_CONFERENCE_READ] = {"conference_read", AGENCY},
    [CAP_CONFERENCE_KEEP] = {"conference_keep", R(ADMIN) | R(ANALYST) | R(SUPPORTER)},
    /* The agency's analysts build the questionnaires (and will read the raw answers). */
    [CAP_SURVEY_BUILD] = {"survey_build", R(ADMIN) | R(ANALYST)},
    /* Results leave only aggregated and with the small groups hidden: the agency reads
     * every organiser's, an organiser's users their own; the raw answers are personal
     * data of people who are not users, read by the analysts alone. */
    [CAP_SURVEY_RESULTS] = {"survey_results", AGENCY | ORGANISER_SIDE},
    [CAP_SURVEY_ALL] = {"survey_all", AGENCY},
    [CAP_SURVEY_RAW] = {"survey_raw", R(ANALYST)},
    [CAP_DOCUMENT_COMMENT] = {"document_comment", R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(ORGANISER) | R(UNIVERSITY)},

    [CAP_ADMIN] = {"admin", R(ADMIN)},
};

bool access_may(const viewer_t *v, cap_t cap)
{
    return v && cap > CAP_NONE && cap < CAP_COUNT && v->role > ROLE_NONE && v->role < ROLE_COUNT &&
           (caps[cap].roles & ROLE_BIT(v->role)) != 0;
}

unsigned access_roles(cap_t cap)
{
    return cap < CAP_COUNT ? caps[cap].roles : 0;
}

const char *access_cap_name(cap_t cap)
{
    return cap < CAP_COUNT ? caps[cap].name : "";
}

bool access_role_needs_organiser(role_t r)
{
    return r < ROLE_COUNT && (ORGANISER_SIDE & ROLE_BIT(r));
}

bool access_role_needs_unit(role_t r)
{
    return r < ROLE_COUNT && ((R(HEAD) | R(GROUP)) & ROLE_BIT(r));
}

bool access_role_needs_university(role_t r)
{
    return r < ROLE_COUNT && (access_roles(CAP_UNIVERSITY_OWN) & ROLE_BIT(r));
}

/* The viewer's own organiser, for the organiser's side only; -1 (no organiser) else. */
static int64_t own_organiser(const viewer_t *v)
{
    return access_may(v, CAP_REGISTER_OWN) ? v->organiser_id : -1;
}

/* The viewer's university, for university users only; NULL (matches nothing) else. */
static const char *own_university(const viewer_t *v)
{
    return access_may(v, CAP_UNIVERSITY_OWN) ? v->university : NULL;
}

int access_bind_organiser(db_stmt_t *st, int i, const viewer_t *v)
{
    db_bind_int(st, i++, access_may(v, CAP_REGISTER_ALL) ? 1 : 0);
    db_bind_int(st, i++, own_organiser(v));
    db_bind_text(st, i++, own_university(v));
    db_bind_text(st, i++, own_university(v));
    return i;
}

int access_bind_case(db_stmt_t *st, int i, const viewer_t *v)
{
    bool assigned = access_may(v, CAP_CASE_ASSIGNED);
    db_bind_int(st, i++, access_may(v, CAP_CASE_ALL) ? 1 : 0);
    db_bind_int(st, i++, assigned ? v->user_id : 0);
    db_bind_int(st, i++, assigned ? v->user_id : -1);
    db_bind_int(st, i++, own_organiser(v));
    db_bind_text(st, i++, own_university(v));
    db_bind_text(st, i++, own_university(v));
    return i;
}

int access_bind_group(db_stmt_t *st, int i, const viewer_t *v)
{
    bool own_unit = access_may(v, CAP_GROUP_OWN_UNIT_ONLY);
    db_bind_int(st, i++, access_may(v, CAP_GROUP_ALL) ? 1 : 0);
    db_bind_int(st, i++, v->user_id);
    db_bind_int(st, i++, own_unit ? v->unit_id : 0);
    db_bind_int(st, i++, own_unit ? v->unit_id : 0);
    return i;
}

int access_bind_agreement(db_stmt_t *st, int i, const viewer_t *v)
{
    db_bind_int(st, i++, access_may(v, CAP_UNIVERSITY_OWN) ? 1 : 0);
    db_bind_text(st, i++, own_university(v));
    return i;
}

int access_bind_analysis(db_stmt_t *st, int i, const viewer_t *v)
{
    bool head = access_may(v, CAP_GROUP_OWN_UNIT_ONLY);
    bool group = !head && access_may(v, CAP_GROUP_OWN_LIST);
    /* Finance reads plans (this clause also narrows them) as the agency does. */
    db_bind_int(st, i++, access_may(v, CAP_ANALYSIS_ALL) || access_may(v, CAP_CASE_ALL) ? 1 : 0);
    db_bind_int(st, i++, head ? v->unit_id : 0);
    db_bind_int(st, i++, head ? v->unit_id : 0);
    db_bind_int(st, i++, group && v->unit_id ? v->unit_id : -1);
    db_bind_int(st, i++, v->user_id ? v->user_id : -1);
    return i;
}

int access_bind_offer(db_stmt_t *st, int i, const viewer_t *v)
{
    db_bind_int(st, i++, access_may(v, CAP_OFFER_ALL) ? 1 : 0);
    db_bind_int(st, i++, access_may(v, CAP_OFFER_ANSWER) ? v->organiser_id : -1);
    return i;
}
