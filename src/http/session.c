/* session.c — database-backed sessions, CSRF and API tokens. */
#include "session.h"
#include "server.h"
#include "../base/log.h"
#include <microhttpd.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

char *session_random_hex(arena_t *a)
{
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    char *hex = arena_alloc(a, 33);
    sodium_bin2hex(hex, 33, raw, sizeof raw);
    return hex;
}

void session_hash(const char *s, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)s, strlen(s), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

bool session_token_equal(const char *a, const char *b)
{
    if (!a || !b || !*a || !*b)
        return false;
    size_t n = strlen(a);
    if (n != strlen(b))
        return false;
    return sodium_memcmp(a, b, n) == 0;
}

/* Reads the user columns shared by session and token look-ups (from column 0). */
static void read_viewer(request_t *req, db_stmt_t *st)
{
    viewer_t *v = &req->viewer;
    v->user_id = db_col_int(st, 0);
    v->role = role_from_key(db_col_text(st, 1));
    v->organiser_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
    v->unit_id = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
    v->university = arena_strdup(&req->arena, db_col_text(st, 4));
    v->email = arena_strdup(&req->arena, db_col_text(st, 5));
    v->name = arena_strdup(&req->arena, db_col_text(st, 6));
}

void session_load(request_t *req)
{
    const char *raw = MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, SESSION_COOKIE);
    if (!raw || strlen(raw) != 32)
        return;
    char hash[65];
    session_hash(raw, hash);
    const server_config_t *cfg = server_config();
    int64_t now = (int64_t)time(NULL);
    db_stmt_t *st = db_prepare(req->db,
        "SELECT u.id, u.role, u.organiser_id, u.unit_id, u.university, u.email, u.name,"
        " s.csrf, s.created_at, s.last_seen, u.must_change_password, (SELECT n FROM data_generation WHERE id = 1)"
        " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND u.active = 1");
    if (!st)
        return;
    db_bind_text(st, 1, hash);
    bool found = false, expired = false, touch = false;
    if (db_step(st) == DB_ROW) {
        int64_t created = db_col_int(st, 8), seen = db_col_int(st, 9);
        expired = now - seen > cfg->session_idle || now - created > cfg->session_max;
        if (!expired) {
            read_viewer(req, st);
            req->csrf = arena_strdup(&req->arena, db_col_text(st, 7));
            req->session_raw = arena_strdup(&req->arena, raw);
            req->must_change_password = db_col_int(st, 10) != 0;
            /* The data generation in the same read, before anything the request shows: a
             * kept page is then served in one round trip (fragment_cache.h). */
            if (!db_col_is_null(st, 11)) {
                req->generation = db_col_int(st, 11);
                req->generation_read = true;
            }
            /* Touch at most every quarter of the idle limit (and at most once a minute)
             * so ordinary browsing does not write on every request. */
            int64_t every = cfg->session_idle / 4 < 60 ? cfg->session_idle / 4 : 60;
            touch = now - seen >= every;
            found = true;
        }
    }
    db_done(st);
    if (expired) {
        st = db_prepare(req->db, "DELETE FROM sessions WHERE id_hash = ?");
        db_bind_text(st, 1, hash);
        db_step(st);
        db_done(st);
        req_set_cookie(req, SESSION_COOKIE, "", 0);
    } else if (found && touch) {
        st = db_prepare(req->db, "UPDATE sessions SET last_seen = ? WHERE id_hash = ?");
        db_bind_int(st, 1, now);
        db_bind_text(st, 2, hash);
        db_step(st);
        db_done(st);
    }
}

bool session_load_token(request_t *req, const char *token)
{
    while (*token == ' ')
        token++;
    if (strlen(token) < 16 || strlen(token) > 128)
        return false;
    char hash[65];
    session_hash(token, hash);
    int64_t now = (int64_t)time(NULL);
    /* A deactivated owner, an expired or a revoked (deleted) token: not found. */
    db_stmt_t *st = db_prepare(req->db,
        "SELECT u.id, u.role, u.organiser_id, u.unit_id, u.university, u.email, u.name, t.id, t.last_used"
        " FROM api_tokens t JOIN users u ON u.id = t.user_id"
        " WHERE t.token_hash = ? AND u.active = 1 AND (t.expires_at IS NULL OR t.expires_at > ?)");
    if (!st)
        return false;
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, now);
    bool ok = db_step(st) == DB_ROW;
    int64_t id = 0, used = 0;
    if (ok) {
        read_viewer(req, st);
        req->via_token = true;
        id = db_col_int(st, 7);
        used = db_col_is_null(st, 8) ? 0 : db_col_int(st, 8);
    }
    db_done(st);
    /* When it was last used, to the minute: one write a minute at most. */
    if (ok && now - used >= 60)
        db_run(req->db, "UPDATE api_tokens SET last_used = ? WHERE id = ?", "ii", now, id);
    return ok;
}

bool session_load_user(request_t *req, int64_t user_id)
{
    db_stmt_t *st = db_prepare(req->db, "SELECT u.id, u.role, u.organiser_id, u.unit_id, u.university, u.email, u.name"
                                        " FROM users u WHERE u.id = ? AND u.active = 1");
    db_bind_int(st, 1, user_id);
    bool ok = db_step(st) == DB_ROW;
    if (ok)
        read_viewer(req, st);
    db_done(st);
    return ok;
}

bool session_start(request_t *req, int64_t user_id)
{
    if (req->session_raw)
        session_end(req);
    char *raw = session_random_hex(&req->arena);
    char *csrf = session_random_hex(&req->arena);
    char hash[65];
    session_hash(raw, hash);
    int64_t now = (int64_t)time(NULL);
    db_stmt_t *st = db_prepare(req->db, "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen, address)"
                                        " VALUES (?, ?, ?, ?, ?, ?)");
    if (!st)
        return false;
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, csrf);
    db_bind_int(st, 4, now);
    db_bind_int(st, 5, now);
    db_bind_text(st, 6, req->client_addr);
    bool ok = db_step(st) == DB_DONE;
    db_done(st);
    ok = ok && db_run(req->db, "UPDATE users SET last_login_at = ? WHERE id = ?", "ii", now, user_id) == DB_DONE;
    if (ok) {
        req_set_cookie(req, SESSION_COOKIE, raw, -1);
        req->session_raw = raw;
        req->csrf = csrf;
    }
    return ok;
}

void session_end(request_t *req)
{
    if (req->session_raw) {
        char hash[65];
        session_hash(req->session_raw, hash);
        db_stmt_t *st = db_prepare(req->db, "DELETE FROM sessions WHERE id_hash = ?");
        db_bind_text(st, 1, hash);
        db_step(st);
        db_done(st);
    }
    req->session_raw = NULL;
    req->csrf = NULL;
    req_set_cookie(req, SESSION_COOKIE, "", 0);
}

void session_end_all(db_t *db, int64_t user_id, const char *keep_raw)
{
    char hash[65] = "";
    if (keep_raw)
        session_hash(keep_raw, hash);
    db_stmt_t *st = db_prepare(db, "DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?");
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, hash);
    db_step(st);
    db_done(st);
}

char *session_token_create(db_t *db, int64_t user_id, const char *label, int64_t expires_at, arena_t *a)
{
    unsigned char raw[24];
    randombytes_buf(raw, sizeof raw);
    char hex[49];
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    char *token = arena_printf(a, "sv_%s", hex);
    char hash[65];
    session_hash(token, hash);
    bool ok = db_run(db, "INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at, label)"
                         " VALUES (?, ?, ?, ?, ?)",
                     "tiiit", hash, user_id, (int64_t)time(NULL), expires_at, label ? label : "") == DB_DONE;
    return ok ? token : NULL;
}
