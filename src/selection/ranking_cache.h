/* ranking_cache.h — a frozen round's rankings kept in memory between requests. A round's
 * inputs change only when it is frozen again, which bumps its freeze count, so an entry
 * keyed by (round, freeze count, method) never goes stale; a refrozen round simply misses.
 * One process serves one database, so the key needs no database name. */
#ifndef SV_SELECTION_RANKING_CACHE_H
#define SV_SELECTION_RANKING_CACHE_H
#include "ranking.h"

/* A cached ranking, shared and read-only: *out points into the cache entry, which is held
 * until a (the caller's arena) is freed; false when there is none. The entry also carries
 * each value column's values in ascending order (out->sorted), for the charts. */
bool ranking_cache_get(int64_t round_id, int64_t version, rank_method_t m, arena_t *a, ranking_t *out);
/* Keeps a copy of r (the least recently used entry makes room). */
void ranking_cache_put(int64_t round_id, int64_t version, rank_method_t m, const ranking_t *r);
/* A deep copy of src with everything allocated in a. */
void ranking_copy(const ranking_t *src, arena_t *a, ranking_t *dst);

#endif
