/* form.c — decoding a request's parameters (form.h). */
#include "form.h"
#include "../base/alloc.h"
#include "../base/vec.h"
#include "../io/tempfile.h"
#include <jansson.h>
#include <microhttpd.h>
#include <string.h>
#include <strings.h>

static enum MHD_Result on_post_data(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                    const char *content_type, const char *transfer_encoding, const char *data,
                                    uint64_t off, size_t size)
{
    (void)kind, (void)content_type, (void)transfer_encoding;
    form_t *f = cls;
    request_t *req = f->req;
    if (filename) {
        if (!req->upload.field) {
            if (!*filename)
                return MHD_YES; /* a file field left empty */
            req->upload.field = arena_strdup(&req->arena, key);
            req->upload.filename = arena_strdup(&req->arena, filename);
        }
        if (strcmp(req->upload.field, key) != 0 || f->upload_failed)
            return MHD_YES;
        if (!req->upload.file)
            req->upload.file = temp_file(); /* also for an empty file */
        if (!req->upload.file || (size && fwrite(data, 1, size, req->upload.file) != size))
            f->upload_failed = true;
        req->upload.size += size;
        return MHD_YES;
    }
    /* Fields other than the file are held in memory: a few of them, each short. */
    f->text_bytes += size;
    if (f->text_bytes > FORM_TEXT_LIMIT) {
        f->too_large = true;
        return MHD_YES;
    }
    /* A long value arrives in pieces with off > 0: they go to the same field. */
    if (off == 0 || f->nfields == 0 || strcmp(f->fields[f->nfields - 1].name, key) != 0) {
        if (f->nfields >= ROUTE_MAX_RAW_PARAMS) {
            f->too_many = true;
            return MHD_YES;
        }
        form_field_t *field = HEAP_PUSH(f->fields, f->nfields, f->cap);
        field->name = xstrdup(key);
        field->value = (buf_t)BUF_INIT;
        buf_reserve(&field->value, 0);
        field->value.data[0] = '\0';
    }
    buf_append(&f->fields[f->nfields - 1].value, data, size);
    return MHD_YES;
}

void form_begin(form_t *f, request_t *req, struct MHD_Connection *conn, bool api, const char *content_type,
                size_t limit)
{
    memset(f, 0, sizeof *f);
    f->req = req;
    f->limit = limit;
    if (api && content_type && strncasecmp(content_type, "application/json", 16) == 0)
        f->is_json = true;
    else if (conn)
        f->pp = MHD_create_post_processor(conn, 64 * 1024, on_post_data, f);
}

void form_feed(form_t *f, const char *data, size_t n)
{
    f->bytes += n;
    if (f->bytes > f->limit || (f->is_json && f->bytes > 1024 * 1024)) /* a JSON write is a handful of fields */
        f->too_large = true;
    if (f->too_large)
        return;
    if (f->is_json)
        buf_append(&f->json, data, n);
    else if (f->pp && MHD_post_process(f->pp, data, n) != MHD_YES)
        f->bad = true;
}

typedef struct raw_list {
    raw_param_t *items;
    size_t n, cap;
    arena_t *arena;
    bool too_many;
    const char *nul_field;      /* the first field that held a NUL byte */
} raw_list_t;

static void raw_add(raw_list_t *l, const char *name, const char *value)
{
    if (l->n >= ROUTE_MAX_RAW_PARAMS) {
        l->too_many = true;
        return;
    }
    raw_param_t *p = ARENA_PUSH(l->arena, l->items, l->n, l->cap);
    p->name = name;
    p->value = value;
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                                   const char *value, size_t value_size)
{
    (void)kind;
    raw_list_t *l = cls;
    if (!key)
        return MHD_YES;
    /* A NUL byte (%00) would cut the value short without anyone seeing it: refused. */
    if ((value && memchr(value, '\0', value_size)) || strlen(key) != key_size) {
        if (!l->nul_field)
            l->nul_field = arena_strndup(l->arena, key, strlen(key));
        return MHD_YES;
    }
    raw_add(l, arena_strdup(l->arena, key), arena_strdup(l->arena, value ? value : ""));
    return MHD_YES;
}

/* A JSON body's members as raw parameters, as if they were form fields: text as it is,
 * numbers as written, true as "1", false and null as absent, a list as the same name
 * repeated (for checkbox-like parameters). Returns the member that cannot be a field, or
 * NULL when every one can. */
static const char *json_to_raw(raw_list_t *l, json_t *obj)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        size_t n = json_is_array(v) ? json_array_size(v) : 1;
        for (size_t i = 0; i < n; i++) {
            json_t *one = json_is_array(v) ? json_array_get(v, i) : v;
            const char *text = NULL;
            if (json_is_string(one))
                text = arena_strndup(l->arena, json_string_value(one), json_string_length(one));
            else if (json_is_integer(one))
                text = arena_printf(l->arena, "%lld", (long long)json_integer_value(one));
            else if (json_is_real(one))
                text = arena_printf(l->arena, "%.15g", json_real_value(one));
            else if (json_is_true(one))
                text = "1";
            else if (json_is_false(one) || json_is_null(one))
                continue;
            else
                return key;
            raw_add(l, arena_strdup(l->arena, key), text);
        }
    }
    return NULL;
}

form_result_t form_params(form_t *f, struct MHD_Connection *conn)
{
    request_t *req = f->req;
    form_result_t r = {0};
    if (f->too_large) {
        r.status = 413;
        if (f->is_json)
            r.message = "JSON-kroppen är för stor (högst 1 MB).";
        else if (f->bytes > f->limit)
            r.message = arena_printf(&req->arena, "Filen eller formuläret är för stort: högst %zu MB tas emot.",
                                     f->limit >> 20);
        else
            r.message = "Formulärets textfält är för långa (högst 1 MB sammanlagt).";
        return r;
    }
    if (f->upload_failed) {
        r.status = 503;
        r.message = "Filen kunde inte tas emot: servern har inte plats för den just nu. Försök igen senare.";
        return r;
    }
    if (f->too_many) {
        r.status = 413;
        r.message = "Förfrågan har för många fält; högst 200 tas emot.";
        return r;
    }
    if (f->bad) {
        r.status = 400;
        r.message = "Formulärdata kunde inte läsas.";
        return r;
    }
    raw_list_t raw = {.arena = &req->arena};
    if (conn)
        MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, collect_arg, &raw);
    for (size_t i = 0; i < f->nfields; i++) {
        const buf_t *v = &f->fields[i].value;
        if (v->len && memchr(v->data, '\0', v->len) && !raw.nul_field)
            raw.nul_field = arena_strdup(&req->arena, f->fields[i].name);
        raw_add(&raw, f->fields[i].name, buf_cstr(v));
    }
    if (raw.nul_field) {
        const char *label = raw.nul_field;
        for (const param_spec_t *p = req->route ? req->route->params : NULL; p && p->name; p++)
            if (strcmp(p->name, raw.nul_field) == 0 && p->label)
                label = p->label;
        r.status = 400;
        r.field = raw.nul_field;
        r.message = arena_printf(&req->arena, "Fältet \"%s\" innehåller ett NUL-tecken (byte 0), som inte får "
                                              "förekomma i text; inget sparades.", label);
        return r;
    }
    if (f->is_json) {
        json_error_t jerr;
        json_t *body = json_loadb(f->json.data ? f->json.data : "", f->json.len, JSON_REJECT_DUPLICATES, &jerr);
        bool object = json_is_object(body);
        const char *bad = object ? arena_strdup(&req->arena, json_to_raw(&raw, body)) : NULL;
        json_decref(body);
        if (!object) {
            r.status = 400;
            r.message = body || f->json.len ? arena_printf(&req->arena, "JSON-kroppen kunde inte läsas (rad %d, tecken %d): %s",
                                                           jerr.line, jerr.column, jerr.text)
                                            : "JSON-kroppen är tom.";
            if (body)
                r.message = "JSON-kroppen ska vara ett objekt med fälten som egenskaper.";
            return r;
        }
        if (bad) {
            r.status = 400;
            r.field = bad;
            r.message = arena_printf(&req->arena, "Fältet %s ska vara text, ett tal, true/false eller en lista.", bad);
            return r;
        }
    }
    if (raw.too_many) {
        r.status = 413;
        r.message = "Förfrågan har för många fält; högst 200 tas emot.";
        return r;
    }
    r.params = raw.items;
    r.nparams = raw.n;
    return r;
}

void form_free(form_t *f)
{
    if (f->pp)
        MHD_destroy_post_processor(f->pp);
    for (size_t i = 0; i < f->nfields; i++) {
        free(f->fields[i].name);
        buf_free(&f->fields[i].value);
    }
    free(f->fields);
    buf_free(&f->json);
    memset(f, 0, sizeof *f);
}
