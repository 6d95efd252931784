/* export.c — CSV and XLSX writers for export_table_t. */
#include "export.h"
#include "../base/alloc.h"
#include "../base/log.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

void export_init(export_table_t *t, arena_t *a, const char *sheet, size_t ncols,
                 const char **headers, const export_kind_t *kinds)
{
    memset(t, 0, sizeof *t);
    t->sheet = sheet;
    t->ncols = ncols;
    t->headers = headers;
    t->kinds = kinds;
    t->arena = a;
}

void export_number(export_cell_t *c, double v)
{
    c->number = v;
    c->empty = isnan(v);
}

export_cell_t *export_add_row(export_table_t *t)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        export_cell_t *c = arena_alloc(t->arena, cap * t->ncols * sizeof *c);
        if (t->nrows)
            memcpy(c, t->cells, t->nrows * t->ncols * sizeof *c);
        t->cells = c;
        t->cap = cap;
    }
    export_cell_t *row = &t->cells[t->nrows * t->ncols];
    for (size_t i = 0; i < t->ncols; i++)
        row[i].empty = true;
    t->nrows++;
    return row;
}

bool export_needs_neutralising(const char *s)
{
    return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r');
}

static void csv_text(buf_t *out, const char *s)
{
    if (!s)
        return;
    bool neutral = export_needs_neutralising(s);
    bool quote = neutral || strpbrk(s, ";\"\n\r") != NULL;
    if (quote)
        buf_putc(out, '"');
    if (neutral)
        buf_putc(out, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_putc(out, '"');
        buf_putc(out, *p);
    }
    if (quote)
        buf_putc(out, '"');
}

static void csv_number(buf_t *out, double v, export_kind_t kind)
{
    char num[64];
    if (kind == EXPORT_INT) {
        snprintf(num, sizeof num, "%.0f", v);
    } else {
        snprintf(num, sizeof num, "%.6g", v);
        char *dot = strchr(num, '.');
        if (dot)
            *dot = ',';
    }
    buf_puts(out, num);
}

void export_csv(const export_table_t *t, buf_t *out)
{
    buf_puts(out, "\xEF\xBB\xBF");
    for (size_t c = 0; c < t->ncols; c++) {
        if (c)
            buf_putc(out, ';');
        csv_text(out, t->headers[c]);
    }
    buf_puts(out, "\r\n");
    for (size_t r = 0; r < t->nrows; r++) {
        const export_cell_t *row = &t->cells[r * t->ncols];
        for (size_t c = 0; c < t->ncols; c++) {
            if (c)
                buf_putc(out, ';');
            if (t->kinds[c] == EXPORT_TEXT)
                csv_text(out, row[c].text);
            else if (!row[c].empty && isfinite(row[c].number))
                csv_number(out, row[c].number, t->kinds[c]);
        }
        buf_puts(out, "\r\n");
    }
}

bool export_xlsx(const export_table_t *t, buf_t *out)
{
    const char *tmpdir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/samverkan-export-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        log_error("export: kan inte skapa tillfällig fil i %s", path);
        return false;
    }
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        unlink(path);
        return false;
    }
    lxw_worksheet *ws = workbook_add_worksheet(wb, t->sheet);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *dec = workbook_add_format(wb);
    format_set_num_format(dec, "0.0");
    buf_t cell = BUF_INIT;
    for (size_t c = 0; c < t->ncols; c++) {
        worksheet_write_string(ws, 0, (lxw_col_t)c, t->headers[c], bold);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, t->kinds[c] == EXPORT_TEXT ? 28 : 12, NULL);
    }
    for (size_t r = 0; r < t->nrows; r++) {
        const export_cell_t *row = &t->cells[r * t->ncols];
        lxw_row_t xr = (lxw_row_t)(r + 1);
        for (size_t c = 0; c < t->ncols; c++) {
            if (t->kinds[c] == EXPORT_TEXT) {
                if (!row[c].text)
                    continue;
                buf_reset(&cell);
                if (export_needs_neutralising(row[c].text))
                    buf_putc(&cell, '\'');
                buf_puts(&cell, row[c].text);
                worksheet_write_string(ws, xr, (lxw_col_t)c, buf_cstr(&cell), NULL);
            } else if (!row[c].empty && isfinite(row[c].number)) {
                worksheet_write_number(ws, xr, (lxw_col_t)c, row[c].number,
                                       t->kinds[c] == EXPORT_DECIMAL ? dec : NULL);
            }
        }
    }
    buf_free(&cell);
    worksheet_freeze_panes(ws, 1, 0);
    bool ok = workbook_close(wb) == LXW_NO_ERROR;
    if (ok) {
        FILE *f = fopen(path, "rb");
        ok = f != NULL;
        char chunk[65536];
        size_t n;
        while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
            buf_append(out, chunk, n);
        if (f)
            fclose(f);
    }
    unlink(path);
    return ok;
}
