/* demo.c — the demo's analyses. Borås kommun's case (in Nulägesanalys) has its organiser
 * level's analysis written and approved, and each selected unit's written, commented on
 * by the process supporter and sent to the head for approval, all through the store as
 * the organiser, the head and the supporter would. At national scale, every case past
 * Nulägesanalys gets approved analyses for its level and units (rows written at once). */
#include "parts.h"
#include "../db/tx.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Invented text for the headings of each level, by position. */
static const char *const organiser_texts[] = {
    "Förvaltningens kvalitetsrapport 2024/25, enheternas resultat i betyg och nationella prov de senaste fem åren, "
    "Skolinspektionens beslut, elevenkäten och rektorernas egna uppföljningar.",
    "Målen i skolplanen är allmänt hållna och följs inte upp med gemensamma mått. Resurserna fördelas efter elevantal "
    "utan hänsyn till elevernas bakgrund, och rektorerna beskriver stödet från förvaltningen som svårt att nå.",
    "Resultaten sammanställs en gång om året men analyseras sällan tillsammans med rektorerna. Det saknas ett årshjul "
    "som knyter uppföljningen till beslut om åtgärder.",
    "Rektorerna har stora ansvarsområden och lite tid för pedagogiskt ledarskap. Elevhälsan är organiserad centralt "
    "och når skolorna ojämnt.",
    "Elevenkäten görs varje år men resultaten återkopplas inte till eleverna. Elevråden efterfrågar mer inflytande.",
    "Huvudmannens viktigaste behov: en tydligare styrkedja från mål till uppföljning, ett gemensamt systematiskt "
    "kvalitetsarbete och ett stöd till rektorerna som utgår från skolornas olika förutsättningar.",
};
static const char *const school_texts[] = {
    "Betyg och nationella prov 2021–2025, elevenkäten, Skolinspektionens beslut 2024, lektionsobservationer som "
    "rektor och förstelärare gjort under hösten, och elevhälsans sammanställning av extra anpassningar.",
    "Andelen elever med godkända betyg i alla ämnen har legat under rikets nivå de senaste fem åren, och skillnaden "
    "mellan flickor och pojkar har ökat. Meritvärdet i årskurs 9 är lägre än förväntat utifrån elevernas bakgrund.",
    "Lektionerna har ofta en tydlig början men ett otydligt slut; eleverna får sällan veta vad som förväntas av dem. "
    "Det kollegiala lärandet är inte kopplat till undervisningens utveckling.",
    "Eleverna upplever studieron som god i de lägre årskurserna men sämre i årskurs 7–9, särskilt i korridorerna "
    "och under raster.",
    "Extra anpassningar dokumenteras olika i olika arbetslag, och utvärderas sällan. Elevhälsan kopplas in sent.",
    "Rektor följer upp resultaten terminsvis, men analysen stannar hos ledningen och når inte arbetslagen.",
    "Elevrådet och tre fokusgrupper med elever i årskurs 5, 7 och 9: eleverna vill ha tydligare mål och mer "
    "återkoppling, och önskar lugnare lektionsstarter.",
    "Skolans viktigaste behov är en gemensam undervisningspraktik med tydliga mål och återkoppling, och ett "
    "systematiskt arbete med extra anpassningar.",
};

static void write_sections(demo_t *d, const viewer_t *v, analysis_t *an, const char *const *texts, size_t ntexts)
{
    analysis_section_t *s;
    size_t n = analyses_sections(d->db, an, d->arena, &s);
    char *err = NULL;
    for (size_t i = 0; i < n && i < ntexts; i++)
        analyses_save_section(d->db, v, an, s[i].id, s[i].version, texts[i], d->arena, &err);
}

static void problem(demo_t *d, const viewer_t *v, analysis_t *an, const char *title, const char *result,
                    const char *evidence, const char *variable, const char *kind1, const char *cause1,
                    const char *kind2, const char *cause2)
{
    char *err = NULL;
    int64_t p = analyses_add_problem(d->db, v, an, title, result, evidence, variable, d->arena, &err);
    if (!p)
        return;
    analyses_add_cause(d->db, v, an, p, kind1, cause1, d->arena, &err);
    if (kind2)
        analyses_add_cause(d->db, v, an, p, kind2, cause2, d->arena, &err);
}

static analysis_t *started(demo_t *d, const viewer_t *v, const case_row_t *c, int64_t unit)
{
    char *err = NULL;
    int64_t id = analyses_start(d->db, v, c, unit, d->arena, &err);
    return id ? analyses_get(d->db, v, id, d->arena, NULL) : NULL;
}

static void boras(demo_t *d)
{
    viewer_t org = demo_viewer(d, "huvudman@exempel.se"), head = demo_viewer(d, "rektor@exempel.se");
    viewer_t sup = demo_viewer(d, "processtod@exempel.se");
    case_filter_t f = {.q = "Borås"};
    case_row_t *cases;
    if (!org.user_id || !cases_list(d->db, &org, &f, d->arena, &cases))
        return;
    case_row_t *c = &cases[0];
    char *err = NULL;
    analysis_t *an = started(d, &org, c, 0);
    if (!an)
        return;
    write_sections(d, &org, an, organiser_texts, sizeof organiser_texts / sizeof *organiser_texts);
    problem(d, &org, an, "Styrkedjan når inte klassrummen",
            "Skolorna med lägst resultat har inte förbättrats på fem år, trots förvaltningens satsningar.",
            "Kvalitetsrapporten 2024/25 och enheternas betyg över tid.", "", "steering",
            "Målen i skolplanen följs inte upp med gemensamma mått, och resurserna fördelas utan hänsyn till elevernas "
            "behov.", "follow_up", "Resultaten analyseras inte tillsammans med rektorerna.");
    problem(d, &org, an, "Rektorerna har lite tid för pedagogiskt ledarskap",
            "Rektorerna i skolorna med lägst måluppfyllelse har störst ansvarsområden.",
            "Rektorsenkäten 2025 och förvaltningens organisationsöversikt.", "", "organisation",
            "Rektorerna har ansvar för flera enheter och ett stort administrativt ansvar.", NULL, NULL);
    analyses_add_comment(d->db, &sup, an, 0, "Bra underlag. Koppla gärna problemet om styrkedjan till hur "
                         "resursfördelningen beslutas.", d->arena, &err);
    analyses_flow(d->db, &org, an, "submit", NULL, d->arena, &err);
    an = analyses_get(d->db, &org, an->id, d->arena, NULL);
    analyses_flow(d->db, &org, an, "approve", NULL, d->arena, &err);

    case_unit_t *u;
    size_t nu = cases_units(d->db, c, d->arena, &u);
    for (size_t i = 0; i < nu; i++) {
        bool own = head.user_id && u[i].unit_id == head.unit_id;
        const viewer_t *w = own ? &head : &org;
        analysis_t *ua = started(d, w, c, u[i].unit_id);
        if (!ua)
            continue;
        write_sections(d, w, ua, school_texts, sizeof school_texts / sizeof *school_texts);
        problem(d, w, ua, "För få elever når godkända betyg i alla ämnen",
                "Andelen med godkända betyg i alla ämnen har legat under riket fem år i rad.",
                "Registrets statistik över betyg i årskurs 9 och skolans egen resultatsammanställning.", "pass_all",
                "teaching", "Eleverna får sällan veta vad som förväntas och får lite återkoppling under arbetet.",
                "follow_up", "Analysen av resultaten stannar hos ledningen och når inte arbetslagen.");
        problem(d, w, ua, "Extra anpassningar sätts in sent och följs inte upp",
                "Elever som får stöd sent når oftare inte godkänt i matematik.",
                "Elevhälsans sammanställning 2025 och genomgång av tjugo elevärenden.", "", "organisation",
                "Arbetslagen dokumenterar anpassningarna olika och elevhälsan kopplas in sent.", NULL, NULL);
        analysis_section_t *s;
        if (analyses_sections(d->db, ua, d->arena, &s) > 2)
            analyses_add_comment(d->db, &sup, ua, s[2].id, "Vilka lektionsobservationer bygger beskrivningen på? "
                                 "Lägg gärna in sammanställningen som underlag.", d->arena, &err);
        analyses_flow(d->db, w, ua, "submit", NULL, d->arena, &err);
    }
    fprintf(d->out, "  nulägesanalyser:     Borås kommun: huvudmannanivån godkänd, %zu enhet(er) väntar på rektor\n", nu);
}

/* At national scale: an approved analysis with its level's headings, two problems and a
 * cause each, for the organiser level and every unit of the cases past Nulägesanalys. */
static void scale(demo_t *d)
{
    char *err = NULL;
    if (!d->scale_first_case || !tx_begin(d->db, d->arena, &err))
        return;
    int64_t now = (int64_t)time(NULL);
    db_stmt_t *st = db_prepare(d->db, "SELECT c.id, 0 FROM cases c WHERE c.id >= ? AND c.phase NOT IN"
                                      " ('accepterad', 'ok1', 'nulagesanalys') UNION ALL SELECT cu.case_id, cu.unit_id"
                                      " FROM case_units cu JOIN cases c ON c.id = cu.case_id WHERE c.id >= ? AND"
                                      " c.phase NOT IN ('accepterad', 'ok1', 'nulagesanalys') ORDER BY 1, 2");
    db_bind_int(st, 1, d->scale_first_case);
    db_bind_int(st, 2, d->scale_first_case);
    int64_t (*pairs)[2] = arena_alloc(d->arena, 2048 * sizeof *pairs);
    size_t n = 0;
    while (db_step(st) == DB_ROW && n < 2048) {
        pairs[n][0] = db_col_int(st, 0);
        pairs[n++][1] = db_col_int(st, 1);
    }
    db_done(st);
    for (size_t i = 0; i < n; i++) {
        int64_t unit = pairs[i][1];
        const char *level = unit ? "school" : "organiser";
        int64_t id = db_run_int(d->db, 0, "INSERT INTO analyses (case_id, level, unit_id, unit_key, state, version,"
                                          " approved_by, approved_at, created_by, created_at, updated_at) VALUES"
                                          " (?, ?, ?, ?, 'approved', 1, 'huvudman@exempel.se', ?, 'demo', ?, ?) RETURNING id",
                                "itziiii", pairs[i][0], level, unit, unit, now, now, now);
        const char *const *texts = unit ? school_texts : organiser_texts;
        db_run(d->db, "INSERT INTO analysis_sections (analysis_id, position, kind, title, guidance, body)"
                      " SELECT ?, position, kind, title, guidance, ? FROM analysis_headings WHERE level = ? AND active = 1",
               "itt", id, texts[i % 6], level);
        for (int k = 0; k < 2; k++) {
            int64_t p = db_run_int(d->db, 0, "INSERT INTO analysis_problems (analysis_id, title, result, evidence,"
                                             " variable, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                   "itttti", id,
                                   k ? "Extra anpassningar sätts in sent" : "För få elever når godkända betyg",
                                   "Under riket fem år i rad.", "Registrets statistik.", unit && !k ? "pass_all" : "", now);
            db_run(d->db, "INSERT INTO analysis_causes (problem_id, analysis_id, kind, text, created_at)"
                          " VALUES (?, ?, ?, ?, ?)", "iitti", p, id, k ? "organisation" : "teaching",
                   k ? "Elevhälsan kopplas in sent." : "Lite återkoppling under arbetet.", now);
        }
        analysis_t an = {.id = id, .level = level};
        db_run(d->db, "INSERT INTO analysis_versions (analysis_id, version, content, approved_by, approved_at)"
                      " VALUES (?, 1, ?, 'huvudman@exempel.se', ?)", "iti", id, analyses_snapshot(d->db, &an, d->arena),
               now);
    }
    tx_finish(d->db, true, d->arena, &err);
    fprintf(d->out, "  nationell skala:     %zu godkända nulägesanalyser\n", n);
}

void analyses_demo(demo_t *d)
{
    boras(d);
    scale(d);
}
