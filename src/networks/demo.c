/* demo.c — the demo's working network: Borås, Ale and Kiruna kommun with their
 * representatives at the four levels, two meetings, and commitments made at the first and
 * reported at the second. */
#include "parts.h"
#include <stdio.h>

static void networks_demo(demo_t *d)
{
    viewer_t sup = demo_viewer(d, "processtod@exempel.se");
    if (!sup.user_id)
        return;
    char *err = NULL;
    const char *field;
    int64_t id = networks_create(d->db, &sup, "Arbetande nätverk Väst", "working", "SKR",
                                 "Styrning och ledning på alla fyra nivåer", d->arena, &field, &err);
    network_t *n = id ? networks_get(d->db, &sup, id, d->arena) : NULL;
    if (!n)
        return;
    static const char *const orgnrs[] = {"2120001561", "2120001439", "2120002783"};
    static const char *const people[][4] = {
        {"Karin Holm", "Lena Wikström", "Erik Nordahl", "Sara Lund"},
        {"Per Ström", "Nils Ek", "Maja Berg", "Ola Sand"},
        {"Anna Nilsson", "Jonas Kvist", "Elin Ström", ""},
    };
    int64_t members[3] = {0, 0, 0};
    for (int i = 0; i < 3; i++) {
        members[i] = networks_add_member(d->db, &sup, n, orgnrs[i], d->arena, &err);
        for (int k = 0; members[i] && k < 4; k++)
            if (*people[i][k])
                networks_add_rep(d->db, &sup, n, members[i], network_level_keys[k], people[i][k], "", d->arena, &field,
                                 &err);
    }
    int64_t first = networks_plan_meeting(d->db, &sup, n, "2026-09-10", "Göteborg", d->arena, &err);
    int64_t second = networks_plan_meeting(d->db, &sup, n, "2026-11-12", "Borås", d->arena, &err);
    network_meeting_t *m = first ? networks_meeting(d->db, &sup, first, d->arena, NULL) : NULL;
    static const char *const commit[][3] = {
        {"leadership", "Nämnden följer upp resultaten varje termin", "Resultatdialog med nämnden i oktober och mars."},
        {"view", "Gemensam bild av vad god undervisning är", "Rektorsgruppen läser och diskuterar samma forskning."},
        {"routines", "Samma rutin för resultatanalys i alla skolor", "Förvaltningen tar fram en mall för analysen."},
    };
    int64_t made[3] = {0, 0, 0};
    for (int i = 0; m && i < 3; i++)
        if (members[i])
            made[i] = networks_commit(d->db, &sup, m, members[i], commit[i][0], commit[i][1], commit[i][2], d->arena,
                                      &field, &err);
    m = second ? networks_meeting(d->db, &sup, second, d->arena, NULL) : NULL;
    static const char *const outcome[][2] = {{"done", "Två dialoger hölls."}, {"partly", "Hälften av grupperna har läst."},
                                             {"not", "Mallen blev inte klar."}};
    for (int i = 0; m && i < 3; i++)
        if (made[i])
            networks_report(d->db, &sup, m, made[i], outcome[i][0], outcome[i][1], d->arena, &field, &err);
    fprintf(d->out, "  nätverk:             ett arbetande nätverk med tre kommuner, två möten och tre åtaganden\n");
}

const demo_step_t networks_demo_steps[] = {{72, networks_demo}, {0, NULL}};
