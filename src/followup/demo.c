/* demo.c — the demo's readings. Borås kommun's two indicators are read every month since
 * the autumn its plan began, through the store as the organiser: the result dialogues
 * rise into a shift and a trend, the time for pedagogical leadership only varies. At
 * national scale every case gets ten indicators, each read every month from the start of
 * the collaboration until now (at most three years). */
#include "parts.h"
#include "../base/fmt.h"
#include "../base/vec.h"
#include "../db/tx.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static const double dialogues[] = {20, 25, 22, 30, 28, 35, 45, 52, 50, 58, 63, 61, 70, 72, 75};
static const double leadership[] = {15, 16, 14, 17, 15, 16, 14, 15, 17, 16, 14, 15, 16, 15, 14};

/* The month n months after year-month (y, m), as 'YYYY-MM'. */
static void month_after(int y, int m, int n, char out[16])
{
    int k = (y * 12 + (m - 1)) + n;
    snprintf(out, 16, "%04d-%02d", k / 12, k % 12 + 1);
}

static void boras(demo_t *d)
{
    viewer_t org = demo_viewer(d, "huvudman@exempel.se");
    if (!org.user_id)
        return;
    db_stmt_t *st = db_prepare(d->db, "SELECT x.id FROM indicators x JOIN interventions i ON i.id = x.intervention_id"
                                      " JOIN cases c ON c.id = i.case_id JOIN organisers o ON o.id = c.organiser_id"
                                      " WHERE o.orgnr = '2120001561' ORDER BY x.id LIMIT 2");
    int64_t ids[2] = {0, 0};
    for (int i = 0; i < 2 && db_step(st) == DB_ROW; i++)
        ids[i] = db_col_int(st, 0);
    db_done(st);
    /* The last reading is last month's, or the planned end's month if that came first. */
    char last[11];
    fmt_today(last, 0);
    st = db_prepare(d->db, "SELECT c.planned_end FROM cases c JOIN organisers o ON o.id = c.organiser_id"
                           " WHERE o.orgnr = '2120001561'");
    const char *end = db_step(st) == DB_ROW ? db_col_str(st, 0, d->arena) : "";
    db_done(st);
    int y = 0, m = 0, ey = 0, em = 0;
    sscanf(last, "%d-%d", &y, &m);
    if (*end && sscanf(end, "%d-%d", &ey, &em) == 2 && ey * 12 + em < y * 12 + m) {
        y = ey;
        m = em + 1;
    }
    size_t n = sizeof dialogues / sizeof *dialogues, written = 0;
    for (int k = 0; k < 2; k++) {
        followed_t *f = ids[k] ? followup_get(d->db, &org, ids[k], d->arena) : NULL;
        for (size_t i = 0; f && i < n; i++) {
            char period[16];
            month_after(y, m, (int)i - (int)n, period);
            char value[32];
            snprintf(value, sizeof value, "%g", k ? leadership[i] : dialogues[i]);
            reading_input_t in = {period, "", value, i == 6 && !k ? "Årshjulet infört i alla skolor." : ""};
            const char *field;
            char *err = NULL;
            written += followup_record(d->db, &org, f, &in, d->arena, &field, &err) > 0;
        }
    }
    fprintf(d->out, "  uppföljning:         Borås kommun: %zu avläsningar av två indikatorer\n", written);
}

#define READING_ROW "(?, ?, ?, '', ?, '', 'demo', ?)"
#define READING_INSERT "INSERT INTO indicator_readings (indicator_id, case_id, period, grp, value, note, entered_by," \
                       " entered_at) VALUES "

/* The next number of a small generator that gives every demo the same series. */
static double noise(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (double)((*seed >> 16) % 1000) / 1000.0;
}

static void read_monthly(demo_t *d, int64_t indicator, int64_t case_id, const char *start, const char *end,
                         unsigned *seed, size_t *written)
{
    char today[11];
    fmt_today(today, 0);
    int y = 0, m = 0;
    sscanf(start, "%d-%d", &y, &m);
    double level = 64 + 8 * noise(seed), drift = (noise(seed) - 0.4) * 0.6;
    int64_t now = (int64_t)time(NULL);
    for (int i = 0; i < 36; i++) {
        char period[16];
        month_after(y, m, i, period);
        if (strncmp(period, today, 7) >= 0 || (*end && strncmp(period, end, 7) > 0))
            break;
        level += drift + (noise(seed) - 0.5) * 3;
        double v = level < 0 ? 0 : level > 100 ? 100 : level;
        db_run(d->db, READING_INSERT READING_ROW, "iitdi", indicator, case_id, period, v, now);
        (*written)++;
    }
}

static void scale(demo_t *d)
{
    char *err = NULL;
    if (!d->scale_first_case || !tx_begin(d->db, d->arena, &err))
        return;
    int64_t now = (int64_t)time(NULL);
    /* Ten indicators a case: the first intervention of each case gets what it lacks. */
    db_run(d->db, "INSERT INTO indicators (intervention_id, measure, baseline, target, read_dates, variable, min_value,"
                  " max_value, created_at) SELECT i.id, 'Andel elever som når målen i ämne ' || CAST(k.n AS TEXT),"
                  " '68 %', '80 %', 'varje månad', '', 0, 100, ? FROM interventions i"
                  " JOIN (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5"
                  " UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8) k ON k.n <= 10 - (SELECT COUNT(*)"
                  " FROM indicators x JOIN interventions j ON j.id = x.intervention_id WHERE j.case_id = i.case_id)"
                  " WHERE i.case_id >= ? AND i.id = (SELECT MIN(j.id) FROM interventions j WHERE j.case_id = i.case_id)",
           "ii", now, d->scale_first_case);
    db_stmt_t *st = db_prepare(d->db, "SELECT x.id, c.id, c.start_date, c.planned_end FROM indicators x"
                                      " JOIN interventions i ON i.id = x.intervention_id JOIN cases c ON c.id = i.case_id"
                                      " WHERE c.id >= ? ORDER BY x.id");
    db_bind_int(st, 1, d->scale_first_case);
    typedef struct {
        int64_t id, case_id;
        const char *start, *end;
    } row_t;
    size_t n = 0, cap = 0, written = 0;
    row_t *rows = NULL;
    while (db_step(st) == DB_ROW) {
        row_t *r = ARENA_PUSH(d->arena, rows, n, cap);
        *r = (row_t){db_col_int(st, 0), db_col_int(st, 1), db_col_str(st, 2, d->arena), db_col_str(st, 3, d->arena)};
    }
    db_done(st);
    unsigned seed = 2026;
    for (size_t i = 0; i < n; i++) {
        read_monthly(d, rows[i].id, rows[i].case_id, rows[i].start, rows[i].end, &seed, &written);
        followup_settle(d->db, rows[i].id, d->arena);
    }
    tx_finish(d->db, true, d->arena, &err);
    fprintf(d->out, "  nationell skala:     %zu indikatorer med %zu avläsningar\n", n, written);
}

static void followup_demo(demo_t *d)
{
    boras(d);
    scale(d);
}

const demo_step_t followup_demo_steps[] = {{64, followup_demo}, {0, NULL}};
