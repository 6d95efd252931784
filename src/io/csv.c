/* csv.c — the Skolverket CSV dialect on top of libcsv. */
#include "csv.h"
#include "../base/vec.h"
#include "../base/buf.h"
#include "../base/text.h"
#include "xlsx_read.h"
#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { HEADER_SEARCH_ROWS = 40 };

/* Rows collected while parsing, before header detection. */
typedef struct collect {
    arena_t *a;
    csv_row_t *rows;
    size_t nrows, cap;
    char **fields;
    size_t nfields, fcap;
    size_t line;        /* current physical line */
    size_t row_line;    /* line where the current record started */
} collect_t;

static void on_field(void *s, size_t len, void *data)
{
    collect_t *c = data;
    if (c->nfields == 0 && c->row_line == 0)
        c->row_line = c->line;
    char *v = arena_strndup(c->a, s ? s : "", s ? len : 0);
    *ARENA_PUSH(c->a, c->fields, c->nfields, c->fcap) = text_trim(v);
}

static void on_row(int term, void *data)
{
    (void)term;
    collect_t *c = data;
    csv_row_t *r = ARENA_PUSH(c->a, c->rows, c->nrows, c->cap);
    r->line = c->row_line ? c->row_line : c->line;
    r->nfields = c->nfields;
    r->fields = c->fields;
    c->fields = NULL;
    c->nfields = c->fcap = 0;
    c->row_line = 0;
}

static char detect_delimiter(const char *s, size_t n)
{
    size_t semi = 0, comma = 0, lines = 0;
    int quoted = 0;
    for (size_t i = 0; i < n && lines < 20; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == ';')
            semi++;
        else if (!quoted && s[i] == ',')
            comma++;
        else if (s[i] == '\n')
            lines++;
    }
    return semi > comma ? ';' : ',';
}

static bool row_is_empty(const csv_row_t *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (r->fields[i][0])
            return false;
    return true;
}

/* The position of the first header alternative (in the caller's order of preference)
 * present in the row, or -1. */
static int find_column(const csv_row_t *row, const char *alternatives)
{
    char alt[256];
    const char *p = alternatives;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n >= sizeof alt)
            n = sizeof alt - 1;
        memcpy(alt, p, n);
        alt[n] = '\0';
        for (size_t f = 0; f < row->nfields; f++)
            if (row->fields[f][0] && text_equal_folded(row->fields[f], alt))
                return (int)f;
        p += n + (bar ? 1 : 0);
    }
    return -1;
}

/* Finds the school year in a preamble line such as "Valt läsår: 2024/25". */
static int preamble_year(const csv_row_t *r)
{
    for (size_t i = 0; i < r->nfields; i++) {
        const char *f = r->fields[i];
        const char *p = strstr(f, "läsår");
        if (!p)
            continue;
        p += strlen("läsår");
        while (*p == ':' || *p == ' ')
            p++;
        if (strlen(p) >= 7 && text_is_digits(p, 4) && p[4] == '/' && text_is_digits(p + 5, 2))
            return atoi(p) + 1;
    }
    return 0;
}

static const char *first_header(const char *alternatives, arena_t *a)
{
    const char *bar = strchr(alternatives, '|');
    return bar ? arena_strndup(a, alternatives, (size_t)(bar - alternatives)) : alternatives;
}

static bool collect_csv(arena_t *a, const char *filename, const char *data, size_t len, csv_table_t *t,
                        collect_t *cp, char **err);
static bool find_header(arena_t *a, const char *filename, const csv_column_t *columns, size_t ncolumns,
                        const collect_t *cp, csv_table_t *t, char **err);

bool csv_read_table(arena_t *a, const char *filename, const char *data, size_t len,
                    const csv_column_t *columns, size_t ncolumns, csv_table_t *t, char **err)
{
    memset(t, 0, sizeof *t);
    t->filename = filename;
    *err = NULL;
    collect_t c = {.a = a};
    if (xlsx_is_archive(data, len)) {
        t->delimiter = 0;
        if (!xlsx_read_rows(a, filename, data, len, &c.rows, &c.nrows, err))
            return false;
    } else if (!collect_csv(a, filename, data, len, t, &c, err)) {
        return false;
    }
    return find_header(a, filename, columns, ncolumns, &c, t, err);
}

/* Reads CSV text into rows (c), converting Windows-1252 to UTF-8 and detecting the
 * delimiter (recorded in t). */
static bool collect_csv(arena_t *a, const char *filename, const char *data, size_t len, csv_table_t *t,
                        collect_t *cp, char **err)
{
    buf_t converted = BUF_INIT;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (!text_utf8_valid(data, len)) {
        text_cp1252_to_utf8(&converted, data, len);
        data = converted.data;
        len = converted.len;
        t->was_cp1252 = true;
    }
    if (len == 0) {
        *err = arena_printf(a, "%s: filen är tom", filename);
        buf_free(&converted);
        return false;
    }
    t->delimiter = detect_delimiter(data, len);

    struct csv_parser p;
    csv_init(&p, CSV_APPEND_NULL);
    csv_set_delim(&p, (unsigned char)t->delimiter);
    collect_t c = *cp;
    /* Feed one physical line at a time so that every record knows its line number. */
    size_t pos = 0;
    bool ok = true;
    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
        c.line++;
        /* libcsv skips blank lines; between records (pstate 0) a blank line is an empty
         * row, which is how Skolverket's files end their data. */
        bool blank = n == 1 || (n == 2 && data[pos] == '\r');
        if (blank && p.pstate == 0) {
            c.row_line = c.line;
            on_row('\n', &c);
            pos += n;
            continue;
        }
        if (csv_parse(&p, data + pos, n, on_field, on_row, &c) != n) {
            *err = arena_printf(a, "%s: rad %zu: kan inte läsa raden som CSV (%s)", filename, c.line,
                                csv_strerror(csv_error(&p)));
            ok = false;
            break;
        }
        pos += n;
    }
    if (ok)
        csv_fini(&p, on_field, on_row, &c);
    csv_free(&p);
    buf_free(&converted);
    *cp = c;
    return ok;
}

/* Finds the header row among the first rows, maps the caller's columns and delimits the
 * data rows (up to the first empty row; only footnotes may follow). */
static bool find_header(arena_t *a, const char *filename, const csv_column_t *columns, size_t ncolumns,
                        const collect_t *cp, csv_table_t *t, char **err)
{
    collect_t c = *cp;
    /* The header is the first row (within the first rows) that has every required column. */
    t->ncolumns = ncolumns;
    t->column_index = arena_alloc(a, ncolumns * sizeof *t->column_index);
    t->column_header = arena_alloc(a, ncolumns * sizeof *t->column_header);
    size_t header_row = (size_t)-1, best_row = 0, best_found = 0;
    for (size_t r = 0; r < c.nrows && r < HEADER_SEARCH_ROWS; r++) {
        size_t found = 0, required = 0;
        for (size_t k = 0; k < ncolumns; k++) {
            t->column_index[k] = find_column(&c.rows[r], columns[k].headers);
            if (t->column_index[k] >= 0)
                t->column_header[k] = c.rows[r].fields[t->column_index[k]];
            if (t->column_index[k] >= 0) {
                found++;
                required += columns[k].required;
            }
        }
        size_t need = 0;
        for (size_t k = 0; k < ncolumns; k++)
            need += columns[k].required;
        if (required == need) {
            header_row = r;
            break;
        }
        if (found > best_found)
            best_found = found, best_row = r;
    }
    if (header_row == (size_t)-1) {
        /* Name the first missing required column, relative to the row most like a header. */
        if (best_found == 0) {
            *err = arena_printf(a, "%s: hittar ingen rubrikrad med kolumnen \"%s\"", filename,
                                first_header(columns[0].headers, a));
            return false;
        }
        const csv_row_t *row = &c.rows[best_row];
        for (size_t k = 0; k < ncolumns; k++) {
            bool have = find_column(row, columns[k].headers) >= 0;
            if (columns[k].required && !have) {
                *err = arena_printf(a, "%s: rad %zu: kolumnen \"%s\" saknas i rubrikraden", filename,
                                    row->line, first_header(columns[k].headers, a));
                return false;
            }
        }
    }
    t->header_line = c.rows[header_row].line;
    for (size_t r = 0; r < header_row; r++)
        if (!t->school_year_end)
            t->school_year_end = preamble_year(&c.rows[r]);

    /* Data run until the first empty row; after it only footnotes may follow. */
    size_t first = header_row + 1, end = first;
    while (end < c.nrows && !row_is_empty(&c.rows[end]))
        end++;
    int key = t->column_index[0];
    for (size_t r = end; r < c.nrows; r++) {
        const csv_row_t *row = &c.rows[r];
        if (key >= 0 && (size_t)key < row->nfields && row->fields[key][0] &&
            text_is_digits(row->fields[key], strlen(row->fields[key]))) {
            *err = arena_printf(a, "%s: rad %zu: data efter en tom rad; ta bort den tomma raden "
                                   "(rad %zu) eller raderna efter den", filename, row->line,
                                c.rows[end].line);
            return false;
        }
    }
    t->rows = c.rows + first;
    t->nrows = end - first;
    return true;
}

const char *csv_field(const csv_table_t *t, const csv_row_t *r, size_t c)
{
    if (c >= t->ncolumns)
        return "";
    int i = t->column_index[c];
    return i >= 0 && (size_t)i < r->nfields ? r->fields[i] : "";
}

csv_value_kind_t csv_parse_value(const char *s, double *out)
{
    *out = NAN;
    if (!s || !*s || strcmp(s, ".") == 0)
        return CSV_MISSING;
    if (strcmp(s, "..") == 0)
        return CSV_SUPPRESSED;
    csv_value_kind_t kind = CSV_VALUE;
    if (*s == '~') {
        kind = CSV_ROUNDED;
        s++;
    }
    char num[64];
    size_t n = 0;
    int seen_digit = 0, seen_sep = 0;
    const unsigned char *p = (const unsigned char *)s;
    if (*p == '-' || *p == '+')
        num[n++] = (char)*p++;
    for (; *p; p++) {
        if (n >= sizeof num - 1)
            return CSV_INVALID;
        if (*p >= '0' && *p <= '9') {
            num[n++] = (char)*p;
            seen_digit = 1;
        } else if ((*p == ',' || *p == '.') && !seen_sep && seen_digit) {
            num[n++] = '.';
            seen_sep = 1;
        } else if (*p == ' ' && seen_digit && !seen_sep) {
            continue; /* thousands separator: "1 120" */
        } else if (p[0] == 0xC2 && p[1] == 0xA0 && seen_digit && !seen_sep) {
            p++;
        } else {
            return CSV_INVALID;
        }
    }
    if (!seen_digit || num[n - 1] == '.')
        return CSV_INVALID;
    num[n] = '\0';
    *out = strtod(num, NULL);
    return kind;
}

const char *csv_value_kind_label(csv_value_kind_t k)
{
    switch (k) {
    case CSV_VALUE: return "";
    case CSV_MISSING: return "saknas";
    case CSV_SUPPRESSED: return "för få";
    case CSV_ROUNDED: return "avrundat";
    default: return "ogiltigt";
    }
}
