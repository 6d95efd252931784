/* xlsx_read.c — the first worksheet of an XLSX file as rows of text, for the same header
 * detection and validation as CSV. An XLSX file is a zip archive of XML parts: the
 * workbook names its sheets, the workbook's relations say which part holds each, and
 * text cells point into a table of shared strings. libzip opens the archive, expat
 * reads the XML as a stream. */
#include "xlsx_read.h"
#include "../base/vec.h"
#include "../base/buf.h"
#include "../base/text.h"
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

/* The parts held in memory (workbook, relations, shared strings) are refused above
 * MAX_PART once unpacked, the sheet (read as a stream) above MAX_SHEET: a small archive
 * can unpack to gigabytes. */
enum { MAX_PART = 64 * 1024 * 1024, MAX_SHEET = 1024 * 1024 * 1024 };

static const char *local_name(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local_name(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

/* Reads one part of the archive into out; false when it is missing or too large. */
static bool read_part(zip_t *z, const char *name, buf_t *out)
{
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > MAX_PART)
        return false;
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f)
        return false;
    char chunk[16384];
    zip_int64_t n;
    while ((n = zip_fread(f, chunk, sizeof chunk)) > 0 && out->len + (size_t)n <= MAX_PART)
        buf_append(out, chunk, (size_t)n);
    zip_fclose(f);
    return n == 0;
}

static bool parse_xml(const buf_t *xml, void *state, XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler text)
{
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, state);
    XML_SetElementHandler(p, start, end);
    if (text)
        XML_SetCharacterDataHandler(p, text);
    bool ok = XML_Parse(p, xml->data ? xml->data : "", (int)xml->len, 1) == XML_STATUS_OK;
    XML_ParserFree(p);
    return ok;
}

/* ---- the first sheet's part name: workbook.xml, then its relations ---- */

typedef struct sheet_ref {
    char rel_id[64];
    char target[256];
    bool found;
} sheet_ref_t;

static void on_workbook(void *data, const char *el, const char **atts)
{
    sheet_ref_t *s = data;
    const char *id = attr(atts, "id");
    if (!s->rel_id[0] && strcmp(local_name(el), "sheet") == 0 && id)
        snprintf(s->rel_id, sizeof s->rel_id, "%s", id);
}

static void on_rels(void *data, const char *el, const char **atts)
{
    sheet_ref_t *s = data;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
    if (s->found || strcmp(local_name(el), "Relationship") != 0 || !id || !target || strcmp(id, s->rel_id) != 0)
        return;
    /* Targets are relative to xl/ unless they start at the root. */
    if (target[0] == '/')
        snprintf(s->target, sizeof s->target, "%s", target + 1);
    else
        snprintf(s->target, sizeof s->target, "xl/%s", target);
    s->found = true;
}

static void no_end(void *data, const char *el)
{
    (void)data;
    (void)el;
}

static void first_sheet(zip_t *z, char *out, size_t size)
{
    sheet_ref_t s = {0};
    buf_t wb = BUF_INIT, rels = BUF_INIT;
    if (read_part(z, "xl/workbook.xml", &wb) && parse_xml(&wb, &s, on_workbook, no_end, NULL) && s.rel_id[0] &&
        read_part(z, "xl/_rels/workbook.xml.rels", &rels))
        parse_xml(&rels, &s, on_rels, no_end, NULL);
    snprintf(out, size, "%s", s.found ? s.target : "xl/worksheets/sheet1.xml");
    buf_free(&wb);
    buf_free(&rels);
}

/* ---- shared strings: <si> holds <t>, or runs <r><t>; phonetic <rPh> is not text ---- */

typedef struct strings {
    arena_t *a;
    char **items;
    size_t n, cap;
    buf_t cur;
    int in_t, in_phonetic;
} strings_t;

static void on_sst_start(void *data, const char *el, const char **atts)
{
    (void)atts;
    strings_t *s = data;
    const char *n = local_name(el);
    if (strcmp(n, "si") == 0)
        buf_reset(&s->cur);
    else if (strcmp(n, "t") == 0)
        s->in_t++;
    else if (strcmp(n, "rPh") == 0)
        s->in_phonetic++;
}

static void on_sst_end(void *data, const char *el)
{
    strings_t *s = data;
    const char *n = local_name(el);
    if (strcmp(n, "t") == 0)
        s->in_t--;
    else if (strcmp(n, "rPh") == 0)
        s->in_phonetic--;
    else if (strcmp(n, "si") == 0) {
        *ARENA_PUSH(s->a, s->items, s->n, s->cap) = arena_strdup(s->a, buf_cstr(&s->cur));
    }
}

static void on_sst_text(void *data, const char *text, int len)
{
    strings_t *s = data;
    if (s->in_t > 0 && s->in_phonetic == 0)
        buf_append(&s->cur, text, (size_t)len);
}

/* ---- the worksheet: <row r><c r t><v>|<is><t>, handed on a row at a time ---- */

typedef struct sheet {
    arena_t *a, *scratch;
    const strings_t *strings;
    bool (*emit)(void *ctx, csv_row_t *row);
    void *ctx;
    XML_Parser parser;
    bool stopped;                /* the consumer refused a row */
    char **fields;
    size_t nfields, fcap;
    size_t row_number, last_row;
    size_t col;
    char type[16];
    bool in_value;
    buf_t value;
    bool bad_string;
} sheet_t;

static void emit_row(sheet_t *s, size_t line, char **fields, size_t nfields)
{
    if (s->stopped)
        return;
    csv_row_t row = {.line = line, .nfields = nfields, .fields = fields};
    if (!s->emit(s->ctx, &row)) {
        s->stopped = true;
        XML_StopParser(s->parser, XML_FALSE);
    }
    s->fields = NULL;
    s->nfields = s->fcap = 0;
}

static void set_field(sheet_t *s, size_t col, const char *text)
{
    if (col >= 16384)
        return;
    if (col >= s->fcap) {
        size_t cap = s->fcap ? s->fcap : 16;
        while (cap <= col)
            cap *= 2;
        char **f = arena_alloc(s->scratch, cap * sizeof *f);
        if (s->fcap)
            memcpy(f, s->fields, s->fcap * sizeof *f);
        for (size_t i = s->fcap; i < cap; i++)
            f[i] = "";
        s->fields = f;
        s->fcap = cap;
    }
    char *v = arena_strdup(s->scratch, text);
    s->fields[col] = text_trim(v);
    if (col + 1 > s->nfields)
        s->nfields = col + 1;
}

/* "BC12" → column 54 (0-based); SIZE_MAX when the reference has no letters. */
static size_t column_of(const char *ref)
{
    size_t c = 0;
    bool any = false;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
        c = c * 26 + (size_t)(*ref - 'A' + 1);
        any = true;
    }
    return any ? c - 1 : (size_t)-1;
}

static void on_sheet_start(void *data, const char *el, const char **atts)
{
    sheet_t *s = data;
    const char *n = local_name(el);
    if (strcmp(n, "row") == 0) {
        const char *r = attr(atts, "r");
        s->row_number = r ? strtoul(r, NULL, 10) : s->last_row + 1;
        /* A gap between rows is a blank row: Skolverket's data end at one. */
        if (s->last_row && s->row_number > s->last_row + 1)
            emit_row(s, s->last_row + 1, NULL, 0);
        s->fields = NULL;
        s->nfields = s->fcap = 0;
        s->col = 0;
    } else if (strcmp(n, "c") == 0) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t");
        size_t c = r ? column_of(r) : (size_t)-1;
        if (c != (size_t)-1)
            s->col = c;
        snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
        buf_reset(&s->value);
    } else if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0) {
        s->in_value = true;
    }
}

static void on_sheet_end(void *data, const char *el)
{
    sheet_t *s = data;
    const char *n = local_name(el);
    if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0) {
        s->in_value = false;
    } else if (strcmp(n, "c") == 0) {
        const char *text = buf_cstr(&s->value);
        if (strcmp(s->type, "s") == 0) {
            char *end;
            unsigned long i = strtoul(text, &end, 10);
            if (*end || !*text || i >= s->strings->n)
                s->bad_string = true;
            else
                text = s->strings->items[i];
        } else if (strcmp(s->type, "b") == 0) {
            text = strcmp(text, "1") == 0 ? "SANT" : "FALSKT";
        }
        set_field(s, s->col, text);
        s->col++;
    } else if (strcmp(n, "row") == 0) {
        s->last_row = s->row_number;
        emit_row(s, s->row_number, s->fields, s->nfields);
    }
}

static void on_sheet_text(void *data, const char *text, int len)
{
    sheet_t *s = data;
    if (s->in_value)
        buf_append(&s->value, text, (size_t)len);
}

bool xlsx_is_archive(const char *data, size_t len)
{
    return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

/* Parses the sheet part as it is unpacked, a chunk at a time. */
static bool read_sheet(zip_t *z, const char *name, sheet_t *sheet, const char *filename, char **err)
{
    zip_file_t *zf = zip_fopen(z, name, 0);
    if (!zf) {
        *err = arena_printf(sheet->a, "%s: XLSX-filen saknar sitt första kalkylblad (%s).", filename, name);
        return false;
    }
    XML_Parser p = XML_ParserCreate("UTF-8");
    sheet->parser = p;
    XML_SetUserData(p, sheet);
    XML_SetElementHandler(p, on_sheet_start, on_sheet_end);
    XML_SetCharacterDataHandler(p, on_sheet_text);
    char chunk[65536];
    zip_int64_t n;
    size_t total = 0;
    bool ok = true;
    while (ok && (n = zip_fread(zf, chunk, sizeof chunk)) >= 0) {
        total += (size_t)n;
        if (total > MAX_SHEET) {
            *err = arena_printf(sheet->a, "%s: kalkylbladet i XLSX-filen är större än %d MB uppackat.", filename,
                                MAX_SHEET >> 20);
            ok = false;
            break;
        }
        if (XML_Parse(p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
            if (!sheet->stopped)
                *err = arena_printf(sheet->a, "%s: kalkylbladet i XLSX-filen är inte giltig XML.", filename);
            ok = false;
        } else if (sheet->bad_string) {
            *err = arena_printf(sheet->a, "%s: XLSX-filen hänvisar till en text som inte finns i filen.", filename);
            ok = false;
        }
        if (n == 0)
            break;
    }
    if (ok && n < 0) {
        *err = arena_printf(sheet->a, "%s: kalkylbladet i XLSX-filen kan inte packas upp.", filename);
        ok = false;
    }
    XML_ParserFree(p);
    zip_fclose(zf);
    return ok;
}

bool xlsx_read_stream(arena_t *a, arena_t *scratch, const char *filename, FILE *f,
                      bool (*emit)(void *ctx, csv_row_t *row), void *ctx, char **err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    /* A file on disk is read where it lies (libzip closes the stream it is given, so it
     * gets its own); a stream in memory has no descriptor and is copied. */
    int fd = fileno(f) >= 0 ? dup(fileno(f)) : -1;
    FILE *own = fd >= 0 ? fdopen(fd, "rb") : NULL;
    buf_t copy = BUF_INIT;
    zip_source_t *src = NULL;
    if (own) {
        src = zip_source_filep_create(own, 0, -1, &ze);
    } else if (fd < 0) {
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
            buf_append(&copy, chunk, n);
        src = copy.len ? zip_source_buffer_create(copy.data, copy.len, 0, &ze) : NULL;
    }
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    zip_error_fini(&ze);
    if (!z) {
        if (src)
            zip_source_free(src);
        else if (own)
            fclose(own);
        else if (fd >= 0)
            close(fd);
        buf_free(&copy);
        *err = arena_printf(a, "%s: filen ser ut som en XLSX-fil men går inte att öppna; spara den på nytt i Excel "
                               "eller som CSV.", filename);
        return false;
    }
    char sheet_name[256];
    first_sheet(z, sheet_name, sizeof sheet_name);
    strings_t strings = {.a = a, .cur = BUF_INIT};
    buf_t xml = BUF_INIT;
    bool ok = true;
    if (read_part(z, "xl/sharedStrings.xml", &xml) && !parse_xml(&xml, &strings, on_sst_start, on_sst_end, on_sst_text)) {
        *err = arena_printf(a, "%s: textlistan i XLSX-filen (sharedStrings.xml) är inte giltig XML.", filename);
        ok = false;
    }
    buf_free(&xml);
    buf_free(&strings.cur);
    sheet_t sheet = {.a = a, .scratch = scratch, .strings = &strings, .emit = emit, .ctx = ctx, .value = BUF_INIT};
    if (ok)
        ok = read_sheet(z, sheet_name, &sheet, filename, err);
    buf_free(&sheet.value);
    zip_discard(z); /* read only: nothing to write back */
    buf_free(&copy);
    return ok;
}
