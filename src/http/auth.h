/* auth.h — passwords (argon2id via libsodium, at most AUTH_HASH_PARALLEL at a time),
 * login throttling, and the login, logout and account handlers. */
#ifndef SV_AUTH_H
#define SV_AUTH_H
#include "routes.h"
#include <sodium.h>

enum {
    AUTH_HASH_PARALLEL = 2,
    AUTH_MAX_FAILURES = 10,   /* per account and per address … */
    AUTH_WINDOW = 60,         /* … within this many seconds */
};

void auth_init(void);
void auth_shutdown(void);
/* Hashes a password into out (crypto_pwhash_STRBYTES); false on failure. */
bool auth_hash_password(const char *password, char out[crypto_pwhash_STRBYTES]);
bool auth_verify_password(const char *hash, const char *password);

/* Sign in and out, the own account and password change. */
extern const route_t auth_routes[];

#endif
