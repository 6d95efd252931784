/* import_decisions.c — Skolinspektionen's decisions: the delivery of school units with
 * injunctions (kind "inspection") and the decisions on organisers' preschools (kind
 * "preschool-inspection"). Each row must name a unit or organiser the register knows;
 * a delivery names each once. Written by (unit or organiser, decision date). */
#include "import_spec.h"
#include "../base/buf.h"
#include "../base/text.h"
#include "../base/validate.h"
#include "../db/audit.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A date as 'YYYY-MM-DD', or as the day number a spreadsheet stores (days since
 * 1899-12-30), which is what an XLSX date cell holds. */
static bool read_date(const import_reader_t *r, const csv_row_t *row, const char **out)
{
    const char *s = import_field(r, row, "decision_date");
    long long serial;
    if (!*s)
        return import_cell_error(r, row, "decision_date", "beslutsdatum saknas.");
    if (validate_date(s)) {
        *out = s;
        return true;
    }
    char whole[16];
    snprintf(whole, sizeof whole, "%.*s", (int)strcspn(s, "."), s); /* "45730.0" from some writers */
    if (validate_int(whole, 20000, 80000, &serial)) {
        time_t t = (time_t)(serial - 25569) * 86400; /* 25569 = 1970-01-01 */
        struct tm tm;
        gmtime_r(&t, &tm);
        *out = arena_printf(r->row, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
        return true;
    }
    return import_cell_error(r, row, "decision_date", "\"%s\" är inget datum (skriv ÅÅÅÅ-MM-DD, till exempel 2026-03-14).",
                             s);
}

static bool read_count(const import_reader_t *r, const csv_row_t *row, const char *key, const char *what,
                       long long *out)
{
    const char *s = import_field(r, row, key);
    if (!*s)
        return import_cell_error(r, row, key, "%s saknas.", what);
    char whole[32];
    size_t n = strlen(s);
    /* A spreadsheet may store 3 as "3.0". */
    if (n > 2 && n < sizeof whole && strcmp(s + n - 2, ".0") == 0) {
        snprintf(whole, sizeof whole, "%.*s", (int)(n - 2), s);
        s = whole;
    }
    if (!validate_int(s, 0, 99, out))
        return import_cell_error(r, row, key, "\"%s\" är inget antal; %s ska vara ett heltal från 0 till 99.",
                                 import_field(r, row, key), what);
    return true;
}

static bool read_injunction(const import_reader_t *r, const csv_row_t *row, bool *fine)
{
    const char *s = import_field(r, row, "injunction");
    buf_t f = BUF_INIT;
    text_fold(&f, s);
    const char *t = buf_cstr(&f);
    bool ok = true;
    if (strstr(t, "utan vite"))
        *fine = false;
    else if (strstr(t, "vite"))
        *fine = true;
    else if (strstr(t, "föreläggande"))
        *fine = false;
    else
        ok = false;
    buf_free(&f);
    if (!ok)
        return import_cell_error(r, row, "injunction",
                                 "\"%s\" är inget föreläggande; skriv \"Föreläggande vid vite\" eller \"Föreläggande\".", s);
    return true;
}

bool import_read_inspection_row(const import_reader_t *r, const csv_row_t *row, inspection_row_t *d)
{
    memset(d, 0, sizeof *d);
    d->line = row->line;
    d->code = import_field(r, row, "code");
    if (!validate_unit_code(d->code))
        return import_cell_error(r, row, "code", "\"%s\" är ingen skolenhetskod (sex eller åtta siffror).", d->code);
    if (!*import_field(r, row, "name"))
        return import_cell_error(r, row, "name", "skolenhetens namn saknas.");
    if (!import_read_orgnr(r, row, &d->orgnr) || !read_date(r, row, &d->decision_date) ||
        !read_injunction(r, row, &d->fine) ||
        !read_count(r, row, "work_areas", "antalet arbetsområden", &d->work_areas) ||
        !read_count(r, row, "critical_factors", "antalet kritiska faktorer", &d->critical_factors))
        return false;
    db_stmt_t *st = db_prepare(r->db, "SELECT u.id, o.orgnr, o.name FROM units u"
                                      " JOIN organisers o ON o.id = u.organiser_id WHERE u.code = ?");
    db_bind_text(st, 1, d->code);
    int rc = db_step(st);
    bool found = rc == DB_ROW;
    const char *orgnr = found ? arena_strdup(r->row, db_col_text(st, 1)) : NULL;
    const char *organiser = found ? arena_strdup(r->row, db_col_text(st, 2)) : NULL;
    d->unit_id = found ? db_col_int(st, 0) : 0;
    db_done(st);
    if (rc != DB_ROW && rc != DB_DONE)
        return import_db_failed(r);
    if (!found)
        return import_cell_error(r, row, "code", "skolenheten %s finns inte i registret; läs in Skolenhetsregistret "
                                                 "först eller rätta koden.", d->code);
    if (strcmp(orgnr, d->orgnr) != 0)
        return import_cell_error(r, row, "orgnr", "skolenheten %s har huvudmannen %s (%s) i registret, inte %s.",
                                 d->code, organiser, orgnr, d->orgnr);
    return true;
}

/* "Ja", "X" or "1" is an injunction in that area; "Nej", "0" or an empty cell is none. */
static bool read_yes_no(const import_reader_t *r, const csv_row_t *row, const char *key, bool *out)
{
    const char *s = import_field(r, row, key);
    if (text_equal_folded(s, "ja") || text_equal_folded(s, "x") || strcmp(s, "1") == 0)
        *out = true;
    else if (!*s || text_equal_folded(s, "nej") || strcmp(s, "0") == 0)
        *out = false;
    else
        return import_cell_error(r, row, key, "\"%s\": skriv Ja eller Nej.", s);
    return true;
}

bool import_read_preschool_inspection_row(const import_reader_t *r, const csv_row_t *row,
                                          preschool_inspection_row_t *d)
{
    memset(d, 0, sizeof *d);
    d->line = row->line;
    if (!import_read_orgnr(r, row, &d->orgnr) || !read_date(r, row, &d->decision_date) ||
        !read_yes_no(r, row, "conditions", &d->conditions) || !read_yes_no(r, row, "development", &d->development))
        return false;
    if (!d->conditions && !d->development)
        return import_cell_error(r, row, "conditions", "raden har inget föreläggande; skriv Ja i minst ett av områdena.");
    db_stmt_t *st = db_prepare(r->db, "SELECT id FROM organisers WHERE orgnr = ?");
    db_bind_text(st, 1, d->orgnr);
    int rc = db_step(st);
    bool found = rc == DB_ROW;
    d->organiser_id = found ? db_col_int(st, 0) : 0;
    db_done(st);
    if (rc != DB_ROW && rc != DB_DONE)
        return import_db_failed(r);
    if (!found)
        return import_cell_error(r, row, "orgnr", "huvudmannen %s finns inte i registret; läs in huvudmännen först "
                                                  "eller rätta numret.", d->orgnr);
    return true;
}

/* Counts the row as added, changed or unchanged and audits a change. */
static bool record_change(import_apply_t *ap, bool existed, bool same, const char *type, const char *key,
                          json_t *before, json_t *after)
{
    bool ok = true;
    if (existed && same) {
        ap->result->unchanged++;
    } else {
        if (existed)
            ap->result->changed++;
        else
            ap->result->added++;
        char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
        char *a = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
        ok = audit_record(ap->db, ap->viewer, existed ? "import:change" : "import:add", type, key, b, a) == DB_OK;
        free(b);
        free(a);
    }
    json_decref(before);
    json_decref(after);
    return ok;
}

bool import_apply_inspection(import_apply_t *ap, const inspection_row_t *d)
{
    db_stmt_t *st = db_prepare(ap->db, "SELECT fine, work_areas, critical_factors FROM inspection_decisions"
                                       " WHERE unit_id = ? AND decision_date = ?");
    db_bind_int(st, 1, d->unit_id);
    db_bind_text(st, 2, d->decision_date);
    int rc = db_step(st);
    if (rc != DB_ROW && rc != DB_DONE) {
        db_done(st);
        return false;
    }
    bool existed = rc == DB_ROW;
    json_t *before = existed ? json_pack("{s:b, s:I, s:I}", "fine", (int)db_col_int(st, 0), "work_areas",
                                         (json_int_t)db_col_int(st, 1), "critical_factors", (json_int_t)db_col_int(st, 2))
                             : NULL;
    bool same = existed && db_col_int(st, 0) == d->fine && db_col_int(st, 1) == d->work_areas &&
                db_col_int(st, 2) == d->critical_factors;
    db_done(st);
    if (!same) {
        st = db_prepare(ap->db, "INSERT INTO inspection_decisions (unit_id, decision_date, fine, work_areas, critical_factors)"
                                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (unit_id, decision_date) DO UPDATE SET"
                                " fine = excluded.fine, work_areas = excluded.work_areas,"
                                " critical_factors = excluded.critical_factors");
        db_bind_int(st, 1, d->unit_id);
        db_bind_text(st, 2, d->decision_date);
        db_bind_int(st, 3, d->fine);
        db_bind_int(st, 4, d->work_areas);
        db_bind_int(st, 5, d->critical_factors);
        bool ok = st && db_step(st) == DB_DONE;
        db_done(st);
        if (!ok) {
            json_decref(before);
            return false;
        }
    }
    json_t *after = json_pack("{s:b, s:I, s:I}", "fine", (int)d->fine, "work_areas", (json_int_t)d->work_areas,
                              "critical_factors", (json_int_t)d->critical_factors);
    char key[64];
    snprintf(key, sizeof key, "%s %s", d->code, d->decision_date);
    return record_change(ap, existed, same, "inspection_decision", key, before, after);
}

bool import_apply_preschool_inspection(import_apply_t *ap, const preschool_inspection_row_t *d)
{
    db_stmt_t *st = db_prepare(ap->db, "SELECT conditions, development FROM preschool_inspections"
                                       " WHERE organiser_id = ? AND decision_date = ?");
    db_bind_int(st, 1, d->organiser_id);
    db_bind_text(st, 2, d->decision_date);
    int rc = db_step(st);
    if (rc != DB_ROW && rc != DB_DONE) {
        db_done(st);
        return false;
    }
    bool existed = rc == DB_ROW;
    json_t *before = existed ? json_pack("{s:b, s:b}", "conditions", (int)db_col_int(st, 0), "development",
                                         (int)db_col_int(st, 1))
                             : NULL;
    bool same = existed && db_col_int(st, 0) == d->conditions && db_col_int(st, 1) == d->development;
    db_done(st);
    if (!same) {
        st = db_prepare(ap->db, "INSERT INTO preschool_inspections (organiser_id, decision_date, conditions, development)"
                                " VALUES (?, ?, ?, ?) ON CONFLICT (organiser_id, decision_date) DO UPDATE SET"
                                " conditions = excluded.conditions, development = excluded.development");
        db_bind_int(st, 1, d->organiser_id);
        db_bind_text(st, 2, d->decision_date);
        db_bind_int(st, 3, d->conditions);
        db_bind_int(st, 4, d->development);
        bool ok = st && db_step(st) == DB_DONE;
        db_done(st);
        if (!ok) {
            json_decref(before);
            return false;
        }
    }
    json_t *after = json_pack("{s:b, s:b}", "conditions", (int)d->conditions, "development", (int)d->development);
    char key[64];
    snprintf(key, sizeof key, "%s %s", d->orgnr, d->decision_date);
    return record_change(ap, existed, same, "preschool_inspection", key, before, after);
}
