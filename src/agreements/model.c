/* agreement_model.c — what each kind of agreement contains (SPEC.md §3), the checks on
 * its content, its JSON form, and a word-level difference between two versions. */
#include "agreements.h"
#include "../base/alloc.h"
#include "../base/validate.h"
#include "../html/html.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const agreement_kind_keys[] = {"ok1", "ok2", "supplementary", "university", NULL};
static const char *const kind_labels[AGR_KIND_COUNT] = {"Överenskommelse 1 (ÖK1)", "Överenskommelse 2 (ÖK2)",
                                                        "Tilläggsöverenskommelse", "Överenskommelse med lärosäte"};
const char *const agreement_state_keys[] = {"draft", "for_signature", "signed", "closed", NULL};
static const char *const state_labels[AGS_COUNT] = {"Utkast", "För underskrift", "Undertecknad", "Avslutad"};

const char *agreement_kind_label(agreement_kind_t k) { return k < AGR_KIND_COUNT ? kind_labels[k] : ""; }
const char *agreement_state_label(agreement_state_t s) { return s < AGS_COUNT ? state_labels[s] : ""; }

agreement_kind_t agreement_kind_from_key(const char *key)
{
    for (int i = 0; key && i < AGR_KIND_COUNT; i++)
        if (strcmp(agreement_kind_keys[i], key) == 0)
            return (agreement_kind_t)i;
    return AGR_KIND_COUNT;
}

agreement_state_t agreement_state_from_key(const char *key)
{
    for (int i = 0; key && i < AGS_COUNT; i++)
        if (strcmp(agreement_state_keys[i], key) == 0)
            return (agreement_state_t)i;
    return AGS_COUNT;
}

static const agreement_section_t ok1_sections[] = {
    {"purpose", "Syfte och period", "Vad överenskommelsen gäller: analysfasen, nulägesanalysen och åtgärdsplanen.", true},
    {"agency", "Skolverkets åtaganden", "Processtöd, analysgruppernas möten, stöd till nulägesanalysen.", true},
    {"organiser", "Huvudmannens åtaganden", "Analysgrupper, tid för arbetet, underlag, deltagande i möten.", true},
    {"funding", "Medel och utbetalning", "Vad medlen får användas till och när de betalas ut.", true},
    {"reporting", "Redovisning av medel", "Hur och när använda medel redovisas.", true},
    {"repayment", "Återbetalning", "Hur outnyttjade medel redovisas och betalas tillbaka.", true},
    {"claims", "Återkrav vid brister", "Vad som händer om åtagandena inte fullföljs.", true},
    {"evaluations", "Utvärderingar", "Utvärderingar som huvudmannen medverkar i.", true},
    {"changes", "Ändringar", "Hur överenskommelsen ändras.", true},
};
static const agreement_section_t ok2_sections[] = {
    {"purpose", "Syfte och period", "Genomförandefasen enligt åtgärdsplanen.", true},
    {"interventions", "Insatser som Skolverket finansierar", "Insats, genomförare, period och kostnad.", true},
    {"agency", "Skolverkets åtaganden", NULL, true},
    {"organiser", "Huvudmannens åtaganden", NULL, true},
    {"funding", "Villkor för medlen", NULL, true},
    {"reporting", "Delredovisning och slutredovisning", "En delredovisning varje termin och en slutredovisning.", true},
    {"repayment", "Återbetalning", NULL, true},
    {"claims", "Återkrav vid brister", NULL, true},
    {"evaluations", "Utvärderingar", NULL, true},
    {"changes", "Ändringar", "Ändringar görs genom tilläggsöverenskommelser.", true},
};
static const agreement_section_t supplementary_sections[] = {
    {"background", "Bakgrund", "Uppföljningsmötet eller det som föranleder ändringen.", true},
    {"changes_made", "Ändringar", "Vilka insatser som ändras, läggs till eller tas bort, och vad som gäller i stället.", true},
    {"funding", "Medel", NULL, false},
    {"other", "Övrigt", "Allt annat i den tidigare överenskommelsen gäller oförändrat.", false},
};
static const agreement_section_t university_sections[] = {
    {"purpose", "Uppdrag", "Vilka insatser lärosätet genomför hos huvudmannen.", true},
    {"university", "Lärosätets åtaganden", "Team, teamledare, omfattning (ungefär en dag i månaden på plats).", true},
    {"agency", "Skolverkets åtaganden", NULL, true},
    {"funding", "Ersättning och utbetalning", NULL, true},
    {"reporting", "Redovisning", NULL, false},
    {"changes", "Ändringar", NULL, false},
};

const agreement_section_t *agreement_sections(agreement_kind_t k, size_t *n)
{
    switch (k) {
    case AGR_OK1: *n = sizeof ok1_sections / sizeof *ok1_sections; return ok1_sections;
    case AGR_OK2: *n = sizeof ok2_sections / sizeof *ok2_sections; return ok2_sections;
    case AGR_SUPPLEMENTARY: *n = sizeof supplementary_sections / sizeof *supplementary_sections;
        return supplementary_sections;
    case AGR_UNIVERSITY: *n = sizeof university_sections / sizeof *university_sections; return university_sections;
    default: *n = 0; return NULL;
    }
}

const char *agreement_missing_sections(agreement_kind_t k, const agreement_content_t *c, arena_t *a)
{
    size_t n, missing = 0;
    const agreement_section_t *s = agreement_sections(k, &n);
    for (size_t i = 0; i < n; i++)
        missing += s[i].required && (!c->sections[i] || !*c->sections[i]);
    if (!missing)
        return NULL;
    buf_t b = BUF_INIT;
    size_t written = 0;
    for (size_t i = 0; i < n; i++) {
        if (!s[i].required || (c->sections[i] && *c->sections[i]))
            continue;
        written++;
        buf_printf(&b, "%s%s", written == 1 ? "" : written == missing ? " och " : ", ", s[i].label);
    }
    const char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

bool agreement_content_check(agreement_kind_t k, const agreement_content_t *c, const char **field, char *why,
                             size_t size)
{
    (void)k;
    if (!c->period_from || !validate_date(c->period_from)) {
        *field = "period_from";
        snprintf(why, size, "Ange periodens första dag som ÅÅÅÅ-MM-DD.");
        return false;
    }
    if (!c->period_to || !validate_date(c->period_to) || strcmp(c->period_to, c->period_from) < 0) {
        *field = "period_to";
        snprintf(why, size, "Ange periodens sista dag (ÅÅÅÅ-MM-DD), samma dag som första dagen eller senare.");
        return false;
    }
    if (c->amount_ore < 0) {
        *field = "amount";
        snprintf(why, size, "Beloppet kan inte vara negativt.");
        return false;
    }
    int64_t sum = 0;
    for (size_t i = 0; i < c->npayouts; i++) {
        const char *d = c->payouts[i].date;
        if (!d || !validate_date(d) || strcmp(d, c->period_from) < 0 || strcmp(d, c->period_to) > 0) {
            *field = "payout_date1";
            snprintf(why, size, "Utbetalning %zu: datumet ska ligga inom perioden %s – %s.", i + 1, c->period_from,
                     c->period_to);
            return false;
        }
        if (c->payouts[i].amount_ore <= 0) {
            *field = "payout_amount1";
            snprintf(why, size, "Utbetalning %zu: beloppet ska vara större än 0.", i + 1);
            return false;
        }
        sum += c->payouts[i].amount_ore;
    }
    if (c->npayouts && sum != c->amount_ore) {
        *field = "amount";
        snprintf(why, size, "Utbetalningarna summerar till %lld kr men beloppet är %lld kr.", (long long)(sum / 100),
                 (long long)(c->amount_ore / 100));
        return false;
    }
    return true;
}

char *agreement_content_json(agreement_kind_t k, const agreement_content_t *c)
{
    size_t n;
    const agreement_section_t *s = agreement_sections(k, &n);
    json_t *sections = json_object(), *payouts = json_array();
    for (size_t i = 0; i < n; i++)
        json_object_set_new(sections, s[i].key, json_string(c->sections[i] ? c->sections[i] : ""));
    for (size_t i = 0; i < c->npayouts; i++)
        json_array_append_new(payouts, json_pack("{s:s, s:I}", "date", c->payouts[i].date, "amount_ore",
                                                 (json_int_t)c->payouts[i].amount_ore));
    json_t *j = json_pack("{s:s, s:s, s:I, s:o, s:o}", "period_from", c->period_from ? c->period_from : "", "period_to",
                          c->period_to ? c->period_to : "", "amount_ore", (json_int_t)c->amount_ore, "payouts", payouts,
                          "sections", sections);
    char *text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    return text;
}

static const char *str(json_t *o, const char *key, arena_t *a)
{
    const char *s = json_string_value(json_object_get(o, key));
    return arena_strdup(a, s ? s : "");
}

bool agreement_content_parse(agreement_kind_t k, const char *text, arena_t *a, agreement_content_t *c)
{
    memset(c, 0, sizeof *c);
    json_t *j = json_loads(text ? text : "", 0, NULL);
    if (!json_is_object(j)) {
        json_decref(j);
        return false;
    }
    c->period_from = str(j, "period_from", a);
    c->period_to = str(j, "period_to", a);
    c->amount_ore = json_integer_value(json_object_get(j, "amount_ore"));
    json_t *p = json_object_get(j, "payouts");
    for (size_t i = 0; i < json_array_size(p) && i < AGREEMENT_MAX_PAYOUTS; i++) {
        c->payouts[i].date = str(json_array_get(p, i), "date", a);
        c->payouts[i].amount_ore = json_integer_value(json_object_get(json_array_get(p, i), "amount_ore"));
        c->npayouts++;
    }
    size_t n;
    const agreement_section_t *s = agreement_sections(k, &n);
    json_t *sections = json_object_get(j, "sections");
    for (size_t i = 0; i < n; i++)
        c->sections[i] = str(sections, s[i].key, a);
    json_decref(j);
    return true;
}

