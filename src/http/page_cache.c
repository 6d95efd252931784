/* page_cache.c — the kept answers (page_cache.h), stored in the fragment cache as
 * "<content type>\0<header count>\0<name>\0<value>\0…" followed by the body. */
#include "page_cache.h"
#include "fragment_cache.h"
#include "routes.h"
#include "session.h"
#include "../base/fmt.h"
#include <stdlib.h>
#include <string.h>

enum { PAGE_BYTES_MAX = 512 * 1024 };

static bool may_keep(const request_t *req)
{
    return req->route && (req->route->flags & ROUTE_KEPT) && strcmp(req->method, "GET") == 0 && req->session_raw &&
           !req->via_token && !req->must_change_password;
}

/* Made once per request: the look-up and the keeping after a miss share it. */
static const char *key_of(request_t *req)
{
    if (!req->kept_key) {
        char session[65], today[11];
        session_hash(req->session_raw, session);
        fmt_today(today, 0);
        req->kept_key =
            arena_printf(&req->arena, "page|%s|%s?%s|%s", session, req->path, req->query ? req->query : "", today);
    }
    return req->kept_key;
}

/* The next '\0'-ended string of the blob, or NULL past its end. */
static const char *next_field(const char **p, const char *end)
{
    const char *s = *p, *z = s < end ? memchr(s, '\0', (size_t)(end - s)) : NULL;
    if (!z)
        return NULL;
    *p = z + 1;
    return s;
}

bool page_cache_serve(request_t *req, size_t from)
{
    if (!may_keep(req))
        return false;
    buf_t blob = BUF_INIT;
    if (!fragment_fetch(req, key_of(req), &blob)) {
        buf_free(&blob);
        return false;
    }
    const char *p = blob.data, *end = blob.data + blob.len;
    const char *type = next_field(&p, end), *count = next_field(&p, end);
    size_t n = count ? (size_t)strtoul(count, NULL, 10) : REQ_MAX_HEADERS + 1;
    bool ok = type && from <= REQ_MAX_HEADERS && n <= REQ_MAX_HEADERS - from;
    for (size_t i = from; ok && i < from + n; i++) {
        const char *name = next_field(&p, end), *value = next_field(&p, end);
        ok = name && value;
        if (ok) {
            req->headers[i][0] = arena_strdup(&req->arena, name);
            req->headers[i][1] = arena_strdup(&req->arena, value);
        }
    }
    if (ok) {
        req->nheaders = from + n;
        req->content_type = *type ? arena_strdup(&req->arena, type) : NULL;
        req->status = 200;
        buf_reset(&req->body);
        buf_append(&req->body, p, (size_t)(end - p));
    }
    buf_free(&blob);
    return ok;
}

void page_cache_keep(request_t *req, size_t from)
{
    if (!may_keep(req) || req->status != 200 || req->body.len > PAGE_BYTES_MAX || from > req->nheaders)
        return;
    buf_t blob = BUF_INIT;
    buf_puts(&blob, req->content_type ? req->content_type : "");
    buf_putc(&blob, '\0');
    buf_printf(&blob, "%zu", req->nheaders - from);
    buf_putc(&blob, '\0');
    for (size_t i = from; i < req->nheaders; i++) {
        buf_puts(&blob, req->headers[i][0]);
        buf_putc(&blob, '\0');
        buf_puts(&blob, req->headers[i][1]);
        buf_putc(&blob, '\0');
    }
    buf_append(&blob, req->body.len ? req->body.data : "", req->body.len);
    fragment_store(req, key_of(req), blob.data ? blob.data : "", blob.len);
    buf_free(&blob);
}
