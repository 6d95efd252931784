/* offers.c — the analyst's choices in a round, the decision that turns them into one
 * offer per organiser, supplementary decisions, and the organisers' answers. An offer
 * is read only by the agency and by the organiser it is made to. */
#include "rounds.h"
#include "../access/access.h"
#include "../base/vec.h"
#include "../db/tx.h"
#include "../base/validate.h"
#include "../base/date.h"
#include "../db/outbox.h"
#include "../db/audit.h"
#include "../register/register.h"
#include "../cases/cases.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

size_t rounds_choices(db_t *db, int64_t id, arena_t *a, round_choice_t **out)
{
    size_t n = 0, cap = 16;
    *out = arena_alloc(a, cap * sizeof **out);
    db_stmt_t *st = db_prepare(db, "SELECT c.id, c.unit_id, c.organiser_id, u.code, u.name, o.name, o.orgnr,"
                                   " c.school_forms, c.ranking, c.reason, c.decision, c.decision_date, c.chosen_by,"
                                   " c.public_reason FROM round_choices c JOIN units u ON u.id = c.unit_id"
                                   " JOIN organisers o ON o.id = c.organiser_id WHERE c.round_id = ?"
                                   " ORDER BY o.name, u.name, u.code");
    db_bind_int(st, 1, id);
    while (st && db_step(st) == DB_ROW) {
        round_choice_t *c = ARENA_PUSH(a, *out, n, cap);
        c->id = db_col_int(st, 0);
        c->unit_id = db_col_int(st, 1);
        c->organiser_id = db_col_int(st, 2);
        const char **texts[] = {&c->code, &c->name, &c->organiser, &c->orgnr, &c->school_forms, &c->ranking,
                                &c->reason, &c->decision, &c->decision_date, &c->chosen_by};
        for (int k = 0; k < 10; k++)
            *texts[k] = arena_strdup(a, db_col_text(st, k + 3)); /* NULL stays NULL: no decision date yet */
        c->public_reason = arena_strdup(a, db_col_text(st, 13));
    }
    db_done(st);
    return n;
}

/* The running collaboration (of another round than this) a unit is in, or an organiser
 * is in: its organiser's name in *who and "Urval 2025-05-05, fas Nulägesanalys"; NULL
 * when there is none. */
static const char *running_case(db_t *db, int64_t round_id, int64_t unit_id, int64_t organiser_id, arena_t *a,
                                const char **who)
{
    db_stmt_t *st = db_prepare(db, "SELECT o.name, c.round_name, c.phase FROM cases c"
                                   " JOIN organisers o ON o.id = c.organiser_id"
                                   " WHERE c.phase <> 'avslutad' AND (c.round_id IS NULL OR c.round_id <> ?)"
                                   " AND (c.organiser_id = ? OR EXISTS (SELECT 1 FROM case_units cu"
                                   " WHERE cu.case_id = c.id AND cu.unit_id = ?))"
                                   " ORDER BY c.decision_date DESC LIMIT 1");
    db_bind_int(st, 1, round_id);
    db_bind_int(st, 2, organiser_id);
    db_bind_int(st, 3, unit_id);
    const char *found = NULL;
    if (db_step(st) == DB_ROW) {
        *who = arena_strdup(a, db_col_text(st, 0));
        found = arena_printf(a, "%s, fas %s", db_col_text(st, 1), case_phase_label(case_phase_from_key(db_col_text(st, 2))));
    }
    db_done(st);
    return found;
}

choose_result_t rounds_choose(db_t *db, const viewer_t *v, int64_t id, const round_choice_in_t *in, arena_t *a,
                              char **err)
{
    *err = NULL;
    const char *code = in->code, *ranking = in->ranking, *reason = in->reason;
    const char *supplementary_date = in->supplementary_date;
    if (!reason || !*reason) {
        *err = arena_strdup(a, "Skriv skälet till valet.");
        return CHOOSE_REFUSED;
    }
    if (!tx_begin(db, a, err))
        return CHOOSE_REFUSED;
    round_t *r = rounds_get(db, id, a);
    if (!r)
        return tx_fail(db, a, err, "Omgången finns inte."), CHOOSE_REFUSED;
    bool supplementary = supplementary_date && *supplementary_date;
    if (supplementary && strcmp(r->status, "decided") != 0)
        return tx_fail(db, a, err, "Tilläggsbeslut görs efter omgångens beslut."), CHOOSE_REFUSED;
    if (supplementary && (!validate_date(supplementary_date) || strcmp(supplementary_date, r->decision_date) < 0))
        return tx_fail(db, a, err, arena_printf(a, "Tilläggsbeslutet kan inte vara daterat före omgångens beslut (%s).",
                                                r->decision_date)),
               CHOOSE_REFUSED;
    if (!supplementary && strcmp(r->status, "open") != 0)
        return tx_fail(db, a, err, "Omgången är beslutad; lägg till enheter med ett tilläggsbeslut."), CHOOSE_REFUSED;
    if (!r->frozen_at)
        return tx_fail(db, a, err, "Frys underlaget innan du väljer enheter."), CHOOSE_REFUSED;
    int m = ranking_method_from_key(ranking);
    if (m >= 0) {
        /* A unit chosen from a ranking must be in the round's frozen ranking. */
        ranking_t rk;
        char *why = NULL;
        if (!rounds_ranking_in_tx(db, r, (rank_method_t)m, a, &rk, &why))
            return tx_fail(db, a, err, why), CHOOSE_REFUSED;
        if (!ranking_find(&rk, code))
            return tx_fail(db, a, err, arena_printf(a, "Enheten %s finns inte i rangordningen %s för den här omgången.",
                                                    code, ranking_method_label((rank_method_t)m))),
                   CHOOSE_REFUSED;
    } else if (!supplementary || strcmp(ranking, "dialog") != 0) {
        return tx_fail(db, a, err, "Okänd rangordning."), CHOOSE_REFUSED;
    }
    reg_unit_t *u = register_get_unit(db, v, code, a);
    if (!u)
        return tx_fail(db, a, err, arena_printf(a, "Enheten %s finns inte i registret.", code)), CHOOSE_REFUSED;
    int64_t unit_id = u->id, organiser_id = register_organiser_id(db, u->orgnr);
    /* A unit is in one running collaboration at a time; an organiser in one already is
     * offered another only when the analyst has seen that and confirms. */
    const char *who = NULL;
    const char *unit_running = running_case(db, id, unit_id, -1, a, &who);
    if (unit_running)
        return tx_fail(db, a, err, arena_printf(a, "Enheten %s ingår redan i ett pågående samarbete (%s, %s) och kan "
                                                   "inte väljas igen förrän det är avslutat.", code, who, unit_running)),
               CHOOSE_REFUSED;
    const char *org_running = running_case(db, id, -1, organiser_id, a, &who);
    if (org_running && !in->confirmed) {
        tx_fail(db, a, err, arena_printf(a, "%s är redan i ett pågående samarbete (%s). Ett nytt erbjudande kommer "
                                            "bredvid det. Bekräfta om enheten ska väljas ändå.", who, org_running));
        return CHOOSE_CONFIRM;
    }
    const char *forms = u->school_forms ? u->school_forms : "";
    int rc = db_run(db, "INSERT INTO round_choices (round_id, unit_id, organiser_id, school_forms, ranking, reason,"
                        " decision, decision_date, chosen_by, chosen_at, public_reason, confirmed_running)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "iiittttttiti", id, unit_id, organiser_id, forms, ranking, reason,
                    supplementary ? "supplementary" : "main", supplementary ? supplementary_date : r->decision_date,
                    v->email, (int64_t)time(NULL), in->public_reason ? in->public_reason : "",
                    (int64_t)(org_running != NULL));
    if (rc == DB_CONSTRAINT)
        return tx_fail(db, a, err, arena_printf(a, "Enheten %s är redan vald i omgången.", code)), CHOOSE_REFUSED;
    bool ok = rc == DB_DONE;
    /* A supplementary decision offers collaboration to an organiser not yet offered it,
     * with its own last day to answer. */
    if (ok && supplementary) {
        char answer_by[11];
        date_add_days(supplementary_date, OFFER_ANSWER_DAYS, answer_by);
        ok = db_run(db, "INSERT INTO offers (round_id, organiser_id, created_at, answer_by) VALUES (?, ?, ?, ?)"
                        " ON CONFLICT (round_id, organiser_id) DO NOTHING",
                    "iiit", id, organiser_id, (int64_t)time(NULL), answer_by) == DB_DONE &&
             cases_add_supplementary_unit(db, v, id, organiser_id, unit_id, supplementary_date);
    }
    ok = ok && tx_audit(db, v, supplementary ? "round:supplement" : "round:choose", "selection_round", id,
                        json_pack("{s:s, s:s, s:s, s:s, s:s?, s:b}", "unit", code, "ranking", ranking, "reason", reason,
                                  "public_reason", in->public_reason ? in->public_reason : "", "decision_date",
                                  supplementary ? supplementary_date : NULL, "confirmed_running", org_running != NULL));
    return tx_finish(db, ok, a, err) ? CHOOSE_OK : CHOOSE_REFUSED;
}

bool rounds_unchoose(db_t *db, const viewer_t *v, int64_t id, int64_t choice_id, arena_t *a, char **err)
{
    *err = NULL;
    if (!tx_begin(db, a, err))
        return false;
    round_t *r = rounds_get(db, id, a);
    if (!r || strcmp(r->status, "open") != 0)
        return tx_fail(db, a, err, "Valen kan bara ändras innan omgången är beslutad.");
    char *code = NULL;
    db_stmt_t *st = db_prepare(db, "SELECT u.code FROM round_choices c JOIN units u ON u.id = c.unit_id"
                                   " WHERE c.id = ? AND c.round_id = ?");
    db_bind_int(st, 1, choice_id);
    db_bind_int(st, 2, id);
    if (st && db_step(st) == DB_ROW)
        code = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    if (!code)
        return tx_fail(db, a, err, "Valet finns inte.");
    bool ok = db_run(db, "DELETE FROM round_choices WHERE id = ? AND round_id = ?", "ii", choice_id, id) == DB_DONE;
    ok = ok && tx_audit(db, v, "round:unchoose", "selection_round", id, json_pack("{s:s}", "unit", code));
    return tx_finish(db, ok, a, err);
}

bool rounds_decide(db_t *db, const viewer_t *v, int64_t id, const char *date, const char *answer_by, arena_t *a,
                   char **err)
{
    *err = NULL;
    if (!date || !validate_date(date)) {
        *err = arena_strdup(a, "Ange beslutsdatum som ÅÅÅÅ-MM-DD.");
        return false;
    }
    char dflt[11];
    if (!answer_by || !*answer_by) {
        date_add_days(date, OFFER_ANSWER_DAYS, dflt);
        answer_by = dflt;
    }
    if (!validate_date(answer_by) || strcmp(answer_by, date) < 0) {
        *err = arena_strdup(a, "Sista dag för svar ska vara ett datum (ÅÅÅÅ-MM-DD), beslutsdagen eller senare.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    round_t *r = rounds_get(db, id, a);
    if (!r || strcmp(r->status, "open") != 0)
        return tx_fail(db, a, err, "Omgången är redan beslutad.");
    if (db_run_int(db, 0, "SELECT COUNT(*) FROM round_choices WHERE round_id = ?", "i", id) == 0)
        return tx_fail(db, a, err, "Välj minst en enhet innan beslutet.");
    int64_t now = (int64_t)time(NULL);
    bool ok = db_run(db, "UPDATE selection_rounds SET status = 'decided', decision_date = ? WHERE id = ?", "ti", date,
                     id) == DB_DONE &&
              db_run(db, "UPDATE round_choices SET decision_date = ? WHERE round_id = ?", "ti", date, id) == DB_DONE &&
              db_run(db, "INSERT INTO offers (round_id, organiser_id, created_at, answer_by) SELECT DISTINCT"
                         " CAST(? AS BIGINT), organiser_id, CAST(? AS BIGINT), CAST(? AS TEXT)"
                         " FROM round_choices WHERE round_id = ?",
                     "iiti", id, now, answer_by, id) == DB_DONE;
    ok = ok && tx_audit(db, v, "round:decide", "selection_round", id,
                        json_pack("{s:s, s:s}", "decision_date", date, "answer_by", answer_by));
    return tx_finish(db, ok, a, err);
}

void rounds_counts(db_t *db, int64_t id, round_counts_t *c)
{
    memset(c, 0, sizeof *c);
    db_stmt_t *st = db_prepare(db, "SELECT status, COUNT(*) FROM offers WHERE round_id = ? GROUP BY status");
    db_bind_int(st, 1, id);
    while (st && db_step(st) == DB_ROW) {
        const char *s = db_col_text(st, 0);
        int64_t n = db_col_int(st, 1);
        c->offered += n;
        if (strcmp(s, "accepted") == 0)
            c->accepted = n;
        else if (strcmp(s, "declined") == 0)
            c->declined = n;
        else
            c->pending = n;
    }
    db_done(st);
    st = db_prepare(db, "SELECT school_forms, decision FROM round_choices WHERE round_id = ?");
    db_bind_int(st, 1, id);
    while (st && db_step(st) == DB_ROW) {
        unsigned forms = register_forms_parse(db_col_text(st, 0));
        c->units++;
        c->supplementary += strcmp(db_col_text(st, 1), "supplementary") == 0;
        for (int f = 0; f < SCHOOL_FORM_COUNT && f < 8; f++)
            if (forms & (1u << f))
                c->by_form[f]++;
    }
    db_done(st);
}

/* Agency roles read every offer; an organiser user only its own organiser's. */
#define OFFER_SCOPE ACCESS_OFFER_SCOPE
#define OFFER_COLUMNS                                                                                      \
    "f.id, f.round_id, f.organiser_id, r.name, r.decision_date, o.orgnr, o.name, f.status, f.reason,"     \
    " f.answered_by, f.answered_at, f.answer_by FROM offers f JOIN selection_rounds r ON r.id = f.round_id" \
    " JOIN organisers o ON o.id = f.organiser_id"

static void bind_offer_scope(db_stmt_t *st, const viewer_t *v)
{
    access_bind_offer(st, 1, v);
}

static void read_offer(db_stmt_t *st, arena_t *a, offer_t *f)
{
    f->id = db_col_int(st, 0);
    f->round_id = db_col_int(st, 1);
    f->organiser_id = db_col_int(st, 2);
    f->round_name = arena_strdup(a, db_col_text(st, 3));
    f->decision_date = arena_strdup(a, db_col_text(st, 4));
    f->orgnr = arena_strdup(a, db_col_text(st, 5));
    f->organiser = arena_strdup(a, db_col_text(st, 6));
    f->status = arena_strdup(a, db_col_text(st, 7));
    f->reason = arena_strdup(a, db_col_text(st, 8));
    f->answered_by = arena_strdup(a, db_col_text(st, 9));
    f->answered_at = db_col_int(st, 10);
    f->answer_by = arena_strdup(a, db_col_text(st, 11));
}

size_t offers_list(db_t *db, const viewer_t *v, int64_t round_id, arena_t *a, offer_t **out)
{
    size_t n = 0, cap = 16;
    *out = arena_alloc(a, cap * sizeof **out);
    db_stmt_t *st = db_prepare(db, "SELECT " OFFER_COLUMNS " WHERE " OFFER_SCOPE " AND (? = 0 OR f.round_id = ?)"
                                   " ORDER BY r.decision_date DESC, o.name");
    bind_offer_scope(st, v);
    db_bind_int(st, 3, round_id);
    db_bind_int(st, 4, round_id);
    while (st && db_step(st) == DB_ROW) {
        read_offer(st, a, ARENA_PUSH(a, *out, n, cap));
    }
    db_done(st);
    return n;
}

offer_t *offers_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT " OFFER_COLUMNS " WHERE " OFFER_SCOPE " AND f.id = ?");
    bind_offer_scope(st, v);
    db_bind_int(st, 3, id);
    offer_t *f = NULL;
    if (st && db_step(st) == DB_ROW) {
        f = arena_alloc(a, sizeof *f);
        read_offer(st, a, f);
    }
    db_done(st);
    return f;
}

/* The case an accepted offer starts: the round's decision and the organiser's units. */
static bool start_case(db_t *db, const viewer_t *v, const offer_t *f, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT unit_id, decision, decision_date FROM round_choices"
                                   " WHERE round_id = ? AND organiser_id = ? ORDER BY id");
    db_bind_int(st, 1, f->round_id);
    db_bind_int(st, 2, f->organiser_id);
    struct case_start_unit *units = NULL;
    size_t n = 0, cap = 0;
    while (db_step(st) == DB_ROW) {
        struct case_start_unit *u = ARENA_PUSH(a, units, n, cap);
        u->unit_id = db_col_int(st, 0);
        u->decision = arena_strdup(a, db_col_text(st, 1));
        u->decision_date = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    case_start_t s = {f->round_id, f->organiser_id, f->round_name, f->decision_date, units, n};
    return cases_start(db, v, &s, a);
}

bool offers_answer(db_t *db, const viewer_t *v, int64_t id, bool accept, const char *reason, arena_t *a, char **err)
{
    *err = NULL;
    if (!accept && (!reason || !*reason)) {
        *err = arena_strdup(a, "Skriv varför ni tackar nej.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    offer_t *f = offers_get(db, v, id, a);
    if (!f || !access_may(v, CAP_OFFER_ANSWER))
        return tx_fail(db, a, err, "Erbjudandet finns inte.");
    if (strcmp(f->status, "pending") != 0)
        return tx_fail(db, a, err, "Erbjudandet är redan besvarat.");
    int64_t now = (int64_t)time(NULL);
    bool ok = db_run(db, "UPDATE offers SET status = ?, reason = ?, answered_by = ?, answered_at = ?"
                         " WHERE id = ? AND status = 'pending'",
                     "tttii", accept ? "accepted" : "declined", reason ? reason : "", v->email, now, id) == DB_DONE;
    /* An accepted offer starts the collaboration case, with the organiser's chosen units. */
    if (ok && accept)
        ok = start_case(db, v, f, a);
    ok = ok && tx_audit(db, v, accept ? "offer:accept" : "offer:decline", "offer", id,
                          json_pack("{s:s, s:s}", "status", accept ? "accepted" : "declined", "reason",
                                    reason ? reason : ""));
    return tx_finish(db, ok, a, err);
}

const char *offers_status_label(const char *status)
{
    if (strcmp(status, "accepted") == 0)
        return "Tackat ja";
    if (strcmp(status, "declined") == 0)
        return "Tackat nej";
    return "Väntar på svar";
}

/* ---- reminders of offers not answered ---- */

int offers_queue_reminders(db_t *db, const char *today, int days)
{
    char until[11];
    if (!date_add_days(today, days, until))
        return 0;
    arena_t a = ARENA_INIT;
    char *err = NULL;
    int64_t before = outbox_count(db);
    if (!tx_begin(db, &a, &err)) {
        arena_free(&a);
        return 0;
    }
    /* Each pending offer with a last day within reach, and the people to tell: the
     * organiser's own users before and after the day, the agency's analysts after it. */
    db_stmt_t *st = db_prepare(db, "SELECT f.id, f.answer_by, o.name, r.name, u.id, u.email, u.role"
                                   " FROM offers f JOIN organisers o ON o.id = f.organiser_id"
                                   " JOIN selection_rounds r ON r.id = f.round_id"
                                   " JOIN users u ON u.active = 1 AND ((u.role = 'organiser' AND u.organiser_id ="
                                   " f.organiser_id) OR (u.role = 'analyst' AND f.answer_by < ?))"
                                   " WHERE f.status = 'pending' AND f.answer_by IS NOT NULL AND f.answer_by <= ?"
                                   " ORDER BY f.id, u.id");
    db_bind_text(st, 1, today);
    db_bind_text(st, 2, until);
    typedef struct { int64_t offer, user; const char *by, *org, *round, *email, *role; } due_t;
    due_t *due = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        due_t *d = ARENA_PUSH(&a, due, n, cap);
        d->offer = db_col_int(st, 0);
        d->by = arena_strdup(&a, db_col_text(st, 1));
        d->org = arena_strdup(&a, db_col_text(st, 2));
        d->round = arena_strdup(&a, db_col_text(st, 3));
        d->user = db_col_int(st, 4);
        d->email = arena_strdup(&a, db_col_text(st, 5));
        d->role = arena_strdup(&a, db_col_text(st, 6));
    }
    db_done(st);
    bool ok = rc == DB_DONE;
    for (size_t i = 0; ok && i < n; i++) {
        bool late = strcmp(due[i].by, today) < 0, organiser = strcmp(due[i].role, "organiser") == 0;
        const char *subject = late ? arena_printf(&a, "Obesvarat erbjudande: %s (%s)", due[i].org, due[i].round)
                                   : arena_printf(&a, "Påminnelse: svara på erbjudandet senast %s", due[i].by);
        const char *body = organiser
            ? arena_printf(&a, "Hej!\r\n\r\nSkolverket har erbjudit %s att delta i Samverkan för bästa skola (%s). "
                               "Svara på erbjudandet i Samverkan senast %s%s.\r\n\r\nDet här är en automatisk "
                               "påminnelse från Samverkan för bästa skola.\r\n",
                           due[i].org, due[i].round, due[i].by, late ? "; den dagen har passerat" : "")
            : arena_printf(&a, "Hej!\r\n\r\nErbjudandet till %s (%s) skulle ha besvarats senast %s och är "
                               "fortfarande obesvarat.\r\n\r\nDet här är en automatisk påminnelse från Samverkan "
                               "för bästa skola.\r\n",
                           due[i].org, due[i].round, due[i].by);
        /* One of each kind per person and offer, however often the round runs. */
        const char *key = arena_printf(&a, "offer:%lld:%lld:%s", (long long)due[i].offer, (long long)due[i].user,
                                       late ? "late" : "before");
        ok = outbox_queue(db, key, due[i].user, due[i].email, subject, body);
    }
    tx_finish(db, ok, &a, &err);
    int64_t after = outbox_count(db);
    arena_free(&a);
    return (int)(after - before);
}
