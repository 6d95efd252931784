/* model.c — the plan's vocabulary, the completeness check and the chain from problem to
 * indicator. Both rules take plain facts (plans.h) and no database. */
#include "plans.h"
#include "../base/vec.h"
#include <string.h>

const char *const plan_provider_keys[] = {"organiser", "university", "programme", NULL};

const char *plan_provider_label(const char *provider)
{
    if (!provider)
        return "";
    if (strcmp(provider, "organiser") == 0)
        return "Huvudmannen själv";
    if (strcmp(provider, "university") == 0)
        return "Lärosäte";
    if (strcmp(provider, "programme") == 0)
        return "Skolverkets nationella skolutvecklingsprogram";
    return provider;
}

const char *const plan_funding_keys[] = {"funded", "declined", NULL};

const char *plan_funding_label(const char *funding)
{
    if (!funding || !*funding)
        return "Inte beslutat";
    if (strcmp(funding, "funded") == 0)
        return "Finansieras";
    if (strcmp(funding, "declined") == 0)
        return "Finansieras inte";
    return funding;
}

const char *const intervention_state_keys[] = {"planned", "running", "done", "changed", "dropped", NULL};

const char *intervention_state_label(const char *state)
{
    static const char *const labels[] = {"Inte påbörjad", "Pågår", "Genomförd", "Ändrad", "Avbruten"};
    for (size_t i = 0; state && intervention_state_keys[i]; i++)
        if (strcmp(state, intervention_state_keys[i]) == 0)
            return labels[i];
    return state ? state : "";
}

static size_t causes_answered_by(const plan_facts_t *f, int64_t intervention_id)
{
    size_t n = 0;
    for (size_t i = 0; i < f->nlinks; i++)
        n += f->links[i].intervention_id == intervention_id && f->links[i].cause_id != 0;
    return n;
}

static bool problem_answered(const plan_facts_t *f, int64_t problem_id)
{
    for (size_t i = 0; i < f->nlinks; i++)
        if (f->links[i].problem_id == problem_id)
            return true;
    return false;
}

static size_t indicators_of(const plan_facts_t *f, int64_t intervention_id)
{
    size_t n = 0;
    for (size_t i = 0; i < f->nindicators; i++)
        n += f->indicators[i].intervention_id == intervention_id;
    return n;
}

static bool blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

size_t plan_missing(const plan_facts_t *f, arena_t *a, const char ***out)
{
    const char **list = NULL;
    size_t n = 0, cap = 0;
    if (!f->ninterventions)
        *ARENA_PUSH(a, list, n, cap) = "Planen har inga insatser.";
    for (size_t i = 0; i < f->ninterventions; i++) {
        const intervention_t *iv = &f->interventions[i];
        if (!causes_answered_by(f, iv->id))
            *ARENA_PUSH(a, list, n, cap) = arena_printf(a, "Insatsen \"%s\" svarar inte mot någon orsak.", iv->title);
        if (blank(iv->goals))
            *ARENA_PUSH(a, list, n, cap) = arena_printf(a, "Insatsen \"%s\" har inga mål.", iv->title);
        else if (!indicators_of(f, iv->id))
            *ARENA_PUSH(a, list, n, cap) = arena_printf(a, "Målen för insatsen \"%s\" har ingen indikator.", iv->title);
        if (iv->cost < 0)
            *ARENA_PUSH(a, list, n, cap) = arena_printf(a, "Insatsen \"%s\" saknar kostnad.", iv->title);
    }
    for (size_t i = 0; i < f->nproblems; i++) {
        const plan_problem_t *p = &f->problems[i];
        if (!problem_answered(f, p->id) && blank(p->unanswered_reason))
            *ARENA_PUSH(a, list, n, cap) = arena_printf(a, "Ingen insats svarar mot problemet \"%s\"; lägg till en "
                                                           "insats eller skriv varför.", p->title);
    }
    *out = list;
    return n;
}

static trace_row_t *row(arena_t *a, trace_row_t **rows, size_t *n, size_t *cap, const plan_problem_t *p)
{
    trace_row_t *r = ARENA_PUSH(a, *rows, *n, *cap);
    memset(r, 0, sizeof *r);
    r->problem = p->title;
    r->problem_id = p->id;
    r->cause_kind = r->cause = r->intervention = r->goal = r->indicator = r->gap = "";
    return r;
}

size_t plan_trace(const plan_facts_t *f, arena_t *a, trace_row_t **out)
{
    trace_row_t *rows = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < f->nproblems; i++) {
        const plan_problem_t *p = &f->problems[i];
        size_t causes = 0;
        for (size_t k = 0; k < f->ncauses; k++) {
            const plan_cause_t *c = &f->causes[k];
            if (c->problem_id != p->id)
                continue;
            causes++;
            size_t answered = 0;
            for (size_t l = 0; l < f->nlinks; l++) {
                if (f->links[l].cause_id != c->id)
                    continue;
                const intervention_t *iv = NULL;
                for (size_t j = 0; j < f->ninterventions && !iv; j++)
                    if (f->interventions[j].id == f->links[l].intervention_id)
                        iv = &f->interventions[j];
                if (!iv)
                    continue;
                answered++;
                size_t indicators = 0;
                for (size_t x = 0; x <= f->nindicators; x++) {
                    const indicator_t *ind = x < f->nindicators ? &f->indicators[x] : NULL;
                    if (ind && ind->intervention_id != iv->id)
                        continue;
                    if (!ind && indicators)
                        break; /* the end: a row without indicator only when there was none */
                    trace_row_t *r = row(a, &rows, &n, &cap, p);
                    r->cause_kind = c->kind;
                    r->cause = c->text;
                    r->cause_id = c->id;
                    r->intervention = iv->title;
                    r->intervention_id = iv->id;
                    r->goal = iv->goals ? iv->goals : "";
                    if (ind) {
                        indicators++;
                        r->indicator = ind->measure;
                        r->indicator_id = ind->id;
                    }
                    r->gap = blank(r->goal) ? "Mål saknas" : !ind ? "Indikator saknas" : "";
                }
            }
            if (!answered) {
                trace_row_t *r = row(a, &rows, &n, &cap, p);
                r->cause_kind = c->kind;
                r->cause = c->text;
                r->cause_id = c->id;
                r->gap = "Ingen insats";
            }
        }
        if (!causes) {
            trace_row_t *r = row(a, &rows, &n, &cap, p);
            r->gap = blank(p->unanswered_reason) ? "Orsak saknas" : "";
        }
        /* A problem left unanswered on purpose shows the reason instead of a gap. */
        if (!problem_answered(f, p->id) && !blank(p->unanswered_reason))
            for (size_t r = 0; r < n; r++)
                if (rows[r].problem_id == p->id)
                    rows[r].gap = arena_printf(a, "Medvetet obesvarat: %s", p->unanswered_reason);
    }
    *out = rows;
    return n;
}
