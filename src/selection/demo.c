/* demo.c — a selection year for the demo: the sample delivery from
 * Skolinspektionen (real units, invented decisions), a criteria set, a decided spring
 * round whose offers are partly answered, and an open autumn round to work in. */
#include "parts.h"
#include "criteria.h"
#include "rounds.h"
#include "../register/register.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

typedef struct embedded_file {
    const char *name;
    const unsigned char *data;
    size_t size;
} embedded_file_t;
extern const embedded_file_t demo_samples[];
extern const size_t demo_samples_count;

static bool import_sample(db_t *db, const char *name, const char *kind, FILE *out)
{
    for (size_t i = 0; i < demo_samples_count; i++) {
        if (strcmp(demo_samples[i].name, name) != 0)
            continue;
        arena_t a = ARENA_INIT;
        reg_import_result_t r;
        char *err = NULL;
        bool ok = register_import_data(db, &viewer_cli, kind, name, (const char *)demo_samples[i].data, demo_samples[i].size,
                                  0, &a, &r, &err);
        if (ok)
            fprintf(out, "  %-20s %-36s %6lld rader\n", kind, name, r.rows_read);
        else
            fprintf(out, "  %s: %s\n", kind, err);
        arena_free(&a);
        return ok;
    }
    return false;
}

static int64_t criteria_set(db_t *db, arena_t *a)
{
    static const criterion_in_t c[] = {
        {"merit17", -1, 2, 220},
        {"eligible_voc", -1, 1, NAN},
        {"parents_post_sec", -1, 1, NAN},
    };
    char *err = NULL;
    return criteria_sets_create(db, &viewer_cli, "Låga resultat och svåra förutsättningar",
                                "Meritvärde och behörighet väger tyngst; bakgrunden visar förutsättningarna.", c, 3, a,
                                &err);
}

/* An organiser's answer, given by an invented person at the organiser (no account). */
static void answer(db_t *db, int64_t round, const char *orgnr, bool accept, const char *reason, const char *email,
                   arena_t *a)
{
    int64_t org = register_organiser_id(db, orgnr);
    int64_t offer = db_run_int(db, 0, "SELECT id FROM offers WHERE round_id = ? AND organiser_id = ?", "ii", round, org);
    viewer_t v = {.role = role_from_key("organiser"), .organiser_id = org, .email = email, .name = email};
    char *err = NULL;
    offers_answer(db, &v, offer, accept, reason, a, &err);
}

void selection_demo(demo_t *d)
{
    db_t *db = d->db;
    FILE *out = d->out;
    /* The samples name real units: without the register files there is nothing to select. */
    if (!d->data_dir)
        return;
    if (!import_sample(db, "skolinspektionen-urval.csv", "inspection", out) ||
        !import_sample(db, "skolinspektionen-forskola.csv", "preschool-inspection", out))
        return;
    arena_t a = ARENA_INIT;
    char *err = NULL;
    int64_t set = criteria_set(db, &a);
    int64_t spring = rounds_create(db, &viewer_cli, "Urval våren 2026", "2026-05-04", &a, &err);
    round_inputs_t in = {2025, 2024, 2025, "2026-01-01", "2026-04-30", set, "degree_share,children_per_staff", "",
                         "merit17", "foreign_bg,parents_post_sec", true};
    const char *field = NULL;
    bool ok = spring && rounds_freeze(db, &viewer_cli, spring, &in, &a, &err, &field);
    /* The analysts' own notes, and the motivation each organiser reads in its offer. */
    static const struct { const char *code, *ranking, *reason, *public_reason; } picks[] = {
        {"47120557", "inspection", "Föreläggande vid vite i fyra arbetsområden; resultaten långt under förväntat.",
         "Skolinspektionen har förelagt skolan vid vite i fyra arbetsområden."},
        {"80815525", "inspection", "Föreläggande vid vite; huvudmannen har bett om stöd.",
         "Skolinspektionen har förelagt skolan vid vite i tre arbetsområden."},
        {"56398338", "inspection", "Föreläggande i tre arbetsområden; meritvärdet under förväntat två år i rad.",
         "Skolinspektionen har förelagt skolan i tre arbetsområden."},
        {"31127129", "inspection", "Föreläggande vid vite; samma huvudman som Nytorpsskolan ger samordningsvinster.",
         "Skolinspektionen har förelagt skolan vid vite i tre arbetsområden."},
        {"24982244", "results", "Längst under förväntat resultat i landet; föreläggande i fem arbetsområden.",
         "Elevernas resultat ligger långt under det förväntade med hänsyn till deras bakgrund."},
        {"97706771", "results", "Under förväntat resultat; huvudmannen samverkar redan om andra skolor.",
         "Elevernas resultat ligger under det förväntade med hänsyn till deras bakgrund."},
    };
    for (size_t i = 0; ok && i < sizeof picks / sizeof picks[0]; i++) {
        round_choice_in_t pick = {picks[i].code, picks[i].ranking, picks[i].reason, picks[i].public_reason, NULL, true};
        ok = rounds_choose(db, &viewer_cli, spring, &pick, &a, &err) == CHOOSE_OK;
    }
    /* A preschool at a school candidate (coordinated selection), from the index. */
    ranking_t pre;
    round_t *r = ok ? rounds_get(db, spring, &a) : NULL;
    if (r && rounds_ranking(db, r, RANK_PRESCHOOL, &a, &pre, &err))
        for (size_t i = 0; i < pre.ranked; i++)
            if (pre.rows[i].coordinated && !pre.rows[i].flagged) {
                round_choice_in_t pick = {pre.rows[i].code, "preschool",
                                          "Svåra förutsättningar enligt förskoleindexet hos en huvudman som också "
                                          "erbjuds samverkan om skolor.",
                                          "Förskolan har svåra förutsättningar enligt Skolverkets förskoleindex.", NULL,
                                          true};
                ok = rounds_choose(db, &viewer_cli, spring, &pick, &a, &err) == CHOOSE_OK;
                break;
            }
    ok = ok && rounds_decide(db, &viewer_cli, spring, "2026-05-04", "2026-06-05", &a, &err);
    if (ok) {
        answer(db, spring, "2120001355", true, "", "anna.lindqvist@exempel.se", &a);
        answer(db, spring, "2120001124", false, "Vi deltar redan i ett regionalt utvecklingsprogram för samma skola.",
               "per.holm@exempel.se", &a);
        fprintf(out, "  urvalsomgång:        Urval våren 2026 (beslutad, erbjudanden besvarade av två huvudmän)\n");
    } else {
        fprintf(out, "  urvalsomgång: %s\n", err ? err : "kunde inte skapas");
    }
    int64_t autumn = rounds_create(db, &viewer_cli, "Urval hösten 2026", "2026-11-30", &a, &err);
    round_inputs_t in2 = in;
    in2.inspection_from = "2026-01-01";
    in2.inspection_to = "2026-10-31";
    if (autumn && rounds_freeze(db, &viewer_cli, autumn, &in2, &a, &err, &field))
        fprintf(out, "  urvalsomgång:        Urval hösten 2026 (öppen, underlaget fryst)\n");
    arena_free(&a);
}
