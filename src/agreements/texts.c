/* texts.c — the agency's standard texts for the sections of each kind of agreement
 * (agreements.h): read by version, and saved as a new version on top of the version the
 * administrator's form was based on. */
#include "agreements.h"
#include "../access/access.h"
#include "../base/vec.h"
#include "../db/audit.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void read_texts(db_stmt_t *st, agreement_kind_t k, arena_t *a, agreement_texts_t *t, bool with_texts)
{
    memset(t, 0, sizeof *t);
    t->kind = k;
    t->version = (int)db_col_int(st, 0);
    t->saved_by = arena_strdup(a, db_col_text(st, 1));
    t->saved_at = db_col_int(st, 2);
    size_t n;
    const agreement_section_t *s = agreement_sections(k, &n);
    for (size_t i = 0; i < n; i++)
        t->sections[i] = "";
    if (!with_texts)
        return;
    json_t *j = json_loads(db_col_text(st, 3), 0, NULL);
    for (size_t i = 0; i < n; i++) {
        const char *v = json_string_value(json_object_get(j, s[i].key));
        t->sections[i] = arena_strdup(a, v ? v : "");
    }
    json_decref(j);
}

bool agreement_texts_get(db_t *db, agreement_kind_t k, int version, arena_t *a, agreement_texts_t *out)
{
    db_stmt_t *st = db_prepare(db, "SELECT t.version, COALESCE(u.name, t.saved_by), t.saved_at, t.texts"
                                   " FROM agreement_texts t LEFT JOIN users u ON u.email = t.saved_by"
                                   " WHERE t.kind = ? AND (t.version = ? OR (? = 0 AND t.version ="
                                   " (SELECT MAX(version) FROM agreement_texts WHERE kind = t.kind)))");
    db_bind_text(st, 1, agreement_kind_keys[k]);
    db_bind_int(st, 2, version);
    db_bind_int(st, 3, version);
    bool found = db_step(st) == DB_ROW;
    if (found)
        read_texts(st, k, a, out, true);
    db_done(st);
    return found;
}

size_t agreement_texts_history(db_t *db, agreement_kind_t k, arena_t *a, agreement_texts_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT t.version, COALESCE(u.name, t.saved_by), t.saved_at"
                                   " FROM agreement_texts t LEFT JOIN users u ON u.email = t.saved_by"
                                   " WHERE t.kind = ? ORDER BY t.version DESC");
    db_bind_text(st, 1, agreement_kind_keys[k]);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        read_texts(st, k, a, ARENA_PUSH(a, *out, n, cap), false);
    db_done(st);
    return n;
}

write_result_t agreement_texts_save(db_t *db, const viewer_t *v, agreement_kind_t k, int based_on,
                                    const char *const *sections, arena_t *a, char **err)
{
    *err = NULL;
    if (!access_may(v, CAP_ADMIN)) {
        *err = arena_strdup(a, "Standardtexterna ändras av en administratör.");
        return WRITE_REFUSED;
    }
    size_t n;
    const agreement_section_t *s = agreement_sections(k, &n);
    json_t *j = json_object();
    for (size_t i = 0; i < n; i++)
        json_object_set_new(j, s[i].key, json_string(sections[i] ? sections[i] : ""));
    char *texts = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    if (!tx_begin(db, a, err)) {
        free(texts);
        return WRITE_REFUSED;
    }
    /* A new version only on top of the latest: the key (kind, version) refuses a second
     * save of the same next version, and a form based on an older one is stale. */
    int64_t latest = db_run_int(db, 0, "SELECT MAX(version) FROM agreement_texts WHERE kind = ?", "t",
                                agreement_kind_keys[k]);
    if (latest != based_on) {
        free(texts);
        bool failed = db_failure(db) != DB_FAIL_NONE;
        if (failed)
            tx_finish(db, false, a, err);
        else
            tx_fail(db, a, err, "Någon annan har sparat nya standardtexter medan du skrev; inget skrevs över.");
        return failed ? WRITE_REFUSED : WRITE_STALE;
    }
    bool ok = db_run(db, "INSERT INTO agreement_texts (kind, version, texts, saved_by, saved_at) VALUES (?, ?, ?, ?, ?)",
                     "titti", agreement_kind_keys[k], (int64_t)based_on + 1, texts, v->email,
                     (int64_t)time(NULL)) == DB_DONE &&
              audit_record(db, v, "agreement-texts:save", "agreement_texts", agreement_kind_keys[k], NULL, texts) ==
                  DB_OK;
    free(texts);
    if (tx_finish(db, ok, a, err))
        return WRITE_OK;
    /* Two saves of the same next version at once: the key refused the second. */
    return db_failure(db) == DB_FAIL_CONSTRAINT ? WRITE_STALE : WRITE_REFUSED;
}
