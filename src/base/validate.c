/* validate.c — validators for identifiers and values. */
#include "validate.h"
#include "text.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

bool validate_orgnr(const char *s, char out[11])
{
    if (!s)
        return false;
    char d[11];
    size_t n = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '-' && n == 6 && i == 6)
            continue;
        if (s[i] < '0' || s[i] > '9' || n == 10)
            return false;
        d[n++] = s[i];
    }
    if (n != 10)
        return false;
    int sum = 0;
    for (int i = 0; i < 10; i++) {
        int v = (d[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v > 9 ? v - 9 : v;
    }
    if (sum % 10 != 0)
        return false;
    d[10] = '\0';
    if (out)
        memcpy(out, d, 11);
    return true;
}

bool validate_unit_code(const char *s)
{
    if (!s)
        return false;
    size_t n = strlen(s);
    return (n == 8 || n == 6) && text_is_digits(s, n);
}

bool validate_municipality_code(const char *s, char out[5])
{
    if (!s)
        return false;
    size_t n = strlen(s);
    if ((n != 3 && n != 4) || !text_is_digits(s, n))
        return false;
    if (out) {
        if (n == 3) {
            out[0] = '0';
            memcpy(out + 1, s, 3);
        } else {
            memcpy(out, s, 4);
        }
        out[4] = '\0';
    }
    return true;
}

bool validate_email(const char *s)
{
    if (!s)
        return false;
    size_t n = strlen(s);
    if (n < 3 || n > 254)
        return false;
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@'))
        return false;
    const char *dot = strrchr(at + 1, '.');
    if (!dot || dot == at + 1 || dot[1] == '\0')
        return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"' || *p == ',')
            return false;
    return true;
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool validate_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (!text_is_digits(s, 4) || !text_is_digits(s + 5, 2) || !text_is_digits(s + 8, 2))
        return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
        return false;
    int max = mdays[m - 1] + (m == 2 && leap(y));
    return d <= max;
}

bool validate_int(const char *s, long long min, long long max, long long *out)
{
    if (!s || !*s)
        return false;
    const char *p = s;
    if (*p == '-')
        p++;
    if (!text_is_digits(p, strlen(p)) || strlen(p) > 18)
        return false;
    errno = 0;
    long long v = strtoll(s, NULL, 10);
    if (errno || v < min || v > max)
        return false;
    if (out)
        *out = v;
    return true;
}

size_t validate_utf8_length(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

bool validate_password(const char *s)
{
    return s && strlen(s) <= 200 && validate_utf8_length(s) >= 12;
}

bool validate_decimal(const char *s, double *out)
{
    if (!s)
        return false;
    char digits[64];
    size_t n = 0;
    bool seen_digit = false, seen_point = false;
    const char *p = s;
    while (*p == ' ')
        p++;
    if (strncmp(p, "\xE2\x88\x92", 3) == 0) { /* the minus sign U+2212 */
        digits[n++] = '-';
        p += 3;
    } else if (*p == '-' || *p == '+') {
        digits[n++] = *p++;
    }
    for (; *p && n + 1 < sizeof digits; p++) {
        if (*p >= '0' && *p <= '9') {
            digits[n++] = *p;
            seen_digit = true;
        } else if ((*p == ',' || *p == '.') && !seen_point && seen_digit) {
            digits[n++] = '.';
            seen_point = true;
        } else if (*p == ' ' && seen_digit && !seen_point) {
            continue; /* a thousands space */
        } else if (strncmp(p, "\xC2\xA0", 2) == 0 && seen_digit && !seen_point) {
            p++;
        } else {
            break;
        }
    }
    while (*p == ' ')
        p++;
    if (*p == '%')
        p++;
    while (*p == ' ')
        p++;
    if (*p || !seen_digit || digits[n - 1] == '.')
        return false;
    digits[n] = '\0';
    char *end;
    errno = 0;
    double v = strtod(digits, &end);
    if (errno || *end || !isfinite(v))
        return false;
    if (out)
        *out = v;
    return true;
}
