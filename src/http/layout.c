/* layout.c — the page frame and shared widgets. */
#include "layout.h"
#include "server.h"
#include "static_files.h"
#include <string.h>

const char *layout_asset_url(request_t *req, const char *name)
{
    const static_file_t *f = static_find(name);
    return arena_printf(&req->arena, "/static/%s?v=%s", name, f ? f->etag : "0");
}

static bool nav_current(const char *path, const char *href)
{
    if (strcmp(href, "/") == 0)
        return strcmp(path, "/") == 0;
    size_t n = strlen(href);
    return strncmp(path, href, n) == 0 && (path[n] == '\0' || path[n] == '/' || path[n] == '.');
}

void layout_begin(request_t *req, const char *title)
{
    buf_t *o = &req->body;
    html_printf(o, "<!doctype html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>%s – Samverkan</title>\n"
                   "<link rel=\"stylesheet\" href=\"%s\">\n"
                   "<link rel=\"icon\" href=\"%s\" type=\"image/svg+xml\">\n</head>\n<body>\n",
                title, layout_asset_url(req, "app.css"), layout_asset_url(req, "favicon.svg"));
    html_lit(o, "<a class=\"skip\" href=\"#main\">Hoppa till innehållet</a>\n"
                "<header class=\"top\">\n<div class=\"top-inner\">\n"
                "<a class=\"brand\" href=\"/\"><span class=\"brand-mark\" aria-hidden=\"true\"></span>"
                "<span class=\"brand-name\">Samverkan</span>"
                "<span class=\"brand-sub\">för bästa skola</span></a>\n");
    bool signed_in = access_may(&req->viewer, CAP_SIGNED_IN);
    if (signed_in) {
        html_printf(o, "<div class=\"who\"><span>%s</span> <span class=\"role\">%s</span>\n"
                       "<form method=\"post\" action=\"/logout\" class=\"inline\">",
                    req->viewer.name, role_label(req->viewer.role));
        widget_csrf(req);
        html_lit(o, "<button type=\"submit\" class=\"link-button\">Logga ut</button></form></div>\n");
    }
    html_lit(o, "</div>\n");
    const server_config_t *cfg = server_config();
    if (signed_in && cfg->nav) {
        html_lit(o, "<nav class=\"main-nav\" aria-label=\"Huvudmeny\"><ul>\n");
        for (size_t i = 0; i < cfg->nnav; i++) {
            const nav_entry_t *n = &cfg->nav[i];
            if (!access_may(&req->viewer, n->cap))
                continue;
            if (nav_current(req->path, n->href))
                html_printf(o, "<li><a href=\"%s\" aria-current=\"page\">%s</a></li>\n", n->href, n->label);
            else
                html_printf(o, "<li><a href=\"%s\">%s</a></li>\n", n->href, n->label);
        }
        html_lit(o, "</ul></nav>\n");
    }
    html_printf(o, "</header>\n<main id=\"main\" tabindex=\"-1\">\n<h1>%s</h1>\n", title);
}

void layout_end(request_t *req)
{
    html_lit(&req->body, "</main>\n<footer class=\"foot\"><p>Samverkan för bästa skola · "
                         "Skolverket</p></footer>\n</body>\n</html>\n");
}

void widget_input(request_t *req, const char *name, const char *label, const char *type, const char *value,
                  const char *hint, const char *autocomplete)
{
    buf_t *o = &req->body;
    html_printf(o, "<div class=\"field\"><label for=\"f-%s\">%s</label>", name, label);
    if (hint)
        html_printf(o, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, hint);
    widget_field_error(req, name);
    html_printf(o, "<input id=\"f-%s\" name=\"%s\" type=\"%s\"", name, name, type);
    if (value && strcmp(type, "password") != 0)
        html_printf(o, " value=\"%s\"", value);
    if (autocomplete)
        html_printf(o, " autocomplete=\"%s\"", autocomplete);
    widget_described_by(req, name, hint != NULL);
    html_lit(o, "></div>\n");
}

static const char *field_error(const request_t *req, const char *field)
{
    for (size_t i = 0; i < req->nerrors; i++)
        if (strcmp(req->errors[i].field, field) == 0)
            return req->errors[i].message;
    return NULL;
}

void widget_described_by(request_t *req, const char *field, bool has_hint)
{
    bool error = field_error(req, field) != NULL;
    if (error)
        html_lit(&req->body, " aria-invalid=\"true\"");
    if (has_hint && error)
        html_printf(&req->body, " aria-describedby=\"h-%s e-%s\"", field, field);
    else if (has_hint || error)
        html_printf(&req->body, " aria-describedby=\"%s-%s\"", error ? "e" : "h", field);
}

void widget_csrf(request_t *req)
{
    html_printf(&req->body, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", req->csrf ? req->csrf : "");
}

void widget_error_summary(request_t *req)
{
    if (!req->nerrors)
        return;
    buf_t *o = &req->body;
    html_lit(o, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">\n"
                "<h2>Det finns fel i formuläret</h2>\n<ul>\n");
    for (size_t i = 0; i < req->nerrors; i++)
        html_printf(o, "<li><a href=\"#f-%s\">%s</a></li>\n", req->errors[i].field, req->errors[i].message);
    html_lit(o, "</ul>\n</div>\n");
}

void widget_field_error(request_t *req, const char *field)
{
    const char *msg = field_error(req, field);
    if (msg)
        html_printf(&req->body, "<p class=\"field-error\" id=\"e-%s\">%s</p>", field, msg);
}

void widget_field_invalid(request_t *req, const char *field)
{
    widget_described_by(req, field, false);
}

void widget_notice(request_t *req, const char *kind, const char *text)
{
    html_printf(&req->body, "<div class=\"notice notice-%s\" role=\"status\"><p>%s</p></div>\n", kind, text);
}

void widget_pager(request_t *req, const char *base_url, long long page, long long per_page, long long total)
{
    long long pages = per_page > 0 ? (total + per_page - 1) / per_page : 1;
    if (pages <= 1)
        return;
    buf_t *o = &req->body;
    html_lit(o, "<nav class=\"pager\" aria-label=\"Sidor\"><ul>\n");
    if (page > 1)
        html_printf(o, "<li><a href=\"%spage=%lld\" rel=\"prev\">Föregående</a></li>\n", base_url, page - 1);
    long long from = page - 3 < 1 ? 1 : page - 3, to = page + 3 > pages ? pages : page + 3;
    if (from > 1)
        html_printf(o, "<li><a href=\"%spage=1\">1</a></li><li class=\"gap\">…</li>\n", base_url);
    for (long long p = from; p <= to; p++) {
        if (p == page)
            html_printf(o, "<li><span aria-current=\"page\">%lld</span></li>\n", p);
        else
            html_printf(o, "<li><a href=\"%spage=%lld\">%lld</a></li>\n", base_url, p, p);
    }
    if (to < pages)
        html_printf(o, "<li class=\"gap\">…</li><li><a href=\"%spage=%lld\">%lld</a></li>\n", base_url, pages, pages);
    if (page < pages)
        html_printf(o, "<li><a href=\"%spage=%lld\" rel=\"next\">Nästa</a></li>\n", base_url, page + 1);
    html_lit(o, "</ul></nav>\n");
}
