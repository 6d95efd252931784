/* users.h — the accounts the platform signs people in with: created here, read by the
 * sessions (session.c) and the password checks (auth.c). An area that manages users
 * (admin) resolves what it is given into the fields below and calls users_create. */
#ifndef SV_HTTP_USERS_H
#define SV_HTTP_USERS_H
#include "../base/arena.h"
#include "../base/viewer.h"
#include "../db/db.h"
#include <stdint.h>

typedef struct users_new {
    const char *email, *name, *role;
    int64_t organiser_id;    /* the organiser's side; 0 otherwise */
    int64_t unit_id;         /* head and group; 0 otherwise */
    const char *university;  /* university users; NULL otherwise */
    const char *password;
    bool must_change;        /* a temporary password: changed at the first login */
} users_new_t;

/* Checks the fields of a new user (the ties excepted); false with *err and *field. */
bool users_check(db_t *db, const users_new_t *u, arena_t *a, char **err, const char **field);
/* Creates a user after checking every field; on failure returns 0 and sets *err (in a)
 * and *field to the offending field's name. Audited. */
int64_t users_create(db_t *db, const viewer_t *who, const users_new_t *u, arena_t *a, char **err, const char **field);
/* The user with an e-mail address (any case), or 0. */
int64_t users_id_by_email(db_t *db, const char *email);

/* ---- signing in (auth.c asks) ---- */

/* The active user with an e-mail address and their password hash (in a), or 0. */
int64_t users_active_by_email(db_t *db, const char *email, arena_t *a, const char **hash);
/* A user's password hash (in a), or NULL. */
const char *users_password_hash(db_t *db, int64_t user_id, arena_t *a);
/* Whether the user still has to change a temporary password. */
bool users_must_change_password(db_t *db, int64_t user_id);

#endif
