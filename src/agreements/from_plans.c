/* from_plans.c — the ÖK2 drafted from the funded interventions of the case's approved
 * plans: each listed with the unit or level, provider, period and amount, the agency's
 * funding the sum of them, the period from the first start to the last end, and the
 * agency's standard texts in the other sections. The agency then edits and sends it as
 * any other draft; its PDF carries the approved plans as attachment. */
#include "parts.h"
#include "../base/fmt.h"
#include "../plans/plans.h"
#include <string.h>

/* The "interventions" section's text: one paragraph per funded intervention. */
static const char *interventions_text(const funded_intervention_t *f, size_t n, int64_t total, arena_t *a)
{
    buf_t b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const intervention_t *x = &f[i].iv;
        const char *who = strcmp(x->provider, "programme") == 0 ? x->programme : x->provider_name;
        buf_printf(&b, "%zu. %s (%s). Utförare: %s%s%s. Period: %s – %s. Belopp: %s.\n", i + 1, x->title,
                   f[i].plan_name, plan_provider_label(x->provider), *who ? ", " : "", who,
                   *x->start_date ? x->start_date : "–", *x->end_date ? x->end_date : "–",
                   fmt_kronor_in(a, x->cost > 0 ? x->cost : 0));
    }
    buf_printf(&b, "\nSumma: %s. Åtgärdsplanerna som insatserna kommer från är bilagor till överenskommelsen.",
               fmt_kronor_in(a, total));
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

int64_t agreements_draft_ok2(db_t *db, const viewer_t *v, const case_row_t *c, arena_t *a, char **err)
{
    funded_intervention_t *f;
    size_t n = plans_funded(db, c, a, &f);
    if (!n) {
        *err = arena_strdup(a, "Ingen insats finansieras än: Skolverket beslutar om finansiering på de godkända "
                               "åtgärdsplanerna först.");
        return 0;
    }
    agreement_content_t content = {0};
    agreement_texts_t standard;
    if (agreement_texts_get(db, AGR_OK2, 0, a, &standard))
        for (size_t i = 0; i < sizeof content.sections / sizeof content.sections[0]; i++)
            content.sections[i] = standard.sections[i];
    int64_t total = 0;
    const char *from = NULL, *to = NULL;
    for (size_t i = 0; i < n; i++) {
        total += f[i].iv.cost > 0 ? f[i].iv.cost : 0;
        if (*f[i].iv.start_date && (!from || strcmp(f[i].iv.start_date, from) < 0))
            from = f[i].iv.start_date;
        if (*f[i].iv.end_date && (!to || strcmp(f[i].iv.end_date, to) > 0))
            to = f[i].iv.end_date;
    }
    content.period_from = from ? from : c->start_date;
    content.period_to = to ? to : c->planned_end;
    if (strcmp(content.period_to, content.period_from) < 0)
        content.period_to = content.period_from;
    content.amount_ore = total * 100;
    if (total > 0) {
        content.npayouts = 1; /* the whole at the start; the agency divides it as it decides */
        content.payouts[0].date = content.period_from;
        content.payouts[0].amount_ore = content.amount_ore;
    }
    size_t ns;
    const agreement_section_t *s = agreement_sections(AGR_OK2, &ns);
    for (size_t i = 0; i < ns; i++)
        if (strcmp(s[i].key, "interventions") == 0)
            content.sections[i] = interventions_text(f, n, total, a);
    return agreements_create(db, v, c, AGR_OK2, 0, &content, a, err);
}
