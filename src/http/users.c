/* users.c — creating accounts (users.h). */
#include "users.h"
#include "auth.h"
#include "session.h"
#include "../access/access.h"
#include "../base/validate.h"
#include "../db/tx.h"
#include <jansson.h>
#include <string.h>
#include <time.h>

int64_t users_id_by_email(db_t *db, const char *email)
{
    return db_query_int(db, "SELECT id FROM users WHERE lower(email) = lower(?)", email, 0);
}

bool users_check(db_t *db, const users_new_t *u, arena_t *a, char **err, const char **field)
{
    *err = NULL;
    role_t role = role_from_key(u->role);
#define FAIL(f, ...) do { *field = f; *err = arena_printf(a, __VA_ARGS__); return false; } while (0)
    if (!validate_email(u->email))
        FAIL("email", "E-postadressen \"%s\" är inte giltig.", u->email ? u->email : "");
    if (!u->name || !*u->name || strlen(u->name) > 200)
        FAIL("name", "Ange ett namn (högst 200 tecken).");
    if (role <= ROLE_NONE || role >= ROLE_COUNT)
        FAIL("role", "Okänd roll \"%s\" (admin, analyst, supporter, finance, organiser, head, group, university, reader).",
             u->role ? u->role : "");
    if (!validate_password(u->password))
        FAIL("password", "Lösenordet ska ha minst 12 tecken.");
    if (access_role_needs_university(role) && (!u->university || !*u->university))
        FAIL("university", "En lärosätesanvändare måste knytas till ett lärosäte.");
    /* The name must be one of the register of universities (owned by that area), so that a
     * typo does not make a university of its own. */
    if (access_role_needs_university(role) &&
        !db_run_int(db, 0, "SELECT 1 FROM universities WHERE name = ?", "t", u->university))
        FAIL("university", "Lärosätet \"%s\" finns inte i registret över lärosäten.", u->university);
    if (users_id_by_email(db, u->email))
        FAIL("email", "Det finns redan en användare med e-postadressen %s.", u->email);
#undef FAIL
    return true;
}

int64_t users_create(db_t *db, const viewer_t *who, const users_new_t *u, arena_t *a, char **err, const char **field)
{
    if (!users_check(db, u, a, err, field))
        return 0;
    role_t role = role_from_key(u->role);
    char hash[crypto_pwhash_STRBYTES];
    if (!auth_hash_password(u->password, hash)) {
        *field = "password";
        *err = arena_strdup(a, "Lösenordet kunde inte sparas.");
        return 0;
    }
    *field = "email";
    if (!tx_begin(db, a, err))
        return 0;
    const char *university = access_role_needs_university(role) ? u->university : NULL;
    int64_t id = db_run_int(db, 0, "INSERT INTO users (email, name, role, organiser_id, unit_id, university,"
                                   " password_hash, active, created_at, must_change_password)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                            "tttzzttii", u->email, u->name, role_key(role), u->organiser_id, u->unit_id, university,
                            hash, (int64_t)time(NULL), (int64_t)u->must_change);
    bool ok = id && tx_audit(db, who, "create", "user", id,
                             json_pack("{s:s, s:s, s:s, s:I, s:I, s:s?}", "email", u->email, "name", u->name, "role",
                                       role_key(role), "organiser_id", (json_int_t)u->organiser_id, "unit_id",
                                       (json_int_t)u->unit_id, "university", university));
    if (!tx_finish(db, ok, a, err)) {
        *err = arena_strdup(a, "Användaren kunde inte sparas.");
        return 0;
    }
    return id;
}

int64_t users_active_by_email(db_t *db, const char *email, arena_t *a, const char **hash)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, password_hash FROM users WHERE lower(email) = lower(?) AND active = 1");
    db_bind_text(st, 1, email);
    int64_t id = 0;
    *hash = NULL;
    if (db_step(st) == DB_ROW) {
        id = db_col_int(st, 0);
        *hash = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    return id;
}

const char *users_password_hash(db_t *db, int64_t user_id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT password_hash FROM users WHERE id = ?");
    db_bind_int(st, 1, user_id);
    const char *hash = db_step(st) == DB_ROW ? arena_strdup(a, db_col_text(st, 0)) : NULL;
    db_done(st);
    return hash;
}

bool users_must_change_password(db_t *db, int64_t user_id)
{
    return db_run_int(db, 0, "SELECT must_change_password FROM users WHERE id = ?", "i", user_id) != 0;
}
