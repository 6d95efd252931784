/* import.c — reads a register file as a stream, validating and applying each row inside
 * one write transaction: a malformed file, or one the database refuses, changes nothing.
 * Memory is one row at a time plus 16 bytes for each key seen. */
#include "import_spec.h"
#include "import_writes.h"
#include "../db/tx.h"
#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/text.h"
#include "../base/validate.h"
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int col_of(const import_reader_t *r, const char *key)
{
    for (size_t i = 0; i < r->spec->ncolumns; i++)
        if (strcmp(r->spec->columns[i].key, key) == 0)
            return (int)i;
    return -1;
}

const char *import_field(const import_reader_t *r, const csv_row_t *row, const char *key)
{
    int c = col_of(r, key);
    return c < 0 ? "" : csv_field(r->t, row, (size_t)c);
}

static bool has_column(const import_reader_t *r, const char *key)
{
    int c = col_of(r, key);
    return c >= 0 && r->t->column_index[c] >= 0;
}

const char *import_header_of(const import_reader_t *r, const char *key)
{
    int c = col_of(r, key);
    return c >= 0 && r->t->column_header[c] ? r->t->column_header[c] : key;
}

/* Sets the error for one cell: "fil.csv: rad 17, kolumn "X": …". Returns false. */
bool import_cell_error(const import_reader_t *r, const csv_row_t *row, const char *key, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    *r->err = arena_printf(r->a, "%s: rad %zu, kolumn \"%s\": %s", r->t->filename, row->line, import_header_of(r, key), msg);
    return false;
}

bool import_read_orgnr(const import_reader_t *r, const csv_row_t *row, const char **out)
{
    const char *s = import_field(r, row, "orgnr");
    char norm[11];
    if (!*s)
        return import_cell_error(r, row, "orgnr", "organisationsnummer saknas.");
    if (!validate_orgnr(s, norm))
        return import_cell_error(r, row, "orgnr", "\"%s\" är inget giltigt organisationsnummer (tio siffror med rätt kontrollsiffra).", s);
    *out = arena_strdup(r->row, norm);
    return true;
}

static bool read_kind(const import_reader_t *r, const csv_row_t *row, const char **out)
{
    const char *s = import_field(r, row, "kind");
    *out = register_kind_from_text(s);
    if (!*out)
        return import_cell_error(r, row, "kind", "okänd typ av huvudman \"%s\" (Kommunal, Enskild, Statlig eller Region).", s);
    return true;
}

/* A name or an address is one line: a line break inside one (a quoted cell spanning
 * lines) would end up in pages, exports and the calendar feed as it is. */
static bool one_line(const import_reader_t *r, const csv_row_t *row, const char *key)
{
    if (strpbrk(import_field(r, row, key), "\r\n"))
        return import_cell_error(r, row, key, "cellen innehåller en radbrytning; en text här ska vara en rad.");
    return true;
}

static bool read_name(const import_reader_t *r, const csv_row_t *row, const char *key, const char **out)
{
    const char *s = import_field(r, row, key);
    if (!*s)
        return import_cell_error(r, row, key, "namnet saknas.");
    if (!one_line(r, row, key))
        return false;
    if (strlen(s) > 300)
        return import_cell_error(r, row, key, "namnet är längre än 300 tecken.");
    *out = s;
    return true;
}

static bool read_municipality(const import_reader_t *r, const csv_row_t *row, const char *key, const char **out)
{
    const char *s = import_field(r, row, key);
    char norm[5];
    if (!validate_municipality_code(s, norm))
        return import_cell_error(r, row, key, "\"%s\" är ingen kommunkod (fyra siffror, till exempel 0114).", s);
    *out = arena_strdup(r->row, norm);
    return true;
}

/* Checks a statistic against its domain; sets flag to "", missing, suppressed, rounded or
 * implausible. */
static bool read_stat(const import_reader_t *r, const csv_row_t *row, const stat_column_t *sc, double *value,
                      const char **flag, long long *implausible)
{
    const char *s = import_field(r, row, sc->variable);
    csv_value_kind_t k = csv_parse_value(s, value);
    static const char *const flags[] = {"", "missing", "suppressed", "rounded"};
    if (k == CSV_INVALID)
        return import_cell_error(r, row, sc->variable, "\"%s\" är inget tal (tillåtet: 47,5 · . · .. · ~100).", s);
    *flag = flags[k];
    if (k == CSV_MISSING || k == CSV_SUPPRESSED)
        return true;
    double v = *value;
    switch (sc->domain) {
    case DOM_SHARE:
        if (v < 0 || v > 100)
            return import_cell_error(r, row, sc->variable, "värdet %s ska vara en andel mellan 0 och 100.", s);
        break;
    case DOM_COUNT:
        if (v < 0 || v != floor(v))
            return import_cell_error(r, row, sc->variable, "värdet %s ska vara ett antal (ett heltal, 0 eller mer).", s);
        break;
    case DOM_AMOUNT:
        if (v < 0)
            return import_cell_error(r, row, sc->variable, "värdet %s får inte vara negativt.", s);
        break;
    case DOM_MERIT:
        if (v < 0 || v > 340)
            return import_cell_error(r, row, sc->variable, "meritvärdet %s ska ligga mellan 0 och 340.", s);
        break;
    case DOM_RATIO:
        if (v < 0)
            return import_cell_error(r, row, sc->variable, "värdet %s får inte vara negativt.", s);
        if (v > 20) {
            *flag = "implausible";
            (*implausible)++;
        }
        break;
    }
    return true;
}

/* Grades offered from J/N columns: "F,1,2,3". */
static const char *read_grades(const import_reader_t *r, const csv_row_t *row)
{
    static const char *const keys[] = {"g_f", "g_1", "g_2", "g_3", "g_4", "g_5", "g_6", "g_7", "g_8", "g_9"};
    static const char *const names[] = {"F", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    buf_t b = BUF_INIT;
    for (size_t i = 0; i < 10; i++) {
        if (strcmp(import_field(r, row, keys[i]), "J") == 0) {
            if (b.len)
                buf_putc(&b, ',');
            buf_puts(&b, names[i]);
        }
    }
    const char *s = b.len ? arena_strdup(r->row, buf_cstr(&b)) : NULL;
    buf_free(&b);
    return s;
}

static bool read_pupils(const import_reader_t *r, const csv_row_t *row, long long *out)
{
    static const char *const keys[] = {"p_f", "p_1", "p_2", "p_3", "p_4", "p_5", "p_6", "p_7", "p_8", "p_9"};
    *out = -1;
    if (has_column(r, "p_total")) {
        long long v;
        const char *s = import_field(r, row, "p_total");
        if (!*s)
            return true;
        if (!validate_int(s, 0, 100000, &v))
            return import_cell_error(r, row, "p_total", "\"%s\" är inget antal elever.", s);
        *out = v;
        return true;
    }
    long long sum = 0;
    bool any = false;
    for (size_t i = 0; i < 10; i++) {
        if (!has_column(r, keys[i]))
            continue;
        const char *s = import_field(r, row, keys[i]);
        long long v;
        if (!*s)
            continue;
        if (!validate_int(s, 0, 100000, &v))
            return import_cell_error(r, row, keys[i], "\"%s\" är inget antal elever.", s);
        sum += v;
        any = true;
    }
    *out = any ? sum : -1;
    return true;
}

static bool read_unit_row(const import_reader_t *r, const csv_row_t *row, unit_row_t *u, reg_import_result_t *res)
{
    memset(u, 0, sizeof *u);
    u->line = row->line;
    u->code = import_field(r, row, "code");
    if (!validate_unit_code(u->code))
        return import_cell_error(r, row, "code", "\"%s\" är ingen enhetskod (åtta siffror för skolenheter, sex för förskolor).", u->code);
    if (!read_name(r, row, "name", &u->name) || !import_read_orgnr(r, row, &u->orgnr) ||
        !read_kind(r, row, &u->organiser_kind) || !read_municipality(r, row, "municipality_code", &u->municipality_code))
        return false;
    static const char *const lines[] = {"organiser", "municipality", "address", "postal_town"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        if (!one_line(r, row, lines[i]))
            return false;
    u->organiser = *import_field(r, row, "organiser") ? import_field(r, row, "organiser") : NULL;
    u->municipality = *import_field(r, row, "municipality") ? import_field(r, row, "municipality") : NULL;
    const char *county = import_field(r, row, "county_code");
    u->county_code = strlen(county) == 2 && text_is_digits(county, 2) ? county : NULL;
    u->address = *import_field(r, row, "address") ? import_field(r, row, "address") : NULL;
    u->postal_town = *import_field(r, row, "postal_town") ? import_field(r, row, "postal_town") : NULL;
    u->forms = r->spec->forms;
    u->pupils = -1;
    if (strcmp(r->spec->kind, "units") == 0) {
        u->grades = read_grades(r, row);
        if (has_column(r, "g_1")) {
            u->forms |= FORM_GRUNDSKOLA;
            if (strcmp(import_field(r, row, "g_f"), "J") == 0)
                u->forms |= FORM_FORSKOLEKLASS;
        } else {
            u->forms |= FORM_GYMNASIESKOLA;
        }
        long long pupils;
        if (!read_pupils(r, row, &pupils))
            return false;
        /* Pupils per school form, so a unit in both register files sums the two. */
        if (pupils >= 0) {
            u->stats[u->nstats].variable = (u->forms & FORM_GYMNASIESKOLA) ? "pupils_gymnasieskola" : "pupils_grundskola";
            u->stats[u->nstats].value = (double)pupils;
            u->stats[u->nstats].flag = "";
            u->nstats++;
        }
    }
    if (has_column(r, "latitude") && has_column(r, "longitude")) {
        double lat, lon;
        csv_value_kind_t klat = csv_parse_value(import_field(r, row, "latitude"), &lat);
        csv_value_kind_t klon = csv_parse_value(import_field(r, row, "longitude"), &lon);
        if (klat == CSV_VALUE && klon == CSV_VALUE) {
            if (lat < 55 || lat > 70 || lon < 10 || lon > 25)
                return import_cell_error(r, row, "latitude", "koordinaten %.5f, %.5f ligger inte i Sverige.", lat, lon);
            u->latitude = lat, u->longitude = lon, u->has_position = true;
        }
    }
    for (size_t i = 0; i < r->spec->nstats; i++) {
        const stat_column_t *sc = &r->spec->stats[i];
        if (!has_column(r, sc->variable))
            continue;
        double v;
        const char *flag = "";
        if (!read_stat(r, row, sc, &v, &flag, &res->implausible))
            return false;
        u->stats[u->nstats].variable = sc->variable;
        u->stats[u->nstats].value = v;
        u->stats[u->nstats].flag = flag;
        u->nstats++;
    }
    if (u->forms & FORM_GRUNDSKOLA) {
        /* A unit with pupils in förskoleklass runs that school form too. */
        for (size_t i = 0; i < u->nstats; i++)
            if (strcmp(u->stats[i].variable, "pupils_fk") == 0 && u->stats[i].value > 0)
                u->forms |= FORM_FORSKOLEKLASS;
    }
    return true;
}

static bool read_organiser_row(const import_reader_t *r, const csv_row_t *row, organiser_row_t *o)
{
    static const struct { const char *key; unsigned form; } flags[] = {
        {"f_forskola", FORM_FORSKOLA}, {"f_forskoleklass", FORM_FORSKOLEKLASS},
        {"f_fritidshem", FORM_FRITIDSHEM}, {"f_grundskola", FORM_GRUNDSKOLA},
        {"f_anpassad_grundskola", FORM_ANPASSAD_GRUNDSKOLA}, {"f_gymnasieskola", FORM_GYMNASIESKOLA},
        {"f_anpassad_gymnasieskola", FORM_ANPASSAD_GYMNASIESKOLA},
    };
    memset(o, 0, sizeof *o);
    o->line = row->line;
    if (!import_read_orgnr(r, row, &o->orgnr) || !read_kind(r, row, &o->kind) || !read_name(r, row, "name", &o->name))
        return false;
    if (!one_line(r, row, "legal_form") || !one_line(r, row, "postal_town"))
        return false;
    o->legal_form = *import_field(r, row, "legal_form") ? import_field(r, row, "legal_form") : NULL;
    o->postal_town = *import_field(r, row, "postal_town") ? import_field(r, row, "postal_town") : NULL;
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (strcmp(import_field(r, row, flags[i].key), "J") == 0)
            o->forms |= flags[i].form;
    return true;
}

static bool read_municipality_row(const import_reader_t *r, const csv_row_t *row, municipality_row_t *m)
{
    memset(m, 0, sizeof *m);
    m->line = row->line;
    if (!read_municipality(r, row, "code", &m->code) || !read_name(r, row, "name", &m->name))
        return false;
    const char *county = import_field(r, row, "county_code");
    if (*county && !(strlen(county) == 2 && text_is_digits(county, 2)))
        return import_cell_error(r, row, "county_code", "\"%s\" är ingen länskod (två siffror, till exempel 01).", county);
    char listed[5];
    snprintf(listed, sizeof listed, ",%s,", county);
    if (*county && r->counties && !strstr(r->counties, listed))
        return import_cell_error(r, row, "county_code", "länskoden %s finns inte.", county);
    m->county_code = *county ? county : NULL;
    return true;
}

/* The keys seen so far, each with its line and a hash of its row, so that a repeated key
 * can be told from a repeated row without keeping the rows: 16 bytes a key (open
 * addressing, grown as the file is read). Keys are the file's codes (digits), packed
 * exactly into 64 bits; anything else is hashed. */
typedef struct seen_entry {
    uint64_t key;             /* 0: empty */
    uint32_t line;
    uint32_t row_hash;
} seen_entry_t;

typedef struct seen {
    seen_entry_t *slots;
    size_t cap, count;
} seen_t;

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static uint32_t row_hash(const csv_row_t *row)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < row->nfields; i++)
        h = fnv(h, row->fields[i], strlen(row->fields[i]) + 1); /* the NUL separates fields */
    return (uint32_t)(h ^ (h >> 32));
}

/* "0114" and "114" differ: the length is packed with the digits. */
static uint64_t pack_key(const char *key)
{
    size_t n = strlen(key);
    uint64_t v = 0;
    bool digits = n > 0 && n <= 15;
    for (size_t i = 0; digits && i < n; i++) {
        digits = key[i] >= '0' && key[i] <= '9';
        v = v * 10 + (uint64_t)(key[i] - '0');
    }
    if (digits)
        return v * 16 + n;
    return fnv(1469598103934665603ull, key, n) | (1ull << 63);
}

static seen_entry_t *seen_slot(seen_entry_t *slots, size_t cap, uint64_t key)
{
    for (size_t i = (key * 0x9E3779B97F4A7C15ull >> 20) & (cap - 1);; i = (i + 1) & (cap - 1))
        if (!slots[i].key || slots[i].key == key)
            return &slots[i];
}

/* Returns the earlier entry for key, or records this one and returns NULL. */
static const seen_entry_t *seen_add(seen_t *s, const char *key, size_t line, uint32_t hash)
{
    if ((s->count + 1) * 10 >= s->cap * 7) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        seen_entry_t *slots = xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < s->cap; i++)
            if (s->slots[i].key)
                *seen_slot(slots, cap, s->slots[i].key) = s->slots[i];
        free(s->slots);
        s->slots = slots;
        s->cap = cap;
    }
    uint64_t k = pack_key(key);
    seen_entry_t *e = seen_slot(s->slots, s->cap, k);
    if (e->key)
        return e;
    *e = (seen_entry_t){k, (uint32_t)line, hash};
    s->count++;
    return NULL;
}

static void add_skip(reg_import_result_t *r, const char *reason)
{
    r->skipped++;
    for (size_t i = 0; i < r->nskip_reasons; i++) {
        if (strcmp(r->skip_reasons[i], reason) == 0) {
            r->skip_counts[i]++;
            return;
        }
    }
    if (r->nskip_reasons < 8) {
        r->skip_reasons[r->nskip_reasons] = reason;
        r->skip_counts[r->nskip_reasons++] = 1;
    }
}

static bool resolve_year(const import_spec_t *spec, const csv_table_t *t, int year, int *out, arena_t *a, char **err)
{
    int file_year = t->school_year_end;
    if (year && file_year && year != file_year) {
        *err = arena_printf(a, "%s: rad %zu: --year %d stämmer inte med filens läsår %d/%02d (år %d).",
                            t->filename, t->header_line > 1 ? t->header_line - 1 : 1, year, file_year - 1,
                            file_year % 100, file_year);
        return false;
    }
    *out = year ? year : file_year;
    if (spec->needs_year && !*out) {
        *err = arena_printf(a, "%s: filen anger inget läsår; ange året (då läsåret slutar, till exempel 2025 för 2024/25).",
                            t->filename);
        return false;
    }
    return true;
}

static bool record_import(import_apply_t *ap, const char *filename)
{
    const reg_import_result_t *r = ap->result;
    db_stmt_t *st = db_prepare(ap->db, "INSERT INTO imports (kind, filename, year, rows_read, added, changed,"
                                       " unchanged, skipped, user_id, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return false;
    db_bind_text(st, 1, r->kind);
    db_bind_text(st, 2, filename);
    if (r->year)
        db_bind_int(st, 3, r->year);
    else
        db_bind_null(st, 3);
    db_bind_int(st, 4, r->rows_read);
    db_bind_int(st, 5, r->added);
    db_bind_int(st, 6, r->changed);
    db_bind_int(st, 7, r->unchanged);
    db_bind_int(st, 8, r->skipped);
    if (ap->viewer->user_id)
        db_bind_int(st, 9, ap->viewer->user_id);
    else
        db_bind_null(st, 9);
    db_bind_text(st, 10, ap->viewer->email);
    db_bind_int(st, 11, (int64_t)time(NULL));
    bool ok = db_step(st) == DB_DONE;
    db_done(st);
    bool changed = r->added + r->changed + r->organisers_added + r->organisers_changed > 0;
    ok = ok && (!changed || register_recount(ap->db));
    /* The national figures of the year the file brought, from the units as they now are. */
    if (ok && r->year)
        ok = db_run(ap->db, "DELETE FROM national_stats WHERE year = ?", "i", (int64_t)r->year) == DB_DONE &&
             db_run(ap->db, "INSERT INTO national_stats (variable, year, value, units) SELECT variable, year,"
                            " AVG(value), COUNT(value) FROM unit_stats WHERE year = ? AND value IS NOT NULL"
                            " GROUP BY variable, year", "i", (int64_t)r->year) == DB_DONE;
    return ok;
}

/* Reads and validates one row into row (one row of the file's shape); returns its
 * natural key, or NULL (with the error set) when the row is not valid. */
static const char *read_row(const import_reader_t *r, const csv_row_t *row, void *out, reg_import_result_t *res)
{
    switch (r->spec->shape) {
    case SHAPE_UNITS: {
        unit_row_t *u = out;
        return read_unit_row(r, row, u, res) ? u->code : NULL;
    }
    case SHAPE_ORGANISERS: {
        organiser_row_t *o = out;
        return read_organiser_row(r, row, o) ? o->orgnr : NULL;
    }
    case SHAPE_MUNICIPALITIES: {
        municipality_row_t *m = out;
        return read_municipality_row(r, row, m) ? m->code : NULL;
    }
    case SHAPE_INSPECTION: {
        inspection_row_t *d = out;
        return import_read_inspection_row(r, row, d) ? d->code : NULL;
    }
    case SHAPE_PRESCHOOL_INSPECTION: {
        preschool_inspection_row_t *d = out;
        return import_read_preschool_inspection_row(r, row, d) ? d->orgnr : NULL;
    }
    }
    return NULL;
}

static bool apply_row(import_apply_t *ap, const void *row)
{
    switch (ap->spec->shape) {
    case SHAPE_UNITS: return import_apply_unit(ap, row);
    case SHAPE_ORGANISERS: return import_apply_organiser(ap, row);
    case SHAPE_MUNICIPALITIES: return import_apply_municipality(ap, row);
    case SHAPE_INSPECTION: return import_apply_inspection(ap, row);
    case SHAPE_PRESCHOOL_INSPECTION: return import_apply_preschool_inspection(ap, row);
    }
    return false;
}

/* One import as the file streams by: the header opens the write transaction, each row is
 * validated and written at once, and any failure rolls everything back. */
typedef struct import_run {
    import_reader_t reader;
    import_apply_t apply;
    reg_import_result_t *res;
    int year;                 /* as the caller gave it, 0 for none */
    bool in_tx;
    seen_t seen;
    union {
        unit_row_t unit;
        organiser_row_t organiser;
        municipality_row_t municipality;
        inspection_row_t inspection;
        preschool_inspection_row_t preschool;
    } row;
} import_run_t;

bool import_db_failed(const import_reader_t *r)
{
    *r->err = arena_printf(r->a, "%s: importen kunde inte sparas: %s", r->t->filename,
                           db_failure_text(db_failure(r->db)));
    return false;
}

/* The counties the database has, as ",01,03,…,": a municipality row naming another is
 * refused where it stands. NULL when they cannot be read. */
static const char *known_counties(const import_reader_t *r)
{
    buf_t b = BUF_INIT;
    buf_putc(&b, ',');
    db_stmt_t *st = db_prepare(r->db, "SELECT code FROM counties ORDER BY code");
    int rc;
    while ((rc = db_step(st)) == DB_ROW)
        buf_printf(&b, "%s,", db_col_text(st, 0));
    db_done(st);
    const char *known = rc == DB_DONE ? arena_strdup(r->a, buf_cstr(&b)) : NULL;
    buf_free(&b);
    return known;
}

static bool on_header(void *ctx, const csv_table_t *t, char **err)
{
    import_run_t *run = ctx;
    run->reader.t = t;
    if (!resolve_year(run->reader.spec, t, run->year, &run->res->year, run->reader.a, err))
        return false;
    if (!tx_begin(run->reader.db, run->reader.a, err)) {
        *err = arena_printf(run->reader.a, "%s: %s", t->filename, *err);
        return false;
    }
    run->in_tx = true;
    run->apply.year = run->res->year;
    if (run->reader.spec->shape == SHAPE_MUNICIPALITIES && !(run->reader.counties = known_counties(&run->reader)))
        return import_db_failed(&run->reader);
    if (!import_apply_begin(&run->apply))
        return import_db_failed(&run->reader);
    return true;
}

static bool on_row(void *ctx, const csv_table_t *t, const csv_row_t *row, char **err)
{
    import_run_t *run = ctx;
    const import_reader_t *r = &run->reader;
    run->res->rows_read++;
    const char *key = read_row(r, row, &run->row, run->res);
    if (!key)
        return false;
    const seen_entry_t *first = seen_add(&run->seen, key, row->line, row_hash(row));
    if (first) {
        /* A register file may repeat a row; a delivery of decisions names each unit once. */
        if (first->row_hash == row_hash(row) && !r->spec->one_row_per_key) {
            add_skip(run->res, "dubblett av en tidigare rad");
            return true;
        }
        *err = arena_printf(r->a, "%s: rad %zu, kolumn \"%s\": %s finns redan på rad %zu%s.", t->filename, row->line,
                            import_header_of(r, r->spec->columns[0].key), key, (size_t)first->line,
                            r->spec->one_row_per_key ? "; varje enhet eller huvudman får bara finnas en gång i filen"
                                                     : " med andra uppgifter");
        return false;
    }
    if (apply_row(&run->apply, &run->row))
        return true;
    if (!*err)
        import_db_failed(r);
    return false;
}

/* Fresh planner statistics for a table this import wrote a tenth of (or that has none
 * yet), so both databases plan the next queries for it as it now is. Smaller changes
 * leave the plans as they were: re-reading a national table costs more than the file.
 * SQLite's ANALYZE reads the indexes; PostgreSQL's is given the columns that queries
 * search, join and filter on, as reading the long texts besides would cost it as much
 * again (autovacuum's own ANALYZE takes every column later). A failure here changes
 * nothing and is ignored. */
static void analyse_grown_tables(db_t *db, const import_spec_t *spec, const import_apply_t *ap)
{
    static const struct {
        const char *table;
        sql_t analyse, analyse_pg; /* the second only where PostgreSQL's differs */
    } tables[] = {
        {.table = "municipalities", .analyse = SQL_CONST("ANALYZE municipalities")},
        {.table = "organisers", .analyse = SQL_CONST("ANALYZE organisers"),
         .analyse_pg = SQL_CONST("ANALYZE organisers (id, orgnr, municipality_code, kind, school_forms)")},
        {.table = "units", .analyse = SQL_CONST("ANALYZE units"),
         .analyse_pg = SQL_CONST("ANALYZE units (id, code, organiser_id, municipality_code, school_forms, pupils)")},
        {.table = "unit_stats", .analyse = SQL_CONST("ANALYZE unit_stats"),
         .analyse_pg = SQL_CONST("ANALYZE unit_stats (unit_id, year, variable, value)")},
        {.table = "inspection_decisions", .analyse = SQL_CONST("ANALYZE inspection_decisions")},
        {.table = "preschool_inspections", .analyse = SQL_CONST("ANALYZE preschool_inspections")},
    };
    const reg_import_result_t *res = ap->result;
    size_t rows = res->added + res->changed, written[6] = {0};
    const import_writes_t *w = ap->writes;
    switch (spec->shape) {
    case SHAPE_MUNICIPALITIES: written[0] = rows; break;
    case SHAPE_INSPECTION: written[4] = rows; break;
    case SHAPE_PRESCHOOL_INSPECTION: written[5] = rows; break;
    case SHAPE_ORGANISERS:
    case SHAPE_UNITS:
        written[0] = import_writes_count(w, IW_MUNICIPALITY);
        written[1] = import_writes_count(w, IW_ORGANISER_ADD) + import_writes_count(w, IW_ORGANISER_CHANGE);
        written[2] = import_writes_count(w, IW_UNIT_ADD) + import_writes_count(w, IW_UNIT_CHANGE);
        written[3] = import_writes_count(w, IW_STAT) + import_writes_count(w, IW_STAT_ADD);
        break;
    }
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        if (written[i] == 0)
            continue;
        int64_t known = db_table_rows_estimate(db, tables[i].table);
        if (known < 0 || (int64_t)written[i] * 10 >= known)
            db_exec_sql(db, db_backend(db) == DB_POSTGRES && tables[i].analyse_pg.text ? tables[i].analyse_pg
                                                                                       : tables[i].analyse);
    }
}

bool register_import(db_t *db, const viewer_t *v, const char *kind, const char *filename, FILE *f, int year,
                     arena_t *a, reg_import_result_t *res, char **err)
{
    memset(res, 0, sizeof *res);
    *err = NULL;
    const import_spec_t *spec = import_spec_find(kind);
    if (!spec) {
        *err = arena_printf(a, "okänd importtyp \"%s\" (organisers, units, results, background, preschools, municipalities, inspection, preschool-inspection)", kind);
        return false;
    }
    res->kind = spec->kind;
    res->filename = filename;
    arena_t scratch = ARENA_INIT;
    import_run_t run = {.res = res, .year = year};
    run.reader = (import_reader_t){spec, NULL, a, &scratch, err, db, NULL};
    run.apply = (import_apply_t){db, v, spec, a, &scratch, 0, res, err, NULL, NULL, NULL};
    csv_stream_t stream = {filename, spec->columns, spec->ncolumns, &scratch, on_header, on_row, &run};
    csv_table_t t;
    bool ok = csv_stream_file(a, f, &stream, &t, err);
    run.reader.t = &t;
    if (ok && run.in_tx && (!import_apply_finish(&run.apply) || !record_import(&run.apply, filename)))
        ok = import_db_failed(&run.reader);
    free(run.seen.slots);
    arena_free(&scratch);
    if (!run.in_tx)
        return ok;
    char *why = *err;
    if (!tx_finish(db, ok, a, err)) {
        /* Keep the message that names the row; the database's own sentence says why it
         * could not be saved when nothing else did. */
        if (why)
            *err = why;
        else
            *err = arena_printf(a, "%s: %s Inget ändrades.", filename, *err);
        return false;
    }
    analyse_grown_tables(db, spec, &run.apply);
    return true;
}

bool register_import_data(db_t *db, const viewer_t *v, const char *kind, const char *filename, const char *data,
                          size_t len, int year, arena_t *a, reg_import_result_t *res, char **err)
{
    FILE *f = len ? fmemopen((void *)data, len, "rb") : NULL;
    if (!f) {
        memset(res, 0, sizeof *res);
        *err = arena_printf(a, "%s: filen är tom", filename);
        return false;
    }
    bool ok = register_import(db, v, kind, filename, f, year, a, res, err);
    fclose(f);
    return ok;
}

void register_import_summary(const reg_import_result_t *r, buf_t *out)
{
    buf_printf(out, "Import: %s från %s", register_import_kind_label(r->kind), r->filename);
    if (r->year)
        buf_printf(out, " (år %d)", r->year);
    buf_printf(out, "\n  rader lästa:   %lld\n  tillagda:      %lld\n  ändrade:       %lld\n"
                    "  oförändrade:   %lld\n  överhoppade:   %lld\n",
               r->rows_read, r->added, r->changed, r->unchanged, r->skipped);
    for (size_t i = 0; i < r->nskip_reasons; i++)
        buf_printf(out, "    %lld: %s\n", r->skip_counts[i], r->skip_reasons[i]);
    if (r->organisers_added || r->organisers_changed)
        buf_printf(out, "  huvudmän tillagda: %lld, ändrade: %lld\n", r->organisers_added, r->organisers_changed);
    if (r->implausible)
        buf_printf(out, "  orimliga värden (sparade och flaggade): %lld\n", r->implausible);
}
