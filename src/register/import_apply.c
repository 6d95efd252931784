/* import_apply.c — writes validated import rows: upserts by natural key (organisation
 * number, unit code, municipality code; statistics by unit, year and variable), counts
 * what was added, changed and left as it was, and audits every change.
 * Names follow the newest source: a file's year must be at least the year of the name
 * already stored for it to replace it (undated register files count as year 0). */
#include "import_spec.h"
#include "import_writes.h"
#include "../base/json_out.h"
#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/text.h"
#include "../db/audit.h"
#include <jansson.h>
#include <math.h>
#include <string.h>
#include <time.h>

typedef struct org_entry {
    const char *orgnr;
    int64_t id;
    const char *name, *kind, *municipality_code, *legal_form, *postal_town, *school_forms;
    int name_year;
    bool named_now; /* this import already set the name: later rows keep it */
} org_entry_t;

/* A stored municipality, for the municipality file (indexed by its four-digit code). */
typedef struct muni_entry {
    const char *name, *county_code;
    bool exists;
} muni_entry_t;

struct org_cache {
    org_entry_t *slots;
    size_t cap, count;
    const char **municipalities; /* codes known to exist, open addressing */
    size_t mcap;
    muni_entry_t *stored;        /* SHAPE_MUNICIPALITIES only: every municipality by code */
};

enum { MUNICIPALITY_CODES = 10000 };

static muni_entry_t *stored_municipality(struct org_cache *c, const char *code)
{
    int n = 0;
    for (int i = 0; i < 4; i++) {
        if (code[i] < '0' || code[i] > '9')
            return NULL;
        n = n * 10 + (code[i] - '0');
    }
    return code[4] ? NULL : &c->stored[n];
}

/* Every stored municipality, read once for the municipality file instead of once a row. */
static bool load_municipalities(import_apply_t *ap)
{
    struct org_cache *c = ap->orgs;
    c->stored = arena_alloc(ap->arena, MUNICIPALITY_CODES * sizeof *c->stored);
    db_stmt_t *st = db_prepare(ap->db, "SELECT code, name, county_code FROM municipalities");
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        muni_entry_t *e = stored_municipality(c, db_col_text(st, 0));
        if (!e)
            continue;
        e->exists = true;
        e->name = arena_strdup(ap->arena, db_col_text(st, 1));
        e->county_code = arena_strdup(ap->arena, db_col_text(st, 2));
    }
    db_done(st);
    return rc == DB_DONE;
}

static org_entry_t *org_slot(struct org_cache *c, const char *orgnr)
{
    for (size_t i = text_hash(orgnr) & (c->cap - 1);; i = (i + 1) & (c->cap - 1))
        if (!c->slots[i].orgnr || strcmp(c->slots[i].orgnr, orgnr) == 0)
            return &c->slots[i];
}

/* Doubles the organiser table when it is half full: a file may bring many new ones. */
static void org_grow(struct org_cache *c, arena_t *a)
{
    if (c->count * 2 < c->cap)
        return;
    org_entry_t *old = c->slots;
    size_t old_cap = c->cap;
    c->cap *= 2;
    c->slots = arena_alloc(a, c->cap * sizeof *c->slots);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].orgnr)
            *org_slot(c, old[i].orgnr) = old[i];
}

static bool muni_known(struct org_cache *c, const char *code, bool add)
{
    for (size_t i = text_hash(code) & (c->mcap - 1);; i = (i + 1) & (c->mcap - 1)) {
        if (!c->municipalities[i]) {
            if (add)
                c->municipalities[i] = code;
            return false;
        }
        if (strcmp(c->municipalities[i], code) == 0)
            return true;
    }
}

static char *fold(arena_t *a, const char *s)
{
    buf_t b = BUF_INIT;
    text_fold(&b, s);
    char *r = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return r;
}

static const char *nz(const char *s) { return s ? s : ""; }
static bool same(const char *a, const char *b) { return strcmp(nz(a), nz(b)) == 0; }

static bool load_units(import_apply_t *ap);

bool import_apply_begin(import_apply_t *ap)
{
    struct org_cache *c = arena_alloc(ap->arena, sizeof *c);
    ap->orgs = c;
    /* Only the register files name organisers: the municipality and inspection files
     * are spared reading them all. */
    bool organisers = ap->spec->shape == SHAPE_ORGANISERS || ap->spec->shape == SHAPE_UNITS;
    int64_t n = organisers ? db_query_int(ap->db, "SELECT COUNT(*) FROM organisers", NULL, -1) : 0;
    if (n < 0)
        return false;
    c->cap = 1024;
    while (c->cap < (size_t)n * 2 + 8192)
        c->cap *= 2;
    c->slots = arena_alloc(ap->arena, c->cap * sizeof *c->slots);
    c->mcap = 32768; /* every four-digit code fits twice over: the table never fills */
    c->municipalities = arena_alloc(ap->arena, c->mcap * sizeof *c->municipalities);
    db_stmt_t *st = organisers ? db_prepare(ap->db, "SELECT id, orgnr, name, kind, municipality_code, legal_form,"
                                                    " postal_town, school_forms, name_year FROM organisers")
                               : NULL;
    if (organisers && !st)
        return false;
    int rc = DB_DONE;
    while (st && (rc = db_step(st)) == DB_ROW) {
        const char *orgnr = arena_strdup(ap->arena, db_col_text(st, 1));
        org_entry_t *e = org_slot(c, orgnr);
        e->orgnr = orgnr;
        e->id = db_col_int(st, 0);
        e->name = arena_strdup(ap->arena, db_col_text(st, 2));
        e->kind = arena_strdup(ap->arena, db_col_text(st, 3));
        e->municipality_code = arena_strdup(ap->arena, db_col_text(st, 4));
        e->legal_form = arena_strdup(ap->arena, db_col_text(st, 5));
        e->postal_town = arena_strdup(ap->arena, db_col_text(st, 6));
        e->school_forms = arena_strdup(ap->arena, db_col_text(st, 7));
        e->name_year = (int)db_col_int(st, 8);
        c->count++;
    }
    db_done(st);
    if (rc != DB_DONE)
        return false;
    st = db_prepare(ap->db, "SELECT code FROM municipalities WHERE county_code IS NOT NULL");
    while ((rc = db_step(st)) == DB_ROW)
        muni_known(c, arena_strdup(ap->arena, db_col_text(st, 0)), true);
    db_done(st);
    if (rc != DB_DONE)
        return false;
    ap->writes = import_writes_new(ap->db, ap->arena);
    if (ap->spec->shape == SHAPE_MUNICIPALITIES)
        return load_municipalities(ap);
    return ap->spec->shape != SHAPE_UNITS || load_units(ap);
}

bool import_apply_finish(import_apply_t *ap)
{
    return !ap->writes || import_writes_flush(ap->writes);
}

static char *org_json(const org_entry_t *e)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s}", "orgnr", e->orgnr, "name", e->name, "kind",
                          e->kind, "municipality_code", e->municipality_code, "legal_form", e->legal_form,
                          "postal_town", e->postal_town, "school_forms", nz(e->school_forms));
    char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    return s;
}

static bool audit_json(import_apply_t *ap, const char *action, const char *type, const char *key,
                       char *before, char *after)
{
    bool ok = import_writes_audit(ap->writes, ap->viewer, action, type, key, before, after);
    free(before);
    free(after);
    return ok;
}

static bool write_organiser(import_apply_t *ap, org_entry_t *e, bool insert)
{
    int64_t now = (int64_t)time(NULL);
    const char *name_search = fold(ap->scratch, e->name);
    if (!insert)
        return import_writes_add(ap->writes, IW_ORGANISER_CHANGE, "ttitttttit", e->name, name_search,
                                 (int64_t)e->name_year, e->kind, e->municipality_code, e->legal_form, e->postal_town,
                                 nz(e->school_forms), now, e->orgnr);
    e->id = import_writes_next_id(ap->writes, "organisers");
    return e->id && import_writes_add(ap->writes, IW_ORGANISER_ADD, "ittitttttiit", e->id, e->name, name_search,
                                      (int64_t)e->name_year, e->kind, e->municipality_code, e->legal_form,
                                      e->postal_town, nz(e->school_forms), now, now, e->orgnr);
}

/* Finds or creates the organiser of a unit row, updating its name by the year rule. */
static org_entry_t *ensure_organiser(import_apply_t *ap, const unit_row_t *u)
{
    org_grow(ap->orgs, ap->arena);
    org_entry_t *e = org_slot(ap->orgs, u->orgnr);
    bool kommunal = strcmp(u->organiser_kind, "kommunal") == 0;
    if (!e->orgnr) {
        /* The cache outlives the row: what it keeps is copied out of the row's memory. */
        e->orgnr = arena_strdup(ap->arena, u->orgnr);
        if (u->organiser) {
            e->name = arena_strdup(ap->arena, u->organiser);
            e->name_year = ap->year;
        } else {
            /* The file gives only a number: a placeholder that any named source replaces. */
            e->name = kommunal && u->municipality
                ? arena_printf(ap->arena, "%s kommun", u->municipality)
                : arena_printf(ap->arena, "Huvudman %.6s-%.4s", u->orgnr, u->orgnr + 6);
            e->name_year = -1;
        }
        e->kind = u->organiser_kind;
        e->municipality_code = kommunal ? arena_strdup(ap->arena, u->municipality_code) : NULL;
        e->school_forms = register_forms_text(ap->arena, u->forms);
        if (!write_organiser(ap, e, true))
            return NULL;
        ap->result->organisers_added++;
        ap->orgs->count++;
        return audit_json(ap, "import:add", "organiser", e->orgnr, NULL, org_json(e)) ? e : NULL;
    }
    org_entry_t before = *e;
    /* A newer source confirms or replaces the name; either way its year is recorded, so
     * an older file read later cannot take it back. */
    if (u->organiser && !e->named_now && ap->year >= e->name_year) {
        if (!same(e->name, u->organiser))
            e->name = arena_strdup(ap->arena, u->organiser);
        e->name_year = ap->year;
        e->named_now = true;
    }
    if (kommunal && !e->municipality_code)
        e->municipality_code = arena_strdup(ap->arena, u->municipality_code);
    unsigned had = register_forms_parse(e->school_forms), forms = had | u->forms;
    if (forms != had)
        e->school_forms = register_forms_text(ap->arena, forms);
    if (same(before.name, e->name) && before.name_year == e->name_year &&
        same(before.municipality_code, e->municipality_code) && same(before.school_forms, e->school_forms))
        return e;
    if (!write_organiser(ap, e, false))
        return NULL;
    ap->result->organisers_changed++;
    return audit_json(ap, "import:change", "organiser", e->orgnr, org_json(&before), org_json(e)) ? e : NULL;
}

static bool ensure_municipality(import_apply_t *ap, const unit_row_t *u)
{
    if (muni_known(ap->orgs, u->municipality_code, false))
        return true;
    const char *name = u->municipality ? u->municipality : u->municipality_code;
    bool ok = import_writes_add(ap->writes, IW_MUNICIPALITY, "tttt", u->municipality_code, name,
                                fold(ap->scratch, name), u->county_code);
    /* Remember it once its county is known; until then later rows may still add it. */
    if (ok && (u->county_code || !u->municipality))
        muni_known(ap->orgs, arena_strdup(ap->arena, u->municipality_code), true);
    return ok;
}

typedef struct unit_state {
    int64_t id, organiser_id, pupils;
    const char *name, *municipality_code, *school_forms, *grades, *address, *postal_town;
    int name_year;
    double latitude, longitude;
    bool has_position;
} unit_state_t;

/* A statistic that changed, as the audit shows it: the value, or the flag where there is none. */
typedef struct stat_change {
    const char *variable, *flag;
    double value;
    size_t order; /* in the row: of two with the same name the later counts */
} stat_change_t;

static int by_variable(const void *a, const void *b)
{
    const stat_change_t *x = a, *y = b;
    int c = strcmp(x->variable, y->variable);
    return c ? c : (x->order < y->order ? -1 : x->order > y->order);
}

/* The statistics as a JSON object, keys sorted; the changes are sorted here. */
static void stats_json(buf_t *b, stat_change_t *c, size_t n)
{
    qsort(c, n, sizeof *c, by_variable);
    json_out_begin(b);
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && strcmp(c[i].variable, c[i + 1].variable) == 0)
            continue;
        json_out_key(b, c[i].variable);
        if (isnan(c[i].value))
            json_out_string(b, c[i].flag);
        else
            json_out_real(b, c[i].value);
    }
    json_out_end(b);
}

/* The audit's picture of a unit (its keys in sorted order), with its statistics under
 * stats_key when any changed. Written by hand: a national file writes thousands. */
static char *unit_json(const unit_state_t *s, const char *code, const char *orgnr, const char *stats_key,
                       stat_change_t *stats, size_t nstats)
{
    buf_t b = BUF_INIT;
    json_out_begin(&b);
    json_out_key_string(&b, "address", s->address);
    json_out_key_string(&b, "code", code);
    json_out_key_string(&b, "grades", s->grades);
    if (s->has_position) {
        json_out_key(&b, "latitude");
        json_out_real(&b, s->latitude);
        json_out_key(&b, "longitude");
        json_out_real(&b, s->longitude);
    }
    json_out_key_string(&b, "municipality_code", s->municipality_code);
    json_out_key_string(&b, "name", s->name);
    json_out_key_string(&b, "organiser", orgnr);
    json_out_key_string(&b, "postal_town", s->postal_town);
    if (s->pupils >= 0) {
        json_out_key(&b, "pupils");
        json_out_int(&b, s->pupils);
    }
    json_out_key_string(&b, "school_forms", nz(s->school_forms));
    if (stats_key && nstats) {
        json_out_key(&b, stats_key);
        stats_json(&b, stats, nstats);
    }
    json_out_end(&b);
    return buf_steal(&b, NULL);
}

/* The units and this year's statistics as the import found them, read once at its start
 * (a file names each unit once, so the rows never need what earlier rows wrote). */
typedef struct stat_entry {
    int64_t unit_id;
    const char *variable, *flag;
    double value;
} stat_entry_t;

struct unit_cache {
    unit_state_t *units; /* open addressing by code (codes[i]) */
    const char **codes;
    size_t ucap;
    stat_entry_t *stats; /* open addressing by (unit, variable) */
    size_t scap, scount;
};

static size_t table_size(int64_t n)
{
    size_t cap = 1024;
    while (cap < (size_t)(n > 0 ? n : 0) * 2 + 16)
        cap *= 2;
    return cap;
}

static size_t unit_slot(const struct unit_cache *c, const char *code)
{
    size_t i = text_hash(code) & (c->ucap - 1);
    while (c->codes[i] && strcmp(c->codes[i], code) != 0)
        i = (i + 1) & (c->ucap - 1);
    return i;
}

static size_t stat_slot(const struct unit_cache *c, int64_t unit_id, const char *variable)
{
    size_t i = (text_hash(variable) ^ ((uint64_t)unit_id * 0x9e3779b97f4a7c15ull)) & (c->scap - 1);
    while (c->stats[i].variable && (c->stats[i].unit_id != unit_id || strcmp(c->stats[i].variable, variable) != 0))
        i = (i + 1) & (c->scap - 1);
    return i;
}

/* Doubles the statistics table when it is half full (it is filled without a count first). */
static void stats_grow(struct unit_cache *c, arena_t *a)
{
    if (c->scount * 2 < c->scap)
        return;
    stat_entry_t *old = c->stats;
    size_t old_cap = c->scap;
    c->scap *= 2;
    c->stats = arena_alloc(a, c->scap * sizeof *c->stats);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].variable)
            c->stats[stat_slot(c, old[i].unit_id, old[i].variable)] = old[i];
}

enum { MAX_COMPARED = 16 }; /* the placeholders of load_stats' IN list */
_Static_assert(sizeof ((unit_row_t *)0)->stats / sizeof ((unit_row_t *)0)->stats[0] + 2 <= MAX_COMPARED,
               "every variable a row can carry, and both pupil counts, fit in load_stats' list");

/* The variables this file's rows can compare with: its own statistics, and for the
 * register's unit files both pupil counts (a unit's count is the sum of the two forms). */
static size_t compared_variables(const import_spec_t *spec, const char **vars, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < spec->nstats && n < max; i++)
        vars[n++] = spec->stats[i].variable;
    if (strcmp(spec->kind, "units") == 0 && n + 2 <= max) {
        vars[n++] = "pupils_grundskola";
        vars[n++] = "pupils_gymnasieskola";
    }
    return n;
}

/* This year's stored values of those variables only, along the (variable, year) index:
 * a file compares with its own figures, not with every statistic of the year. */
static bool load_stats(import_apply_t *ap)
{
    struct unit_cache *c = ap->units;
    const char *vars[MAX_COMPARED];
    size_t nvars = compared_variables(ap->spec, vars, MAX_COMPARED);
    c->scap = 1024;
    c->stats = arena_alloc(ap->arena, c->scap * sizeof *c->stats);
    if (nvars == 0)
        return true;
    /* One statement for every file: the places a file has no variable for stay NULL. */
    db_stmt_t *st = db_prepare(ap->db, "SELECT unit_id, variable, value, flag FROM unit_stats WHERE year = ?"
                                       " AND variable IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    db_bind_int(st, 1, ap->year);
    for (size_t i = 0; i < MAX_COMPARED; i++) {
        if (i < nvars)
            db_bind_text(st, (int)i + 2, vars[i]);
        else
            db_bind_null(st, (int)i + 2);
    }
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        stats_grow(c, ap->arena);
        int64_t unit_id = db_col_int(st, 0);
        const char *variable = db_col_text(st, 1);
        /* The variable is one of vars: keep that constant instead of a copy per row. */
        for (size_t i = 0; i < nvars; i++)
            if (strcmp(vars[i], variable) == 0)
                variable = vars[i];
        stat_entry_t *e = &c->stats[stat_slot(c, unit_id, variable)];
        e->unit_id = unit_id;
        e->variable = variable;
        e->value = db_col_is_null(st, 2) ? NAN : db_col_double(st, 2);
        const char *flag = db_col_text(st, 3);
        e->flag = flag && *flag ? arena_strdup(ap->arena, flag) : "";
        c->scount++;
    }
    db_done(st);
    return rc == DB_DONE;
}

static bool load_units(import_apply_t *ap)
{
    struct unit_cache *c = arena_alloc(ap->arena, sizeof *c);
    arena_t *a = ap->arena;
    ap->units = c;
    c->ucap = table_size(db_query_int(ap->db, "SELECT COUNT(*) FROM units", NULL, 0));
    c->units = arena_alloc(a, c->ucap * sizeof *c->units);
    c->codes = arena_alloc(a, c->ucap * sizeof *c->codes);
    db_stmt_t *st = db_prepare(ap->db, "SELECT id, organiser_id, pupils, name, municipality_code, school_forms,"
                                       " grades, address, postal_town, name_year, latitude, longitude, code FROM units");
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        size_t i = unit_slot(c, db_col_text(st, 12));
        unit_state_t *s = &c->units[i];
        c->codes[i] = arena_strdup(a, db_col_text(st, 12));
        s->id = db_col_int(st, 0);
        s->organiser_id = db_col_int(st, 1);
        s->pupils = db_col_is_null(st, 2) ? -1 : db_col_int(st, 2);
        s->name = arena_strdup(a, db_col_text(st, 3));
        s->municipality_code = arena_strdup(a, db_col_text(st, 4));
        s->school_forms = arena_strdup(a, db_col_text(st, 5));
        s->grades = arena_strdup(a, db_col_text(st, 6));
        s->address = arena_strdup(a, db_col_text(st, 7));
        s->postal_town = arena_strdup(a, db_col_text(st, 8));
        s->name_year = (int)db_col_int(st, 9);
        s->has_position = !db_col_is_null(st, 10);
        s->latitude = db_col_double(st, 10);
        s->longitude = db_col_double(st, 11);
    }
    db_done(st);
    if (rc != DB_DONE)
        return false;
    return load_stats(ap);
}

/* The stored unit: true when it exists (copied into *s). */
static bool find_unit(import_apply_t *ap, const char *code, unit_state_t *s)
{
    size_t i = unit_slot(ap->units, code);
    if (!ap->units->codes[i])
        return false;
    *s = ap->units->units[i];
    return true;
}

/* This year's stored value of a unit's variable, or NULL. */
static const stat_entry_t *find_stat(const import_apply_t *ap, int64_t unit_id, const char *variable)
{
    const stat_entry_t *e = &ap->units->stats[stat_slot(ap->units, unit_id, variable)];
    return e->variable ? e : NULL;
}

static bool write_unit(import_apply_t *ap, const char *code, unit_state_t *s, bool insert)
{
    int64_t now = (int64_t)time(NULL);
    const char *name_search = fold(ap->scratch, s->name);
    double lat = s->has_position ? s->latitude : NAN, lon = s->has_position ? s->longitude : NAN;
    if (!insert)
        return import_writes_add(ap->writes, IW_UNIT_CHANGE, "iptttttttiDDit", s->organiser_id, s->pupils, s->name,
                                 name_search, s->municipality_code, nz(s->school_forms), nz(s->grades), s->address,
                                 s->postal_town, (int64_t)s->name_year, lat, lon, now, code);
    s->id = import_writes_next_id(ap->writes, "units");
    return s->id && import_writes_add(ap->writes, IW_UNIT_ADD, "iiptttttttiDDiit", s->id, s->organiser_id,
                                      s->pupils, s->name, name_search, s->municipality_code, nz(s->school_forms),
                                      nz(s->grades), s->address, s->postal_town, (int64_t)s->name_year, lat, lon, now,
                                      now, code);
}

static bool same_value(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return fabs(a - b) < 1e-9;
}

/* Upserts the row's statistics for the import year, noting each change in before (its
 * old value, where it had one) and after; returns the number changed or -1. */
static int apply_stats(import_apply_t *ap, int64_t unit_id, bool existed, const unit_row_t *u, stat_change_t *before,
                       size_t *nbefore, stat_change_t *after)
{
    int changed = 0;
    for (size_t k = 0; k < u->nstats; k++) {
        const char *var = u->stats[k].variable;
        double v = u->stats[k].value;
        const stat_entry_t *old = existed ? find_stat(ap, unit_id, var) : NULL;
        if (old && same_value(old->value, v) && strcmp(old->flag, u->stats[k].flag) == 0)
            continue;
        /* The preload holds every value of this year that the file can carry, so one it
         * lacks is new. */
        if (!import_writes_add(ap->writes, old ? IW_STAT : IW_STAT_ADD, "iitDtt", unit_id, (int64_t)ap->year, var, v,
                               u->stats[k].flag, ap->spec->kind))
            return -1;
        if (old)
            before[(*nbefore)++] = (stat_change_t){var, old->flag, old->value, k};
        after[changed++] = (stat_change_t){var, u->stats[k].flag, v, k};
    }
    return changed;
}

/* The register's pupil count: this row's school form plus the other form's count stored
 * for the same year (a unit can be in both the compulsory and the upper-secondary file). */
static bool register_pupils(import_apply_t *ap, const unit_row_t *u, int64_t unit_id, int64_t *pupils)
{
    const char *mine = NULL;
    double value = 0;
    for (size_t i = 0; i < u->nstats; i++) {
        if (strncmp(u->stats[i].variable, "pupils_g", 8) == 0 && strcmp(u->stats[i].variable, "pupils_grade9") != 0) {
            mine = u->stats[i].variable;
            value = u->stats[i].value;
        }
    }
    if (!mine)
        return true;
    if (unit_id) { /* a new unit has no other count yet */
        const char *other = strcmp(mine, "pupils_grundskola") == 0 ? "pupils_gymnasieskola" : "pupils_grundskola";
        const stat_entry_t *e = find_stat(ap, unit_id, other);
        if (e && !isnan(e->value))
            value += e->value;
    }
    *pupils = (int64_t)value;
    return true;
}

bool import_apply_unit(import_apply_t *ap, const unit_row_t *u)
{
    org_entry_t *org = ensure_organiser(ap, u);
    if (!org || !ensure_municipality(ap, u))
        return false;
    unit_state_t old = {0}, now;
    bool exists = find_unit(ap, u->code, &old);
    now = old;
    bool newer = !exists || ap->year >= old.name_year;
    if (newer) {
        now.name = u->name;
        now.organiser_id = org->id;
        now.municipality_code = u->municipality_code;
        now.name_year = ap->year > old.name_year || !exists ? ap->year : old.name_year;
        if (u->grades)
            now.grades = u->grades;
    }
    if (!exists) {
        now.pupils = -1;
        now.grades = u->grades;
    }
    now.school_forms = register_forms_text(ap->scratch, register_forms_parse(old.school_forms) | u->forms);
    if (u->pupils >= 0)
        now.pupils = u->pupils;
    if (u->address)
        now.address = u->address;
    if (u->postal_town)
        now.postal_town = u->postal_town;
    if (u->has_position) {
        now.has_position = true;
        now.latitude = u->latitude;
        now.longitude = u->longitude;
    }
    now.pupils = old.pupils;
    if (u->pupils >= 0)
        now.pupils = u->pupils;
    if (!register_pupils(ap, u, exists ? old.id : 0, &now.pupils))
        return false;
    bool unit_changed = !exists || !same(old.name, now.name) || old.organiser_id != now.organiser_id ||
                        !same(old.municipality_code, now.municipality_code) ||
                        !same(old.school_forms, now.school_forms) || !same(old.grades, now.grades) ||
                        old.pupils != now.pupils || !same(old.address, now.address) ||
                        !same(old.postal_town, now.postal_town) || old.name_year != now.name_year ||
                        old.has_position != now.has_position ||
                        (now.has_position && (!same_value(old.latitude, now.latitude) ||
                                              !same_value(old.longitude, now.longitude)));
    if (unit_changed && !write_unit(ap, u->code, &now, !exists))
        return false;
    size_t nbefore = 0;
    stat_change_t *before = arena_alloc(ap->scratch, (u->nstats + 1) * sizeof *before);
    stat_change_t *after = arena_alloc(ap->scratch, (u->nstats + 1) * sizeof *after);
    int stats_changed = apply_stats(ap, now.id, exists, u, before, &nbefore, after);
    bool ok = stats_changed >= 0;
    if (ok && (unit_changed || stats_changed > 0)) {
        /* Statistics travel in the same audit row, under "statistik <year>". */
        const char *key = stats_changed > 0 ? arena_printf(ap->scratch, "statistik %d", ap->year) : NULL;
        char *b = exists ? unit_json(&old, u->code, org->orgnr, key, before, nbefore) : NULL;
        char *a = unit_json(&now, u->code, org->orgnr, key, after, (size_t)stats_changed);
        ok = audit_json(ap, exists ? "import:change" : "import:add", "unit", u->code, b, a);
    }
    if (!exists)
        ap->result->added++;
    else if (unit_changed || stats_changed > 0)
        ap->result->changed++;
    else
        ap->result->unchanged++;
    return ok;
}

bool import_apply_organiser(import_apply_t *ap, const organiser_row_t *o)
{
    org_grow(ap->orgs, ap->arena);
    org_entry_t *e = org_slot(ap->orgs, o->orgnr);
    bool exists = e->orgnr != NULL;
    org_entry_t before = *e;
    if (!exists) {
        e->orgnr = arena_strdup(ap->arena, o->orgnr);
        e->name_year = -2; /* below every source, so the rule below takes this name */
    }
    /* The cache outlives the row: a value is copied out of the row's memory when it changes. */
    if (ap->year >= e->name_year) {
        if (!same(e->name, o->name))
            e->name = arena_strdup(ap->arena, o->name);
        e->name_year = ap->year;
    }
    e->kind = o->kind;
    if (o->legal_form && !same(e->legal_form, o->legal_form))
        e->legal_form = arena_strdup(ap->arena, o->legal_form);
    if (o->postal_town && !same(e->postal_town, o->postal_town))
        e->postal_town = arena_strdup(ap->arena, o->postal_town);
    unsigned had = register_forms_parse(before.school_forms), forms = had | o->forms;
    if (!exists || forms != had)
        e->school_forms = register_forms_text(ap->arena, forms);
    if (exists && same(before.name, e->name) && same(before.kind, e->kind) && same(before.legal_form, e->legal_form) &&
        same(before.postal_town, e->postal_town) && same(before.school_forms, e->school_forms) &&
        before.name_year == e->name_year) {
        ap->result->unchanged++;
        return true;
    }
    if (!write_organiser(ap, e, !exists))
        return false;
    if (!exists)
        ap->orgs->count++;
    if (exists)
        ap->result->changed++;
    else
        ap->result->added++;
    return audit_json(ap, exists ? "import:change" : "import:add", "organiser", e->orgnr,
                      exists ? org_json(&before) : NULL, org_json(e));
}

bool import_apply_municipality(import_apply_t *ap, const municipality_row_t *m)
{
    muni_entry_t *stored = stored_municipality(ap->orgs, m->code);
    if (!stored)
        return false; /* the reader accepts four digits only */
    bool exists = stored->exists;
    const char *old_name = exists ? stored->name : NULL;
    const char *old_county = exists ? stored->county_code : NULL;
    const char *county = m->county_code ? m->county_code : old_county;
    if (exists && same(old_name, m->name) && same(old_county, county)) {
        ap->result->unchanged++;
        return true;
    }
    if (!import_writes_add(ap->writes, IW_MUNICIPALITY_SET, "tttt", m->code, m->name, fold(ap->scratch, m->name),
                           county))
        return false;
    *stored = (muni_entry_t){arena_strdup(ap->arena, m->name), arena_strdup(ap->arena, county), true};
    if (exists)
        ap->result->changed++;
    else
        ap->result->added++;
    json_t *b = exists ? json_pack("{s:s, s:s?}", "name", old_name, "county_code", old_county) : NULL;
    json_t *a = json_pack("{s:s, s:s?}", "name", m->name, "county_code", county);
    char *bs = b ? json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *as = json_dumps(a, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(b);
    json_decref(a);
    return audit_json(ap, exists ? "import:change" : "import:add", "municipality", m->code, bs, as);
}
