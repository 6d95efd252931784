/* import_spec.c — the columns of each file kind, as Skolverket and SCB name them. */
#include "import_spec.h"
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const csv_column_t organiser_columns[] = {
    {"orgnr", "ORGANISATIONSNR|Organisationsnummer|Huvudman orgnr", true},
    {"kind", "HUVUDMANNATYP|Typ av huvudman", true},
    {"name", "NAMN|Huvudman|Huvudmannens namn", true},
    {"postal_town", "POSTORT", false},
    {"legal_form", "JURIDISK FORM", false},
    {"f_forskola", "FÖRSKOLA", false},
    {"f_forskoleklass", "FÖRSKOLEKLASS", false},
    {"f_fritidshem", "FRITIDSHEM", false},
    {"f_grundskola", "GRUNDSKOLA", false},
    {"f_anpassad_grundskola", "ANPASSAD GRUNDSKOLA|GRUNDSÄRSKOLA", false},
    {"f_gymnasieskola", "GYMNASIESKOLA", false},
    {"f_anpassad_gymnasieskola", "ANPASSAD GYMNASIESKOLA|GYMNSÄRSKOLA", false},
};

static const csv_column_t register_unit_columns[] = {
    {"code", "SKOLENHETSKOD|Skolenhetskod|Skol-enhetskod", true},
    {"name", "NAMN|Skolenhetens namn", true},
    {"orgnr", "ORGANISATIONSNR|Huvudman orgnr", true},
    {"organiser", "HUVUDMANS NAMN|Huvudman", false},
    {"kind", "HUVUDMANNATYP|Typ av huvudman", true},
    {"municipality_code", "KOMMUN|Kommunkod|Kommun-kod", true},
    {"municipality", "KOMMUNNAMN|Skolkommun", false},
    {"county_code", "LÄN|Länskod", false},
    {"address", "BESÖKSADRESS|ADRESS", false},
    {"postal_town", "BESÖKSPOSTORT|POSTORT", false},
    {"g_f", "FKLASS", false},
    {"g_1", "ÅR1", false}, {"g_2", "ÅR2", false}, {"g_3", "ÅR3", false},
    {"g_4", "ÅR4", false}, {"g_5", "ÅR5", false}, {"g_6", "ÅR6", false},
    {"g_7", "ÅR7", false}, {"g_8", "ÅR8", false}, {"g_9", "ÅR9", false},
    {"p_f", "ELEVER FKLASS", false},
    {"p_1", "ELEVER ÅR1", false}, {"p_2", "ELEVER ÅR2", false}, {"p_3", "ELEVER ÅR3", false},
    {"p_4", "ELEVER ÅR4", false}, {"p_5", "ELEVER ÅR5", false}, {"p_6", "ELEVER ÅR6", false},
    {"p_7", "ELEVER ÅR7", false}, {"p_8", "ELEVER ÅR8", false}, {"p_9", "ELEVER ÅR9", false},
    {"p_total", "ELEVER TOTALT", false},
};

/* Skolverket's statistics files share their identifying columns. */
#define STATISTICS_ID_COLUMNS \
    {"code", "Skol-enhetskod|Skolenhetskod", true}, \
    {"name", "Skola|Skolenhet", true}, \
    {"municipality", "Skolkommun|Kommun", false}, \
    {"municipality_code", "Kommun-kod|Kommunkod", true}, \
    {"kind", "Typ av huvudman", true}, \
    {"organiser", "Huvudman", true}, \
    {"orgnr", "Huvudman orgnr|Huvudmannens organisationsnummer", true}

static const csv_column_t results_columns[] = {
    STATISTICS_ID_COLUMNS,
    {"pupils_grade9", "Antal elever", true},
    {"pass_all", "Andel (%) elever som uppfyllt betygskriterierna i alla ämnen", true},
    {"eligible_voc", "Andel (%) elever behöriga till yrkesprog.|Andel (%) elever behöriga till yrkesprogram", true},
    {"merit17", "Genomsnittligt meritvärde (17 ämnen)", true},
};
static const stat_column_t results_stats[] = {
    {"pupils_grade9", DOM_COUNT}, {"pass_all", DOM_SHARE},
    {"eligible_voc", DOM_SHARE}, {"merit17", DOM_MERIT},
};

static const csv_column_t background_columns[] = {
    STATISTICS_ID_COLUMNS,
    {"pupils_fk", "Elever, förskoleklass", false},
    {"pupils_1_9", "Elever, årskurs 1-9", true},
    {"foreign_bg", "Andel (%) elever med utländsk bakgrund, åk 1-9", true},
    {"parents_post_sec", "Andel (%) elever med föräldrar med eftergymnasial utb., åk 1-9", true},
};
static const stat_column_t background_stats[] = {
    {"pupils_fk", DOM_COUNT}, {"pupils_1_9", DOM_COUNT},
    {"foreign_bg", DOM_SHARE}, {"parents_post_sec", DOM_SHARE},
};

static const csv_column_t preschool_columns[] = {
    {"code", "skolverkets_id|Skolverkets id|Förskoleenhetskod", true},
    {"name", "Namn|Förskola", true},
    {"orgnr", "Organisationsnummer|Huvudman orgnr", true},
    {"kind", "Huvudman|Typ av huvudman", true},
    {"municipality", "Kommun", false},
    {"municipality_code", "Kommunkod|Kommun-kod", true},
    {"address", "Adress", false},
    {"latitude", "Latitud", false},
    {"longitude", "Longitud", false},
    {"children", "Antal barn", true},
    {"groups", "Antal barngrupper", false},
    {"fte_staff", "Antal heltidstjänster", false},
    {"degree_share", "Andel med förskollärarexamen", true},
    {"licensed_share", "Andel med förskollärarlegitimation", false},
    {"children_per_staff", "Personaltäthet|Antal barn per heltidstjänst", true},
};
static const stat_column_t preschool_stats[] = {
    {"children", DOM_COUNT}, {"groups", DOM_COUNT}, {"fte_staff", DOM_AMOUNT},
    {"degree_share", DOM_SHARE}, {"licensed_share", DOM_SHARE},
    {"children_per_staff", DOM_RATIO},
};

static const csv_column_t municipality_columns[] = {
    {"code", "municipality_code|Kommunkod|Kommun-kod|KOMMUN", true},
    {"name", "municipality_name_short|Kommunnamn|municipality_name|KOMMUNNAMN|Kommun", true},
    {"county_code", "county_code|Länskod|LÄN", false},
};

/* Skolinspektionen's delivery to the agency; the format is documented in docs/IMPORT.md. */
static const csv_column_t inspection_columns[] = {
    {"code", "Skolenhetskod|Skol-enhetskod|Skolenhetens kod", true},
    {"name", "Skolenhetens namn|Skolenhet|Skola", true},
    {"orgnr", "Huvudmannens organisationsnummer|Organisationsnummer|Huvudman orgnr", true},
    {"decision_date", "Beslutsdatum|Datum för beslut", true},
    {"injunction", "Föreläggande|Typ av föreläggande|Ingripande", true},
    {"work_areas", "Antal arbetsområden|Arbetsområden", true},
    {"critical_factors", "Antal kritiska faktorer|Kritiska faktorer", true},
};

static const csv_column_t preschool_inspection_columns[] = {
    {"orgnr", "Huvudmannens organisationsnummer|Organisationsnummer|Huvudman orgnr", true},
    {"name", "Huvudman|Huvudmannens namn", true},
    {"decision_date", "Beslutsdatum|Datum för beslut", true},
    {"conditions", "Förutsättningar för utbildningen i förskolan|Förutsättningar", true},
    {"development", "Utveckling av utbildningen i förskolan|Utveckling", true},
};

static const import_spec_t specs[] = {
    {"organisers", "Huvudmän (Skolenhetsregistret)", SHAPE_ORGANISERS, organiser_columns,
     N(organiser_columns), NULL, 0, false, 0, NULL, false},
    {"units", "Skolenheter (Skolenhetsregistret)", SHAPE_UNITS, register_unit_columns,
     N(register_unit_columns), NULL, 0, false, 0, NULL, false},
    {"results", "Slutbetyg årskurs 9 per skolenhet", SHAPE_UNITS, results_columns, N(results_columns),
     results_stats, N(results_stats), true, FORM_GRUNDSKOLA, NULL, false},
    {"background", "Elever och bakgrund per skolenhet", SHAPE_UNITS, background_columns,
     N(background_columns), background_stats, N(background_stats), true, FORM_GRUNDSKOLA, NULL, false},
    {"preschools", "Förskolor", SHAPE_UNITS, preschool_columns, N(preschool_columns), preschool_stats,
     N(preschool_stats), true, FORM_FORSKOLA, "Huvudman", false},
    {"municipalities", "Kommuner och län", SHAPE_MUNICIPALITIES, municipality_columns,
     N(municipality_columns), NULL, 0, false, 0, NULL, false},
    {"inspection", "Skolinspektionens underlag (skolenheter)", SHAPE_INSPECTION, inspection_columns,
     N(inspection_columns), NULL, 0, false, 0, NULL, true},
    {"preschool-inspection", "Skolinspektionens beslut om förskola (huvudmän)", SHAPE_PRESCHOOL_INSPECTION,
     preschool_inspection_columns, N(preschool_inspection_columns), NULL, 0, false, 0, NULL, true},
};

const char *const register_import_kinds[] = {"organisers", "units", "results", "background",
                                             "preschools", "municipalities", "inspection",
                                             "preschool-inspection", NULL};

const import_spec_t *import_spec_find(const char *kind)
{
    for (size_t i = 0; i < N(specs); i++)
        if (kind && strcmp(specs[i].kind, kind) == 0)
            return &specs[i];
    return NULL;
}

const char *register_import_kind_label(const char *kind)
{
    const import_spec_t *s = import_spec_find(kind);
    return s ? s->label : kind;
}
