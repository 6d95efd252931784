/* date.c — civil date arithmetic (date.h), on day numbers from Howard Hinnant's
 * algorithms: exact over the proleptic Gregorian calendar, no time zone. */
#include "date.h"
#include "validate.h"
#include <stdio.h>
#include <string.h>

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

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* validate_date has checked the shape and the digits: read them directly (the due lists
 * parse thousands of dates per page). */
static bool parse(const char *date, int *y, int *m, int *d)
{
    if (!date || !validate_date(date))
        return false;
    *y = digits(date, 4);
    *m = digits(date + 5, 2);
    *d = digits(date + 8, 2);
    return true;
}

bool date_to_days(const char *date, long *days)
{
    int y, m, d;
    if (!parse(date, &y, &m, &d))
        return false;
    *days = days_from_civil(y, m, d);
    return true;
}

void date_from_days(long days, char out[11])
{
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    char buf[32]; /* room for any int, so the compiler can see nothing is cut */
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    memcpy(out, buf, 10);
    out[10] = '\0';
}

int date_weekday(const char *date)
{
    long days;
    if (!date_to_days(date, &days))
        return -1;
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    long w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

bool date_add_days(const char *date, int n, char out[11])
{
    long days;
    if (!date_to_days(date, &days))
        return false;
    date_from_days(days + n, out);
    return true;
}

static bool leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool date_add_years(const char *date, int years, char out[11])
{
    int y, m, d;
    if (!parse(date, &y, &m, &d))
        return false;
    y += years;
    if (m == 2 && d == 29 && !leap_year(y))
        d = 28;
    if (y < 1000 || y > 9999)
        return false;
    date_from_days(days_from_civil(y, m, d), out);
    return true;
}

bool date_add_months(const char *date, int months, char out[11])
{
    static const int length[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    if (!parse(date, &y, &m, &d) || months < 0)
        return false;
    int total = (m - 1) + months;
    y += total / 12;
    m = total % 12 + 1;
    int last = length[m - 1] + (m == 2 && leap_year(y));
    if (d > last)
        d = last; /* 31 January + 1 month is the last of February */
    if (y > 9999)
        return false;
    date_from_days(days_from_civil(y, m, d), out);
    return true;
}

long date_days_between(const char *a, const char *b)
{
    long x, y;
    if (!date_to_days(a, &x) || !date_to_days(b, &y))
        return 0;
    return y - x;
}

void date_working_day(const char *date, char out[11])
{
    int w = date_weekday(date);
    if (w == 5 || w == 6)
        date_add_days(date, 7 - w, out);
    else
        snprintf(out, 11, "%.10s", date);
}
