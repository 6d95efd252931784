/* parts.h — what the surveys area's files share among themselves. */
#ifndef SV_SURVEYS_PARTS_H
#define SV_SURVEYS_PARTS_H
#include "../app/area.h"
#include "surveys.h"

extern const route_t surveys_routes[];        /* pages.c */
extern const route_t surveys_answer_routes[]; /* answer_pages.c */
extern const demo_step_t surveys_demo_steps[]; /* demo.c */

#define SURVEY_NOT_FOUND "Enkäten finns inte, eller så har du inte tillgång till den."

#endif
