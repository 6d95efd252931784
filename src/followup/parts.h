/* parts.h — what the follow-up area's files share among themselves. */
#ifndef SV_FOLLOWUP_PARTS_H
#define SV_FOLLOWUP_PARTS_H
#include "../app/area.h"
#include "followup.h"

/* A reading's fields, shared by the page and the API. */
#define READING_FIELDS                                                   \
    {"period", P_TEXT, PARAM_REQUIRED, "Period", 0, 7, NULL},            \
    {"grp", P_TEXT, 0, "Grupp", 0, 100, NULL},                           \
    {"value", P_TEXT, PARAM_REQUIRED, "Värde", 0, 40, NULL},             \
    {"note", P_TEXT, 0, "Kommentar", 0, 2000, NULL}

extern const route_t followup_page_routes[], followup_api_routes[], followup_case_routes[];
void followup_case_section(request_t *req, const case_row_t *c);
extern const start_section_t followup_start_sections[];
extern const demo_step_t followup_demo_steps[];

#endif
