/* static_files.h — the static assets, embedded in the binary at build time. */
#ifndef SV_STATIC_FILES_H
#define SV_STATIC_FILES_H
#include "routes.h"
#include <stddef.h>

typedef struct static_file {
    const char *name;
    const char *content_type;
    const unsigned char *data;
    size_t size;
    const char *etag; /* a short hash of the contents, also the ?v= of asset URLs */
} static_file_t;

const static_file_t *static_find(const char *name);
/* GET /static/{name}: long-lived caching, ETag, 304 on If-None-Match. */
extern const route_t static_routes[];

#endif
