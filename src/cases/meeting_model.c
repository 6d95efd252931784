/* meeting_model.c — dates for meeting series (weekends move to Monday) and the kinds of
 * meetings. Dates are civil dates, computed by day numbers so no time zone is involved. */
#include "meetings.h"
#include "../base/validate.h"
#include <stdio.h>
#include <string.h>

const char *const meeting_kind_keys[] = {"analysis", "visit", "quality", NULL};

const char *meeting_kind_label(const char *key)
{
    if (key && strcmp(key, "analysis") == 0)
        return "Analysgruppsmöte";
    if (key && strcmp(key, "visit") == 0)
        return "Lärosätets besök";
    if (key && strcmp(key, "quality") == 0)
        return "Kvalitetsmöte";
    return "";
}

/* Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool parse(const char *date, long *days)
{
    int y, m, d;
    if (!date || !validate_date(date) || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return false;
    *days = days_from_civil(y, m, d);
    return true;
}

static void format(long days, char out[11])
{
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    char buf[32];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    memcpy(out, buf, 11);
    out[10] = '\0';
}

bool date_to_days(const char *date, long *days)
{
    return parse(date, days);
}

int date_weekday(const char *date)
{
    long days;
    if (!parse(date, &days))
        return -1;
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    long w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

bool date_add_days(const char *date, int n, char out[11])
{
    long days;
    if (!parse(date, &days))
        return false;
    format(days + n, out);
    return true;
}

bool meeting_series(const char *first, int count, int interval, char (*out)[11])
{
    long start;
    if (!parse(first, &start) || count < 1 || count > 60 || interval < 1 || interval > 365)
        return false;
    for (int i = 0; i < count; i++) {
        long day = start + (long)i * interval;
        long w = ((day + 3) % 7 + 7) % 7;
        if (w == 5)
            day += 2; /* Saturday → Monday */
        else if (w == 6)
            day += 1; /* Sunday → Monday */
        format(day, out[i]);
    }
    return true;
}
