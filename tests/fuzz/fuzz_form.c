/* fuzz_form.c — libFuzzer target: form data as a browser would send it
 * (application/x-www-form-urlencoded) is decoded and run through the route table's
 * parameter validation for every parameter type. */
#include "http/routes.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
    {"password", P_SECRET, 0, "Lösenord", 0, 0, NULL},
    {NULL, 0, 0, NULL, 0, 0, NULL},
};
static int dummy(request_t *req) { (void)req; return 200; }
static const route_t route = {"POST", "/f", dummy, 0, ROUTE_FORM, specs};

static int hex(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes one urlencoded component in place-free fashion into the arena. */
static char *decode(arena_t *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            out[k++] = ' ';
        } else if (s[i] == '%' && i + 2 < n + 0 && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out[k++] = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out[k++] = s[i];
        }
    }
    out[k] = '\0';
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    request_t req;
    memset(&req, 0, sizeof req);
    raw_param_t raw[32];
    size_t nraw = 0;
    const char *s = (const char *)data, *end = s + size;
    while (s < end && nraw < 32) {
        const char *amp = memchr(s, '&', (size_t)(end - s));
        const char *stop = amp ? amp : end;
        const char *eqs = memchr(s, '=', (size_t)(stop - s));
        const char *kend = eqs ? eqs : stop;
        raw[nraw].name = decode(&req.arena, s, (size_t)(kend - s));
        raw[nraw].value = eqs ? decode(&req.arena, eqs + 1, (size_t)(stop - eqs - 1)) : "";
        nraw++;
        s = amp ? amp + 1 : end;
    }
    routes_validate(&req, &route, raw, nraw);
    for (size_t i = 0; i < req.nparams; i++)
        if (!req.params[i].value)
            abort();
    arena_free(&req.arena);
    return 0;
}
