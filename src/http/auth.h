/* auth.h — passwords (argon2id via libsodium, at most AUTH_HASH_PARALLEL at a time),
 * the login form's token, and the login and logout handlers. */
#ifndef SV_AUTH_H
#define SV_AUTH_H
#include "routes.h"
#include <sodium.h>

enum {
    AUTH_HASH_PARALLEL = 2,
};

void auth_init(void);
void auth_shutdown(void);
/* Hashes a password into out (crypto_pwhash_STRBYTES); false on failure. */
bool auth_hash_password(const char *password, char out[crypto_pwhash_STRBYTES]);
bool auth_verify_password(const char *hash, const char *password);

/* A fresh token for a form shown before login (login, password reset): set as the
 * double-submit cookie, to be written in the form (routes with ROUTE_NO_CSRF check it). */
const char *auth_form_token(request_t *req);

/* Sign in and out. */
extern const route_t auth_routes[];

#endif
