/* ledger.c — the agency's cost ledger: which accounts go to which category, the import
 * of the economy system's files (SIE4, or CSV/XLSX) whole or not at all and once only,
 * the forecasts, and the year's cost table with the product's own payouts in it. */
#include "money.h"
#include "../access/access.h"
#include "../base/date.h"
#include "../base/money.h"
#include "../base/vec.h"
#include "../io/csv.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

size_t money_mapping(db_t *db, arena_t *a, ledger_map_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, account, cost_centre, category, subline FROM ledger_mapping"
                                   " ORDER BY account, cost_centre");
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        ledger_map_t *m = ARENA_PUSH(a, *out, n, cap);
        m->id = db_col_int(st, 0);
        m->account = db_col_str(st, 1, a);
        m->cost_centre = db_col_str(st, 2, a);
        m->category = db_col_str(st, 3, a);
        m->subline = db_col_str(st, 4, a);
    }
    db_done(st);
    return n;
}

static bool is_category(const char *s)
{
    for (int i = 0; money_category_keys[i]; i++)
        if (s && strcmp(s, money_category_keys[i]) == 0)
            return true;
    return false;
}

bool money_mapping_add(db_t *db, const viewer_t *v, const char *account, const char *cost_centre,
                       const char *category, const char *subline, arena_t *a, const char **field, char **err)
{
    *field = NULL;
    if (!access_may(v, CAP_LEDGER)) {
        *err = arena_strdup(a, "Bara ekonomifunktionen för kostnadsredovisningen.");
        return false;
    }
    if (!account || !*account || strspn(account, "0123456789") != strlen(account)) {
        *field = "account";
        *err = arena_strdup(a, "Ange kontot med siffror, till exempel 7010.");
        return false;
    }
    if (!is_category(category)) {
        *field = "category";
        *err = arena_strdup(a, "Välj en kategori.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run(db, "INSERT INTO ledger_mapping (account, cost_centre, category, subline) VALUES (?, ?, ?, ?)"
                         " ON CONFLICT (account, cost_centre) DO UPDATE SET category = excluded.category,"
                         " subline = excluded.subline", "tttt", account, cost_centre ? cost_centre : "", category,
                     subline ? subline : "") == DB_DONE &&
              tx_audit(db, v, "money:mapping", "ledger", 0,
                       json_pack("{s:s, s:s, s:s, s:s}", "account", account, "cost_centre", cost_centre ? cost_centre : "",
                                 "category", category, "subline", subline ? subline : ""));
    return tx_finish(db, ok, a, err);
}

bool money_mapping_remove(db_t *db, const viewer_t *v, int64_t id, arena_t *a, char **err)
{
    if (!access_may(v, CAP_LEDGER)) {
        *err = arena_strdup(a, "Bara ekonomifunktionen för kostnadsredovisningen.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run_int(db, 0, "DELETE FROM ledger_mapping WHERE id = ? RETURNING 1", "i", id) == 1 &&
              tx_audit(db, v, "money:mapping_remove", "ledger", id, json_object());
    return tx_finish(db, ok, a, err);
}

/* A cost to be kept: where it came from in the file, and where it goes. */
typedef struct cost {
    const char *key, *date, *account, *cost_centre, *category, *subline, *text, *voucher;
    int64_t amount;
} cost_t;

typedef struct import {
    arena_t *a;
    const char *filename;
    ledger_map_t *map;
    size_t nmap;
    const char **refs;       /* the product's payout references */
    size_t nrefs;
    cost_t *costs;
    size_t n, cap;
} import_t;

static const ledger_map_t *mapped(const import_t *im, const char *account, const char *cost_centre)
{
    const ledger_map_t *any = NULL;
    for (size_t i = 0; i < im->nmap; i++) {
        if (strcmp(im->map[i].account, account) != 0)
            continue;
        if (strcmp(im->map[i].cost_centre, cost_centre) == 0)
            return &im->map[i];
        if (!*im->map[i].cost_centre)
            any = &im->map[i];
    }
    return any;
}

/* A voucher that books a payout the product already holds (its reference in the
 * voucher's number or text) is not counted twice. */
static bool is_known_payout(const import_t *im, const char *voucher, const char *text)
{
    for (size_t i = 0; i < im->nrefs; i++)
        if (strcmp(voucher, im->refs[i]) == 0 || strstr(text, im->refs[i]))
            return true;
    return false;
}

/* Adds one row of the file: balance-sheet accounts (class 1 and 2) are skipped; every
 * other account must be mapped. NULL, or the message for the row. */
static const char *add_cost(import_t *im, const char *key, const char *date, const char *account,
                            const char *cost_centre, int64_t amount, const char *text, const char *voucher)
{
    if (account[0] == '1' || account[0] == '2')
        return NULL;
    const ledger_map_t *m = mapped(im, account, cost_centre);
    if (!m)
        return arena_printf(im->a, "Kontot %s%s%s finns inte i kontoplanens koppling till kostnadsslagen. Lägg till "
                                   "det under Koppling av konton (eller välj att det inte ingår).",
                            account, *cost_centre ? " med kostnadsställe " : "", cost_centre);
    cost_t *c = ARENA_PUSH(im->a, im->costs, im->n, im->cap);
    bool payout = is_known_payout(im, voucher, text);
    *c = (cost_t){key, date, account, cost_centre, payout ? "none" : m->category,
                  payout ? "Utbetalning som redan finns i Samverkan" : m->subline, text, voucher, amount};
    return NULL;
}

static bool read_sie(import_t *im, const char *data, size_t len, char **err)
{
    sie_file_t f;
    if (!sie_read(im->filename, data, len, im->a, &f, err))
        return false;
    for (size_t i = 0; i < f.ntrans; i++) {
        const sie_trans_t *t = &f.trans[i];
        const char *voucher = arena_printf(im->a, "%s %s", t->series, t->number);
        const char *key = arena_printf(im->a, "sie:%s:%s:%s:%d", t->series, t->number, t->voucher_date, t->index);
        const char *why = add_cost(im, key, t->date, t->account, t->cost_centre, t->amount, t->text, voucher);
        if (why) {
            *err = arena_printf(im->a, "%s: rad %zu, fältet konto i #TRANS: %s Inget sparades.", im->filename, t->line,
                                why);
            return false;
        }
    }
    return true;
}

enum { C_DATE, C_ACCOUNT, C_CENTRE, C_AMOUNT, C_TEXT, C_VOUCHER };
static const csv_column_t columns[] = {
    {"date", "datum|bokföringsdatum|transaktionsdatum", true},
    {"account", "konto", true},
    {"centre", "kostnadsställe|kst|ansvarsställe", false},
    {"amount", "belopp|belopp kr", true},
    {"text", "text|beskrivning|verifikationstext", false},
    {"voucher", "verifikation|verifikationsnummer|ver", false},
};

static bool cell_error(import_t *im, const csv_table_t *t, const csv_row_t *row, int col, const char *msg, char **err)
{
    *err = arena_printf(im->a, "%s: rad %zu, kolumn \"%s\": %s Inget sparades.", im->filename, row->line,
                        t->column_header[col] ? t->column_header[col] : columns[col].key, msg);
    return false;
}

static bool read_table(import_t *im, const char *data, size_t len, char **err)
{
    csv_table_t t;
    if (!csv_read_table(im->a, im->filename, data, len, columns, sizeof columns / sizeof *columns, &t, err))
        return false;
    for (size_t i = 0; i < t.nrows; i++) {
        const csv_row_t *row = &t.rows[i];
        const char *date = csv_field(&t, row, C_DATE), *account = csv_field(&t, row, C_ACCOUNT);
        long days;
        if (strlen(date) != 10 || !date_to_days(date, &days))
            return cell_error(im, &t, row, C_DATE, "Ange datum som ÅÅÅÅ-MM-DD.", err);
        if (!*account || strspn(account, "0123456789") != strlen(account))
            return cell_error(im, &t, row, C_ACCOUNT, "Kontot ska vara ett kontonummer med siffror.", err);
        int64_t amount;
        if (!money_parse_sv(csv_field(&t, row, C_AMOUNT), &amount))
            return cell_error(im, &t, row, C_AMOUNT, "Beloppet är inget belopp i kronor (till exempel -1 234,50).", err);
        const char *centre = csv_field(&t, row, C_CENTRE), *voucher = csv_field(&t, row, C_VOUCHER);
        /* The same row twice in one file is two costs; the same file twice is one. */
        const char *base = arena_printf(im->a, "csv:%s:%s:%s:%s:%lld", voucher, date, account, centre, (long long)amount);
        int seen = 0;
        for (size_t k = 0; k < im->n; k++)
            if (strncmp(im->costs[k].key, base, strlen(base)) == 0 && im->costs[k].key[strlen(base)] == '#')
                seen++;
        const char *why = add_cost(im, arena_printf(im->a, "%s#%d", base, seen), date, account, centre, amount,
                                   csv_field(&t, row, C_TEXT), voucher);
        if (why)
            return cell_error(im, &t, row, C_ACCOUNT, why, err);
    }
    return true;
}

bool money_ledger_import(db_t *db, const viewer_t *v, const char *filename, const char *data, size_t len,
                         arena_t *a, size_t *added, size_t *read, char **err)
{
    *added = *read = 0;
    if (!access_may(v, CAP_LEDGER)) {
        *err = arena_strdup(a, "Bara ekonomifunktionen läser in kostnader.");
        return false;
    }
    import_t im = {.a = a, .filename = filename};
    im.nmap = money_mapping(db, a, &im.map);
    db_stmt_t *st = db_prepare(db, "SELECT DISTINCT reference FROM payouts WHERE reference <> ''");
    size_t cap = 0;
    while (db_step(st) == DB_ROW)
        *ARENA_PUSH(a, im.refs, im.nrefs, cap) = db_col_str(st, 0, a);
    db_done(st);
    size_t skip = 0;
    while (skip < len && (data[skip] == ' ' || data[skip] == '\r' || data[skip] == '\n' || data[skip] == '\t'))
        skip++;
    bool sie = skip < len && data[skip] == '#';
    if (!(sie ? read_sie(&im, data, len, err) : read_table(&im, data, len, err)))
        return false;
    if (!im.n) {
        *err = arena_printf(a, "%s: filen har inga kostnader att läsa in. Inget sparades.", filename);
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = true;
    int64_t at = (int64_t)time(NULL);
    const char *who = v->name && *v->name ? v->name : v->email;
    for (size_t i = 0; i < im.n && ok; i++) {
        const cost_t *c = &im.costs[i];
        int year = (c->date[0] - '0') * 1000 + (c->date[1] - '0') * 100 + (c->date[2] - '0') * 10 + (c->date[3] - '0');
        int64_t r = db_run_int(db, -1, "INSERT INTO ledger_entries (source_key, year, booked_on, account, cost_centre,"
                                       " category, subline, amount_ore, text, voucher, file, imported_by, imported_at)"
                                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_key)"
                                       " DO NOTHING RETURNING 1",
                               "titttttitttti", c->key, (int64_t)year, c->date, c->account, c->cost_centre, c->category,
                               c->subline, c->amount, c->text, c->voucher, filename, who, at);
        ok = db_failure(db) == DB_FAIL_NONE;
        if (r == 1)
            (*added)++;
    }
    ok = ok && tx_audit(db, v, "money:import", "ledger", 0,
                        json_pack("{s:s, s:I, s:I}", "file", filename, "rows", (json_int_t)im.n, "added",
                                  (json_int_t)*added));
    if (!tx_finish(db, ok, a, err))
        return false;
    *read = im.n;
    return true;
}

void money_year_costs(db_t *db, int year, arena_t *a, money_cost_table_t *out)
{
    money_cost_sum_t *sums = NULL;
    size_t n = 0, cap = 0;
    db_stmt_t *st = db_prepare(db, "SELECT category, subline, SUM(amount_ore) FROM ledger_entries WHERE year = ?"
                                   " AND category <> 'none' GROUP BY category, subline ORDER BY category, subline");
    db_bind_int(st, 1, year);
    while (db_step(st) == DB_ROW)
        *ARENA_PUSH(a, sums, n, cap) = (money_cost_sum_t){db_col_str(st, 0, a), db_col_str(st, 1, a), db_col_int(st, 2)};
    db_done(st);
    /* The payouts approved in the product, by their appropriation. */
    char from[11], to[11];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    st = db_prepare(db, "SELECT g.appropriation, SUM(p.amount_ore) FROM payouts p JOIN grants g ON g.id = p.grant_id"
                        " WHERE p.state = 'approved' AND p.paid_date >= ? AND p.paid_date <= ? GROUP BY g.appropriation");
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, to);
    while (db_step(st) == DB_ROW)
        *ARENA_PUSH(a, sums, n, cap) = (money_cost_sum_t){strcmp(db_col_text(st, 0), "1:1") == 0 ? "services" : "grants",
                                                          "Utbetalt till huvudmän i Samverkan", db_col_int(st, 1)};
    db_done(st);
    int64_t forecast[MONEY_CATEGORIES] = {-1, -1, -1, -1};
    st = db_prepare(db, "SELECT category, amount_ore FROM ledger_forecasts WHERE year = ?");
    db_bind_int(st, 1, year);
    while (db_step(st) == DB_ROW)
        for (int k = 0; k < MONEY_CATEGORIES; k++)
            if (strcmp(db_col_text(st, 0), money_category_keys[k]) == 0)
                forecast[k] = db_col_int(st, 1);
    db_done(st);
    money_cost_table(year, sums, n, forecast, out);
}

bool money_forecast_set(db_t *db, const viewer_t *v, int year, const char *category, int64_t amount, arena_t *a,
                        char **err)
{
    if (!access_may(v, CAP_LEDGER)) {
        *err = arena_strdup(a, "Bara ekonomifunktionen sätter prognoser.");
        return false;
    }
    bool known = false;
    for (int k = 0; k < MONEY_CATEGORIES; k++)
        known = known || strcmp(category, money_category_keys[k]) == 0;
    if (!known || amount < 0) {
        *err = arena_strdup(a, "Välj en kategori och ange en prognos som inte är negativ.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run(db, "INSERT INTO ledger_forecasts (year, category, amount_ore) VALUES (?, ?, ?)"
                         " ON CONFLICT (year, category) DO UPDATE SET amount_ore = excluded.amount_ore",
                     "iti", (int64_t)year, category, amount) == DB_DONE &&
              tx_audit(db, v, "money:forecast", "ledger", year,
                       json_pack("{s:s, s:I}", "category", category, "amount_ore", (json_int_t)amount));
    return tx_finish(db, ok, a, err);
}

size_t money_years(db_t *db, arena_t *a, int **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT year FROM ledger_entries UNION SELECT year FROM ledger_forecasts"
                                   " ORDER BY 1 DESC");
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        *ARENA_PUSH(a, *out, n, cap) = (int)db_col_int(st, 0);
    db_done(st);
    return n;
}

bool money_year_known(db_t *db, int year)
{
    char from[11], to[11];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    return db_run_int(db, 0, "SELECT (SELECT COUNT(*) FROM ledger_entries WHERE year = ?) + (SELECT COUNT(*) FROM"
                             " ledger_forecasts WHERE year = ?) + (SELECT COUNT(*) FROM payouts WHERE state = 'approved'"
                             " AND paid_date >= ? AND paid_date <= ?)",
                      "iitt", (int64_t)year, (int64_t)year, from, to) > 0;
}
