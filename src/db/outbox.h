/* outbox.h — the mail outbox every part of the program queues messages in (reminders,
 * notices). A message is one row with a key its sender chooses, so queuing the same
 * message twice (from two processes, or two rounds) keeps one row; a sender claims a row
 * before sending it, so each is sent once. */
#ifndef SV_DB_OUTBOX_H
#define SV_DB_OUTBOX_H
#include "../base/arena.h"
#include "db.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Queues a message inside the caller's transaction (or alone); a key already queued
 * changes nothing. user_id may be 0. False on a database error. */
bool outbox_queue(db_t *db, const char *key, int64_t user_id, const char *to, const char *subject,
                  const char *body);

/* Queues one message to each recipient a prepared statement reads as (user id or NULL,
 * address), keyed key_prefix + address, except to the address skip (the sender; may be
 * NULL); finishes the statement. False on a database error. */
bool outbox_queue_each(db_t *db, db_stmt_t *recipients, const char *key_prefix, const char *skip, const char *subject,
                       const char *body, arena_t *a);

/* Sends a message; false with a reason in error[size]. */
typedef bool (*outbox_send_fn)(void *ctx, const char *to, const char *subject, const char *body, char *error,
                               size_t size);
/* Claims and sends up to 200 unsent messages; returns how many were sent. Failures stay
 * in the outbox with their error (and are tried again, at most five times). */
int outbox_deliver(db_t *db, outbox_send_fn send, void *ctx);

typedef struct outbox_row {
    int64_t created_at, sent_at;   /* sent_at 0: not sent */
    const char *recipient, *subject, *last_error;
} outbox_row_t;
/* The newest messages, for the administrator's view. */
size_t outbox_latest(db_t *db, size_t limit, arena_t *a, outbox_row_t **out);
/* Rows in the outbox (sent or not). */
int64_t outbox_count(db_t *db);

#endif
