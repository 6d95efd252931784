/* model.c — response rates and the suppression of small groups (surveys.h). */
#include "surveys.h"
#include "../base/vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int survey_rate(int complete, int invited)
{
    if (invited <= 0)
        return -1;
    return (complete * 100 + invited / 2) / invited;
}

void survey_rate_text(int complete, int invited, char *out, size_t size)
{
    int rate = survey_rate(complete, invited);
    if (rate < 0)
        snprintf(out, size, "–");
    else
        snprintf(out, size, "%d procent (%d %s av %d)", rate, complete, complete == 1 ? "person" : "personer", invited);
}

bool survey_suppress(const int *answers, size_t n, bool total_shown, int min, bool *hidden)
{
    int total = 0, nhidden = 0, nshown = 0;
    for (size_t i = 0; i < n; i++) {
        total += answers[i];
        hidden[i] = answers[i] > 0 && answers[i] < min;
        nhidden += hidden[i];
        nshown += !hidden[i] && answers[i] > 0;
    }
    if (total < min) {
        /* Too few altogether: nothing is shown, the total neither. */
        for (size_t i = 0; i < n; i++)
            hidden[i] = answers[i] > 0;
        return false;
    }
    /* The hidden groups together are the total less the shown ones: while they come to
     * fewer than min answers, hide the smallest shown group too. */
    int hidden_sum = 0;
    for (size_t i = 0; i < n; i++)
        hidden_sum += hidden[i] ? answers[i] : 0;
    while (total_shown && nhidden > 0 && hidden_sum < min) {
        size_t smallest = n;
        for (size_t i = 0; i < n; i++)
            if (!hidden[i] && answers[i] > 0 && (smallest == n || answers[i] < answers[smallest]))
                smallest = i;
        if (smallest == n)
            break;
        hidden[smallest] = true;
        hidden_sum += answers[smallest];
        nhidden++;
        nshown--;
    }
    /* With every group hidden the total gives away only their sum, which is at least min
     * here, so it may stay; unless a single group has answers, for then it is that group. */
    int with_answers = 0;
    for (size_t i = 0; i < n; i++)
        with_answers += answers[i] > 0;
    return !(nshown == 0 && with_answers <= 1);
}

const char *const survey_likert[] = {"I mycket stor utsträckning", "I ganska stor utsträckning",
                                     "I ganska liten utsträckning", "I mycket liten utsträckning",
                                     "Vet ej/ej aktuellt", NULL};

const char *const survey_kind_keys[] = {"likert", "single", "multiple", "number", "text", NULL};

const char *survey_kind_label(const char *key)
{
    static const char *const labels[] = {"Skala (i mycket stor – mycket liten utsträckning)", "Ett val",
                                         "Flera val", "Tal", "Fritext"};
    for (int i = 0; survey_kind_keys[i]; i++)
        if (key && strcmp(key, survey_kind_keys[i]) == 0)
            return labels[i];
    return "";
}

size_t survey_options(const question_t *q, arena_t *a, const char ***out)
{
    *out = NULL;
    size_t n = 0, cap = 0;
    if (strcmp(q->kind, "likert") == 0) {
        for (; survey_likert[n]; n++)
            ;
        *out = (const char **)survey_likert;
        return n;
    }
    if (strcmp(q->kind, "single") != 0 && strcmp(q->kind, "multiple") != 0)
        return 0;
    char *copy = arena_strdup(a, q->options), *save = NULL;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\r' || line[len - 1] == ' '))
            line[--len] = 0;
        if (len)
            *ARENA_PUSH(a, *out, n, cap) = line;
    }
    return n;
}

int survey_choices(const char *value, int *out, int max)
{
    int n = 0;
    for (const char *p = value; *p;) {
        char *end;
        long x = strtol(p, &end, 10);
        if (end == p || *p == '-' || *p == '+' || x < 1 || x > 100000 || (*end && *end != ',') || n == max)
            return -1;
        out[n++] = (int)x;
        p = *end ? end + 1 : end;
        if (*end && !*p)
            return -1;  /* a trailing comma */
    }
    return n;
}
