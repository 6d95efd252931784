/* settings.h — the settings an administrator may change (registry series, report dates
 * …), read in one place. A missing setting gives the caller's default. */
#ifndef SV_DB_SETTINGS_H
#define SV_DB_SETTINGS_H
#include "../base/arena.h"
#include "db.h"
#include <stdint.h>

/* The value of a setting (in a), or dflt when it is not set. */
const char *settings_get(db_t *db, const char *key, const char *dflt, arena_t *a);
int64_t settings_get_int(db_t *db, const char *key, int64_t dflt);
/* Sets (or with value NULL removes) a setting; false on a database error. */
bool settings_set(db_t *db, const char *key, const char *value);

#endif
