/* demo.c — demo data: real organisers and units from the register files, invented people. */
#include "demo.h"
#include "../admin/admin.h"
#include "../base/alloc.h"
#include "../base/buf.h"
#include "../register/register.h"
#include "../cases/cases.h"
#include "../cases/agreements.h"
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static bool read_file(const char *path, buf_t *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(out, chunk, n);
    fclose(f);
    return true;
}

static void import_if_present(db_t *db, const char *dir, const char *rel, const char *kind, int year, FILE *out)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    buf_t data = BUF_INIT;
    if (!read_file(path, &data)) {
        fprintf(out, "  (hoppar över %s: filen saknas)\n", rel);
        return;
    }
    arena_t a = ARENA_INIT;
    reg_import_result_t r;
    char *err = NULL;
    const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
    if (register_import(db, &viewer_cli, kind, base, data.data, data.len, year, &a, &r, &err))
        fprintf(out, "  %-15s %-50s %6lld rader, %6lld tillagda\n", kind, base, r.rows_read, r.added);
    else
        fprintf(out, "  %s: %s\n", kind, err);
    arena_free(&a);
    buf_free(&data);
}

/* A handful of real municipal organisers, for a demo without the register files. */
static void builtin_register(db_t *db, FILE *out)
{
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
    if (register_import(db, &viewer_cli, "results", "demo-register.csv", rows, strlen(rows), 2025, &a, &r, &err))
        fprintf(out, "  inbyggda exempelenheter: %lld\n", r.added);
    else
        fprintf(out, "  exempelenheter: %s\n", err);
    arena_free(&a);
}

typedef struct demo_user {
    const char *email, *name, *role;
} demo_user_t;

/* Invented people: no real person's name is used. */
static const demo_user_t users[] = {
    {"admin@exempel.se", "Annika Bergström", "admin"},
    {"analytiker@exempel.se", "Jonas Eklund", "analyst"},
    {"processtod@exempel.se", "Maria Holmqvist", "supporter"},
    {"ekonomi@exempel.se", "Peter Sandberg", "finance"},
    {"huvudman@exempel.se", "Lena Wikström", "organiser"},
    {"rektor@exempel.se", "Karin Ljungberg", "head"},
    {"analysgrupp@exempel.se", "Erik Nordahl", "group"},
    {"larosate@exempel.se", "Sofia Åkesson", "university"},
    {"lasare@exempel.se", "Oskar Dahlgren", "reader"},
};

static const char *first_unit_of(db_t *db, const char *orgnr, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT u.code FROM units u JOIN organisers o ON o.id = u.organiser_id"
                                   " WHERE o.orgnr = ? ORDER BY CASE WHEN u.code = '13746989' THEN 0 ELSE 1 END, u.code LIMIT 1");
    db_bind_text(st, 1, orgnr);
    const char *code = db_step(st) == DB_ROW ? arena_strdup(a, db_col_text(st, 0)) : NULL;
    db_done(st);
    return code;
}

/* A collaboration from an earlier round: its case with dates, a unit or two, a phase. */
static void add_case(db_t *db, const char *orgnr, const char *round, const char *date, const char *university,
                     const char *phase, FILE *out)
{
    int64_t id = db_query_int(db, "SELECT id FROM organisers WHERE orgnr = ?", orgnr, 0);
    char end[11];
    if (!id || !case_planned_end(date, end))
        return;
    int64_t case_id = db_run_int(db, 0, "INSERT INTO cases (organiser_id, round_name, decision_date, university, phase,"
                                        " created_at, start_date, planned_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                                        " ON CONFLICT (organiser_id, round_name) DO NOTHING RETURNING id",
                                 "itttti" "tt", id, round, date, university, phase, (int64_t)time(NULL), date, end);
    if (!case_id)
        return;
    /* The organiser's first two school units were selected. */
    db_run(db, "INSERT INTO case_units (case_id, unit_id, decision_date) SELECT CAST(? AS BIGINT), u.id, CAST(? AS TEXT)"
               " FROM units u WHERE u.organiser_id = ? AND u.school_forms LIKE '%,grundskola,%'"
               " ORDER BY u.code LIMIT 2", "iti", case_id, date, id);
    fprintf(out, "  i samverkan: %s (%s, %s)\n", orgnr, round, university);
}

/* The demo's process supporter works with the first two organisers' cases. */
static void assign_supporter(db_t *db, const char *orgnr, arena_t *a)
{
    int64_t user = db_run_int(db, 0, "SELECT id FROM users WHERE email = 'processtod@exempel.se'", "");
    int64_t case_id = db_run_int(db, 0, "SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id"
                                        " WHERE o.orgnr = ? ORDER BY c.decision_date LIMIT 1", "t", orgnr);
    char *err = NULL;
    if (user && case_id)
        cases_assign_supporter(db, &viewer_cli, case_id, user, a, &err);
}

/* Borås's ÖK1, signed by both sides: the case is past that phase. */
static void demo_agreement(db_t *db, arena_t *a)
{
    int64_t case_id = db_run_int(db, 0, "SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id"
                                        " WHERE o.orgnr = '2120001561' ORDER BY c.decision_date LIMIT 1", "");
    int64_t org = db_run_int(db, 0, "SELECT id FROM organisers WHERE orgnr = '2120001561'", "");
    if (!case_id)
        return;
    agreement_content_t c = {.period_from = "2025-06-01", .period_to = "2026-06-30", .amount_ore = 120000000,
                             .npayouts = 2};
    c.payouts[0].date = "2025-07-01";
    c.payouts[0].amount_ore = 60000000;
    c.payouts[1].date = "2026-01-15";
    c.payouts[1].amount_ore = 60000000;
    static const char *const text[] = {
        "Överenskommelsen gäller analysfasen i Samverkan för bästa skola: nulägesanalyser för huvudmannen och de valda "
        "skolenheterna och en åtgärdsplan.",
        "Skolverket utser två processtödjare som leder analysgruppernas möten ungefär var tredje vecka, stödjer "
        "nulägesanalysen och åtgärdsplanen och ordnar tre seminarier under perioden.",
        "Borås kommun inrättar en analysgrupp på förvaltningsnivå och en på varje vald skolenhet, ger deltagarna tid för "
        "arbetet, tar fram underlag (resultat, enkäter, elevernas och barnens synpunkter) och deltar i uppföljningen.",
        "Medlen får användas till lärares och skolledares tid för analysarbetet och till kostnader för möten.",
        "Använda medel redovisas i delredovisningen efter varje termin.",
        "Medel som inte har använts när perioden är slut redovisas och betalas tillbaka inom tre månader.",
        "Om huvudmannen inte fullföljer sina åtaganden kan Skolverket kräva tillbaka utbetalda medel.",
        "Huvudmannen medverkar i de utvärderingar som Skolverket låter göra av Samverkan för bästa skola.",
        "Ändringar görs genom en skriftlig tilläggsöverenskommelse som båda parter godkänner.",
    };
    for (size_t i = 0; i < sizeof text / sizeof *text; i++)
        c.sections[i] = text[i];
    char *err = NULL;
    int64_t id = agreements_create(db, &viewer_cli, case_id, AGR_OK1, 0, &c, a, &err);
    viewer_t organiser = {.role = ROLE_ORGANISER, .organiser_id = org, .email = "huvudman@exempel.se",
                          .name = "Lena Wikström"};
    if (id && agreements_act(db, &viewer_cli, id, "send", a, &err) && agreements_act(db, &viewer_cli, id, "approve", a, &err))
        agreements_act(db, &organiser, id, "approve", a, &err);
}

int demo_fill(db_t *db, const char *data_dir, const char *password, FILE *out)
{
    struct stat sb;
    fprintf(out, "Fyller demodatabasen:\n");
    if (data_dir && stat(data_dir, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        import_if_present(db, data_dir, "geo/municipality_county.csv", "municipalities", 0, out);
        import_if_present(db, data_dir, "register/SER_2020-08_Huvudmän.csv", "organisers", 0, out);
        import_if_present(db, data_dir, "register/SER_2020-08_Grundskola.csv", "units", 0, out);
        import_if_present(db, data_dir, "register/SER_2020-08_Gymnasieskola.csv", "units", 0, out);
        import_if_present(db, data_dir, "skolverket/grundskola_slutbetyg_ak9_2024-25_skolenhet.csv", "results", 0, out);
        import_if_present(db, data_dir, "skolverket/grundskola_antal_elever_bakgrund_2023-24_skolenhet.csv", "background", 0, out);
        import_if_present(db, data_dir, "preschool/forskolor_rows_national_2025.csv", "preschools", 2025, out);
        demo_selection(db, out);
    } else {
        fprintf(out, "  (ingen datamapp: använder inbyggda exempel)\n");
        builtin_register(db, out);
    }
    if (db_begin_write(db) == DB_OK) {
        add_case(db, "2120001561", "Urval 2025-05-05", "2025-05-05", "Karlstads universitet", "nulagesanalys", out);
        add_case(db, "2120001439", "Urval 2025-05-05", "2025-05-05", "Göteborgs universitet", "ok1", out);
        add_case(db, "2120002783", "Urval 2025-11-02", "2025-11-02", "Umeå universitet", "accepterad", out);
        db_commit(db);
    }
    arena_t a = ARENA_INIT;
    const char *unit = first_unit_of(db, "2120001561", &a);
    fprintf(out, "\nInloggningar (lösenord för alla: %s):\n", password);
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
        const demo_user_t *d = &users[i];
        admin_new_user_t u = {d->email, d->name, d->role, "2120001561", unit, "Karlstads universitet", password};
        char *err = NULL;
        const char *field = NULL;
        if (!admin_user_id_by_email(db, d->email) && !admin_user_create(db, &viewer_cli, &u, &a, &err, &field)) {
            fprintf(out, "  %s: %s\n", d->email, err);
            continue;
        }
        fprintf(out, "  %-24s %s\n", d->email, role_label(role_from_key(d->role)));
    }
    assign_supporter(db, "2120001561", &a);
    assign_supporter(db, "2120001439", &a);
    demo_agreement(db, &a);
    arena_free(&a);
    return 0;
}
