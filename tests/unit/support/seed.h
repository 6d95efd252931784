/* seed.h — a seeded SQLite database for the stores' unit tests: a fresh file, migrated,
 * filled by the demo without data files (five real municipal organisers and their units,
 * one user per role at Borås kommun and Karlstads universitet, three cases, an ÖK1 signed
 * by both sides), and the demo users as viewers. Included by one test file each. */
#ifndef SV_TEST_SEED_H
#define SV_TEST_SEED_H
#include "app/demo.h"
#include "base/arena.h"
#include "base/viewer.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char seed_path[64];

/* Opens a new seeded database; the file is removed by seed_close. */
static db_t *seed_open(void)
{
    snprintf(seed_path, sizeof seed_path, "/tmp/sv-unit-XXXXXX");
    int fd = mkstemp(seed_path);
    if (fd < 0)
        return NULL;
    close(fd);
    char *err = NULL;
    db_t *db = db_open(seed_path, &err);
    if (!db || db_migrate(db, &err) < 0) {
        fprintf(stderr, "seed: %s\n", err ? err : "");
        free(err);
        return NULL;
    }
    FILE *quiet = fopen("/dev/null", "w");
    demo_fill(db, NULL, "samverkan-demo-2026", 0, quiet);
    fclose(quiet);
    return db;
}

static void seed_close(db_t *db)
{
    db_close(db);
    char wal[80], shm[80];
    snprintf(wal, sizeof wal, "%s-wal", seed_path);
    snprintf(shm, sizeof shm, "%s-shm", seed_path);
    unlink(seed_path);
    unlink(wal);
    unlink(shm);
}

/* A demo user as the viewer the server would make of their session. */
__attribute__((unused)) static viewer_t seed_viewer(db_t *db, const char *email, arena_t *a)
{
    viewer_t v = {0};
    db_stmt_t *st = db_prepare(db, "SELECT id, role, organiser_id, unit_id, university, email, name FROM users"
                                   " WHERE email = ?");
    db_bind_text(st, 1, email);
    if (db_step(st) == DB_ROW) {
        v.user_id = db_col_int(st, 0);
        v.role = role_from_key(db_col_text(st, 1));
        v.organiser_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
        v.unit_id = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
        v.university = arena_strdup(a, db_col_text(st, 4));
        v.email = arena_strdup(a, db_col_text(st, 5));
        v.name = arena_strdup(a, db_col_text(st, 6));
    }
    db_done(st);
    return v;
}

/* The id of an organiser's first case. */
__attribute__((unused)) static int64_t seed_case_of(db_t *db, const char *orgnr)
{
    return db_run_int(db, 0, "SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id WHERE o.orgnr = ?"
                             " ORDER BY c.id LIMIT 1", "t", orgnr);
}

#define BORAS "2120001561"
#define ALE "2120001439"
#define KIRUNA "2120002783"

#endif
