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
#include <stdio.h>

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

/* Reading a file as a stream: memory for one row at a time (an XLSX file's shared
 * strings excepted), whatever the file's size. The reader finds the header as below,
 * calls on_header once (t describes the header and preamble), then on_row for each data
 * row. Rows live in scratch, which is reset after each row (NULL: rows stay in a). A
 * callback that returns false stops the reading; it has set *err. */
typedef struct csv_stream {
    const char *filename;
    const csv_column_t *columns;
    size_t ncolumns;
    arena_t *scratch;
    bool (*on_header)(void *ctx, const csv_table_t *t, char **err);
    bool (*on_row)(void *ctx, const csv_table_t *t, const csv_row_t *row, char **err);
    void *ctx;
} csv_stream_t;

/* Reads f (CSV or XLSX, from its start) row by row. Returns true when every row was read
 * and accepted; on failure *err is a Swedish message naming the file, row and column
 * (allocated in a). The data end at the first empty row; a row after it with a key
 * (columns[0]) is an error. A NUL byte in a cell is refused. */
bool csv_stream_file(arena_t *a, FILE *f, const csv_stream_t *s, csv_table_t *t, char **err);

/* Reads data[0..len) into t (allocated in a), through the same reader. columns[0] is the
 * key column. Returns true on success; on failure returns false and sets *err to a
 * Swedish message naming the file, row and column (allocated in a). */
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
