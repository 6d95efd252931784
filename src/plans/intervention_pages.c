/* intervention_pages.c — an intervention's own page: what, for whom, by whom, when, what
 * it costs, its goals against the national goals, how it is followed up, the causes of
 * the analysis it answers (chosen, at least one) and its indicators. */
#include "parts.h"
#include "../base/fmt.h"
#include "../base/validate.h"
#include "../http/layout.h"
#include "../register/register.h"
#include "../quality/quality.h"
#include "../universities/universities.h"
#include <stdlib.h>
#include <string.h>

#define NOT_FOUND "Insatsen finns inte, eller så har du inte tillgång till den."

static void textarea(request_t *req, const char *name, const char *label, const char *hint, const char *value)
{
    buf_t *o = &req->body;
    html_printf(o, "<div class=\"field\"><label for=\"f-%s\">%s</label>", name, label);
    if (hint)
        html_printf(o, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, hint);
    widget_field_error(req, name);
    html_printf(o, "<textarea id=\"f-%s\" name=\"%s\" rows=\"3\"", name, name);
    widget_described_by(req, name, hint != NULL);
    html_printf(o, ">%s</textarea></div>", value);
}

static void select_choices(request_t *req, const char *name, const char *label, const plan_choice_t *c, size_t n,
                           int64_t selected, const char *none)
{
    buf_t *o = &req->body;
    html_printf(o, "<div class=\"field\"><label for=\"f-%s\">%s</label>", name, label);
    widget_field_error(req, name);
    html_printf(o, "<select id=\"f-%s\" name=\"%s\"><option value=\"0\">%s</option>", name, name, none);
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<option value=\"%lld\"%s>%s</option>", (long long)c[i].id, c[i].id == selected ? " selected" : "",
                    c[i].name);
    html_lit(o, "</select></div>");
}

static bool linked(const plan_facts_t *f, int64_t intervention_id, int64_t cause_id)
{
    for (size_t i = 0; i < f->nlinks; i++)
        if (f->links[i].intervention_id == intervention_id && f->links[i].cause_id == cause_id)
            return true;
    return false;
}

size_t plans_causes_from_form(request_t *req, int64_t out[PLANS_MAX_CAUSES])
{
    size_t n = 0;
    char *list = arena_strdup(&req->arena, req_param(req, "causes")), *save = NULL;
    for (char *t = strtok_r(list, ",", &save); t && n < PLANS_MAX_CAUSES; t = strtok_r(NULL, ",", &save))
        out[n++] = strtoll(t, NULL, 10);
    return n;
}

static bool in_sent(request_t *req, int64_t id)
{
    char *list = arena_strdup(&req->arena, req_param(req, "causes")), *save = NULL;
    for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save))
        if (strtoll(t, NULL, 10) == id)
            return true;
    return false;
}

intervention_t plans_intervention_from_form(request_t *req, const intervention_t *x)
{
    intervention_t n = *x;
    n.title = req_param(req, "title");
    n.area_id = req_param_int(req, "area", 0);
    n.description = req_param(req, "description");
    n.target_group = req_param(req, "target_group");
    n.responsible = req_param(req, "responsible");
    n.provider = req_param(req, "provider");
    n.provider_name = req_param(req, "provider_name");
    n.programme_id = req_param_int(req, "programme", 0);
    n.start_date = req_param(req, "start_date");
    n.end_date = req_param(req, "end_date");
    n.cost = *req_param(req, "cost") ? req_param_int(req, "cost", -1) : -1;
    n.goals = req_param(req, "goals");
    n.national_goals = req_param(req, "national_goals");
    n.follow_up = req_param(req, "follow_up");
    n.state = req_param(req, "state");
    return n;
}

static void indicators(request_t *req, const plan_t *p, const intervention_t *x, const plan_facts_t *f, bool writer)
{
    buf_t *o = &req->body;
    html_lit(o, "<h2 id=\"indikatorer\">Indikatorer</h2>");
    size_t shown = 0;
    for (size_t i = 0; i < f->nindicators; i++) {
        const indicator_t *ind = &f->indicators[i];
        if (ind->intervention_id != x->id)
            continue;
        if (!shown++)
            html_lit(o, TABLE_OPEN("Indikatorer") "<thead><tr><th scope=\"col\">Mått</th><th scope=\"col\">Utgångsvärde</th>"
                        "<th scope=\"col\">Målvärde</th><th scope=\"col\">Avläses</th><th scope=\"col\"></th></tr></thead><tbody>");
        html_printf(o, "<tr><th scope=\"row\"><a href=\"/indicators/%lld\">%s</a></th><td>%s</td><td>%s</td><td>%s</td><td>",
                    (long long)ind->id, ind->measure, ind->baseline, ind->target, ind->read_dates);
        if (writer) {
            html_printf(o, "<form method=\"post\" action=\"/plans/%lld/indicators/%lld/remove\" class=\"inline\">",
                        (long long)p->id, (long long)ind->id);
            widget_csrf(req);
            html_printf(o, "<button type=\"submit\" class=\"link\" aria-label=\"Ta bort indikatorn %s\">Ta bort</button>"
                           "</form>", ind->measure);
        }
        html_lit(o, "</td></tr>");
    }
    if (shown)
        html_lit(o, "</tbody>" TABLE_CLOSE);
    else
        html_lit(o, "<p class=\"empty\">Ingen indikator än: varje mål följs upp med minst en.</p>");
    if (!writer)
        return;
    html_printf(o, "<form method=\"post\" action=\"/interventions/%lld/indicators\" class=\"card form narrow\" novalidate>"
                   "<h3>Ny indikator</h3>", (long long)x->id);
    widget_csrf(req);
    widget_input(req, "measure", "Mått", "text", req_param(req, "measure"),
                 "Till exempel andel elever med godtagbara kunskaper i matematik åk 6.", "off");
    widget_input(req, "baseline", "Utgångsvärde", "text", req_param(req, "baseline"), "Värdet när insatsen börjar.", "off");
    widget_input(req, "target", "Målvärde", "text", req_param(req, "target"), NULL, "off");
    widget_input(req, "read_dates", "När avläses det?", "text", req_param(req, "read_dates"),
                 "Datum eller terminer, till exempel 2026-06-15, 2027-06-15.", "off");
    html_lit(o, "<div class=\"field\"><label for=\"f-variable\">Registrets statistik (om måttet är en)</label><select "
                "id=\"f-variable\" name=\"variable\"><option value=\"\">Eget mått</option>");
    for (const reg_variable_t *v = register_variables; v->key; v++)
        html_printf(o, "<option value=\"%s\">%s</option>", v->key, v->label);
    html_lit(o, "</select></div>");
    widget_input(req, "min_value", "Lägsta möjliga värde", "text", req_param(req, "min_value"),
                 "Till exempel 0 för en andel i procent. Lämna tomt om det inte finns någon gräns.", "off");
    widget_input(req, "max_value", "Högsta möjliga värde", "text", req_param(req, "max_value"),
                 "Till exempel 100 för en andel i procent.", "off");
    widget_input(req, "groups", "Uppdelning", "text", req_param(req, "groups"),
                 "Grupper som avläsningarna kan delas upp på, åtskilda med kommatecken, till exempel flickor, pojkar.",
                 "off");
    quality_item_t *q;
    size_t nq = quality_catalogue(req->db, true, &req->arena, &q);
    html_lit(o, "<div class=\"field\"><label for=\"f-quality_item\">Nationellt delmål (kvalitetssystemet)</label>"
                "<select id=\"f-quality_item\" name=\"quality_item\"><option value=\"0\">Inget</option>");
    for (size_t i = 0; i < nq; i++)
        if (strcmp(q[i].kind, "subgoal") == 0 || strcmp(q[i].kind, "indicator") == 0)
            html_printf(o, "<option value=\"%lld\"%s>%s%s</option>", (long long)q[i].id,
                        req_param_int(req, "quality_item", 0) == q[i].id ? " selected" : "",
                        strcmp(q[i].kind, "indicator") == 0 ? "– " : "", q[i].name);
    html_lit(o, "</select></div><button type=\"submit\" class=\"button\">Lägg till indikatorn</button></form>");
}

static int intervention_view(request_t *req, int status, bool stale)
{
    plan_t *p;
    intervention_t *x = plans_intervention(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &p);
    if (!x)
        return respond_error(req, 404, NOT_FOUND);
    layout_begin(req, arena_printf(&req->arena, "Insats: %s", x->title));
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    bool posted = req_has_param(req, "version") && req_has_param(req, "provider");
    intervention_t shown = posted ? plans_intervention_from_form(req, x) : *x;
    if (stale) {
        stale_field_t f[] = {{"Vad ska göras?", x->title, shown.title},
                             {"Beskrivning", x->description, shown.description},
                             {"Mål", x->goals, shown.goals},
                             {"Uppföljning", x->follow_up, shown.follow_up}};
        widget_stale(req, x->saved_by, x->saved_at, f, 4);
    }
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/plans/%lld\">Åtgärdsplan: %s</a></p>", (long long)p->id, plans_name(p));
    bool writer = plans_may_write(req->db, &req->viewer, p);
    plan_facts_t f;
    plans_facts(req->db, p, &req->arena, &f);
    html_printf(o, "<dl class=\"facts\"><dt>Finansiering</dt><dd>%s%s%s</dd></dl>", plan_funding_label(x->funding),
                *x->funding_reason ? ": " : "", x->funding_reason);
    if (!writer) {
        html_printf(o, "<dl class=\"facts\"><dt>Utvecklingsområde</dt><dd>%s</dd><dt>Beskrivning</dt><dd class=\"prose\">%s"
                       "</dd><dt>Målgrupp</dt><dd>%s</dd><dt>Ansvarig</dt><dd>%s</dd><dt>Utförare</dt><dd>%s %s</dd>"
                       "<dt>Period</dt><dd>%s – %s</dd><dt>Kostnad</dt><dd>%s</dd><dt>Mål och förväntade effekter</dt>"
                       "<dd class=\"prose\">%s</dd><dt>Nationella mål</dt><dd class=\"prose\">%s</dd><dt>Uppföljning</dt>"
                       "<dd class=\"prose\">%s</dd><dt>Läge</dt><dd>%s</dd></dl>",
                    x->area, x->description, x->target_group, x->responsible, plan_provider_label(x->provider),
                    strcmp(x->provider, "programme") == 0 ? x->programme : x->provider_name, x->start_date, x->end_date,
                    x->cost >= 0 ? fmt_kronor_in(&req->arena, x->cost) : "saknas", x->goals, x->national_goals,
                    x->follow_up, intervention_state_label(x->state));
        html_lit(o, "<h2>Svarar mot</h2><ul>");
        for (size_t i = 0; i < f.ncauses; i++)
            if (linked(&f, x->id, f.causes[i].id))
                html_printf(o, "<li>%s: %s</li>", analysis_cause_label(f.causes[i].kind), f.causes[i].text);
        html_lit(o, "</ul>");
        indicators(req, p, x, &f, false);
        layout_end(req);
        return respond_html(req, status);
    }
    html_printf(o, "<form method=\"post\" action=\"/interventions/%lld\" class=\"card form\" novalidate>", (long long)x->id);
    widget_csrf(req);
    html_printf(o, "<input type=\"hidden\" name=\"version\" value=\"%d\">", x->version);
    widget_input(req, "title", "Vad ska göras?", "text", shown.title, NULL, "off");
    plan_choice_t *areas, *programmes;
    size_t na = plans_development_areas(req->db, true, &req->arena, &areas);
    size_t np = plans_programmes(req->db, true, &req->arena, &programmes);
    select_choices(req, "area", "Utvecklingsområde", areas, na, shown.area_id, "Inget valt");
    textarea(req, "description", "Beskrivning", NULL, shown.description);
    widget_input(req, "target_group", "Målgrupp", "text", shown.target_group,
                 "Till exempel rektorer, lärare, förskollärare, elevhälsa, förvaltning.", "off");
    widget_input(req, "responsible", "Ansvarig", "text", shown.responsible, NULL, "off");
    html_lit(o, "<fieldset class=\"field\"><legend>Utförare</legend>");
    widget_field_error(req, "provider");
    for (const char *const *k = plan_provider_keys; *k; k++)
        html_printf(o, "<label class=\"check\"><input type=\"radio\" name=\"provider\" value=\"%s\"%s> %s</label>", *k,
                    strcmp(shown.provider, *k) == 0 ? " checked" : "", plan_provider_label(*k));
    html_lit(o, "</fieldset>");
    university_t *unis;
    size_t nuni = universities_choices(req->db, &req->arena, &unis);
    html_lit(o, "<div class=\"field\"><label for=\"f-provider_name\">Lärosäte</label><p class=\"hint\" "
                "id=\"h-provider_name\">När ett lärosäte genomför insatsen; ur registret över lärosäten.</p>");
    widget_field_error(req, "provider_name");
    html_lit(o, "<select id=\"f-provider_name\" name=\"provider_name\"");
    widget_described_by(req, "provider_name", true);
    html_lit(o, "><option value=\"\">Inget lärosäte</option>");
    for (size_t i = 0; i < nuni; i++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", unis[i].name,
                    strcmp(unis[i].name, shown.provider_name) == 0 ? " selected" : "", unis[i].name);
    html_lit(o, "</select></div>");
    select_choices(req, "programme", "Skolverkets program", programmes, np, shown.programme_id, "Inget program");
    widget_input(req, "start_date", "Startar", "date", shown.start_date, NULL, "off");
    widget_input(req, "end_date", "Slutar", "date", shown.end_date, NULL, "off");
    widget_input(req, "cost", "Beräknad kostnad (hela kronor)", "number",
                 posted ? req_param(req, "cost") : x->cost >= 0 ? arena_printf(&req->arena, "%lld", (long long)x->cost) : "",
                 NULL, "off");
    textarea(req, "goals", "Mål och förväntade effekter", NULL, shown.goals);
    textarea(req, "national_goals", "Mot vilka nationella mål?", "Till exempel läroplanens mål eller skollagens krav.",
             shown.national_goals);
    textarea(req, "follow_up", "Uppföljning: hur, när och av vem?", NULL, shown.follow_up);
    html_lit(o, "<div class=\"field\"><label for=\"f-state\">Läge</label><select id=\"f-state\" name=\"state\">");
    for (const char *const *k = intervention_state_keys; *k; k++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", *k, strcmp(shown.state, *k) == 0 ? " selected" : "",
                    intervention_state_label(*k));
    html_lit(o, "</select></div><fieldset class=\"field\"><legend>Svarar mot orsaker i nulägesanalysen</legend>");
    widget_field_error(req, "causes");
    for (size_t i = 0; i < f.nproblems; i++) {
        html_printf(o, "<p class=\"group\"><strong>%s</strong></p>", f.problems[i].title);
        for (size_t k = 0; k < f.ncauses; k++) {
            if (f.causes[k].problem_id != f.problems[i].id)
                continue;
            bool on = posted ? in_sent(req, f.causes[k].id) : linked(&f, x->id, f.causes[k].id);
            html_printf(o, "<label class=\"check\"><input type=\"checkbox\" name=\"causes\" value=\"%lld\"%s> %s: %s</label>",
                        (long long)f.causes[k].id, on ? " checked" : "", analysis_cause_label(f.causes[k].kind),
                        f.causes[k].text);
        }
    }
    html_lit(o, "</fieldset><button type=\"submit\" class=\"button\">Spara insatsen</button></form>\n");
    indicators(req, p, x, &f, true);
    html_printf(o, "<form method=\"post\" action=\"/interventions/%lld/remove\" class=\"inline\">", (long long)x->id);
    widget_csrf(req);
    html_lit(o, "<button type=\"submit\" class=\"button danger\">Ta bort insatsen</button></form>");
    layout_end(req);
    return respond_html(req, status);
}

static int plans_intervention_page(request_t *req)
{
    return intervention_view(req, 200, false);
}

static int plans_intervention_submit(request_t *req)
{
    plan_t *p;
    intervention_t *x = plans_intervention(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &p);
    if (!x)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return intervention_view(req, 400, false);
    int64_t causes[PLANS_MAX_CAUSES];
    size_t nc = plans_causes_from_form(req, causes);
    intervention_t next = plans_intervention_from_form(req, x);
    char *err = NULL;
    switch (plans_save_intervention(req->db, &req->viewer, p, &next, (int)req_param_int(req, "version", 0), causes, nc,
                                    &req->arena, &err)) {
    case WRITE_OK:
        return respond_redirect(req, arena_printf(&req->arena, "/interventions/%lld?klart=1", (long long)x->id));
    case WRITE_STALE:
        return intervention_view(req, 409, true);
    default:
        req_add_error(req, "title", err);
        return intervention_view(req, 422, false);
    }
}

static int plans_intervention_remove_submit(request_t *req)
{
    plan_t *p;
    intervention_t *x = plans_intervention(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &p);
    if (!x)
        return respond_error(req, 404, NOT_FOUND);
    char *err = NULL;
    if (!plans_remove_intervention(req->db, &req->viewer, p, x->id, &req->arena, &err))
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/plans/%lld?klart=1", (long long)p->id));
}

static int plans_indicator_submit(request_t *req)
{
    plan_t *p;
    intervention_t *x = plans_intervention(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &p);
    if (!x)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return intervention_view(req, 400, false);
    indicator_t ind = {.measure = req_param(req, "measure"), .baseline = req_param(req, "baseline"),
                       .target = req_param(req, "target"), .read_dates = req_param(req, "read_dates"),
                       .variable = req_param(req, "variable"), .min_value = req_param(req, "min_value"),
                       .max_value = req_param(req, "max_value"), .groups = req_param(req, "groups"),
                       .quality_item_id = req_param_int(req, "quality_item", 0)};
    static const char *const range[] = {"min_value", "max_value"};
    for (size_t i = 0; i < 2; i++)
        if (*req_param(req, range[i]) && !validate_decimal(req_param(req, range[i]), NULL))
            req_add_error(req, range[i], "Skriv ett tal, till exempel 0 eller 100, eller lämna fältet tomt.");
    if (req->nerrors)
        return intervention_view(req, 422, false);
    char *err = NULL;
    if (!plans_add_indicator(req->db, &req->viewer, p, x->id, &ind, &req->arena, &err))
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/interventions/%lld?klart=1#indikatorer", (long long)x->id));
}

static int plans_indicator_remove_submit(request_t *req)
{
    plan_t *p = plans_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!p)
        return respond_error(req, 404, "Planen finns inte, eller så har du inte tillgång till den.");
    char *err = NULL;
    if (!plans_remove_indicator(req->db, &req->viewer, p, req_param_int(req, "indicator", 0), &req->arena, &err))
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/plans/%lld?klart=1", (long long)p->id));
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_save[] = {PARAM_ID, PARAM_VERSION, INTERVENTION_FIELDS, PARAM_END};
static const param_spec_t p_indicator[] = {PARAM_ID, INDICATOR_FIELDS, PARAM_END};
static const param_spec_t p_indicator_remove[] = {PARAM_ID,
                                                  {"indicator", P_INT, PARAM_PATH, "Indikator", 1, 1000000000, NULL},
                                                  PARAM_END};

const route_t plans_intervention_routes[] = {
    {"GET", "/interventions/{id}", plans_intervention_page, CAP_PLAN_READ, ROUTE_KEPT, p_id},
    {"POST", "/interventions/{id}", plans_intervention_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM, p_save},
    {"POST", "/interventions/{id}/remove", plans_intervention_remove_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM, p_id},
    {"POST", "/interventions/{id}/indicators", plans_indicator_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM, p_indicator},
    {"POST", "/plans/{id}/indicators/{indicator}/remove", plans_indicator_remove_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM,
     p_indicator_remove},
    {NULL, NULL, NULL, 0, 0, NULL},
};
