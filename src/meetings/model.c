/* model.c — dates for meeting series (weekends move to Monday) and the kinds of
 * meetings. Dates are civil dates, computed by day numbers so no time zone is involved. */
#include "meetings.h"
#include "../base/date.h"
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

const char *const meeting_purpose_keys[] = {"", "inception", "talk", NULL};

const char *meeting_label(const char *kind, const char *purpose)
{
    if (purpose && strcmp(purpose, "inception") == 0)
        return "Uppstartsmöte, huvudman och lärosäte";
    if (purpose && strcmp(purpose, "talk") == 0)
        return "Samtal, teamledare och processtöd";
    return meeting_kind_label(kind);
}

const char *const meeting_party_keys[] = {"agency", "organiser", "university", "other", NULL};

const char *meeting_party_label(const char *key)
{
    static const char *const labels[] = {"Skolverket", "Huvudmannen", "Lärosätet", "Övriga"};
    for (int i = 0; meeting_party_keys[i]; i++)
        if (key && strcmp(key, meeting_party_keys[i]) == 0)
            return labels[i];
    return "";
}

bool meeting_series(const char *first, int count, int interval, char (*out)[11])
{
    long start;
    if (!date_to_days(first, &start) || count < 1 || count > 60 || interval < 1 || interval > 365)
        return false;
    for (int i = 0; i < count; i++) {
        char day[11];
        date_from_days(start + (long)i * interval, day);
        date_working_day(day, out[i]);
    }
    return true;
}
