/* model.c — the university's documents: their kinds and headings, a term's name, what is
 * missing before a submission. */
#include "commission.h"
#include <ctype.h>
#include <string.h>

static const commission_kind_t kinds[] = {
    {"effort_plan", "Insatsplan", false, 5,
     {"basis", "goals", "content", "schedule", "followup"},
     {"Utgångspunkt i åtgärdsplanen", "Mål för insatserna", "Innehåll och arbetsformer", "Tidsplan",
      "Uppföljning och avstämning"},
     {"Vilka av åtgärdsplanens insatser lärosätet bär, och varför.", "Vad insatserna ska leda till, mätbart där det går.",
      "Vilka innehållsdelar som ingår; planen hålls övergripande så att den kan anpassas efter hand.",
      "När insatserna genomförs under perioden.", "Hur resultatet stäms av med huvudmannen och Skolverket."}},
    {"commission_plan", "Uppdragsplan", false, 5,
     {"commission", "efforts", "team", "schedule", "reporting"},
     {"Uppdraget", "Insatser som lärosätet genomför", "Team och ansvar", "Tidsplan", "Uppföljning och rapportering"},
     {"Uppdraget från Skolverket så som lärosätet förstår det.", "Insatserna med målgrupp och omfattning.",
      "Teamledare, utbildningsledare och vem som ansvarar för vad.", "Perioder, besök och avstämningar.",
      "Del- och slutrapporter och hur uppföljningen går till."}},
    {"interim", "Delrapport", true, 4,
     {"done", "results", "changes", "next"},
     {"Genomfört under perioden", "Resultat och reflektioner", "Förändringar i planen", "Fortsatt arbete"},
     {"Vad lärosätet har genomfört: insatser, besök, träffar.", "Vad deltagarnas reflektioner och underlagen visar.",
      "Vad som har ändrats i insats- eller uppdragsplanen, och varför.", "Vad som görs kommande period."}},
    {"final", "Slutrapport", false, 5,
     {"done", "outcome", "capacity", "lessons", "recommendations"},
     {"Genomförda insatser", "Utfall mot målen", "Förbättringskapacitet vid start och slut", "Lärdomar",
      "Rekommendationer för det fortsatta arbetet"},
     {"Insatserna under hela perioden.", "Utfallet mot de formulerade målen i åtgärdsplanen och uppdragsplanen.",
      "Kartläggningen i starten jämförd med den vid slutet.", "Vad parterna tar med sig.",
      "Vad huvudmannen bör fortsätta med, och hur."}},
    {"lessons", "Lärdomar från insatser", false, 3,
     {"worked", "difficulties", "next_time"},
     {"Det som fungerade", "Svårigheter och hur de hanterades", "Att ta med till nästa samverkan"},
     {"Framgångsfaktorer i insatserna.", "Vad som var svårt och vad som gjordes åt det.",
      "Lärdomar för lärosätet, Skolverket och kommande huvudmän."}},
};

const char *const commission_kind_keys[] = {"effort_plan", "commission_plan", "interim", "final", "lessons", NULL};

const commission_kind_t *commission_kind(const char *key)
{
    for (size_t i = 0; key && i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].key, key) == 0)
            return &kinds[i];
    return NULL;
}

bool commission_term_valid(const char *term)
{
    if (!term || strlen(term) != 6)
        return false;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)term[i]))
            return false;
    return (term[0] == '1' || term[0] == '2') && (strcmp(term + 4, "VT") == 0 || strcmp(term + 4, "HT") == 0);
}

const char *commission_title(const commission_kind_t *k, const char *term, arena_t *a)
{
    if (k->per_term && commission_term_valid(term))
        return arena_printf(a, "%s %s %.4s", k->label, term + 4, term);
    return k->label;
}

size_t commission_missing(const commission_kind_t *k, const char *const *texts, arena_t *a, const char ***out)
{
    size_t n = 0;
    *out = arena_alloc(a, COMMISSION_MAX_HEADINGS * sizeof **out);
    for (size_t i = 0; i < k->nheadings; i++) {
        const char *t = texts[i] ? texts[i] : "";
        while (*t && isspace((unsigned char)*t))
            t++;
        if (!*t)
            (*out)[n++] = arena_printf(a, "Rubriken ”%s” är tom.", k->titles[i]);
    }
    return n;
}

const char *commission_state_label(const char *state)
{
    if (state && strcmp(state, "submitted") == 0)
        return "Inlämnad, väntar på Skolverket";
    if (state && strcmp(state, "returned") == 0)
        return "Återsänd för komplettering";
    if (state && strcmp(state, "accepted") == 0)
        return "Godkänd";
    return "Utkast";
}
