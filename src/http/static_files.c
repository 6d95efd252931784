/* static_files.c — serving the embedded assets. */
#include "static_files.h"
#include "../base/alloc.h"
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef struct embedded_file {
    const char *name;
    const unsigned char *data;
    size_t size;
} embedded_file_t;

/* Generated from static/ by the Makefile. */
extern const embedded_file_t static_embedded[];
extern const size_t static_embedded_count;

static static_file_t *files;
static pthread_once_t files_once = PTHREAD_ONCE_INIT;

static const char *type_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot)
        return "application/octet-stream";
    if (strcmp(dot, ".css") == 0) return "text/css; charset=utf-8";
    if (strcmp(dot, ".js") == 0) return "text/javascript; charset=utf-8";
    if (strcmp(dot, ".svg") == 0) return "image/svg+xml";
    if (strcmp(dot, ".png") == 0) return "image/png";
    if (strcmp(dot, ".json") == 0) return "application/json";
    return "application/octet-stream";
}

static void build_index(void)
{
    files = xcalloc(static_embedded_count + 1, sizeof *files);
    for (size_t i = 0; i < static_embedded_count; i++) {
        const embedded_file_t *e = &static_embedded[i];
        uint64_t h = 1469598103934665603ull;
        for (size_t k = 0; k < e->size; k++)
            h = (h ^ e->data[k]) * 1099511628211ull;
        char *etag = xmalloc(17);
        snprintf(etag, 17, "%016llx", (unsigned long long)h);
        files[i] = (static_file_t){e->name, type_of(e->name), e->data, e->size, etag};
    }
}

const static_file_t *static_find(const char *name)
{
    pthread_once(&files_once, build_index);
    for (size_t i = 0; i < static_embedded_count; i++)
        if (strcmp(files[i].name, name) == 0)
            return &files[i];
    return NULL;
}

static int static_serve(request_t *req)
{
    const static_file_t *f = static_find(req->path_args[0] ? req->path_args[0] : "");
    if (!f)
        return respond_error(req, 404, "Filen finns inte.");
    char *etag = arena_printf(&req->arena, "\"%s\"", f->etag);
    req->cacheable = true;
    req_add_header(req, "Cache-Control", "public, max-age=31536000, immutable");
    req_add_header(req, "ETag", etag);
    const char *inm = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "If-None-Match");
    req->content_type = f->content_type;
    if (inm && strcmp(inm, etag) == 0) {
        req->status = 304;
        return 304;
    }
    buf_append(&req->body, (const char *)f->data, f->size);
    req->status = 200;
    return 200;
}

static const param_spec_t p_static[] = {{"file", P_TEXT, PARAM_PATH, "Fil", 0, 100, NULL}, PARAM_END};

const route_t static_routes[] = {
    {"GET", "/static/{file}", static_serve, CAP_NONE, ROUTE_PUBLIC | ROUTE_NO_DB, p_static},
    {NULL, NULL, NULL, 0, 0, NULL},
};
