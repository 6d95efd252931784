/* model.c — the conferences' words and rules: kinds, roles, where a registration goes,
 * and when personal data are past keeping. */
#include "conferences.h"
#include "../base/date.h"
#include <string.h>

static const char *label_of(const char *const *keys, const char *const *labels, const char *key)
{
    for (int i = 0; keys[i]; i++)
        if (key && strcmp(key, keys[i]) == 0)
            return labels[i];
    return "";
}

const char *const conference_kind_keys[] = {"kickoff", "followup", "closing", "thematic", "network", NULL};
static const char *const kind_labels[] = {"Upptaktskonferens", "Uppföljningsseminarium", "Avslutnings- och framtidsseminarium",
                                          "Tematisk konferens", "Nätverksträff"};
const char *conference_kind_label(const char *key)
{
    return label_of(conference_kind_keys, kind_labels, key);
}

const char *const conference_role_keys[] = {"principal", "teacher", "lead_teacher", "director", "officer",
                                            "politician", "ceo", NULL};
static const char *const role_labels[] = {"Rektor", "Lärare", "Förstelärare", "Förvaltningschef", "Tjänsteman",
                                          "Politiker", "VD för enskild huvudman"};
const char *conference_role_label(const char *key)
{
    return label_of(conference_role_keys, role_labels, key);
}

const char *conference_status_label(const char *status)
{
    if (status && strcmp(status, "waiting") == 0)
        return "På väntelistan";
    if (status && strcmp(status, "cancelled") == 0)
        return "Avanmäld";
    return "Anmäld";
}

const char *conference_place(int capacity, int registered)
{
    return registered < capacity ? "registered" : "waiting";
}

bool conference_past_keeping(const char *held_on, int keep_days, const char *today)
{
    char until[11];
    return date_add_days(held_on, keep_days, until) && strcmp(until, today) < 0;
}
