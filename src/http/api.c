/* api.c — sending JSON in the API's one style (api.h). */
#include "api.h"
#include "../base/fmt.h"
#include "../html/html.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

int api_send(request_t *req, int status, json_t *j)
{
    char *text = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(15));
    json_decref(j);
    buf_reset(&req->body);
    if (text)
        buf_puts(&req->body, text);
    buf_putc(&req->body, '\n');
    free(text);
    req->status = status;
    req->content_type = "application/json; charset=utf-8";
    return status;
}

void api_paging(const request_t *req, long long *page, long long *per_page)
{
    *page = req_param_int(req, "page", 1);
    *per_page = req_param_int(req, "per_page", API_PER_PAGE);
    if (*page < 1)
        *page = 1;
    if (*per_page < 1)
        *per_page = API_PER_PAGE;
}

api_page_t api_page(const request_t *req, size_t n)
{
    api_page_t pg = {.n = n};
    api_paging(req, &pg.page, &pg.per_page);
    unsigned long long start = (unsigned long long)(pg.page - 1) * (unsigned long long)pg.per_page;
    pg.from = start < n ? (size_t)start : n;
    pg.to = n - pg.from < (unsigned long long)pg.per_page ? n : pg.from + (size_t)pg.per_page;
    return pg;
}

/* The request's address with page set to the given number: the declared parameters
 * only, as validated. */
static json_t *page_url(const request_t *req, long long page)
{
    buf_t u = BUF_INIT;
    buf_puts(&u, req->path);
    char sep = '?';
    for (size_t i = 0; i < req->nparams; i++) {
        const req_param_t *p = &req->params[i];
        if (!*p->value || strcmp(p->name, "page") == 0)
            continue;
        if (p->in_path)
            continue;
        buf_putc(&u, sep);
        sep = '&';
        html_url(&u, p->name);
        buf_putc(&u, '=');
        html_url(&u, p->value);
    }
    buf_printf(&u, "%cpage=%lld", sep, page);
    json_t *j = json_string(buf_cstr(&u));
    buf_free(&u);
    return j;
}

json_t *api_list_json(request_t *req, json_t *items, long long total, long long page, long long per_page)
{
    json_t *next = page * per_page < total ? page_url(req, page + 1) : json_null();
    return json_pack("{s:o, s:I, s:I, s:I, s:o}", "items", items, "total", (json_int_t)total, "page", (json_int_t)page,
                     "per_page", (json_int_t)per_page, "next", next);
}

int api_send_list(request_t *req, json_t *items, long long total, long long page, long long per_page)
{
    return api_send(req, 200, api_list_json(req, items, total, page, per_page));
}

json_t *api_text(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

json_t *api_time(int64_t epoch)
{
    if (!epoch)
        return json_null();
    buf_t b = BUF_INIT;
    fmt_iso_datetime(&b, epoch);
    json_t *j = json_string(buf_cstr(&b));
    buf_free(&b);
    return j;
}

json_t *api_real(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

json_t *api_ref(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

json_t *api_split(const char *list, const char *sep)
{
    json_t *a = json_array();
    if (!list)
        return a;
    size_t seplen = strlen(sep);
    const char *p = list;
    while (*p) {
        const char *end = strstr(p, sep);
        size_t n = end ? (size_t)(end - p) : strlen(p);
        while (n && (*p == ' ' || *p == '\t'))
            p++, n--;
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        if (n)
            json_array_append_new(a, json_stringn(p, n));
        if (!end)
            break;
        p = end + seplen;
    }
    return a;
}

int api_send_page(request_t *req, json_t *items, const api_page_t *pg)
{
    return api_send_list(req, items, (long long)pg->n, pg->page, pg->per_page);
}
