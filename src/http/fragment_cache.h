/* fragment_cache.h — parts of pages kept between requests. A fragment is stored under a
 * key that names everything it depends on besides the data (the part, the viewer, the
 * day: fragment_key builds it) and the data generation it was rendered in; it is served
 * only in that same generation, so any committed change to the data (db_generation) makes
 * every fragment stale at once. A fragment never holds a form's CSRF token or anything
 * else tied to the session rather than to the viewer.
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
/* "<part>|<user>|<role>|<organiser>|<unit>|<university>|<today>" in the request's arena. */
const char *fragment_key(request_t *req, const char *part);
/* Appends the fragment to req->body and returns true when one of this generation exists. */
bool fragment_get(request_t *req, const char *key);
/* Stores req->body from byte `from` on as the fragment under key, in this generation. */
void fragment_put(request_t *req, const char *key, size_t from);
/* Renders a part through the cache: served from it, or rendered by render and stored. */
void fragment_render(request_t *req, const char *part, void (*render)(request_t *req));

#endif
