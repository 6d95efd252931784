/* import.c — a case's readings as one file, out and in (followup.h): the download lists
 * every reading with its indicator's number, and a file in the same columns is read back
 * whole, each row checked as the form checks one reading, all written or none. */
#include "followup.h"
#include "../access/access.h"
#include "../base/vec.h"
#include "../db/tx.h"
#include "../io/csv.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

size_t followup_case_readings(db_t *db, const viewer_t *v, const case_row_t *c, arena_t *a, case_reading_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT r.id, r.indicator_id, r.period, r.grp, r.value, r.note, r.entered_by,"
                                   " r.entered_at, x.measure, COALESCE(u.name, '') FROM indicator_readings r"
                                   " JOIN indicators x ON x.id = r.indicator_id"
                                   " JOIN interventions i ON i.id = x.intervention_id JOIN plans y ON y.id = i.plan_id"
                                   " JOIN cases c ON c.id = y.case_id LEFT JOIN units u ON u.id = y.unit_id"
                                   " WHERE " ACCESS_CASE_SCOPE " AND " ACCESS_ANALYSIS_SCOPE " AND c.id = ?"
                                   " ORDER BY r.indicator_id, r.period, r.entered_at, r.id");
    int i = access_bind_case(st, 1, v);
    i = access_bind_analysis(st, i, v);
    db_bind_int(st, i, c->id);
    size_t n = 0, cap = 0;
    case_reading_t *r = NULL;
    while (db_step(st) == DB_ROW) {
        case_reading_t *x = ARENA_PUSH(a, r, n, cap);
        x->r.id = db_col_int(st, 0);
        x->r.indicator_id = db_col_int(st, 1);
        x->r.period = db_col_str(st, 2, a);
        x->r.grp = db_col_str(st, 3, a);
        x->r.value = db_col_double(st, 4);
        x->r.note = db_col_str(st, 5, a);
        x->r.entered_by = db_col_str(st, 6, a);
        x->r.entered_at = db_col_int(st, 7);
        x->measure = db_col_str(st, 8, a);
        const char *unit = db_col_str(st, 9, a);
        x->plan = *unit ? unit : "Huvudmannanivån";
    }
    db_done(st);
    *out = r;
    return n;
}

enum { COL_INDICATOR, COL_PERIOD, COL_GROUP, COL_VALUE, COL_NOTE };
static const csv_column_t columns[] = {
    {"indicator", "Indikatornummer|Indikator-id|Indikator id|Indikator nr", true},
    {"period", "Period|Månad", true},
    {"grp", "Grupp", false},
    {"value", "Värde", true},
    {"note", "Kommentar", false},
};

typedef struct checked {
    followed_t *f;
    reading_input_t in;
    double value;
} checked_t;

/* The indicators the file names, each read once through the scope. */
typedef struct known {
    int64_t id;
    followed_t *f; /* NULL: not one the viewer records for in this case */
} known_t;

static followed_t *indicator_of(db_t *db, const viewer_t *v, const case_row_t *c, int64_t id, known_t **k, size_t *n,
                                size_t *cap, arena_t *a)
{
    for (size_t i = 0; i < *n; i++)
        if ((*k)[i].id == id)
            return (*k)[i].f;
    followed_t *f = followup_get(db, v, id, a);
    if (f && (f->c->id != c->id || !followup_may_record(db, v, f)))
        f = NULL;
    known_t *x = ARENA_PUSH(a, *k, *n, *cap);
    x->id = id;
    x->f = f;
    return f;
}

static bool cell_error(const csv_table_t *t, const csv_row_t *row, int col, arena_t *a, char **err, const char *msg)
{
    *err = arena_printf(a, "%s: rad %zu, kolumn \"%s\": %s Inget sparades.", t->filename, row->line,
                        t->column_header[col] ? t->column_header[col] : columns[col].headers, msg);
    return false;
}

static int column_of(const char *field)
{
    return strcmp(field, "period") == 0 ? COL_PERIOD : strcmp(field, "grp") == 0 ? COL_GROUP : COL_VALUE;
}

bool followup_import(db_t *db, const viewer_t *v, const case_row_t *c, const char *filename, const char *data,
                     size_t len, arena_t *a, size_t *imported, char **err)
{
    *imported = 0;
    csv_table_t t;
    if (!csv_read_table(a, filename, data, len, columns, sizeof columns / sizeof *columns, &t, err))
        return false;
    if (t.nrows == 0) {
        *err = arena_printf(a, "%s: filen har inga avläsningar. Inget sparades.", filename);
        return false;
    }
    known_t *known = NULL;
    size_t nknown = 0, kcap = 0;
    checked_t *rows = arena_alloc(a, t.nrows * sizeof *rows);
    for (size_t i = 0; i < t.nrows; i++) {
        const csv_row_t *row = &t.rows[i];
        const char *id_text = csv_field(&t, row, COL_INDICATOR);
        char *end;
        long long id = strtoll(id_text, &end, 10);
        if (!*id_text || *end || id <= 0)
            return cell_error(&t, row, COL_INDICATOR, a, err, "Ange indikatorns nummer, som det står i ärendets lista.");
        followed_t *f = indicator_of(db, v, c, id, &known, &nknown, &kcap, a);
        if (!f)
            return cell_error(&t, row, COL_INDICATOR, a, err,
                              arena_printf(a, "Indikator %lld finns inte i ärendet, eller så för du inte in "
                                              "avläsningar för den.", id));
        rows[i].f = f;
        rows[i].in = (reading_input_t){csv_field(&t, row, COL_PERIOD), csv_field(&t, row, COL_GROUP),
                                       csv_field(&t, row, COL_VALUE), csv_field(&t, row, COL_NOTE)};
        const char *field;
        char *why = NULL;
        if (!followup_valid_reading(f, &rows[i].in, &rows[i].value, a, &field, &why))
            return cell_error(&t, row, column_of(field), a, err, why);
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = true;
    int64_t now = (int64_t)time(NULL);
    for (size_t i = 0; i < t.nrows && ok; i++)
        ok = db_run(db, "INSERT INTO indicator_readings (indicator_id, case_id, period, grp, value, note, entered_by,"
                        " entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "iittdtti", rows[i].f->ind.id, c->id,
                    rows[i].in.period, rows[i].in.grp, rows[i].value, rows[i].in.note, v->name ? v->name : "",
                    now) == DB_DONE;
    for (size_t k = 0; k < nknown && ok; k++)
        ok = followup_settle(db, known[k].id, a);
    if (ok) {
        json_t *touched = json_array();
        for (size_t k = 0; k < nknown; k++)
            json_array_append_new(touched, json_integer((json_int_t)known[k].id));
        ok = tx_audit(db, v, "followup:import", "case", c->id,
                      json_pack("{s:s, s:I, s:o}", "file", filename, "readings", (json_int_t)t.nrows, "indicators",
                                touched));
    }
    if (!tx_finish(db, ok, a, err))
        return false;
    *imported = t.nrows;
    return true;
}
