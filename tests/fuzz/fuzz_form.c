/* fuzz_form.c — libFuzzer target: a request body as any client could send it, read by the
 * server's own decoder (form.c: libmicrohttpd's post processor for urlencoded and
 * multipart bodies, jansson for the API's JSON) inside a real libmicrohttpd daemon in this
 * process, then validated against a route's declared parameters of every type. The first
 * byte of an input picks the body's kind; the rest is the body. */
#include "http/form.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *const choices[] = {"kommunal", "enskild", NULL};
static const param_spec_t specs[] = {
    {"q", P_SEARCH, 0, "Sök", 0, 100, NULL},
    {"kind", P_CHOICE, 0, "Typ", 0, 0, choices},
    {"page", P_INT, 0, "Sida", 1, 100000, NULL},
    {"orgnr", P_ORGNR, 0, "Organisationsnummer", 0, 0, NULL},
    {"code", P_UNIT_CODE, 0, "Enhetskod", 0, 0, NULL},
    {"email", P_EMAIL, PARAM_REQUIRED, "E-post", 0, 254, NULL},
    {"date", P_DATE, 0, "Datum", 0, 0, NULL},
    {"notes", P_MULTILINE, 0, "Anteckningar", 0, 5000, NULL},
    {"ids", P_INT, PARAM_MULTI, "Val", 1, 1000000000, NULL},
    {"password", P_SECRET, 0, "Lösenord", 0, 0, NULL},
    {"file", P_FILE, 0, "Fil", 0, 0, NULL},
    {NULL, 0, 0, NULL, 0, 0, NULL},
};
static int dummy(request_t *req) { (void)req; return 200; }
static const route_t route = {"POST", "/f", dummy, 0, ROUTE_FORM | ROUTE_API, specs};

typedef struct state {
    request_t req;
    form_t form;
} state_t;

/* The invariants of a validated request, whatever was sent. */
static void check(const request_t *req)
{
    if (req->nparams > REQ_MAX_PARAMS || req->nerrors > REQ_MAX_ERRORS)
        abort();
    for (size_t i = 0; i < req->nparams; i++) {
        const char *v = req->params[i].value;
        if (!v || !req->params[i].name)
            abort();
        for (size_t k = 0; k < req->nerrors; k++)
            if (!req->errors[k].message || !*req->errors[k].message)
                abort();
        /* A value without an error passed its check: an int is digits, a choice a choice. */
        bool failed = false;
        for (size_t k = 0; k < req->nerrors; k++)
            failed = failed || strcmp(req->errors[k].field, req->params[i].name) == 0;
        if (!failed && strcmp(req->params[i].name, "kind") == 0 && *v && strcmp(v, "kommunal") != 0 &&
            strcmp(v, "enskild") != 0)
            abort();
        if (!failed && strcmp(req->params[i].name, "page") == 0)
            for (const char *p = v; *p; p++)
                if (*p < '0' || *p > '9')
                    abort();
    }
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *data, size_t *size, void **con_cls)
{
    (void)cls, (void)url, (void)method, (void)version;
    state_t *s = *con_cls;
    if (!s) {
        s = calloc(1, sizeof *s);
        *con_cls = s;
        s->req.conn = conn;
        s->req.route = &route;
        const char *type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
        form_begin(&s->form, &s->req, conn, true, type, 1 << 20);
        return MHD_YES;
    }
    if (*size) {
        form_feed(&s->form, data, *size);
        *size = 0;
        return MHD_YES;
    }
    form_result_t r = form_params(&s->form, conn);
    if (!r.status) {
        routes_validate(&s->req, &route, r.params, r.nparams);
        check(&s->req);
    } else if (!r.message) {
        abort();
    }
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ret = MHD_queue_response(conn, r.status ? (unsigned)r.status : 200u, resp);
    MHD_destroy_response(resp);
    return ret;
}

static void on_done(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)conn, (void)toe;
    state_t *s = *con_cls;
    if (!s)
        return;
    form_free(&s->form);
    if (s->req.upload.file)
        fclose(s->req.upload.file);
    arena_free(&s->req.arena);
    free(s);
    *con_cls = NULL;
}

static uint16_t port;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL, on_request, NULL,
                                            MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
                                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)256 * 1024, MHD_OPTION_END);
    if (!d)
        abort();
    port = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT)->port;
    return 0; /* the daemon lives as long as the fuzzer */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char *const types[] = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=B",
                                        "application/json"};
    const char *type = types[data[0] % 3];
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0)
        abort();
    char head[256];
    int n = snprintf(head, sizeof head,
                     "POST /f HTTP/1.1\r\nHost: f\r\nContent-Type: %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
                     type, size - 1);
    if (write(fd, head, (size_t)n) != n || (size > 1 && write(fd, data + 1, size - 1) != (ssize_t)(size - 1))) {
        close(fd);
        return 0;
    }
    char buf[4096];
    while (read(fd, buf, sizeof buf) > 0)
        ; /* until the daemon has answered and closed */
    close(fd);
    return 0;
}
