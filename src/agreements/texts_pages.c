/* texts_pages.c — the administrator's standard texts: each kind of agreement with its
 * current version, and a form per kind that saves a new version (based on the one the
 * form showed; one saved meanwhile is shown as a difference, not written over). */
#include "parts.h"
#include "../base/fmt.h"
#include <string.h>

static int texts_list_page(request_t *req)
{
    layout_begin(req, "Standardtexter för överenskommelser");
    buf_t *o = &req->body;
    html_lit(o, "<p class=\"lead\">En ny överenskommelse börjar med Skolverkets standardtext i varje avsnitt. "
                "Ändra texterna här; varje sparning blir en ny version, och en överenskommelse visar vilken version "
                "den utgick från.</p>\n" TABLE_OPEN("Standardtexter")
                "<thead><tr><th scope=\"col\">Slag</th><th scope=\"col\" class=\"num\">Version</th>"
                "<th scope=\"col\">Sparad</th><th scope=\"col\">Av</th></tr></thead><tbody>");
    for (int k = 0; k < AGR_KIND_COUNT; k++) {
        agreement_texts_t t;
        if (!agreement_texts_get(req->db, (agreement_kind_t)k, 0, &req->arena, &t))
            continue;
        buf_t when = BUF_INIT;
        fmt_datetime(&when, t.saved_at);
        html_printf(o, "<tr><td><a href=\"/admin/agreement-texts/%s\">%s</a></td><td class=\"num\">%d</td><td>%s</td>"
                       "<td>%s</td></tr>",
                    agreement_kind_keys[k], agreement_kind_label((agreement_kind_t)k), t.version,
                    t.saved_at ? buf_cstr(&when) : "från början", t.saved_by);
        buf_free(&when);
    }
    html_lit(o, "</tbody>" TABLE_CLOSE);
    layout_end(req);
    return respond_html(req, 200);
}

static int texts_view(request_t *req, int status, bool stale)
{
    agreement_kind_t k = agreement_kind_from_key(req_param(req, "kind"));
    agreement_texts_t t;
    if (k == AGR_KIND_COUNT || !agreement_texts_get(req->db, k, 0, &req->arena, &t))
        return respond_error(req, 404, "Det finns inga standardtexter för det slaget.");
    layout_begin(req, arena_printf(&req->arena, "Standardtexter: %s", agreement_kind_label(k)));
    buf_t *o = &req->body;
    size_t n;
    const agreement_section_t *s = agreement_sections(k, &n);
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", arena_printf(&req->arena, "Version %d är sparad.", t.version));
    if (stale) {
        stale_field_t f[16];
        for (size_t i = 0; i < n; i++)
            f[i] = (stale_field_t){s[i].label, t.sections[i],
                                   req_param(req, arena_printf(&req->arena, "s_%s", s[i].key))};
        widget_stale(req, t.saved_by, t.saved_at, f, n);
    }
    widget_error_summary(req);
    long long based_on = !stale && req_has_param(req, "version") ? req_param_int(req, "version", t.version)
                                                                : (long long)t.version;
    html_printf(o, "<p><a href=\"/admin/agreement-texts\">Alla standardtexter</a> · Version %d</p>"
                   "<form method=\"post\" action=\"/admin/agreement-texts/%s\" class=\"card form\" novalidate>"
                   "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
                t.version, agreement_kind_keys[k], based_on);
    widget_csrf(req);
    bool posted = req_has_param(req, "version");
    for (size_t i = 0; i < n; i++) {
        char *name = arena_printf(&req->arena, "s_%s", s[i].key);
        html_printf(o, "<div class=\"field\"><label for=\"f-%s\">%s%s</label>", name, s[i].label,
                    s[i].required ? " (obligatoriskt i överenskommelsen)" : "");
        if (s[i].hint)
            html_printf(o, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, s[i].hint);
        widget_field_error(req, name);
        html_printf(o, "<textarea id=\"f-%s\" name=\"%s\" rows=\"5\"", name, name);
        widget_described_by(req, name, s[i].hint != NULL);
        html_printf(o, ">%s</textarea></div>", posted ? req_param(req, name) : t.sections[i]);
    }
    html_lit(o, "<button type=\"submit\" class=\"button\">Spara som ny version</button></form>\n<h2>Versioner</h2><ol "
                "class=\"versions\" reversed>");
    agreement_texts_t *h;
    size_t nh = agreement_texts_history(req->db, k, &req->arena, &h);
    for (size_t i = 0; i < nh; i++) {
        buf_t when = BUF_INIT;
        fmt_datetime(&when, h[i].saved_at);
        html_printf(o, "<li>Version %d, %s av %s</li>", h[i].version, h[i].saved_at ? buf_cstr(&when) : "från början",
                    h[i].saved_by);
        buf_free(&when);
    }
    html_lit(o, "</ol>\n");
    layout_end(req);
    return respond_html(req, status);
}

static int texts_page(request_t *req)
{
    return texts_view(req, 200, false);
}

static int texts_submit(request_t *req)
{
    agreement_kind_t k = agreement_kind_from_key(req_param(req, "kind"));
    if (req->nerrors)
        return texts_view(req, 400, false);
    size_t n;
    const agreement_section_t *s = agreement_sections(k, &n);
    const char *sections[16];
    for (size_t i = 0; i < n; i++)
        sections[i] = req_param(req, arena_printf(&req->arena, "s_%s", s[i].key));
    char *err = NULL;
    switch (agreement_texts_save(req->db, &req->viewer, k, (int)req_param_int(req, "version", 0), sections,
                                 &req->arena, &err)) {
    case WRITE_OK:
        return respond_redirect(req, arena_printf(&req->arena, "/admin/agreement-texts/%s?klart=1",
                                                  agreement_kind_keys[k]));
    case WRITE_STALE:
        return texts_view(req, 409, true);
    default:
        return respond_error(req, 409, err);
    }
}

static const param_spec_t p_none[] = {PARAM_END};
static const param_spec_t p_kind[] = {{"kind", P_CHOICE, PARAM_PATH, "Slag", 0, 0, agreement_kind_keys}, PARAM_SAVED,
                                      PARAM_END};
static const param_spec_t p_save[] = {{"kind", P_CHOICE, PARAM_PATH, "Slag", 0, 0, agreement_kind_keys},
                                      AGREEMENT_SECTION("purpose"), AGREEMENT_SECTION("agency"),
                                      AGREEMENT_SECTION("organiser"), AGREEMENT_SECTION("funding"),
                                      AGREEMENT_SECTION("reporting"), AGREEMENT_SECTION("repayment"),
                                      AGREEMENT_SECTION("claims"), AGREEMENT_SECTION("evaluations"),
                                      AGREEMENT_SECTION("changes"), AGREEMENT_SECTION("interventions"),
                                      AGREEMENT_SECTION("background"), AGREEMENT_SECTION("changes_made"),
                                      AGREEMENT_SECTION("other"), AGREEMENT_SECTION("university"), PARAM_VERSION,
                                      PARAM_END};

const route_t agreements_texts_routes[] = {
    {"GET", "/admin/agreement-texts", texts_list_page, CAP_ADMIN, 0, p_none},
    {"GET", "/admin/agreement-texts/{kind}", texts_page, CAP_ADMIN, 0, p_kind},
    {"POST", "/admin/agreement-texts/{kind}", texts_submit, CAP_ADMIN, ROUTE_FORM, p_save},
    {NULL, NULL, NULL, 0, 0, NULL},
};
