/* html.c — escaping output functions, one per context. */
#include "html.h"
#include "../base/fmt.h"
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

void html_raw(buf_t *o, const char *markup)
{
    if (markup)
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
        /* Read one conversion specification: flags and width are accepted and ignored,
         * a precision of ".*" limits %s, length modifiers select the argument type. */
        int star_prec = 0;
        while (*p && strchr("-+ #0", *p))
            p++;
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p == '.') {
            p++;
            if (*p == '*') {
                star_prec = 1;
                p++;
            }
            while (*p >= '0' && *p <= '9')
                p++;
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
        switch (conv) {
        case 's': {
            int prec = star_prec ? va_arg(ap, int) : -1;
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "";
            size_t len = strlen(s);
            if (prec >= 0 && (size_t)prec < len)
                len = (size_t)prec;
            html_text_n(o, s, len);
            break;
        }
        case 'd': case 'i':
            if (size_t_len)
                buf_printf(o, "%zd", va_arg(ap, ssize_t));
            else if (longs >= 2)
                buf_printf(o, "%lld", va_arg(ap, long long));
            else if (longs == 1)
                buf_printf(o, "%ld", va_arg(ap, long));
            else
                buf_printf(o, "%d", va_arg(ap, int));
            break;
        case 'u': case 'x': {
            unsigned long long v = size_t_len ? va_arg(ap, size_t)
                                   : longs >= 2 ? va_arg(ap, unsigned long long)
                                   : longs == 1 ? va_arg(ap, unsigned long)
                                                : va_arg(ap, unsigned);
            buf_printf(o, conv == 'u' ? "%llu" : "%llx", v);
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            html_text_n(o, &c, 1);
            break;
        }
        case 'f': case 'g': {
            char num[64];
            snprintf(num, sizeof num, conv == 'f' ? "%.2f" : "%g", va_arg(ap, double));
            buf_puts(o, num);
            break;
        }
        default:
            /* Unknown conversions are a programming error; write nothing for them. */
            break;
        }
    }
}

void html_printf(buf_t *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    html_vprintf(o, fmt, ap);
    va_end(ap);
}
