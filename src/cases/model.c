/* model.c — the case's phases (SPEC.md §3) and the rules for moving between them. The
 * offer and the answer live in the selection round; a case begins when the organiser
 * accepts. Each phase but the first has a requirement that the move into it checks. */
#include "cases.h"
#include "../base/date.h"
#include <stdio.h>
#include <string.h>

const char *const case_phase_keys[] = {"accepterad", "ok1", "nulagesanalys", "atgardsplan", "ok2",
                                       "genomforande", "slutredovisning", "avslutad", NULL};
static const char *const labels[PHASE_COUNT] = {"Accepterad", "ÖK1", "Nulägesanalys", "Åtgärdsplan",
                                                "ÖK2", "Genomförande", "Slutredovisning", "Avslutad"};

const char *case_phase_key(case_phase_t p) { return p < PHASE_COUNT ? case_phase_keys[p] : ""; }
const char *case_phase_label(case_phase_t p) { return p < PHASE_COUNT ? labels[p] : ""; }

case_phase_t case_phase_from_key(const char *key)
{
    for (int i = 0; key && i < PHASE_COUNT; i++)
        if (strcmp(case_phase_keys[i], key) == 0)
            return (case_phase_t)i;
    return PHASE_COUNT;
}

/* The requirement for entering phase p, or NULL when it is met. */
static const char *unmet(case_phase_t p, const case_facts_t *f)
{
    switch (p) {
    case PHASE_OK1:
        if (f->units < 1 && !f->organiser_level_only)
            return "ärendet har ingen vald enhet";
        if (f->supporters < 2)
            return "två processtödjare ska vara tilldelade innan ÖK1 tas fram";
        if (!f->support_decided)
            return "Skolverkets beslut om stöd är inte registrerat";
        return NULL;
    case PHASE_ANALYSIS: return f->ok1_signed ? NULL : "ÖK1 är inte undertecknad";
    case PHASE_PLAN:
        return f->analysis_done ? NULL : *f->analysis_missing ? f->analysis_missing : "nulägesanalysen är inte klar";
    case PHASE_OK2: return f->plan_done ? NULL : *f->plan_missing ? f->plan_missing : "åtgärdsplanen är inte klar";
    case PHASE_DELIVERY: return f->ok2_signed ? NULL : "ÖK2 är inte undertecknad";
    case PHASE_FINAL_REPORT: return NULL;
    case PHASE_CLOSED: return f->final_report ? NULL : "slutredovisningen är inte inlämnad";
    default: return NULL;
    }
}

bool case_move_allowed(case_phase_t from, case_phase_t to, const case_facts_t *f, bool allow_back, char *why,
                       size_t size)
{
    if (from >= PHASE_COUNT || to >= PHASE_COUNT) {
        snprintf(why, size, "Okänd fas.");
        return false;
    }
    if (to == from) {
        snprintf(why, size, "Ärendet är redan i fasen %s.", labels[to]);
        return false;
    }
    if (to < from) {
        if (allow_back && to + 1 == from)
            return true;
        snprintf(why, size, allow_back ? "Ett ärende kan bara flyttas tillbaka ett steg åt gången (till %s)."
                                       : "Bara myndighetens urvalsanalytiker och administratörer kan flytta ett ärende "
                                         "tillbaka (till %s).",
                 labels[from - 1]);
        return false;
    }
    if (to > from + 1) {
        /* Name the first step that would be skipped, and what it waits for. */
        case_phase_t next = from + 1;
        const char *need = unmet(next, f);
        snprintf(why, size, "Ärendet kan inte hoppa över %s%s%s.", labels[next], need ? ": " : "", need ? need : "");
        return false;
    }
    const char *need = unmet(to, f);
    if (need) {
        snprintf(why, size, "Ärendet kan inte gå till %s: %s.", labels[to], need);
        return false;
    }
    return true;
}

bool case_planned_end(const char *start, char out[11])
{
    return date_add_years(start, 3, out);
}
