/* openapi.c — the API description, assembled once from the routes and the fragments. */
#include "openapi.h"
#include "area.h"
#include "../base/buf.h"
#include "../http/api.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct embedded_file {
    const char *name;
    const unsigned char *data;
    size_t size;
} embedded_file_t;
/* Generated from src/AREA/openapi.json by the Makefile (name: the area's folder). */
extern const embedded_file_t api_fragments[];
extern const size_t api_fragments_count;

static json_t *doc;
static char *doc_text; /* the document as sent, serialised once */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static json_t *error_response(const char *description)
{
    return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", description, "content", "application/json", "schema",
                     "$ref", "#/components/schemas/Error");
}

/* A parameter's schema from its declaration. */
static json_t *param_schema(const param_spec_t *p)
{
    json_t *s;
    switch (p->type) {
    case P_INT:
        s = json_pack("{s:s, s:I, s:I}", "type", "integer", "minimum", (json_int_t)p->min, "maximum",
                      (json_int_t)(p->max ? p->max : 1000000000));
        break;
    case P_DATE:
        s = json_pack("{s:s, s:s}", "type", "string", "format", "date");
        break;
    case P_TIME:
        s = json_pack("{s:s, s:s}", "type", "string", "pattern", "^([01][0-9]|2[0-3]):[0-5][0-9]$");
        break;
    case P_EMAIL:
        s = json_pack("{s:s, s:s, s:I}", "type", "string", "format", "email", "maxLength",
                      (json_int_t)(p->max ? p->max : 254));
        break;
    case P_ORGNR:
        s = json_pack("{s:s, s:s}", "type", "string", "pattern", "^[0-9]{6}-?[0-9]{4}$");
        break;
    case P_UNIT_CODE:
        s = json_pack("{s:s, s:s}", "type", "string", "pattern", "^([0-9]{6}|[0-9]{8})$");
        break;
    case P_CHOICE: {
        json_t *e = json_array();
        for (const char *const *c = p->choices; c && *c; c++)
            json_array_append_new(e, json_string(*c));
        s = json_pack("{s:s, s:o}", "type", "string", "enum", e);
        break;
    }
    case P_SECRET:
        s = json_pack("{s:s, s:I}", "type", "string", "maxLength", (json_int_t)1024);
        break;
    default:
        s = json_pack("{s:s, s:I}", "type", "string", "maxLength", (json_int_t)(p->max > 0 ? p->max : 2000));
        break;
    }
    if (p->flags & PARAM_MULTI)
        s = json_pack("{s:s, s:o}", "type", "array", "items", s);
    return s;
}

static json_t *find_operation(const char *path, const char *method)
{
    for (size_t i = 0; i < api_fragments_count; i++) {
        json_t *frag = json_loadb((const char *)api_fragments[i].data, api_fragments[i].size, 0, NULL);
        json_t *op = json_object_get(json_object_get(json_object_get(frag, "paths"), path), method);
        json_t *copy = op ? json_deep_copy(op) : NULL;
        json_decref(frag);
        if (copy)
            return copy;
    }
    return NULL;
}

static void lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s + 32);
}

/* A list's envelope around rows of a schema ("x-list": "#/components/schemas/Case"). */
static json_t *list_schema(const char *ref)
{
    return json_pack("{s:s, s:[s,s,s,s,s], s:b, s:{s:{s:s, s:{s:s}}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:[s,s]}}}", "type",
                     "object", "required", "items", "total", "page", "per_page", "next", "additionalProperties", 0,
                     "properties", "items", "type", "array", "items", "$ref", ref, "total", "type", "integer", "page",
                     "type", "integer", "per_page", "type", "integer", "next", "type", "string", "null");
}

static void describe_route(json_t *paths, const route_t *r)
{
    const char *path = r->pattern + strlen("/api/v1");
    char method[8];
    snprintf(method, sizeof method, "%s", r->method);
    lower(method);
    json_t *op = find_operation(path, method);
    if (!op)
        return;
    json_t *responses = json_object_get(op, "responses");
    if (!responses) {
        responses = json_object();
        json_object_set_new(op, "responses", responses);
    }
    /* Lists share one envelope. */
    json_t *ok = json_object_get(responses, "200");
    const char *list = json_string_value(json_object_get(ok, "x-list"));
    if (list) {
        json_t *extra = json_object_get(ok, "x-list-extra"); /* properties beside the envelope */
        json_t *schema = list_schema(list);
        if (extra) {
            const char *k;
            json_t *v;
            json_object_foreach(extra, k, v) {
                json_object_set(json_object_get(schema, "properties"), k, v);
                json_array_append_new(json_object_get(schema, "required"), json_string(k));
            }
        }
        json_object_set_new(ok, "content", json_pack("{s:{s:o}}", "application/json", "schema", schema));
        json_object_del(ok, "x-list");
        json_object_del(ok, "x-list-extra");
    }
    json_t *params = json_array(), *body_props = json_object(), *required = json_array();
    bool path_params = false, other_params = false;
    for (const param_spec_t *p = r->params; p && p->name; p++) {
        if (p->type == P_FILE)
            continue;
        json_t *schema = param_schema(p);
        if (p->flags & PARAM_PATH) {
            path_params = true;
            json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:s, s:o}", "name", p->name, "in", "path",
                                                    "required", 1, "description", p->label ? p->label : p->name,
                                                    "schema", schema));
            continue;
        }
        other_params = true;
        if (strcmp(r->method, "GET") == 0) {
            json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:s, s:o}", "name", p->name, "in", "query",
                                                    "required", (p->flags & PARAM_REQUIRED) != 0, "description",
                                                    p->label ? p->label : p->name, "schema", schema));
        } else {
            json_object_set_new(schema, "description", json_string(p->label ? p->label : p->name));
            json_object_set_new(body_props, p->name, schema);
            if (p->flags & PARAM_REQUIRED)
                json_array_append_new(required, json_string(p->name));
        }
    }
    json_object_set_new(op, "parameters", params);
    if (strcmp(r->method, "POST") == 0) {
        json_t *body = json_pack("{s:s, s:O, s:O, s:b}", "type", "object", "properties", body_props, "required",
                                 required, "additionalProperties", 0);
        json_object_set_new(op, "requestBody",
                            json_pack("{s:b, s:{s:{s:O}, s:{s:O}}}", "required", 1, "content", "application/json",
                                      "schema", body, "application/x-www-form-urlencoded", "schema", body));
        json_decref(body);
    }
    json_decref(body_props);
    json_decref(required);
    /* The statuses the platform gives before and around the handler. */
    if (other_params || strcmp(r->method, "POST") == 0)
        json_object_set_new(responses, "400", error_response("Ett fält eller en parameter är ogiltig (field namnger den)."));
    if (!(r->flags & ROUTE_PUBLIC)) {
        json_object_set_new(responses, "401", error_response("Ingen giltig session eller API-nyckel."));
        unsigned all = access_roles(CAP_SIGNED_IN);
        if ((access_roles(r->cap) & all) != all)
            json_object_set_new(responses, "403", error_response("Rollen har inte behörighet."));
        json_t *roles = json_array();
        for (int role = ROLE_ADMIN; role < ROLE_COUNT; role++)
            if (access_roles(r->cap) & ROLE_BIT(role))
                json_array_append_new(roles, json_string(role_key((role_t)role)));
        json_object_set_new(op, "x-roles", roles);
        json_object_set_new(op, "security", json_pack("[{s:[]}, {s:[]}]", "session", "bearer"));
    } else {
        json_object_set_new(op, "security", json_array());
    }
    if (path_params)
        json_object_set_new(responses, "404", error_response("Finns inte, eller ligger utanför användarens räckvidd."));
    json_object_set_new(responses, "413", error_response("För många fält eller för stor kropp."));
    json_t *item = json_object_get(paths, path);
    if (!item) {
        item = json_object();
        json_object_set_new(paths, path, item);
    }
    json_object_set_new(item, method, op);
}

static void build(void)
{
    doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:[], s:{}, s:{s:{s:{s:s, s:s, s:s}, s:{s:s, s:s}}, s:{}}}",
                    "openapi", "3.1.0", "info", "title", "Samverkan API", "version", "1", "description",
                    "Samverkan för bästa skola: registret, urvalet och ärendena. Autentisering med sessionskaka eller "
                    "'Authorization: Bearer TOKEN' (samverkan token create). Samma behörighetsregler som i "
                    "webbgränssnittet: ett objekt utanför användarens räckvidd svarar 404. Listor har formen "
                    "{items, total, page, per_page, next}; tider är ISO 8601 med tidszon; tomma värden är null. "
                    "Skrivningar tar JSON eller formulär och svarar med objektet som skrevs.",
                    "servers", "url", "/api/v1", "tags", "paths", "components", "securitySchemes", "session", "type",
                    "apiKey", "in", "cookie", "name", "sv_session", "bearer", "type", "http", "scheme", "bearer",
                    "schemas");
    json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
    json_object_set_new(schemas, "Error",
                        json_pack("{s:s, s:[s], s:b, s:{s:{s:s, s:[s,s,s], s:b, s:{s:{s:s}, s:{s:s}, s:{s:[s,s]}}}}}",
                                  "type", "object", "required", "error", "additionalProperties", 0, "properties",
                                  "error", "type", "object", "required", "code", "message", "field",
                                  "additionalProperties", 0, "properties", "code", "type", "string", "message", "type",
                                  "string", "field", "type", "string", "null"));
    for (size_t i = 0; i < api_fragments_count; i++) {
        json_t *frag = json_loadb((const char *)api_fragments[i].data, api_fragments[i].size, 0, NULL);
        json_object_update(schemas, json_object_get(json_object_get(frag, "components"), "schemas"));
        json_array_extend(json_object_get(doc, "tags"), json_object_get(frag, "tags"));
        json_decref(frag);
    }
    json_t *paths = json_object_get(doc, "paths");
    for (const route_t *r = areas_routes(); r->method; r++)
        if ((r->flags & ROUTE_API) && strncmp(r->pattern, "/api/v1/", 8) == 0)
            describe_route(paths, r);
    doc_text = json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(15));
}

const json_t *openapi_document(void)
{
    pthread_once(&once, build);
    return doc;
}

char *openapi_missing(void)
{
    buf_t out = BUF_INIT;
    for (const route_t *r = areas_routes(); r->method; r++) {
        if (!(r->flags & ROUTE_API) || strncmp(r->pattern, "/api/v1/", 8) != 0)
            continue;
        char method[8];
        snprintf(method, sizeof method, "%s", r->method);
        lower(method);
        json_t *op = find_operation(r->pattern + strlen("/api/v1"), method);
        if (!op)
            buf_printf(&out, "%s %s\n", r->method, r->pattern);
        json_decref(op);
    }
    size_t n;
    char *s = buf_steal(&out, &n);
    if (!n) {
        free(s);
        return NULL;
    }
    return s;
}

static int serve(request_t *req)
{
    openapi_document();
    buf_puts(&req->body, doc_text ? doc_text : "{}");
    buf_putc(&req->body, '\n');
    req->content_type = "application/json; charset=utf-8";
    return req->status = 200;
}

static const param_spec_t p_none[] = {PARAM_END};

const route_t openapi_routes[] = {
    {"GET", "/api/openapi.json", serve, CAP_NONE, ROUTE_PUBLIC | ROUTE_API, p_none},
    {NULL, NULL, NULL, 0, 0, NULL},
};
