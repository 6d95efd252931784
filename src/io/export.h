/* export.h — one table, written as CSV (Swedish Excel dialect: UTF-8 BOM, ';', decimal
 * comma) or XLSX. Text cells that start with = + - @ tab or CR are neutralised with a
 * leading apostrophe, so no spreadsheet runs them as formulas. */
#ifndef SV_EXPORT_H
#define SV_EXPORT_H
#include "../base/arena.h"
#include "../base/buf.h"
#include <stdbool.h>
#include <stddef.h>

typedef enum export_kind { EXPORT_TEXT, EXPORT_INT, EXPORT_DECIMAL } export_kind_t;

typedef struct export_cell {
    const char *text;   /* EXPORT_TEXT; NULL = empty */
    double number;      /* EXPORT_INT / EXPORT_DECIMAL */
    bool empty;         /* a number column without a value */
} export_cell_t;

typedef struct export_table {
    const char *sheet;       /* XLSX sheet name */
    size_t ncols;
    const char **headers;
    const export_kind_t *kinds;
    size_t nrows, cap;
    export_cell_t *cells;    /* nrows * ncols, row-major */
    arena_t *arena;
} export_table_t;

void export_init(export_table_t *t, arena_t *a, const char *sheet, size_t ncols,
                 const char **headers, const export_kind_t *kinds);
/* Starts a new row and returns its cells (all empty) to fill: text by setting .text,
 * numbers with export_number (a number written to .number alone would stay empty). */
export_cell_t *export_add_row(export_table_t *t);
/* Puts a number in a cell; NaN leaves it empty. */
void export_number(export_cell_t *c, double v);
/* True when a text cell would be read as a formula. */
bool export_needs_neutralising(const char *s);
void export_csv(const export_table_t *t, buf_t *out);
/* Builds the workbook in a temporary file and reads it into out; false on failure. */
bool export_xlsx(const export_table_t *t, buf_t *out);

#endif
