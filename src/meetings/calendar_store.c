/* calendar_store.c — the secret addresses of users' calendar feeds: a random token shown
 * once, only its hash kept, a new one replacing the old. */
#include "parts.h"
#include "../db/tx.h"
#include <sodium.h>
#include <string.h>
#include <time.h>

static void hash_hex(const char *token, char out[65])
{
    unsigned char h[crypto_generichash_BYTES];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

const char *calendar_new_token(db_t *db, int64_t user_id, arena_t *a)
{
    unsigned char raw[24];
    randombytes_buf(raw, sizeof raw);
    char token[49], hash[65];
    sodium_bin2hex(token, sizeof token, raw, sizeof raw);
    hash_hex(token, hash);
    char *err = NULL;
    if (!tx_begin(db, a, &err))
        return NULL;
    bool ok = db_run(db, "DELETE FROM calendar_tokens WHERE user_id = ?", "i", user_id) == DB_DONE &&
              db_run(db, "INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)", "iti", user_id,
                     hash, (int64_t)time(NULL)) == DB_DONE;
    return tx_finish(db, ok, a, &err) ? arena_strdup(a, token) : NULL;
}

int64_t calendar_user(db_t *db, const char *token)
{
    if (!token || strlen(token) != 48)
        return 0;
    char hash[65];
    hash_hex(token, hash);
    return db_run_int(db, 0, "SELECT t.user_id FROM calendar_tokens t JOIN users u ON u.id = t.user_id"
                             " WHERE t.token_hash = ? AND u.active = 1", "t", hash);
}

