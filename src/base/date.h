/* date.h — civil dates as 'YYYY-MM-DD' text, computed by day numbers so that no time
 * zone is involved: weekdays, adding days and years, the working day a date falls due. */
#ifndef SV_DATE_H
#define SV_DATE_H
#include <stdbool.h>

/* Days since 1970-01-01; false when date is not a date. */
bool date_to_days(const char *date, long *days);
/* The date of a day number into out (11 bytes). */
void date_from_days(long days, char out[11]);
/* 0 = Monday … 6 = Sunday; -1 when not a date. */
int date_weekday(const char *date);
/* date + n days into out (11 bytes); false when date is not a date. */
bool date_add_days(const char *date, int n, char out[11]);
/* date + years; 29 February becomes the 28th in a year that has none. */
bool date_add_years(const char *date, int years, char out[11]);
/* date + months (0 or more); a day past the month's end becomes its last day. */
bool date_add_months(const char *date, int months, char out[11]);
/* b − a in days (0 when either is not a date). */
long date_days_between(const char *a, const char *b);
/* The working day a date falls due: Saturday and Sunday move to the Monday after. */
void date_working_day(const char *date, char out[11]);

#endif
