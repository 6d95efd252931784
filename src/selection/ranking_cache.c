/* ranking_cache.c — a small LRU of computed rankings, each in its own arena. Readers copy
 * an entry into their request's arena while holding the lock, so an entry can be evicted
 * at any time without anyone still pointing into it. */
#include "ranking_cache.h"
#include "../base/alloc.h"
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { CACHE_ENTRIES = 8 };

/* An entry lives on the heap and is freed when its last holder lets go: the cache holds
 * one reference while it lists the entry, and every reader one until its arena is freed. */
typedef struct entry {
    int64_t round_id, version;
    rank_method_t method;
    uint64_t last_used;
    int refs;
    arena_t arena;
    ranking_t ranking;
} entry_t;

static entry_t *entries[CACHE_ENTRIES];
static uint64_t clock_tick;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Drops one reference; the caller holds the lock. Returns the entry to free, if any. */
static entry_t *unref_locked(entry_t *e)
{
    return --e->refs == 0 ? e : NULL;
}

static void destroy(entry_t *e)
{
    if (e) {
        arena_free(&e->arena);
        free(e);
    }
}

static void release(void *ctx)
{
    pthread_mutex_lock(&lock);
    entry_t *dead = unref_locked(ctx);
    pthread_mutex_unlock(&lock);
    destroy(dead);
}

static void clear_all(void)
{
    for (size_t i = 0; i < CACHE_ENTRIES; i++)
        if (entries[i]) {
            destroy(unref_locked(entries[i]));
            entries[i] = NULL;
        }
}

/* The cache lives as long as the process; it is emptied at exit so that nothing is left
 * for a leak checker to report. */
static void register_cleanup(void)
{
    atexit(clear_all);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* Each value column's values in ascending order, computed once for the entry. */
static void sort_columns(ranking_t *r, arena_t *a)
{
    r->sorted = arena_alloc(a, (r->ncols ? r->ncols : 1) * sizeof *r->sorted);
    r->nsorted = arena_alloc(a, (r->ncols ? r->ncols : 1) * sizeof *r->nsorted);
    for (size_t c = 0; c < r->ncols; c++) {
        if (strcmp(r->cols[c].what, "value") != 0)
            continue;
        double *v = arena_alloc(a, (r->nrows ? r->nrows : 1) * sizeof *v);
        size_t n = 0;
        for (size_t i = 0; i < r->nrows; i++)
            if (!isnan(r->rows[i].cols[c]))
                v[n++] = r->rows[i].cols[c];
        qsort(v, n, sizeof *v, cmp_double);
        r->sorted[c] = v;
        r->nsorted[c] = n;
    }
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
    dst->sorted = NULL; /* only the cache's own entry carries them */
    dst->nsorted = NULL;
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
    entry_t *hit = NULL;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < CACHE_ENTRIES && !hit; i++) {
        entry_t *e = entries[i];
        if (e && e->round_id == round_id && e->version == version && e->method == m) {
            e->last_used = ++clock_tick;
            e->refs++;
            hit = e;
        }
    }
    pthread_mutex_unlock(&lock);
    if (!hit)
        return false;
    arena_defer(a, release, hit);
    *out = hit->ranking;
    return true;
}

void ranking_cache_put(int64_t round_id, int64_t version, rank_method_t m, const ranking_t *r)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, register_cleanup);
    /* Copy outside the lock; swap in under it. */
    entry_t *fresh = xcalloc(1, sizeof *fresh);
    *fresh = (entry_t){.round_id = round_id, .version = version, .method = m, .refs = 1, .arena = ARENA_INIT};
    ranking_copy(r, &fresh->arena, &fresh->ranking);
    sort_columns(&fresh->ranking, &fresh->arena);
    entry_t *dead = NULL;
    pthread_mutex_lock(&lock);
    size_t slot = 0;
    for (size_t i = 0; i < CACHE_ENTRIES; i++) {
        entry_t *e = entries[i];
        if (e && e->round_id == round_id && e->method == m) { /* an older version, or a twin */
            slot = i;
            break;
        }
        if (!e || (entries[slot] && e->last_used < entries[slot]->last_used))
            slot = i;
        if (!e)
            break;
    }
    if (entries[slot])
        dead = unref_locked(entries[slot]);
    fresh->last_used = ++clock_tick;
    entries[slot] = fresh;
    pthread_mutex_unlock(&lock);
    destroy(dead);
}
