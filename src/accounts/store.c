/* store.c — accounts after they are made (accounts.h): the list with last logins, an
 * administrator's changes with the version they were based on, deactivation, the own
 * password, API tokens and password reset links. Every change is audited. */
#include "accounts.h"
#include "../access/access.h"
#include "../base/fmt.h"
#include "../base/validate.h"
#include "../base/vec.h"
#include "../db/outbox.h"
#include "../http/session.h"
#include "../http/users.h"
#include "../register/register.h"
#include <jansson.h>
#include <string.h>
#include <time.h>

static const char *text(arena_t *a, db_stmt_t *st, int col)
{
    const char *s = db_col_text(st, col);
    return s ? arena_strdup(a, s) : NULL;
}

static int64_t opt_int(db_stmt_t *st, int col)
{
    return db_col_is_null(st, col) ? 0 : db_col_int(st, col);
}

#define ACCOUNT_COLUMNS                                                                                        \
    "u.id, u.version, u.email, u.name, u.role, o.orgnr, o.name, x.code, x.name, u.university, u.active,"    \
    " u.must_change_password, u.created_at, u.last_login_at, u.deactivated_at"                             \
    " FROM users u LEFT JOIN organisers o ON o.id = u.organiser_id LEFT JOIN units x ON x.id = u.unit_id"

static void read_account(db_stmt_t *st, arena_t *a, account_t *u)
{
    u->id = db_col_int(st, 0);
    u->version = db_col_int(st, 1);
    u->email = text(a, st, 2);
    u->name = text(a, st, 3);
    u->role = text(a, st, 4);
    u->orgnr = text(a, st, 5);
    u->organiser = text(a, st, 6);
    u->unit_code = text(a, st, 7);
    u->unit = text(a, st, 8);
    u->university = text(a, st, 9);
    u->active = db_col_int(st, 10) != 0;
    u->must_change_password = db_col_int(st, 11) != 0;
    u->created_at = opt_int(st, 12);
    u->last_login_at = opt_int(st, 13);
    u->deactivated_at = opt_int(st, 14);
}

size_t accounts_list(db_t *db, arena_t *a, account_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " ACCOUNT_COLUMNS " ORDER BY u.name, u.email");
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        read_account(st, a, ARENA_PUSH(a, *out, n, cap));
    db_done(st);
    return n;
}

account_t *accounts_get(db_t *db, int64_t id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT " ACCOUNT_COLUMNS " WHERE u.id = ?");
    db_bind_int(st, 1, id);
    account_t *u = NULL;
    if (db_step(st) == DB_ROW) {
        u = arena_alloc(a, sizeof *u);
        read_account(st, a, u);
    }
    db_done(st);
    return u;
}

account_t *accounts_by_email(db_t *db, const char *email, arena_t *a)
{
    int64_t id = users_id_by_email(db, email);
    return id ? accounts_get(db, id, a) : NULL;
}

const char *accounts_when(arena_t *a, int64_t at)
{
    if (!at)
        return "aldrig";
    buf_t b = BUF_INIT;
    fmt_datetime(&b, at);
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* The organiser and unit a role needs, found in the register from what was typed. */
static bool resolve_ties(db_t *db, role_t role, const account_edit_t *e, int64_t *organiser_id, int64_t *unit_id,
                         arena_t *a, char **err, const char **field)
{
    *organiser_id = *unit_id = 0;
    if (access_role_needs_unit(role)) {
        if (!e->unit_code || !*e->unit_code) {
            *field = "unit";
            *err = arena_printf(a, "En användare med rollen %s måste knytas till en enhet (enhetskod).",
                                role_label(role));
            return false;
        }
        if (!register_unit_ids(db, e->unit_code, unit_id, organiser_id)) {
            *field = "unit";
            *err = arena_printf(a, "Enheten %s finns inte i registret.", e->unit_code);
            return false;
        }
    } else if (access_role_needs_organiser(role)) {
        char norm[11];
        if (!e->orgnr || !validate_orgnr(e->orgnr, norm)) {
            *field = "organiser";
            *err = arena_strdup(a, "En huvudmannaanvändare måste knytas till ett giltigt organisationsnummer.");
            return false;
        }
        *organiser_id = register_organiser_id(db, norm);
        if (!*organiser_id) {
            *field = "organiser";
            *err = arena_printf(a, "Huvudmannen %s finns inte i registret.", norm);
            return false;
        }
    }
    if (access_role_needs_university(role) && (!e->university || !*e->university)) {
        *field = "university";
        *err = arena_strdup(a, "En lärosätesanvändare måste knytas till ett lärosäte.");
        return false;
    }
    /* One of the register of universities (owned by that area), not a new spelling. */
    if (access_role_needs_university(role) &&
        !db_run_int(db, 0, "SELECT 1 FROM universities WHERE name = ?", "t", e->university)) {
        *field = "university";
        *err = arena_printf(a, "Lärosätet \"%s\" finns inte i registret över lärosäten.", e->university);
        return false;
    }
    return true;
}

int64_t accounts_create(db_t *db, const viewer_t *who, const account_edit_t *e, bool temporary, arena_t *a,
                        char **err, const char **field)
{
    role_t role = role_from_key(e->role);
    users_new_t n = {e->email, e->name, e->role, 0, 0, e->university, e->password, temporary};
    if (!users_check(db, &n, a, err, field) ||
        !resolve_ties(db, role, e, &n.organiser_id, &n.unit_id, a, err, field))
        return 0;
    return users_create(db, who, &n, a, err, field);
}

static bool same_text(const char *x, const char *y)
{
    return strcmp(x ? x : "", y ? y : "") == 0;
}

static json_t *account_json(const account_t *u)
{
    return json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?, s:b}", "email", u->email, "name", u->name, "role", u->role,
                     "organiser", u->orgnr, "unit", u->unit_code, "university", u->university, "active", u->active);
}

write_result_t accounts_update(db_t *db, const viewer_t *who, const account_t *u, int64_t based_on,
                               const account_edit_t *e, arena_t *a, char **err, const char **field)
{
    *err = NULL;
    *field = "name";
    account_edit_t m = {u->email, e->name ? e->name : u->name, e->role ? e->role : u->role,
                        e->orgnr ? e->orgnr : u->orgnr, e->unit_code ? e->unit_code : u->unit_code,
                        e->university ? e->university : u->university, NULL};
    role_t role = role_from_key(m.role);
    if (role <= ROLE_NONE || role >= ROLE_COUNT) {
        *field = "role";
        *err = arena_printf(a, "Okänd roll \"%s\" (admin, analyst, supporter, finance, organiser, head, group, "
                               "university, reader).", m.role ? m.role : "");
        return WRITE_REFUSED;
    }
    if (!m.name || !*m.name || strlen(m.name) > 200) {
        *err = arena_strdup(a, "Ange ett namn (högst 200 tecken).");
        return WRITE_REFUSED;
    }
    int64_t organiser_id, unit_id;
    if (!resolve_ties(db, role, &m, &organiser_id, &unit_id, a, err, field))
        return WRITE_REFUSED;
    const char *university = access_role_needs_university(role) ? m.university : NULL;
    const char *orgnr = access_role_needs_organiser(role) || access_role_needs_unit(role) ? m.orgnr : NULL;
    const char *unit_code = access_role_needs_unit(role) ? m.unit_code : NULL;
    bool reach_changed = strcmp(u->role, role_key(role)) != 0 || !same_text(u->orgnr, orgnr) ||
                         !same_text(u->unit_code, unit_code) || !same_text(u->university, university);
    if (!tx_begin(db, a, err))
        return WRITE_REFUSED;
    if (!db_run_int(db, 0, "UPDATE users SET name = ?, role = ?, organiser_id = ?, unit_id = ?, university = ?,"
                           " version = version + 1 WHERE id = ? AND version = ? RETURNING id",
                    "ttzztii", m.name, role_key(role), organiser_id, unit_id, university, u->id, based_on)) {
        bool failed = db_failure(db) != DB_FAIL_NONE;
        if (failed)
            tx_finish(db, false, a, err);
        else
            tx_fail(db, a, err, "Någon annan har ändrat användaren medan du skrev; inget skrevs över.");
        return failed ? WRITE_REFUSED : WRITE_STALE;
    }
    account_t after = *u;
    after.name = m.name;
    after.role = role_key(role);
    after.orgnr = orgnr;
    after.unit_code = unit_code;
    after.university = university;
    json_t *j = account_json(&after);
    json_object_set_new(j, "before", account_json(u));
    bool ok = tx_audit(db, who, "user:change", "user", u->id, j);
    /* What the user may see follows the new role at once: their sessions end. */
    if (ok && reach_changed)
        ok = db_run(db, "DELETE FROM sessions WHERE user_id = ?", "i", u->id) == DB_DONE;
    return tx_finish(db, ok, a, err) ? WRITE_OK : WRITE_REFUSED;
}

bool accounts_set_active(db_t *db, const viewer_t *who, const account_t *u, bool active, arena_t *a, char **err)
{
    if (who->user_id && who->user_id == u->id && !active) {
        *err = arena_strdup(a, "Du kan inte stänga av ditt eget konto.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    int64_t now = (int64_t)time(NULL);
    bool ok = db_run(db, "UPDATE users SET active = ?, deactivated_at = ?, version = version + 1 WHERE id = ?", "izi",
                     (int64_t)active, active ? 0 : now, u->id) == DB_DONE;
    /* Sessions end at once; tokens stay but stop working while the owner is inactive. */
    if (ok && !active)
        ok = db_run(db, "DELETE FROM sessions WHERE user_id = ?", "i", u->id) == DB_DONE;
    ok = ok && tx_audit(db, who, active ? "user:activate" : "user:deactivate", "user", u->id,
                        json_pack("{s:s, s:b}", "email", u->email, "active", active));
    return tx_finish(db, ok, a, err);
}

bool accounts_set_password(db_t *db, const viewer_t *v, const char *hash, const char *keep_session,
                           bool revoke_tokens, arena_t *a, char **err)
{
    if (!tx_begin(db, a, err))
        return false;
    int64_t tokens = revoke_tokens ? db_run_int(db, 0, "SELECT COUNT(*) FROM api_tokens WHERE user_id = ?", "i",
                                                v->user_id)
                                   : 0;
    bool ok = db_run(db, "UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?", "ti", hash,
                     v->user_id) == DB_DONE &&
              (!revoke_tokens || db_run(db, "DELETE FROM api_tokens WHERE user_id = ?", "i", v->user_id) == DB_DONE) &&
              tx_audit(db, v, "password", "user", v->user_id,
                       json_pack("{s:s, s:I}", "password", "bytt", "tokens_revoked", (json_int_t)tokens));
    if (ok)
        session_end_all(db, v->user_id, keep_session);
    return tx_finish(db, ok, a, err);
}

/* ---- API tokens ---- */

size_t accounts_tokens(db_t *db, int64_t user_id, arena_t *a, api_token_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT t.id, t.user_id, u.email, u.name, t.label, t.created_at, t.expires_at,"
                                   " t.last_used FROM api_tokens t JOIN users u ON u.id = t.user_id"
                                   " WHERE (? = 0 OR t.user_id = ?) ORDER BY t.created_at DESC, t.id DESC");
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, user_id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        api_token_t *t = ARENA_PUSH(a, *out, n, cap);
        t->id = db_col_int(st, 0);
        t->user_id = db_col_int(st, 1);
        t->owner_email = text(a, st, 2);
        t->owner_name = text(a, st, 3);
        t->label = text(a, st, 4);
        t->created_at = opt_int(st, 5);
        t->expires_at = opt_int(st, 6);
        t->last_used = opt_int(st, 7);
    }
    db_done(st);
    return n;
}

const char *accounts_token_create(db_t *db, const viewer_t *who, int64_t user_id, const char *label, int days,
                                  arena_t *a, char **err)
{
    if (days < 1 || days > 3 * 365) {
        *err = arena_strdup(a, "En API-nyckel gäller mellan 1 och 1095 dagar.");
        return NULL;
    }
    if (!tx_begin(db, a, err))
        return NULL;
    int64_t expires = (int64_t)time(NULL) + (int64_t)days * 86400;
    const char *token = session_token_create(db, user_id, label, expires, a);
    bool ok = token && tx_audit(db, who, "token:create", "user", user_id,
                                json_pack("{s:s, s:i}", "label", label ? label : "", "days", days));
    return tx_finish(db, ok, a, err) ? token : NULL;
}

bool accounts_token_revoke(db_t *db, const viewer_t *who, int64_t token_id, int64_t owner_id, arena_t *a,
                           char **err)
{
    if (!tx_begin(db, a, err))
        return false;
    int64_t user = db_run_int(db, 0, "SELECT user_id FROM api_tokens WHERE id = ? AND (? = 0 OR user_id = ?)", "iii",
                              token_id, owner_id, owner_id);
    if (!user) {
        if (db_failure(db) != DB_FAIL_NONE)
            return tx_finish(db, false, a, err);
        return tx_fail(db, a, err, "Det finns ingen sådan API-nyckel.");
    }
    bool ok = db_run(db, "DELETE FROM api_tokens WHERE id = ?", "i", token_id) == DB_DONE &&
              tx_audit(db, who, "token:revoke", "user", user, json_pack("{s:I}", "token", (json_int_t)token_id));
    return tx_finish(db, ok, a, err);
}

/* ---- password reset ---- */

bool accounts_reset_request(db_t *db, const char *email, const char *address, const char *base_url, arena_t *a)
{
    account_t *u = accounts_by_email(db, email, a);
    if (!u || !u->active)
        return db_failure(db) == DB_FAIL_NONE; /* the same answer whether or not it exists */
    char *err = NULL;
    if (!tx_begin(db, a, &err))
        return false;
    int64_t now = (int64_t)time(NULL);
    int64_t recent = db_run_int(db, 0, "SELECT COUNT(*) FROM password_resets WHERE user_id = ? AND created_at > ?",
                                "ii", u->id, now - 3600);
    if (recent >= RESETS_PER_HOUR)
        return tx_finish(db, true, a, &err); /* enough mail for one hour */
    const char *raw = session_random_hex(a);
    char hash[65];
    session_hash(raw, hash);
    const char *link = arena_printf(a, "%s/losenord/nytt?t=%s", base_url, raw);
    const char *body = arena_printf(a,
        "Hej %s,\n\nNågon (förhoppningsvis du) bad om ett nytt lösenord till Samverkan för %s.\n\n"
        "Öppna länken inom en timme för att välja ett nytt lösenord. Den fungerar en gång:\n%s\n\n"
        "Bad du inte om det kan du bortse från det här meddelandet; ditt lösenord är oförändrat.\n\n"
        "Samverkan för bästa skola, Skolverket\n", u->name, u->email, link);
    bool ok = db_run(db, "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, address)"
                         " VALUES (?, ?, ?, ?, ?)",
                     "tiiit", hash, u->id, now, now + RESET_MINUTES * 60, address ? address : "") == DB_DONE &&
              outbox_queue(db, arena_printf(a, "reset:%s", hash), u->id, u->email, "Nytt lösenord till Samverkan",
                           body) &&
              tx_audit(db, &viewer_cli, "password:reset-requested", "user", u->id,
                       json_pack("{s:s}", "address", address ? address : ""));
    return tx_finish(db, ok, a, &err);
}

int64_t accounts_reset_account(db_t *db, const char *token)
{
    if (!token || strlen(token) != 32)
        return 0;
    char hash[65];
    session_hash(token, hash);
    return db_run_int(db, 0, "SELECT r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id"
                             " WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > ? AND u.active = 1",
                      "ti", hash, (int64_t)time(NULL));
}

bool accounts_reset_use(db_t *db, const char *token, const char *hash, arena_t *a, char **err)
{
    char token_hash[65];
    session_hash(token ? token : "", token_hash);
    if (!tx_begin(db, a, err))
        return false;
    int64_t now = (int64_t)time(NULL);
    /* Marked used in the same statement that finds it: a link works once, even when sent twice at once. */
    int64_t user = db_run_int(db, 0, "UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                                     " AND expires_at > ? RETURNING user_id",
                              "iti", now, token_hash, now);
    if (!user) {
        if (db_failure(db) != DB_FAIL_NONE)
            return tx_finish(db, false, a, err);
        return tx_fail(db, a, err, "Länken har redan använts eller gått ut. Be om en ny länk.");
    }
    account_t *acc = accounts_get(db, user, a);
    viewer_t v = {.user_id = user, .role = ROLE_NONE, .email = acc ? acc->email : "", .name = acc ? acc->name : ""};
    bool ok = db_run(db, "UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ? AND active = 1",
                     "ti", hash, user) == DB_DONE &&
              db_run(db, "DELETE FROM sessions WHERE user_id = ?", "i", user) == DB_DONE &&
              tx_audit(db, &v, "password:reset", "user", user, json_pack("{s:s}", "password", "återställt"));
    return tx_finish(db, ok, a, err);
}
