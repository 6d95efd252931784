/* demo.c — the register of the demo: the real files under the data folder (municipalities,
 * organisers, units, results, background, preschools), or a handful of real municipal
 * organisers built in when there is no data folder. */
#include "parts.h"
#include <string.h>

/* One file: what it held and what became of each row, so that a row that was not added
 * is explained (it was already there and changed or not, or it was skipped, and why). */
static void import_if_present(demo_t *d, const char *rel, const char *kind, int year)
{
    FILE *out = d->out;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", d->data_dir, rel);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(out, "  (hoppar över %s: filen saknas)\n", rel);
        return;
    }
    arena_t a = ARENA_INIT;
    reg_import_result_t r;
    char *err = NULL;
    const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
    if (register_import(d->db, &viewer_cli, kind, base, f, year, &a, &r, &err)) {
        fprintf(out, "  %s (%s): %lld rader: %lld nya, %lld fanns och uppdaterades, %lld fanns redan så", base,
                register_import_kind_label(kind), r.rows_read, r.added, r.changed, r.unchanged);
        for (size_t i = 0; i < r.nskip_reasons; i++)
            fprintf(out, ", %lld överhoppade (%s)", r.skip_counts[i], r.skip_reasons[i]);
        if (r.organisers_added)
            fprintf(out, "; %lld huvudmän lades till", r.organisers_added);
        fputs("\n", out);
    } else {
        fprintf(out, "  %s: %s\n", kind, err);
    }
    arena_free(&a);
    fclose(f);
}

/* A handful of real municipal organisers, for a demo without the register files. */
static void builtin_register(demo_t *d)
{
    db_t *db = d->db;
    FILE *out = d->out;
    static const char *const rows =
        "Skola;Skol-enhetskod;Skolkommun;Kommun-kod;Typ av huvudman;Huvudman;Huvudman orgnr;"
        "Antal elever;Andel (%) elever som uppfyllt betygskriterierna i alla ämnen;"
        "Andel (%) elever behöriga till yrkesprog.;Genomsnittligt meritvärde (17 ämnen)\n"
        "Fredriksborgskolan F-9;13746989;Borås;1490;Kommunal;Borås kommun;2120001561;61;64,2;80,3;212,4\n"
        "Sjöboskolan;13746990;Borås;1490;Kommunal;Borås kommun;2120001561;88;71,0;85,1;221,9\n"
        "Bohusskolan;11043800;Ale;1440;Kommunal;Ale kommun;2120001439;97;58,8;77,4;201,3\n"
        "Vittangi skola;76314428;Kiruna;2584;Kommunal;Kiruna kommun;2120002783;6;..;..;..\n"
        "Bollstanäs skola;74174879;Upplands Väsby;0114;Kommunal;Upplands Väsby kommun;2120000019;45;79,5;90,2;238,0\n";
    arena_t a = ARENA_INIT;
    reg_import_result_t r;
    char *err = NULL;
    if (register_import_data(db, &viewer_cli, "results", "demo-register.csv", rows, strlen(rows), 2025, &a, &r, &err))
        fprintf(out, "  inbyggda exempelenheter: %lld\n", r.added);
    else
        fprintf(out, "  exempelenheter: %s\n", err);
    arena_free(&a);
}

void register_demo(demo_t *d)
{
    if (!d->data_dir) {
        fprintf(d->out, "  (ingen datamapp: använder inbyggda exempel)\n");
        builtin_register(d);
        return;
    }
    import_if_present(d, "geo/municipality_county.csv", "municipalities", 0);
    import_if_present(d, "register/SER_2020-08_Huvudmän.csv", "organisers", 0);
    import_if_present(d, "register/SER_2020-08_Grundskola.csv", "units", 0);
    import_if_present(d, "register/SER_2020-08_Gymnasieskola.csv", "units", 0);
    import_if_present(d, "skolverket/grundskola_slutbetyg_ak9_2024-25_skolenhet.csv", "results", 0);
    import_if_present(d, "skolverket/grundskola_antal_elever_bakgrund_2023-24_skolenhet.csv", "background", 0);
    import_if_present(d, "preschool/forskolor_rows_national_2025.csv", "preschools", 2025);
}
