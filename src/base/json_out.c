/* json_out.c — compact JSON written into a buffer (json_out.h). */
#include "json_out.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

void json_out_begin(buf_t *b) { buf_putc(b, '{'); }
void json_out_end(buf_t *b) { buf_putc(b, '}'); }

void json_out_key(buf_t *b, const char *key)
{
    if (b->len && b->data[b->len - 1] != '{')
        buf_putc(b, ',');
    json_out_string(b, key);
    buf_putc(b, ':');
}

void json_out_string(buf_t *b, const char *s)
{
    if (!s) {
        buf_puts(b, "null");
        return;
    }
    buf_putc(b, '"');
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x20 && *p != '"' && *p != '\\')
            continue;
        buf_append(b, run, (size_t)((const char *)p - run));
        run = (const char *)p + 1;
        switch (*p) {
        case '"': buf_puts(b, "\\\""); break;
        case '\\': buf_puts(b, "\\\\"); break;
        case '\b': buf_puts(b, "\\b"); break;
        case '\f': buf_puts(b, "\\f"); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\r': buf_puts(b, "\\r"); break;
        case '\t': buf_puts(b, "\\t"); break;
        default: buf_printf(b, "\\u%04X", *p);
        }
    }
    buf_puts(b, run);
    buf_putc(b, '"');
}

void json_out_int(buf_t *b, int64_t v)
{
    char s[24];
    int n = snprintf(s, sizeof s, "%lld", (long long)v);
    buf_append(b, s, (size_t)n);
}

void json_out_real(buf_t *b, double v)
{
    /* A whole number below 2^53 is printed without the costly %.17g, the way jansson
     * prints it: digits and ".0". */
    if (isfinite(v) && v == floor(v) && fabs(v) < 9007199254740992.0 && !(v == 0 && signbit(v))) {
        json_out_int(b, (int64_t)v);
        buf_puts(b, ".0");
        return;
    }
    if (!isfinite(v)) {
        buf_puts(b, "null"); /* jansson holds no such number either */
        return;
    }
    char s[40];
    int n = snprintf(s, sizeof s, "%.17g", v); /* at most 24 characters */
    if (!strpbrk(s, ".e"))
        snprintf(s + n, sizeof s - (size_t)n, ".0");
    /* As jansson: no '+' and no leading zeros in the exponent (1e+100 is 1e100, 1e-05 1e-5). */
    char *e = strchr(s, 'e');
    if (e) {
        char *from = e + 1, *to = e + 1;
        if (*from == '+')
            from++;
        else if (*from == '-')
            from++, to++;
        while (*from == '0' && from[1])
            from++;
        memmove(to, from, strlen(from) + 1);
    }
    buf_puts(b, s);
}

void json_out_key_string(buf_t *b, const char *key, const char *s)
{
    json_out_key(b, key);
    json_out_string(b, s);
}
