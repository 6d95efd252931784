/* ranking_cache.c — a small LRU of computed rankings, each in its own arena. Readers copy
 * an entry into their request's arena while holding the lock, so an entry can be evicted
 * at any time without anyone still pointing into it. */
#include "ranking_cache.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { CACHE_ENTRIES = 8 };

typedef struct entry {
    bool used;
    int64_t round_id, version;
    rank_method_t method;
    uint64_t last_used;
    arena_t arena;
    ranking_t ranking;
} entry_t;

static entry_t entries[CACHE_ENTRIES];
static uint64_t clock_tick;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void clear_all(void)
{
    for (size_t i = 0; i < CACHE_ENTRIES; i++)
        if (entries[i].used) {
            arena_free(&entries[i].arena);
            entries[i].used = false;
        }
}

/* The cache lives as long as the process; it is emptied at exit so that nothing is left
 * for a leak checker to report. */
static void register_cleanup(void)
{
    atexit(clear_all);
}

static const char *dup(arena_t *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

static void *dup_array(arena_t *a, const void *src, size_t n, size_t size)
{
    if (!src)
        return NULL;
    void *p = arena_alloc(a, (n ? n : 1) * size);
    memcpy(p, src, n * size);
    return p;
}

void ranking_copy(const ranking_t *src, arena_t *a, ranking_t *dst)
{
    *dst = *src;
    dst->value_key = dup(a, src->value_key);
    dst->criteria_name = dup(a, src->criteria_name);
    dst->cols = dup_array(a, src->cols, src->ncols, sizeof *src->cols);
    for (size_t c = 0; c < src->ncols; c++) {
        dst->cols[c].key = dup(a, src->cols[c].key);
        dst->cols[c].variable = dup(a, src->cols[c].variable);
        dst->cols[c].what = dup(a, src->cols[c].what);
    }
    dst->vars = dup_array(a, src->vars, src->nvars, sizeof *src->vars);
    for (size_t k = 0; k < src->nvars; k++)
        dst->vars[k] = dup(a, src->vars[k]);
    dst->weights = dup_array(a, src->weights, src->nvars, sizeof(double));
    dst->means = dup_array(a, src->means, src->nvars, sizeof(double));
    dst->sds = dup_array(a, src->sds, src->nvars, sizeof(double));
    dst->signs = dup_array(a, src->signs, src->nvars, sizeof(int));
    size_t ncoef = src->coef ? src->ncols - 1 : 0; /* expected results: intercept + background */
    dst->coef = dup_array(a, src->coef, ncoef, sizeof(double));
    dst->coef_keys = dup_array(a, src->coef_keys, ncoef, sizeof *src->coef_keys);
    for (size_t k = 0; k < ncoef; k++)
        dst->coef_keys[k] = dup(a, src->coef_keys[k]);
    dst->rows = dup_array(a, src->rows, src->nrows, sizeof *src->rows);
    /* One block for every row's columns. */
    size_t cells = src->nrows * src->ncols;
    double *cols = arena_alloc(a, (cells ? cells : 1) * sizeof(double));
    for (size_t i = 0; i < src->nrows; i++) {
        rank_row_t *r = &dst->rows[i];
        const rank_row_t *s = &src->rows[i];
        r->cols = cols + i * src->ncols;
        memcpy(r->cols, s->cols, src->ncols * sizeof(double));
        r->code = dup(a, s->code);
        r->name = dup(a, s->name);
        r->organiser = dup(a, s->organiser);
        r->school_forms = dup(a, s->school_forms);
        r->note = dup(a, s->note);
        r->decision_date = dup(a, s->decision_date);
    }
}

bool ranking_cache_get(int64_t round_id, int64_t version, rank_method_t m, arena_t *a, ranking_t *out)
{
    bool found = false;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < CACHE_ENTRIES; i++) {
        entry_t *e = &entries[i];
        if (e->used && e->round_id == round_id && e->version == version && e->method == m) {
            e->last_used = ++clock_tick;
            ranking_copy(&e->ranking, a, out);
            found = true;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    return found;
}

void ranking_cache_put(int64_t round_id, int64_t version, rank_method_t m, const ranking_t *r)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, register_cleanup);
    /* Copy outside the lock; swap in under it. */
    entry_t fresh = {.used = true, .round_id = round_id, .version = version, .method = m, .arena = ARENA_INIT};
    ranking_copy(r, &fresh.arena, &fresh.ranking);
    arena_t old = ARENA_INIT;
    pthread_mutex_lock(&lock);
    entry_t *slot = &entries[0];
    for (size_t i = 0; i < CACHE_ENTRIES; i++) {
        entry_t *e = &entries[i];
        if (e->used && e->round_id == round_id && e->method == m) { /* an older version, or a twin */
            slot = e;
            break;
        }
        if (!e->used || e->last_used < slot->last_used)
            slot = e;
        if (!e->used)
            break;
    }
    if (slot->used)
        old = slot->arena;
    fresh.last_used = ++clock_tick;
    *slot = fresh;
    pthread_mutex_unlock(&lock);
    arena_free(&old);
}
