/* demo.c — at national scale, each case the scale step made gets an analysis group at
 * administration level with four members and about seven meetings, every three weeks
 * from a month after the start. Deterministic. */
#include "parts.h"
#include "../db/tx.h"
#include "../base/date.h"
#include <time.h>

static uint64_t rng = 0x6b29u;

static unsigned next(unsigned n)
{
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((rng >> 33) % n);
}

static const char *const first_names[] = {"Anna", "Erik", "Sara", "Johan", "Maria", "Karl", "Eva", "Lars", "Ida", "Nils"};
static const char *const last_names[] = {"Berg", "Lind", "Holm", "Ek", "Sund", "Strand", "Dahl", "Nyberg", "Falk", "Åberg"};

void meetings_demo_scale(demo_t *d)
{
    if (!d->scale_first_case)
        return;
    arena_t *a = d->arena;
    db_stmt_t *st = db_prepare(d->db, "SELECT id, start_date FROM cases WHERE id >= ? ORDER BY id");
    db_bind_int(st, 1, d->scale_first_case);
    size_t n = 0;
    int64_t *ids = arena_alloc(a, 512 * sizeof *ids);
    const char **starts = arena_alloc(a, 512 * sizeof *starts);
    while (db_step(st) == DB_ROW && n < 512) {
        ids[n] = db_col_int(st, 0);
        starts[n++] = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    char *err = NULL;
    if (!tx_begin(d->db, d->arena, &err))
        return;
    int64_t now = (int64_t)time(NULL);
    int meetings = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t group = db_run_int(d->db, 0, "INSERT INTO analysis_groups (case_id, level, name, created_by, created_at)"
                                             " VALUES (?, 'administration', 'Analysgrupp på förvaltningsnivå', 'demo', ?)"
                                             " RETURNING id", "ii", ids[i], now);
        for (int k = 0; k < 4; k++)
            db_run(d->db, "INSERT INTO group_members (group_id, name, appointed_by) VALUES (?, ?, 'demo')", "it", group,
                   arena_printf(a, "%s %s", first_names[next(10)], last_names[next(10)]));
        char (*dates)[11] = arena_alloc(a, 7 * sizeof *dates);
        char first[11];
        date_add_days(starts[i], 30, first);
        meeting_series(first, 7, 21, dates);
        for (int k = 0; k < 7; k++, meetings++)
            db_run(d->db, "INSERT INTO meetings (case_id, group_id, kind, starts_at, minutes, place, held, created_by,"
                          " created_at) VALUES (?, ?, 'analysis', ?, 180, 'Förvaltningen', ?, 'demo', ?)",
                   "iitii", ids[i], group, arena_printf(a, "%s 13:00", dates[k]), (int64_t)(k < 5), now);
    }
    tx_finish(d->db, true, d->arena, &err);
    fprintf(d->out, "  nationell skala:     %d möten i %zu analysgrupper\n", meetings, n);
}
