/* comments.c — the comment threads on a case's documents: kept by subject, told by
 * e-mail to the other side (cases.h). */
#include "cases.h"
#include "../access/access.h"
#include "../base/vec.h"
#include "../db/outbox.h"
#include "../db/tx.h"
#include <jansson.h>
#include <string.h>
#include <strings.h>
#include <time.h>

size_t cases_comments(db_t *db, const case_row_t *c, const char *subject, arena_t *a, case_comment_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, author, body, at FROM case_comments WHERE case_id = ? AND subject = ?"
                                   " ORDER BY at, id");
    db_bind_int(st, 1, c->id);
    db_bind_text(st, 2, subject);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        case_comment_t *m = ARENA_PUSH(a, *out, n, cap);
        m->id = db_col_int(st, 0);
        m->author = db_col_str(st, 1, a);
        m->body = db_col_str(st, 2, a);
        m->at = db_col_int(st, 3);
    }
    db_done(st);
    return n;
}

/* Queues the message to each recipient but the author. */
static bool notify(db_t *db, const viewer_t *v, const case_row_t *c, int64_t comment_id, const char *body,
                   const comment_notice_t *n, arena_t *a)
{
    db_stmt_t *st;
    if (n->from_writer) {
        st = db_prepare(db, "SELECT DISTINCT u.id, u.email FROM case_people p JOIN users u ON u.id = p.user_id"
                            " WHERE p.case_id = ? AND p.role = 'supporter' AND u.active = 1");
        db_bind_int(st, 1, c->id);
    } else if (strcmp(n->writers, "university") == 0) {
        st = db_prepare(db, "SELECT id, email FROM users WHERE role = 'university' AND active = 1 AND university = ?");
        db_bind_text(st, 1, n->university ? n->university : "");
    } else {
        st = db_prepare(db, "SELECT id, email FROM users WHERE role = 'organiser' AND active = 1 AND organiser_id = ?");
        db_bind_int(st, 1, c->organiser_id);
    }
    const char *subject = arena_printf(a, "Ny kommentar: %s, %s", n->title, c->organiser);
    const char *text = arena_printf(a, "%s skrev om %s för %s:\n\n%s\n\nLäs och svara i Samverkan: %s\n",
                                    v->name ? v->name : v->email, n->title, c->organiser, body, n->link);
    return outbox_queue_each(db, st, arena_printf(a, "case-comment:%lld:", (long long)comment_id), v->email, subject,
                             text, a);
}

int64_t cases_add_comment(db_t *db, const viewer_t *v, const case_row_t *c, const char *subject, const char *body,
                          const comment_notice_t *notice, arena_t *a, char **err)
{
    if (!body || !*body) {
        *err = arena_strdup(a, "Skriv en kommentar.");
        return 0;
    }
    if (!tx_begin(db, a, err))
        return 0;
    int64_t id = db_run_int(db, 0, "INSERT INTO case_comments (case_id, subject, user_id, author, body, at)"
                                   " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                            "itztti", c->id, subject, v->user_id, v->name ? v->name : v->email, body,
                            (int64_t)time(NULL));
    bool ok = id > 0 && notify(db, v, c, id, body, notice, a) &&
              tx_audit(db, v, "case:comment", "case", c->id,
                       json_pack("{s:s, s:I}", "subject", subject, "comment", (json_int_t)id));
    return tx_finish(db, ok, a, err) ? id : 0;
}
