/* routes_table.c — the one route table: method, path, handler, who may call it and the
 * parameters it takes. Anything not declared here never reaches a handler. */
#include "routes_table.h"
#include "admin/admin.h"
#include "home/home.h"
#include "http/auth.h"
#include "http/static_files.h"
#include "cases/agreements.h"
#include "cases/cases.h"
#include "cases/deadlines.h"
#include "cases/meetings.h"
#include "register/register.h"
#include "selection/selection_pages.h"

#define R(x) ROLE_BIT(ROLE_##x)
#define REGISTER_READERS (ROLES_AGENCY | ROLES_ORGANISER_SIDE | R(UNIVERSITY))

static const char *const role_choices[] = {"admin", "analyst", "supporter", "finance", "organiser",
                                           "head", "group", "university", "reader", NULL};

#define PAGE_PARAM {"page", P_INT, 0, "Sida", 1, 100000, NULL}
#define FILTER_PARAMS \
    {"q", P_SEARCH, 0, "Sök", 0, 100, NULL}, \
    {"kind", P_CHOICE, 0, "Typ av huvudman", 0, 0, register_kind_keys}, \
    {"county", P_TEXT, 0, "Län", 0, 2, NULL}, \
    {"form", P_CHOICE, 0, "Skolform", 0, 0, register_form_keys}, \
    PAGE_PARAM

static const param_spec_t p_none[] = {{NULL, 0, 0, NULL, 0, 0, NULL}};
static const param_spec_t p_list[] = {FILTER_PARAMS, {NULL, 0, 0, NULL, 0, 0, NULL}};
static const param_spec_t p_api_list[] = {FILTER_PARAMS, {"per_page", P_INT, 0, "per_page", 1, 500, NULL},
                                          {NULL, 0, 0, NULL, 0, 0, NULL}};
static const param_spec_t p_orgnr[] = {{"orgnr", P_ORGNR, PARAM_PATH, "Organisationsnummer", 0, 0, NULL},
                                       {NULL, 0, 0, NULL, 0, 0, NULL}};
static const param_spec_t p_code[] = {{"code", P_UNIT_CODE, PARAM_PATH, "Enhetskod", 0, 0, NULL},
                                      {NULL, 0, 0, NULL, 0, 0, NULL}};
static const param_spec_t p_static[] = {{"file", P_TEXT, PARAM_PATH, "Fil", 0, 100, NULL},
                                        {NULL, 0, 0, NULL, 0, 0, NULL}};
static const param_spec_t p_login_page[] = {{"next", P_TEXT, 0, "Nästa sida", 0, 500, NULL},
                                            {"ut", P_INT, 0, "Utloggad", 0, 1, NULL},
                                            {NULL, 0, 0, NULL, 0, 0, NULL}};
static const param_spec_t p_login[] = {{"email", P_EMAIL, PARAM_REQUIRED, "E-postadress", 0, 254, NULL},
                                       {"password", P_SECRET, PARAM_REQUIRED, "Lösenord", 0, 0, NULL},
                                       {"next", P_TEXT, 0, "Nästa sida", 0, 500, NULL},
                                       {NULL, 0, 0, NULL, 0, 0, NULL}};
static const param_spec_t p_account[] = {{"klart", P_INT, 0, "Klart", 0, 1, NULL}, {NULL, 0, 0, NULL, 0, 0, NULL}};
static const param_spec_t p_password[] = {{"current", P_SECRET, PARAM_REQUIRED, "Nuvarande lösenord", 0, 0, NULL},
                                          {"password", P_SECRET, PARAM_REQUIRED, "Nytt lösenord", 0, 0, NULL},
                                          {"confirm", P_SECRET, PARAM_REQUIRED, "Upprepa lösenordet", 0, 0, NULL},
                                          {NULL, 0, 0, NULL, 0, 0, NULL}};
static const param_spec_t p_import[] = {{"kind", P_CHOICE, PARAM_REQUIRED, "Typ av fil", 0, 0, register_import_kinds},
                                        {"year", P_INT, 0, "År", 1990, 2100, NULL},
                                        {"file", P_FILE, PARAM_REQUIRED, "Fil", 0, 0, NULL},
                                        {NULL, 0, 0, NULL, 0, 0, NULL}};
static const param_spec_t p_users[] = {{"klart", P_INT, 0, "Klart", 0, 1, NULL}, {NULL, 0, 0, NULL, 0, 0, NULL}};
static const param_spec_t p_user_add[] = {{"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 200, NULL},
                                          {"email", P_EMAIL, PARAM_REQUIRED, "E-postadress", 0, 254, NULL},
                                          {"role", P_CHOICE, PARAM_REQUIRED, "Roll", 0, 0, role_choices},
                                          {"organiser", P_TEXT, 0, "Organisationsnummer", 0, 20, NULL},
                                          {"unit", P_TEXT, 0, "Enhetskod", 0, 8, NULL},
                                          {"university", P_TEXT, 0, "Lärosäte", 0, 200, NULL},
                                          {"password", P_SECRET, PARAM_REQUIRED, "Lösenord", 0, 0, NULL},
                                          {NULL, 0, 0, NULL, 0, 0, NULL}};
static const param_spec_t p_audit[] = {{"type", P_CHOICE, 0, "Objekttyp", 0, 0, admin_audit_types},
                                       {"object", P_TEXT, 0, "Objekt", 0, 100, NULL},
                                       {"user", P_TEXT, 0, "Användare", 0, 254, NULL},
                                       PAGE_PARAM,
                                       {NULL, 0, 0, NULL, 0, 0, NULL}};

#define ROUNDS (R(ADMIN) | R(ANALYST))
#define END_PARAMS {NULL, 0, 0, NULL, 0, 0, NULL}
#define ID_PARAM {"id", P_INT, PARAM_PATH, "Nummer", 1, 1000000000, NULL}
static const char *const answer_choices[] = {"accept", "decline", NULL};
static const char *const flag_choices[] = {"1", NULL};
static const char *const direction_choices[] = {"-1", "1", NULL};
static const char *const choose_rankings[] = {"inspection", "results", "preschool", "criteria", "dialog", NULL};
static const param_spec_t p_id[] = {ID_PARAM, {"klart", P_INT, 0, "Klart", 0, 1, NULL}, END_PARAMS};
static const param_spec_t p_round_new[] = {{"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 120, NULL},
                                           {"planned_date", P_DATE, PARAM_REQUIRED, "Planerat beslutsdatum", 0, 0, NULL},
                                           END_PARAMS};
static const param_spec_t p_round_inputs[] = {
    ID_PARAM,
    {"results_year", P_INT, 0, "Resultatår", 1990, 2100, NULL},
    {"background_year", P_INT, 0, "Bakgrundsår", 1990, 2100, NULL},
    {"preschool_year", P_INT, 0, "Förskoleår", 1990, 2100, NULL},
    {"inspection_from", P_DATE, 0, "Skolinspektionens beslut från", 0, 0, NULL},
    {"inspection_to", P_DATE, 0, "Skolinspektionens beslut till och med", 0, 0, NULL},
    {"criteria_set", P_INT, 0, "Kriterieuppsättning", 1, 1000000000, NULL},
    {"preschool_vars", P_TEXT, 0, "Variabler i förskoleindexet", 0, 200, NULL},
    {"preschool_weights", P_TEXT, 0, "Vikter", 0, 100, NULL},
    {"result_var", P_TEXT, 0, "Resultatvariabel", 0, 40, NULL},
    {"background_vars", P_TEXT, 0, "Bakgrundsvariabler", 0, 200, NULL},
    {"prefer_coordinated", P_CHOICE, 0, "Samordnat urval", 0, 0, flag_choices},
    END_PARAMS};
static const param_spec_t p_ranking[] = {ID_PARAM,
                                         {"method", P_CHOICE, PARAM_PATH, "Rangordning", 0, 0, selection_method_keys},
                                         PAGE_PARAM,
                                         {"valt", P_UNIT_CODE, 0, "Vald enhet", 0, 0, NULL},
                                         END_PARAMS};
static const param_spec_t p_api_ranking[] = {ID_PARAM,
                                             {"method", P_CHOICE, PARAM_PATH, "Rangordning", 0, 0, selection_method_keys},
                                             PAGE_PARAM,
                                             {"per_page", P_INT, 0, "per_page", 1, 10000, NULL},
                                             END_PARAMS};
static const param_spec_t p_choose[] = {ID_PARAM,
                                        {"code", P_UNIT_CODE, PARAM_REQUIRED, "Enhetskod", 0, 0, NULL},
                                        {"ranking", P_CHOICE, PARAM_REQUIRED, "Rangordning", 0, 0, choose_rankings},
                                        {"reason", P_TEXT, PARAM_REQUIRED, "Skäl", 0, 500, NULL},
                                        {"supplementary_date", P_DATE, 0, "Datum för tilläggsbeslutet", 0, 0, NULL},
                                        PAGE_PARAM,
                                        {"method", P_CHOICE, 0, "Rangordning", 0, 0, selection_method_keys},
                                        END_PARAMS};
static const param_spec_t p_unchoose[] = {ID_PARAM, {"choice", P_INT, PARAM_PATH, "Val", 1, 1000000000, NULL},
                                          END_PARAMS};
static const param_spec_t p_decide[] = {ID_PARAM,
                                        {"decision_date", P_DATE, PARAM_REQUIRED, "Beslutsdatum", 0, 0, NULL},
                                        END_PARAMS};
#define CRITERION(i) \
    {"var" #i, P_CHOICE, 0, "Variabel " #i, 0, 0, selection_criteria_variables}, \
    {"dir" #i, P_CHOICE, 0, "Riktning " #i, 0, 0, direction_choices}, \
    {"weight" #i, P_TEXT, 0, "Vikt " #i, 0, 12, NULL}, \
    {"threshold" #i, P_TEXT, 0, "Gräns " #i, 0, 12, NULL}
static const param_spec_t p_criteria_page[] = {{"klart", P_INT, 0, "Klart", 0, 1, NULL}, END_PARAMS};
static const param_spec_t p_criteria_new[] = {{"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 120, NULL},
                                              {"note", P_TEXT, 0, "Beskrivning", 0, 300, NULL},
                                              CRITERION(1), CRITERION(2), CRITERION(3), CRITERION(4), CRITERION(5),
                                              END_PARAMS};
static const param_spec_t p_answer[] = {ID_PARAM,
                                        {"answer", P_CHOICE, PARAM_REQUIRED, "Svar", 0, 0, answer_choices},
                                        {"reason", P_MULTILINE, 0, "Skäl", 0, 2000, NULL},
                                        END_PARAMS};

#define CASE_READERS (R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(FINANCE) | ROLES_ORGANISER_SIDE | R(UNIVERSITY))
#define MEETING_WRITERS (R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(ORGANISER) | R(HEAD))
#define CASE_FILTER_PARAMS \
    {"q", P_SEARCH, 0, "Huvudman", 0, 100, NULL}, \
    {"phase", P_CHOICE, 0, "Fas", 0, 0, case_phase_keys}, \
    {"round", P_TEXT, 0, "Urvalsomgång", 0, 120, NULL}, \
    {"county", P_TEXT, 0, "Län", 0, 2, NULL}, \
    {"supporter", P_INT, 0, "Processtödjare", 1, 1000000000, NULL}, \
    {"overdue", P_CHOICE, 0, "Försenat", 0, 0, flag_choices}
static const param_spec_t p_cases[] = {CASE_FILTER_PARAMS, END_PARAMS};
static const param_spec_t p_case_move[] = {ID_PARAM,
                                           {"phase", P_CHOICE, PARAM_REQUIRED, "Ny fas", 0, 0, case_phase_keys},
                                           {"note", P_TEXT, 0, "Anteckning", 0, 500, NULL},
                                           END_PARAMS};
static const param_spec_t p_case_supporter[] = {ID_PARAM,
                                                {"user", P_INT, PARAM_REQUIRED, "Processtödjare", 1, 1000000000, NULL},
                                                END_PARAMS};
static const param_spec_t p_case_contact[] = {ID_PARAM,
                                              {"name", P_TEXT, PARAM_REQUIRED, "Kontaktperson hos huvudmannen", 0, 200,
                                               NULL},
                                              {"email", P_EMAIL, 0, "E-postadress", 0, 254, NULL},
                                              END_PARAMS};
static const param_spec_t p_case_person[] = {ID_PARAM, {"person", P_INT, PARAM_PATH, "Person", 1, 1000000000, NULL},
                                             END_PARAMS};
static const param_spec_t p_case_university[] = {ID_PARAM,
                                                 {"university", P_TEXT, 0, "Lärosäte", 0, 200, NULL},
                                                 {"team_leader", P_TEXT, 0, "Teamledare", 0, 200, NULL},
                                                 {"education_leaders", P_TEXT, 0, "Utbildningsledare", 0, 500, NULL},
                                                 END_PARAMS};

#define AGREEMENT_FIELDS \
    {"period_from", P_TEXT, 0, "Periodens första dag", 0, 10, NULL}, \
    {"period_to", P_TEXT, 0, "Periodens sista dag", 0, 10, NULL}, \
    {"amount", P_TEXT, 0, "Skolverkets medel", 0, 30, NULL}, \
    {"payout_date1", P_TEXT, 0, "Utbetalning 1, datum", 0, 10, NULL}, \
    {"payout_amount1", P_TEXT, 0, "Utbetalning 1, belopp", 0, 30, NULL}, \
    {"payout_date2", P_TEXT, 0, "Utbetalning 2, datum", 0, 10, NULL}, \
    {"payout_amount2", P_TEXT, 0, "Utbetalning 2, belopp", 0, 30, NULL}, \
    {"payout_date3", P_TEXT, 0, "Utbetalning 3, datum", 0, 10, NULL}, \
    {"payout_amount3", P_TEXT, 0, "Utbetalning 3, belopp", 0, 30, NULL}, \
    {"payout_date4", P_TEXT, 0, "Utbetalning 4, datum", 0, 10, NULL}, \
    {"payout_amount4", P_TEXT, 0, "Utbetalning 4, belopp", 0, 30, NULL}, \
    SECTION("purpose"), SECTION("agency"), SECTION("organiser"), SECTION("funding"), SECTION("reporting"), \
    SECTION("repayment"), SECTION("claims"), SECTION("evaluations"), SECTION("changes"), \
    SECTION("interventions"), SECTION("background"), SECTION("changes_made"), SECTION("other"), \
    SECTION("university")
#define SECTION(key) {"s_" key, P_MULTILINE, 0, "Avsnitt", 0, 20000, NULL}
static const char *const agreement_actions[] = {"send", "approve", "close", NULL};
static const param_spec_t p_agreement_new[] = {ID_PARAM,
                                               {"kind", P_CHOICE, PARAM_REQUIRED, "Slag", 0, 0, agreement_kind_keys},
                                               {"supersedes", P_INT, 0, "Ändrar", 1, 1000000000, NULL},
                                               END_PARAMS};
static const param_spec_t p_agreement_create[] = {ID_PARAM,
                                                  {"kind", P_CHOICE, PARAM_REQUIRED, "Slag", 0, 0, agreement_kind_keys},
                                                  {"supersedes", P_INT, 0, "Ändrar", 0, 1000000000, NULL},
                                                  AGREEMENT_FIELDS, END_PARAMS};
static const param_spec_t p_agreement_save[] = {ID_PARAM, AGREEMENT_FIELDS, END_PARAMS};
static const param_spec_t p_agreement_act[] = {ID_PARAM,
                                               {"action", P_CHOICE, PARAM_REQUIRED, "Åtgärd", 0, 0, agreement_actions},
                                               END_PARAMS};
static const param_spec_t p_agreement_diff[] = {ID_PARAM, {"from", P_INT, 0, "Från version", 1, 100000, NULL},
                                                {"to", P_INT, 0, "Till version", 1, 100000, NULL}, END_PARAMS};

static const param_spec_t p_group_new[] = {ID_PARAM, {"unit", P_INT, 0, "Enhet", 0, 1000000000, NULL}, END_PARAMS};
static const param_spec_t p_group_member[] = {ID_PARAM, {"name", P_TEXT, PARAM_REQUIRED, "Ny medlem", 0, 200, NULL},
                                              {"email", P_EMAIL, 0, "E-postadress", 0, 254, NULL}, END_PARAMS};
static const param_spec_t p_series[] = {ID_PARAM,
                                        {"kind", P_CHOICE, 0, "Slag", 0, 0, meeting_kind_keys},
                                        {"first", P_DATE, PARAM_REQUIRED, "Första mötet", 0, 0, NULL},
                                        {"time", P_TEXT, PARAM_REQUIRED, "Klockan", 0, 5, NULL},
                                        {"count", P_INT, PARAM_REQUIRED, "Antal möten", 1, 60, NULL},
                                        {"interval", P_INT, PARAM_REQUIRED, "Dagar mellan mötena", 1, 365, NULL},
                                        {"minutes", P_INT, PARAM_REQUIRED, "Längd i minuter", 15, 720, NULL},
                                        {"place", P_TEXT, 0, "Plats eller länk", 0, 300, NULL},
                                        END_PARAMS};
static const param_spec_t p_meeting_record[] = {ID_PARAM,
                                                {"present", P_INT, PARAM_MULTI, "Närvaro", 1, 1000000000, NULL},
                                                {"done", P_INT, PARAM_MULTI, "Klara åtgärder", 1, 1000000000, NULL},
                                                {"notes", P_MULTILINE, 0, "Anteckningar", 0, 50000, NULL},
                                                END_PARAMS};
static const param_spec_t p_meeting_action[] = {ID_PARAM, {"text", P_TEXT, PARAM_REQUIRED, "Ny åtgärd", 0, 500, NULL},
                                                {"owner", P_TEXT, PARAM_REQUIRED, "Ansvarig", 0, 200, NULL},
                                                {"due", P_DATE, 0, "Klart senast", 0, 0, NULL}, END_PARAMS};

static const param_spec_t p_submission[] = {ID_PARAM, {"key", P_TEXT, PARAM_REQUIRED, "Redovisning", 0, 40, NULL},
                                            END_PARAMS};
static const param_spec_t p_calendar[] = {{"token", P_TEXT, PARAM_PATH, "Nyckel", 0, 64, NULL}, END_PARAMS};
static const param_spec_t p_due[] = {{"days", P_INT, 0, "Dagar", 0, 1100, NULL}, END_PARAMS};

static int api_openapi(request_t *req)
{
    const static_file_t *f = static_find("openapi.json");
    if (!f)
        return respond_error(req, 404, "Beskrivningen saknas.");
    buf_append(&req->body, (const char *)f->data, f->size);
    req->content_type = "application/json; charset=utf-8";
    return req->status = 200;
}

const route_t app_routes[] = {
    {"GET", "/", home_page, ROLES_ALL_USERS, 0, p_none},
    {"GET", "/healthz", home_health, 0, ROUTE_PUBLIC, p_none},
    {"GET", "/static/{file}", static_serve, 0, ROUTE_PUBLIC, p_static},
    {"GET", "/login", auth_login_page, 0, ROUTE_PUBLIC, p_login_page},
    {"POST", "/login", auth_login_submit, 0, ROUTE_PUBLIC | ROUTE_FORM | ROUTE_NO_CSRF, p_login},
    {"POST", "/logout", auth_logout, ROLES_ALL_USERS, 0, p_none},
    {"GET", "/account", auth_account_page, ROLES_ALL_USERS, 0, p_account},
    {"POST", "/account/password", auth_password_submit, ROLES_ALL_USERS, ROUTE_FORM, p_password},

    {"GET", "/organisers", register_organisers_page, REGISTER_READERS, 0, p_list},
    {"GET", "/organisers.csv", register_organisers_export, REGISTER_READERS, 0, p_list},
    {"GET", "/organisers.xlsx", register_organisers_export, REGISTER_READERS, 0, p_list},
    {"GET", "/organisers/{orgnr}", register_organiser_page, REGISTER_READERS, 0, p_orgnr},
    {"GET", "/organisers/{orgnr}/units.csv", register_organiser_units_export, REGISTER_READERS, 0, p_orgnr},
    {"GET", "/organisers/{orgnr}/units.xlsx", register_organiser_units_export, REGISTER_READERS, 0, p_orgnr},
    {"GET", "/units", register_units_page, REGISTER_READERS, 0, p_list},
    {"GET", "/units.csv", register_units_export, REGISTER_READERS, 0, p_list},
    {"GET", "/units.xlsx", register_units_export, REGISTER_READERS, 0, p_list},
    {"GET", "/units/{code}", register_unit_page, REGISTER_READERS, 0, p_code},
    {"GET", "/import", register_import_page, R(ADMIN) | R(ANALYST), 0, p_none},
    {"POST", "/import", register_import_submit, R(ADMIN) | R(ANALYST), ROUTE_FORM | ROUTE_UPLOAD, p_import},

    {"GET", "/rounds", selection_rounds_page, ROUNDS, 0, p_none},
    {"POST", "/rounds", selection_round_create, ROUNDS, ROUTE_FORM, p_round_new},
    {"GET", "/rounds/{id}", selection_round_page, ROUNDS, 0, p_id},
    {"POST", "/rounds/{id}/inputs", selection_round_freeze, ROUNDS, ROUTE_FORM, p_round_inputs},
    {"POST", "/rounds/{id}/choices", selection_round_choose, ROUNDS, ROUTE_FORM, p_choose},
    {"POST", "/rounds/{id}/choices/{choice}/remove", selection_round_unchoose, ROUNDS, ROUTE_FORM, p_unchoose},
    {"POST", "/rounds/{id}/decision", selection_round_decide, ROUNDS, ROUTE_FORM, p_decide},
    {"GET", "/rounds/{id}/rankings/{method}", selection_ranking_page, ROUNDS, 0, p_ranking},
    {"GET", "/rounds/{id}/organisers", selection_organisers_page, ROUNDS, 0, p_id},
    {"GET", "/rounds/{id}/rankings/{method}/export.csv", selection_ranking_export, ROUNDS, 0, p_ranking},
    {"GET", "/rounds/{id}/rankings/{method}/export.xlsx", selection_ranking_export, ROUNDS, 0, p_ranking},
    {"GET", "/criteria", selection_criteria_page, ROUNDS, 0, p_criteria_page},
    {"POST", "/criteria", selection_criteria_create, ROUNDS, ROUTE_FORM, p_criteria_new},
    {"GET", "/offers", selection_offers_page, ROUNDS | R(ORGANISER), 0, p_none},
    {"GET", "/offers/{id}", selection_offer_page, ROUNDS | R(ORGANISER), 0, p_id},
    {"POST", "/offers/{id}", selection_offer_answer, R(ORGANISER), ROUTE_FORM, p_answer},

    {"GET", "/cases", cases_list_page, CASE_READERS, 0, p_cases},
    {"GET", "/cases.csv", cases_export, CASE_READERS, 0, p_cases},
    {"GET", "/cases.xlsx", cases_export, CASE_READERS, 0, p_cases},
    {"GET", "/cases/{id}", cases_case_page, CASE_READERS, 0, p_id},
    {"POST", "/cases/{id}/phase", cases_move_submit, R(ADMIN) | R(ANALYST) | R(SUPPORTER), ROUTE_FORM, p_case_move},
    {"POST", "/cases/{id}/supporters", cases_supporter_submit, R(ADMIN) | R(ANALYST), ROUTE_FORM, p_case_supporter},
    {"POST", "/cases/{id}/contacts", cases_contact_submit, R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(ORGANISER),
     ROUTE_FORM, p_case_contact},
    {"POST", "/cases/{id}/people/{person}/remove", cases_remove_person_submit,
     R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(ORGANISER), ROUTE_FORM, p_case_person},
    {"POST", "/cases/{id}/university", cases_university_submit, R(ADMIN) | R(ANALYST) | R(SUPPORTER), ROUTE_FORM,
     p_case_university},

    {"GET", "/cases/{id}/agreements/new", agreements_new_page, R(ADMIN) | R(ANALYST) | R(SUPPORTER), 0, p_agreement_new},
    {"POST", "/cases/{id}/agreements", agreements_create_submit, R(ADMIN) | R(ANALYST) | R(SUPPORTER), ROUTE_FORM,
     p_agreement_create},
    {"GET", "/agreements/{id}", agreements_page, CASE_READERS, 0, p_id},
    {"POST", "/agreements/{id}", agreements_save_submit, R(ADMIN) | R(ANALYST) | R(SUPPORTER), ROUTE_FORM,
     p_agreement_save},
    {"GET", "/agreements/{id}/edit", agreements_edit_page, R(ADMIN) | R(ANALYST) | R(SUPPORTER), 0, p_id},
    {"POST", "/agreements/{id}/actions", agreements_act_submit, CASE_READERS, ROUTE_FORM, p_agreement_act},
    {"GET", "/agreements/{id}/diff", agreements_diff_page, CASE_READERS, 0, p_agreement_diff},
    {"GET", "/agreements/{id}/document.pdf", agreements_pdf_download, CASE_READERS, 0, p_id},

    {"POST", "/cases/{id}/groups", meetings_group_create_submit, MEETING_WRITERS, ROUTE_FORM, p_group_new},
    {"POST", "/cases/{id}/meetings", meetings_series_submit, MEETING_WRITERS, ROUTE_FORM, p_series},
    {"GET", "/cases/{id}/meetings.csv", meetings_log_export, CASE_READERS, 0, p_id},
    {"GET", "/cases/{id}/meetings.xlsx", meetings_log_export, CASE_READERS, 0, p_id},
    {"GET", "/groups/{id}", meetings_group_page, CASE_READERS, 0, p_id},
    {"POST", "/groups/{id}/members", meetings_member_submit, MEETING_WRITERS, ROUTE_FORM, p_group_member},
    {"POST", "/groups/{id}/meetings", meetings_series_submit, MEETING_WRITERS, ROUTE_FORM, p_series},
    {"GET", "/meetings/{id}", meetings_meeting_page, CASE_READERS, 0, p_id},
    {"POST", "/meetings/{id}", meetings_record_submit, MEETING_WRITERS, ROUTE_FORM, p_meeting_record},
    {"POST", "/meetings/{id}/actions", meetings_action_submit, MEETING_WRITERS, ROUTE_FORM, p_meeting_action},

    {"POST", "/cases/{id}/submissions", deadlines_submit_form, R(ADMIN) | R(ANALYST) | R(SUPPORTER) | R(ORGANISER),
     ROUTE_FORM, p_submission},
    {"GET", "/calendar/{token}", calendar_feed, 0, ROUTE_PUBLIC, p_calendar},
    {"POST", "/account/calendar", calendar_token_submit, ROLES_ALL_USERS, ROUTE_FORM, p_none},
    {"GET", "/admin/outbox", admin_outbox_page, R(ADMIN), 0, p_none},

    {"GET", "/admin/users", admin_users_page, R(ADMIN), 0, p_users},
    {"POST", "/admin/users", admin_users_submit, R(ADMIN), ROUTE_FORM, p_user_add},
    {"GET", "/admin/audit", admin_audit_page, R(ADMIN), 0, p_audit},

    {"GET", "/api/openapi.json", api_openapi, 0, ROUTE_PUBLIC | ROUTE_API, p_none},
    {"GET", "/api/v1/organisers", register_api_organisers, REGISTER_READERS, ROUTE_API, p_api_list},
    {"GET", "/api/v1/organisers/{orgnr}", register_api_organiser, REGISTER_READERS, ROUTE_API, p_orgnr},
    {"GET", "/api/v1/units/{code}", register_api_unit, REGISTER_READERS, ROUTE_API, p_code},
    {"GET", "/api/v1/rounds", selection_api_rounds, ROUNDS, ROUTE_API, p_none},
    {"GET", "/api/v1/rounds/{id}", selection_api_round, ROUNDS, ROUTE_API, p_id},
    {"GET", "/api/v1/rounds/{id}/rankings/{method}", selection_api_ranking, ROUNDS, ROUTE_API, p_api_ranking},
    {"GET", "/api/v1/rounds/{id}/organisers", selection_api_organisers, ROUNDS, ROUTE_API, p_id},
    {"GET", "/api/v1/cases", cases_api_list, CASE_READERS, ROUTE_API, p_cases},
    {"GET", "/api/v1/cases/{id}", cases_api_case, CASE_READERS, ROUTE_API, p_id},
    {"GET", "/api/v1/due", deadlines_api_due, CASE_READERS, ROUTE_API, p_due},
    {"GET", "/api/v1/cases/{id}/meetings", meetings_api_list, CASE_READERS, ROUTE_API, p_id},
    {"GET", "/api/v1/agreements/{id}", agreements_api_get, CASE_READERS, ROUTE_API, p_id},
    {"POST", "/api/v1/agreements/{id}", agreements_api_update, R(ADMIN) | R(ANALYST) | R(SUPPORTER),
     ROUTE_API | ROUTE_FORM, p_agreement_save},
    {"GET", "/api/v1/offers", selection_api_offers, ROUNDS | R(ORGANISER), ROUTE_API, p_none},
    {NULL, NULL, NULL, 0, 0, NULL},
};
