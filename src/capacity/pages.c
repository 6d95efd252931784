/* pages.c — a case's mapping of improvement capacity: both moments side by side with the
 * change per aspect and as a chart; each moment answered aspect by aspect, with the
 * improvement history, and closed when every aspect is answered. */
#include "parts.h"
#include "../base/fmt.h"
#include "../http/layout.h"
#include "../io/svg_chart.h"
#include <math.h>
#include <string.h>

#define NOT_FOUND "Kartläggningen finns inte, eller så har du inte tillgång till den."

static const char *level_label(const capacity_level_t *l, size_t n, int value, arena_t *a)
{
    for (size_t i = 0; i < n; i++)
        if (l[i].value == value)
            return arena_printf(a, "%d – %s", value, l[i].label);
    return value ? arena_printf(a, "%d", value) : "–";
}

static const char *mean_text(arena_t *a, double m)
{
    if (isnan(m))
        return "–";
    buf_t b = BUF_INIT;
    fmt_decimal_sv(&b, m, 1);
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static int overview(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, NOT_FOUND);
    capacity_mapping_t *start, *end;
    capacity_get_both(req->db, c, &req->arena, &start, &end);
    capacity_level_t *levels;
    size_t nl = capacity_levels(req->db, &req->arena, &levels);
    layout_begin(req, arena_printf(&req->arena, "Förbättringskapacitet: %s", c->organiser));
    buf_t *o = &req->body;
    html_printf(o, "<p><a href=\"/cases/%lld\">Till ärendet</a></p><p>Kartläggningen görs i början av perioden och "
                   "görs om vid slutet, så att förändringen syns aspekt för aspekt.</p>", (long long)c->id);
    const capacity_mapping_t *both[] = {start, end};
    html_lit(o, "<ul class=\"links\">");
    for (int k = 0; k < 2; k++)
        html_printf(o, "<li><a href=\"/cases/%lld/capacity/%s\">%s</a>: %s, medelvärde %s</li>", (long long)c->id,
                    both[k]->moment, capacity_moment_label(both[k]->moment),
                    both[k]->done ? "avslutad" : both[k]->id ? "påbörjad" : "inte påbörjad",
                    mean_text(&req->arena, capacity_mean(both[k])));
    html_lit(o, "</ul>");
    capacity_change_t *ch;
    size_t n = capacity_compare(start, end, &req->arena, &ch);
    const char **labels = arena_alloc(&req->arena, (n ? n : 1) * sizeof *labels);
    int *first = arena_alloc(&req->arena, (n ? n : 1) * sizeof *first), *second = arena_alloc(&req->arena, (n ? n : 1) * sizeof *second);
    for (size_t i = 0; i < n; i++) {
        labels[i] = ch[i].name;
        first[i] = ch[i].start;
        second[i] = ch[i].end;
    }
    if (start->id || end->id)
        svg_pairs(o, "Förbättringskapacitet", "vid start", "vid slut", labels, first, second, n,
                  nl ? levels[nl - 1].value : 4);
    html_lit(o, TABLE_OPEN("Förbättringskapacitet vid start och slut") "<thead><tr><th scope=\"col\">Område</th>"
                "<th scope=\"col\">Aspekt</th><th scope=\"col\">Vid start</th><th scope=\"col\">Vid slut</th>"
                "<th scope=\"col\" class=\"num\">Förändring</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        const char *delta = ch[i].start && ch[i].end ? arena_printf(&req->arena, "%+d", ch[i].end - ch[i].start) : "–";
        html_printf(o, "<tr><td>%s</td><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td class=\"num\">%s</td></tr>",
                    ch[i].grp, ch[i].name, level_label(levels, nl, ch[i].start, &req->arena),
                    level_label(levels, nl, ch[i].end, &req->arena), delta);
    }
    html_lit(o, "</tbody>" TABLE_CLOSE);
    for (int k = 0; k < 2; k++)
        if (*both[k]->history)
            html_printf(o, "<h2>Förbättringshistoria (%s)</h2><p class=\"prose\">%s</p>",
                        capacity_moment_label(both[k]->moment), both[k]->history);
    layout_end(req);
    return respond_html(req, 200);
}

static int moment_view(request_t *req, int status, const char *notice)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, NOT_FOUND);
    capacity_mapping_t *m = capacity_get(req->db, c, req_param(req, "moment"), &req->arena);
    capacity_level_t *levels;
    size_t nl = capacity_levels(req->db, &req->arena, &levels);
    layout_begin(req, arena_printf(&req->arena, "Förbättringskapacitet %s: %s",
                                   strcmp(m->moment, "end") == 0 ? "vid slut" : "vid start", c->organiser));
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    if (notice)
        widget_notice(req, "error", notice);
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/cases/%lld/capacity\">Båda kartläggningarna och förändringen</a></p>", (long long)c->id);
    bool writer = capacity_may_write(&req->viewer, m);
    if (m->done)
        html_lit(o, "<p class=\"notice\">Kartläggningen är avslutad och kan inte ändras.</p>");
    int64_t posted = req_param_int(req, "aspect", 0);
    const char *group = "";
    for (size_t i = 0; i < m->n; i++) {
        const capacity_answer_t *x = &m->answers[i];
        if (strcmp(group, x->grp) != 0) {
            html_printf(o, "<h2>%s</h2>", x->grp);
            group = x->grp;
        }
        html_printf(o, "<section class=\"card\"><h3>%s</h3>", x->name);
        if (*x->guidance)
            html_printf(o, "<p class=\"hint\">%s</p>", x->guidance);
        if (!writer) {
            html_printf(o, "<dl class=\"facts\"><dt>Nivå</dt><dd>%s</dd><dt>Kommentar</dt><dd class=\"prose\">%s</dd></dl>"
                           "</section>", level_label(levels, nl, x->level, &req->arena), x->comment);
            continue;
        }
        bool here = posted == x->aspect_id;
        html_printf(o, "<form method=\"post\" action=\"/cases/%lld/capacity/%s/aspects/%lld\" class=\"form\" novalidate>",
                    (long long)c->id, m->moment, (long long)x->aspect_id);
        widget_csrf(req);
        html_printf(o, "<input type=\"hidden\" name=\"version\" value=\"%d\"><fieldset class=\"field\"><legend>Nivå"
                       "<span class=\"visually-hidden\"> för %s</span></legend>", m->version, x->name);
        int chosen = here ? (int)req_param_int(req, "level", 0) : x->level;
        for (size_t k = 0; k < nl; k++)
            html_printf(o, "<label class=\"check\"><input type=\"radio\" name=\"level\" value=\"%d\"%s> %d – %s</label>",
                        levels[k].value, chosen == levels[k].value ? " checked" : "", levels[k].value, levels[k].label);
        html_printf(o, "</fieldset><div class=\"field\"><label for=\"f-comment-%lld\">Kommentar</label><textarea "
                       "id=\"f-comment-%lld\" name=\"comment\" rows=\"2\">%s</textarea></div><button type=\"submit\" "
                       "class=\"button secondary\">Spara <span class=\"visually-hidden\">%s</span></button></form>"
                       "</section>", (long long)x->aspect_id, (long long)x->aspect_id,
                    here ? req_param(req, "comment") : x->comment, x->name);
    }
    if (writer) {
        html_printf(o, "<form method=\"post\" action=\"/cases/%lld/capacity/%s\" class=\"card form\" novalidate>"
                       "<h2>Förbättringshistoria</h2>", (long long)c->id, m->moment);
        widget_csrf(req);
        html_printf(o, "<input type=\"hidden\" name=\"version\" value=\"%d\"><div class=\"field\"><label for=\"f-history\">"
                       "Vad har huvudmannen gjort för att utveckla verksamheten tidigare, och hur gick det?</label>"
                       "<textarea id=\"f-history\" name=\"history\" rows=\"6\">%s</textarea></div>"
                       "<button type=\"submit\" class=\"button\">Spara historien</button></form>", m->version, m->history);
        size_t open = capacity_unanswered(m);
        html_printf(o, "<form method=\"post\" action=\"/cases/%lld/capacity/%s/done\" class=\"inline\">", (long long)c->id,
                    m->moment);
        widget_csrf(req);
        html_printf(o, "<button type=\"submit\" class=\"button\">Avsluta kartläggningen</button> <span class=\"muted\">"
                       "%zu aspekter obesvarade.</span></form>", open);
    } else if (*m->history) {
        html_printf(o, "<h2>Förbättringshistoria</h2><p class=\"prose\">%s</p>", m->history);
    }
    layout_end(req);
    return respond_html(req, status);
}

static int moment_page(request_t *req)
{
    return moment_view(req, 200, NULL);
}

static int after_write(request_t *req, const case_row_t *c, const capacity_mapping_t *m, write_result_t w,
                       const char *err)
{
    if (w == WRITE_OK)
        return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld/capacity/%s?klart=1", (long long)c->id,
                                                  m->moment));
    return moment_view(req, 409, w == WRITE_STALE ? "Någon annan har sparat kartläggningen sedan du öppnade den. Sidan "
                                                    "visar nu det som är sparat; skriv in din ändring igen."
                                                  : err);
}

static int answer_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return moment_view(req, 400, NULL);
    capacity_mapping_t *m = capacity_get(req->db, c, req_param(req, "moment"), &req->arena);
    char *err = NULL;
    write_result_t w = capacity_save_answer(req->db, &req->viewer, c, m, (int)req_param_int(req, "version", 0),
                                            req_param_int(req, "aspect", 0), (int)req_param_int(req, "level", 0),
                                            req_param(req, "comment"), &req->arena, &err);
    return after_write(req, c, m, w, err);
}

static int history_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return moment_view(req, 400, NULL);
    capacity_mapping_t *m = capacity_get(req->db, c, req_param(req, "moment"), &req->arena);
    char *err = NULL;
    write_result_t w = capacity_save_history(req->db, &req->viewer, c, m, (int)req_param_int(req, "version", 0),
                                             req_param(req, "history"), &req->arena, &err);
    return after_write(req, c, m, w, err);
}

static int done_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, NOT_FOUND);
    capacity_mapping_t *m = capacity_get(req->db, c, req_param(req, "moment"), &req->arena);
    char *err = NULL;
    if (!capacity_finish(req->db, &req->viewer, c, m, &req->arena, &err))
        return moment_view(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld/capacity", (long long)c->id));
}

void capacity_case_section(request_t *req, const case_row_t *c)
{
    if (!access_may(&req->viewer, CAP_CAPACITY_READ))
        return;
    capacity_mapping_t *start, *end;
    capacity_get_both(req->db, c, &req->arena, &start, &end);
    html_printf(&req->body, "<h2 id=\"kapacitet\">Förbättringskapacitet</h2><p><a href=\"/cases/%lld/capacity\">"
                            "Kartläggningen</a>: vid start %s (medelvärde %s), vid slut %s (medelvärde %s).</p>",
                (long long)c->id, start->done ? "avslutad" : start->id ? "påbörjad" : "inte påbörjad",
                mean_text(&req->arena, capacity_mean(start)), end->done ? "avslutad" : end->id ? "påbörjad" : "inte påbörjad",
                mean_text(&req->arena, capacity_mean(end)));
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
#define P_MOMENT {"moment", P_CHOICE, PARAM_PATH, "Tillfälle", 0, 0, capacity_moments}
static const param_spec_t p_moment[] = {PARAM_ID, P_MOMENT, PARAM_SAVED, PARAM_END};
static const param_spec_t p_done[] = {PARAM_ID, P_MOMENT, PARAM_END};
static const param_spec_t p_answer[] = {PARAM_ID, P_MOMENT, PARAM_VERSION,
                                        {"aspect", P_INT, PARAM_PATH, "Aspekt", 1, 1000000000, NULL},
                                        {"level", P_INT, 0, "Nivå", 0, 100, NULL},
                                        {"comment", P_MULTILINE, 0, "Kommentar", 0, 5000, NULL}, PARAM_END};
static const param_spec_t p_history[] = {PARAM_ID, P_MOMENT, PARAM_VERSION,
                                         {"history", P_MULTILINE, 0, "Förbättringshistoria", 0, 20000, NULL}, PARAM_END};

const route_t capacity_case_routes[] = {
    {"GET", "/cases/{id}/capacity", overview, CAP_CAPACITY_READ, ROUTE_KEPT, p_id},
    {"GET", "/cases/{id}/capacity/{moment}", moment_page, CAP_CAPACITY_READ, ROUTE_KEPT, p_moment},
    {"POST", "/cases/{id}/capacity/{moment}", history_submit, CAP_CAPACITY_WRITE, ROUTE_FORM, p_history},
    {"POST", "/cases/{id}/capacity/{moment}/aspects/{aspect}", answer_submit, CAP_CAPACITY_WRITE, ROUTE_FORM, p_answer},
    {"POST", "/cases/{id}/capacity/{moment}/done", done_submit, CAP_CAPACITY_WRITE, ROUTE_FORM, p_done},
    {NULL, NULL, NULL, 0, 0, NULL},
};
