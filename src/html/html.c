/* html.c — escaping output functions, one per context. */
#include "html.h"
#include "../base/fmt.h"
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void html_text_n(buf_t *o, const char *s, size_t n)
{
    if (!s)
        return;
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_append(o, s + start, i - start);
        buf_puts(o, rep);
        start = i + 1;
    }
    buf_append(o, s + start, n - start);
}

void html_text(buf_t *o, const char *s)
{
    if (s)
        html_text_n(o, s, strlen(s));
}

void html_url(buf_t *o, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            buf_putc(o, (char)*p);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_append(o, e, 3);
        }
    }
}

void html_lit_(buf_t *o, const char *markup)
{
    buf_puts(o, markup);
}

void html_int(buf_t *o, int64_t v)
{
    fmt_int_sv(o, v);
}

void html_decimal(buf_t *o, double v, int decimals)
{
    fmt_decimal_sv(o, v, decimals);
}

void html_js_string(buf_t *o, const char *s)
{
    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == '"' || *p == '\'' || *p == '\\' || *p == '<' || *p == '>' || *p == '&')
            buf_printf(o, "\\u%04x", *p);
        else
            buf_putc(o, (char)*p);
    }
}

/* The length of s cut to at most max bytes without splitting a UTF-8 sequence. */
static size_t utf8_prefix(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* The numeric conversions below print with a specification rebuilt here from the
 * parsed one (flags, width, precision, length and conversion only), never with text
 * from a caller, so a non-literal format is safe. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void html_vprintf(buf_t *o, const char *fmt, va_list ap)
{
    const char *p = fmt;
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            buf_puts(o, p);
            return;
        }
        buf_append(o, p, (size_t)(pct - p));
        p = pct + 1;
        if (*p == '%') {
            buf_putc(o, '%');
            p++;
            continue;
        }
        /* One conversion specification: flags, width, precision (either may be '*'),
         * length. Numbers are handed to printf with the same specification; strings are
         * cut and padded here, then escaped. */
        char spec[32];
        size_t k = 0;
        spec[k++] = '%';
        bool left = false;
        while (*p && strchr("-+ #0", *p)) {
            left = left || *p == '-';
            if (k < 8)
                spec[k++] = *p;
            p++;
        }
        int width = -1, prec = -1;
        if (*p == '*') {
            width = va_arg(ap, int);
            if (width < 0) {
                left = true;
                width = -width;
            }
            p++;
        } else if (*p >= '0' && *p <= '9') {
            width = 0;
            while (*p >= '0' && *p <= '9')
                width = width * 10 + (*p++ - '0');
        }
        if (*p == '.') {
            p++;
            prec = 0;
            if (*p == '*') {
                prec = va_arg(ap, int);
                p++;
            } else {
                while (*p >= '0' && *p <= '9')
                    prec = prec * 10 + (*p++ - '0');
            }
        }
        int longs = 0, size_t_len = 0;
        while (*p == 'l') {
            longs++;
            p++;
        }
        if (*p == 'z') {
            size_t_len = 1;
            p++;
        }
        char conv = *p ? *p++ : '\0';
        if (width > 1000)
            width = 1000;
        if (width >= 0)
            k += (size_t)snprintf(spec + k, sizeof spec - k, "%d", width);
        if (prec >= 0 && prec < 1000)
            k += (size_t)snprintf(spec + k, sizeof spec - k, ".%d", prec);
        switch (conv) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "";
            size_t len = strlen(s);
            if (prec >= 0)
                len = utf8_prefix(s, len, (size_t)prec);
            size_t shown = 0;
            for (size_t i = 0; i < len; i++)
                shown += ((unsigned char)s[i] & 0xC0) != 0x80;
            for (size_t i = shown; !left && width > 0 && i < (size_t)width; i++)
                buf_putc(o, ' ');
            html_text_n(o, s, len);
            for (size_t i = shown; left && width > 0 && i < (size_t)width; i++)
                buf_putc(o, ' ');
            break;
        }
        case 'd': case 'i':
            if (size_t_len) {
                memcpy(spec + k, "zd", 3);
                buf_printf(o, spec, va_arg(ap, ssize_t));
            } else if (longs >= 2) {
                memcpy(spec + k, "lld", 4);
                buf_printf(o, spec, va_arg(ap, long long));
            } else if (longs == 1) {
                memcpy(spec + k, "ld", 3);
                buf_printf(o, spec, va_arg(ap, long));
            } else {
                memcpy(spec + k, "d", 2);
                buf_printf(o, spec, va_arg(ap, int));
            }
            break;
        case 'u': case 'x': {
            unsigned long long v = size_t_len ? va_arg(ap, size_t)
                                   : longs >= 2 ? va_arg(ap, unsigned long long)
                                   : longs == 1 ? va_arg(ap, unsigned long)
                                                : va_arg(ap, unsigned);
            spec[k++] = 'l';
            spec[k++] = 'l';
            spec[k++] = conv;
            spec[k] = '\0';
            buf_printf(o, spec, v);
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            html_text_n(o, &c, 1);
            break;
        }
        case 'f': case 'g': {
            spec[k++] = conv;
            spec[k] = '\0';
            buf_printf(o, spec, va_arg(ap, double));
            break;
        }
        default:
            /* Unknown conversions are a programming error; write nothing for them. */
            break;
        }
    }
}
#pragma GCC diagnostic pop

void html_printf(buf_t *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    html_vprintf(o, fmt, ap);
    va_end(ap);
}
