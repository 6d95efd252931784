/* routes.c — route matching and declared-parameter validation. */
#include "routes.h"
#include "../base/buf.h"
#include "../base/text.h"
#include "../base/validate.h"
#include <stdlib.h>
#include <string.h>

const char *const routes_flag_choices[] = {"1", NULL};

/* Matches one pattern; on success args point at {segment} values copied into scratch. */
static bool match_pattern(const char *pattern, const char *path, char *scratch, const char **args)
{
    size_t nargs = 0;
    const char *p = pattern, *q = path;
    char *s = scratch;
    while (*p && *q) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            if (!close)
                return false;
            const char *end = strchr(q, '/');
            size_t n = end ? (size_t)(end - q) : strlen(q);
            if (n == 0 || nargs >= REQ_MAX_PATH_ARGS)
                return false;
            memcpy(s, q, n);
            s[n] = '\0';
            args[nargs++] = s;
            s += n + 1;
            p = close + 1;
            q += n;
        } else if (*p == *q) {
            p++, q++;
        } else {
            return false;
        }
    }
    return *p == '\0' && *q == '\0';
}

static int count_params(const char *pattern)
{
    int n = 0;
    for (; *pattern; pattern++)
        n += *pattern == '{';
    return n;
}

route_match_t routes_match(const route_t *table, const char *method, const char *path,
                           arena_t *a, const route_t **found, const char **path_args)
{
    size_t len = strlen(path);
    if (len > 1024)
        return ROUTE_NOT_FOUND;
    char scratch[1100], best_scratch[1100];
    const char *args[REQ_MAX_PATH_ARGS], *best_args[REQ_MAX_PATH_ARGS] = {0};
    const route_t *best = NULL;
    int best_params = 0;
    bool path_seen = false;
    bool head = strcmp(method, "HEAD") == 0;
    for (const route_t *r = table; r->method; r++) {
        memset(args, 0, sizeof args);
        if (!match_pattern(r->pattern, path, scratch, args))
            continue;
        path_seen = true;
        if (strcmp(r->method, method) != 0 && !(head && strcmp(r->method, "GET") == 0))
            continue;
        int np = count_params(r->pattern);
        if (best && np >= best_params)
            continue;
        best = r;
        best_params = np;
        /* Keep this match's arguments: they point into scratch, which the next try reuses. */
        memcpy(best_scratch, scratch, sizeof scratch);
        for (int i = 0; i < REQ_MAX_PATH_ARGS; i++)
            best_args[i] = args[i] ? best_scratch + (args[i] - scratch) : NULL;
    }
    if (!best)
        return path_seen ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
    *found = best;
    for (int i = 0; i < REQ_MAX_PATH_ARGS; i++)
        path_args[i] = arena_strdup(a, best_args[i]);
    return ROUTE_FOUND;
}

static bool text_acceptable(const char *s, bool multiline)
{
    if (!text_utf8_valid(s, strlen(s)))
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 && !(multiline && (*p == '\n' || *p == '\r' || *p == '\t')))
            return false;
        if (*p == 0x7F)
            return false;
    }
    return true;
}

const char *routes_check_value(arena_t *a, const param_spec_t *spec, const char *value, const char **out)
{
    const char *label = spec->label ? spec->label : spec->name;
    *out = value;
    if (spec->type == P_SECRET) {
        if (strlen(value) > 1024 || !text_utf8_valid(value, strlen(value)))
            return arena_printf(a, "%s är för långt eller innehåller otillåtna tecken.", label);
        return NULL;
    }
    if (!text_acceptable(value, spec->type == P_MULTILINE))
        return arena_printf(a, "%s innehåller otillåtna tecken.", label);
    char *trimmed = text_trim(arena_strdup(a, value));
    *out = trimmed;
    long long maxlen = spec->max > 0 && spec->type != P_INT ? spec->max : 2000;
    if ((long long)validate_utf8_length(trimmed) > maxlen)
        return arena_printf(a, "%s får vara högst %lld tecken.", label, maxlen);
    if (!*trimmed)
        return NULL;
    switch (spec->type) {
    case P_INT: {
        long long v;
        long long lo = spec->min, hi = spec->max ? spec->max : 1000000000LL;
        if (!validate_int(trimmed, lo, hi, &v))
            return arena_printf(a, "%s ska vara ett heltal mellan %lld och %lld.", label, lo, hi);
        *out = arena_printf(a, "%lld", v);
        return NULL;
    }
    case P_ORGNR: {
        char norm[11];
        if (!validate_orgnr(trimmed, norm))
            return arena_printf(a, "%s ska vara tio siffror med giltig kontrollsiffra, till exempel 212000-1561.", label);
        *out = arena_strdup(a, norm);
        return NULL;
    }
    case P_UNIT_CODE:
        if (!validate_unit_code(trimmed))
            return arena_printf(a, "%s ska vara en skolenhetskod med åtta siffror eller ett förskole-id med sex siffror.", label);
        return NULL;
    case P_EMAIL:
        if (!validate_email(trimmed))
            return arena_printf(a, "%s ska vara en e-postadress, till exempel namn@kommun.se.", label);
        return NULL;
    case P_DATE:
        if (!validate_date(trimmed))
            return arena_printf(a, "%s ska vara ett datum som 2017-11-02.", label);
        return NULL;
    case P_TIME:
        if (strlen(trimmed) != 5 || trimmed[2] != ':' || !text_is_digits(trimmed, 2) || !text_is_digits(trimmed + 3, 2) ||
            atoi(trimmed) > 23 || atoi(trimmed + 3) > 59)
            return arena_printf(a, "%s ska vara en tid som 09:30 (timmar 00–23, minuter 00–59).", label);
        return NULL;
    case P_CHOICE:
        for (const char *const *c = spec->choices; c && *c; c++)
            if (strcmp(*c, trimmed) == 0)
                return NULL;
        return arena_printf(a, "Välj ett av alternativen för %s.", label);
    default:
        return NULL;
    }
}

bool routes_validate(request_t *req, const route_t *route, const raw_param_t *raw, size_t nraw)
{
    req->nparams = 0;
    if (!route->params)
        return true;
    size_t path_i = 0;
    for (const param_spec_t *spec = route->params; spec->name && req->nparams < REQ_MAX_PARAMS; spec++) {
        const char *value = NULL;
        if (spec->flags & PARAM_PATH) {
            value = path_i < REQ_MAX_PATH_ARGS ? req->path_args[path_i++] : NULL;
        } else if (spec->type == P_FILE) {
            if ((spec->flags & PARAM_REQUIRED) && !req->upload.filename)
                req_add_error(req, spec->name, arena_printf(&req->arena, "Välj en fil för %s.",
                                                            spec->label ? spec->label : spec->name));
            continue;
        } else if (spec->flags & PARAM_MULTI) {
            /* Every value checked on its own; together they are one list "3,7,12". */
            buf_t joined = BUF_INIT;
            const char *bad = NULL;
            for (size_t i = 0; i < nraw && !bad; i++) {
                if (strcmp(raw[i].name, spec->name) != 0)
                    continue;
                const char *one = "";
                bad = routes_check_value(&req->arena, spec, raw[i].value, &one);
                if (!bad && *one)
                    buf_printf(&joined, "%s%s", joined.len ? "," : "", one);
            }
            if (bad)
                req_add_error(req, spec->name, bad);
            req->params[req->nparams].name = spec->name;
            req->params[req->nparams++].value = bad ? "" : arena_strdup(&req->arena, buf_cstr(&joined));
            buf_free(&joined);
            continue;
        } else {
            for (size_t i = 0; i < nraw; i++) {
                if (strcmp(raw[i].name, spec->name) == 0) {
                    value = raw[i].value;
                    break;
                }
            }
        }
        const char *norm = "";
        const char *msg = value ? routes_check_value(&req->arena, spec, value, &norm) : NULL;
        if (msg) {
            if (spec->flags & PARAM_PATH)
                return false;
            req_add_error(req, spec->name, msg);
            /* Keep what the user typed so the form can show it again (never secrets);
             * handlers of forms with errors re-render instead of acting. */
            norm = spec->type == P_SECRET ? "" : text_trim(arena_strdup(&req->arena, value));
        } else if (!value || !*norm) {
            /* absent or empty */
            norm = "";
            if (spec->flags & PARAM_PATH)
                return false;
            if (spec->flags & PARAM_REQUIRED)
                req_add_error(req, spec->name,
                              arena_printf(&req->arena, "%s måste fyllas i.", spec->label ? spec->label : spec->name));
        }
        req->params[req->nparams].name = spec->name;
        req->params[req->nparams].value = norm;
        req->params[req->nparams].in_path = (spec->flags & PARAM_PATH) != 0;
        req->nparams++;
    }
    return true;
}
