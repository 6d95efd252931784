/* api.h — the JSON API's one style, for every area: one function sends JSON; every list
 * has the same envelope {"items", "total", "page", "per_page", "next"}; times are ISO 8601
 * strings with their offset; empty values are null; text is UTF-8 as it is; numbers are
 * written as the value they are (at most 15 significant digits). Errors are sent by
 * respond_error as {"error": {"code", "message", "field"}}. */
#ifndef SV_HTTP_API_H
#define SV_HTTP_API_H
#include "request.h"
#include <jansson.h>

enum { API_PER_PAGE = 100, API_MAX_PER_PAGE = 500 };

/* Sends j (takes the reference) with the status. */
int api_send(request_t *req, int status, json_t *j);
/* Sends a page of a list: items (taken) are the page's rows; total counts every row.
 * "next" is the same address with the next page, or null on the last. */
int api_send_list(request_t *req, json_t *items, long long total, long long page, long long per_page);
/* The same envelope as an object, for a list that carries more beside it. */
json_t *api_list_json(request_t *req, json_t *items, long long total, long long page, long long per_page);
/* The page and per_page the request asks for (defaults 1 and API_PER_PAGE). */
void api_paging(const request_t *req, long long *page, long long *per_page);
/* The page of an n-row list the request asks for: rows [from, to). */
typedef struct api_page {
    long long page, per_page;
    size_t from, to, n;
} api_page_t;
api_page_t api_page(const request_t *req, size_t n);
/* Sends items (the page's rows, taken) in the list envelope of pg's list. */
int api_send_page(request_t *req, json_t *items, const api_page_t *pg);

/* Values, with null for what is empty. */
json_t *api_text(const char *s);          /* NULL or "" → null */
json_t *api_time(int64_t epoch);          /* 0 → null; "2026-12-02T06:23:56+01:00" */
json_t *api_real(double v);               /* NaN → null */
json_t *api_ref(int64_t id);              /* 0 → null */
/* A comma-separated list ("a, b") as an array of its trimmed items. */
json_t *api_split(const char *list, const char *sep);

#endif
