/* fragment_cache.h — parts of pages kept between requests. A fragment is stored under a
 * key that names everything it depends on besides the data (the part, the viewer, the
 * day) and the data generation it was rendered in; it is served
 * only in that same generation, so any committed change to the data (db_generation) makes
 * every fragment stale at once. A start-page part kept per viewer never holds a form's
 * CSRF token or anything else tied to the session; whole answers (page_cache.h) are kept
 * per session, so the token in them is that session's own.
 *
 * SAMVERKAN_CACHE=off turns the cache off (every fragment is rendered anew), which the
 * benchmarks use to measure the work the cache saves and the tests to compare. */
#ifndef SV_FRAGMENT_CACHE_H
#define SV_FRAGMENT_CACHE_H
#include "request.h"
#include <stdbool.h>

/* Bytes kept under key in this request's data generation: appended to out when there (true). */
bool fragment_fetch(request_t *req, const char *key, buf_t *out);
void fragment_store(request_t *req, const char *key, const char *data, size_t len);
/* Renders a part through the cache, kept per viewer (user, role, organiser, unit,
 * university) and day: served from it, or rendered by render and stored. */
void fragment_render(request_t *req, const char *part, void (*render)(request_t *req));

#endif
