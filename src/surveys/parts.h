/* parts.h — what the surveys area's files share among themselves. */
#ifndef SV_SURVEYS_PARTS_H
#define SV_SURVEYS_PARTS_H
#include "../app/area.h"
#include "surveys.h"

extern const route_t surveys_routes[];        /* pages.c */
extern const route_t surveys_answer_routes[]; /* answer_pages.c */
extern const route_t surveys_result_routes[]; /* results_pages.c */
extern const route_t surveys_api_routes[];    /* api.c */

/* The response rate and the table of invited and answered per group (results_pages.c). */
void surveys_rate_table(request_t *req, const survey_group_rate_t *g, size_t n, int invited, int complete,
                        bool total_shown);
extern const demo_step_t surveys_demo_steps[]; /* demo.c */

#define SURVEY_NOT_FOUND "Enkäten finns inte, eller så har du inte tillgång till den."

#endif
