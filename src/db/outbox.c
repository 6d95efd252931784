/* outbox.c — the mail outbox table (outbox.h). */
#include "outbox.h"
#include "../base/vec.h"
#include <strings.h>
#include <time.h>

bool outbox_queue(db_t *db, const char *key, int64_t user_id, const char *to, const char *subject,
                  const char *body)
{
    return db_run(db, "INSERT INTO outbox (dedup_key, user_id, recipient, subject, body, created_at)"
                      " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING",
                  "tzttti", key, user_id, to, subject, body, (int64_t)time(NULL)) == DB_DONE;
}

int outbox_deliver(db_t *db, outbox_send_fn send, void *ctx)
{
    enum { BATCH = 200 };
    arena_t a = ARENA_INIT;
    db_stmt_t *st = db_prepare(db, "SELECT id, recipient, subject, body FROM outbox WHERE sent_at IS NULL AND attempts < 5"
                                   " ORDER BY id LIMIT 200");
    int64_t ids[BATCH];
    const char *to[BATCH], *subject[BATCH], *body[BATCH];
    size_t n = 0;
    while (db_step(st) == DB_ROW && n < BATCH) {
        ids[n] = db_col_int(st, 0);
        to[n] = arena_strdup(&a, db_col_text(st, 1));
        subject[n] = arena_strdup(&a, db_col_text(st, 2));
        body[n++] = arena_strdup(&a, db_col_text(st, 3));
    }
    db_done(st);
    int sent = 0;
    for (size_t i = 0; i < n; i++) {
        char error[256] = "";
        /* Claim the row first, so two processes never send the same message. */
        int64_t now = (int64_t)time(NULL);
        if (!db_run_int(db, 0, "UPDATE outbox SET attempts = attempts + 1, claimed_at = ? WHERE id = ? AND sent_at IS NULL"
                               " AND (claimed_at IS NULL OR claimed_at < ?) RETURNING id",
                        "iii", now, ids[i], now - 300))
            continue;
        if (send(ctx, to[i], subject[i], body[i], error, sizeof error)) {
            db_run(db, "UPDATE outbox SET sent_at = ?, last_error = NULL WHERE id = ?", "ii", (int64_t)time(NULL), ids[i]);
            sent++;
        } else {
            db_run(db, "UPDATE outbox SET last_error = ? WHERE id = ?", "ti", error, ids[i]);
        }
    }
    arena_free(&a);
    return sent;
}

size_t outbox_latest(db_t *db, size_t limit, arena_t *a, outbox_row_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT created_at, recipient, subject, sent_at, last_error FROM outbox"
                                   " ORDER BY id DESC LIMIT ?");
    db_bind_int(st, 1, (int64_t)limit);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        outbox_row_t *r = ARENA_PUSH(a, *out, n, cap);
        r->created_at = db_col_int(st, 0);
        r->recipient = arena_strdup(a, db_col_text(st, 1));
        r->subject = arena_strdup(a, db_col_text(st, 2));
        r->sent_at = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
        r->last_error = arena_strdup(a, db_col_text(st, 4));
    }
    db_done(st);
    return n;
}

int64_t outbox_count(db_t *db)
{
    return db_run_int(db, 0, "SELECT COUNT(*) FROM outbox", "");
}

bool outbox_queue_each(db_t *db, db_stmt_t *st, const char *key_prefix, const char *skip, const char *subject,
                       const char *body, arena_t *a)
{
    /* Read them all first: the statement is finished before anything is written. */
    typedef struct {
        int64_t user;
        const char *email;
    } to_t;
    to_t *to = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        to_t *t = ARENA_PUSH(a, to, n, cap);
        t->user = db_col_int0(st, 0);
        t->email = db_col_str(st, 1, a);
    }
    db_done(st);
    if (rc != DB_DONE)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (skip && strcasecmp(to[i].email, skip) == 0)
            continue;
        if (!outbox_queue(db, arena_printf(a, "%s%s", key_prefix, to[i].email), to[i].user, to[i].email, subject, body))
            return false;
    }
    return true;
}
