/* money.c — integer money parsing. */
#include "money.h"
#include <string.h>

bool money_parse_sv(const char *s, int64_t *ore)
{
    if (!s)
        return false;
    int neg = 0, digits = 0, frac_digits = 0, in_frac = 0;
    int64_t kr = 0, frac = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p == ' ')
        p++;
    if (*p == '-' || (p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92)) {
        neg = 1;
        p += *p == '-' ? 1 : 3;
    }
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (in_frac) {
                if (++frac_digits > 2)
                    return false;
                frac = frac * 10 + (*p - '0');
            } else {
                if (kr > (INT64_MAX / 100 - 9) / 10)
                    return false;
                kr = kr * 10 + (*p - '0');
                digits++;
            }
        } else if ((*p == ',' || *p == '.') && !in_frac && digits) {
            in_frac = 1;
        } else if (*p == ' ' && !in_frac && digits) {
            continue;
        } else if (p[0] == 0xC2 && p[1] == 0xA0 && !in_frac && digits) {
            p++;
        } else if (*p == 'k' && strcmp((const char *)p, "kr") == 0) {
            break;
        } else if (*p == ' ') {
            continue;
        } else {
            return false;
        }
    }
    if (!digits || (in_frac && !frac_digits))
        return false;
    if (frac_digits == 1)
        frac *= 10;
    int64_t v = kr * 100 + frac;
    *ore = neg ? -v : v;
    return true;
}
