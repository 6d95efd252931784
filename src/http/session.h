/* session.h — sessions in the database (128-bit random ids, only their hash stored),
 * CSRF tokens, and API bearer tokens. */
#ifndef SV_SESSION_H
#define SV_SESSION_H
#include "request.h"

#define SESSION_COOKIE "sv_session"
#define SESSION_PRE_COOKIE "sv_csrf" /* the login form's double-submit token */

/* Loads the viewer from the session cookie; ends sessions past their idle or absolute
 * limit. Leaves viewer.role ROLE_NONE when there is no valid session. */
void session_load(request_t *req);
/* Loads the viewer from an API token. */
bool session_load_token(request_t *req, const char *token);
/* Acts as an active user (a calendar feed fetched by its secret URL). */
bool session_load_user(request_t *req, int64_t user_id);
/* Starts a new session for user_id (a fresh id at every login), ending the request's
 * current session if it has one; sets the cookie and req->csrf. */
bool session_start(request_t *req, int64_t user_id);
/* Ends the request's session and clears the cookie. */
void session_end(request_t *req);
/* Ends every session of a user (after a password change, except keep_raw). */
void session_end_all(db_t *db, int64_t user_id, const char *keep_raw);
/* A fresh random token as 32 hex characters (128 bits), in the arena. */
char *session_random_hex(arena_t *a);
/* Hex of a keyed-free BLAKE2b hash of s (64 hex characters) into out[65]. */
void session_hash(const char *s, char out[65]);
/* Constant-time comparison of two tokens; false if either is NULL or empty. */
bool session_token_equal(const char *a, const char *b);
/* Creates an API token for user_id, valid until expires_at (epoch seconds), inside the
 * caller's transaction if any; returns it (shown once; only its hash is kept) or NULL. */
char *session_token_create(db_t *db, int64_t user_id, const char *label, int64_t expires_at, arena_t *a);

#endif
