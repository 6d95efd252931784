/* openapi.h — the API's description (/api/openapi.json), built from the route table and
 * each area's fragment (src/AREA/openapi.json): the parameters, the statuses that access,
 * validation and limits give, and the security come from the routes themselves; the
 * summaries, tags and response schemas from the fragments. So what is described is what
 * the server declares. */
#ifndef SV_APP_OPENAPI_H
#define SV_APP_OPENAPI_H
#include "../http/routes.h"
#include <jansson.h>

/* The whole description (built once; the caller must not change it). */
const json_t *openapi_document(void);
/* The API routes that have no operation in any fragment, as "GET /api/v1/…" lines (for
 * the tests); NULL when every route is described. Malloc'd. */
char *openapi_missing(void);

extern const route_t openapi_routes[];

#endif
