/* demo.c — the demo's kick-off conference, a month ahead, with the demo's cases invited
 * (the invitations wait in the outbox with their personal links). */
#include "parts.h"
#include "../base/date.h"
#include "../base/fmt.h"
#include "../base/vec.h"
#include <stdio.h>

static void conferences_demo(demo_t *d)
{
    viewer_t sup = demo_viewer(d, "processtod@exempel.se");
    if (!sup.user_id)
        return;
    char day[11];
    fmt_today(day, 45);
    conference_input_t in = {"kickoff", "Upptaktskonferens för de nya huvudmännen", day, "Skolverket, Stockholm",
                             "09.30 Välkomna\n10.00 Samverkan för bästa skola: arbetet framåt\n13.00 Nulägesanalysen\n"
                             "15.00 Samtal i grupper per huvudman", 80, 90};
    const char *field;
    char *err = NULL;
    int64_t id = conferences_create(d->db, &sup, &in, d->arena, &field, &err);
    conference_t *c = id ? conferences_get(d->db, &sup, id, d->arena) : NULL;
    if (!c)
        return;
    int64_t *cases = NULL;
    size_t n = 0, cap = 0;
    db_stmt_t *st = db_prepare(d->db, "SELECT id FROM cases ORDER BY id LIMIT 20");
    while (db_step(st) == DB_ROW)
        *ARENA_PUSH(d->arena, cases, n, cap) = db_col_int(st, 0);
    db_done(st);
    int invited = conferences_invite(d->db, &sup, c, 0, cases, n, "http://127.0.0.1:8080", d->arena, &err);
    fprintf(d->out, "  konferenser:         en upptaktskonferens %s med %d inbjudna\n", day, invited > 0 ? invited : 0);
}

const demo_step_t conferences_demo_steps[] = {{74, conferences_demo}, {0, NULL}};
