/* deadline_store.c — due items from the cases in the database, reports handed in, and
 * the reminder outbox. */
#include "deadlines.h"
#include "agreements.h"
#include "meetings.h"
#include "../base/buf.h"
#include "../db/audit.h"
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_ITEMS_PER_CASE = 64 };

static const char *setting(db_t *db, const char *key, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT value FROM settings WHERE key = ?");
    db_bind_text(st, 1, key);
    const char *v = db_step(st) == DB_ROW ? arena_strdup(a, db_col_text(st, 0)) : NULL;
    db_done(st);
    return v;
}

void deadlines_rules(db_t *db, deadline_rules_t *r)
{
    deadline_rules_default(r);
    arena_t a = ARENA_INIT;
    const char *vt = setting(db, "interim_vt", &a), *ht = setting(db, "interim_ht", &a);
    if (vt && strlen(vt) == 5)
        memcpy(r->vt, vt, 6);
    if (ht && strlen(ht) == 5)
        memcpy(r->ht, ht, 6);
    arena_free(&a);
}

static bool submitted(db_t *db, int64_t case_id, const char *key)
{
    return db_run_int(db, 0, "SELECT COUNT(*) FROM case_submissions WHERE case_id = ? AND item_key = ?", "it", case_id,
                      key) > 0;
}

/* All items of one case: reports, agreement periods, the planned end, open actions. */
static size_t case_items(db_t *db, const case_row_t *c, const deadline_rules_t *r, const char *today, arena_t *a,
                         due_item_t *out, size_t max)
{
    size_t n = deadline_reports(c->start_date, c->planned_end, r, a, out, max);
    db_stmt_t *st = db_prepare(db, "SELECT g.id, g.kind, g.registry_number, v.content FROM agreements g"
                                   " JOIN agreement_versions v ON v.agreement_id = g.id AND v.version = g.version"
                                   " WHERE g.case_id = ? AND g.state IN ('for_signature', 'signed')");
    db_bind_int(st, 1, c->id);
    while (db_step(st) == DB_ROW && n < max) {
        agreement_kind_t k = agreement_kind_from_key(db_col_text(st, 1));
        agreement_content_t content;
        if (!agreement_content_parse(k, db_col_text(st, 3), a, &content) || !*content.period_to)
            continue;
        due_item_t *d = &out[n++];
        memset(d, 0, sizeof *d);
        d->key = arena_printf(a, "agreement:%lld", (long long)db_col_int(st, 0));
        d->label = arena_printf(a, "%s %s: perioden slutar", agreement_kind_label(k), db_col_text(st, 2));
        snprintf(d->date, sizeof d->date, "%.10s", content.period_to);
        d->for_supporters = true;
    }
    db_done(st);
    if (n < max) {
        due_item_t *d = &out[n++];
        memset(d, 0, sizeof *d);
        d->key = "end";
        d->label = "Planerat slut för samverkan";
        snprintf(d->date, sizeof d->date, "%.10s", c->planned_end);
        d->for_supporters = d->for_organiser = true;
    }
    st = db_prepare(db, "SELECT id, text, owner, due_date FROM meeting_actions WHERE case_id = ? AND done_at IS NULL"
                        " AND due_date IS NOT NULL");
    db_bind_int(st, 1, c->id);
    while (db_step(st) == DB_ROW && n < max) {
        due_item_t *d = &out[n++];
        memset(d, 0, sizeof *d);
        d->key = arena_printf(a, "action:%lld", (long long)db_col_int(st, 0));
        d->label = arena_printf(a, "Åtgärd: %s (%s)", db_col_text(st, 1), db_col_text(st, 2));
        snprintf(d->date, sizeof d->date, "%.10s", db_col_text(st, 3));
        d->for_supporters = d->for_organiser = true;
    }
    db_done(st);
    for (size_t i = 0; i < n; i++) {
        out[i].case_id = c->id;
        out[i].organiser = c->organiser;
        bool report = strncmp(out[i].key, "interim:", 8) == 0 || strcmp(out[i].key, "final") == 0;
        out[i].done = report && submitted(db, c->id, out[i].key);
        out[i].overdue = !out[i].done && strcmp(out[i].date, today) < 0 && strcmp(out[i].key, "end") != 0 &&
                         strncmp(out[i].key, "agreement:", 10) != 0;
    }
    return n;
}

static int by_date(const void *x, const void *y)
{
    const due_item_t *a = x, *b = y;
    int c = strcmp(a->date, b->date);
    return c ? c : strcmp(a->organiser ? a->organiser : "", b->organiser ? b->organiser : "");
}

size_t deadlines_for_case(db_t *db, const case_row_t *c, const char *today, arena_t *a, due_item_t **out)
{
    *out = arena_alloc(a, MAX_ITEMS_PER_CASE * sizeof **out);
    deadline_rules_t r;
    deadlines_rules(db, &r);
    size_t n = case_items(db, c, &r, today, a, *out, MAX_ITEMS_PER_CASE);
    qsort(*out, n, sizeof **out, by_date);
    return n;
}

size_t deadlines_for_viewer(db_t *db, const viewer_t *v, const char *today, int horizon, arena_t *a, due_item_t **out)
{
    case_filter_t f = {0};
    case_row_t *cases;
    size_t nc = cases_list(db, v, &f, a, &cases);
    deadline_rules_t r;
    deadlines_rules(db, &r);
    char until[11];
    if (!date_add_days(today, horizon, until))
        snprintf(until, sizeof until, "%.10s", today);
    bool organiser_side = v->role == ROLE_ORGANISER || v->role == ROLE_HEAD || v->role == ROLE_GROUP;
    size_t n = 0, cap = 64;
    *out = arena_alloc(a, cap * sizeof **out);
    due_item_t items[MAX_ITEMS_PER_CASE];
    for (size_t i = 0; i < nc; i++) {
        if (cases[i].phase == PHASE_CLOSED)
            continue;
        size_t k = case_items(db, &cases[i], &r, today, a, items, MAX_ITEMS_PER_CASE);
        for (size_t j = 0; j < k; j++) {
            const due_item_t *d = &items[j];
            bool mine = organiser_side ? d->for_organiser : d->for_supporters;
            if (!mine || d->done || (!d->overdue && strcmp(d->date, until) > 0) ||
                (!d->overdue && strcmp(d->date, today) < 0))
                continue;
            if (n == cap) {
                *out = arena_realloc_array(a, *out, n, cap * 2, sizeof **out);
                cap *= 2;
            }
            (*out)[n++] = *d;
        }
    }
    qsort(*out, n, sizeof **out, by_date);
    return n;
}

bool deadlines_submit(db_t *db, const viewer_t *v, int64_t case_id, const char *key, arena_t *a, char **err)
{
    *err = NULL;
    if (strncmp(key, "interim:", 8) != 0 && strcmp(key, "final") != 0) {
        *err = arena_strdup(a, "Bara delredovisningar och slutredovisningen lämnas in.");
        return false;
    }
    if (db_begin_write(db) != DB_OK) {
        *err = arena_strdup(a, "Databasen är upptagen; försök igen.");
        return false;
    }
    if (!cases_get(db, v, case_id, a)) {
        db_rollback(db);
        *err = arena_strdup(a, "Ärendet finns inte.");
        return false;
    }
    bool ok = db_run(db, "INSERT INTO case_submissions (case_id, item_key, submitted_by, submitted_at) VALUES (?, ?, ?, ?)"
                         " ON CONFLICT (case_id, item_key) DO NOTHING",
                     "itti", case_id, key, v->email, (int64_t)time(NULL)) == DB_DONE &&
              cases_event(db, case_id, "report", NULL, NULL, arena_printf(a, "Inlämnad: %s.", key), v);
    if (ok && db_commit(db) == DB_OK)
        return true;
    db_rollback(db);
    *err = arena_strdup(a, "Det kunde inte sparas; försök igen.");
    return false;
}

/* ---- reminders ---- */

static bool queue_one(db_t *db, int64_t user, const char *email, const due_item_t *d, const char *kind,
                      const char *organiser, arena_t *a)
{
    const char *subject = strcmp(kind, "overdue") == 0
                              ? arena_printf(a, "Försenat: %s (%s)", d->label, organiser)
                              : arena_printf(a, "Påminnelse: %s senast %s (%s)", d->label, d->date, organiser);
    const char *body = arena_printf(a, "Hej!\r\n\r\n%s för %s %s %s.\r\n\r\nSe ärendet i Samverkan.\r\n\r\n"
                                       "Det här är en automatisk påminnelse från Samverkan för bästa skola.\r\n",
                                    d->label, organiser, strcmp(kind, "overdue") == 0 ? "skulle ha varit klar" : "ska vara klar",
                                    d->date);
    return db_run(db, "INSERT INTO outbox (user_id, case_id, item_key, kind, recipient, subject, body, created_at)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, case_id, item_key, kind) DO NOTHING",
                  "iittttti", user, d->case_id, d->key, kind, email, subject, body, (int64_t)time(NULL)) == DB_DONE;
}

int deadlines_queue_reminders(db_t *db, const char *today, int days)
{
    arena_t a = ARENA_INIT;
    viewer_t all = viewer_cli;
    case_filter_t f = {0};
    case_row_t *cases;
    size_t nc = cases_list(db, &all, &f, &a, &cases);
    deadline_rules_t r;
    deadlines_rules(db, &r);
    char until[11];
    date_add_days(today, days, until);
    int64_t before = db_run_int(db, 0, "SELECT COUNT(*) FROM outbox", "");
    if (db_begin_write(db) != DB_OK) {
        arena_free(&a);
        return 0;
    }
    bool ok = true;
    due_item_t items[MAX_ITEMS_PER_CASE];
    for (size_t i = 0; ok && i < nc; i++) {
        if (cases[i].phase == PHASE_CLOSED)
            continue;
        size_t k = case_items(db, &cases[i], &r, today, &a, items, MAX_ITEMS_PER_CASE);
        for (size_t j = 0; ok && j < k; j++) {
            const due_item_t *d = &items[j];
            if (d->done || strcmp(d->date, until) > 0 || (!d->overdue && strcmp(d->date, today) < 0))
                continue;
            const char *kind = d->overdue ? "overdue" : "before";
            /* The organiser's own users (role organiser) and the case's supporters. */
            db_stmt_t *st = db_prepare(db, "SELECT id, email FROM users WHERE active = 1 AND ((? = 1 AND role = 'organiser'"
                                           " AND organiser_id = ?) OR (? = 1 AND id IN (SELECT user_id FROM case_people"
                                           " WHERE case_id = ? AND role = 'supporter')))");
            db_bind_int(st, 1, d->for_organiser);
            db_bind_int(st, 2, cases[i].organiser_id);
            db_bind_int(st, 3, d->for_supporters);
            db_bind_int(st, 4, cases[i].id);
            int64_t ids[32];
            const char *emails[32];
            size_t nu = 0;
            while (db_step(st) == DB_ROW && nu < 32) {
                ids[nu] = db_col_int(st, 0);
                emails[nu++] = arena_strdup(&a, db_col_text(st, 1));
            }
            db_done(st);
            for (size_t u = 0; ok && u < nu; u++)
                ok = queue_one(db, ids[u], emails[u], d, kind, cases[i].organiser, &a);
        }
    }
    if (!ok || db_commit(db) != DB_OK)
        db_rollback(db);
    int64_t after = db_run_int(db, 0, "SELECT COUNT(*) FROM outbox", "");
    arena_free(&a);
    return (int)(after - before);
}

typedef struct mail_body {
    const char *data;
    size_t len, pos;
} mail_body_t;

static size_t read_upload(char *buf, size_t size, size_t nmemb, void *p)
{
    mail_body_t *u = p;
    size_t room = size * nmemb, left = u->len - u->pos, n = left < room ? left : room;
    memcpy(buf, u->data + u->pos, n);
    u->pos += n;
    return n;
}

/* Encodes a header value with non-ASCII text as RFC 2047 base64 UTF-8. */
static void header_word(buf_t *out, const char *s)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    buf_puts(out, "=?UTF-8?B?");
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned char)s[i] << 16 | (i + 1 < n ? (unsigned char)s[i + 1] << 8 : 0) |
                     (i + 2 < n ? (unsigned char)s[i + 2] : 0);
        buf_putc(out, b64[v >> 18 & 63]);
        buf_putc(out, b64[v >> 12 & 63]);
        buf_putc(out, i + 1 < n ? b64[v >> 6 & 63] : '=');
        buf_putc(out, i + 2 < n ? b64[v & 63] : '=');
    }
    buf_puts(out, "?=");
}

static bool send_mail(const char *url, const char *from, const char *to, const char *subject, const char *body,
                      char *error, size_t size)
{
    buf_t msg = BUF_INIT;
    buf_printf(&msg, "From: Samverkan <%s>\r\nTo: <%s>\r\nSubject: ", from, to);
    header_word(&msg, subject);
    buf_puts(&msg, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                   "Content-Transfer-Encoding: 8bit\r\n\r\n");
    buf_puts(&msg, body);
    CURL *curl = curl_easy_init();
    char to_addr[320];
    snprintf(to_addr, sizeof to_addr, "<%s>", to);
    struct curl_slist *rcpt = curl_slist_append(NULL, to_addr);
    mail_body_t up = {msg.data, msg.len, 0};
    char from_addr[320];
    snprintf(from_addr, sizeof from_addr, "<%s>", from);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from_addr);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &up);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform(curl);
    if (rc != CURLE_OK)
        snprintf(error, size, "%s", curl_easy_strerror(rc));
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    buf_free(&msg);
    return rc == CURLE_OK;
}

int deadlines_send_outbox(db_t *db, const char *smtp_url, const char *from)
{
    if (!smtp_url || !*smtp_url || !from || !*from)
        return 0;
    arena_t a = ARENA_INIT;
    db_stmt_t *st = db_prepare(db, "SELECT id, recipient, subject, body FROM outbox WHERE sent_at IS NULL AND attempts < 5"
                                   " ORDER BY id LIMIT 200");
    int64_t ids[200];
    const char *to[200], *subject[200], *body[200];
    size_t n = 0;
    while (db_step(st) == DB_ROW && n < 200) {
        ids[n] = db_col_int(st, 0);
        to[n] = arena_strdup(&a, db_col_text(st, 1));
        subject[n] = arena_strdup(&a, db_col_text(st, 2));
        body[n++] = arena_strdup(&a, db_col_text(st, 3));
    }
    db_done(st);
    int sent = 0;
    for (size_t i = 0; i < n; i++) {
        char error[256] = "";
        /* Claim the row first, so two processes never send the same reminder. */
        int64_t now = (int64_t)time(NULL);
        if (!db_run_int(db, 0, "UPDATE outbox SET attempts = attempts + 1, claimed_at = ? WHERE id = ? AND sent_at IS NULL"
                               " AND (claimed_at IS NULL OR claimed_at < ?) RETURNING id",
                        "iii", now, ids[i], now - 300))
            continue;
        bool ok = send_mail(smtp_url, from, to[i], subject[i], body[i], error, sizeof error);
        if (ok) {
            db_run(db, "UPDATE outbox SET sent_at = ?, last_error = NULL WHERE id = ?", "ii", (int64_t)time(NULL), ids[i]);
            sent++;
        } else {
            db_run(db, "UPDATE outbox SET last_error = ? WHERE id = ?", "ti", error, ids[i]);
        }
    }
    arena_free(&a);
    return sent;
}

size_t deadlines_keep_overdue(db_t *db, case_row_t *cases, size_t n, const char *today)
{
    deadline_rules_t r;
    deadlines_rules(db, &r);
    arena_t a = ARENA_INIT;
    due_item_t items[MAX_ITEMS_PER_CASE];
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = case_items(db, &cases[i], &r, today, &a, items, MAX_ITEMS_PER_CASE);
        bool late = false;
        for (size_t j = 0; j < k && !late; j++)
            late = items[j].overdue;
        if (late)
            cases[kept++] = cases[i];
    }
    arena_free(&a);
    return kept;
}
