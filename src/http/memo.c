/* memo.c — what a request keeps of its own reads (request.h). Apart from request.c so that
 * what parses requests does not need the database. */
#include "request.h"
#include <stddef.h>

/* What an empty list (no value, count 0) is kept as, so that it comes back as found: a
 * reader tells "kept" from "not read yet" by a non-NULL value. Never read through. */
static const max_align_t nothing;

const void *req_memo_get(const request_t *req, const void *key, int64_t of, size_t *n)
{
    for (const req_memo_t *m = req->memo; m; m = m->next)
        if (m->key == key && m->of == of) {
            if (!req->db || m->epoch != db_write_epoch(req->db))
                return NULL;
            *n = m->n;
            return m->value;
        }
    return NULL;
}

void req_memo_keep(request_t *req, const void *key, int64_t of, const void *value, size_t n)
{
    if (!req->db)
        return;
    if (!value)
        value = &nothing;
    for (req_memo_t *m = req->memo; m; m = m->next)
        if (m->key == key && m->of == of) { /* read again after a write: the newer value */
            *m = (req_memo_t){key, of, value, n, db_write_epoch(req->db), m->next};
            return;
        }
    req_memo_t *m = arena_alloc(&req->arena, sizeof *m);
    *m = (req_memo_t){key, of, value, n, db_write_epoch(req->db), req->memo};
    req->memo = m;
}
