/* demo_scale.c — a national-scale programme for measuring: n cases at real municipal
 * organisers (invented people), spread over the phases, each with two supporters from a
 * pool, its first units, an analysis group with members and a series of meetings, and a
 * signed ÖK1 once past that phase. Deterministic, so two runs give the same data. */
#include "demo.h"
#include "../cases/agreements.h"
#include "../cases/cases.h"
#include "../cases/meetings.h"
#include "../admin/admin.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng = 0x5a17u;

static unsigned next(unsigned n)
{
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((rng >> 33) % n);
}

static const char *const first_names[] = {"Anna", "Erik", "Sara", "Johan", "Maria", "Karl", "Eva", "Lars", "Ida", "Nils"};
static const char *const last_names[] = {"Berg", "Lind", "Holm", "Ek", "Sund", "Strand", "Dahl", "Nyberg", "Falk", "Åberg"};
static const char *const universities[] = {"Karlstads universitet", "Göteborgs universitet", "Umeå universitet",
                                           "Malmö universitet", "Stockholms universitet", "Linnéuniversitetet"};

int demo_scale(db_t *db, int ncases, const char *password, FILE *out)
{
    arena_t a = ARENA_INIT;
    /* A pool of process supporters: each works with about fifteen cases. */
    int nsup = ncases / 15 + 2;
    int64_t *sup = arena_alloc(&a, (size_t)nsup * sizeof *sup);
    for (int i = 0; i < nsup; i++) {
        char *email = arena_printf(&a, "processtod%d@exempel.se", i + 1);
        sup[i] = admin_user_id_by_email(db, email);
        if (!sup[i]) {
            admin_new_user_t u = {email, arena_printf(&a, "%s %s", first_names[next(10)], last_names[next(10)]), "supporter",
                                  NULL, NULL, NULL, password};
            char *err = NULL;
            const char *field = NULL;
            admin_user_create(db, &viewer_cli, &u, &a, &err, &field);
            sup[i] = admin_user_id_by_email(db, email);
        }
    }
    db_stmt_t *st = db_prepare(db, "SELECT o.id FROM organisers o WHERE o.kind = 'kommunal' AND NOT EXISTS"
                                   " (SELECT 1 FROM cases c WHERE c.organiser_id = o.id) ORDER BY o.orgnr");
    int64_t *orgs = arena_alloc(&a, 400 * sizeof *orgs);
    int norgs = 0;
    while (db_step(st) == DB_ROW && norgs < 400)
        orgs[norgs++] = db_col_int(st, 0);
    db_done(st);
    if (db_begin_write(db) != DB_OK) {
        arena_free(&a);
        return 1;
    }
    int made = 0, meetings = 0;
    int64_t now = (int64_t)time(NULL);
    for (int i = 0; i < ncases && i < norgs; i++) {
        /* Two rounds a year from 2023: the later the round, the earlier the phase. */
        int round = i % 8, year = 2023 + round / 2;
        const char *date = arena_printf(&a, "%d-%s", year, round % 2 ? "11-02" : "05-05");
        char end[11];
        case_planned_end(date, end);
        int phase = round < 2 ? 5 + (int)next(2) : round < 4 ? 3 + (int)next(2) : round < 6 ? 1 + (int)next(2) : (int)next(2);
        int64_t id = db_run_int(db, 0, "INSERT INTO cases (organiser_id, round_name, decision_date, university, phase,"
                                       " created_at, start_date, planned_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                "itttti" "tt", orgs[i], arena_printf(&a, "Urval %s", date), date,
                                universities[next(6)], case_phase_keys[phase], now, date, end);
        if (!id)
            continue;
        made++;
        db_run(db, "INSERT INTO case_units (case_id, unit_id, decision_date) SELECT CAST(? AS BIGINT), u.id,"
                   " CAST(? AS TEXT) FROM units u WHERE u.organiser_id = ? ORDER BY u.code LIMIT 2",
                   "iti", id, date, orgs[i]);
        int s1 = (int)next((unsigned)nsup), s2 = (s1 + 1 + (int)next((unsigned)nsup - 1)) % nsup;
        for (int k = 0; k < 2; k++)
            db_run(db, "INSERT INTO case_people (case_id, role, user_id, name, email) SELECT CAST(? AS BIGINT),"
                       " 'supporter', id, name, email FROM users WHERE id = ?", "ii", id, k ? sup[s2] : sup[s1]);
        int64_t group = db_run_int(db, 0, "INSERT INTO analysis_groups (case_id, level, name, created_by, created_at)"
                                          " VALUES (?, 'administration', 'Analysgrupp på förvaltningsnivå', 'demo', ?)"
                                          " RETURNING id", "ii", id, now);
        for (int k = 0; k < 4; k++)
            db_run(db, "INSERT INTO group_members (group_id, name, appointed_by) VALUES (?, ?, 'demo')", "it", group,
                   arena_printf(&a, "%s %s", first_names[next(10)], last_names[next(10)]));
        /* About seven meetings a case: every three weeks from the start. */
        char (*dates)[11] = arena_alloc(&a, 7 * sizeof *dates);
        char first[11];
        date_add_days(date, 30, first);
        meeting_series(first, 7, 21, dates);
        for (int k = 0; k < 7; k++, meetings++)
            db_run(db, "INSERT INTO meetings (case_id, group_id, kind, starts_at, minutes, place, held, created_by,"
                       " created_at) VALUES (?, ?, 'analysis', ?, 180, 'Förvaltningen', ?, 'demo', ?)",
                   "iitii", id, group, arena_printf(&a, "%s 13:00", dates[k]), (int64_t)(k < 5), now);
        if (phase >= PHASE_ANALYSIS) {
            int64_t ag = db_run_int(db, 0, "INSERT INTO agreements (case_id, kind, registry_number, state, created_by,"
                                           " created_at, updated_at, agency_approved_by, counterpart_approved_by)"
                                           " VALUES (?, 'ok1', ?, 'signed', 'demo', ?, ?, 'Skolverket', 'Huvudmannen')"
                                           " RETURNING id",
                                    "itii", id, arena_printf(&a, "demo:%lld", (long long)id), now, now);
            db_run(db, "INSERT INTO agreement_versions (agreement_id, version, content, saved_by, saved_at)"
                       " VALUES (?, 1, ?, 'demo', ?)",
                   "iti", ag,
                   arena_printf(&a, "{\"amount_ore\":0,\"payouts\":[],\"period_from\":\"%s\",\"period_to\":\"%s\","
                                    "\"sections\":{}}", date, end),
                   now);
        }
    }
    bool ok = db_commit(db) == DB_OK;
    fprintf(out, "  nationell skala:     %d ärenden, %d möten, %d processtödjare (processtod1@ …)\n", made, meetings, nsup);
    arena_free(&a);
    return ok ? 0 : 1;
}
