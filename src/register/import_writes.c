/* import_writes.c — the import's queued writes (import_writes.h). */
#include "import_writes.h"
#include "../base/alloc.h"
#include <math.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>

enum { IMPORT_WRITES_FLUSH_AT = 4096, ID_BLOCK = 512 };

typedef struct value {
    char type; /* 'i', 't', 'd', 'n' */
    int64_t i;
    double d;
    const char *t;
} value_t;

/* A kind's statements: for 64, 8 and 1 rows (a kind written one row at a time has only
 * the last: an update, or an upsert whose rows may repeat a key), and for rows that are
 * only added, the COPY that streams them all at once where the database has it. */
typedef struct kind_sql {
    int ncols;
    sql_t many, some, one;
    sql_t copy;
} kind_sql_t;

/* A write one row at a time costs a round trip per row on PostgreSQL. There the rows are
 * copied into a temporary table (dropped at commit) and applied by one statement that
 * ends as the rows one after another would: an update's last row for a key wins; a
 * municipality a register file names keeps its first name and its first known county. */
typedef struct staged_sql {
    sql_t create, copy, apply, empty;
} staged_sql_t;

static const staged_sql_t staged[IW_KINDS] = {
    [IW_MUNICIPALITY] = {
        SQL_CONST("CREATE TEMPORARY TABLE municipality_rows (seq BIGSERIAL, code TEXT, name TEXT,"
                  " name_search TEXT, county_code TEXT) ON COMMIT DROP"),
        SQL_CONST("COPY municipality_rows (code, name, name_search, county_code) FROM STDIN"),
        SQL_CONST("INSERT INTO municipalities (code, name, name_search, county_code)"
                  " SELECT DISTINCT ON (code) code, name, name_search,"
                  " (SELECT k.county_code FROM municipality_rows k WHERE k.code = r.code AND k.county_code IS NOT NULL"
                  " ORDER BY k.seq LIMIT 1)"
                  " FROM municipality_rows r ORDER BY code, seq"
                  " ON CONFLICT (code) DO UPDATE SET"
                  " county_code = COALESCE(municipalities.county_code, excluded.county_code)"),
        SQL_CONST("DELETE FROM municipality_rows")},
    [IW_ORGANISER_CHANGE] = {
        SQL_CONST("CREATE TEMPORARY TABLE organiser_changes (seq BIGSERIAL, name TEXT, name_search TEXT,"
                  " name_year INTEGER, kind TEXT, municipality_code TEXT, legal_form TEXT, postal_town TEXT,"
                  " school_forms TEXT, updated_at BIGINT, orgnr TEXT) ON COMMIT DROP"),
        SQL_CONST("COPY organiser_changes (name, name_search, name_year, kind, municipality_code, legal_form,"
                  " postal_town, school_forms, updated_at, orgnr) FROM STDIN"),
        SQL_CONST("UPDATE organisers SET name = c.name, name_search = c.name_search, name_year = c.name_year,"
                  " kind = c.kind, municipality_code = c.municipality_code, legal_form = c.legal_form,"
                  " postal_town = c.postal_town, school_forms = c.school_forms, updated_at = c.updated_at"
                  " FROM (SELECT DISTINCT ON (orgnr) * FROM organiser_changes ORDER BY orgnr, seq DESC) c"
                  " WHERE organisers.orgnr = c.orgnr"),
        SQL_CONST("DELETE FROM organiser_changes")},
    [IW_UNIT_CHANGE] = {
        SQL_CONST("CREATE TEMPORARY TABLE unit_changes (seq BIGSERIAL, organiser_id BIGINT, pupils INTEGER,"
                  " name TEXT, name_search TEXT, municipality_code TEXT, school_forms TEXT, grades TEXT,"
                  " address TEXT, postal_town TEXT, name_year INTEGER, latitude DOUBLE PRECISION,"
                  " longitude DOUBLE PRECISION, updated_at BIGINT, code TEXT) ON COMMIT DROP"),
        SQL_CONST("COPY unit_changes (organiser_id, pupils, name, name_search, municipality_code, school_forms,"
                  " grades, address, postal_town, name_year, latitude, longitude, updated_at, code) FROM STDIN"),
        SQL_CONST("UPDATE units SET organiser_id = c.organiser_id, pupils = c.pupils, name = c.name,"
                  " name_search = c.name_search, municipality_code = c.municipality_code,"
                  " school_forms = c.school_forms, grades = c.grades, address = c.address,"
                  " postal_town = c.postal_town, name_year = c.name_year, latitude = c.latitude,"
                  " longitude = c.longitude, updated_at = c.updated_at"
                  " FROM (SELECT DISTINCT ON (code) * FROM unit_changes ORDER BY code, seq DESC) c"
                  " WHERE units.code = c.code"),
        SQL_CONST("DELETE FROM unit_changes")},
};

#define X8(r) r ", " r ", " r ", " r ", " r ", " r ", " r ", " r
#define X64(r) X8(r) ", " X8(r) ", " X8(r) ", " X8(r) ", " X8(r) ", " X8(r) ", " X8(r) ", " X8(r)
#define ROW4 "(?, ?, ?, ?)"
#define ROW6 "(?, ?, ?, ?, ?, ?)"
#define ROW8 "(?, ?, ?, ?, ?, ?, ?, ?)"
#define ROW12 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define ROW16 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

#define MUNI_SET "INSERT INTO municipalities (code, name, name_search, county_code) VALUES "
#define MUNI_SET_CONFLICT " ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_search = excluded.name_search," \
                          " county_code = excluded.county_code"
#define ORG_COLUMNS " (id, name, name_search, name_year, kind, municipality_code, legal_form," \
                    " postal_town, school_forms, created_at, updated_at, orgnr)"
#define ORG_ADD "INSERT INTO organisers" ORG_COLUMNS " VALUES "
#define UNIT_COLUMNS " (id, organiser_id, pupils, name, name_search, municipality_code, school_forms," \
                     " grades, address, postal_town, name_year, latitude, longitude, created_at, updated_at, code)"
#define UNIT_ADD "INSERT INTO units" UNIT_COLUMNS " VALUES "
#define STAT_COLUMNS " (unit_id, year, variable, value, flag, source)"
#define STAT_ADD "INSERT INTO unit_stats" STAT_COLUMNS " VALUES "
#define STAT_CONFLICT " ON CONFLICT (unit_id, year, variable) DO UPDATE SET value = excluded.value," \
                      " flag = excluded.flag, source = excluded.source"
#define AUDIT_COLUMNS " (at, user_id, actor, action, object_type, object_key, before_json, after_json)"
#define AUDIT_ADD "INSERT INTO audit" AUDIT_COLUMNS " VALUES "

static const kind_sql_t kinds[IW_KINDS] = {
    [IW_MUNICIPALITY] = {4, SQL_CONST(""), SQL_CONST(""),
                         SQL_CONST(MUNI_SET ROW4 " ON CONFLICT (code) DO UPDATE SET"
                                   " county_code = COALESCE(municipalities.county_code, excluded.county_code)")},
    [IW_MUNICIPALITY_SET] = {4, SQL_CONST(MUNI_SET X64(ROW4) MUNI_SET_CONFLICT), SQL_CONST(MUNI_SET X8(ROW4) MUNI_SET_CONFLICT),
                             SQL_CONST(MUNI_SET ROW4 MUNI_SET_CONFLICT)},
    [IW_ORGANISER_ADD] = {12, SQL_CONST(ORG_ADD X64(ROW12)), SQL_CONST(ORG_ADD X8(ROW12)), SQL_CONST(ORG_ADD ROW12),
                          SQL_CONST("COPY organisers" ORG_COLUMNS " FROM STDIN")},
    [IW_ORGANISER_CHANGE] = {10, SQL_CONST(""), SQL_CONST(""),
                             SQL_CONST("UPDATE organisers SET name = ?, name_search = ?, name_year = ?, kind = ?,"
                                       " municipality_code = ?, legal_form = ?, postal_town = ?, school_forms = ?,"
                                       " updated_at = ? WHERE orgnr = ?")},
    [IW_UNIT_ADD] = {16, SQL_CONST(UNIT_ADD X64(ROW16)), SQL_CONST(UNIT_ADD X8(ROW16)), SQL_CONST(UNIT_ADD ROW16),
                     SQL_CONST("COPY units" UNIT_COLUMNS " FROM STDIN")},
    [IW_UNIT_CHANGE] = {14, SQL_CONST(""), SQL_CONST(""),
                        SQL_CONST("UPDATE units SET organiser_id = ?, pupils = ?, name = ?, name_search = ?,"
                                  " municipality_code = ?, school_forms = ?, grades = ?, address = ?, postal_town = ?,"
                                  " name_year = ?, latitude = ?, longitude = ?, updated_at = ? WHERE code = ?")},
    [IW_STAT] = {6, SQL_CONST(STAT_ADD X64(ROW6) STAT_CONFLICT), SQL_CONST(STAT_ADD X8(ROW6) STAT_CONFLICT),
                 SQL_CONST(STAT_ADD ROW6 STAT_CONFLICT)},
    [IW_STAT_ADD] = {6, SQL_CONST(STAT_ADD X64(ROW6)), SQL_CONST(STAT_ADD X8(ROW6)), SQL_CONST(STAT_ADD ROW6),
                     SQL_CONST("COPY unit_stats" STAT_COLUMNS " FROM STDIN")},
    [IW_AUDIT] = {8, SQL_CONST(AUDIT_ADD X64(ROW8)), SQL_CONST(AUDIT_ADD X8(ROW8)), SQL_CONST(AUDIT_ADD ROW8),
                  SQL_CONST("COPY audit" AUDIT_COLUMNS " FROM STDIN")},
};

typedef struct queue {
    value_t *values;
    size_t nrows, cap; /* cap in rows */
} queue_t;

typedef struct id_pool {
    int64_t *ids;
    size_t n, next;
} id_pool_t;

struct import_writes {
    db_t *db;
    arena_t *a;      /* the import's: the id pools */
    arena_t queued_a; /* the queued rows' strings, emptied at each flush */
    buf_t copy;       /* the rows of one COPY, reused */
    bool stage_made[IW_KINDS];
    queue_t q[IW_KINDS];
    size_t queued;
    size_t added[IW_KINDS]; /* rows queued per kind over the whole import */
    id_pool_t organisers, units;
};

static void release_queues(void *ctx)
{
    import_writes_t *w = ctx;
    for (int k = 0; k < IW_KINDS; k++)
        free(w->q[k].values);
    arena_free(&w->queued_a);
    buf_free(&w->copy);
}

import_writes_t *import_writes_new(db_t *db, arena_t *a)
{
    import_writes_t *w = arena_alloc(a, sizeof *w);
    w->db = db;
    w->a = a;
    arena_defer(a, release_queues, w);
    return w;
}

static value_t *push_row(import_writes_t *w, import_write_kind_t k)
{
    queue_t *q = &w->q[k];
    size_t ncols = (size_t)kinds[k].ncols;
    if (q->nrows == q->cap) {
        /* The queue keeps its size from one write to the next. */
        size_t cap = q->cap ? q->cap * 2 : 64;
        q->values = xrealloc(q->values, cap * ncols * sizeof *q->values);
        q->cap = cap;
    }
    w->added[k]++;
    return &q->values[q->nrows++ * ncols];
}

size_t import_writes_count(const import_writes_t *w, import_write_kind_t k) { return w ? w->added[k] : 0; }

static bool add_values(import_writes_t *w, import_write_kind_t k, const char *types, va_list ap)
{
    if (strlen(types) != (size_t)kinds[k].ncols)
        return false; /* a programming error: the row would not fit its statement */
    value_t *row = push_row(w, k);
    for (int c = 0; c < kinds[k].ncols; c++) {
        value_t *v = &row[c];
        switch (types[c]) {
        case 'i':
            *v = (value_t){.type = 'i', .i = va_arg(ap, int64_t)};
            break;
        case 'z':
            v->i = va_arg(ap, int64_t);
            v->type = v->i ? 'i' : 'n';
            break;
        case 'p': /* a count that is unknown when negative */
            v->i = va_arg(ap, int64_t);
            v->type = v->i >= 0 ? 'i' : 'n';
            break;
        case 'd':
            *v = (value_t){.type = 'd', .d = va_arg(ap, double)};
            break;
        case 'D': /* a value that is unknown when NaN */
            v->d = va_arg(ap, double);
            v->type = isnan(v->d) ? 'n' : 'd';
            break;
        case 't': {
            const char *s = va_arg(ap, const char *);
            *v = (value_t){.type = s ? 't' : 'n', .t = s ? arena_strdup(&w->queued_a, s) : NULL};
            break;
        }
        default:
            *v = (value_t){.type = 'n'};
        }
    }
    if (++w->queued >= IMPORT_WRITES_FLUSH_AT)
        return import_writes_flush(w);
    return true;
}

bool import_writes_add(import_writes_t *w, import_write_kind_t k, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    bool ok = add_values(w, k, types, ap);
    va_end(ap);
    return ok;
}

bool import_writes_audit(import_writes_t *w, const viewer_t *who, const char *action, const char *type,
                         const char *key, const char *before_json, const char *after_json)
{
    return import_writes_add(w, IW_AUDIT, "iztttttt", (int64_t)time(NULL), who->user_id,
                             who->email ? who->email : "okänd", action, type, key, before_json, after_json);
}

int64_t import_writes_next_id(import_writes_t *w, const char *table)
{
    bool units = strcmp(table, "units") == 0;
    id_pool_t *p = units ? &w->units : &w->organisers;
    if (p->next < p->n)
        return p->ids[p->next++];
    if (!p->ids)
        p->ids = arena_alloc(w->a, ID_BLOCK * sizeof *p->ids);
    p->n = p->next = 0;
    if (db_backend(w->db) == DB_POSTGRES) {
        /* A block from the identity's sequence: other writers never get the same ids. */
        db_stmt_t *st = units ? db_prepare(w->db, "SELECT nextval(pg_get_serial_sequence('units', 'id'))"
                                                  " FROM generate_series(1, 512)")
                              : db_prepare(w->db, "SELECT nextval(pg_get_serial_sequence('organisers', 'id'))"
                                                  " FROM generate_series(1, 512)");
        while (st && p->n < ID_BLOCK && db_step(st) == DB_ROW)
            p->ids[p->n++] = db_col_int(st, 0);
        db_done(st);
    } else {
        /* SQLite: the import holds the write lock, so the ids above the largest are free
         * until it commits; the queued rows are counted in. */
        int64_t top = units ? db_run_int(w->db, -1, "SELECT COALESCE(MAX(id), 0) FROM units", "")
                            : db_run_int(w->db, -1, "SELECT COALESCE(MAX(id), 0) FROM organisers", "");
        int64_t last = p->ids[ID_BLOCK - 1] ? p->ids[ID_BLOCK - 1] : 0;
        if (top < 0)
            return 0;
        if (last > top)
            top = last;
        for (size_t i = 0; i < ID_BLOCK; i++)
            p->ids[p->n++] = top + 1 + (int64_t)i;
    }
    return p->next < p->n ? p->ids[p->next++] : 0;
}

static void bind_value(db_stmt_t *st, int idx, const value_t *v)
{
    switch (v->type) {
    case 'i': db_bind_int(st, idx, v->i); break;
    case 'd': db_bind_double(st, idx, v->d); break;
    case 't': db_bind_text(st, idx, v->t); break;
    default: db_bind_null(st, idx);
    }
}

/* Writes rows [from, from + n) of kind k with one statement of n rows (64, 8 or 1). */
static bool write_rows(import_writes_t *w, import_write_kind_t k, size_t from, size_t n)
{
    const kind_sql_t *ks = &kinds[k];
    db_stmt_t *st = db_prepare_sql(w->db, n == 64 ? ks->many : n == 8 ? ks->some : ks->one);
    if (!st)
        return false;
    size_t ncols = (size_t)ks->ncols;
    const value_t *v = &w->q[k].values[from * ncols];
    for (size_t i = 0; i < n * ncols; i++)
        bind_value(st, (int)i + 1, &v[i]);
    int rc = db_step(st);
    db_done(st);
    return rc == DB_DONE;
}

/* A value in COPY's text format, as the INSERT would bind it (a real with 17 digits, so it
 * reads back the same). */
static void copy_value(buf_t *b, const value_t *v)
{
    switch (v->type) {
    case 'i': buf_printf(b, "%lld", (long long)v->i); break;
    case 'd': buf_printf(b, "%.17g", v->d); break;
    case 't': db_copy_text(b, v->t); break;
    default: db_copy_text(b, NULL);
    }
}

/* The queued rows of kind k in COPY's text format, in w->copy. */
static void fill_copy(import_writes_t *w, import_write_kind_t k)
{
    const queue_t *q = &w->q[k];
    size_t ncols = (size_t)kinds[k].ncols;
    buf_reset(&w->copy);
    for (size_t i = 0; i < q->nrows * ncols; i++) {
        copy_value(&w->copy, &q->values[i]);
        buf_putc(&w->copy, (i + 1) % ncols ? '\t' : '\n');
    }
}

/* Writes all queued rows of kind k with one COPY. */
static bool copy_rows(import_writes_t *w, import_write_kind_t k)
{
    fill_copy(w, k);
    return db_copy_rows(w->db, kinds[k].copy, w->copy.data, w->copy.len) == DB_DONE;
}

/* Writes the queued rows of an update kind k through its temporary table. */
static bool copy_rows_staged(import_writes_t *w, import_write_kind_t k)
{
    fill_copy(w, k);
    const staged_sql_t *sq = &staged[k];
    if (!w->stage_made[k] && db_exec_sql(w->db, sq->create) != DB_OK)
        return false;
    w->stage_made[k] = true;
    if (db_copy_rows(w->db, sq->copy, w->copy.data, w->copy.len) != DB_DONE)
        return false;
    return db_exec_sql(w->db, sq->apply) == DB_OK && db_exec_sql(w->db, sq->empty) == DB_OK;
}

bool import_writes_flush(import_writes_t *w)
{
    bool can_copy = db_can_copy(w->db);
    for (int k = 0; k < IW_KINDS; k++) {
        queue_t *q = &w->q[k];
        if (q->nrows && can_copy && (kinds[k].copy.text || staged[k].create.text)) {
            if (!(kinds[k].copy.text ? copy_rows(w, (import_write_kind_t)k)
                                     : copy_rows_staged(w, (import_write_kind_t)k)))
                return false;
            continue;
        }
        bool batched = *kinds[k].many.text != '\0';
        size_t i = 0;
        while (i < q->nrows) {
            size_t left = q->nrows - i, n = !batched ? 1 : left >= 64 ? 64 : left >= 8 ? 8 : 1;
            if (!write_rows(w, (import_write_kind_t)k, i, n))
                return false;
            i += n;
        }
    }
    for (int k = 0; k < IW_KINDS; k++)
        w->q[k].nrows = 0;
    w->queued = 0;
    arena_reset(&w->queued_a);
    return true;
}
