/* import_apply.c — writes validated import rows: upserts by natural key (organisation
 * number, unit code, municipality code; statistics by unit, year and variable), counts
 * what was added, changed and left as it was, and audits every change.
 * Names follow the newest source: a file's year must be at least the year of the name
 * already stored for it to replace it (undated register files count as year 0). */
#include "import_spec.h"
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

struct org_cache {
    org_entry_t *slots;
    size_t cap, count;
    const char **municipalities; /* codes known to exist, open addressing */
    size_t mcap;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static org_entry_t *org_slot(struct org_cache *c, const char *orgnr)
{
    for (size_t i = hash_str(orgnr) & (c->cap - 1);; i = (i + 1) & (c->cap - 1))
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
    for (size_t i = hash_str(code) & (c->mcap - 1);; i = (i + 1) & (c->mcap - 1)) {
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

bool import_apply_begin(import_apply_t *ap)
{
    struct org_cache *c = arena_alloc(ap->arena, sizeof *c);
    ap->orgs = c;
    int64_t n = db_query_int(ap->db, "SELECT COUNT(*) FROM organisers", NULL, -1);
    if (n < 0)
        return false;
    c->cap = 1024;
    while (c->cap < (size_t)n * 2 + 8192)
        c->cap *= 2;
    c->slots = arena_alloc(ap->arena, c->cap * sizeof *c->slots);
    c->mcap = 32768; /* every four-digit code fits twice over: the table never fills */
    c->municipalities = arena_alloc(ap->arena, c->mcap * sizeof *c->municipalities);
    db_stmt_t *st = db_prepare(ap->db, "SELECT id, orgnr, name, kind, municipality_code, legal_form, postal_town,"
                                       " school_forms, name_year FROM organisers");
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
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
    return rc == DB_DONE;
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
    bool ok = audit_record(ap->db, ap->viewer, action, type, key, before, after) == DB_OK;
    free(before);
    free(after);
    return ok;
}

static bool write_organiser(import_apply_t *ap, org_entry_t *e, bool insert)
{
    int64_t now = (int64_t)time(NULL);
    db_stmt_t *st = insert
        ? db_prepare(ap->db, "INSERT INTO organisers (name, name_search, name_year, kind, municipality_code,"
                             " legal_form, postal_town, school_forms, created_at, updated_at, orgnr)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
        : db_prepare(ap->db, "UPDATE organisers SET name = ?, name_search = ?, name_year = ?, kind = ?,"
                             " municipality_code = ?, legal_form = ?, postal_town = ?, school_forms = ?,"
                             " updated_at = ? WHERE orgnr = ?");
    if (!st)
        return false;
    int i = 1;
    db_bind_text(st, i++, e->name);
    db_bind_text(st, i++, fold(ap->scratch, e->name));
    db_bind_int(st, i++, e->name_year);
    db_bind_text(st, i++, e->kind);
    db_bind_text(st, i++, e->municipality_code);
    db_bind_text(st, i++, e->legal_form);
    db_bind_text(st, i++, e->postal_town);
    db_bind_text(st, i++, nz(e->school_forms));
    if (insert)
        db_bind_int(st, i++, now);
    db_bind_int(st, i++, now);
    db_bind_text(st, i, e->orgnr);
    int rc = db_step(st);
    if (insert && rc == DB_ROW)
        e->id = db_col_int(st, 0);
    db_done(st);
    return insert ? rc == DB_ROW : rc == DB_DONE;
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
    db_stmt_t *st = db_prepare(ap->db, "INSERT INTO municipalities (code, name, name_search, county_code)"
                                       " VALUES (?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET"
                                       " county_code = COALESCE(municipalities.county_code, excluded.county_code)");
    if (!st)
        return false;
    db_bind_text(st, 1, u->municipality_code);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, fold(ap->scratch, name));
    db_bind_text(st, 4, u->county_code);
    bool ok = db_step(st) == DB_DONE;
    db_done(st);
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

static char *unit_json(const unit_state_t *s, const char *code, const char *orgnr)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:s?, s:s, s:s?, s:s?, s:s?}", "code", code, "name", s->name,
                          "organiser", orgnr, "municipality_code", s->municipality_code, "school_forms",
                          nz(s->school_forms), "grades", s->grades, "address", s->address, "postal_town",
                          s->postal_town);
    if (s->pupils >= 0)
        json_object_set_new(j, "pupils", json_integer(s->pupils));
    if (s->has_position) {
        json_object_set_new(j, "latitude", json_real(s->latitude));
        json_object_set_new(j, "longitude", json_real(s->longitude));
    }
    char *r = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    return r;
}

/* Reads the stored unit: DB_ROW when it exists, DB_DONE when not, DB_ERROR. */
static int load_unit(import_apply_t *ap, const char *code, unit_state_t *s)
{
    db_stmt_t *st = db_prepare(ap->db, "SELECT id, organiser_id, pupils, name, municipality_code, school_forms,"
                                       " grades, address, postal_town, name_year, latitude, longitude"
                                       " FROM units WHERE code = ?");
    db_bind_text(st, 1, code);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        arena_t *a = ap->scratch;
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
    return rc == DB_ROW || rc == DB_DONE ? rc : DB_ERROR;
}

static bool write_unit(import_apply_t *ap, const char *code, unit_state_t *s, bool insert)
{
    int64_t now = (int64_t)time(NULL);
    db_stmt_t *st = insert
        ? db_prepare(ap->db, "INSERT INTO units (organiser_id, pupils, name, name_search, municipality_code,"
                             " school_forms, grades, address, postal_town, name_year, latitude, longitude,"
                             " created_at, updated_at, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                             " RETURNING id")
        : db_prepare(ap->db, "UPDATE units SET organiser_id = ?, pupils = ?, name = ?, name_search = ?,"
                             " municipality_code = ?, school_forms = ?, grades = ?, address = ?, postal_town = ?,"
                             " name_year = ?, latitude = ?, longitude = ?, updated_at = ? WHERE code = ?");
    if (!st)
        return false;
    int i = 1;
    db_bind_int(st, i++, s->organiser_id);
    if (s->pupils >= 0)
        db_bind_int(st, i++, s->pupils);
    else
        db_bind_null(st, i++);
    db_bind_text(st, i++, s->name);
    db_bind_text(st, i++, fold(ap->scratch, s->name));
    db_bind_text(st, i++, s->municipality_code);
    db_bind_text(st, i++, nz(s->school_forms));
    db_bind_text(st, i++, nz(s->grades));
    db_bind_text(st, i++, s->address);
    db_bind_text(st, i++, s->postal_town);
    db_bind_int(st, i++, s->name_year);
    if (s->has_position) {
        db_bind_double(st, i++, s->latitude);
        db_bind_double(st, i++, s->longitude);
    } else {
        db_bind_null(st, i++);
        db_bind_null(st, i++);
    }
    if (insert)
        db_bind_int(st, i++, now);
    db_bind_int(st, i++, now);
    db_bind_text(st, i, code);
    int rc = db_step(st);
    if (insert && rc == DB_ROW)
        s->id = db_col_int(st, 0);
    db_done(st);
    return insert ? rc == DB_ROW : rc == DB_DONE;
}

static bool same_value(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return fabs(a - b) < 1e-9;
}

/* Upserts the row's statistics for the import year; returns the number changed or -1. */
static int apply_stats(import_apply_t *ap, int64_t unit_id, const unit_row_t *u, json_t *before, json_t *after)
{
    if (!u->nstats)
        return 0;
    double old_value[12];
    const char *old_flag[12] = {0};
    db_stmt_t *st = db_prepare(ap->db, "SELECT variable, value, flag FROM unit_stats WHERE unit_id = ? AND year = ?");
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, ap->year);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        for (size_t k = 0; k < u->nstats; k++) {
            if (strcmp(u->stats[k].variable, db_col_text(st, 0)) == 0) {
                old_value[k] = db_col_is_null(st, 1) ? NAN : db_col_double(st, 1);
                old_flag[k] = arena_strdup(ap->scratch, db_col_text(st, 2));
            }
        }
    }
    db_done(st);
    if (rc != DB_DONE)
        return -1;
    int changed = 0;
    for (size_t k = 0; k < u->nstats; k++) {
        const char *var = u->stats[k].variable;
        double v = u->stats[k].value;
        if (old_flag[k] && same_value(old_value[k], v) && strcmp(old_flag[k], u->stats[k].flag) == 0)
            continue;
        st = db_prepare(ap->db, "INSERT INTO unit_stats (unit_id, year, variable, value, flag, source)"
                                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, year, variable)"
                                " DO UPDATE SET value = excluded.value, flag = excluded.flag, source = excluded.source");
        db_bind_int(st, 1, unit_id);
        db_bind_int(st, 2, ap->year);
        db_bind_text(st, 3, var);
        if (isnan(v))
            db_bind_null(st, 4);
        else
            db_bind_double(st, 4, v);
        db_bind_text(st, 5, u->stats[k].flag);
        db_bind_text(st, 6, ap->spec->kind);
        bool ok = db_step(st) == DB_DONE;
        db_done(st);
        if (!ok)
            return -1;
        if (old_flag[k])
            json_object_set_new(before, var, isnan(old_value[k]) ? json_string(old_flag[k]) : json_real(old_value[k]));
        json_object_set_new(after, var, isnan(v) ? json_string(u->stats[k].flag) : json_real(v));
        changed++;
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
        db_stmt_t *st = db_prepare(ap->db, "SELECT value FROM unit_stats WHERE unit_id = ? AND year = ? AND variable = ?");
        db_bind_int(st, 1, unit_id);
        db_bind_int(st, 2, ap->year);
        db_bind_text(st, 3, other);
        int rc = db_step(st);
        if (rc == DB_ROW && !db_col_is_null(st, 0))
            value += db_col_double(st, 0);
        db_done(st);
        if (rc != DB_ROW && rc != DB_DONE)
            return false;
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
    int found = load_unit(ap, u->code, &old);
    if (found == DB_ERROR)
        return false;
    bool exists = found == DB_ROW;
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
    json_t *before = json_object(), *after = json_object();
    int stats_changed = apply_stats(ap, now.id, u, before, after);
    bool ok = stats_changed >= 0;
    if (ok && (unit_changed || stats_changed > 0)) {
        char *b = exists ? unit_json(&old, u->code, org->orgnr) : NULL;
        char *a = unit_json(&now, u->code, org->orgnr);
        if (stats_changed > 0) {
            /* Statistics travel in the same audit row, under "statistik <year>". */
            json_t *ja = json_loads(a, 0, NULL);
            char *key = arena_printf(ap->scratch, "statistik %d", ap->year);
            json_object_set(ja, key, after);
            free(a);
            a = json_dumps(ja, JSON_COMPACT | JSON_SORT_KEYS);
            json_decref(ja);
            if (b && json_object_size(before)) {
                json_t *jb = json_loads(b, 0, NULL);
                json_object_set(jb, key, before);
                free(b);
                b = json_dumps(jb, JSON_COMPACT | JSON_SORT_KEYS);
                json_decref(jb);
            }
        }
        ok = audit_json(ap, exists ? "import:change" : "import:add", "unit", u->code, b, a);
    }
    json_decref(before);
    json_decref(after);
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
    db_stmt_t *st = db_prepare(ap->db, "SELECT name, county_code FROM municipalities WHERE code = ?");
    db_bind_text(st, 1, m->code);
    int found = db_step(st);
    bool exists = found == DB_ROW;
    const char *old_name = exists ? arena_strdup(ap->scratch, db_col_text(st, 0)) : NULL;
    const char *old_county = exists ? arena_strdup(ap->scratch, db_col_text(st, 1)) : NULL;
    db_done(st);
    if (found != DB_ROW && found != DB_DONE)
        return false;
    const char *county = m->county_code ? m->county_code : old_county;
    if (exists && same(old_name, m->name) && same(old_county, county)) {
        ap->result->unchanged++;
        return true;
    }
    st = db_prepare(ap->db, "INSERT INTO municipalities (code, name, name_search, county_code) VALUES (?, ?, ?, ?)"
                            " ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_search = excluded.name_search,"
                            " county_code = excluded.county_code");
    db_bind_text(st, 1, m->code);
    db_bind_text(st, 2, m->name);
    db_bind_text(st, 3, fold(ap->scratch, m->name));
    db_bind_text(st, 4, county);
    int rc = db_step(st);
    db_done(st);
    if (rc != DB_DONE) {
        if (rc == DB_CONSTRAINT)
            *ap->err = arena_printf(ap->arena, "rad %zu: länskoden %s finns inte.", m->line, nz(county));
        return false;
    }
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
