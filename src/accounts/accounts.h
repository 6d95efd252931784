/* accounts.h — accounts over their whole life: an administrator adds, changes,
 * deactivates and reactivates users and sees when each last signed in; a user with a
 * temporary password changes it at the first login; a forgotten password is reset through
 * a single-use link sent by e-mail; API tokens expire, record their use, and are listed
 * and revoked by their owner (Mitt konto) and by an administrator (command line).
 * Creating an account and checking passwords is the platform's (http/users.h, auth.h);
 * this area is everything after. */
#ifndef SV_ACCOUNTS_H
#define SV_ACCOUNTS_H
#include "../base/arena.h"
#include "../base/viewer.h"
#include "../db/db.h"
#include "../db/tx.h"
#include <stdbool.h>
#include <stdint.h>

enum {
    TOKEN_DAYS_DEFAULT = 365,
    RESET_MINUTES = 60,           /* a reset link works for an hour, once */
    RESETS_PER_HOUR = 3,          /* per account, so no one can flood a mailbox */
};

typedef struct account {
    int64_t id, version;
    const char *email, *name, *role;
    const char *orgnr, *organiser;   /* the organiser's side: its number and name, else NULL */
    const char *unit_code, *unit;    /* head and group: the unit, else NULL */
    const char *university;          /* university users, else NULL */
    bool active, must_change_password;
    int64_t created_at, last_login_at, deactivated_at;   /* 0 when never */
} account_t;

/* Every account, by name (for the administrator and the command line). */
size_t accounts_list(db_t *db, arena_t *a, account_t **out);
account_t *accounts_get(db_t *db, int64_t id, arena_t *a);
account_t *accounts_by_email(db_t *db, const char *email, arena_t *a);

/* What an administrator sends to add or change a user. Ties are given as the user would
 * name them (organisation number, unit code, university) and resolved in the register. */
typedef struct account_edit {
    const char *email, *name, *role, *orgnr, *unit_code, *university;
    const char *password;            /* a new user's temporary password */
} account_edit_t;

/* Adds a user who must change the temporary password at the first login (the command line
 * may add one who need not: temporary = false). 0 with *err and *field on failure. */
int64_t accounts_create(db_t *db, const viewer_t *who, const account_edit_t *e, bool temporary, arena_t *a,
                        char **err, const char **field);
/* Changes name, role and ties (NULL fields stay as they are), on top of the version the
 * form was based on. A change of role or ties ends the user's sessions, so that what they
 * may see follows at once. */
write_result_t accounts_update(db_t *db, const viewer_t *who, const account_t *u, int64_t based_on,
                               const account_edit_t *e, arena_t *a, char **err, const char **field);
/* Deactivates (ending every session at once; tokens stop working) or reactivates. */
bool accounts_set_active(db_t *db, const viewer_t *who, const account_t *u, bool active, arena_t *a, char **err);

/* Sets the viewer's own password (already hashed), clears a required change, ends their
 * other sessions and, when asked, revokes their API tokens. */
bool accounts_set_password(db_t *db, const viewer_t *v, const char *hash, const char *keep_session,
                           bool revoke_tokens, arena_t *a, char **err);

/* ---- API tokens ---- */

typedef struct api_token {
    int64_t id, user_id;
    const char *owner_email, *owner_name, *label;
    int64_t created_at, expires_at, last_used;   /* 0: never used */
} api_token_t;

/* The tokens of a user (user_id > 0) or of everyone (0), newest first; expired ones too. */
size_t accounts_tokens(db_t *db, int64_t user_id, arena_t *a, api_token_t **out);
/* Makes a token for the viewer (or, from the command line, for user_id) valid for days;
 * returns it (shown once) or NULL with *err. Audited. */
const char *accounts_token_create(db_t *db, const viewer_t *who, int64_t user_id, const char *label, int days,
                                  arena_t *a, char **err);
/* Revokes a token: the viewer's own (owner_id = the viewer), or any (owner_id 0, the
 * command line). False with *err when there is no such token. */
bool accounts_token_revoke(db_t *db, const viewer_t *who, int64_t token_id, int64_t owner_id, arena_t *a,
                           char **err);

/* ---- password reset ---- */

/* Asked for a reset of the account with this e-mail address: for an active account,
 * queues a mail with a link (base_url + "/losenord/nytt?t=…"), at most RESETS_PER_HOUR an
 * hour. Says nothing about whether the account exists; false only on a database error. */
bool accounts_reset_request(db_t *db, const char *email, const char *address, const char *base_url, arena_t *a);
/* The account a reset link belongs to while it is unused and unexpired, else 0. */
int64_t accounts_reset_account(db_t *db, const char *token);
/* Uses a reset link: sets the new password (hashed), ends every session; once only. */
bool accounts_reset_use(db_t *db, const char *token, const char *hash, arena_t *a, char **err);

/* The text of a time for lists: "2026-12-02 14:05", or "aldrig". */
const char *accounts_when(arena_t *a, int64_t at);

#endif
