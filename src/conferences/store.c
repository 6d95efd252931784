/* store.c — the conferences for the agency: reads with their counts, creation,
 * invitations by personal link, attendance, and forgetting the personal data once they
 * are past keeping (conferences.h). */
#include "conferences.h"
#include "../access/access.h"
#include "../base/buf.h"
#include "../base/date.h"
#include "../base/vec.h"
#include "../db/outbox.h"
#include "../http/session.h"
#include "../surveys/surveys.h"
#include <jansson.h>
#include <string.h>
#include <time.h>

static int64_t now(void) { return (int64_t)time(NULL); }

#define CONFERENCE_COLUMNS "c.id, COALESCE(c.round_id, 0), c.kind, c.title, c.held_on, c.place, c.programme," \
    " c.capacity, c.keep_days, (SELECT COUNT(*) FROM conference_invitations i WHERE i.conference_id = c.id)," \
    " (SELECT COUNT(*) FROM conference_registrations r WHERE r.conference_id = c.id AND r.status = 'registered')," \
    " (SELECT COUNT(*) FROM conference_registrations r WHERE r.conference_id = c.id AND r.status = 'waiting')," \
    " (SELECT COUNT(*) FROM conference_registrations r WHERE r.conference_id = c.id AND r.attended = 1)," \
    " COALESCE(c.evaluation_survey_id, 0), c.evaluation_sent"

static size_t read_conferences(db_stmt_t *st, arena_t *a, conference_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        conference_t *c = ARENA_PUSH(a, *out, n, cap);
        c->id = db_col_int(st, 0);
        c->round_id = db_col_int(st, 1);
        c->kind = db_col_str(st, 2, a);
        c->title = db_col_str(st, 3, a);
        c->held_on = db_col_str(st, 4, a);
        c->place = db_col_str(st, 5, a);
        c->programme = db_col_str(st, 6, a);
        c->capacity = (int)db_col_int(st, 7);
        c->keep_days = (int)db_col_int(st, 8);
        c->invited = (int)db_col_int(st, 9);
        c->registered = (int)db_col_int(st, 10);
        c->waiting = (int)db_col_int(st, 11);
        c->attended = (int)db_col_int(st, 12);
        c->evaluation_survey_id = db_col_int(st, 13);
        c->evaluation_sent = (int)db_col_int(st, 14);
    }
    db_done(st);
    return n;
}

size_t conferences_list(db_t *db, const viewer_t *v, arena_t *a, conference_t **out)
{
    *out = NULL;
    if (!access_may(v, CAP_CONFERENCE_READ))
        return 0;
    db_stmt_t *st = db_prepare(db, "SELECT " CONFERENCE_COLUMNS " FROM conferences c ORDER BY c.held_on DESC, c.id");
    return read_conferences(st, a, out);
}

conference_t *conferences_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a)
{
    if (!access_may(v, CAP_CONFERENCE_READ))
        return NULL;
    db_stmt_t *st = db_prepare(db, "SELECT " CONFERENCE_COLUMNS " FROM conferences c WHERE c.id = ?");
    db_bind_int(st, 1, id);
    conference_t *c;
    return read_conferences(st, a, &c) == 1 ? c : NULL;
}

size_t conferences_registrations(db_t *db, const conference_t *c, arena_t *a, registration_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT r.id, r.organiser_id, o.name, r.name, r.email, r.role, r.needs, r.status,"
                                   " r.attended, r.anonymised FROM conference_registrations r JOIN organisers o"
                                   " ON o.id = r.organiser_id WHERE r.conference_id = ?"
                                   " ORDER BY CASE r.status WHEN 'registered' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END,"
                                   " r.registered_at, r.id");
    db_bind_int(st, 1, c->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        registration_t *r = ARENA_PUSH(a, *out, n, cap);
        r->id = db_col_int(st, 0);
        r->organiser_id = db_col_int(st, 1);
        r->organiser = db_col_str(st, 2, a);
        r->name = db_col_str(st, 3, a);
        r->email = db_col_str(st, 4, a);
        r->role = db_col_str(st, 5, a);
        r->needs = db_col_str(st, 6, a);
        r->status = db_col_str(st, 7, a);
        r->attended = db_col_int(st, 8) != 0;
        r->anonymised = db_col_int(st, 9) != 0;
    }
    db_done(st);
    return n;
}

static size_t read_counts(db_stmt_t *st, bool roles, arena_t *a, conference_count_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        conference_count_t *x = ARENA_PUSH(a, *out, n, cap);
        x->key = db_col_str(st, 0, a);
        x->label = roles ? conference_role_label(x->key) : x->key;
        x->registered = (int)db_col_int(st, 1);
        x->attended = (int)db_col_int(st, 2);
    }
    db_done(st);
    return n;
}

size_t conferences_by_role(db_t *db, const conference_t *c, arena_t *a, conference_count_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT role, SUM(CASE WHEN status = 'registered' THEN 1 ELSE 0 END), SUM(attended)"
                                   " FROM conference_registrations WHERE conference_id = ? GROUP BY role ORDER BY role");
    db_bind_int(st, 1, c->id);
    return read_counts(st, true, a, out);
}

size_t conferences_by_organiser(db_t *db, const conference_t *c, arena_t *a, conference_count_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT o.name, SUM(CASE WHEN r.status = 'registered' THEN 1 ELSE 0 END),"
                                   " SUM(r.attended) FROM conference_registrations r JOIN organisers o"
                                   " ON o.id = r.organiser_id WHERE r.conference_id = ? GROUP BY o.name ORDER BY o.name");
    db_bind_int(st, 1, c->id);
    return read_counts(st, false, a, out);
}

static bool one_of(const char *const *keys, const char *s)
{
    for (int i = 0; keys[i]; i++)
        if (s && strcmp(s, keys[i]) == 0)
            return true;
    return false;
}

int64_t conferences_create(db_t *db, const viewer_t *v, const conference_input_t *in, arena_t *a, const char **field,
                           char **err)
{
    long days;
    *field = NULL;
    if (!access_may(v, CAP_CONFERENCE_KEEP)) {
        *err = arena_strdup(a, "Konferenserna hålls av Skolverket.");
        return 0;
    }
    const char *bad = !one_of(conference_kind_keys, in->kind) ? "kind"
                      : !in->title || !*in->title                                                   ? "title"
                      : !in->held_on || strlen(in->held_on) != 10 || !date_to_days(in->held_on, &days) ? "held_on"
                      : in->capacity < 1                                                             ? "capacity"
                      : in->keep_days < 0                                                            ? "keep_days"
                                                                                                     : NULL;
    if (bad) {
        *field = bad;
        *err = arena_strdup(a, "Fyll i fältet.");
        return 0;
    }
    if (!tx_begin(db, a, err))
        return 0;
    int64_t id = db_run_int(db, 0, "INSERT INTO conferences (kind, title, held_on, place, programme, capacity, keep_days,"
                                   " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            "tttttiiti", in->kind, in->title, in->held_on, in->place ? in->place : "",
                            in->programme ? in->programme : "", (int64_t)in->capacity, (int64_t)in->keep_days,
                            v->name ? v->name : v->email, now());
    bool ok = id && tx_audit(db, v, "conference:create", "conference", id,
                             json_pack("{s:s, s:s, s:s}", "kind", in->kind, "title", in->title, "held_on", in->held_on));
    return tx_finish(db, ok, a, err) ? id : 0;
}

typedef struct recipient {
    int64_t organiser_id;
    const char *email;
} recipient_t;

static void read_recipients(db_stmt_t *st, arena_t *a, recipient_t **out, size_t *n, size_t *cap)
{
    while (db_step(st) == DB_ROW) {
        recipient_t *r = ARENA_PUSH(a, *out, *n, *cap);
        r->organiser_id = db_col_int(st, 0);
        r->email = db_col_str(st, 1, a);
    }
    db_done(st);
}

int conferences_invite(db_t *db, const viewer_t *v, const conference_t *c, int64_t round_id, const int64_t *cases,
                       size_t ncases, const char *base_url, arena_t *a, char **err)
{
    if (!access_may(v, CAP_CONFERENCE_KEEP)) {
        *err = arena_strdup(a, "Konferenserna hålls av Skolverket.");
        return -1;
    }
    recipient_t *to = NULL;
    size_t n = 0, cap = 0;
    if (round_id) {
        db_stmt_t *st = db_prepare(db, "SELECT u.organiser_id, u.email FROM users u JOIN offers f"
                                       " ON f.organiser_id = u.organiser_id WHERE f.round_id = ? AND u.role = 'organiser'"
                                       " AND u.active = 1 UNION SELECT c.organiser_id, p.email FROM case_people p JOIN"
                                       " cases c ON c.id = p.case_id WHERE c.round_id = ? AND p.role = 'contact'"
                                       " AND p.email <> '' ORDER BY 1, 2");
        db_bind_int(st, 1, round_id);
        db_bind_int(st, 2, round_id);
        read_recipients(st, a, &to, &n, &cap);
    }
    for (size_t k = 0; k < ncases; k++) {
        db_stmt_t *st = db_prepare(db, "SELECT u.organiser_id, u.email FROM users u JOIN cases c"
                                       " ON c.organiser_id = u.organiser_id WHERE c.id = ? AND u.role = 'organiser'"
                                       " AND u.active = 1 UNION SELECT c.organiser_id, p.email FROM case_people p JOIN"
                                       " cases c ON c.id = p.case_id WHERE c.id = ? AND p.role = 'contact'"
                                       " AND p.email <> '' ORDER BY 1, 2");
        db_bind_int(st, 1, cases[k]);
        db_bind_int(st, 2, cases[k]);
        read_recipients(st, a, &to, &n, &cap);
    }
    if (!n) {
        *err = arena_strdup(a, "Det finns ingen att bjuda in: inga huvudmän med användare eller kontaktpersoner.");
        return -1;
    }
    if (!tx_begin(db, a, err))
        return -1;
    int added = 0;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        const char *raw = session_random_hex(a);
        char hash[65];
        session_hash(raw, hash);
        int64_t id = db_run_int(db, 0, "INSERT INTO conference_invitations (conference_id, organiser_id, email, token_hash,"
                                       " created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (conference_id, email) DO NOTHING"
                                       " RETURNING id", "iitti", c->id, to[i].organiser_id, to[i].email, hash, now());
        ok = db_failure(db) == DB_FAIL_NONE;
        if (!id || !ok)
            continue; /* invited before */
        added++;
        const char *body = arena_printf(a, "Välkommen till %s: %s, %s%s%s.\n\nAnmäl dig med din personliga länk (den är "
                                           "bara din; med den kan du också se och ändra din anmälan):\n%s/anmalan/%s\n\n"
                                           "%s\n\nSkolverket, Samverkan för bästa skola\n",
                                        conference_kind_label(c->kind), c->title, c->held_on, *c->place ? ", " : "",
                                        c->place, base_url, raw, c->programme);
        ok = outbox_queue(db, arena_printf(a, "conference:%lld:%s", (long long)c->id, to[i].email), 0, to[i].email,
                          arena_printf(a, "Inbjudan: %s %s", c->title, c->held_on), body);
    }
    ok = ok && tx_audit(db, v, "conference:invite", "conference", c->id,
                        json_pack("{s:I, s:I, s:i}", "round", (json_int_t)round_id, "cases", (json_int_t)ncases,
                                  "invited", added));
    return tx_finish(db, ok, a, err) ? added : -1;
}

bool conferences_mark(db_t *db, const viewer_t *v, const conference_t *c, const int64_t *attended, size_t n, arena_t *a,
                      char **err)
{
    if (!access_may(v, CAP_CONFERENCE_KEEP)) {
        *err = arena_strdup(a, "Konferenserna hålls av Skolverket.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run(db, "UPDATE conference_registrations SET attended = 0 WHERE conference_id = ?", "i", c->id) == DB_DONE;
    for (size_t i = 0; ok && i < n; i++)
        ok = db_run(db, "UPDATE conference_registrations SET attended = 1 WHERE id = ? AND conference_id = ?"
                        " AND status = 'registered'", "ii", attended[i], c->id) == DB_DONE;
    ok = ok && tx_audit(db, v, "conference:attendance", "conference", c->id,
                        json_pack("{s:I}", "attended", (json_int_t)n));
    return tx_finish(db, ok, a, err);
}

int conferences_evaluate(db_t *db, const viewer_t *v, const conference_t *c, const survey_t *s, const char *base_url,
                         arena_t *a, char **err)
{
    if (!access_may(v, CAP_CONFERENCE_KEEP) || !access_may(v, CAP_SURVEY_BUILD)) {
        *err = arena_strdup(a, "Utvärderingen skickas av Skolverkets analytiker.");
        return -1;
    }
    /* Those who came and left an address, each as "address;role;organisation number": a
     * role is also a respondent group. */
    db_stmt_t *st = db_prepare(db, "SELECT r.email, r.role, o.orgnr FROM conference_registrations r JOIN organisers o"
                                   " ON o.id = r.organiser_id WHERE r.conference_id = ? AND r.attended = 1"
                                   " AND r.anonymised = 0 AND r.email <> '' ORDER BY r.id");
    db_bind_int(st, 1, c->id);
    buf_t lines = BUF_INIT;
    while (db_step(st) == DB_ROW)
        buf_printf(&lines, "%s;%s;%s\n", db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2));
    db_done(st);
    const char *people = arena_strdup(a, buf_cstr(&lines));
    buf_free(&lines);
    if (!*people) {
        *err = arena_strdup(a, "Ingen som deltog har lämnat en e-postadress. Markera närvaron först.");
        return -1;
    }
    if (!tx_begin(db, a, err))
        return -1;
    int sent = surveys_invite_within(db, v, s, people, base_url, a, err);
    bool ok = sent >= 0 &&
              db_run(db, "UPDATE conferences SET evaluation_survey_id = ?, evaluation_sent = evaluation_sent + ?"
                         " WHERE id = ?", "iii", s->id, (int64_t)sent, c->id) == DB_DONE &&
              tx_audit(db, v, "conference:evaluation", "conference", c->id,
                       json_pack("{s:I, s:i}", "survey", (json_int_t)s->id, "sent", sent));
    return tx_finish(db, ok, a, err) ? sent : -1;
}

int conferences_forget(db_t *db, const char *today)
{
    arena_t a = ARENA_INIT;
    db_stmt_t *st = db_prepare(db, "SELECT DISTINCT c.id, c.held_on, c.keep_days FROM conferences c JOIN"
                                   " conference_registrations r ON r.conference_id = c.id WHERE r.anonymised = 0");
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    while (db_step(st) == DB_ROW)
        if (conference_past_keeping(db_col_text(st, 1), (int)db_col_int(st, 2), today))
            *ARENA_PUSH(&a, ids, n, cap) = db_col_int(st, 0);
    db_done(st);
    int forgotten = 0;
    char *err = NULL;
    if (n && tx_begin(db, &a, &err)) {
        bool ok = true;
        for (size_t i = 0; i < n && ok; i++) {
            ok = db_run(db, "UPDATE conference_registrations SET name = '', email = '', needs = '', anonymised = 1"
                            " WHERE conference_id = ? AND anonymised = 0", "i", ids[i]) == DB_DONE &&
                 db_run(db, "UPDATE conference_invitations SET email = 'borttagen-' || CAST(id AS TEXT)"
                            " WHERE conference_id = ?", "i", ids[i]) == DB_DONE;
            forgotten += ok;
        }
        if (!tx_finish(db, ok, &a, &err))
            forgotten = 0;
    }
    arena_free(&a);
    return forgotten;
}
