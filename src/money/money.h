/* money.h — the programme's money (SPEC §6; seed 001, seed 003 §10–11): what the agency
 * grants each organiser, under an agreement or by an application under förordning
 * (2016:329), split by funded intervention; the payouts, each approved by a second
 * person; the use the organiser reports (from its term and final reports, or entered by
 * finance); repayments and claims; and the agency's cost ledger by year and category,
 * read from the economy system's SIE4 or CSV/XLSX files, with a forecast per category.
 * Amounts are öre in int64_t, never floating point.
 *
 * The pure rules (model.c: balances, what a payout or a claim may be, the cost table;
 * sie.c: the SIE4 reader) take plain values, so they can be worked by hand. */
#ifndef SV_MONEY_AREA_H
#define SV_MONEY_AREA_H
#include "../cases/cases.h"
#include "../db/tx.h"
#include <stdbool.h>
#include <stdint.h>

/* ---- model (model.c) ---- */

typedef struct money_payout_fact {
    int64_t amount;
    bool approved;            /* false: registered, waiting for the second person */
} money_payout_fact_t;
typedef struct money_use_fact {
    int64_t line_id;          /* 0: the grant as a whole */
    const char *as_of;        /* 'YYYY-MM-DD': the latest per line counts (use is cumulative) */
    int64_t amount;
} money_use_fact_t;
typedef struct money_claim_fact {
    int64_t amount;
    const char *state;        /* raised, paid, written_off */
} money_claim_fact_t;

typedef struct money_balance {
    int64_t granted, planned, paid, pending, used, unused, claimed, repaid, written_off, open;
} money_balance_t;

/* The balances of a grant: paid counts approved payouts only; used is the latest reported
 * use per line summed; unused = paid − used (never below 0); claimed is every claim not
 * written off, repaid the paid ones, open the raised ones. */
money_balance_t money_balance(int64_t granted, int64_t planned, const money_payout_fact_t *p, size_t np,
                              const money_use_fact_t *u, size_t nu, const money_claim_fact_t *c, size_t nc);
/* May a payout of amount be registered? Not above what is granted and not yet paid or
 * waiting; false with a Swedish reason. */
bool money_payout_allowed(const money_balance_t *b, int64_t amount, char *why, size_t size);
/* May a claim of amount be raised? Not above what was paid less what is already claimed. */
bool money_claim_allowed(const money_balance_t *b, int64_t amount, char *why, size_t size);

extern const char *const money_appropriation_keys[]; /* "1:5", "1:1" */
const char *money_appropriation_label(const char *key);
extern const char *const money_claim_kind_keys[];    /* repayment, claim */
const char *money_claim_kind_label(const char *key);
const char *money_claim_state_label(const char *state);

/* The cost table's categories in seed 003's order (team, grants, services, evaluation),
 * and "none" (kept out of the table). */
extern const char *const money_category_keys[];
const char *money_category_label(const char *key);
enum { MONEY_CATEGORIES = 4 };

/* One summed part of a year's costs: a category's sub-line ("" for the rest). */
typedef struct money_cost_sum {
    const char *category, *subline;
    int64_t amount;
} money_cost_sum_t;
typedef struct money_cost_row {
    const char *category, *label;
    int64_t outcome, forecast;    /* forecast -1: none given */
    size_t nsublines;
    const money_cost_sum_t *sublines[8];
} money_cost_row_t;
typedef struct money_cost_table {
    int year;
    money_cost_row_t rows[MONEY_CATEGORIES];
    int64_t total, total_forecast;
} money_cost_table_t;
/* The table from the year's sums and the forecasts by category (forecast[i] for
 * money_category_keys[i]; -1 none). */
void money_cost_table(int year, const money_cost_sum_t *sums, size_t n, const int64_t *forecast,
                      money_cost_table_t *out);

/* ---- the SIE4 reader (sie.c) ---- */

typedef struct sie_trans {
    const char *series, *number;  /* the voucher's */
    const char *voucher_date;     /* 'YYYY-MM-DD' */
    const char *voucher_text;
    const char *account;
    const char *cost_centre;      /* object of dimension 1 ("" none) */
    const char *project;          /* object of dimension 6 ("" none) */
    int64_t amount;               /* öre; a cost is positive (debit) */
    const char *date;             /* the transaction's date, else the voucher's */
    const char *text;
    size_t line;                  /* of the #TRANS row, 1-based */
    int index;                    /* its place in the voucher, from 0 */
} sie_trans_t;
typedef struct sie_file {
    const char *program, *company, *format;
    bool checksummed;             /* a #KSUMMA pair was found and its sum matched */
    size_t ntrans, cap;
    sie_trans_t *trans;
} sie_file_t;
/* Reads an SIE file (type 4 or 4i) in code page 437 (PC8) into UTF-8 text. On failure
 * false with a Swedish message naming the file, the line and the field (in a): a file
 * that is not PC8 (UTF-8 or Windows-1252 instead), a #VER without its braces, an amount
 * that is no amount, a date that is no date, a #KSUMMA that does not match. */
bool sie_read(const char *filename, const char *data, size_t len, arena_t *a, sie_file_t *out, char **err);
/* The CRC-32 SIE's #KSUMMA uses (the standard one, as in zlib), continued over len bytes. */
uint32_t sie_crc32(uint32_t crc, const unsigned char *p, size_t len);

/* ---- grants, payouts, use and claims (store.c, claims.c) ---- */

typedef struct grant {
    int64_t id, organiser_id, case_id, agreement_id;
    const char *organiser, *orgnr, *kind, *appropriation, *decision_date, *registry_number, *note;
    const char *agreement_number;   /* "" when none */
    bool ordinance;
    int64_t applied, granted;       /* applied: -1 unless an application */
    int version;
    money_balance_t balance;        /* filled by the readers */
} grant_t;
typedef struct grant_line {
    int64_t id, grant_id, intervention_id;
    const char *title;
    int64_t amount, used;           /* used: the latest reported, -1 none */
} grant_line_t;
typedef struct payout {
    int64_t id, grant_id;
    const char *paid_date, *reference, *state, *registered_by, *approved_by;
    int64_t amount, registered_user, registered_at, approved_at;
} payout_t;
typedef struct planned_payout {
    const char *date;
    int64_t amount;
} planned_payout_t;
typedef struct grant_use {
    int64_t line_id;
    const char *as_of, *source, *note, *by; /* source: "report" (the report's name) or "finance" */
    int64_t amount;
} grant_use_t;
typedef struct claim {
    int64_t id, grant_id;
    const char *kind, *reason, *registry_number, *decision_date, *due_date, *state, *settled_date, *created_by;
    int64_t amount;
    const char *organiser;          /* for lists over many grants */
} claim_t;

/* Who sees which grants: finance and the administrator all; an organiser its own; a
 * process supporter those of the cases assigned to them; nobody else any. */
bool money_sees_all(const viewer_t *v);
/* The grants the viewer may see (of one case when case_id > 0), with their balances, in
 * a fixed number of statements. */
size_t money_grants(db_t *db, const viewer_t *v, int64_t case_id, arena_t *a, grant_t **out);
/* One grant within the viewer's reach, with its balance; NULL otherwise. */
grant_t *money_grant_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a);
/* The grant's lines, each with the latest use among those read by money_uses. */
size_t money_lines(db_t *db, const grant_t *g, const grant_use_t *u, size_t nu, arena_t *a, grant_line_t **out);
size_t money_payouts(db_t *db, const grant_t *g, arena_t *a, payout_t **out);
size_t money_plan(db_t *db, const grant_t *g, arena_t *a, planned_payout_t **out);
size_t money_uses(db_t *db, const grant_t *g, arena_t *a, grant_use_t **out);
size_t money_claims(db_t *db, const grant_t *g, arena_t *a, claim_t **out);
/* Of the grants within reach (read by the caller with money_grants), those whose payout
 * plan says more should be paid by today than is paid or waiting: each with the planned
 * sum due (*due, parallel to out). */
size_t money_payouts_due(db_t *db, const viewer_t *v, const char *today, const grant_t *g, size_t ng, arena_t *a,
                         grant_t **out, int64_t **due);
/* Every payout of the grants within reach (or only those waiting), with the grant each
 * belongs to among g (read by the caller with money_grants). */
size_t money_payouts_in_reach(db_t *db, const viewer_t *v, bool pending_only, grant_t *g, size_t ng, arena_t *a,
                              payout_t **out, grant_t ***grant_of);
/* The claims not settled, within reach. */
size_t money_open_claims(db_t *db, const viewer_t *v, arena_t *a, claim_t **out);

typedef struct grant_input {
    int64_t organiser_id, case_id, agreement_id;
    const char *kind, *appropriation, *decision_date, *registry_number, *note;
    bool ordinance;
    int64_t applied, granted;       /* applied -1: none */
} grant_input_t;
/* Registers an application grant (finance); returns its id, or 0 with *err and *field. */
int64_t money_grant_add(db_t *db, const viewer_t *v, const grant_input_t *in, arena_t *a, const char **field, char **err);
/* The grant of a signed agreement of a case the caller has read: the agreement's amount,
 * an ÖK2's funded interventions as its lines; the existing one when there is one. */
int64_t money_grant_of_agreement(db_t *db, const viewer_t *v, const case_row_t *c, int64_t agreement_id, arena_t *a,
                                 char **err);
/* Changes what finance records of a grant (its appropriation, whether it is under
 * förordning 2016:329, a note) on top of the version the form was based on. */
write_result_t money_grant_edit(db_t *db, const viewer_t *v, const grant_t *g, int based_on, const char *appropriation,
                                bool ordinance, const char *note, arena_t *a, char **err);
bool money_line_add(db_t *db, const viewer_t *v, const grant_t *g, const char *title, int64_t amount, arena_t *a,
                    char **err);
int64_t money_payout_register(db_t *db, const viewer_t *v, const grant_t *g, const char *date, int64_t amount,
                              const char *reference, arena_t *a, const char **field, char **err);
/* The second person's approval; refused for the one who registered it. */
bool money_payout_approve(db_t *db, const viewer_t *v, const grant_t *g, int64_t payout_id, arena_t *a, char **err);
bool money_use_add(db_t *db, const viewer_t *v, const grant_t *g, int64_t line_id, const char *as_of, int64_t amount,
                   const char *note, arena_t *a, const char **field, char **err);
int64_t money_claim_raise(db_t *db, const viewer_t *v, const grant_t *g, const char *kind, const char *reason,
                          int64_t amount, const char *registry_number, const char *decision_date, const char *due_date,
                          arena_t *a, const char **field, char **err);
/* paid or written_off, on a date. */
bool money_claim_settle(db_t *db, const viewer_t *v, const grant_t *g, int64_t claim_id, const char *state,
                        const char *date, arena_t *a, char **err);
claim_t *money_claim_get(db_t *db, const grant_t *g, int64_t claim_id, arena_t *a);
/* Reminders of claims falling due within days, or overdue, to the organiser's users
 * (once per claim and due date); returns how many were queued. */
int money_claim_reminders(db_t *db, const char *today, int days);

/* ---- the cost ledger (ledger.c) ---- */

typedef struct ledger_map {
    int64_t id;
    const char *account, *cost_centre, *category, *subline;
} ledger_map_t;
size_t money_mapping(db_t *db, arena_t *a, ledger_map_t **out);
bool money_mapping_add(db_t *db, const viewer_t *v, const char *account, const char *cost_centre,
                       const char *category, const char *subline, arena_t *a, const char **field, char **err);
bool money_mapping_remove(db_t *db, const viewer_t *v, int64_t id, arena_t *a, char **err);
/* Reads a ledger file (SIE4, or CSV/XLSX with Datum, Konto, Kostnadsställe, Belopp,
 * Text, Verifikation) whole or not at all; each cost is kept once however often the file
 * is read. *added: the rows new to the ledger. */
bool money_ledger_import(db_t *db, const viewer_t *v, const char *filename, const char *data, size_t len,
                         arena_t *a, size_t *added, size_t *read, char **err);
/* The year's cost table: the ledger's costs plus the product's approved payouts. */
void money_year_costs(db_t *db, int year, arena_t *a, money_cost_table_t *out);
bool money_forecast_set(db_t *db, const viewer_t *v, int year, const char *category, int64_t amount, arena_t *a,
                        char **err);
/* Whether a year has costs, forecasts or approved payouts at all. */
bool money_year_known(db_t *db, int year);
/* The years with costs or forecasts, newest first. */
size_t money_years(db_t *db, arena_t *a, int **out);

#endif
