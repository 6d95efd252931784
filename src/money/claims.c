/* claims.c — reminders of repayments and claims to the organiser: a week before the last
 * day of payment and once it has passed, each once per claim and due date. */
#include "money.h"
#include "../base/date.h"
#include "../base/fmt.h"
#include "../base/vec.h"
#include "../db/outbox.h"
#include <string.h>

typedef struct due {
    int64_t claim, user;
    const char *due_date, *email, *organiser, *registry_number, *kind;
    int64_t amount;
} due_t;

int money_claim_reminders(db_t *db, const char *today, int days)
{
    char until[11];
    if (!date_add_days(today, days, until))
        return 0;
    arena_t a = ARENA_INIT;
    db_stmt_t *st = db_prepare(db, "SELECT c.id, c.due_date, c.amount_ore, c.registry_number, c.kind, u.id, u.email,"
                                   " o.name FROM claims c JOIN grants g ON g.id = c.grant_id JOIN organisers o"
                                   " ON o.id = g.organiser_id JOIN users u ON u.organiser_id = g.organiser_id"
                                   " AND u.role = 'organiser' AND u.active = 1 WHERE c.state = 'raised'"
                                   " AND c.due_date <= ? ORDER BY c.id, u.id");
    db_bind_text(st, 1, until);
    due_t *d = NULL;
    size_t n = 0, cap = 0;
    while (db_step(st) == DB_ROW) {
        due_t *x = ARENA_PUSH(&a, d, n, cap);
        x->claim = db_col_int(st, 0);
        x->due_date = db_col_str(st, 1, &a);
        x->amount = db_col_int(st, 2);
        x->registry_number = db_col_str(st, 3, &a);
        x->kind = db_col_str(st, 4, &a);
        x->user = db_col_int(st, 5);
        x->email = db_col_str(st, 6, &a);
        x->organiser = db_col_str(st, 7, &a);
    }
    db_done(st);
    int queued = 0;
    char *err = NULL;
    if (n && tx_begin(db, &a, &err)) {
        bool ok = true;
        for (size_t i = 0; i < n && ok; i++) {
            bool late = strcmp(d[i].due_date, today) < 0;
            buf_t amount = BUF_INIT;
            fmt_money_sv(&amount, d[i].amount);
            const char *subject = arena_printf(&a, "%s %s: %s (%s)", money_claim_kind_label(d[i].kind),
                                               d[i].registry_number, late ? "sista betalningsdag har passerat"
                                                                          : "sista betalningsdag närmar sig",
                                               d[i].organiser);
            const char *body = arena_printf(&a, "%s ska betala tillbaka %s till Skolverket senast %s, enligt beslut %s.%s"
                                                "\n\nBeslutet finns i Samverkan under huvudmannens medel.\n",
                                            d[i].organiser, buf_cstr(&amount), d[i].due_date, d[i].registry_number,
                                            late ? " Betalningen har inte kommit in." : "");
            buf_free(&amount);
            const char *key = arena_printf(&a, "claim:%lld:%s:%s:%s", (long long)d[i].claim, d[i].due_date,
                                           late ? "late" : "soon", d[i].email);
            ok = outbox_queue(db, key, d[i].user, d[i].email, subject, body);
            queued += ok;
        }
        if (!tx_finish(db, ok, &a, &err))
            queued = 0;
    }
    arena_free(&a);
    return queued;
}
