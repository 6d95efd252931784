/* offers.c — the analyst's choices in a round, the decision that turns them into one
 * offer per organiser, supplementary decisions, and the organisers' answers. An offer
 * is read only by the agency and by the organiser it is made to. */
#include "rounds.h"
#include "../access/access.h"
#include "../base/vec.h"
#include "../db/tx.h"
#include "../base/validate.h"
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
                                   " c.school_forms, c.ranking, c.reason, c.decision, c.decision_date, c.chosen_by"
                                   " FROM round_choices c JOIN units u ON u.id = c.unit_id"
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
    }
    db_done(st);
    return n;
}

bool rounds_choose(db_t *db, const viewer_t *v, int64_t id, const char *code, const char *ranking,
                   const char *reason, const char *supplementary_date, arena_t *a, char **err)
{
    *err = NULL;
    if (!reason || !*reason) {
        *err = arena_strdup(a, "Skriv skälet till valet.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    round_t *r = rounds_get(db, id, a);
    if (!r)
        return tx_fail(db, a, err, "Omgången finns inte.");
    bool supplementary = supplementary_date && *supplementary_date;
    if (supplementary && strcmp(r->status, "decided") != 0)
        return tx_fail(db, a, err, "Tilläggsbeslut görs efter omgångens beslut.");
    if (!supplementary && strcmp(r->status, "open") != 0)
        return tx_fail(db, a, err, "Omgången är beslutad; lägg till enheter med ett tilläggsbeslut.");
    if (!r->frozen_at)
        return tx_fail(db, a, err, "Frys underlaget innan du väljer enheter.");
    int m = ranking_method_from_key(ranking);
    if (m >= 0) {
        /* A unit chosen from a ranking must be in the round's frozen ranking. */
        ranking_t rk;
        char *why = NULL;
        if (!rounds_ranking_in_tx(db, r, (rank_method_t)m, a, &rk, &why))
            return tx_fail(db, a, err, why);
        if (!ranking_find(&rk, code))
            return tx_fail(db, a, err, arena_printf(a, "Enheten %s finns inte i rangordningen %s för den här omgången.",
                                                    code, ranking_method_label((rank_method_t)m)));
    } else if (!supplementary || strcmp(ranking, "dialog") != 0) {
        return tx_fail(db, a, err, "Okänd rangordning.");
    }
    reg_unit_t *u = register_get_unit(db, v, code, a);
    if (!u)
        return tx_fail(db, a, err, arena_printf(a, "Enheten %s finns inte i registret.", code));
    int64_t unit_id = u->id, organiser_id = register_organiser_id(db, u->orgnr);
    const char *forms = u->school_forms ? u->school_forms : "";
    int rc = db_run(db, "INSERT INTO round_choices (round_id, unit_id, organiser_id, school_forms, ranking, reason,"
                        " decision, decision_date, chosen_by, chosen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "iiitttttti", id, unit_id, organiser_id, forms, ranking, reason,
                    supplementary ? "supplementary" : "main", supplementary ? supplementary_date : r->decision_date,
                    v->email, (int64_t)time(NULL));
    if (rc == DB_CONSTRAINT)
        return tx_fail(db, a, err, arena_printf(a, "Enheten %s är redan vald i omgången.", code));
    bool ok = rc == DB_DONE;
    /* A supplementary decision offers collaboration to an organiser not yet offered it. */
    if (ok && supplementary)
        ok = db_run(db, "INSERT INTO offers (round_id, organiser_id, created_at) VALUES (?, ?, ?)"
                        " ON CONFLICT (round_id, organiser_id) DO NOTHING",
                    "iii", id, organiser_id, (int64_t)time(NULL)) == DB_DONE &&
             cases_add_supplementary_unit(db, v, id, organiser_id, unit_id, supplementary_date);
    ok = ok && tx_audit(db, v, supplementary ? "round:supplement" : "round:choose", "selection_round", id,
                          json_pack("{s:s, s:s, s:s, s:s?}", "unit", code, "ranking", ranking, "reason", reason,
                                    "decision_date", supplementary ? supplementary_date : NULL));
    return tx_finish(db, ok, a, err);
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

bool rounds_decide(db_t *db, const viewer_t *v, int64_t id, const char *date, arena_t *a, char **err)
{
    *err = NULL;
    if (!date || !validate_date(date)) {
        *err = arena_strdup(a, "Ange beslutsdatum som ÅÅÅÅ-MM-DD.");
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
              db_run(db, "INSERT INTO offers (round_id, organiser_id, created_at) SELECT DISTINCT CAST(? AS BIGINT), organiser_id,"
                         " CAST(? AS BIGINT)"
                         " FROM round_choices WHERE round_id = ?",
                     "iii", id, now, id) == DB_DONE;
    ok = ok && tx_audit(db, v, "round:decide", "selection_round", id, json_pack("{s:s}", "decision_date", date));
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
    " f.answered_by, f.answered_at FROM offers f JOIN selection_rounds r ON r.id = f.round_id"             \
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
