/* model.c — the money's pure rules: a grant's balances, what a payout or a claim may be,
 * the names of appropriations, claims and cost categories, and the year's cost table. */
#include "money.h"
#include "../base/buf.h"
#include "../base/fmt.h"
#include <stdio.h>
#include <string.h>

money_balance_t money_balance(int64_t granted, int64_t planned, const money_payout_fact_t *p, size_t np,
                              const money_use_fact_t *u, size_t nu, const money_claim_fact_t *c, size_t nc)
{
    money_balance_t b = {.granted = granted, .planned = planned};
    for (size_t i = 0; i < np; i++) {
        if (p[i].approved)
            b.paid += p[i].amount;
        else
            b.pending += p[i].amount;
    }
    /* Use is reported cumulatively: per line the latest as_of counts (the last given of
     * equal dates). */
    for (size_t i = 0; i < nu; i++) {
        bool latest = true;
        for (size_t k = 0; k < nu && latest; k++)
            if (k != i && u[k].line_id == u[i].line_id) {
                int cmp = strcmp(u[k].as_of, u[i].as_of);
                latest = cmp < 0 || (cmp == 0 && k < i);
            }
        if (latest)
            b.used += u[i].amount;
    }
    b.unused = b.paid > b.used ? b.paid - b.used : 0;
    for (size_t i = 0; i < nc; i++) {
        if (strcmp(c[i].state, "written_off") == 0) {
            b.written_off += c[i].amount;
            continue;
        }
        b.claimed += c[i].amount;
        if (strcmp(c[i].state, "paid") == 0)
            b.repaid += c[i].amount;
        else
            b.open += c[i].amount;
    }
    return b;
}

static const char *kr(int64_t ore, char *tmp, size_t size)
{
    buf_t b = BUF_INIT;
    fmt_money_sv(&b, ore);
    snprintf(tmp, size, "%s", buf_cstr(&b));
    buf_free(&b);
    return tmp;
}

bool money_payout_allowed(const money_balance_t *b, int64_t amount, char *why, size_t size)
{
    char t[64];
    if (amount <= 0) {
        snprintf(why, size, "Ange ett belopp större än noll.");
        return false;
    }
    int64_t left = b->granted - b->paid - b->pending;
    if (amount > left) {
        snprintf(why, size, "Beloppet är större än det som återstår att betala ut av det beviljade (%s).",
                 kr(left > 0 ? left : 0, t, sizeof t));
        return false;
    }
    return true;
}

bool money_claim_allowed(const money_balance_t *b, int64_t amount, char *why, size_t size)
{
    char t[64];
    if (amount <= 0) {
        snprintf(why, size, "Ange ett belopp större än noll.");
        return false;
    }
    int64_t left = b->paid - b->claimed;
    if (amount > left) {
        snprintf(why, size, "Beloppet är större än det utbetalda som inte redan krävs tillbaka (%s).",
                 kr(left > 0 ? left : 0, t, sizeof t));
        return false;
    }
    return true;
}

const char *const money_appropriation_keys[] = {"1:5", "1:1", NULL};

const char *money_appropriation_label(const char *key)
{
    if (key && strcmp(key, "1:5") == 0)
        return "Anslag 1:5 (sakanslag: bidrag och köpta utbildningstjänster)";
    if (key && strcmp(key, "1:1") == 0)
        return "Anslag 1:1 (förvaltningsanslag: Skolverkets egna kostnader)";
    return "";
}

const char *const money_claim_kind_keys[] = {"repayment", "claim", NULL};

const char *money_claim_kind_label(const char *key)
{
    return key && strcmp(key, "claim") == 0 ? "Återkrav" : "Återbetalning av oförbrukade medel";
}

const char *money_claim_state_label(const char *state)
{
    if (state && strcmp(state, "paid") == 0)
        return "Betald";
    if (state && strcmp(state, "written_off") == 0)
        return "Avskriven";
    return "Beslutad, obetald";
}

const char *const money_category_keys[] = {"team", "grants", "services", "evaluation", "none", NULL};

const char *money_category_label(const char *key)
{
    static const char *const labels[] = {
        "Teamkostnader",
        "Insatser för huvudmän och skolenheter: lämnade bidrag samt köpta tjänster (sakanslag)",
        "Insatser för huvudmän och skolenheter: köpta tjänster, kommunikation, resor m.m.",
        "Utvärdering",
        "Ingår inte i kostnaderna",
    };
    for (int i = 0; money_category_keys[i]; i++)
        if (key && strcmp(key, money_category_keys[i]) == 0)
            return labels[i];
    return "";
}

void money_cost_table(int year, const money_cost_sum_t *sums, size_t n, const int64_t *forecast,
                      money_cost_table_t *out)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    for (int k = 0; k < MONEY_CATEGORIES; k++) {
        money_cost_row_t *r = &out->rows[k];
        r->category = money_category_keys[k];
        r->label = money_category_label(r->category);
        r->forecast = forecast ? forecast[k] : -1;
        for (size_t i = 0; i < n; i++) {
            if (strcmp(sums[i].category, r->category) != 0)
                continue;
            r->outcome += sums[i].amount;
            if (*sums[i].subline && r->nsublines < sizeof r->sublines / sizeof r->sublines[0])
                r->sublines[r->nsublines++] = &sums[i];
        }
        out->total += r->outcome;
        if (r->forecast > 0)
            out->total_forecast += r->forecast;
    }
}
