/* import_writes.h — an import's writes, gathered and sent as multi-row statements.
 * A row is queued with the values it will write (kept in the import's arena) and reaches
 * the database when the queue is flushed: when it holds IMPORT_WRITES_FLUSH_AT rows, and
 * at the end of the import. A flush writes the kinds in the order the foreign keys need
 * (municipalities, organisers, units, statistics, audit), in statements of 64, 8 or 1 rows,
 * so a national file costs some hundred statements instead of tens of thousands (each one
 * a round trip on PostgreSQL). New rows get their ids here, before they are written, so a
 * unit can name the organiser queued before it. */
#ifndef SV_REGISTER_IMPORT_WRITES_H
#define SV_REGISTER_IMPORT_WRITES_H
#include "../base/arena.h"
#include "../base/viewer.h"
#include "../db/db.h"
#include <stdbool.h>
#include <stdint.h>

typedef enum import_write_kind {
    IW_MUNICIPALITY,     /* code, name, name_search, county_code (upsert keeping a known county) */
    IW_MUNICIPALITY_SET, /* the same, from the municipality file (which names each code once): an
                          * upsert that sets all three, in statements of many rows */
    IW_ORGANISER_ADD,    /* id, name, name_search, name_year, kind, municipality_code, legal_form,
                            postal_town, school_forms, created_at, updated_at, orgnr */
    IW_ORGANISER_CHANGE, /* name, name_search, name_year, kind, municipality_code, legal_form,
                            postal_town, school_forms, updated_at, orgnr */
    IW_UNIT_ADD,         /* id, organiser_id, pupils, name, name_search, municipality_code, school_forms,
                            grades, address, postal_town, name_year, latitude, longitude, created_at,
                            updated_at, code */
    IW_UNIT_CHANGE,      /* organiser_id, pupils, name, name_search, municipality_code, school_forms,
                            grades, address, postal_town, name_year, latitude, longitude, updated_at, code */
    IW_STAT,             /* unit_id, year, variable, value, flag, source (upsert: a value that changed) */
    IW_STAT_ADD,         /* the same, for a value the unit has not had for that year (a plain insert,
                            which PostgreSQL writes a third faster than an upsert) */
    IW_AUDIT,            /* at, user_id, actor, action, object_type, object_key, before_json, after_json */
    IW_KINDS
} import_write_kind_t;

typedef struct import_writes import_writes_t;

import_writes_t *import_writes_new(db_t *db, arena_t *a);
/* Queues a row of kind k; types has one letter per value as db_run's ('i', 'z', 't', 'd',
 * 'n'), or 'p' (int64_t, NULL when negative) and 'D' (double, NULL when NaN); the values
 * follow. Text is copied. Flushes when the queue is full; false when that
 * flush failed. */
bool import_writes_add(import_writes_t *w, import_write_kind_t k, const char *types, ...);
/* An audit row written with the import's rows. */
bool import_writes_audit(import_writes_t *w, const viewer_t *who, const char *action, const char *type,
                         const char *key, const char *before_json, const char *after_json);
/* The next id of "organisers" or "units", reserved for a row this import adds; 0 on failure. */
int64_t import_writes_next_id(import_writes_t *w, const char *table);
/* The rows of kind k this import has queued so far, flushed or not. */
size_t import_writes_count(const import_writes_t *w, import_write_kind_t k);
/* Writes everything queued; false when the database refused a statement. */
bool import_writes_flush(import_writes_t *w);

#endif
