/* exports.c — the register's lists as CSV and XLSX, with the same filters and the same
 * access rules as the pages. */
#include "parts.h"
#include "../io/export.h"
#include "../http/export_response.h"
#include <string.h>

static int register_organisers_export(request_t *req)
{
    reg_filter_t f = register_filter_from(req, 0);
    reg_organiser_t *rows;
    long long total;
    size_t n = register_list_organisers(req->db, &req->viewer, &f, &req->arena, &rows, &total);
    static const char *headers[] = {"Organisationsnummer", "Huvudman", "Typ", "Juridisk form", "Kommunkod",
                                    "Kommun", "Län", "Postort", "Skolformer", "Antal enheter"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT,
                                          EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_INT};
    export_table_t t;
    export_init(&t, &req->arena, "Huvudmän", 10, headers, kinds);
    for (size_t i = 0; i < n; i++) {
        const reg_organiser_t *r = &rows[i];
        export_cell_t *c = export_add_row(&t);
        c[0].text = r->orgnr;
        c[1].text = r->name;
        c[2].text = register_kind_label(r->kind);
        c[3].text = r->legal_form;
        c[4].text = r->municipality_code;
        c[5].text = r->municipality;
        c[6].text = r->county;
        c[7].text = r->postal_town;
        c[8].text = register_forms_label(&req->arena, r->school_forms);
        export_number(&c[9], (double)r->units);
    }
    return export_respond(req, &t, "huvudman");
}

static const char *const stat_vars[] = {"pupils_grade9", "merit17", "pass_all", "eligible_voc", "pupils_1_9",
                                        "foreign_bg", "parents_post_sec", "children", "fte_staff",
                                        "degree_share", "children_per_staff"};
enum { NSTAT = sizeof stat_vars / sizeof stat_vars[0], UNIT_FIXED = 9 };

static void unit_table(request_t *req, export_table_t *t)
{
    const char **headers = arena_alloc(&req->arena, (UNIT_FIXED + NSTAT) * sizeof *headers);
    export_kind_t *kinds = arena_alloc(&req->arena, (UNIT_FIXED + NSTAT) * sizeof *kinds);
    static const char *fixed[UNIT_FIXED] = {"Enhetskod", "Enhet", "Huvudman orgnr", "Huvudman", "Skolformer",
                                            "Kommunkod", "Kommun", "Län", "Elever (registret)"};
    for (size_t i = 0; i < UNIT_FIXED; i++) {
        headers[i] = fixed[i];
        kinds[i] = i == UNIT_FIXED - 1 ? EXPORT_INT : EXPORT_TEXT;
    }
    for (size_t k = 0; k < NSTAT; k++) {
        headers[UNIT_FIXED + k] = register_variable(stat_vars[k])->label;
        kinds[UNIT_FIXED + k] = EXPORT_DECIMAL;
    }
    export_init(t, &req->arena, "Enheter", UNIT_FIXED + NSTAT, headers, kinds);
}

static void unit_row(request_t *req, export_table_t *t, const reg_unit_t *u, const reg_stat_t *stats, size_t nstats)
{
    export_cell_t *c = export_add_row(t);
    c[0].text = u->code;
    c[1].text = u->name;
    c[2].text = u->orgnr;
    c[3].text = u->organiser;
    c[4].text = register_forms_label(&req->arena, u->school_forms);
    c[5].text = u->municipality_code;
    c[6].text = u->municipality;
    c[7].text = u->county;
    if (u->pupils >= 0) {
        export_number(&c[8], (double)u->pupils);
    }
    for (size_t k = 0; stats && k < NSTAT; k++)
        register_stat_export(register_find_stat(stats, nstats, u->id, stat_vars[k]), &c[UNIT_FIXED + k]);
}

static int register_units_export(request_t *req)
{
    reg_filter_t f = register_filter_from(req, 0);
    reg_unit_t *rows;
    long long total;
    size_t n = register_list_units(req->db, &req->viewer, &f, &req->arena, &rows, &total);
    export_table_t t;
    unit_table(req, &t);
    /* The national list carries register facts; statistics come per organiser. */
    for (size_t i = 0; i < n; i++)
        unit_row(req, &t, &rows[i], NULL, 0);
    return export_respond(req, &t, "enheter");
}

static int register_organiser_units_export(request_t *req)
{
    organiser_view_t v;
    if (!register_load_organiser_view(req, &v))
        return req->status;
    export_table_t t;
    unit_table(req, &t);
    for (size_t i = 0; i < v.nunits; i++)
        unit_row(req, &t, &v.units[i], v.stats, v.nstats);
    return export_respond(req, &t, arena_printf(&req->arena, "enheter-%s", v.org->orgnr));
}

static const param_spec_t p_list[] = {REGISTER_FILTER_PARAMS, PARAM_END};
static const param_spec_t p_orgnr[] = {{"orgnr", P_ORGNR, PARAM_PATH, "Organisationsnummer", 0, 0, NULL}, PARAM_END};

const route_t register_export_routes[] = {
    {"GET", "/organisers.csv", register_organisers_export, CAP_REGISTER_READ, ROUTE_KEPT, p_list},
    {"GET", "/organisers.xlsx", register_organisers_export, CAP_REGISTER_READ, ROUTE_KEPT, p_list},
    {"GET", "/organisers/{orgnr}/units.csv", register_organiser_units_export, CAP_REGISTER_READ, ROUTE_KEPT, p_orgnr},
    {"GET", "/organisers/{orgnr}/units.xlsx", register_organiser_units_export, CAP_REGISTER_READ, ROUTE_KEPT, p_orgnr},
    {"GET", "/units.csv", register_units_export, CAP_REGISTER_READ, ROUTE_KEPT, p_list},
    {"GET", "/units.xlsx", register_units_export, CAP_REGISTER_READ, ROUTE_KEPT, p_list},
    {NULL, NULL, NULL, 0, 0, NULL},
};
