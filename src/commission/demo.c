/* demo.c — the demo's university documents: Karlstads universitet's uppdragsplan for
 * Borås kommun, submitted and accepted by the process supporter, and its interim report
 * for the spring term 2026 being written. */
#include "parts.h"

static int64_t boras_case(demo_t *d)
{
    return db_run_int(d->db, 0, "SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id"
                                " WHERE o.orgnr = '2120001561'", "");
}

static void commission_demo(demo_t *d)
{
    viewer_t uni = demo_viewer(d, "larosate@exempel.se"), supporter = demo_viewer(d, "processtod@exempel.se");
    int64_t case_id = boras_case(d);
    case_row_t *c = uni.user_id && case_id ? cases_get(d->db, &uni, case_id, d->arena) : NULL;
    if (!c)
        return;
    char *err = NULL;
    int64_t id = commission_create(d->db, &uni, c, "commission_plan", "", d->arena, &err);
    commission_doc_t *doc = id ? commission_get(d->db, &uni, id, d->arena) : NULL;
    const char *plan[] = {
        "Karlstads universitet stödjer Borås kommun i att utveckla rektorernas pedagogiska ledarskap och "
        "huvudmannens styrkedja, med åtgärdsplanen som utgångspunkt.",
        "Programmet i pedagogiskt ledarskap för rektorer (tolv träffar) och handledning av förvaltningens "
        "analysgrupp två gånger per termin.",
        "Teamledare och två utbildningsledare; teamledaren ansvarar för avstämningen med processtödet.",
        "Uppstart i februari 2026, träffar varannan månad till och med december 2027.",
        "Delrapport varje termin och slutrapport vid periodens slut; kartläggning av förbättringskapaciteten vid "
        "start och slut."};
    if (doc && commission_save(d->db, &uni, doc, doc->version, plan, d->arena, &err) == WRITE_OK &&
        (doc = commission_get(d->db, &uni, id, d->arena)) && commission_flow(d->db, &uni, doc, "submit", "", d->arena, &err) &&
        (doc = commission_get(d->db, &supporter, id, d->arena)))
        commission_flow(d->db, &supporter, doc, "accept", "", d->arena, &err);
    id = commission_create(d->db, &uni, c, "interim", "2026VT", d->arena, &err);
    doc = id ? commission_get(d->db, &uni, id, d->arena) : NULL;
    const char *interim[] = {"Tre träffar i ledarskapsprogrammet och en handledning av analysgruppen.",
                             "Rektorerna beskriver att resultatdialogerna har blivit mer förberedda.", "", ""};
    if (doc)
        commission_save(d->db, &uni, doc, doc->version, interim, d->arena, &err);
}

const demo_step_t commission_demo_steps[] = {{68, commission_demo}, {0, NULL}};
