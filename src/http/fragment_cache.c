/* fragment_cache.c — a direct-mapped table of fragments (fragment_cache.h): a key hashes
 * to one slot, a newer fragment replaces whatever is there, and the total size is capped
 * so that the cache can never grow past FRAGMENT_BYTES_MAX however many viewers there are.
 * Readers copy a fragment out under the lock, so it can be replaced at any time. */
#include "fragment_cache.h"
#include "../base/alloc.h"
#include "../base/fmt.h"
#include "../base/text.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { FRAGMENT_SLOTS = 4096 };
#define FRAGMENT_BYTES_MAX ((size_t)64 << 20)

typedef struct fragment {
    char *key;
    int64_t generation;
    char *data;
    size_t len;
} fragment_t;

static fragment_t slots[FRAGMENT_SLOTS];
static size_t bytes_held;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool enabled = true;

static void clear_all(void)
{
    for (size_t i = 0; i < FRAGMENT_SLOTS; i++) {
        free(slots[i].key);
        free(slots[i].data);
        slots[i] = (fragment_t){0};
    }
    bytes_held = 0;
}

static void init(void)
{
    const char *env = getenv("SAMVERKAN_CACHE");
    enabled = !(env && strcmp(env, "off") == 0);
    atexit(clear_all); /* nothing left for a leak checker */
}

static size_t slot_of(const char *key)
{
    return (size_t)(text_hash(key) % FRAGMENT_SLOTS);
}

/* The generation the request's data is read in, read once per request. */
static int64_t generation(request_t *req)
{
    if (!req->generation_read) {
        req->generation = db_generation(req->db);
        req->generation_read = true;
    }
    return req->generation;
}

static const char *fragment_key(request_t *req, const char *part)
{
    const viewer_t *v = &req->viewer;
    char today[11];
    fmt_today(today, 0);
    return arena_printf(&req->arena, "%s|%lld|%d|%lld|%lld|%s|%s", part, (long long)v->user_id, (int)v->role,
                        (long long)v->organiser_id, (long long)v->unit_id, v->university ? v->university : "", today);
}

bool fragment_fetch(request_t *req, const char *key, buf_t *out)
{
    pthread_once(&once, init);
    if (!enabled)
        return false;
    int64_t gen = generation(req);
    if (gen < 0)
        return false;
    bool hit = false;
    pthread_mutex_lock(&lock);
    fragment_t *f = &slots[slot_of(key)];
    if (f->key && f->generation == gen && strcmp(f->key, key) == 0) {
        buf_append(out, f->data, f->len);
        hit = true;
    }
    pthread_mutex_unlock(&lock);
    return hit;
}

void fragment_store(request_t *req, const char *key, const char *bytes, size_t len)
{
    pthread_once(&once, init);
    int64_t gen = generation(req);
    if (!enabled || gen < 0)
        return;
    char *data = xmalloc(len ? len : 1), *k = xstrdup(key);
    memcpy(data, bytes, len);
    char *old_key = NULL, *old_data = NULL;
    pthread_mutex_lock(&lock);
    fragment_t *f = &slots[slot_of(key)];
    if (bytes_held - f->len + len <= FRAGMENT_BYTES_MAX) {
        old_key = f->key;
        old_data = f->data;
        bytes_held = bytes_held - f->len + len;
        *f = (fragment_t){k, gen, data, len};
        k = data = NULL;
    }
    pthread_mutex_unlock(&lock);
    free(old_key);
    free(old_data);
    free(k);
    free(data);
}

void fragment_render(request_t *req, const char *part, void (*render)(request_t *req))
{
    const char *key = fragment_key(req, part);
    if (fragment_fetch(req, key, &req->body))
        return;
    size_t from = req->body.len;
    render(req);
    /* An empty part has no bytes to point at. */
    fragment_store(req, key, req->body.len > from ? req->body.data + from : "", req->body.len - from);
}
