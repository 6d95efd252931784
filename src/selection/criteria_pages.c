/* criteria_pages.c — the agency's criteria sets: each a name with versions; a saved
 * version never changes, so a round that used it can always be re-run. Saving under an
 * existing name makes the next version. */
#include "parts.h"
#include "criteria.h"
#include "../base/fmt.h"
#include "../http/layout.h"
#include "../register/register.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


const char *const selection_criteria_variables[] = {"merit17", "pass_all", "eligible_voc", "foreign_bg",
                                                    "parents_post_sec", NULL};

static void list_sets(request_t *req)
{
    buf_t *o = &req->body;
    criteria_set_t *sets;
    size_t n = criteria_sets_list(req->db, &req->arena, &sets);
    for (size_t i = 0; i < n; i++) {
        buf_t when = BUF_INIT;
        fmt_date(&when, sets[i].created_at);
        html_printf(o, "<h2>%s, version %d</h2><p class=\"hint\">%s Sparad %s av %s.</p>", sets[i].name,
                    sets[i].version, sets[i].note, buf_cstr(&when), sets[i].created_by);
        buf_free(&when);
        html_lit(o, TABLE_OPEN("Kriterier") "<thead><tr><th scope=\"col\">Variabel</th><th scope=\"col\">Sämre är"
                    "</th><th scope=\"col\" class=\"num\">Vikt</th><th scope=\"col\" class=\"num\">Gräns</th></tr>"
                    "</thead><tbody>");
        for (size_t k = 0; k < sets[i].ncriteria; k++) {
            const criterion_in_t *c = &sets[i].criteria[k];
            const reg_variable_t *v = register_variable(c->variable);
            html_printf(o, "<tr><td>%s</td><td>%s</td><td class=\"num\">", v ? v->label : c->variable,
                        c->direction < 0 ? "lägre" : "högre");
            html_decimal(o, c->weight, 2);
            html_lit(o, "</td><td class=\"num\">");
            if (!isnan(c->threshold))
                html_decimal(o, c->threshold, 1);
            else
                html_lit(o, "–");
            html_lit(o, "</td></tr>");
        }
        html_lit(o, "</tbody></table></div>\n");
    }
    if (!n)
        html_lit(o, "<p class=\"empty\">Ingen kriterieuppsättning än.</p>\n");
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
    html_lit(o, "</fieldset>\n");
}

static int criteria_view(request_t *req, int status)
{
    layout_begin(req, "Kriterieuppsättningar");
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Kriterieuppsättningen är sparad.");
    html_lit(o, "<p class=\"lead\">Myndighetens egna kriterier för skolenheter: låga resultat och svåra förutsättningar. "
                "En sparad version ändras aldrig; spara med samma namn för att göra nästa version.</p>\n"
                "<p><a href=\"/rounds\">Till urvalsomgångarna</a></p>\n");
    list_sets(req);
    html_lit(o, "<h2 id=\"ny\">Ny uppsättning eller ny version</h2>\n");
    widget_error_summary(req);
    html_lit(o, "<form method=\"post\" action=\"/criteria\" class=\"card form\" novalidate>\n");
    widget_csrf(req);
    widget_input(req, "name", "Namn", "text", req_param(req, "name"), "Samma namn som en befintlig: nästa version.", "off");
    widget_input(req, "note", "Beskrivning", "text", req_param(req, "note"), NULL, "off");
    for (int i = 1; i <= CRITERIA_MAX; i++)
        criterion_fields(req, i);
    html_lit(o, "<button type=\"submit\" class=\"button\">Spara</button>\n</form>\n");
    layout_end(req);
    return respond_html(req, status);
}

static int selection_criteria_page(request_t *req)
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

static int selection_criteria_create(request_t *req)
{
    criterion_in_t c[CRITERIA_MAX];
    size_t n = 0;
    for (int i = 1; i <= CRITERIA_MAX; i++) {
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
    char *err = NULL;
    if (!criteria_sets_create(req->db, &req->viewer, req_param(req, "name"), req_param(req, "note"), c, n, &req->arena,
                              &err)) {
        req_add_error(req, "name", err);
        return criteria_view(req, 409);
    }
    return respond_redirect(req, "/criteria?klart=1");
}

#define CRITERION(i) \
    {"var" #i, P_CHOICE, 0, "Variabel " #i, 0, 0, selection_criteria_variables}, \
    {"dir" #i, P_CHOICE, 0, "Riktning " #i, 0, 0, direction_choices}, \
    {"weight" #i, P_TEXT, 0, "Vikt " #i, 0, 12, NULL}, \
    {"threshold" #i, P_TEXT, 0, "Gräns " #i, 0, 12, NULL}
static const char *const direction_choices[] = {"-1", "1", NULL};
static const param_spec_t p_page[] = {PARAM_SAVED, PARAM_END};
static const param_spec_t p_new[] = {{"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 120, NULL},
                                     {"note", P_TEXT, 0, "Beskrivning", 0, 300, NULL},
                                     CRITERION(1), CRITERION(2), CRITERION(3), CRITERION(4), CRITERION(5),
                                     PARAM_END};

const route_t selection_criteria_routes[] = {
    {"GET", "/criteria", selection_criteria_page, CAP_ROUND_MANAGE, 0, p_page},
    {"POST", "/criteria", selection_criteria_create, CAP_ROUND_MANAGE, ROUTE_FORM, p_new},
    {NULL, NULL, NULL, 0, 0, NULL},
};
