/* throttle.c — growing waits for password attempts (throttle.h). */
#include "throttle.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

void throttle_keys(throttle_t *t, const char *account, const char *address)
{
    char folded[256];
    size_t n = 0;
    for (const char *p = account; *p && n + 1 < sizeof folded; p++)
        folded[n++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
    folded[n] = '\0';
    snprintf(t->pair, sizeof t->pair, "pair:%s|%s", folded, address ? address : "");
    snprintf(t->address, sizeof t->address, "addr:%s", address ? address : "");
    snprintf(t->account, sizeof t->account, "account:%s", folded);
}

/* base_ms × 2^((failures - free) / step), from `free` failures on, at most cap_ms. */
static int doubling(long long failures, long long free, long long step, int base_ms, int cap_ms)
{
    if (failures < free)
        return 0;
    long long doublings = (failures - free) / step;
    long long ms = base_ms;
    for (long long i = 0; i < doublings && ms < cap_ms; i++)
        ms *= 2;
    return ms < cap_ms ? (int)ms : cap_ms;
}

int throttle_pair_ms(long long failures) { return doubling(failures, 3, 1, 1000, 30000); }
int throttle_address_ms(long long failures) { return doubling(failures, 20, 4, 1000, 10000); }
int throttle_account_ms(long long failures) { return doubling(failures, 5, 2, 500, 5000); }

static long long failures(db_t *db, const char *key)
{
    return db_run_int(db, 0, "SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ?", "ti", key,
                      (int64_t)time(NULL) - THROTTLE_WINDOW);
}

int throttle_wait_ms(db_t *db, const throttle_t *t)
{
    int ms = throttle_pair_ms(failures(db, t->pair));
    int a = throttle_address_ms(failures(db, t->address)), b = throttle_account_ms(failures(db, t->account));
    if (a > ms)
        ms = a;
    return b > ms ? b : ms;
}

void throttle_failed(db_t *db, const throttle_t *t)
{
    int64_t now = (int64_t)time(NULL);
    const char *keys[] = {t->pair, t->address, t->account};
    for (int i = 0; i < 3; i++)
        db_run(db, "INSERT INTO login_failures (key, at) VALUES (?, ?)", "ti", keys[i], now);
    /* Forget old failures now and then, so the table stays small. */
    if (now % 16 == 0)
        db_run(db, "DELETE FROM login_failures WHERE at < ?", "i", now - THROTTLE_WINDOW);
}

void throttle_succeeded(db_t *db, const throttle_t *t)
{
    db_run(db, "DELETE FROM login_failures WHERE key = ?", "t", t->pair);
}

/* ---- who is waiting in this process: a small table of keys with counts ---- */

enum { WAITING_SLOTS = 256, PER_ADDRESS = 8 };
static struct {
    char key[320];
    int count;
} waiting[WAITING_SLOTS];
static pthread_mutex_t waiting_lock = PTHREAD_MUTEX_INITIALIZER;

static int *slot_of(const char *key, bool create)
{
    int *free_slot = NULL;
    for (int i = 0; i < WAITING_SLOTS; i++) {
        if (waiting[i].count && strcmp(waiting[i].key, key) == 0)
            return &waiting[i].count;
        if (!waiting[i].count && !free_slot && create) {
            snprintf(waiting[i].key, sizeof waiting[i].key, "%s", key);
            free_slot = &waiting[i].count;
        }
    }
    return free_slot;
}

bool throttle_enter(const throttle_t *t)
{
    pthread_mutex_lock(&waiting_lock);
    int *pair = slot_of(t->pair, true);
    bool ok = pair && *pair == 0;
    if (ok) {
        *pair = 1;
        int *addr = slot_of(t->address, true);
        ok = addr && *addr < PER_ADDRESS;
        if (ok)
            (*addr)++;
        else
            *pair = 0;
    }
    pthread_mutex_unlock(&waiting_lock);
    return ok;
}

void throttle_leave(const throttle_t *t)
{
    pthread_mutex_lock(&waiting_lock);
    int *pair = slot_of(t->pair, false), *addr = slot_of(t->address, false);
    if (pair && *pair)
        (*pair)--;
    if (addr && *addr)
        (*addr)--;
    pthread_mutex_unlock(&waiting_lock);
}
