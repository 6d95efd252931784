/* store.c — agreements in the database. An agreement is read through its case,
 * so the case's scope decides who sees it. Changes run in one transaction each, are
 * audited and appear in the case's timeline. */
#include "agreements.h"
#include "../access/access.h"
#include "../base/vec.h"
#include "../db/settings.h"
#include "../db/tx.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AGREEMENT_COLUMNS                                                                                     \
    "g.id, g.case_id, g.kind, g.registry_number, g.state, g.version, g.supersedes_id, s.registry_number,"       \
    " g.agency_approved_by, g.agency_approved_at, g.counterpart_approved_by, g.counterpart_approved_at,"        \
    " g.created_by, g.updated_at, g.standard_version FROM agreements g LEFT JOIN agreements s ON s.id = g.supersedes_id"

static const char *opt_text(arena_t *a, db_stmt_t *st, int col)
{
    const char *s = db_col_text(st, col);
    return s ? arena_strdup(a, s) : NULL;
}

static void read_agreement(db_stmt_t *st, arena_t *a, agreement_t *g)
{
    g->id = db_col_int(st, 0);
    g->case_id = db_col_int(st, 1);
    g->kind = agreement_kind_from_key(db_col_text(st, 2));
    g->registry_number = opt_text(a, st, 3);
    g->state = agreement_state_from_key(db_col_text(st, 4));
    g->version = (int)db_col_int(st, 5);
    g->supersedes_id = db_col_int(st, 6);
    g->supersedes_number = opt_text(a, st, 7);
    g->agency_approved_by = opt_text(a, st, 8);
    g->agency_approved_at = db_col_int(st, 9);
    g->counterpart_approved_by = opt_text(a, st, 10);
    g->counterpart_approved_at = db_col_int(st, 11);
    g->created_by = opt_text(a, st, 12);
    g->updated_at = db_col_int(st, 13);
    g->standard_version = db_col_is_null(st, 14) ? 0 : (int)db_col_int(st, 14);
}

size_t agreements_of_case(db_t *db, const viewer_t *v, const case_row_t *c, arena_t *a, agreement_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " AGREEMENT_COLUMNS " WHERE g.case_id = ? AND " ACCESS_AGREEMENT_SCOPE
                                   " ORDER BY g.created_at, g.id");
    db_bind_int(st, 1, c->id);
    access_bind_agreement(st, 2, v);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        read_agreement(st, a, ARENA_PUSH(a, *out, n, cap));
    db_done(st);
    return n;
}

agreement_t *agreements_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a, case_row_t **case_out)
{
    if (!access_may(v, CAP_AGREEMENT_READ))
        return NULL;
    db_stmt_t *st = db_prepare(db, "SELECT " AGREEMENT_COLUMNS " WHERE g.id = ? AND " ACCESS_AGREEMENT_SCOPE);
    db_bind_int(st, 1, id);
    access_bind_agreement(st, 2, v);
    agreement_t *g = NULL;
    if (db_step(st) == DB_ROW) {
        g = arena_alloc(a, sizeof *g);
        read_agreement(st, a, g);
    }
    db_done(st);
    if (!g)
        return NULL;
    case_row_t *c = cases_get(db, v, g->case_id, a); /* the case's scope decides */
    if (!c)
        return NULL;
    if (case_out)
        *case_out = c;
    return g;
}

/* The same agreement read again (no scope: the caller read it through its case). */
static agreement_t *agreements_reread(db_t *db, const agreement_t *g, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT " AGREEMENT_COLUMNS " WHERE g.id = ?");
    db_bind_int(st, 1, g->id);
    agreement_t *r = NULL;
    if (db_step(st) == DB_ROW) {
        r = arena_alloc(a, sizeof *r);
        read_agreement(st, a, r);
    }
    db_done(st);
    return r;
}

bool agreements_content(db_t *db, const viewer_t *v, const agreement_t *g, int version, arena_t *a,
                        agreement_content_t *c, const char **saved_by, int64_t *saved_at)
{
    /* Who saved it by name where the account is known, else as recorded. */
    db_stmt_t *st = db_prepare(db, "SELECT v.content, COALESCE(u.name, v.saved_by), v.saved_at FROM agreement_versions v"
                                   " LEFT JOIN users u ON u.email = v.saved_by"
                                   " WHERE v.agreement_id = ? AND v.version = ?");
    db_bind_int(st, 1, g->id);
    db_bind_int(st, 2, version ? version : g->version);
    bool ok = false;
    if (db_step(st) == DB_ROW) {
        ok = agreement_content_parse(g->kind, db_col_text(st, 0), a, c);
        /* Who may not see the money gets the agreement without it, whatever shows it. */
        if (ok && v && !access_may(v, CAP_AGREEMENT_MONEY)) {
            c->amount_ore = 0;
            c->npayouts = 0;
            c->money_hidden = true;
        }
        if (saved_by)
            *saved_by = opt_text(a, st, 1);
        if (saved_at)
            *saved_at = db_col_int(st, 2);
    }
    db_done(st);
    return ok;
}

unsigned agreements_signed_kinds(db_t *db, int64_t case_id)
{
    db_stmt_t *st = db_prepare(db, "SELECT DISTINCT kind FROM agreements WHERE case_id = ?"
                                   " AND state IN ('signed', 'closed')");
    db_bind_int(st, 1, case_id);
    unsigned kinds = 0;
    while (db_step(st) == DB_ROW) {
        const char *kind = db_col_text(st, 0);
        for (int k = 0; k < AGR_KIND_COUNT; k++)
            if (kind && strcmp(kind, agreement_kind_keys[k]) == 0)
                kinds |= 1u << k;
    }
    db_done(st);
    return kinds;
}

/* The next number in the configured series ("2026:14"); inside the caller's transaction. */
static const char *next_registry_number(db_t *db, arena_t *a)
{
    char year[16];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    snprintf(year, sizeof year, "%04d", tm.tm_year + 1900);
    const char *series = settings_get(db, "registry_series", arena_strdup(a, year), a);
    int64_t start = settings_get_int(db, "registry_start", 1);
    if (db_run(db, "INSERT INTO registry_counters (series, next_number) VALUES (?, ?) ON CONFLICT (series) DO NOTHING",
               "ti", series, start) != DB_DONE)
        return NULL;
    int64_t n = db_run_int(db, 0, "SELECT next_number FROM registry_counters WHERE series = ?", "t", series);
    if (!n || db_run(db, "UPDATE registry_counters SET next_number = next_number + 1 WHERE series = ?", "t", series) !=
                  DB_DONE)
        return NULL;
    return arena_printf(a, "%s:%lld", series, (long long)n);
}

static bool save_version(db_t *db, const viewer_t *v, int64_t id, int version, agreement_kind_t k,
                         const agreement_content_t *c)
{
    char *json = agreement_content_json(k, c);
    bool ok = db_run(db, "INSERT INTO agreement_versions (agreement_id, version, content, saved_by, saved_at)"
                         " VALUES (?, ?, ?, ?, ?)",
                     "iitti", id, (int64_t)version, json, v->email, (int64_t)time(NULL)) == DB_DONE;
    free(json);
    return ok;
}

int64_t agreements_create(db_t *db, const viewer_t *v, const case_row_t *c, agreement_kind_t k, int64_t supersedes,
                          const agreement_content_t *content, arena_t *a, char **err)
{
    *err = NULL;
    if (!access_may(v, CAP_AGREEMENT_WRITE)) {
        *err = arena_strdup(a, "Överenskommelser tas fram av Skolverket.");
        return 0;
    }
    if (!tx_begin(db, a, err))
        return 0;
    if (k == AGR_SUPPLEMENTARY) {
        agreement_t *base = supersedes ? agreements_get(db, v, supersedes, a, NULL) : NULL;
        if (!base || base->case_id != c->id || base->state != AGS_SIGNED) {
            tx_fail(db, a, err, "En tilläggsöverenskommelse ändrar en undertecknad överenskommelse i samma ärende.");
            return 0;
        }
    } else if (k != AGR_UNIVERSITY &&
               db_run_int(db, 0, "SELECT COUNT(*) FROM agreements WHERE case_id = ? AND kind = ?", "it", c->id,
                          agreement_kind_keys[k])) {
        tx_fail(db, a, err, "Ärendet har redan en sådan överenskommelse; ändra den med en tilläggsöverenskommelse.");
        return 0;
    }
    const char *number = next_registry_number(db, a);
    int64_t now = (int64_t)time(NULL);
    /* The standard texts it started from: the version current now, which the form showed. */
    int64_t id = number ? db_run_int(db, 0, "INSERT INTO agreements (case_id, kind, registry_number, supersedes_id,"
                                            " created_by, created_at, updated_at, standard_version) VALUES"
                                            " (?, ?, ?, ?, ?, ?, ?, (SELECT MAX(version) FROM agreement_texts"
                                            " WHERE kind = ?)) RETURNING id",
                                     "ittztiit", c->id, agreement_kind_keys[k], number,
                                     k == AGR_SUPPLEMENTARY ? supersedes : (int64_t)0, v->email, now, now,
                                     agreement_kind_keys[k])
                        : 0;
    bool ok = id && save_version(db, v, id, 1, k, content) &&
              cases_event(db, c->id, "agreement", NULL, NULL,
                          arena_printf(a, "%s %s upprättad (utkast).", agreement_kind_label(k), number), v) &&
              tx_audit(db, v, "agreement:create", "agreement", id,
                       json_pack("{s:s, s:s}", "kind", agreement_kind_keys[k], "number", number));
    return tx_finish(db, ok, a, err) ? id : 0;
}

write_result_t agreements_save(db_t *db, const viewer_t *v, const agreement_t *g, int based_on,
                               const agreement_content_t *c, arena_t *a, char **err)
{
    *err = NULL;
    if (!access_may(v, CAP_AGREEMENT_WRITE)) {
        *err = arena_strdup(a, "Överenskommelser ändras av Skolverket.");
        return WRITE_REFUSED;
    }
    if (g->state == AGS_SIGNED || g->state == AGS_CLOSED) {
        *err = arena_strdup(a, "En undertecknad överenskommelse kan inte ändras; gör en tilläggsöverenskommelse.");
        return WRITE_REFUSED;
    }
    if (!tx_begin(db, a, err))
        return WRITE_REFUSED;
    /* From the version the user's form was based on; a change after sending for signature
     * takes it back to a draft: approvals are reset. */
    if (!db_run_int(db, 0, "UPDATE agreements SET version = version + 1, state = 'draft', agency_approved_by = NULL,"
                           " agency_approved_at = NULL, counterpart_approved_by = NULL, counterpart_approved_at = NULL,"
                           " updated_at = ? WHERE id = ? AND version = ? AND state IN ('draft', 'for_signature')"
                           " RETURNING id",
                    "iii", (int64_t)time(NULL), g->id, (int64_t)based_on)) {
        if (db_failure(db) != DB_FAIL_NONE) { /* the database said no: its plain sentence */
            tx_finish(db, false, a, err);
            return WRITE_REFUSED;
        }
        int64_t now_version = db_run_int(db, 0, "SELECT version FROM agreements WHERE id = ?", "i", g->id);
        bool signed_meanwhile = db_run_int(db, 0, "SELECT COUNT(*) FROM agreements WHERE id = ?"
                                                  " AND state IN ('signed', 'closed')", "i", g->id) > 0;
        if (signed_meanwhile) {
            tx_fail(db, a, err, "Överenskommelsen har undertecknats under tiden och kan inte ändras längre.");
            return WRITE_REFUSED;
        }
        tx_fail(db, a, err, "Någon annan har sparat en nyare version medan du skrev; inget skrevs över.");
        return now_version != based_on ? WRITE_STALE : WRITE_REFUSED;
    }
    bool ok = save_version(db, v, g->id, based_on + 1, g->kind, c) &&
              tx_audit(db, v, "agreement:save", "agreement", g->id, json_pack("{s:i}", "version", based_on + 1));
    return tx_finish(db, ok, a, err) ? WRITE_OK : WRITE_REFUSED;
}

/* Who signs for the other party: the organiser, or for a university agreement the university. */
static bool counterpart(const viewer_t *v, agreement_kind_t k)
{
    return access_may(v, k == AGR_UNIVERSITY ? CAP_AGREEMENT_SIGN_UNIVERSITY : CAP_AGREEMENT_SIGN_ORGANISER);
}

bool agreements_act(db_t *db, const viewer_t *v, const agreement_t *g, const char *action, bool confirmed, arena_t *a,
                    char **err)
{
    *err = NULL;
    if (!tx_begin(db, a, err))
        return false;
    int64_t id = g->id;
    /* The state as it is now, under the write lock: the caller's copy may be older. */
    g = agreements_reread(db, g, a);
    if (!g)
        return tx_fail(db, a, err, "Överenskommelsen finns inte.");
    int64_t now = (int64_t)time(NULL);
    const char *who = v->name && *v->name ? v->name : v->email;
    const char *note = NULL;
    bool ok;
    if (strcmp(action, "send") == 0) {
        if (!access_may(v, CAP_AGREEMENT_WRITE) || g->state != AGS_DRAFT)
            return tx_fail(db, a, err, "Bara ett utkast kan skickas för underskrift, och det gör Skolverket.");
        /* Nothing is signed with a required section left empty. */
        agreement_content_t content;
        if (!agreements_content(db, NULL, g, 0, a, &content, NULL, NULL))
            return tx_fail(db, a, err, "Överenskommelsens innehåll kunde inte läsas.");
        const char *missing = agreement_missing_sections(g->kind, &content, a);
        if (missing)
            return tx_fail(db, a, err, arena_printf(a, "Fyll i %s innan överenskommelsen skickas för underskrift.",
                                                    missing));
        ok = db_run(db, "UPDATE agreements SET state = 'for_signature', updated_at = ? WHERE id = ?", "ii", now, id) ==
             DB_DONE;
        note = "skickad för underskrift";
    } else if (strcmp(action, "approve") == 0) {
        if (g->state != AGS_FOR_SIGNATURE)
            return tx_fail(db, a, err, "Överenskommelsen är inte skickad för underskrift.");
        if (!confirmed)
            return tx_fail(db, a, err, "Bekräfta att du har läst överenskommelsen och godkänner den för er part.");
        bool ours = access_may(v, CAP_AGREEMENT_SIGN_AGENCY), theirs = counterpart(v, g->kind);
        if (!ours && !theirs)
            return tx_fail(db, a, err, g->kind == AGR_UNIVERSITY ? "Överenskommelsen godkänns av Skolverket och lärosätet."
                                                              : "Överenskommelsen godkänns av Skolverket och huvudmannen.");
        if ((ours && g->agency_approved_by) || (theirs && g->counterpart_approved_by))
            return tx_fail(db, a, err, "Er sida har redan godkänt överenskommelsen.");
        if (ours)
            ok = db_run(db, "UPDATE agreements SET agency_approved_by = ?, agency_approved_at = ?, updated_at = ?"
                            " WHERE id = ?", "tiii", who, now, now, id) == DB_DONE;
        else
            ok = db_run(db, "UPDATE agreements SET counterpart_approved_by = ?, counterpart_approved_at = ?,"
                            " updated_at = ? WHERE id = ?", "tiii", who, now, now, id) == DB_DONE;
        bool both = ours ? g->counterpart_approved_by != NULL : g->agency_approved_by != NULL;
        if (ok && both)
            ok = db_run(db, "UPDATE agreements SET state = 'signed' WHERE id = ?", "i", id) == DB_DONE;
        note = both ? "undertecknad av båda parter" : ours ? "godkänd av Skolverket" : "godkänd av motparten";
    } else if (strcmp(action, "close") == 0) {
        if (!access_may(v, CAP_AGREEMENT_WRITE) || g->state != AGS_SIGNED)
            return tx_fail(db, a, err, "Bara en undertecknad överenskommelse kan avslutas, och det gör Skolverket.");
        ok = db_run(db, "UPDATE agreements SET state = 'closed', updated_at = ? WHERE id = ?", "ii", now, id) == DB_DONE;
        note = "avslutad";
    } else {
        return tx_fail(db, a, err, "Okänd åtgärd.");
    }
    ok = ok &&
         cases_event(db, g->case_id, "agreement", NULL, NULL,
                     arena_printf(a, "%s %s %s.", agreement_kind_label(g->kind), g->registry_number, note), v) &&
         tx_audit(db, v, arena_printf(a, "agreement:%s", action), "agreement", id, json_pack("{s:s}", "note", note));
    return tx_finish(db, ok, a, err);
}

size_t agreements_periods_in_reach(db_t *db, const viewer_t *v, arena_t *a, agreement_period_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT g.id, g.case_id, g.kind, g.registry_number, v.content FROM agreements g"
                                   " JOIN agreement_versions v ON v.agreement_id = g.id AND v.version = g.version"
                                   " JOIN cases c ON c.id = g.case_id WHERE g.state IN ('for_signature', 'signed')"
                                   " AND " ACCESS_CASE_SCOPE " ORDER BY g.case_id, g.id");
    access_bind_case(st, 1, v);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        agreement_kind_t kind = agreement_kind_from_key(db_col_text(st, 2));
        agreement_content_t content;
        if (kind == AGR_KIND_COUNT || !agreement_content_parse(kind, db_col_text(st, 4), a, &content) ||
            !content.period_to || !*content.period_to)
            continue;
        agreement_period_t *p = ARENA_PUSH(a, *out, n, cap);
        p->id = db_col_int(st, 0);
        p->case_id = db_col_int(st, 1);
        p->kind = kind;
        p->registry_number = db_col_str(st, 3, a);
        p->period_to = content.period_to;
    }
    db_done(st);
    return n;
}
