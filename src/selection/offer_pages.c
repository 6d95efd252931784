/* offer_pages.c — offers as the organiser sees them (its own only: the store scopes
 * every read) and as the agency follows them: the units offered, why each was chosen,
 * and the answer — accept, or decline with a reason. */
#include "parts.h"
#include "rounds.h"
#include "../base/fmt.h"
#include "../http/layout.h"
#include "../register/register.h"
#include <string.h>

static int selection_offers_page(request_t *req)
{
    layout_begin(req, "Erbjudanden om samverkan");
    buf_t *o = &req->body;
    offer_t *f;
    size_t n = offers_list(req->db, &req->viewer, 0, &req->arena, &f);
    if (!n) {
        html_lit(o, "<p class=\"empty\">Det finns inga erbjudanden.</p>\n");
    } else {
        html_lit(o, TABLE_OPEN("Erbjudanden") "<thead><tr><th scope=\"col\">Omgång</th><th scope=\"col\">Beslutsdatum"
                    "</th><th scope=\"col\">Huvudman</th><th scope=\"col\">Svar</th><th scope=\"col\">Svara senast"
                    "</th></tr></thead><tbody>\n");
        for (size_t i = 0; i < n; i++)
            html_printf(o, "<tr><td><a href=\"/offers/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                           "</tr>\n",
                        (long long)f[i].id, f[i].round_name, f[i].decision_date ? f[i].decision_date : "",
                        f[i].organiser, offers_status_label(f[i].status), f[i].answer_by ? f[i].answer_by : "–");
        html_lit(o, "</tbody></table></div>\n");
    }
    layout_end(req);
    return respond_html(req, 200);
}

/* The offered units with the reason each was chosen and, for the unit's own ranking,
 * the explanation of its place. */
static void offered_units(request_t *req, const offer_t *f)
{
    buf_t *o = &req->body;
    round_t *r = rounds_get(req->db, f->round_id, &req->arena);
    round_choice_t *c;
    size_t n = r ? rounds_choices(req->db, r->id, &req->arena, &c) : 0;
    ranking_t rk[RANK_METHOD_COUNT];
    bool have[RANK_METHOD_COUNT] = {false};
    html_lit(o, "<h2>Enheter som ingår</h2>\n<ul class=\"offered\">");
    for (size_t i = 0; i < n; i++) {
        if (c[i].organiser_id != f->organiser_id)
            continue;
        html_printf(o, "<li><h3><a href=\"/units/%s\">%s</a> <span class=\"muted\">%s · %s</span></h3>", c[i].code,
                    c[i].name, c[i].code, register_forms_label(&req->arena, c[i].school_forms));
        /* The motivation written for the organiser; the analyst's own note is never shown. */
        html_printf(o, "<p><strong>%s %s.</strong>%s%s</p>",
                    strcmp(c[i].decision, "supplementary") == 0 ? "Tilläggsbeslut" : "Beslut",
                    c[i].decision_date ? c[i].decision_date : "", c[i].public_reason && *c[i].public_reason ? " " : "",
                    c[i].public_reason ? c[i].public_reason : "");
        int m = ranking_method_from_key(c[i].ranking);
        if (m >= 0) {
            char *err = NULL;
            if (!have[m])
                have[m] = rounds_ranking(req->db, r, (rank_method_t)m, &req->arena, &rk[m], &err);
            const rank_row_t *row = have[m] ? ranking_find(&rk[m], c[i].code) : NULL;
            if (row)
                html_printf(o, "<p>%s: %s</p>", ranking_method_label((rank_method_t)m),
                            ranking_explain(&rk[m], row, &req->arena));
        }
        html_lit(o, "</li>\n");
    }
    html_lit(o, "</ul>\n");
}

static int offer_view(request_t *req, offer_t *f, int status)
{
    layout_begin(req, arena_printf(&req->arena, "Erbjudande: %s", f->round_name));
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Tack! Svaret är registrerat och Skolverket ser det.");
    html_lit(o, "<dl class=\"facts\">");
    html_printf(o, "<dt>Huvudman</dt><dd>%s (%s)</dd><dt>Beslutsdatum</dt><dd>%s</dd><dt>Svar</dt><dd>%s</dd>",
                f->organiser, register_orgnr_display(&req->arena, f->orgnr), f->decision_date ? f->decision_date : "",
                offers_status_label(f->status));
    if (f->answer_by && strcmp(f->status, "pending") == 0)
        html_printf(o, "<dt>Sista dag för svar</dt><dd><strong>Svara senast %s</strong></dd>", f->answer_by);
    if (*f->reason)
        html_printf(o, "<dt>Skäl</dt><dd>%s</dd>", f->reason);
    if (f->answered_at) {
        buf_t when = BUF_INIT;
        fmt_datetime(&when, f->answered_at);
        html_printf(o, "<dt>Besvarat</dt><dd>%s av %s</dd>", buf_cstr(&when), f->answered_by ? f->answered_by : "");
        buf_free(&when);
    }
    html_lit(o, "</dl>\n<p>Skolverket erbjuder er att delta i Samverkan för bästa skola. Samverkan pågår i regel i tre "
                "till fyra år och omfattar en nulägesanalys, en åtgärdsplan och insatser som ett lärosäte genomför.</p>\n");
    offered_units(req, f);
    if (strcmp(f->status, "pending") == 0 && access_may(&req->viewer, CAP_OFFER_ANSWER)) {
        html_lit(o, "<h2 id=\"svar\">Ert svar</h2>\n");
        widget_error_summary(req);
        html_printf(o, "<form method=\"post\" action=\"/offers/%lld\" class=\"card form\" novalidate>", (long long)f->id);
        widget_csrf(req);
        html_lit(o, "<fieldset><legend>Vill ni delta?</legend>");
        widget_field_error(req, "answer");
        html_printf(o, "<label class=\"check\"><input type=\"radio\" name=\"answer\" value=\"accept\"%s> Ja, vi tackar ja"
                       "</label><label class=\"check\"><input type=\"radio\" name=\"answer\" value=\"decline\"%s> Nej, "
                       "vi tackar nej</label></fieldset>",
                    strcmp(req_param(req, "answer"), "accept") == 0 ? " checked" : "",
                    strcmp(req_param(req, "answer"), "decline") == 0 ? " checked" : "");
        html_lit(o, "<div class=\"field\"><label for=\"f-reason\">Skäl eller kommentar</label>"
                    "<p class=\"hint\" id=\"h-reason\">Krävs om ni tackar nej.</p>");
        widget_field_error(req, "reason");
        html_lit(o, "<textarea id=\"f-reason\" name=\"reason\" rows=\"4\"");
        widget_described_by(req, "reason", true);
        html_printf(o, ">%s</textarea></div><button type=\"submit\" class=\"button\">Skicka svaret</button></form>\n",
                    req_param(req, "reason"));
    }
    layout_end(req);
    return respond_html(req, status);
}

static int selection_offer_page(request_t *req)
{
    offer_t *f = offers_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!f)
        return respond_error(req, 404, "Erbjudandet finns inte, eller så har du inte tillgång till det.");
    return offer_view(req, f, 200);
}

static int selection_offer_answer(request_t *req)
{
    offer_t *f = offers_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!f)
        return respond_error(req, 404, "Erbjudandet finns inte, eller så har du inte tillgång till det.");
    const char *answer = req_param(req, "answer");
    if (!*answer && !req->nerrors)
        req_add_error(req, "answer", "Välj ja eller nej.");
    if (strcmp(answer, "decline") == 0 && !req_param(req, "reason")[0])
        req_add_error(req, "reason", "Skriv varför ni tackar nej.");
    if (req->nerrors)
        return offer_view(req, f, 400);
    char *err = NULL;
    if (!offers_answer(req->db, &req->viewer, f->id, strcmp(answer, "accept") == 0, req_param(req, "reason"),
                       &req->arena, &err)) {
        req_add_error(req, "answer", err);
        return offer_view(req, f, 409);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/offers/%lld?klart=1", (long long)f->id));
}

/* Offers waiting for the organiser's answer, first on its start page. */
static void pending_offers(request_t *req)
{
    if (!access_may(&req->viewer, CAP_OFFER_ANSWER))
        return;
    offer_t *f;
    size_t n = offers_list(req->db, &req->viewer, 0, &req->arena, &f);
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].status, "pending") == 0)
            html_printf(&req->body, "<div class=\"notice\" role=\"status\"><h2>Erbjudande om samverkan</h2><p>Skolverket "
                                    "har erbjudit %s att delta i Samverkan för bästa skola (%s, beslut %s).%s%s%s "
                                    "<a href=\"/offers/%lld\">Läs erbjudandet och svara</a></p></div>\n",
                        f[i].organiser, f[i].round_name, f[i].decision_date ? f[i].decision_date : "",
                        f[i].answer_by ? " Svara senast " : "", f[i].answer_by ? f[i].answer_by : "",
                        f[i].answer_by ? "." : "", (long long)f[i].id);
}

/* The selection staff's ways in from the start page. */
static void shortcuts(request_t *req)
{
    if (access_may(&req->viewer, CAP_ROUND_MANAGE))
        html_lit(&req->body, "<p class=\"actions\"><a class=\"button\" href=\"/rounds\">Urvalsomgångar</a> "
                             "<a class=\"button secondary\" href=\"/import\">Importera filer</a> "
                             "<a class=\"button secondary\" href=\"/organisers\">Sök huvudmän</a></p>\n");
}

const start_section_t selection_start_sections[] = {
    {5, pending_offers, false},
    {12, shortcuts, false},
    {0, NULL, false},
};

static const char *const answer_choices[] = {"accept", "decline", NULL};
static const param_spec_t p_none[] = {PARAM_END};
static const param_spec_t p_offer[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_answer[] = {PARAM_ID,
                                        {"answer", P_CHOICE, PARAM_REQUIRED, "Svar", 0, 0, answer_choices},
                                        {"reason", P_MULTILINE, 0, "Skäl", 0, 2000, NULL},
                                        PARAM_END};

const route_t selection_offer_routes[] = {
    {"GET", "/offers", selection_offers_page, CAP_OFFER_READ, 0, p_none},
    {"GET", "/offers/{id}", selection_offer_page, CAP_OFFER_READ, 0, p_offer},
    {"POST", "/offers/{id}", selection_offer_answer, CAP_OFFER_ANSWER, ROUTE_FORM, p_answer},
    {NULL, NULL, NULL, 0, 0, NULL},
};
