/* demo.c — the demo's agreements: Borås's ÖK1, signed by both sides, so that its case is
 * past that phase; at national scale a signed ÖK1 for every case past it. */
#include "parts.h"
#include "../db/tx.h"
#include <time.h>

void agreements_demo(demo_t *d)
{
    int64_t case_id = db_run_int(d->db, 0, "SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id"
                                           " WHERE o.orgnr = '2120001561' ORDER BY c.decision_date LIMIT 1", "");
    viewer_t cli = demo_viewer(d, NULL), organiser = demo_viewer(d, "huvudman@exempel.se");
    case_row_t *c = case_id ? cases_get(d->db, &cli, case_id, d->arena) : NULL;
    if (!c)
        return;
    agreement_content_t content = {.period_from = "2025-06-01", .period_to = "2026-06-30", .amount_ore = 120000000,
                                   .npayouts = 2};
    content.payouts[0].date = "2025-07-01";
    content.payouts[0].amount_ore = 60000000;
    content.payouts[1].date = "2026-01-15";
    content.payouts[1].amount_ore = 60000000;
    static const char *const text[] = {
        "Överenskommelsen gäller analysfasen i Samverkan för bästa skola: nulägesanalyser för huvudmannen och de valda "
        "skolenheterna och en åtgärdsplan.",
        "Skolverket utser två processtödjare som leder analysgruppernas möten ungefär var tredje vecka, stödjer "
        "nulägesanalysen och åtgärdsplanen och ordnar tre seminarier under perioden.",
        "Borås kommun inrättar en analysgrupp på förvaltningsnivå och en på varje vald skolenhet, ger deltagarna tid för "
        "arbetet, tar fram underlag (resultat, enkäter, elevernas och barnens synpunkter) och deltar i uppföljningen.",
        "Medlen får användas till lärares och skolledares tid för analysarbetet och till kostnader för möten.",
        "Använda medel redovisas i delredovisningen efter varje termin.",
        "Medel som inte har använts när perioden är slut redovisas och betalas tillbaka inom tre månader.",
        "Om huvudmannen inte fullföljer sina åtaganden kan Skolverket kräva tillbaka utbetalda medel.",
        "Huvudmannen medverkar i de utvärderingar som Skolverket låter göra av Samverkan för bästa skola.",
        "Ändringar görs genom en skriftlig tilläggsöverenskommelse som båda parter godkänner.",
    };
    for (size_t i = 0; i < sizeof text / sizeof *text; i++)
        content.sections[i] = text[i];
    char *err = NULL;
    int64_t id = agreements_create(d->db, &cli, c, AGR_OK1, 0, &content, d->arena, &err);
    agreement_t *g = id ? agreements_get(d->db, &cli, id, d->arena, NULL) : NULL;
    if (g && agreements_act(d->db, &cli, g, "send", false, d->arena, &err) &&
        agreements_act(d->db, &cli, g, "approve", true, d->arena, &err))
        agreements_act(d->db, &organiser, g, "approve", true, d->arena, &err);
}

void agreements_demo_scale(demo_t *d)
{
    if (!d->scale_first_case)
        return;
    int64_t now = (int64_t)time(NULL);
    db_stmt_t *st = db_prepare(d->db, "SELECT id, start_date, planned_end FROM cases WHERE id >= ?"
                                      " AND phase NOT IN ('accepterad', 'ok1') ORDER BY id");
    db_bind_int(st, 1, d->scale_first_case);
    size_t n = 0;
    int64_t *ids = arena_alloc(d->arena, 512 * sizeof *ids);
    const char **from = arena_alloc(d->arena, 512 * sizeof *from), **to = arena_alloc(d->arena, 512 * sizeof *to);
    while (db_step(st) == DB_ROW && n < 512) {
        ids[n] = db_col_int(st, 0);
        from[n] = arena_strdup(d->arena, db_col_text(st, 1));
        to[n++] = arena_strdup(d->arena, db_col_text(st, 2));
    }
    db_done(st);
    char *err = NULL;
    if (!tx_begin(d->db, d->arena, &err))
        return;
    for (size_t i = 0; i < n; i++) {
        int64_t ag = db_run_int(d->db, 0, "INSERT INTO agreements (case_id, kind, registry_number, state, created_by,"
                                          " created_at, updated_at, agency_approved_by, counterpart_approved_by)"
                                          " VALUES (?, 'ok1', ?, 'signed', 'demo', ?, ?, 'Skolverket', 'Huvudmannen')"
                                          " RETURNING id",
                                "itii", ids[i], arena_printf(d->arena, "demo:%lld", (long long)ids[i]), now, now);
        db_run(d->db, "INSERT INTO agreement_versions (agreement_id, version, content, saved_by, saved_at)"
                      " VALUES (?, 1, ?, 'demo', ?)",
               "iti", ag,
               arena_printf(d->arena, "{\"amount_ore\":0,\"payouts\":[],\"period_from\":\"%s\",\"period_to\":\"%s\","
                                      "\"sections\":{}}", from[i], to[i]),
               now);
    }
    tx_finish(d->db, true, d->arena, &err);
}
