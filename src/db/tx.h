/* tx.h — the write-transaction helpers every area's store shares: begin, finish (commit or
 * roll back, keeping the first message), refuse with a message, and audit a change. */
#ifndef SV_DB_TX_H
#define SV_DB_TX_H
#include "../base/arena.h"
#include "../base/submission.h"
#include "../base/viewer.h"
#include "db.h"
#include <jansson.h>
#include <stdbool.h>

/* Starts a write transaction; false with *err set when the database is busy. */
bool tx_begin(db_t *db, arena_t *a, char **err);
/* Commits when ok, else rolls back; keeps the first message in *err. */
bool tx_finish(db_t *db, bool ok, arena_t *a, char **err);
/* Rolls back with a message; returns false. */
bool tx_fail(db_t *db, arena_t *a, char **err, const char *msg);
/* What a save of an object that can be edited twice came to. The caller sends the
 * version it was based on; a newer one saved meanwhile makes it WRITE_STALE, and nothing
 * is written over (the page then shows the difference). */
typedef enum write_result {
    WRITE_REFUSED = 0,   /* not allowed or not possible; *err says why */
    WRITE_OK = 1,
    WRITE_STALE = 2,     /* based on an older version than the one saved */
} write_result_t;

/* Finishes a versioned write: rolls back when it was not WRITE_OK (and returns it),
 * else commits when ok; WRITE_REFUSED when the commit fails. */
write_result_t tx_finish_write(db_t *db, write_result_t w, bool ok, arena_t *a, char **err);

/* Audits a change of an object by numeric id with its new state (takes the JSON). */
bool tx_audit(db_t *db, const viewer_t *v, const char *action, const char *type, int64_t id, json_t *after);

/* Reads frozen submissions from a prepared statement whose columns are (number, by, at,
 * decision, decided_by, decided_at, comment, content[, document id when with_document]);
 * finishes it. */
size_t tx_read_submissions(db_stmt_t *st, bool with_document, arena_t *a, doc_submission_t **out);

#endif
