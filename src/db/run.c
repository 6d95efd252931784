/* run.c — one-statement writes and lookups with their parameters given inline, for the
 * many small statements an area's store runs (still prepared, still bound). */
#include "db.h"
#include <math.h>
#include <stdarg.h>

/* Binds the arguments described by types: 'i' int64_t, 'z' int64_t with 0 as NULL, 't' text,
 * 'd' double, 'D' double with NaN as NULL, 'n' NULL (takes no argument). */
static void bind_va(db_stmt_t *st, const char *types, va_list ap)
{
    for (int i = 0; types[i]; i++) {
        switch (types[i]) {
        case 'i': db_bind_int(st, i + 1, va_arg(ap, int64_t)); break;
        case 't': db_bind_text(st, i + 1, va_arg(ap, const char *)); break;
        case 'd': db_bind_double(st, i + 1, va_arg(ap, double)); break;
        case 'D': { /* an optional measurement: NaN is NULL */
            double v = va_arg(ap, double);
            if (isnan(v))
                db_bind_null(st, i + 1);
            else
                db_bind_double(st, i + 1, v);
            break;
        }
        case 'z': { /* an optional reference: 0 is NULL */
            int64_t v = va_arg(ap, int64_t);
            if (v)
                db_bind_int(st, i + 1, v);
            else
                db_bind_null(st, i + 1);
            break;
        }
        default: db_bind_null(st, i + 1); break;
        }
    }
}

int db_run_sql(db_t *db, sql_t sql, const char *types, ...)
{
    db_stmt_t *st = db_prepare_sql(db, sql);
    va_list ap;
    va_start(ap, types);
    if (st)
        bind_va(st, types, ap);
    va_end(ap);
    int rc = db_step(st); /* DB_ERROR for a statement that did not prepare */
    db_done(st);
    return rc == DB_ROW ? DB_DONE : rc;
}

int64_t db_run_int_sql(db_t *db, int64_t dflt, sql_t sql, const char *types, ...)
{
    db_stmt_t *st = db_prepare_sql(db, sql);
    va_list ap;
    va_start(ap, types);
    if (st)
        bind_va(st, types, ap);
    va_end(ap);
    int64_t v = db_step(st) == DB_ROW && !db_col_is_null(st, 0) ? db_col_int(st, 0) : dflt;
    db_done(st);
    return v;
}

const char *db_col_str(db_stmt_t *st, int col, arena_t *a)
{
    const char *s = db_col_text(st, col);
    return arena_strdup(a, s ? s : "");
}

int64_t db_col_int0(db_stmt_t *st, int col)
{
    return db_col_is_null(st, col) ? 0 : db_col_int(st, col);
}
