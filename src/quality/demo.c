/* demo.c — the demo's quality system: an example of the catalogue's shape (a goal, its
 * sub-goals, indicators and success factors; the administrator enters the agency's own),
 * Borås kommun's first indicator following a sub-goal, and Borås kommun's annual cycle. */
#include "parts.h"
#include <stdio.h>

void quality_demo(demo_t *d)
{
    viewer_t admin = demo_viewer(d, "admin@exempel.se"), org = demo_viewer(d, "huvudman@exempel.se");
    char *err = NULL;
    if (!admin.user_id || !quality_add(d->db, &admin, 0, "goal", "Alla elever ges förutsättningar att nå så långt som "
                                       "möjligt", "Exempel på en nationell målsättning.", d->arena, &err))
        return;
    int64_t goal = db_run_int(d->db, 0, "SELECT MAX(id) FROM quality_items WHERE kind = 'goal'", "");
    quality_add(d->db, &admin, goal, "subgoal", "Fler elever når kunskapskraven", "", d->arena, &err);
    int64_t sub = db_run_int(d->db, 0, "SELECT MAX(id) FROM quality_items WHERE kind = 'subgoal'", "");
    quality_add(d->db, &admin, sub, "indicator", "Andel elever med godkända betyg i alla ämnen", "", d->arena, &err);
    quality_add(d->db, &admin, sub, "factor", "Systematiskt kvalitetsarbete på alla nivåer i styrkedjan", "", d->arena,
                &err);
    quality_add(d->db, &admin, goal, "subgoal", "Ledarskapet stärker undervisningen", "", d->arena, &err);
    /* Borås kommun's result dialogues follow the first sub-goal (as the indicator form sets it). */
    db_run(d->db, "UPDATE indicators SET quality_item_id = ? WHERE id = (SELECT MIN(x.id) FROM indicators x"
                  " JOIN interventions i ON i.id = x.intervention_id JOIN cases c ON c.id = i.case_id"
                  " JOIN organisers o ON o.id = c.organiser_id WHERE o.orgnr = '2120001561')", "i", sub);
    case_filter_t f = {.q = "Borås"};
    case_row_t *cases;
    if (org.user_id && cases_list(d->db, &org, &f, d->arena, &cases)) {
        quality_wheel_add(d->db, &org, &cases[0], 8, 25, "Resultatanalys", "Rektorerna och förvaltningen analyserar "
                          "vårens resultat.", d->arena, &err);
        quality_wheel_add(d->db, &org, &cases[0], 3, 15, "Elevenkät", "", d->arena, &err);
        quality_wheel_add(d->db, &org, &cases[0], 10, 20, "Kvalitetsrapport till nämnden", "", d->arena, &err);
    }
    fprintf(d->out, "  kvalitetssystemet:   en målsättning med delmål; Borås kommuns årshjul med tre aktiviteter\n");
}
