/* csv.c — the Skolverket CSV dialect on top of libcsv, read as a stream (a row at a time). */
#include "csv.h"
#include "../base/vec.h"
#include "../base/buf.h"
#include "../base/text.h"
#include "xlsx_read.h"
#include <csv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { HEADER_SEARCH_ROWS = 40, MAX_LINE = 1 << 20, DELIMITER_LINES = 20 };

typedef enum stage { FIND_HEADER, IN_DATA, AFTER_DATA } stage_t;
typedef enum encoding { ENC_UNDECIDED, ENC_UTF8, ENC_CP1252 } encoding_t;

/* The state of one reading: where it is in the file and the row being assembled. */
typedef struct reader {
    arena_t *a, *scratch;        /* scratch == a when rows are kept */
    const csv_stream_t *s;
    csv_table_t *t;
    char **err;
    stage_t stage;
    bool failed;
    size_t rows_before_header;
    csv_row_t best;              /* the row most like a header so far (copied into a) */
    size_t best_found;
    size_t blank_line;           /* the empty row that ended the data */
    encoding_t enc;
    /* the record libcsv is assembling */
    char **fields;
    size_t nfields, fcap;
    size_t line, row_line;
    size_t nul_field;            /* 1 + the field holding a NUL byte; 0 when none */
} reader_t;

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

static bool fail(reader_t *r, char *message)
{
    *r->err = message;
    r->failed = true;
    return false;
}

/* No row among the first ones has every required column: name the first missing one,
 * relative to the row most like a header. */
static bool no_header(reader_t *r)
{
    const char *filename = r->s->filename;
    const csv_column_t *columns = r->s->columns;
    if (r->best_found == 0)
        return fail(r, arena_printf(r->a, "%s: hittar ingen rubrikrad med kolumnen \"%s\"", filename,
                                    first_header(columns[0].headers, r->a)));
    for (size_t k = 0; k < r->s->ncolumns; k++)
        if (columns[k].required && find_column(&r->best, columns[k].headers) < 0)
            return fail(r, arena_printf(r->a, "%s: rad %zu: kolumnen \"%s\" saknas i rubrikraden", filename,
                                        r->best.line, first_header(columns[k].headers, r->a)));
    return fail(r, arena_printf(r->a, "%s: hittar ingen rubrikrad", filename));
}

/* Whether row is the header: it has every required column. Maps the columns when it is. */
static bool try_header(reader_t *r, const csv_row_t *row)
{
    csv_table_t *t = r->t;
    size_t found = 0, required = 0, need = 0;
    for (size_t k = 0; k < t->ncolumns; k++) {
        t->column_index[k] = find_column(row, r->s->columns[k].headers);
        need += r->s->columns[k].required;
        if (t->column_index[k] >= 0) {
            found++;
            required += r->s->columns[k].required;
        }
    }
    if (required == need) {
        for (size_t k = 0; k < t->ncolumns; k++)
            t->column_header[k] = t->column_index[k] >= 0 ? arena_strdup(r->a, row->fields[t->column_index[k]]) : NULL;
        t->header_line = row->line;
        return true;
    }
    if (found > r->best_found) { /* kept for the message if no header comes */
        r->best_found = found;
        r->best.line = row->line;
        r->best.nfields = row->nfields;
        r->best.fields = arena_alloc(r->a, (row->nfields + 1) * sizeof *r->best.fields);
        for (size_t i = 0; i < row->nfields; i++)
            r->best.fields[i] = arena_strdup(r->a, row->fields[i]);
    }
    return false;
}

/* One row of the file, in order: the header is looked for, then the data run until the
 * first empty row; after it only footnotes may follow. */
static bool process_row(reader_t *r, const csv_row_t *row)
{
    const csv_stream_t *s = r->s;
    csv_table_t *t = r->t;
    switch (r->stage) {
    case FIND_HEADER:
        if (try_header(r, row)) {
            r->stage = IN_DATA;
            if (s->on_header && !s->on_header(s->ctx, t, r->err))
                return r->failed = true, false;
            return true;
        }
        if (!t->school_year_end)
            t->school_year_end = preamble_year(row);
        if (++r->rows_before_header >= HEADER_SEARCH_ROWS)
            return no_header(r);
        return true;
    case IN_DATA:
        if (row_is_empty(row)) {
            r->blank_line = row->line;
            r->stage = AFTER_DATA;
            return true;
        }
        if (!s->on_row(s->ctx, t, row, r->err))
            return r->failed = true, false;
        return true;
    case AFTER_DATA: {
        int key = t->column_index[0];
        if (key >= 0 && (size_t)key < row->nfields && row->fields[key][0] &&
            text_is_digits(row->fields[key], strlen(row->fields[key])))
            return fail(r, arena_printf(r->a, "%s: rad %zu: data efter en tom rad; ta bort den tomma raden "
                                              "(rad %zu) eller raderna efter den",
                                        s->filename, row->line, r->blank_line));
        return true;
    }
    }
    return true;
}

/* A row is done: checked, handed on, and its memory released. */
static bool finish_row(reader_t *r, const csv_row_t *row)
{
    bool ok = process_row(r, row);
    if (r->scratch != r->a)
        arena_reset(r->scratch);
    return ok;
}

static void on_field(void *s, size_t len, void *data)
{
    reader_t *r = data;
    if (r->failed)
        return;
    if (r->nfields == 0 && r->row_line == 0)
        r->row_line = r->line;
    if (s && memchr(s, '\0', len) && !r->nul_field)
        r->nul_field = r->nfields + 1;
    char *v = arena_strndup(r->scratch, s ? s : "", s ? len : 0);
    *ARENA_PUSH(r->scratch, r->fields, r->nfields, r->fcap) = text_trim(v);
}

/* The name of the field at position f of a row: its column's header once known. */
static const char *field_name(reader_t *r, size_t f)
{
    for (size_t k = 0; r->stage != FIND_HEADER && k < r->t->ncolumns; k++)
        if (r->t->column_index[k] == (int)f && r->t->column_header[k])
            return arena_printf(r->a, "kolumn \"%s\"", r->t->column_header[k]);
    return arena_printf(r->a, "fält %zu", f + 1);
}

static void on_row(int term, void *data)
{
    (void)term;
    reader_t *r = data;
    csv_row_t row = {.line = r->row_line ? r->row_line : r->line, .nfields = r->nfields, .fields = r->fields};
    size_t nul = r->nul_field;
    r->fields = NULL;
    r->nfields = r->fcap = 0;
    r->row_line = 0;
    r->nul_field = 0;
    if (r->failed)
        return;
    if (nul) {
        fail(r, arena_printf(r->a, "%s: rad %zu, %s: cellen innehåller ett NUL-tecken (byte 0), som inte får "
                                   "förekomma i text; spara filen på nytt som CSV eller XLSX.",
                             r->s->filename, row.line, field_name(r, nul - 1)));
        return;
    }
    finish_row(r, &row);
}

static bool on_xlsx_row(void *ctx, csv_row_t *row)
{
    reader_t *r = ctx;
    return finish_row(r, row);
}

static char detect_delimiter(const char *s, size_t n)
{
    size_t semi = 0, comma = 0;
    int quoted = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == ';')
            semi++;
        else if (!quoted && s[i] == ',')
            comma++;
    }
    return semi > comma ? ';' : ',';
}

/* Appends one physical line as UTF-8: a line that is not valid UTF-8 is Windows-1252 (as
 * is every later line once one was, so a file is read in one encoding). */
static void append_utf8(reader_t *r, buf_t *out, const char *line, size_t n)
{
    bool ascii = true;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)line[i] < 0x80;
    if (ascii) {
        buf_append(out, line, n);
        return;
    }
    if (r->enc != ENC_CP1252 && text_utf8_valid(line, n)) {
        r->enc = ENC_UTF8;
        buf_append(out, line, n);
        return;
    }
    r->enc = ENC_CP1252;
    r->t->was_cp1252 = true;
    text_cp1252_to_utf8(out, line, n);
}

/* Feeds one converted physical line to libcsv, so that every record knows its line. */
static bool feed_line(reader_t *r, struct csv_parser *p, const char *line, size_t n)
{
    r->line++;
    /* libcsv skips blank lines; between records (pstate 0) a blank line is an empty
     * row, which is how Skolverket's files end their data. */
    bool blank = n == 0 || (n == 1 && line[0] == '\n') || (n == 2 && line[0] == '\r');
    if (blank && p->pstate == 0) {
        r->row_line = r->line;
        on_row('\n', r);
        return !r->failed;
    }
    if (p->pstate == 0 && r->nfields == 0)
        r->row_line = r->line; /* a record starts here, even if its first cell spans lines */
    if (csv_parse(p, line, n, on_field, on_row, r) != n)
        return fail(r, arena_printf(r->a, "%s: rad %zu: kan inte läsa raden som CSV (%s)", r->s->filename, r->line,
                                    csv_strerror(csv_error(p))));
    return !r->failed;
}

/* Reads CSV text line by line: the first lines decide the delimiter, then each line is
 * converted and parsed as it comes. */
static bool read_csv(reader_t *r, FILE *f)
{
    char *line = NULL;
    size_t cap = 0, total = 0;
    ssize_t n;
    buf_t head = BUF_INIT, conv = BUF_INIT;
    size_t nhead = 0;
    bool eof = false;
    /* The first lines, converted, to choose the delimiter from. */
    while (nhead < DELIMITER_LINES && (n = getline(&line, &cap, f)) > 0) {
        const char *l = line;
        size_t len = (size_t)n;
        if (total == 0 && len >= 3 && memcmp(l, "\xEF\xBB\xBF", 3) == 0)
            l += 3, len -= 3;
        total += (size_t)n;
        if (len > MAX_LINE) {
            free(line);
            buf_free(&head);
            return fail(r, arena_printf(r->a, "%s: rad %zu är längre än 1 MB; är det rätt fil?", r->s->filename,
                                        nhead + 1));
        }
        append_utf8(r, &head, l, len);
        nhead++;
    }
    eof = nhead < DELIMITER_LINES;
    bool ok = true;
    if (head.len == 0) {
        ok = fail(r, arena_printf(r->a, "%s: filen är tom", r->s->filename));
    } else {
        r->t->delimiter = detect_delimiter(head.data, head.len);
        struct csv_parser p;
        csv_init(&p, CSV_APPEND_NULL);
        csv_set_delim(&p, (unsigned char)r->t->delimiter);
        for (size_t pos = 0; ok && pos < head.len;) {
            const char *nl = memchr(head.data + pos, '\n', head.len - pos);
            size_t len = nl ? (size_t)(nl - (head.data + pos)) + 1 : head.len - pos;
            ok = feed_line(r, &p, head.data + pos, len);
            pos += len;
        }
        while (ok && !eof && (n = getline(&line, &cap, f)) > 0) {
            if ((size_t)n > MAX_LINE) {
                ok = fail(r, arena_printf(r->a, "%s: rad %zu är längre än 1 MB; är det rätt fil?", r->s->filename,
                                          r->line + 1));
                break;
            }
            buf_reset(&conv);
            append_utf8(r, &conv, line, (size_t)n);
            ok = feed_line(r, &p, conv.data, conv.len);
        }
        if (ok && ferror(f))
            ok = fail(r, arena_printf(r->a, "%s: filen kunde inte läsas till slut.", r->s->filename));
        if (ok)
            csv_fini(&p, on_field, on_row, r);
        csv_free(&p);
        ok = ok && !r->failed;
    }
    free(line);
    buf_free(&head);
    buf_free(&conv);
    return ok;
}

bool csv_stream_file(arena_t *a, FILE *f, const csv_stream_t *s, csv_table_t *t, char **err)
{
    memset(t, 0, sizeof *t);
    t->filename = s->filename;
    t->ncolumns = s->ncolumns;
    t->column_index = arena_alloc(a, s->ncolumns * sizeof *t->column_index);
    t->column_header = arena_alloc(a, s->ncolumns * sizeof *t->column_header);
    *err = NULL;
    reader_t r = {.a = a, .scratch = s->scratch ? s->scratch : a, .s = s, .t = t, .err = err};
    char magic[4];
    size_t got = fread(magic, 1, sizeof magic, f);
    rewind(f);
    bool ok;
    if (xlsx_is_archive(magic, got))
        ok = xlsx_read_stream(a, r.scratch, s->filename, f, on_xlsx_row, &r, err);
    else
        ok = read_csv(&r, f);
    if (ok && r.stage == FIND_HEADER)
        ok = no_header(&r);
    if (r.scratch != a)
        arena_reset(r.scratch);
    return ok;
}

/* Keeps each data row of an in-memory table. */
typedef struct collected {
    arena_t *a;
    csv_row_t *rows;
    size_t n, cap;
} collected_t;

static bool keep_row(void *ctx, const csv_table_t *t, const csv_row_t *row, char **err)
{
    (void)t, (void)err;
    collected_t *c = ctx;
    *ARENA_PUSH(c->a, c->rows, c->n, c->cap) = *row;
    return true;
}

bool csv_read_table(arena_t *a, const char *filename, const char *data, size_t len,
                    const csv_column_t *columns, size_t ncolumns, csv_table_t *t, char **err)
{
    collected_t c = {.a = a};
    csv_stream_t s = {filename, columns, ncolumns, NULL, NULL, keep_row, &c};
    FILE *f = len ? fmemopen((void *)data, len, "rb") : NULL;
    bool ok;
    if (!f) {
        memset(t, 0, sizeof *t);
        *err = arena_printf(a, "%s: filen är tom", filename);
        ok = false;
    } else {
        ok = csv_stream_file(a, f, &s, t, err);
        fclose(f);
    }
    t->rows = c.rows;
    t->nrows = c.n;
    return ok;
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
