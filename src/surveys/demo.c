/* demo.c — the demo's yearly participant questionnaire, with a Likert question from the
 * bank and a choice of role. */
#include "parts.h"
#include <stdio.h>

static void surveys_demo(demo_t *d)
{
    viewer_t an = demo_viewer(d, "analytiker@exempel.se");
    if (!an.user_id)
        return;
    const char *field;
    char *err = NULL;
    int64_t id = surveys_create(d->db, &an, "Deltagarenkät", 2026, true,
                                "Enkäten går till dem som deltar i Samverkan för bästa skola. Svaren är anonyma.",
                                d->arena, &field, &err);
    survey_t *s = id ? surveys_get(d->db, &an, id, d->arena) : NULL;
    int64_t sec = s ? surveys_add_section(d->db, &an, s, "Stödet från Skolverket", d->arena, &err) : 0;
    int64_t q1 = surveys_bank_add(d->db, &an, "likert", "I vilken utsträckning har stödet bidragit till ert "
                                  "förbättringsarbete?", "", "", "", d->arena, &field, &err);
    int64_t q2 = surveys_bank_add(d->db, &an, "single", "Vilken roll har du?", "Rektor\nLärare\nFörstelärare\n"
                                  "Förvaltningschef\nTjänsteman\nPolitiker\nVD för enskild huvudman", "", "", d->arena,
                                  &field, &err);
    if (sec && q1)
        surveys_add_item(d->db, &an, s, sec, q1, true, d->arena, &field, &err);
    if (sec && q2)
        surveys_add_item(d->db, &an, s, sec, q2, true, d->arena, &field, &err);
    fprintf(d->out, "  enkäter:             deltagarenkäten 2026 med två frågor ur frågebanken\n");
}

const demo_step_t surveys_demo_steps[] = {{76, surveys_demo}, {0, NULL}};
