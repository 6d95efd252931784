/* surveys.h — the agency's surveys of the programme's participants (seed 003 §4.2, §5.2):
 * response rates that count complete answers only ("76 procent (243 personer av 318)"),
 * and the rule that no group with fewer than five answers is shown anywhere, nor can be
 * worked out by subtracting the shown groups from a shown total.
 *
 * The pure rules (model.c) take plain counts, so they can be worked by hand; the
 * questionnaires, invitations and answers build on them. */
#ifndef SV_SURVEYS_H
#define SV_SURVEYS_H
#include <stdbool.h>
#include <stddef.h>

enum { SURVEY_MIN_GROUP = 5 };

/* The response rate in whole percent, rounded half up: complete answers of those invited
 * (a started but unfinished answer does not count). -1 when nobody was invited. */
int survey_rate(int complete, int invited);

/* Which groups of a breakdown to hide, given each group's number of answers and whether
 * the total is shown beside them. A group under min answers is hidden (an empty group has
 * nothing to hide and stays); when that leaves exactly one hidden group whose size could be
 * worked out from the total, the smallest shown group is hidden with it; when every
 * answer would be hidden, or the total itself is under min, the total goes too.
 * hidden[n] is written; returns whether the total may be shown. */
bool survey_suppress(const int *answers, size_t n, bool total_shown, int min, bool *hidden);

/* "76 procent (243 personer av 318)" into out (size bytes); "–" when nobody was invited. */
void survey_rate_text(int complete, int invited, char *out, size_t size);

#endif
