/* round_pages.c — the analyst's pages for selection rounds: the list, a new round, and
 * one round with its inputs, choices, decision, supplementary decisions, offers and
 * counts. */
#include "parts.h"
#include "../base/date.h"
#include "rounds.h"
#include "criteria.h"
#include "../base/fmt.h"
#include "../http/layout.h"
#include "../register/register.h"
#include <stdlib.h>
#include <string.h>

const char *const selection_method_keys[] = {"inspection", "results", "preschool", "criteria", NULL};

static const char *status_label(const round_t *r)
{
    if (strcmp(r->status, "decided") == 0)
        return "Beslutad";
    return r->frozen_at ? "Öppen, underlaget fryst" : "Öppen, underlaget inte fryst";
}

static int selection_rounds_page(request_t *req)
{
    layout_begin(req, "Urval");
    buf_t *o = &req->body;
    round_t *rounds;
    size_t n = rounds_list(req->db, &req->arena, &rounds);
    html_lit(o, "<p class=\"lead\">Urvalet görs två gånger om året. En omgång fryser sitt underlag — Skolinspektionens "
                "beslut, resultat, bakgrund, förskoleindex och kriterier — så att rangordningen blir densamma varje "
                "gång den räknas om, även efter nya importer.</p>\n");
    html_lit(o, "<p><a href=\"/criteria\">Kriterieuppsättningar</a> · <a href=\"/offers\">Erbjudanden och svar</a></p>\n");
    if (n) {
        html_lit(o, TABLE_OPEN("Urvalsomgångar") "<thead><tr><th scope=\"col\">Omgång</th><th scope=\"col\">Planerat "
                    "beslut</th><th scope=\"col\">Status</th><th scope=\"col\">Beslutsdatum</th></tr></thead><tbody>\n");
        for (size_t i = 0; i < n; i++)
            html_printf(o, "<tr><td><a href=\"/rounds/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
                        (long long)rounds[i].id, rounds[i].name, rounds[i].planned_date, status_label(&rounds[i]),
                        rounds[i].decision_date ? rounds[i].decision_date : "–");
        html_lit(o, "</tbody></table></div>\n");
    } else {
        html_lit(o, "<p class=\"empty\">Ingen urvalsomgång än.</p>\n");
    }
    html_lit(o, "<h2 id=\"ny\">Ny omgång</h2>\n");
    widget_error_summary(req);
    html_lit(o, "<form method=\"post\" action=\"/rounds\" class=\"card form narrow\" novalidate>\n");
    widget_csrf(req);
    widget_input(req, "name", "Namn", "text", req_param(req, "name"), "Till exempel \"Urval våren 2026\".", "off");
    widget_input(req, "planned_date", "Planerat beslutsdatum", "date", req_param(req, "planned_date"), "ÅÅÅÅ-MM-DD",
                 "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Skapa omgången</button>\n</form>\n");
    layout_end(req);
    return respond_html(req, 200);
}

static int selection_round_create(request_t *req)
{
    if (req->nerrors) {
        selection_rounds_page(req);
        return req->status = 400;
    }
    char *err = NULL;
    int64_t id = rounds_create(req->db, &req->viewer, req_param(req, "name"), req_param(req, "planned_date"),
                               &req->arena, &err);
    if (!id) {
        req_add_error(req, "name", err);
        selection_rounds_page(req);
        return req->status = 422;
    }
    return respond_redirect(req, arena_printf(&req->arena, "/rounds/%lld", (long long)id));
}

static round_t *load_round(request_t *req)
{
    return rounds_get(req->db, req_param_int(req, "id", 0), &req->arena);
}

static void counts_section(request_t *req, const round_t *r)
{
    buf_t *o = &req->body;
    round_counts_t c;
    rounds_counts(req->db, r->id, &c);
    html_lit(o, "<h2>Antal</h2>\n<dl class=\"facts counts\">");
    html_lit(o, "<dt>Huvudmän som erbjudits</dt><dd>");
    html_int(o, c.offered);
    html_lit(o, "</dd><dt>Tackat ja</dt><dd>");
    html_int(o, c.accepted);
    html_lit(o, "</dd><dt>Tackat nej</dt><dd>");
    html_int(o, c.declined);
    html_lit(o, "</dd><dt>Väntar på svar</dt><dd>");
    html_int(o, c.pending);
    html_lit(o, "</dd><dt>Valda enheter</dt><dd>");
    html_int(o, c.units);
    if (c.supplementary) {
        html_lit(o, " (varav ");
        html_int(o, c.supplementary);
        html_lit(o, " genom tilläggsbeslut)");
    }
    html_lit(o, "</dd>");
    for (int f = 0; f < SCHOOL_FORM_COUNT; f++)
        if (c.by_form[f]) {
            html_printf(o, "<dt>%s</dt><dd>", register_form_label_by_key(register_form_key(f)));
            html_int(o, c.by_form[f]);
            html_lit(o, "</dd>");
        }
    html_lit(o, "</dl>\n");
}

static void select_year(request_t *req, const char *name, const char *label, int value, const char *hint)
{
    buf_t *o = &req->body;
    const char *v = req_has_param(req, name) ? req_param(req, name)
                                             : (value ? arena_printf(&req->arena, "%d", value) : "");
    html_printf(o, "<div class=\"field\"><label for=\"f-%s\">%s</label><p class=\"hint\" id=\"h-%s\">%s</p>", name,
                label, name, hint);
    widget_field_error(req, name);
    html_printf(o, "<input id=\"f-%s\" name=\"%s\" inputmode=\"numeric\" class=\"short\" value=\"%s\"", name, name, v);
    widget_described_by(req, name, true);
    html_lit(o, "></div>\n");
}

static const char *param_or(request_t *req, const char *name, const char *value)
{
    return req_has_param(req, name) ? req_param(req, name) : (value ? value : "");
}

/* The variables a round's rankings may use, by their Swedish names. */
typedef struct round_var {
    const char *key, *label;
} round_var_t;
static const round_var_t preschool_vars[] = {
    {"degree_share", "Personal med förskollärarexamen (andel)"},
    {"licensed_share", "Personal med förskollärarlegitimation (andel)"},
    {"children_per_staff", "Barn per heltidstjänst"},
    {"no_ped_share", "Personal utan pedagogisk utbildning (andel)"},
    {"parents_compulsory", "Barn vars föräldrar har högst förgymnasial utbildning (andel)"},
    {"foreign_bg", "Barn med utländsk bakgrund (andel)"},
    {NULL, NULL},
};
static const round_var_t result_vars[] = {
    {"merit17", "Genomsnittligt meritvärde (17 ämnen)"},
    {"pass_all", "Andel som uppnått betygskriterierna i alla ämnen"},
    {"eligible_voc", "Andel behöriga till yrkesprogram"},
    {NULL, NULL},
};
static const round_var_t background_vars[] = {
    {"foreign_bg", "Elever med utländsk bakgrund (andel)"},
    {"parents_post_sec", "Elever med föräldrar med eftergymnasial utbildning (andel)"},
    {NULL, NULL},
};

static bool in_list(const char *list, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = list; p && *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == n && strncmp(p, key, n) == 0)
            return true;
        p = comma ? comma + 1 : p + len;
    }
    return false;
}

/* The weight of a variable in a list "1,2" that goes with the chosen variables in order. */
static const char *weight_of(request_t *req, const char *vars, const char *weights, const char *key)
{
    size_t i = 0, at = 0;
    for (const char *p = vars; p && *p; i++) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == strlen(key) && strncmp(p, key, len) == 0)
            at = i + 1;
        p = comma ? comma + 1 : p + len;
    }
    for (const char *w = weights; at && w && *w; at--) {
        const char *comma = strchr(w, ',');
        size_t len = comma ? (size_t)(comma - w) : strlen(w);
        if (at == 1)
            return arena_strndup(&req->arena, w, len);
        w = comma ? comma + 1 : w + len;
    }
    return "1";
}

/* A group of checkboxes, one per variable, checked from the request or the round. */
static void var_checks(request_t *req, const char *name, const char *legend, const char *hint, const round_var_t *vars,
                       const char *chosen, const char *weights)
{
    buf_t *o = &req->body;
    html_printf(o, "<fieldset id=\"f-%s\"", name);
    widget_described_by(req, name, hint != NULL);
    html_printf(o, "><legend>%s</legend>", legend);
    if (hint)
        html_printf(o, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, hint);
    widget_field_error(req, name);
    for (const round_var_t *v = vars; v->key; v++) {
        html_printf(o, "<div class=\"var\"><label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"%s\"%s> "
                       "%s</label>",
                    name, v->key, in_list(chosen, v->key) ? " checked" : "", v->label);
        if (weights) {
            char *w = arena_printf(&req->arena, "w_%s", v->key);
            widget_field_error(req, w);
            html_printf(o, "<label for=\"f-%s\" class=\"weight\">Vikt<span class=\"visually-hidden\"> för %s</span>"
                           "</label><input id=\"f-%s\" name=\"%s\" class=\"short\" inputmode=\"decimal\" value=\"%s\"",
                        w, v->label, w, w, req_has_param(req, w) ? req_param(req, w) : weight_of(req, chosen, weights, v->key));
            widget_described_by(req, w, false);
            html_lit(o, ">");
        }
        html_lit(o, "</div>");
    }
    html_lit(o, "</fieldset>\n");
}

static void inputs_form(request_t *req, const round_t *r)
{
    buf_t *o = &req->body;
    /* A round not frozen yet starts from the latest data and the current criteria. */
    round_inputs_t d;
    rounds_input_defaults(req->db, &d);
    bool fresh = !r->frozen_at;
    html_printf(o, "<form method=\"post\" action=\"/rounds/%lld/inputs\" class=\"card form\" novalidate>",
                (long long)r->id);
    widget_csrf(req);
    html_lit(o, "<input type=\"hidden\" name=\"vars_shown\" value=\"1\">");
    if (fresh)
        html_lit(o, "<p class=\"hint\">Förslagen nedan är de senaste åren som det finns importerade värden för, och den "
                    "senast sparade kriterieuppsättningen.</p>");
    select_year(req, "results_year", "Resultatår", fresh ? d.results_year : r->results_year,
                "Kalenderåret då läsåret slutar (2024/25 = 2025) för slutbetygen.");
    select_year(req, "background_year", "Bakgrundsår", fresh ? d.background_year : r->background_year,
                "Året för elevbakgrunden; den kan komma från ett annat års fil.");
    select_year(req, "preschool_year", "Förskoleår", fresh ? d.preschool_year : r->preschool_year,
                "Året för förskolestatistiken (15 oktober).");
    widget_input(req, "inspection_from", "Skolinspektionens beslut från", "date",
                 param_or(req, "inspection_from", r->inspection_from), "Tom: alla beslut före slutdatumet.", "off");
    widget_input(req, "inspection_to", "Skolinspektionens beslut till och med", "date",
                 param_or(req, "inspection_to", r->inspection_to), "Tom: alla beslut.", "off");
    html_lit(o, "<div class=\"field\"><label for=\"f-criteria_set\">Kriterieuppsättning</label>");
    widget_field_error(req, "criteria_set");
    html_lit(o, "<select id=\"f-criteria_set\" name=\"criteria_set\"");
    widget_described_by(req, "criteria_set", false);
    html_lit(o, "><option value=\"\">Ingen</option>");
    criteria_set_t *sets;
    size_t nsets = criteria_sets_list(req->db, &req->arena, &sets);
    long long chosen = req_has_param(req, "criteria_set") ? req_param_int(req, "criteria_set", 0)
                       : fresh ? d.criteria_set_id : r->criteria_set_id;
    for (size_t i = 0; i < nsets; i++)
        html_printf(o, "<option value=\"%lld\"%s>%s, version %d</option>", (long long)sets[i].id,
                    sets[i].id == chosen ? " selected" : "", sets[i].name, sets[i].version);
    html_lit(o, "</select></div>\n");
    bool posted = req_has_param(req, "results_year");
    var_checks(req, "preschool_vars", "Förskoleindexets variabler",
               "Vikten gäller de valda variablerna; lika vikter om alla är 1.", preschool_vars,
               posted ? req_param(req, "preschool_vars") : fresh ? d.preschool_vars : r->preschool_vars,
               fresh ? "" : r->preschool_weights);
    const char *result = posted ? req_param(req, "result_var") : fresh ? d.result_var : r->result_var;
    html_lit(o, "<div class=\"field\"><label for=\"f-result_var\">Resultatmått</label>");
    widget_field_error(req, "result_var");
    html_lit(o, "<select id=\"f-result_var\" name=\"result_var\"");
    widget_described_by(req, "result_var", false);
    html_lit(o, ">");
    for (const round_var_t *v = result_vars; v->key; v++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", v->key, strcmp(v->key, result ? result : "") == 0 ?
                                                                        " selected" : "", v->label);
    html_lit(o, "</select></div>\n");
    var_checks(req, "background_vars", "Bakgrund som de förväntade resultaten tar hänsyn till", NULL, background_vars,
               posted ? req_param(req, "background_vars") : fresh ? d.background_vars : r->background_vars, NULL);
    bool prefer = posted ? strcmp(req_param(req, "prefer_coordinated"), "1") == 0
                         : fresh ? d.prefer_coordinated : r->prefer_coordinated;
    html_printf(o, "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"prefer_coordinated\" "
                   "value=\"1\"%s> Samordnat urval: förskolor hos huvudmän som också är skolkandidater listas först"
                   "</label></div>\n",
                prefer ? " checked" : "");
    html_lit(o, "<button type=\"submit\" class=\"button\">Frys underlaget</button>\n"
                "<p class=\"hint\">Frysningen kopierar alla värden rangordningarna läser. Den kan göras om tills "
                "omgången är beslutad.</p></form>\n");
}

static void choices_section(request_t *req, const round_t *r)
{
    buf_t *o = &req->body;
    round_choice_t *c;
    size_t n = rounds_choices(req->db, r->id, &req->arena, &c);
    html_lit(o, "<h2 id=\"val\">Valda enheter</h2>\n");
    if (!n) {
        html_lit(o, "<p class=\"empty\">Inga enheter valda än. Välj dem i rangordningarna ovan, med ett skäl för "
                    "varje.</p>\n");
        return;
    }
    bool open = strcmp(r->status, "open") == 0;
    html_lit(o, TABLE_OPEN("Valda enheter") "<thead><tr><th scope=\"col\">Enhet</th><th scope=\"col\">Huvudman</th>"
                "<th scope=\"col\">Skolformer</th><th scope=\"col\">Rangordning</th><th scope=\"col\">Skäl</th>"
                "<th scope=\"col\">Beslut</th>");
    if (open)
        html_lit(o, "<th scope=\"col\"><span class=\"visually-hidden\">Ta bort</span></th>");
    html_lit(o, "</tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        int m = ranking_method_from_key(c[i].ranking);
        html_printf(o, "<tr><td><a href=\"/units/%s\">%s</a> <span class=\"muted\">%s</span></td>"
                       "<td><a href=\"/organisers/%s\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td class=\"nowrap\">%s %s</td>",
                    c[i].code, c[i].name, c[i].code, c[i].orgnr, c[i].organiser,
                    register_forms_label(&req->arena, c[i].school_forms),
                    m >= 0 ? ranking_method_label((rank_method_t)m) : "Efter dialog", c[i].reason,
                    strcmp(c[i].decision, "supplementary") == 0 ? "Tilläggsbeslut" : "Beslut",
                    c[i].decision_date ? c[i].decision_date : "(inte fattat)");
        if (open) {
            html_printf(o, "<td><form method=\"post\" action=\"/rounds/%lld/choices/%lld/remove\" class=\"inline\">",
                        (long long)r->id, (long long)c[i].id);
            widget_csrf(req);
            html_printf(o, "<button type=\"submit\" class=\"button secondary small\">Ta bort "
                           "<span class=\"visually-hidden\">%s</span></button></form></td>",
                        c[i].name);
        }
        html_lit(o, "</tr>\n");
    }
    html_lit(o, "</tbody></table></div>\n");
}

static void offers_section(request_t *req, const round_t *r)
{
    buf_t *o = &req->body;
    offer_t *f;
    size_t n = offers_list(req->db, &req->viewer, r->id, &req->arena, &f);
    html_lit(o, "<h2>Erbjudanden och svar</h2>\n");
    if (!n) {
        html_lit(o, "<p class=\"empty\">Inga erbjudanden än; de skapas när beslutet fattas.</p>\n");
        return;
    }
    html_lit(o, TABLE_OPEN("Erbjudanden") "<thead><tr><th scope=\"col\">Huvudman</th><th scope=\"col\">Svar</th>"
                "<th scope=\"col\">Skäl</th><th scope=\"col\">Besvarat av</th><th scope=\"col\">När</th></tr></thead>"
                "<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        buf_t when = BUF_INIT;
        if (f[i].answered_at)
            fmt_datetime(&when, f[i].answered_at);
        html_printf(o, "<tr><td><a href=\"/offers/%lld\">%s</a></td><td class=\"status-%s\">%s</td><td>%s</td>"
                       "<td>%s</td><td>%s</td></tr>\n",
                    (long long)f[i].id, f[i].organiser, f[i].status, offers_status_label(f[i].status), f[i].reason,
                    f[i].answered_by ? f[i].answered_by : "", buf_cstr(&when));
        buf_free(&when);
    }
    html_lit(o, "</tbody></table></div>\n");
}

static int round_view(request_t *req, round_t *r, int status)
{
    layout_begin(req, r->name);
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    widget_error_summary(req);
    html_lit(o, "<dl class=\"facts\">");
    html_printf(o, "<dt>Status</dt><dd>%s</dd><dt>Planerat beslut</dt><dd>%s</dd>", status_label(r), r->planned_date);
    if (r->decision_date)
        html_printf(o, "<dt>Beslutsdatum</dt><dd>%s</dd>", r->decision_date);
    if (r->frozen_at) {
        buf_t when = BUF_INIT;
        fmt_datetime(&when, r->frozen_at);
        html_printf(o, "<dt>Underlaget fryst</dt><dd>%s</dd>", buf_cstr(&when));
        buf_free(&when);
        html_printf(o, "<dt>Underlag</dt><dd>Resultat %d, bakgrund %d, förskolor %d; Skolinspektionens beslut %s – %s</dd>",
                    r->results_year, r->background_year, r->preschool_year,
                    r->inspection_from ? r->inspection_from : "", r->inspection_to ? r->inspection_to : "");
        if (r->criteria_name)
            html_printf(o, "<dt>Kriterier</dt><dd>%s, version %d</dd>", r->criteria_name, r->criteria_version);
    }
    html_lit(o, "</dl>\n");
    if (strcmp(r->status, "decided") == 0)
        counts_section(req, r);
    if (r->frozen_at) {
        html_lit(o, "<h2>Rangordningar</h2>\n<ul class=\"links\">");
        for (int m = 0; m < RANK_METHOD_COUNT; m++) {
            if (m == RANK_CRITERIA && !r->criteria_set_id)
                continue;
            html_printf(o, "<li><a href=\"/rounds/%lld/rankings/%s\">%s</a></li>", (long long)r->id,
                        ranking_method_key((rank_method_t)m), ranking_method_label((rank_method_t)m));
        }
        html_printf(o, "<li><a href=\"/rounds/%lld/organisers\">Huvudmän</a></li>", (long long)r->id);
        html_lit(o, "</ul>\n");
    }
    if (strcmp(r->status, "open") == 0) {
        html_lit(o, "<h2 id=\"underlag\">Underlag</h2>\n");
        inputs_form(req, r);
    }
    choices_section(req, r);
    if (strcmp(r->status, "open") == 0 && r->frozen_at) {
        html_lit(o, "<h2 id=\"beslut\">Beslut</h2>\n");
        html_printf(o, "<form method=\"post\" action=\"/rounds/%lld/decision\" class=\"card form narrow\" novalidate>",
                    (long long)r->id);
        widget_csrf(req);
        widget_input(req, "decision_date", "Beslutsdatum", "date", param_or(req, "decision_date", r->planned_date),
                     "Beslutet skapar ett erbjudande till varje huvudman med en vald enhet. Underlaget och valen "
                     "låses.", "off");
        char answer_by[11] = "";
        date_add_days(r->planned_date, OFFER_ANSWER_DAYS, answer_by);
        widget_input(req, "answer_by", "Sista dag för huvudmännens svar", "date", param_or(req, "answer_by", answer_by),
                     "Huvudmännen påminns före dagen, och analytikerna om ett svar saknas efter den.", "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Fatta beslut</button></form>\n");
    }
    if (strcmp(r->status, "decided") == 0) {
        html_lit(o, "<h2 id=\"tillagg\">Tilläggsbeslut</h2>\n<p class=\"hint\">Efter dialog med en huvudman kan fler "
                    "enheter läggas till. Huvudmannen får erbjudandet om den inte redan har det.</p>");
        html_printf(o, "<form method=\"post\" action=\"/rounds/%lld/choices\" class=\"card form narrow\" novalidate>",
                    (long long)r->id);
        widget_csrf(req);
        html_lit(o, "<input type=\"hidden\" name=\"ranking\" value=\"dialog\">");
        widget_input(req, "code", "Enhetskod", "text", req_param(req, "code"), "Skolenhetskod eller förskolans id.",
                     "off");
        widget_input(req, "reason", "Skäl (internt)", "text", req_param(req, "reason"),
                     "Analytikernas egen anteckning; huvudmannen ser den inte.", "off");
        widget_input(req, "public_reason", "Motivering till huvudmannen", "text", req_param(req, "public_reason"),
                     "Står i erbjudandet.", "off");
        widget_input(req, "supplementary_date", "Datum för tilläggsbeslutet", "date", req_param(req, "supplementary_date"),
                     arena_printf(&req->arena, "ÅÅÅÅ-MM-DD, omgångens beslutsdag (%s) eller senare.",
                                  r->decision_date ? r->decision_date : ""), "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till enheten</button></form>\n");
        offers_section(req, r);
    }
    layout_end(req);
    return respond_html(req, status);
}

static int selection_round_page(request_t *req)
{
    round_t *r = load_round(req);
    if (!r)
        return respond_error(req, 404, "Urvalsomgången finns inte.");
    return round_view(req, r, 200);
}

static int back_to_round(request_t *req, const round_t *r, const char *anchor)
{
    return respond_redirect(req, arena_printf(&req->arena, "/rounds/%lld?klart=1#%s", (long long)r->id, anchor));
}

/* Checks a list of variable keys against the allowed ones; false with the error under the field. */
static bool check_vars(request_t *req, const char *field, const char *list, const round_var_t *allowed, bool required)
{
    if (!*list) {
        if (required)
            req_add_error(req, field, "Välj minst en variabel.");
        return !required;
    }
    for (const char *p = list; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        bool known = false;
        for (const round_var_t *v = allowed; v->key && !known; v++)
            known = strlen(v->key) == len && strncmp(v->key, p, len) == 0;
        if (!known) {
            req_add_error(req, field, arena_printf(&req->arena, "Okänd variabel \"%.*s\".", (int)len, p));
            return false;
        }
        p = comma ? comma + 1 : p + len;
    }
    return true;
}

/* The weights of the chosen preschool variables from their fields (w_KEY), in order; a
 * weight that is not a positive number is refused under its own field. */
static const char *weights_from(request_t *req, const char *vars)
{
    buf_t b = BUF_INIT;
    bool any = false;
    for (const char *p = vars; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char *key = arena_printf(&req->arena, "w_%.*s", (int)len, p);
        const char *w = req_param(req, key);
        any = any || req_has_param(req, key);
        char *end = NULL;
        double x = *w ? strtod(w, &end) : 1;
        if (*w && (!end || *end || !(x > 0) || x > 100))
            req_add_error(req, key, "Vikten ska vara ett tal större än 0 (högst 100), till exempel 1 eller 2.");
        buf_printf(&b, "%s%s", b.len ? "," : "", *w ? w : "1");
        p = comma ? comma + 1 : p + len;
    }
    const char *out = any ? arena_strdup(&req->arena, buf_cstr(&b)) : req_param(req, "preschool_weights");
    buf_free(&b);
    return out;
}

static int selection_round_freeze(request_t *req)
{
    round_t *r = load_round(req);
    if (!r)
        return respond_error(req, 404, "Urvalsomgången finns inte.");
    if (!req_param(req, "results_year")[0])
        req_add_error(req, "results_year", "Ange resultatåret.");
    if (!req_param(req, "preschool_year")[0])
        req_add_error(req, "preschool_year", "Ange förskoleåret.");
    /* The form always shows the lists: there an empty list is a choice to correct. Without
     * them (a script posting the years only) the usual variables are meant. */
    bool shown = strcmp(req_param(req, "vars_shown"), "1") == 0;
    const char *pvars = req_param(req, "preschool_vars")[0] || shown ? req_param(req, "preschool_vars")
                                                                      : "degree_share,children_per_staff";
    const char *bvars = req_param(req, "background_vars")[0] || shown ? req_param(req, "background_vars")
                                                                       : "foreign_bg,parents_post_sec";
    const char *result = req_param(req, "result_var")[0] ? req_param(req, "result_var") : "merit17";
    check_vars(req, "preschool_vars", pvars, preschool_vars, true);
    check_vars(req, "background_vars", bvars, background_vars, true);
    check_vars(req, "result_var", result, result_vars, true);
    const char *weights = weights_from(req, pvars);
    if (req->nerrors)
        return round_view(req, r, 400);
    round_inputs_t in = {
        .results_year = (int)req_param_int(req, "results_year", 0),
        .background_year = (int)req_param_int(req, "background_year", 0),
        .preschool_year = (int)req_param_int(req, "preschool_year", 0),
        .inspection_from = req_param(req, "inspection_from")[0] ? req_param(req, "inspection_from") : NULL,
        .inspection_to = req_param(req, "inspection_to")[0] ? req_param(req, "inspection_to") : NULL,
        .criteria_set_id = req_param_int(req, "criteria_set", 0),
        .preschool_vars = pvars,
        .preschool_weights = weights,
        .result_var = result,
        .background_vars = bvars,
        .prefer_coordinated = strcmp(req_param(req, "prefer_coordinated"), "1") == 0,
    };
    char *err = NULL;
    const char *field = "results_year";
    if (!rounds_freeze(req->db, &req->viewer, r->id, &in, &req->arena, &err, &field)) {
        req_add_error(req, field, err);
        return round_view(req, r, 422);
    }
    return back_to_round(req, r, "underlag");
}

/* The analyst chose a unit whose organiser is already in a running collaboration: the
 * warning, and the same choice again with the confirmation, or back. */
static int confirm_choice_page(request_t *req, const round_t *r, const char *warning)
{
    layout_begin(req, "Bekräfta valet");
    buf_t *o = &req->body;
    html_printf(o, "<div class=\"notice notice-error\" role=\"alert\"><p>%s</p></div>\n"
                   "<form method=\"post\" action=\"/rounds/%lld/choices\" class=\"card form narrow\">",
                warning, (long long)r->id);
    widget_csrf(req);
    static const char *const keep[] = {"code", "ranking", "reason", "public_reason", "supplementary_date", "page"};
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        html_printf(o, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", keep[i], req_param(req, keep[i]));
    html_printf(o, "<input type=\"hidden\" name=\"confirm_running\" value=\"1\"><dl class=\"facts\"><dt>Enhet</dt>"
                   "<dd>%s</dd><dt>Skäl (internt)</dt><dd>%s</dd></dl><button type=\"submit\" class=\"button\">Välj "
                   "enheten ändå</button> <a class=\"button secondary\" href=\"/rounds/%lld\">Avbryt</a></form>\n",
                req_param(req, "code"), req_param(req, "reason"), (long long)r->id);
    layout_end(req);
    return respond_html(req, 409);
}

static int selection_round_choose(request_t *req)
{
    round_t *r = load_round(req);
    if (!r)
        return respond_error(req, 404, "Urvalsomgången finns inte.");
    char *err = NULL;
    const char *ranking = req_param(req, "ranking");
    bool from_round = strcmp(ranking, "dialog") == 0 || ranking_method_from_key(ranking) < 0;
    if (req->nerrors)
        return from_round ? round_view(req, r, 400) : selection_ranking_view(req, 400);
    round_choice_in_t in = {req_param(req, "code"), ranking, req_param(req, "reason"), req_param(req, "public_reason"),
                            req_param(req, "supplementary_date"), strcmp(req_param(req, "confirm_running"), "1") == 0};
    switch (rounds_choose(req->db, &req->viewer, r->id, &in, &req->arena, &err)) {
    case CHOOSE_OK:
        if (strcmp(ranking, "dialog") == 0)
            return back_to_round(req, r, "val");
        return respond_redirect(req, arena_printf(&req->arena, "/rounds/%lld/rankings/%s?page=%lld&valt=%s#rad-%s",
                                                  (long long)r->id, ranking, req_param_int(req, "page", 1),
                                                  req_param(req, "code"), req_param(req, "code")));
    case CHOOSE_CONFIRM:
        return confirm_choice_page(req, r, err);
    default:
        break;
    }
    if (err) {
        const char *field = strstr(err, "skälet") ? "reason" : strstr(err, "Tilläggsbeslutet") ? "supplementary_date"
                                                                                               : "code";
        req_add_error(req, field, err);
    }
    return from_round ? round_view(req, r, 422) : selection_ranking_view(req, 422);
}

static int selection_round_unchoose(request_t *req)
{
    round_t *r = load_round(req);
    if (!r)
        return respond_error(req, 404, "Urvalsomgången finns inte.");
    char *err = NULL;
    if (!rounds_unchoose(req->db, &req->viewer, r->id, req_param_int(req, "choice", 0), &req->arena, &err))
        return respond_error(req, 409, err);
    return back_to_round(req, r, "val");
}

static int selection_round_decide(request_t *req)
{
    round_t *r = load_round(req);
    if (!r)
        return respond_error(req, 404, "Urvalsomgången finns inte.");
    if (req->nerrors)
        return round_view(req, r, 400);
    char *err = NULL;
    if (!rounds_decide(req->db, &req->viewer, r->id, req_param(req, "decision_date"), req_param(req, "answer_by"),
                       &req->arena, &err)) {
        req_add_error(req, strstr(err, "svar") ? "answer_by" : "decision_date", err);
        return round_view(req, r, 422);
    }
    return back_to_round(req, r, "tillagg");
}

static const char *const choose_rankings[] = {"inspection", "results", "preschool", "criteria", "dialog", NULL};
static const param_spec_t p_none[] = {PARAM_END};
static const param_spec_t p_round[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_new[] = {{"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 120, NULL},
                                     {"planned_date", P_DATE, PARAM_REQUIRED, "Planerat beslutsdatum", 0, 0, NULL},
                                     PARAM_END};
static const param_spec_t p_inputs[] = {
    PARAM_ID,
    {"results_year", P_INT, 0, "Resultatår", 1990, 2100, NULL},
    {"background_year", P_INT, 0, "Bakgrundsår", 1990, 2100, NULL},
    {"preschool_year", P_INT, 0, "Förskoleår", 1990, 2100, NULL},
    {"inspection_from", P_DATE, 0, "Skolinspektionens beslut från", 0, 0, NULL},
    {"inspection_to", P_DATE, 0, "Skolinspektionens beslut till och med", 0, 0, NULL},
    {"criteria_set", P_INT, 0, "Kriterieuppsättning", 1, 1000000000, NULL},
    {"preschool_vars", P_TEXT, PARAM_MULTI, "Förskoleindexets variabler", 0, 200, NULL},
    {"preschool_weights", P_TEXT, 0, "Vikter", 0, 100, NULL},
    {"vars_shown", P_CHOICE, 0, "Formulär", 0, 0, routes_flag_choices},
    {"w_degree_share", P_TEXT, 0, "Vikt", 0, 10, NULL},
    {"w_licensed_share", P_TEXT, 0, "Vikt", 0, 10, NULL},
    {"w_children_per_staff", P_TEXT, 0, "Vikt", 0, 10, NULL},
    {"w_no_ped_share", P_TEXT, 0, "Vikt", 0, 10, NULL},
    {"w_parents_compulsory", P_TEXT, 0, "Vikt", 0, 10, NULL},
    {"w_foreign_bg", P_TEXT, 0, "Vikt", 0, 10, NULL},
    {"result_var", P_TEXT, 0, "Resultatmått", 0, 40, NULL},
    {"background_vars", P_TEXT, PARAM_MULTI, "Bakgrund", 0, 200, NULL},
    {"prefer_coordinated", P_CHOICE, 0, "Samordnat urval", 0, 0, routes_flag_choices},
    PARAM_END};
static const param_spec_t p_choose[] = {PARAM_ID,
                                        {"code", P_UNIT_CODE, PARAM_REQUIRED, "Enhetskod", 0, 0, NULL},
                                        {"ranking", P_CHOICE, PARAM_REQUIRED, "Rangordning", 0, 0, choose_rankings},
                                        {"reason", P_TEXT, PARAM_REQUIRED, "Skäl", 0, 500, NULL},
                                        {"public_reason", P_MULTILINE, 0, "Motivering till huvudmannen", 0, 2000, NULL},
                                        {"supplementary_date", P_DATE, 0, "Datum för tilläggsbeslutet", 0, 0, NULL},
                                        {"confirm_running", P_CHOICE, 0, "Bekräftelse", 0, 0, routes_flag_choices},
                                        PARAM_PAGE,
                                        {"method", P_CHOICE, 0, "Rangordning", 0, 0, selection_method_keys},
                                        PARAM_END};
static const param_spec_t p_unchoose[] = {PARAM_ID, {"choice", P_INT, PARAM_PATH, "Val", 1, 1000000000, NULL},
                                          PARAM_END};
static const param_spec_t p_decide[] = {PARAM_ID,
                                        {"decision_date", P_DATE, PARAM_REQUIRED, "Beslutsdatum", 0, 0, NULL},
                                        {"answer_by", P_DATE, 0, "Sista dag för svar", 0, 0, NULL},
                                        PARAM_END};

const route_t selection_round_routes[] = {
    {"GET", "/rounds", selection_rounds_page, CAP_ROUND_MANAGE, ROUTE_KEPT, p_none},
    {"POST", "/rounds", selection_round_create, CAP_ROUND_MANAGE, ROUTE_FORM, p_new},
    {"GET", "/rounds/{id}", selection_round_page, CAP_ROUND_MANAGE, ROUTE_KEPT, p_round},
    {"POST", "/rounds/{id}/inputs", selection_round_freeze, CAP_ROUND_MANAGE, ROUTE_FORM, p_inputs},
    {"POST", "/rounds/{id}/choices", selection_round_choose, CAP_ROUND_MANAGE, ROUTE_FORM, p_choose},
    {"POST", "/rounds/{id}/choices/{choice}/remove", selection_round_unchoose, CAP_ROUND_MANAGE, ROUTE_FORM, p_unchoose},
    {"POST", "/rounds/{id}/decision", selection_round_decide, CAP_ROUND_MANAGE, ROUTE_FORM, p_decide},
    {NULL, NULL, NULL, 0, 0, NULL},
};
