/* criteria_pages.c — the agency's criteria sets: each a name with versions; a saved
 * version never changes, so a round that used it can always be re-run. Saving under an
 * existing name makes the next version. */
#include "selection_pages.h"
#include "../base/fmt.h"
#include "../db/audit.h"
#include "../html/layout.h"
#include "../register/register.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_CRITERIA = 5 };

const char *const selection_criteria_variables[] = {"merit17", "pass_all", "eligible_voc", "foreign_bg",
                                                    "parents_post_sec", NULL};

static void list_sets(request_t *req)
{
    buf_t *o = &req->body;
    db_stmt_t *st = db_prepare(req->db, "SELECT s.id, s.name, s.version, s.note, s.created_by, s.created_at,"
                                        " c.variable, c.direction, c.weight, c.threshold FROM criteria_sets s"
                                        " JOIN criteria c ON c.set_id = s.id ORDER BY s.name, s.version DESC, c.position");
    int64_t current = 0;
    bool any = false;
    while (st && db_step(st) == DB_ROW) {
        if (db_col_int(st, 0) != current) {
            if (current)
                html_raw(o, "</tbody></table></div>\n");
            current = db_col_int(st, 0);
            buf_t when = BUF_INIT;
            fmt_date(&when, db_col_int(st, 5));
            html_printf(o, "<h3>%s, version %lld</h3><p class=\"hint\">%s Sparad %s av %s.</p>", db_col_text(st, 1),
                        (long long)db_col_int(st, 2), db_col_text(st, 3), buf_cstr(&when), db_col_text(st, 4));
            buf_free(&when);
            html_raw(o, TABLE_OPEN("Kriterier") "<thead><tr><th scope=\"col\">Variabel</th><th scope=\"col\">Sämre är"
                        "</th><th scope=\"col\" class=\"num\">Vikt</th><th scope=\"col\" class=\"num\">Gräns</th></tr>"
                        "</thead><tbody>");
            any = true;
        }
        const reg_variable_t *v = register_variable(db_col_text(st, 6));
        html_printf(o, "<tr><td>%s</td><td>%s</td><td class=\"num\">", v ? v->label : db_col_text(st, 6),
                    db_col_int(st, 7) < 0 ? "lägre" : "högre");
        html_decimal(o, db_col_double(st, 8), 2);
        html_raw(o, "</td><td class=\"num\">");
        if (!db_col_is_null(st, 9))
            html_decimal(o, db_col_double(st, 9), 1);
        else
            html_raw(o, "–");
        html_raw(o, "</td></tr>");
    }
    db_done(st);
    if (any)
        html_raw(o, "</tbody></table></div>\n");
    else
        html_raw(o, "<p class=\"empty\">Ingen kriterieuppsättning än.</p>\n");
}

static void criterion_fields(request_t *req, int i)
{
    buf_t *o = &req->body;
    char var[32], dir[32], weight[32], threshold[32];
    snprintf(var, sizeof var, "var%d", i);
    snprintf(dir, sizeof dir, "dir%d", i);
    snprintf(weight, sizeof weight, "weight%d", i);
    snprintf(threshold, sizeof threshold, "threshold%d", i);
    html_printf(o, "<fieldset class=\"criterion\"><legend>Kriterium %d</legend>", i);
    html_printf(o, "<div class=\"field\"><label for=\"f-%s\">Variabel</label>", var);
    widget_field_error(req, var);
    html_printf(o, "<select id=\"f-%s\" name=\"%s\"><option value=\"\">Inget</option>", var, var);
    for (const char *const *k = selection_criteria_variables; *k; k++) {
        const reg_variable_t *v = register_variable(*k);
        html_printf(o, "<option value=\"%s\"%s>%s</option>", *k, strcmp(req_param(req, var), *k) == 0 ? " selected" : "",
                    v ? v->label : *k);
    }
    html_printf(o, "</select></div><div class=\"field\"><label for=\"f-%s\">Sämre är</label>"
                   "<select id=\"f-%s\" name=\"%s\"><option value=\"-1\"%s>ett lägre värde</option>"
                   "<option value=\"1\"%s>ett högre värde</option></select></div>",
                dir, dir, dir, strcmp(req_param(req, dir), "1") != 0 ? " selected" : "",
                strcmp(req_param(req, dir), "1") == 0 ? " selected" : "");
    widget_input(req, weight, "Vikt", "text", req_param(req, weight), "Ett tal större än 0; tomt = 1.", "off");
    widget_input(req, threshold, "Gräns (valfri)", "text", req_param(req, threshold),
                 "Enheten måste nå gränsen i den sämre riktningen, till exempel meritvärde högst 200.", "off");
    html_raw(o, "</fieldset>\n");
}

static int criteria_view(request_t *req, int status)
{
    layout_begin(req, "Kriterieuppsättningar");
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Kriterieuppsättningen är sparad.");
    html_raw(o, "<p class=\"lead\">Myndighetens egna kriterier för skolenheter: låga resultat och svåra förutsättningar. "
                "En sparad version ändras aldrig; spara med samma namn för att göra nästa version.</p>\n"
                "<p><a href=\"/rounds\">Till urvalsomgångarna</a></p>\n");
    list_sets(req);
    html_raw(o, "<h2 id=\"ny\">Ny uppsättning eller ny version</h2>\n");
    widget_error_summary(req);
    html_raw(o, "<form method=\"post\" action=\"/criteria\" class=\"card form\" novalidate>\n");
    widget_csrf(req);
    widget_input(req, "name", "Namn", "text", req_param(req, "name"), "Samma namn som en befintlig: nästa version.", "off");
    widget_input(req, "note", "Beskrivning", "text", req_param(req, "note"), NULL, "off");
    for (int i = 1; i <= MAX_CRITERIA; i++)
        criterion_fields(req, i);
    html_raw(o, "<button type=\"submit\" class=\"button\">Spara</button>\n</form>\n");
    layout_end(req);
    return respond_html(req, status);
}

int selection_criteria_page(request_t *req)
{
    return criteria_view(req, 200);
}

/* "1,5" or "1.5"; empty gives dflt. False when not a number. */
static bool parse_number(const char *s, double dflt, double *out)
{
    if (!*s) {
        *out = dflt;
        return true;
    }
    char buf[32];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *p = buf; *p; p++)
        if (*p == ',')
            *p = '.';
    char *end;
    *out = strtod(buf, &end);
    return *end == '\0' && isfinite(*out);
}

typedef struct criterion_in {
    const char *variable;
    int direction;
    double weight, threshold;
} criterion_in_t;

int selection_criteria_create(request_t *req)
{
    criterion_in_t c[MAX_CRITERIA];
    size_t n = 0;
    for (int i = 1; i <= MAX_CRITERIA; i++) {
        char var[32], dir[32], weight[32], threshold[32];
        snprintf(var, sizeof var, "var%d", i);
        snprintf(dir, sizeof dir, "dir%d", i);
        snprintf(weight, sizeof weight, "weight%d", i);
        snprintf(threshold, sizeof threshold, "threshold%d", i);
        if (!req_param(req, var)[0])
            continue;
        criterion_in_t *k = &c[n];
        k->variable = req_param(req, var);
        k->direction = strcmp(req_param(req, dir), "1") == 0 ? 1 : -1;
        if (!parse_number(req_param(req, weight), 1, &k->weight) || !(k->weight > 0) || k->weight > 100)
            req_add_error(req, arena_strdup(&req->arena, weight), "Vikten ska vara ett tal större än 0 (högst 100).");
        if (!parse_number(req_param(req, threshold), NAN, &k->threshold))
            req_add_error(req, arena_strdup(&req->arena, threshold), "Gränsen ska vara ett tal, till exempel 200 eller 45,5.");
        for (size_t j = 0; j < n; j++)
            if (strcmp(c[j].variable, k->variable) == 0)
                req_add_error(req, arena_strdup(&req->arena, var), "Variabeln finns redan i ett annat kriterium.");
        n++;
    }
    if (n == 0 && !req->nerrors)
        req_add_error(req, "var1", "Välj minst en variabel.");
    if (req->nerrors)
        return criteria_view(req, 400);
    const char *name = req_param(req, "name");
    if (db_begin_write(req->db) != DB_OK) {
        req_add_error(req, "name", "Databasen är upptagen; försök igen.");
        return criteria_view(req, 503);
    }
    int64_t version = db_run_int(req->db, 0, "SELECT MAX(version) FROM criteria_sets WHERE name = ?", "t", name) + 1;
    int64_t id = db_run_int(req->db, 0, "INSERT INTO criteria_sets (name, version, note, created_by, created_at)"
                                        " VALUES (?, ?, ?, ?, ?) RETURNING id", "titti", name, version,
                            req_param(req, "note"), req->viewer.email, (int64_t)time(NULL));
    bool ok = id != 0;
    json_t *after = json_pack("{s:s, s:I, s:[]}", "name", name, "version", (json_int_t)version, "criteria");
    for (size_t i = 0; ok && i < n; i++) {
        ok = db_run(req->db, "INSERT INTO criteria (set_id, position, variable, direction, weight, threshold)"
                             " VALUES (?, ?, ?, ?, ?, ?)", isnan(c[i].threshold) ? "iitidn" : "iitidd", id, (int64_t)i + 1,
                    c[i].variable, (int64_t)c[i].direction, c[i].weight, c[i].threshold) == DB_DONE;
        json_array_append_new(json_object_get(after, "criteria"),
                              json_pack("{s:s, s:i, s:f, s:o}", "variable", c[i].variable, "direction", c[i].direction,
                                        "weight", c[i].weight, "threshold",
                                        isnan(c[i].threshold) ? json_null() : json_real(c[i].threshold)));
    }
    char *as = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(after);
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)id);
    ok = ok && audit_record(req->db, &req->viewer, "criteria:create", "criteria_set", key, NULL, as) == DB_OK;
    free(as);
    if (!ok || db_commit(req->db) != DB_OK) {
        db_rollback(req->db);
        req_add_error(req, "name", "Kriterieuppsättningen kunde inte sparas; försök igen.");
        return criteria_view(req, 500);
    }
    return respond_redirect(req, "/criteria?klart=1");
}
