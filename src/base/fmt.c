/* fmt.c — Swedish formatting of numbers, money and dates. */
#include "fmt.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Writes the digits of an unsigned magnitude grouped by three. */
static void put_grouped(buf_t *out, uint64_t mag)
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)mag);
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf_puts(out, FMT_NBSP);
        buf_putc(out, digits[i]);
    }
}

void fmt_int_sv(buf_t *out, int64_t v)
{
    uint64_t mag = v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
    if (v < 0)
        buf_puts(out, "\xE2\x88\x92"); /* U+2212 minus sign, as Swedish typography has it */
    put_grouped(out, mag);
}

void fmt_decimal_sv(buf_t *out, double v, int decimals)
{
    if (!isfinite(v)) {
        buf_puts(out, "–");
        return;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    double scale = pow(10, decimals);
    double r = round(fabs(v) * scale);
    uint64_t whole = (uint64_t)(r / scale);
    uint64_t frac = (uint64_t)(r - (double)whole * scale + 0.5);
    if (v < 0 && r > 0)
        buf_puts(out, "\xE2\x88\x92");
    put_grouped(out, whole);
    if (decimals > 0)
        buf_printf(out, ",%0*llu", decimals, (unsigned long long)frac);
}

void fmt_money_sv(buf_t *out, int64_t ore)
{
    uint64_t mag = ore < 0 ? (uint64_t)(-(ore + 1)) + 1 : (uint64_t)ore;
    if (ore < 0)
        buf_puts(out, "\xE2\x88\x92");
    put_grouped(out, mag / 100);
    if (mag % 100)
        buf_printf(out, ",%02u", (unsigned)(mag % 100));
    buf_puts(out, FMT_NBSP "kr");
}

void fmt_datetime(buf_t *out, int64_t epoch)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    localtime_r(&t, &tm);
    char s[32];
    strftime(s, sizeof s, "%Y-%m-%d %H:%M", &tm);
    buf_puts(out, s);
}

void fmt_date(buf_t *out, int64_t epoch)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    localtime_r(&t, &tm);
    char s[16];
    strftime(s, sizeof s, "%Y-%m-%d", &tm);
    buf_puts(out, s);
}

void fmt_today(char out[11], int plus_days)
{
    time_t t = time(NULL) + (time_t)plus_days * 86400;
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

void fmt_iso_datetime(buf_t *out, int64_t epoch)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    localtime_r(&t, &tm);
    char s[40];
    strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%S%z", &tm);
    /* %z gives +0100; ISO 8601 and RFC 3339 write the offset as +01:00. */
    size_t n = strlen(s);
    if (n >= 5) {
        buf_append(out, s, n - 2);
        buf_putc(out, ':');
        buf_append(out, s + n - 2, 2);
    } else {
        buf_puts(out, s);
    }
}

const char *fmt_datetime_in(arena_t *a, int64_t epoch)
{
    if (!epoch)
        return "";
    buf_t b = BUF_INIT;
    fmt_datetime(&b, epoch);
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

const char *fmt_kronor_in(arena_t *a, int64_t kronor)
{
    buf_t b = BUF_INIT;
    fmt_int_sv(&b, kronor);
    buf_puts(&b, " kr");
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

const char *fmt_number_in(arena_t *a, double v)
{
    int decimals = 0;
    while (decimals < 3 && fabs(v * pow(10, decimals) - round(v * pow(10, decimals))) > 1e-9)
        decimals++;
    buf_t b = BUF_INIT;
    fmt_decimal_sv(&b, v, decimals);
    const char *r = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return r;
}
