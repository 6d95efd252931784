/* demo.c — the demo's money: Borås kommun's ÖK1 grant with its first payout approved by
 * a second person and its second registered and waiting; an application grant under
 * förordning 2016:329 for Göteborgs Stad; the accounts mapped to the cost table's
 * categories; and 2017's costs read from a file, so that the cost table for 2017 is the
 * one seed 003 reports (112 362 506 kr). */
#include "parts.h"
#include "../register/register.h"
#include <stdio.h>
#include <string.h>

static int64_t boras_case(demo_t *d)
{
    return db_run_int(d->db, 0, "SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id"
                                " WHERE o.orgnr = '2120001561'", "");
}

/* 2017's costs as the economy system would give them (kronor, öre where they have öre). */
static const char ledger_2017[] =
    "Datum;Konto;Kostnadsställe;Belopp;Text;Verifikation\n"
    "2017-06-30;4011;SBS;21 400 000;Löner processtödjare;A 101\n"
    "2017-12-31;4011;SBS;10 701 180;Löner processtödjare;A 201\n"
    "2017-12-31;5811;SBS;3 000 000;Resor processtödjare;A 202\n"
    "2017-06-30;8411;SBS;30 000 000;Lämnade bidrag till huvudmän;B 11\n"
    "2017-12-31;8411;SBS;15 751 361;Lämnade bidrag till huvudmän;B 12\n"
    "2017-12-31;6591;LAR;7 000 000;Köpta utbildningstjänster, lärosäten;B 13\n"
    "2017-12-31;6592;SBS;21 147 891;Köpta tjänster och resor för deltagare;C 14\n"
    "2017-12-31;6110;KOM;1 069 000;Kommunikation (samordning och utveckling);C 15\n"
    "2017-12-31;6593;UTV;2 293 074;Utvärdering;C 16\n"
    "2017-12-31;1930;SBS;-112 362 506;Betalningar;A 999\n";

static void mapping(demo_t *d, const viewer_t *fin)
{
    static const char *const map[][4] = {
        {"4011", "", "team", ""},        {"5811", "", "team", ""},
        {"8411", "", "grants", ""},      {"6591", "LAR", "grants", ""},
        {"6592", "", "services", ""},    {"6110", "", "services", "Kommunikation"},
        {"6593", "", "evaluation", ""},
    };
    const char *field;
    char *err = NULL;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        money_mapping_add(d->db, fin, map[i][0], map[i][1], map[i][2], map[i][3], d->arena, &field, &err);
    size_t added, read;
    money_ledger_import(d->db, fin, "ekonomisystemet-2017.csv", ledger_2017, sizeof ledger_2017 - 1, d->arena, &added,
                        &read, &err);
    static const int64_t forecast[] = {3600000000, 6500000000, 2000000000, 300000000};
    for (int k = 0; k < MONEY_CATEGORIES; k++)
        money_forecast_set(d->db, fin, 2017, money_category_keys[k], forecast[k], d->arena, &err);
}

static void money_demo(demo_t *d)
{
    viewer_t fin = demo_viewer(d, "ekonomi@exempel.se"), admin = demo_viewer(d, "admin@exempel.se");
    if (!fin.user_id || !admin.user_id)
        return;
    mapping(d, &fin);
    int64_t case_id = boras_case(d);
    case_row_t *c = case_id ? cases_get(d->db, &fin, case_id, d->arena) : NULL;
    int64_t ok1 = c ? db_run_int(d->db, 0, "SELECT id FROM agreements WHERE case_id = ? AND kind = 'ok1'", "i", c->id) : 0;
    char *err = NULL;
    const char *field;
    int64_t id = ok1 ? money_grant_of_agreement(d->db, &fin, c, ok1, d->arena, &err) : 0;
    grant_t *g = id ? money_grant_get(d->db, &fin, id, d->arena) : NULL;
    int64_t first = g ? money_payout_register(d->db, &fin, g, "2025-07-01", 60000000, "A 2025-0412", d->arena, &field,
                                              &err) : 0;
    if (first)
        money_payout_approve(d->db, &admin, g, first, d->arena, &err);
    if (g && (g = money_grant_get(d->db, &fin, id, d->arena)))
        money_payout_register(d->db, &fin, g, "2026-01-15", 60000000, "A 2026-0031", d->arena, &field, &err);
    reg_organiser_t *gbg = register_get_organiser(d->db, &fin, "2120001355", d->arena);
    if (gbg) {
        grant_input_t in = {.organiser_id = gbg->id, .kind = "application", .appropriation = "1:5",
                            .decision_date = "2017-03-15", .registry_number = "2017:118", .ordinance = true,
                            .note = "Insatser för skolenheter med svåra förutsättningar", .applied = 450000000,
                            .granted = 380000000};
        money_grant_add(d->db, &fin, &in, d->arena, &field, &err);
    }
    fprintf(d->out, "  medel:               Borås kommuns ÖK1 med en utbetalning godkänd och en som väntar; "
                    "kostnaderna 2017 (112 362 506 kr)\n");
}

const demo_step_t money_demo_steps[] = {{70, money_demo}, {0, NULL}};
