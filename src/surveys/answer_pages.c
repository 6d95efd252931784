/* answer_pages.c — the page a respondent's personal link opens, without an account and
 * without JavaScript: the questionnaire with what was saved, "save and continue later",
 * "submit" (a missing answer is named at its question and everything typed kept), and
 * the thanks once submitted. An unknown link, or one of a survey not open, answers 404
 * without saying which. */
#include "parts.h"
#include "../http/auth.h"
#include "../http/layout.h"
#include <stdio.h>
#include <string.h>

#define LINK_GONE "Länken gäller inte. Den kan vara fel inskriven, eller så är enkäten stängd."

static const char *field_of(request_t *req, size_t i)
{
    return arena_printf(&req->arena, "a%zu", i + 1);
}

/* Whether an option (1-based) is among the chosen "1,3". */
static bool chosen(const char *list, int option)
{
    int x[SURVEY_MAX_CHOSEN], k = survey_choices(list, x, SURVEY_MAX_CHOSEN);
    for (int i = 0; i < k; i++)
        if (x[i] == option)
            return true;
    return false;
}

static void question(request_t *req, const survey_item_t *it, size_t i, const char *value)
{
    buf_t *o = &req->body;
    const char *f = field_of(req, i);
    const question_t *q = &it->q;
    html_printf(o, "<fieldset class=\"question\" id=\"f-%s\"><legend>%zu. %s%s</legend>", f, i + 1, q->text,
                it->required ? "" : " (valfri)");
    widget_field_error(req, f);
    if (strcmp(q->kind, "likert") == 0) {
        for (int k = 0; survey_likert[k]; k++) {
            html_printf(o, "<label class=\"check\"><input type=\"radio\" name=\"%s\" value=\"%s\"%s", f,
                        survey_likert[k], strcmp(value, survey_likert[k]) == 0 ? " checked" : "");
            widget_described_by(req, f, false);
            html_printf(o, "> %s</label>", survey_likert[k]);
        }
    } else if (strcmp(q->kind, "single") == 0 || strcmp(q->kind, "multiple") == 0) {
        bool multi = strcmp(q->kind, "multiple") == 0;
        const char **options;
        size_t n = survey_options(q, &req->arena, &options);
        for (size_t k = 0; k < n; k++) {
            int option = (int)k + 1;
            html_printf(o, "<label class=\"check\"><input type=\"%s\" name=\"%s\" value=\"%d\"%s",
                        multi ? "checkbox" : "radio", f, option, chosen(value, option) ? " checked" : "");
            widget_described_by(req, f, false);
            html_printf(o, "> %s</label>", options[k]);
        }
    } else if (strcmp(q->kind, "number") == 0) {
        html_printf(o, "<label for=\"in-%s\">Ett heltal från %d till %d</label><input type=\"number\" id=\"in-%s\" "
                       "name=\"%s\" min=\"%d\" max=\"%d\" value=\"%s\"", f, q->min, q->max, f, f, q->min, q->max, value);
        widget_described_by(req, f, false);
        html_lit(o, ">");
    } else {
        html_printf(o, "<label for=\"in-%s\">Ditt svar</label><textarea id=\"in-%s\" name=\"%s\" rows=\"4\"", f, f, f);
        widget_described_by(req, f, false);
        html_printf(o, ">%s</textarea>", value);
    }
    html_lit(o, "</fieldset>");
}

static int view(request_t *req, survey_link_t *l, const char *const *values, int status, const char *done)
{
    const char *saved = req->csrf;
    req->csrf = auth_form_token(req);
    layout_begin(req, arena_printf(&req->arena, "%s %d", l->survey.title, l->survey.year));
    buf_t *o = &req->body;
    if (done)
        widget_notice(req, "success", done);
    widget_error_summary(req);
    if (strcmp(l->state, "complete") == 0) {
        html_lit(o, "<p class=\"lead\">Tack! Dina svar är inskickade.</p>");
        if (l->survey.anonymous)
            html_lit(o, "<p>Enkäten är anonym: svaren är inte längre kopplade till dig eller till den här länken.</p>");
        layout_end(req);
        req->csrf = saved;
        return respond_html(req, status);
    }
    html_printf(o, "<p class=\"prose\">%s</p>", l->survey.intro);
    if (l->survey.anonymous)
        html_lit(o, "<p class=\"hint\">Enkäten är anonym. Så länge du inte har skickat in dina svar kan du spara och "
                    "fortsätta med samma länk; när du skickar in kopplas svaren bort från länken och från dig.</p>");
    html_printf(o, "<form method=\"post\" action=\"/enkat/%s\" class=\"form survey\" novalidate>", req_param(req, "token"));
    widget_csrf(req);
    for (size_t i = 0; i < l->nitems; i++)
        question(req, &l->items[i], i, values[i]);
    html_lit(o, "<button type=\"submit\" name=\"action\" value=\"save\" class=\"button secondary\">Spara och fortsätt "
                "senare</button> <button type=\"submit\" name=\"action\" value=\"submit\" class=\"button\">Skicka in"
                "</button></form>");
    layout_end(req);
    req->csrf = saved;
    return respond_html(req, status);
}

static int page(request_t *req)
{
    survey_link_t *l = surveys_link(req->db, req_param(req, "token"), &req->arena);
    if (!l)
        return respond_error(req, 404, LINK_GONE);
    return view(req, l, l->values, 200, NULL);
}

static int submit(request_t *req)
{
    survey_link_t *l = surveys_link(req->db, req_param(req, "token"), &req->arena);
    if (!l)
        return respond_error(req, 404, LINK_GONE);
    if (strcmp(l->state, "complete") == 0)
        return respond_error(req, 409, "Dina svar är redan inskickade; de går inte att skicka två gånger.");
    const char **values = arena_alloc(&req->arena, (l->nitems ? l->nitems : 1) * sizeof *values);
    for (size_t i = 0; i < l->nitems; i++)
        values[i] = req_param(req, field_of(req, i));
    if (req->nerrors)
        return view(req, l, values, 400, NULL);
    bool send = strcmp(req_param(req, "action"), "submit") == 0;
    size_t bad = 0;
    char *err = NULL;
    if (!surveys_answer(req->db, l, values, send, &req->arena, &bad, &err)) {
        if (bad < l->nitems && err)
            req_add_error(req, field_of(req, bad), arena_printf(&req->arena, "Fråga %zu: %s", bad + 1, err));
        return view(req, l, values, 422, err && bad >= l->nitems ? err : NULL);
    }
    survey_link_t *now = surveys_link(req->db, req_param(req, "token"), &req->arena);
    return view(req, now, now->values, 200, send ? NULL : "Sparat. Du kan fortsätta senare med samma länk.");
}

#define P_ANSWER(n) {"a" #n, P_MULTILINE, PARAM_MULTI, "Svar", 0, 5000, NULL}
static const param_spec_t p_page[] = {{"token", P_SECRET, PARAM_PATH, "Länk", 0, 0, NULL}, PARAM_END};
static const param_spec_t p_submit[] = {
    {"token", P_SECRET, PARAM_PATH, "Länk", 0, 0, NULL},
    {"action", P_CHOICE, PARAM_REQUIRED, "Åtgärd", 0, 0, (const char *const[]){"save", "submit", NULL}},
    P_ANSWER(1), P_ANSWER(2), P_ANSWER(3), P_ANSWER(4), P_ANSWER(5), P_ANSWER(6), P_ANSWER(7), P_ANSWER(8),
    P_ANSWER(9), P_ANSWER(10), P_ANSWER(11), P_ANSWER(12), P_ANSWER(13), P_ANSWER(14), P_ANSWER(15), P_ANSWER(16),
    P_ANSWER(17), P_ANSWER(18), P_ANSWER(19), P_ANSWER(20), P_ANSWER(21), P_ANSWER(22), P_ANSWER(23), P_ANSWER(24),
    P_ANSWER(25), P_ANSWER(26), P_ANSWER(27), P_ANSWER(28), P_ANSWER(29), P_ANSWER(30), P_ANSWER(31), P_ANSWER(32),
    P_ANSWER(33), P_ANSWER(34), P_ANSWER(35), P_ANSWER(36), P_ANSWER(37), P_ANSWER(38), P_ANSWER(39), P_ANSWER(40),
    PARAM_END};

const route_t surveys_answer_routes[] = {
    {"GET", "/enkat/{token}", page, CAP_NONE, ROUTE_PUBLIC, p_page},
    {"POST", "/enkat/{token}", submit, CAP_NONE, ROUTE_PUBLIC | ROUTE_FORM | ROUTE_NO_CSRF, p_submit},
    {NULL, NULL, NULL, 0, 0, NULL},
};
