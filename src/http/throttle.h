/* throttle.h — slowing down password guessing without locking anyone out. Failures are
 * counted in the database (shared by every process) over the last 15 minutes under three
 * keys: the account from this address, the address, and the account from anywhere. An
 * attempt waits before its password is checked, longer the more failures there were:
 *   account from this address: after 3 failures, 1 s doubling to 30 s;
 *   address (a municipal NAT is many people): after 20, 1 s doubling every 4 to 10 s;
 *   account from anywhere: after 5, 0.5 s doubling every 2 to 5 s, never more,
 * so the right password from another address always gets in within seconds. The wait is
 * served by the server without holding a worker (server.h: respond_later). One attempt
 * per account and address, and eight per address, may wait at a time in a process. */
#ifndef SV_THROTTLE_H
#define SV_THROTTLE_H
#include "../db/db.h"
#include <stdbool.h>

typedef struct throttle {
    char pair[320], address[80], account[280];
} throttle_t;

enum { THROTTLE_WINDOW = 15 * 60 };

/* The keys of an attempt on an account ("login:e-mail" or "password:user id") from an
 * address. */
void throttle_keys(throttle_t *t, const char *account, const char *address);
/* Milliseconds this attempt waits before its password is checked (0: none). */
int throttle_wait_ms(db_t *db, const throttle_t *t);
/* Takes a place among the waiting attempts; false when this account and address, or
 * this address, already has as many as may wait (the caller answers 429). */
bool throttle_enter(const throttle_t *t);
void throttle_leave(const throttle_t *t);
/* A failed attempt counts under each key; a success clears the account-and-address key. */
void throttle_failed(db_t *db, const throttle_t *t);
void throttle_succeeded(db_t *db, const throttle_t *t);

/* The wait for a number of failures under each kind of key, in milliseconds (pure). */
int throttle_pair_ms(long long failures);
int throttle_address_ms(long long failures);
int throttle_account_ms(long long failures);

#endif
