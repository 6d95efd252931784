/* csv.h — reads the CSV files Skolverket and SCB publish (and XLSX files, through
 * xlsx_read.h, into the same table), as they are: UTF-8 with a BOM
 * or Windows-1252, ';' or ',', preamble lines before the header, footnotes after the
 * data, decimal comma, '.' missing, '..' suppressed, '~100' rounded.
 * The caller names the columns it needs; the reader finds the header row by them and
 * maps each to its position, so column order and extra columns do not matter. */
#ifndef SV_CSV_H
#define SV_CSV_H
#include "../base/arena.h"
#include <stdbool.h>
#include <stddef.h>

typedef struct csv_column {
    const char *key;     /* the caller's name for the column */
    const char *headers; /* accepted header texts, separated by '|', compared folded */
    bool required;
} csv_column_t;

typedef struct csv_row {
    size_t line;         /* line number in the file, 1-based */
    size_t nfields;
    char **fields;       /* trimmed UTF-8 */
} csv_row_t;

typedef struct csv_table {
    const char *filename;
    char delimiter;
    size_t header_line;
    size_t ncolumns;           /* as given by the caller */
    int *column_index;         /* position of each requested column in a row, -1 if absent */
    char **column_header;      /* header text found for each requested column */
    size_t nrows;
    csv_row_t *rows;           /* data rows only (no preamble, header or footer) */
    int school_year_end;       /* from "Valt läsår: 2024/25" in the preamble: 2025; 0 if none */
    bool was_cp1252;
} csv_table_t;

/* Reads data[0..len) into t (allocated in a). columns[0] is the key column: the data end
 * at the first empty row, and a row after that with a key is an error. Returns true on
 * success; on failure returns false and sets *err to a Swedish message naming the file,
 * row and column (allocated in a). */
bool csv_read_table(arena_t *a, const char *filename, const char *data, size_t len,
                    const csv_column_t *columns, size_t ncolumns, csv_table_t *t, char **err);

/* The field of column c in row r ("" when the column is absent or the row short). */
const char *csv_field(const csv_table_t *t, const csv_row_t *r, size_t c);

typedef enum csv_value_kind {
    CSV_VALUE,       /* a number */
    CSV_MISSING,     /* empty or '.' */
    CSV_SUPPRESSED,  /* '..' too few to report */
    CSV_ROUNDED,     /* '~100' a rounded number */
    CSV_INVALID,     /* not a number */
} csv_value_kind_t;

/* Parses a statistics cell: "47,5", "47.5", "1 120", ".", "..", "~100", "". */
csv_value_kind_t csv_parse_value(const char *s, double *out);
/* Swedish name of a kind, for messages and exports: "saknas", "för få", "avrundat". */
const char *csv_value_kind_label(csv_value_kind_t k);

#endif
