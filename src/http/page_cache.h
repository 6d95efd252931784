/* page_cache.h — whole answers to GET requests of routes marked ROUTE_KEPT, kept per
 * session (so a form's CSRF token in them is the session's own) for the day and the data
 * generation they were made in (fragment_cache.h): a second look at a page, before
 * anyone changes anything, costs the session check and one read of the generation. */
#ifndef SV_PAGE_CACHE_H
#define SV_PAGE_CACHE_H
#include "request.h"
#include <stdbool.h>

/* Answers req from the cache (status, type, the handler's headers after the first
 * `from` already set, and body) when it may and can. */
bool page_cache_serve(request_t *req, size_t from);
/* Keeps the answer the handler made (its headers from index `from` on), when the request
 * may be kept and succeeded. */
void page_cache_keep(request_t *req, size_t from);

#endif
