/* form.h — a request's parameters as the client sent them: the query string, and the body
 * as form fields (urlencoded or multipart, decoded by libmicrohttpd's post processor, one
 * file kept as the upload) or, for the API, one JSON object whose members stand for
 * fields. The server and the form fuzzer use this same decoder. */
#ifndef SV_HTTP_FORM_H
#define SV_HTTP_FORM_H
#include "routes.h"
#include <stdbool.h>
#include <stddef.h>

struct MHD_Connection;
struct MHD_PostProcessor;

typedef struct form_field {
    char *name;
    buf_t value;
} form_field_t;

typedef struct form {
    request_t *req;               /* the upload goes to req->upload */
    struct MHD_PostProcessor *pp;
    form_field_t *fields;
    size_t nfields, cap;
    buf_t json;                   /* a JSON body, read whole */
    bool is_json;
    size_t bytes;
    size_t limit;                 /* the largest body accepted */
    size_t text_bytes;            /* the fields other than the file */
    bool too_large, too_many, bad;
    bool upload_failed;           /* the temporary file could not be written */
} form_t;

/* The most the fields other than a file may hold together. */
#define FORM_TEXT_LIMIT ((size_t)1 << 20)

/* Prepares to read a request's body: JSON when the route is the API's and the client says
 * so, otherwise form fields. */
void form_begin(form_t *f, request_t *req, struct MHD_Connection *conn, bool api, const char *content_type,
                size_t limit);
/* Feeds the next part of the body. */
void form_feed(form_t *f, const char *data, size_t n);

typedef struct form_result {
    raw_param_t *params;
    size_t nparams;
    int status;                   /* 0: read; 400 or 413 with message (and field) otherwise */
    const char *message, *field;
} form_result_t;
/* The raw parameters: the query string's (from the connection, when there is one), then the
 * body's; allocated in the request's arena. */
form_result_t form_params(form_t *f, struct MHD_Connection *conn);
void form_free(form_t *f);

/* The database is away: 503 with a Retry-After; a posted form comes back with what was
 * typed in it (secrets and files excepted). Lives in respond.c with the other renderers. */
void respond_unavailable(request_t *req, const raw_param_t *params, size_t nparams);
/* The same page for any status and message: the posted form back with what was typed
 * (an error answer for the API, a GET, or an empty form). */
void respond_form_back(request_t *req, int status, const char *title, const char *msg, const raw_param_t *params,
                       size_t nparams);

#endif
