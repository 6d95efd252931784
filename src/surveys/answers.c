/* answers.c — a questionnaire opened for answers: invitations by personal link grouped by
 * respondent group and organiser, answers saved as the respondent goes and submitted,
 * the link to the answers cut at submission in an anonymous survey, reminders to those
 * who have not answered, and the response rates per group (surveys.h). */
#include "surveys.h"
#include "../access/access.h"
#include "../base/vec.h"
#include "../db/outbox.h"
#include "../http/session.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t now(void) { return (int64_t)time(NULL); }

bool surveys_open(db_t *db, const viewer_t *v, const survey_t *s, arena_t *a, char **err)
{
    if (!access_may(v, CAP_SURVEY_BUILD) || strcmp(s->state, "draft") != 0 || s->items == 0) {
        *err = arena_strdup(a, s->items ? "Enkäten är redan öppnad." : "Lägg till minst en fråga innan enkäten öppnas.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run_int(db, 0, "UPDATE surveys SET state = 'open' WHERE id = ? AND state = 'draft' RETURNING 1", "i",
                         s->id) == 1 &&
              tx_audit(db, v, "survey:open", "survey", s->id, json_object());
    return tx_finish(db, ok, a, err);
}

typedef struct invitee {
    const char *email, *group, *orgnr;
    int64_t organiser_id;
} invitee_t;

/* The respondent groups' keys, read once for a whole list. */
static bool group_known(const char *const *keys, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i], key) == 0)
            return true;
    return false;
}

/* An organisation number's organiser: looked up once, later lines with it reuse it. */
static int64_t organiser_of(db_t *db, const invitee_t *earlier, size_t n, const char *orgnr)
{
    for (size_t i = 0; i < n; i++)
        if (earlier[i].orgnr && strcmp(earlier[i].orgnr, orgnr) == 0)
            return earlier[i].organiser_id;
    return db_run_int(db, 0, "SELECT id FROM organisers WHERE orgnr = ?", "t", orgnr);
}

/* The lines "address;group[;organisation number]" read whole, or NULL with the first
 * bad line named. */
static invitee_t *read_invitees(db_t *db, const char *lines, arena_t *a, size_t *n, char **err)
{
    const char **groups = NULL;
    size_t ngroups = 0, gcap = 0;
    db_stmt_t *st = db_prepare(db, "SELECT key FROM survey_groups");
    while (db_step(st) == DB_ROW)
        *ARENA_PUSH(a, groups, ngroups, gcap) = db_col_str(st, 0, a);
    db_done(st);
    invitee_t *to = NULL;
    size_t cap = 0, line = 0;
    *n = 0;
    char *copy = arena_strdup(a, lines ? lines : ""), *save = NULL;
    for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        line++;
        size_t len = strlen(l);
        while (len && (l[len - 1] == '\r' || l[len - 1] == ' '))
            l[--len] = 0;
        if (!len)
            continue;
        char *f[3] = {l, NULL, NULL};
        for (int k = 1; k < 3; k++) {
            char *semi = f[k - 1] ? strchr(f[k - 1], ';') : NULL;
            if (semi) {
                *semi = 0;
                f[k] = semi + 1;
            }
        }
        if (!strchr(f[0], '@') || !f[1]) {
            *err = arena_printf(a, "Rad %zu: skriv adress;grupp, till exempel anna@skola.se;principal. Ingen bjöds in.",
                                line);
            return NULL;
        }
        if (!group_known(groups, ngroups, f[1])) {
            *err = arena_printf(a, "Rad %zu: gruppen \"%s\" finns inte. Ingen bjöds in.", line, f[1]);
            return NULL;
        }
        const char *orgnr = f[2] && *f[2] ? f[2] : NULL;
        int64_t org = orgnr ? organiser_of(db, to, *n, orgnr) : 0;
        if (orgnr && !org) {
            *err = arena_printf(a, "Rad %zu: huvudmannen %s finns inte i registret. Ingen bjöds in.", line, orgnr);
            return NULL;
        }
        *ARENA_PUSH(a, to, *n, cap) = (invitee_t){f[0], f[1], orgnr, org};
    }
    if (!*n)
        *err = arena_strdup(a, "Skriv en person per rad.");
    return *n ? to : NULL;
}

/* Invites the people read, each with a personal link through the outbox, inside the
 * caller's transaction; returns how many were new, or -1. */
static int invite_all(db_t *db, const viewer_t *v, const survey_t *s, const invitee_t *to, size_t n,
                      const char *base_url, arena_t *a, char **err)
{
    int added = 0;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        const char *raw = session_random_hex(a);
        char hash[65];
        session_hash(raw, hash);
        int64_t id = db_run_int(db, 0, "INSERT INTO survey_invitations (survey_id, token_hash, email, group_key,"
                                       " organiser_id, invited_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (survey_id, email)"
                                       " DO NOTHING RETURNING id", "ittt" "zi", s->id, hash, to[i].email, to[i].group,
                                to[i].organiser_id, now());
        ok = db_failure(db) == DB_FAIL_NONE;
        if (!id || !ok)
            continue;
        added++;
        const char *body = arena_printf(a, "Du är inbjuden att svara på %s %d.\n\n%s\n\nSvara med din personliga länk "
                                           "(du kan spara och fortsätta senare med samma länk):\n%s/enkat/%s\n%s",
                                        s->title, s->year, s->intro, base_url, raw,
                                        s->anonymous ? "\nEnkäten är anonym: när du har skickat in dina svar kopplas de "
                                                       "inte längre till dig.\n" : "");
        ok = outbox_queue(db, arena_printf(a, "survey:%lld:%s", (long long)s->id, to[i].email), 0, to[i].email,
                          arena_printf(a, "Enkät: %s %d", s->title, s->year), body);
    }
    ok = ok && tx_audit(db, v, "survey:invite", "survey", s->id, json_pack("{s:i}", "invited", added));
    if (!ok) {
        *err = arena_strdup(a, "Inbjudningarna kunde inte sparas. Försök igen.");
        return -1;
    }
    return added;
}

/* Who may invite, to which survey: the analysts, to an open one. */
static bool may_invite(const viewer_t *v, const survey_t *s, arena_t *a, char **err)
{
    if (access_may(v, CAP_SURVEY_BUILD) && strcmp(s->state, "open") == 0)
        return true;
    *err = arena_strdup(a, "Öppna enkäten innan inbjudningarna skickas.");
    return false;
}

int surveys_invite_within(db_t *db, const viewer_t *v, const survey_t *s, const char *lines, const char *base_url,
                          arena_t *a, char **err)
{
    size_t n;
    invitee_t *to = may_invite(v, s, a, err) ? read_invitees(db, lines, a, &n, err) : NULL;
    return to ? invite_all(db, v, s, to, n, base_url, a, err) : -1;
}

int surveys_invite(db_t *db, const viewer_t *v, const survey_t *s, const char *lines, const char *base_url, arena_t *a,
                   char **err)
{
    size_t n;
    /* Read before the transaction: a bad line writes nothing and takes no lock. */
    invitee_t *to = may_invite(v, s, a, err) ? read_invitees(db, lines, a, &n, err) : NULL;
    if (!to || !tx_begin(db, a, err))
        return -1;
    int added = invite_all(db, v, s, to, n, base_url, a, err);
    return tx_finish(db, added >= 0, a, err) ? added : -1;
}

int surveys_remind(db_t *db, const viewer_t *v, const survey_t *s, const char *base_url, arena_t *a, char **err)
{
    if (!access_may(v, CAP_SURVEY_BUILD) || strcmp(s->state, "open") != 0) {
        *err = arena_strdup(a, "Bara en öppen enkät får påminnelser.");
        return -1;
    }
    db_stmt_t *st = db_prepare(db, "SELECT id, email FROM survey_invitations WHERE survey_id = ? AND state <> 'complete'");
    db_bind_int(st, 1, s->id);
    int64_t *ids = NULL;
    const char **emails = NULL;
    size_t n = 0, cap = 0, cap2 = 0, n2 = 0;
    while (db_step(st) == DB_ROW) {
        *ARENA_PUSH(a, ids, n, cap) = db_col_int(st, 0);
        *ARENA_PUSH(a, emails, n2, cap2) = db_col_str(st, 1, a);
    }
    db_done(st);
    if (!tx_begin(db, a, err))
        return -1;
    /* The link itself is not kept (only its hash): the reminder points to the first message. */
    bool ok = true;
    int64_t day = now() / 86400;
    for (size_t i = 0; i < n && ok; i++)
        ok = outbox_queue(db, arena_printf(a, "survey-remind:%lld:%lld:%s", (long long)s->id, (long long)day, emails[i]), 0,
                          emails[i], arena_printf(a, "Påminnelse: %s %d", s->title, s->year),
                          arena_printf(a, "Vi har ännu inte fått dina svar på %s %d. Använd länken i inbjudan för att "
                                          "svara; det du redan sparat finns kvar.\n(%s)\n", s->title, s->year, base_url));
    ok = ok && tx_audit(db, v, "survey:remind", "survey", s->id, json_pack("{s:I}", "reminded", (json_int_t)n));
    return tx_finish(db, ok, a, err) ? (int)n : -1;
}

size_t surveys_rates(db_t *db, const survey_t *s, int64_t organiser_id, arena_t *a, survey_group_rate_t **out,
                     int *invited, int *complete, bool *total_shown)
{
    db_stmt_t *st = db_prepare(db, "SELECT g.key, g.label, (SELECT COUNT(*) FROM survey_invitations i WHERE i.survey_id = ?"
                                   " AND i.group_key = g.key AND (? = 0 OR i.organiser_id = ?)), (SELECT COUNT(*) FROM"
                                   " survey_responses r WHERE r.survey_id = ? AND r.group_key = g.key AND r.complete = 1"
                                   " AND (? = 0 OR r.organiser_id = ?)) FROM survey_groups g ORDER BY g.position");
    db_bind_int(st, 1, s->id);
    db_bind_int(st, 2, organiser_id);
    db_bind_int(st, 3, organiser_id);
    db_bind_int(st, 4, s->id);
    db_bind_int(st, 5, organiser_id);
    db_bind_int(st, 6, organiser_id);
    size_t n = 0, cap = 0;
    *out = NULL;
    *invited = *complete = 0;
    while (db_step(st) == DB_ROW) {
        survey_group_rate_t *g = ARENA_PUSH(a, *out, n, cap);
        g->key = db_col_str(st, 0, a);
        g->label = db_col_str(st, 1, a);
        g->invited = (int)db_col_int(st, 2);
        g->complete = (int)db_col_int(st, 3);
        *invited += g->invited;
        *complete += g->complete;
    }
    db_done(st);
    int *answers = arena_alloc(a, (n ? n : 1) * sizeof *answers);
    bool *hidden = arena_alloc(a, (n ? n : 1) * sizeof *hidden);
    for (size_t i = 0; i < n; i++)
        answers[i] = (*out)[i].complete;
    *total_shown = survey_suppress(answers, n, true, SURVEY_MIN_GROUP, hidden);
    for (size_t i = 0; i < n; i++)
        (*out)[i].hidden = hidden[i];
    return n;
}

survey_link_t *surveys_link(db_t *db, const char *token, arena_t *a)
{
    if (!token || strlen(token) < 32)
        return NULL;
    char hash[65];
    session_hash(token, hash);
    db_stmt_t *st = db_prepare(db, "SELECT i.id, COALESCE(i.response_id, 0), i.state, i.group_key, s.id, s.title, s.year,"
                                   " s.anonymous, s.intro, s.state FROM survey_invitations i JOIN surveys s"
                                   " ON s.id = i.survey_id WHERE i.token_hash = ? AND s.state = 'open'");
    db_bind_text(st, 1, hash);
    survey_link_t *l = NULL;
    if (db_step(st) == DB_ROW) {
        l = arena_alloc(a, sizeof *l);
        memset(l, 0, sizeof *l);
        l->invitation_id = db_col_int(st, 0);
        l->response_id = db_col_int(st, 1);
        l->state = db_col_str(st, 2, a);
        l->group_key = db_col_str(st, 3, a);
        l->survey.id = db_col_int(st, 4);
        l->survey.title = db_col_str(st, 5, a);
        l->survey.year = (int)db_col_int(st, 6);
        l->survey.anonymous = db_col_int(st, 7) != 0;
        l->survey.intro = db_col_str(st, 8, a);
        l->survey.state = db_col_str(st, 9, a);
    }
    db_done(st);
    if (!l)
        return NULL;
    l->nitems = surveys_items(db, &l->survey, a, &l->items);
    l->values = arena_alloc(a, (l->nitems ? l->nitems : 1) * sizeof *l->values);
    for (size_t i = 0; i < l->nitems; i++)
        l->values[i] = "";
    if (l->response_id) {
        st = db_prepare(db, "SELECT item_id, value FROM survey_answers WHERE response_id = ?");
        db_bind_int(st, 1, l->response_id);
        while (db_step(st) == DB_ROW)
            for (size_t i = 0; i < l->nitems; i++)
                if (l->items[i].id == db_col_int(st, 0))
                    l->values[i] = db_col_str(st, 1, a);
        db_done(st);
    }
    return l;
}

/* A value that is no answer to its question: the message, else NULL. */
static const char *bad_value(const survey_item_t *it, const char *v, arena_t *a)
{
    if (!*v)
        return NULL;
    if (strcmp(it->q.kind, "number") == 0) {
        char *end;
        long x = strtol(v, &end, 10);
        if (*end || x < it->q.min || x > it->q.max)
            return arena_printf(a, "Svara med ett heltal från %d till %d.", it->q.min, it->q.max);
    }
    if (strcmp(it->q.kind, "single") == 0 || strcmp(it->q.kind, "multiple") == 0) {
        const char **options;
        int n = (int)survey_options(&it->q, a, &options), chosen[SURVEY_MAX_CHOSEN];
        int k = survey_choices(v, chosen, SURVEY_MAX_CHOSEN);
        bool ok = k > 0 && (k == 1 || strcmp(it->q.kind, "multiple") == 0);
        for (int i = 0; ok && i < k; i++)
            ok = chosen[i] <= n;
        return ok ? NULL : "Välj bland svarsalternativen.";
    }
    if (strcmp(it->q.kind, "likert") == 0) {
        for (int k = 0; survey_likert[k]; k++)
            if (strcmp(v, survey_likert[k]) == 0)
                return NULL;
        return "Välj ett av svarsalternativen.";
    }
    return NULL;
}

bool surveys_close(db_t *db, const viewer_t *v, const survey_t *s, arena_t *a, char **err)
{
    if (!access_may(v, CAP_SURVEY_BUILD) || strcmp(s->state, "open") != 0) {
        *err = arena_strdup(a, "Bara en öppen enkät kan stängas.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run_int(db, 0, "UPDATE surveys SET state = 'closed' WHERE id = ? AND state = 'open' RETURNING 1", "i",
                         s->id) == 1 &&
              tx_audit(db, v, "survey:close", "survey", s->id, json_object());
    return tx_finish(db, ok, a, err);
}

bool surveys_answer(db_t *db, const survey_link_t *l, const char *const *values, bool submit, arena_t *a,
                    size_t *bad_item, char **err)
{
    if (strcmp(l->state, "complete") == 0) {
        *err = arena_strdup(a, "Svaren är redan inskickade.");
        return false;
    }
    const char *why = NULL;
    for (size_t i = 0; i < l->nitems && !why; i++) {
        why = bad_value(&l->items[i], values[i], a);
        if (!why && submit && l->items[i].required && !*values[i])
            why = "Frågan behöver ett svar.";
        if (why)
            *bad_item = i;
    }
    /* What was typed is kept even when it cannot be submitted yet (a bad number is not). */
    if (!tx_begin(db, a, err))
        return false;
    int64_t response = l->response_id;
    bool ok = true;
    if (!response) {
        response = db_run_int(db, 0, "INSERT INTO survey_responses (survey_id, group_key, organiser_id, started_at)"
                                     " SELECT survey_id, group_key, organiser_id, ? FROM survey_invitations WHERE id = ?"
                                     " RETURNING id", "ii", now(), l->invitation_id);
        ok = response && db_run(db, "UPDATE survey_invitations SET response_id = ?, state = 'started' WHERE id = ?", "ii",
                                response, l->invitation_id) == DB_DONE;
    }
    for (size_t i = 0; i < l->nitems && ok; i++) {
        if (bad_value(&l->items[i], values[i], a))
            continue;
        ok = db_run(db, "INSERT INTO survey_answers (response_id, item_id, value) VALUES (?, ?, ?) ON CONFLICT"
                        " (response_id, item_id) DO UPDATE SET value = excluded.value", "iit", response, l->items[i].id,
                    values[i]) == DB_DONE;
    }
    bool done = ok && submit && !why;
    if (done)
        /* Anonymous: the invitation no longer leads to the answers once they are in. */
        ok = db_run(db, "UPDATE survey_responses SET complete = 1, submitted_at = ? WHERE id = ?", "ii", now(),
                    response) == DB_DONE &&
             (l->survey.anonymous
                  ? db_run(db, "UPDATE survey_invitations SET state = 'complete', response_id = NULL WHERE id = ?", "i",
                           l->invitation_id)
                  : db_run(db, "UPDATE survey_invitations SET state = 'complete' WHERE id = ?", "i", l->invitation_id)) ==
                 DB_DONE;
    if (!tx_finish(db, ok, a, err))
        return false;
    if (why) {
        *err = arena_strdup(a, why);
        return false;
    }
    return true;
}
