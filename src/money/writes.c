/* writes.c — what finance registers: grants (from a signed agreement, or an application
 * under förordning 2016:329), their lines, payouts and their second approval, use, and
 * claims with their settlement; each begun, refused, written with its audit, finished. */
#include "money.h"
#include "../access/access.h"
#include "../agreements/agreements.h"
#include "../base/date.h"
#include "../plans/plans.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int64_t now(void) { return (int64_t)time(NULL); }

static const char *by(const viewer_t *v)
{
    return v->name && *v->name ? v->name : v->email;
}

static bool is_date(const char *s)
{
    long d;
    return s && strlen(s) == 10 && date_to_days(s, &d);
}

static bool refuse(arena_t *a, const char **field, char **err, const char *f, const char *msg)
{
    if (field)
        *field = f;
    *err = arena_strdup(a, msg);
    return false;
}

static bool writer(const viewer_t *v, arena_t *a, char **err)
{
    if (access_may(v, CAP_MONEY_WRITE))
        return true;
    *err = arena_strdup(a, "Bara ekonomifunktionen registrerar medel.");
    return false;
}

static bool is_appropriation(const char *s)
{
    for (int i = 0; money_appropriation_keys[i]; i++)
        if (s && strcmp(s, money_appropriation_keys[i]) == 0)
            return true;
    return false;
}

int64_t money_grant_add(db_t *db, const viewer_t *v, const grant_input_t *in, arena_t *a, const char **field, char **err)
{
    if (!writer(v, a, err))
        return 0;
    if (!in->organiser_id)
        return refuse(a, field, err, "orgnr", "Huvudmannen finns inte i registret.");
    if (!is_appropriation(in->appropriation))
        return refuse(a, field, err, "appropriation", "Välj anslag 1:5 eller 1:1.");
    if (in->granted < 0)
        return refuse(a, field, err, "granted", "Det beviljade beloppet kan inte vara negativt.");
    if (in->applied >= 0 && in->granted > in->applied)
        return refuse(a, field, err, "granted", "Det beviljade beloppet är större än det sökta.");
    if (!is_date(in->decision_date))
        return refuse(a, field, err, "decision_date", "Ange beslutsdatum som ÅÅÅÅ-MM-DD.");
    if (!in->registry_number || !*in->registry_number)
        return refuse(a, field, err, "registry_number", "Ange beslutets diarienummer.");
    if (!tx_begin(db, a, err))
        return 0;
    int64_t id = db_run_int(db, 0, "INSERT INTO grants (organiser_id, case_id, kind, appropriation, ordinance, applied_ore,"
                                   " granted_ore, decision_date, registry_number, note, created_by, created_at)"
                                   " VALUES (?, ?, 'application', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            "iztiiitttti", in->organiser_id, in->case_id, in->appropriation, (int64_t)in->ordinance,
                            in->applied >= 0 ? in->applied : in->granted, in->granted, in->decision_date,
                            in->registry_number, in->note ? in->note : "", by(v), now());
    bool ok = id && db_run(db, "INSERT INTO grant_lines (grant_id, title, amount_ore) VALUES (?, ?, ?)", "iti", id,
                           in->note && *in->note ? in->note : "Statsbidrag enligt ansökan", in->granted) == DB_DONE &&
              tx_audit(db, v, "money:grant", "grant", id,
                       json_pack("{s:s, s:I, s:I, s:s, s:b}", "kind", "application", "organiser",
                                 (json_int_t)in->organiser_id, "granted_ore", (json_int_t)in->granted, "registry_number",
                                 in->registry_number, "ordinance", in->ordinance));
    return tx_finish(db, ok, a, err) ? id : 0;
}

int64_t money_grant_of_agreement(db_t *db, const viewer_t *v, const case_row_t *c, int64_t agreement_id, arena_t *a,
                                 char **err)
{
    if (!writer(v, a, err))
        return 0;
    agreement_t *g = agreements_get(db, v, agreement_id, a, NULL);
    if (!g || g->case_id != c->id) {
        *err = arena_strdup(a, "Överenskommelsen hör inte till ärendet.");
        return 0;
    }
    int64_t existing = db_run_int(db, 0, "SELECT id FROM grants WHERE agreement_id = ?", "i", agreement_id);
    if (existing)
        return existing;
    if (g->state != AGS_SIGNED && g->state != AGS_CLOSED) {
        *err = arena_strdup(a, "Medel beviljas när överenskommelsen är undertecknad av båda parter.");
        return 0;
    }
    agreement_content_t content;
    if (!agreements_content(db, NULL, g, 0, a, &content, NULL, NULL) || content.amount_ore <= 0) {
        *err = arena_strdup(a, "Överenskommelsen anger inga medel från Skolverket.");
        return 0;
    }
    funded_intervention_t *f = NULL;
    size_t nf = g->kind == AGR_OK2 || g->kind == AGR_SUPPLEMENTARY ? plans_funded(db, c, a, &f) : 0;
    if (!tx_begin(db, a, err))
        return 0;
    int64_t id = db_run_int(db, 0, "INSERT INTO grants (organiser_id, case_id, agreement_id, kind, appropriation,"
                                   " granted_ore, decision_date, registry_number, created_by, created_at)"
                                   " VALUES (?, ?, ?, 'agreement', '1:5', ?, ?, ?, ?, ?) ON CONFLICT (agreement_id)"
                                   " DO NOTHING RETURNING id",
                            "iiiittti", c->organiser_id, c->id, agreement_id, content.amount_ore,
                            content.period_from ? content.period_from : "", g->registry_number, by(v), now());
    bool ok = id != 0;
    int64_t lined = 0;
    for (size_t i = 0; ok && i < nf; i++) {
        if (f[i].iv.cost <= 0 || lined + f[i].iv.cost * 100 > content.amount_ore)
            continue;
        lined += f[i].iv.cost * 100;
        ok = db_run(db, "INSERT INTO grant_lines (grant_id, intervention_id, title, amount_ore) VALUES (?, ?, ?, ?)",
                    "iiti", id, f[i].iv.id, f[i].iv.title, f[i].iv.cost * 100) == DB_DONE;
    }
    if (ok && lined < content.amount_ore)
        ok = db_run(db, "INSERT INTO grant_lines (grant_id, title, amount_ore) VALUES (?, ?, ?)", "iti", id,
                    nf ? "Övrigt enligt överenskommelsen" : agreement_kind_label(g->kind),
                    content.amount_ore - lined) == DB_DONE;
    ok = ok && tx_audit(db, v, "money:grant", "grant", id,
                        json_pack("{s:s, s:I, s:I, s:s}", "kind", "agreement", "agreement", (json_int_t)agreement_id,
                                  "granted_ore", (json_int_t)content.amount_ore, "registry_number", g->registry_number));
    return tx_finish(db, ok, a, err) ? id : 0;
}

write_result_t money_grant_edit(db_t *db, const viewer_t *v, const grant_t *g, int based_on, const char *appropriation,
                                bool ordinance, const char *note, arena_t *a, char **err)
{
    if (!writer(v, a, err))
        return WRITE_REFUSED;
    if (!is_appropriation(appropriation)) {
        *err = arena_strdup(a, "Välj anslag 1:5 eller 1:1.");
        return WRITE_REFUSED;
    }
    if (!tx_begin(db, a, err))
        return WRITE_REFUSED;
    write_result_t w = db_run_int(db, 0, "UPDATE grants SET appropriation = ?, ordinance = ?, note = ?, version = version + 1"
                                         " WHERE id = ? AND version = ? RETURNING 1",
                                  "titii", appropriation, (int64_t)ordinance, note ? note : "", g->id, (int64_t)based_on)
                           ? WRITE_OK
                           : WRITE_STALE;
    bool ok = w == WRITE_OK && tx_audit(db, v, "money:grant_edit", "grant", g->id,
                                        json_pack("{s:s, s:b, s:s}", "appropriation", appropriation, "ordinance",
                                                  ordinance, "note", note ? note : ""));
    return tx_finish_write(db, w, ok, a, err);
}

bool money_line_add(db_t *db, const viewer_t *v, const grant_t *g, const char *title, int64_t amount, arena_t *a,
                    char **err)
{
    if (!writer(v, a, err))
        return false;
    if (!title || !*title || amount < 0) {
        *err = arena_strdup(a, "Ange vad raden gäller och ett belopp som inte är negativt.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    int64_t lined = db_run_int(db, 0, "SELECT COALESCE(SUM(amount_ore), 0) FROM grant_lines WHERE grant_id = ?", "i",
                               g->id);
    if (lined + amount > g->granted) {
        tx_fail(db, a, err, "Raderna blir tillsammans större än det beviljade beloppet.");
        return false;
    }
    bool ok = db_run(db, "INSERT INTO grant_lines (grant_id, title, amount_ore) VALUES (?, ?, ?)", "iti", g->id, title,
                     amount) == DB_DONE &&
              tx_audit(db, v, "money:line", "grant", g->id, json_pack("{s:s, s:I}", "title", title, "amount_ore",
                                                                      (json_int_t)amount));
    return tx_finish(db, ok, a, err);
}

int64_t money_payout_register(db_t *db, const viewer_t *v, const grant_t *g, const char *date, int64_t amount,
                              const char *reference, arena_t *a, const char **field, char **err)
{
    if (!writer(v, a, err))
        return 0;
    if (!is_date(date))
        return refuse(a, field, err, "date", "Ange utbetalningsdagen som ÅÅÅÅ-MM-DD.");
    if (!reference || !*reference)
        return refuse(a, field, err, "reference", "Ange ekonomisystemets referens (verifikationsnummer).");
    char why[200];
    if (!money_payout_allowed(&g->balance, amount, why, sizeof why))
        return refuse(a, field, err, "amount", why);
    if (!tx_begin(db, a, err))
        return 0;
    /* Against what is saved now, not what the page read. */
    int64_t waiting = db_run_int(db, 0, "SELECT COALESCE(SUM(amount_ore), 0) FROM payouts WHERE grant_id = ?", "i",
                                 g->id);
    if (waiting + amount > g->granted) {
        tx_fail(db, a, err, "Någon har registrerat en utbetalning medan du skrev; beloppet ryms inte längre.");
        if (field)
            *field = "amount";
        return 0;
    }
    int64_t id = db_run_int(db, 0, "INSERT INTO payouts (grant_id, paid_date, amount_ore, reference, registered_by,"
                                   " registered_user, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            "itittzi", g->id, date, amount, reference, by(v), v->user_id, now());
    bool ok = id && tx_audit(db, v, "money:payout", "grant", g->id,
                             json_pack("{s:I, s:s, s:I, s:s}", "payout", (json_int_t)id, "date", date, "amount_ore",
                                       (json_int_t)amount, "reference", reference));
    return tx_finish(db, ok, a, err) ? id : 0;
}

bool money_payout_approve(db_t *db, const viewer_t *v, const grant_t *g, int64_t payout_id, arena_t *a, char **err)
{
    if (!writer(v, a, err))
        return false;
    if (!tx_begin(db, a, err))
        return false;
    int64_t registered = db_run_int(db, -1, "SELECT COALESCE(registered_user, 0) FROM payouts WHERE id = ? AND"
                                            " grant_id = ? AND state = 'pending'", "ii", payout_id, g->id);
    if (registered < 0) {
        tx_fail(db, a, err, "Utbetalningen väntar inte på godkännande.");
        return false;
    }
    if (registered == v->user_id) {
        tx_fail(db, a, err, "En utbetalning godkänns av en annan person än den som registrerade den (fyra ögon).");
        return false;
    }
    bool ok = db_run_int(db, 0, "UPDATE payouts SET state = 'approved', approved_by = ?, approved_user = ?,"
                                " approved_at = ? WHERE id = ? AND state = 'pending' RETURNING 1",
                         "tiii", by(v), v->user_id, now(), payout_id) == 1 &&
              tx_audit(db, v, "money:approve", "grant", g->id, json_pack("{s:I}", "payout", (json_int_t)payout_id));
    return tx_finish(db, ok, a, err);
}

bool money_use_add(db_t *db, const viewer_t *v, const grant_t *g, int64_t line_id, const char *as_of, int64_t amount,
                   const char *note, arena_t *a, const char **field, char **err)
{
    if (!writer(v, a, err))
        return false;
    if (!is_date(as_of))
        return refuse(a, field, err, "as_of", "Ange datum som ÅÅÅÅ-MM-DD.");
    if (amount < 0)
        return refuse(a, field, err, "amount", "Använda medel kan inte vara negativa.");
    if (!tx_begin(db, a, err))
        return false;
    if (line_id && !db_run_int(db, 0, "SELECT COUNT(*) FROM grant_lines WHERE id = ? AND grant_id = ?", "ii", line_id,
                               g->id)) {
        if (field)
            *field = "line";
        tx_fail(db, a, err, "Raden hör inte till bidraget.");
        return false;
    }
    bool ok = db_run(db, "INSERT INTO grant_uses (grant_id, line_id, as_of, amount_ore, note, entered_by, entered_at)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)", "iztitti", g->id, line_id, as_of,
                     amount, note ? note : "", by(v), now()) == DB_DONE &&
              tx_audit(db, v, "money:use", "grant", g->id,
                       json_pack("{s:I, s:s, s:I}", "line", (json_int_t)line_id, "as_of", as_of, "amount_ore",
                                 (json_int_t)amount));
    return tx_finish(db, ok, a, err);
}

int64_t money_claim_raise(db_t *db, const viewer_t *v, const grant_t *g, const char *kind, const char *reason,
                          int64_t amount, const char *registry_number, const char *decision_date, const char *due_date,
                          arena_t *a, const char **field, char **err)
{
    if (!writer(v, a, err))
        return 0;
    if (!kind || (strcmp(kind, "repayment") != 0 && strcmp(kind, "claim") != 0))
        return refuse(a, field, err, "kind", "Välj återbetalning eller återkrav.");
    if (!reason || !*reason)
        return refuse(a, field, err, "reason", "Skriv skälet till beslutet.");
    if (!registry_number || !*registry_number)
        return refuse(a, field, err, "registry_number", "Ange beslutets diarienummer.");
    if (!is_date(decision_date))
        return refuse(a, field, err, "decision_date", "Ange beslutsdatum som ÅÅÅÅ-MM-DD.");
    if (!is_date(due_date) || strcmp(due_date, decision_date) < 0)
        return refuse(a, field, err, "due_date", "Ange sista betalningsdag som ÅÅÅÅ-MM-DD, tidigast beslutsdagen.");
    char why[200];
    if (!money_claim_allowed(&g->balance, amount, why, sizeof why))
        return refuse(a, field, err, "amount", why);
    if (!tx_begin(db, a, err))
        return 0;
    int64_t id = db_run_int(db, 0, "INSERT INTO claims (grant_id, kind, reason, amount_ore, registry_number,"
                                   " decision_date, due_date, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                   " RETURNING id",
                            "ittitttti", g->id, kind, reason, amount, registry_number, decision_date, due_date, by(v),
                            now());
    bool ok = id && tx_audit(db, v, "money:claim", "grant", g->id,
                             json_pack("{s:I, s:s, s:I, s:s, s:s}", "claim", (json_int_t)id, "kind", kind, "amount_ore",
                                       (json_int_t)amount, "registry_number", registry_number, "due_date", due_date));
    return tx_finish(db, ok, a, err) ? id : 0;
}

bool money_claim_settle(db_t *db, const viewer_t *v, const grant_t *g, int64_t claim_id, const char *state,
                        const char *date, arena_t *a, char **err)
{
    if (!writer(v, a, err))
        return false;
    if (!state || (strcmp(state, "paid") != 0 && strcmp(state, "written_off") != 0) || !is_date(date)) {
        *err = arena_strdup(a, "Ange att kravet är betalt eller avskrivet, och datum som ÅÅÅÅ-MM-DD.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run_int(db, 0, "UPDATE claims SET state = ?, settled_date = ?, settled_by = ? WHERE id = ?"
                                " AND grant_id = ? AND state = 'raised' RETURNING 1",
                         "tttii", state, date, by(v), claim_id, g->id) == 1;
    if (!ok) {
        tx_fail(db, a, err, "Kravet är redan reglerat.");
        return false;
    }
    ok = tx_audit(db, v, "money:settle", "grant", g->id,
                  json_pack("{s:I, s:s, s:s}", "claim", (json_int_t)claim_id, "state", state, "date", date));
    return tx_finish(db, ok, a, err);
}
