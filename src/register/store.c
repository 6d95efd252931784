/* store.c — the register's SQL. Every query that returns organisers or units carries
 * the viewer's scope clause, so nothing outside the viewer's reach is ever read. */
#include "register.h"
#include "../base/buf.h"
#include "../base/text.h"
#include "../base/vec.h"
#include "../access/access.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Every query that returns organisers or units carries ACCESS_ORGANISER_SCOPE. */
#define SCOPE ACCESS_ORGANISER_SCOPE
#define bind_scope access_bind_organiser

/* A LIKE pattern matching the folded query anywhere; '%' and '_' in it are literal. */
static char *like_pattern(arena_t *a, const char *q, bool fold)
{
    buf_t f = BUF_INIT, p = BUF_INIT;
    if (fold)
        text_fold(&f, q ? q : "");
    else
        buf_puts(&f, q ? q : "");
    buf_putc(&p, '%');
    for (const char *s = buf_cstr(&f); *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\')
            buf_putc(&p, '\\');
        buf_putc(&p, *s);
    }
    buf_putc(&p, '%');
    char *r = arena_strdup(a, buf_cstr(&p));
    buf_free(&f);
    buf_free(&p);
    return r;
}

/* Digits of a query typed as an organisation number or code ("212000-1561" → "2120001561"). */
static char *digits_pattern(arena_t *a, const char *q)
{
    buf_t d = BUF_INIT;
    for (const char *s = q ? q : ""; *s; s++)
        if (*s >= '0' && *s <= '9')
            buf_putc(&d, *s);
        else if (*s != '-' && *s != ' ')
            return buf_free(&d), arena_strdup(a, "\x01"); /* matches nothing */
    char *r = d.len ? like_pattern(a, buf_cstr(&d), false) : arena_strdup(a, "\x01");
    buf_free(&d);
    return r;
}

static const char *s_or_empty(const char *s) { return s ? s : ""; }

#define ORG_COLUMNS "o.id, o.orgnr, o.name, o.kind, o.legal_form, o.postal_town, o.municipality_code," \
    " m.name, c.code, c.name, o.school_forms, o.units_count"
#define ORG_FROM " FROM organisers o LEFT JOIN municipalities m ON m.code = o.municipality_code" \
    " LEFT JOIN counties c ON c.code = m.county_code"
#define ORG_WHERE " WHERE " SCOPE " AND (? = '' OR o.name_search LIKE ? ESCAPE '\\'" \
    " OR o.orgnr LIKE ? ESCAPE '\\' OR m.name_search LIKE ? ESCAPE '\\')" \
    " AND (? = '' OR o.kind = ?) AND (? = '' OR m.county_code = ?)"

static int bind_org_filter(db_stmt_t *st, const viewer_t *v, const reg_filter_t *f, arena_t *a)
{
    int i = bind_scope(st, 1, v);
    const char *q = s_or_empty(f->q);
    db_bind_text(st, i++, q);
    db_bind_text(st, i++, like_pattern(a, q, true));
    db_bind_text(st, i++, digits_pattern(a, q));
    db_bind_text(st, i++, like_pattern(a, q, true));
    db_bind_text(st, i++, s_or_empty(f->kind));
    db_bind_text(st, i++, s_or_empty(f->kind));
    db_bind_text(st, i++, s_or_empty(f->county));
    db_bind_text(st, i++, s_or_empty(f->county));
    return i;
}

static void read_organiser(db_stmt_t *st, arena_t *a, reg_organiser_t *o)
{
    o->id = db_col_int(st, 0);
    o->orgnr = arena_strdup(a, db_col_text(st, 1));
    o->name = arena_strdup(a, db_col_text(st, 2));
    o->kind = arena_strdup(a, db_col_text(st, 3));
    o->legal_form = arena_strdup(a, db_col_text(st, 4));
    o->postal_town = arena_strdup(a, db_col_text(st, 5));
    o->municipality_code = arena_strdup(a, db_col_text(st, 6));
    o->municipality = arena_strdup(a, db_col_text(st, 7));
    o->county_code = arena_strdup(a, db_col_text(st, 8));
    o->county = arena_strdup(a, db_col_text(st, 9));
    o->school_forms = arena_strdup(a, db_col_text(st, 10));
    o->units = db_col_int(st, 11);
}

static void limits(const reg_filter_t *f, long long *limit, long long *offset)
{
    long long page = f->page > 0 ? f->page : 1;
    *limit = f->per_page > 0 ? f->per_page : 10000000;
    *offset = f->per_page > 0 ? (page - 1) * f->per_page : 0;
}

/* The whole register's count of what an unfiltered list shows someone who sees it all
 * (kept by the import), or -1 when the list has to be counted. */
static long long known_total(db_t *db, const viewer_t *v, const reg_filter_t *f, const char *column)
{
    if ((f->q && *f->q) || (f->kind && *f->kind) || (f->county && *f->county) || (f->form && *f->form) ||
        !access_may(v, CAP_REGISTER_ALL))
        return -1;
    reg_counts_t c;
    register_counts(db, &c);
    return strcmp(column, "organisers") == 0 ? c.organisers : c.units;
}

/* Runs a filtered list as two queries that share their WHERE clause: the count of all
 * matches, then one page of rows read by read_row into an array of elem_size items. */
typedef int (*bind_fn)(db_stmt_t *st, const viewer_t *v, const reg_filter_t *f, arena_t *a);
typedef void (*read_fn)(db_stmt_t *st, arena_t *a, void *item);

static size_t paged_query(db_t *db, sql_t count_sql, sql_t list_sql, bind_fn bind, read_fn read_row,
                          size_t elem_size, const viewer_t *v, const reg_filter_t *f, arena_t *a, void **out,
                          long long *total, long long known)
{
    *out = NULL;
    *total = known > 0 ? known : 0;
    db_stmt_t *st;
    if (known < 0) {
        st = db_prepare_sql(db, count_sql);
        if (!st)
            return 0;
        bind(st, v, f, a);
        if (db_step(st) == DB_ROW)
            *total = db_col_int(st, 0);
        db_done(st);
    }
    long long limit, offset;
    limits(f, &limit, &offset);
    size_t cap = (size_t)(*total < limit ? *total : limit), n = 0;
    if (!cap)
        return 0;
    char *items = arena_alloc(a, cap * elem_size);
    st = db_prepare_sql(db, list_sql);
    if (!st)
        return 0;
    int i = bind(st, v, f, a);
    db_bind_int(st, i++, limit);
    db_bind_int(st, i, offset);
    while (n < cap && db_step(st) == DB_ROW)
        read_row(st, a, items + n++ * elem_size);
    db_done(st);
    *out = items;
    return n;
}

static void read_organiser_item(db_stmt_t *st, arena_t *a, void *item)
{
    read_organiser(st, a, item);
}

size_t register_list_organisers(db_t *db, const viewer_t *v, const reg_filter_t *f, arena_t *a,
                                reg_organiser_t **out, long long *total)
{
    void *items;
    size_t n = paged_query(db, SQL("SELECT COUNT(*)" ORG_FROM ORG_WHERE),
                           SQL("SELECT " ORG_COLUMNS ORG_FROM ORG_WHERE " ORDER BY o.name_search, o.orgnr LIMIT ? OFFSET ?"),
                           bind_org_filter, read_organiser_item, sizeof **out, v, f, a, &items, total,
                           known_total(db, v, f, "organisers"));
    *out = items;
    return n;
}

reg_organiser_t *register_get_organiser(db_t *db, const viewer_t *v, const char *orgnr, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT " ORG_COLUMNS ORG_FROM " WHERE " SCOPE " AND o.orgnr = ?");
    if (!st)
        return NULL;
    int i = bind_scope(st, 1, v);
    db_bind_text(st, i, orgnr);
    reg_organiser_t *o = NULL;
    if (db_step(st) == DB_ROW) {
        o = arena_alloc(a, sizeof *o);
        read_organiser(st, a, o);
    }
    db_done(st);
    return o;
}

#define UNIT_COLUMNS "u.id, u.code, u.name, o.orgnr, o.name, o.kind, u.municipality_code, m.name, c.name," \
    " u.school_forms, u.grades, u.address, u.postal_town, u.pupils, u.latitude, u.longitude"
#define UNIT_FROM " FROM units u JOIN organisers o ON o.id = u.organiser_id" \
    " LEFT JOIN municipalities m ON m.code = u.municipality_code LEFT JOIN counties c ON c.code = m.county_code"
#define UNIT_WHERE " WHERE " SCOPE " AND (? = '' OR u.name_search LIKE ? ESCAPE '\\' OR u.code LIKE ? ESCAPE '\\'" \
    " OR o.name_search LIKE ? ESCAPE '\\' OR m.name_search LIKE ? ESCAPE '\\')" \
    " AND (? = '' OR u.school_forms LIKE ?) AND (? = '' OR m.county_code = ?) AND (? = '' OR o.kind = ?)"

static void read_unit(db_stmt_t *st, arena_t *a, reg_unit_t *u)
{
    u->id = db_col_int(st, 0);
    u->code = arena_strdup(a, db_col_text(st, 1));
    u->name = arena_strdup(a, db_col_text(st, 2));
    u->orgnr = arena_strdup(a, db_col_text(st, 3));
    u->organiser = arena_strdup(a, db_col_text(st, 4));
    u->organiser_kind = arena_strdup(a, db_col_text(st, 5));
    u->municipality_code = arena_strdup(a, db_col_text(st, 6));
    u->municipality = arena_strdup(a, db_col_text(st, 7));
    u->county = arena_strdup(a, db_col_text(st, 8));
    u->school_forms = arena_strdup(a, db_col_text(st, 9));
    u->grades = arena_strdup(a, db_col_text(st, 10));
    u->address = arena_strdup(a, db_col_text(st, 11));
    u->postal_town = arena_strdup(a, db_col_text(st, 12));
    u->pupils = db_col_is_null(st, 13) ? -1 : db_col_int(st, 13);
    u->has_position = !db_col_is_null(st, 14) && !db_col_is_null(st, 15);
    u->latitude = u->has_position ? db_col_double(st, 14) : NAN;
    u->longitude = u->has_position ? db_col_double(st, 15) : NAN;
}

static int bind_unit_filter(db_stmt_t *st, const viewer_t *v, const reg_filter_t *f, arena_t *a)
{
    int i = bind_scope(st, 1, v);
    const char *q = s_or_empty(f->q);
    db_bind_text(st, i++, q);
    db_bind_text(st, i++, like_pattern(a, q, true));
    db_bind_text(st, i++, digits_pattern(a, q));
    db_bind_text(st, i++, like_pattern(a, q, true));
    db_bind_text(st, i++, like_pattern(a, q, true));
    const char *form = s_or_empty(f->form);
    db_bind_text(st, i++, form);
    db_bind_text(st, i++, arena_printf(a, "%%,%s,%%", form));
    db_bind_text(st, i++, s_or_empty(f->county));
    db_bind_text(st, i++, s_or_empty(f->county));
    db_bind_text(st, i++, s_or_empty(f->kind));
    db_bind_text(st, i++, s_or_empty(f->kind));
    return i;
}

static void read_unit_item(db_stmt_t *st, arena_t *a, void *item)
{
    read_unit(st, a, item);
}

size_t register_list_units(db_t *db, const viewer_t *v, const reg_filter_t *f, arena_t *a,
                           reg_unit_t **out, long long *total)
{
    void *items;
    size_t n = paged_query(db, SQL("SELECT COUNT(*)" UNIT_FROM UNIT_WHERE),
                           SQL("SELECT " UNIT_COLUMNS UNIT_FROM UNIT_WHERE " ORDER BY u.name_search, u.code LIMIT ? OFFSET ?"),
                           bind_unit_filter, read_unit_item, sizeof **out, v, f, a, &items, total,
                           known_total(db, v, f, "units"));
    *out = items;
    return n;
}

size_t register_organiser_units(db_t *db, const reg_organiser_t *o, arena_t *a, reg_unit_t **out)
{
    *out = NULL;
    if (!o->units)
        return 0;
    *out = arena_alloc(a, (size_t)o->units * sizeof **out);
    db_stmt_t *st = db_prepare(db, "SELECT " UNIT_COLUMNS UNIT_FROM " WHERE u.organiser_id = ? ORDER BY u.name_search, u.code");
    if (!st)
        return 0;
    db_bind_int(st, 1, o->id);
    size_t n = 0;
    while (n < (size_t)o->units && db_step(st) == DB_ROW)
        read_unit(st, a, &(*out)[n++]);
    db_done(st);
    return n;
}

reg_unit_t *register_get_unit(db_t *db, const viewer_t *v, const char *code, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT " UNIT_COLUMNS UNIT_FROM " WHERE " SCOPE " AND u.code = ?");
    if (!st)
        return NULL;
    int i = bind_scope(st, 1, v);
    db_bind_text(st, i, code);
    reg_unit_t *u = NULL;
    if (db_step(st) == DB_ROW) {
        u = arena_alloc(a, sizeof *u);
        read_unit(st, a, u);
    }
    db_done(st);
    return u;
}

static size_t read_stats(db_stmt_t *st, arena_t *a, reg_stat_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        reg_stat_t *s = ARENA_PUSH(a, *out, n, cap);
        s->unit_id = db_col_int(st, 0);
        s->year = (int)db_col_int(st, 1);
        s->variable = arena_strdup(a, db_col_text(st, 2));
        s->value = db_col_is_null(st, 3) ? NAN : db_col_double(st, 3);
        s->flag = arena_strdup(a, db_col_text(st, 4));
    }
    db_done(st);
    return n;
}

size_t register_unit_stats(db_t *db, const reg_unit_t *u, arena_t *a, reg_stat_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT unit_id, year, variable, value, flag FROM unit_stats"
                                   " WHERE unit_id = ? ORDER BY year DESC, variable");
    if (!st)
        return *out = NULL, 0;
    db_bind_int(st, 1, u->id);
    return read_stats(st, a, out);
}

size_t register_organiser_latest_stats(db_t *db, const reg_organiser_t *o, arena_t *a, reg_stat_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT s.unit_id, s.year, s.variable, s.value, s.flag FROM unit_stats s"
                                   " JOIN units u ON u.id = s.unit_id WHERE u.organiser_id = ?"
                                   " ORDER BY s.unit_id, s.variable, s.year DESC");
    if (!st)
        return *out = NULL, 0;
    db_bind_int(st, 1, o->id);
    size_t n = read_stats(st, a, out);
    /* Keep the newest year of each (unit, variable): rows are ordered so it comes first. */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && (*out)[k - 1].unit_id == (*out)[i].unit_id && strcmp((*out)[k - 1].variable, (*out)[i].variable) == 0)
            continue;
        (*out)[k++] = (*out)[i];
    }
    return k;
}

const reg_stat_t *register_find_stat(const reg_stat_t *stats, size_t n, int64_t unit_id, const char *variable)
{
    /* Binary search for the first row of the unit (rows are ordered by unit id). */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (stats[mid].unit_id < unit_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < n && stats[i].unit_id == unit_id; i++)
        if (strcmp(stats[i].variable, variable) == 0)
            return &stats[i];
    return NULL;
}

/* The totals kept in register_counts ('' for the country) and organisers.units_count,
 * recomputed by every import inside its transaction so that pages read them instead of
 * counting the register on every request. */
bool register_recount(db_t *db)
{
    /* Each count is grouped along an index, so that no step sorts or holds the units in
     * memory however large the register (a national file is read in one transaction). */
    static const sql_t steps[] = {
        SQL_CONST("UPDATE organisers SET units_count = k.n FROM (SELECT organiser_id AS id, COUNT(*) AS n FROM units"
                  " GROUP BY organiser_id) k WHERE k.id = organisers.id AND organisers.units_count <> k.n"),
        SQL_CONST("UPDATE organisers SET units_count = 0 WHERE units_count <> 0"
                  " AND NOT EXISTS (SELECT 1 FROM units u WHERE u.organiser_id = organisers.id)"),
        SQL_CONST("DELETE FROM register_counts"),
        SQL_CONST("INSERT INTO register_counts (county_code, organisers, units, preschools, municipalities)"
                  " SELECT '', (SELECT COUNT(*) FROM organisers), (SELECT COUNT(*) FROM units),"
                  " (SELECT COUNT(*) FROM units WHERE school_forms LIKE '%,forskola,%'),"
                  " (SELECT COUNT(*) FROM municipalities)"),
        SQL_CONST("INSERT INTO register_counts (county_code, organisers, units, preschools, municipalities)"
                  " SELECT c.code, COALESCE(o.n, 0), COALESCE(u.n, 0), COALESCE(u.p, 0), COALESCE(m.n, 0)"
                  " FROM counties c"
                  " LEFT JOIN (SELECT mm.county_code, SUM(x.n) AS n FROM (SELECT municipality_code, COUNT(*) AS n"
                  " FROM organisers GROUP BY municipality_code) x JOIN municipalities mm ON mm.code = x.municipality_code"
                  " GROUP BY mm.county_code) o ON o.county_code = c.code"
                  " LEFT JOIN (SELECT mm.county_code, SUM(x.n) AS n, SUM(x.p) AS p FROM (SELECT municipality_code,"
                  " COUNT(*) AS n, SUM(CASE WHEN school_forms LIKE '%,forskola,%' THEN 1 ELSE 0 END) AS p FROM units"
                  " GROUP BY municipality_code) x JOIN municipalities mm ON mm.code = x.municipality_code"
                  " GROUP BY mm.county_code) u ON u.county_code = c.code"
                  " LEFT JOIN (SELECT county_code, COUNT(*) AS n FROM municipalities GROUP BY county_code) m"
                  " ON m.county_code = c.code"),
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (db_run_sql(db, steps[i], "") != DB_DONE)
            return false;
    return true;
}

void register_counts(db_t *db, reg_counts_t *c)
{
    memset(c, 0, sizeof *c);
    db_stmt_t *st = db_prepare(db, "SELECT organisers, units, preschools, municipalities FROM register_counts"
                                   " WHERE county_code = ''");
    if (st && db_step(st) == DB_ROW) {
        c->organisers = db_col_int(st, 0);
        c->units = db_col_int(st, 1);
        c->preschools = db_col_int(st, 2);
        c->municipalities = db_col_int(st, 3);
    }
    db_done(st);
    c->school_units = c->units - c->preschools;
}

size_t register_counts_by_county(db_t *db, arena_t *a, const char ***names, int64_t **organisers, int64_t **units)
{
    enum { MAX = 32 };
    *names = arena_alloc(a, MAX * sizeof **names);
    *organisers = arena_alloc(a, MAX * sizeof **organisers);
    *units = arena_alloc(a, MAX * sizeof **units);
    db_stmt_t *st = db_prepare(db, "SELECT c.name, COALESCE(k.organisers, 0), COALESCE(k.units, 0) FROM counties c"
                                   " LEFT JOIN register_counts k ON k.county_code = c.code ORDER BY c.code");
    if (!st)
        return 0;
    size_t n = 0;
    while (n < MAX && db_step(st) == DB_ROW) {
        (*names)[n] = arena_strdup(a, db_col_text(st, 0));
        (*organisers)[n] = db_col_int(st, 1);
        (*units)[n] = db_col_int(st, 2);
        n++;
    }
    db_done(st);
    return n;
}

size_t register_list_counties(db_t *db, arena_t *a, const char ***codes, const char ***names)
{
    enum { MAX = 32 };
    *codes = arena_alloc(a, MAX * sizeof **codes);
    *names = arena_alloc(a, MAX * sizeof **names);
    db_stmt_t *st = db_prepare(db, "SELECT code, name FROM counties ORDER BY name");
    size_t n = 0;
    while (st && n < MAX && db_step(st) == DB_ROW) {
        (*codes)[n] = arena_strdup(a, db_col_text(st, 0));
        (*names)[n] = arena_strdup(a, db_col_text(st, 1));
        n++;
    }
    db_done(st);
    return n;
}


int64_t register_organiser_id(db_t *db, const char *orgnr)
{
    return db_query_int(db, "SELECT id FROM organisers WHERE orgnr = ?", orgnr, 0);
}

bool register_unit_ids(db_t *db, const char *code, int64_t *unit_id, int64_t *organiser_id)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, organiser_id FROM units WHERE code = ?");
    db_bind_text(st, 1, code);
    bool found = db_step(st) == DB_ROW;
    if (found) {
        *unit_id = db_col_int(st, 0);
        *organiser_id = db_col_int(st, 1);
    }
    db_done(st);
    return found;
}

const char *register_first_unit_code(db_t *db, const char *orgnr, const char *prefer, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT u.code FROM units u JOIN organisers o ON o.id = u.organiser_id"
                                   " WHERE o.orgnr = ? ORDER BY CASE WHEN u.code = ? THEN 0 ELSE 1 END, u.code LIMIT 1");
    db_bind_text(st, 1, orgnr);
    db_bind_text(st, 2, prefer ? prefer : "");
    const char *code = db_step(st) == DB_ROW ? arena_strdup(a, db_col_text(st, 0)) : NULL;
    db_done(st);
    return code;
}

size_t register_recent_imports(db_t *db, size_t limit, arena_t *a, reg_import_log_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT at, kind, filename, year, rows_read, added, changed, unchanged, skipped, actor"
                                   " FROM imports ORDER BY id DESC LIMIT ?");
    db_bind_int(st, 1, (int64_t)limit);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        reg_import_log_t *r = ARENA_PUSH(a, *out, n, cap);
        r->at = db_col_int(st, 0);
        r->kind = arena_strdup(a, s_or_empty(db_col_text(st, 1)));
        r->filename = arena_strdup(a, s_or_empty(db_col_text(st, 2)));
        r->year = db_col_is_null(st, 3) ? 0 : (int)db_col_int(st, 3);
        r->rows_read = db_col_int(st, 4);
        r->added = db_col_int(st, 5);
        r->changed = db_col_int(st, 6);
        r->unchanged = db_col_int(st, 7);
        r->skipped = db_col_int(st, 8);
        r->actor = arena_strdup(a, s_or_empty(db_col_text(st, 9)));
    }
    db_done(st);
    return n;
}

size_t register_national_stats(db_t *db, arena_t *a, reg_national_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT variable, year, value, units FROM national_stats ORDER BY variable, year");
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        reg_national_t *x = ARENA_PUSH(a, *out, n, cap);
        x->variable = db_col_str(st, 0, a);
        x->year = (int)db_col_int(st, 1);
        x->value = db_col_double(st, 2);
        x->units = db_col_int(st, 3);
    }
    db_done(st);
    return n;
}
