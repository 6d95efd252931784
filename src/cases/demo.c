/* demo.c — the cases of the demo: three organisers from earlier rounds in different
 * phases, each with two process supporters; and for measuring, n cases at
 * real municipal organisers spread over the phases, each with two supporters from a
 * pool. Deterministic, so two runs give the same data. */
#include "parts.h"
#include "../base/date.h"
#include "../db/tx.h"
#include "../http/users.h"
#include <string.h>
#include <time.h>

/* A collaboration from an earlier round: its case with dates, its first two school units,
 * a phase. */
static void add_case(demo_t *d, const char *orgnr, const char *round, const char *date, const char *university,
                     const char *phase)
{
    int64_t org = db_run_int(d->db, 0, "SELECT id FROM organisers WHERE orgnr = ?", "t", orgnr);
    char end[11];
    if (!org || !case_planned_end(date, end))
        return;
    int64_t id = db_run_int(d->db, 0, "INSERT INTO cases (organiser_id, round_name, decision_date, university, phase,"
                                      " created_at, start_date, planned_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                                      " ON CONFLICT (organiser_id, round_name) DO NOTHING RETURNING id",
                            "itttti" "tt", org, round, date, university, phase, (int64_t)time(NULL), date, end);
    if (!id)
        return;
    /* A case past Accepterad had the agency's decision on support a fortnight later. */
    if (strcmp(phase, "accepterad") != 0) {
        char decided[11];
        date_add_days(date, 14, decided);
        db_run(d->db, "UPDATE cases SET support_decision_date = ?, support_registry_number = ? WHERE id = ?", "tti",
               decided, arena_printf(d->arena, "%.4s:%lld", date, (long long)(4100 + id)), id);
    }
    db_run(d->db, "INSERT INTO case_units (case_id, unit_id, decision_date) SELECT CAST(? AS BIGINT), u.id,"
                  " CAST(? AS TEXT) FROM units u WHERE u.organiser_id = ? AND u.school_forms LIKE '%,grundskola,%'"
                  " ORDER BY u.code LIMIT 2", "iti", id, date, org);
    const char *name = NULL;
    db_stmt_t *st = db_prepare(d->db, "SELECT name FROM organisers WHERE id = ?");
    db_bind_int(st, 1, org);
    if (db_step(st) == DB_ROW)
        name = arena_strdup(d->arena, db_col_text(st, 0));
    db_done(st);
    fprintf(d->out, "  i samverkan: %s (%.6s-%.4s), %s, med %s, fas %s\n", name ? name : orgnr, orgnr, orgnr + 6, round,
            university, case_phase_label(case_phase_from_key(phase)));
}

/* A demo process supporter works with the first case of an organiser. */
static void assign_supporter(demo_t *d, const char *orgnr, const char *email)
{
    int64_t user = users_id_by_email(d->db, email);
    int64_t id = db_run_int(d->db, 0, "SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id"
                                      " WHERE o.orgnr = ? ORDER BY c.decision_date LIMIT 1", "t", orgnr);
    viewer_t cli = demo_viewer(d, NULL);
    case_row_t *c = id ? cases_get(d->db, &cli, id, d->arena) : NULL;
    char *err = NULL;
    if (user && c)
        cases_assign_supporter(d->db, &cli, c, user, d->arena, &err);
}

/* The organiser's contact person for the case (invented people). */
static void add_contact(demo_t *d, const char *orgnr, const char *name, const char *email)
{
    int64_t id = db_run_int(d->db, 0, "SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id"
                                      " WHERE o.orgnr = ? ORDER BY c.decision_date LIMIT 1", "t", orgnr);
    viewer_t cli = demo_viewer(d, NULL);
    case_row_t *c = id ? cases_get(d->db, &cli, id, d->arena) : NULL;
    char *err = NULL;
    if (c)
        cases_add_contact(d->db, &cli, c, name, email, d->arena, &err);
}

void cases_demo(demo_t *d)
{
    char *err = NULL;
    if (tx_begin(d->db, d->arena, &err)) {
        add_case(d, "2120001561", "Urval 2025-05-05", "2025-05-05", "Karlstads universitet", "nulagesanalys");
        add_case(d, "2120001439", "Urval 2025-05-05", "2025-05-05", "Göteborgs universitet", "ok1");
        add_case(d, "2120002783", "Urval 2025-11-02", "2025-11-02", "Umeå universitet", "accepterad");
        tx_finish(d->db, true, d->arena, &err);
    }
    /* Two supporters each (the rule for ÖK1); Kiruna has others than Borås and Ale, so that
     * the first supporter's view shows what one supporter sees and not. */
    assign_supporter(d, "2120001561", "processtod@exempel.se");
    assign_supporter(d, "2120001561", "processtod2@exempel.se");
    assign_supporter(d, "2120001439", "processtod@exempel.se");
    assign_supporter(d, "2120001439", "processtod2@exempel.se");
    assign_supporter(d, "2120002783", "processtod2@exempel.se");
    assign_supporter(d, "2120002783", "processtod3@exempel.se");
    add_contact(d, "2120001561", "Karin Wallin", "karin.wallin@exempel.se");
    add_contact(d, "2120001439", "Mats Björk", "mats.bjork@exempel.se");
    add_contact(d, "2120002783", "Linnea Sarri", "linnea.sarri@exempel.se");
}

static uint64_t rng = 0x5a17u;

static unsigned next(unsigned n)
{
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((rng >> 33) % n);
}

static const char *const first_names[] = {"Anna", "Erik", "Sara", "Johan", "Maria", "Karl", "Eva", "Lars", "Ida", "Nils"};
static const char *const last_names[] = {"Berg", "Lind", "Holm", "Ek", "Sund", "Strand", "Dahl", "Nyberg", "Falk", "Åberg"};
static const char *const universities[] = {"Karlstads universitet", "Göteborgs universitet", "Umeå universitet",
                                           "Malmö universitet", "Stockholms universitet", "Linnéuniversitetet"};

void cases_demo_scale(demo_t *d)
{
    if (!d->scale)
        return;
    arena_t *a = d->arena;
    /* A pool of process supporters: each works with about fifteen cases. */
    int nsup = d->scale / 15 + 2;
    int64_t *sup = arena_alloc(a, (size_t)nsup * sizeof *sup);
    viewer_t cli = demo_viewer(d, NULL);
    for (int i = 0; i < nsup; i++) {
        char *email = arena_printf(a, "processtod%d@exempel.se", i + 1);
        sup[i] = users_id_by_email(d->db, email);
        if (!sup[i]) {
            users_new_t u = {email, arena_printf(a, "%s %s", first_names[next(10)], last_names[next(10)]), "supporter",
                             0, 0, NULL, d->password, false};
            char *err = NULL;
            const char *field = NULL;
            sup[i] = users_create(d->db, &cli, &u, a, &err, &field);
        }
    }
    db_stmt_t *st = db_prepare(d->db, "SELECT o.id FROM organisers o WHERE o.kind = 'kommunal' AND NOT EXISTS"
                                      " (SELECT 1 FROM cases c WHERE c.organiser_id = o.id) ORDER BY o.orgnr");
    int64_t *orgs = arena_alloc(a, 400 * sizeof *orgs);
    int norgs = 0;
    while (db_step(st) == DB_ROW && norgs < 400)
        orgs[norgs++] = db_col_int(st, 0);
    db_done(st);
    char *err = NULL;
    if (!tx_begin(d->db, d->arena, &err))
        return;
    int made = 0;
    int64_t now = (int64_t)time(NULL);
    for (int i = 0; i < d->scale && i < norgs; i++) {
        /* Two rounds a year from 2023: the later the round, the earlier the phase. */
        int round = i % 8, year = 2023 + round / 2;
        const char *date = arena_printf(a, "%d-%s", year, round % 2 ? "11-02" : "05-05");
        char end[11];
        case_planned_end(date, end);
        int phase = round < 2 ? 5 + (int)next(2) : round < 4 ? 3 + (int)next(2) : round < 6 ? 1 + (int)next(2) : (int)next(2);
        int64_t id = db_run_int(d->db, 0, "INSERT INTO cases (organiser_id, round_name, decision_date, university, phase,"
                                          " created_at, start_date, planned_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                                          " RETURNING id",
                                "itttti" "tt", orgs[i], arena_printf(a, "Urval %s", date), date, universities[next(6)],
                                case_phase_keys[phase], now, date, end);
        if (!id)
            continue;
        if (phase > 0)
            db_run(d->db, "UPDATE cases SET support_decision_date = decision_date, support_registry_number = ?"
                          " WHERE id = ?", "ti", arena_printf(a, "%d:%lld", year, (long long)(5000 + id)), id);
        if (!d->scale_first_case)
            d->scale_first_case = id;
        made++;
        db_run(d->db, "INSERT INTO case_units (case_id, unit_id, decision_date) SELECT CAST(? AS BIGINT), u.id,"
                      " CAST(? AS TEXT) FROM units u WHERE u.organiser_id = ? ORDER BY u.code LIMIT 2",
               "iti", id, date, orgs[i]);
        int s1 = (int)next((unsigned)nsup), s2 = (s1 + 1 + (int)next((unsigned)nsup - 1)) % nsup;
        for (int k = 0; k < 2; k++)
            db_run(d->db, "INSERT INTO case_people (case_id, role, user_id, name, email) SELECT CAST(? AS BIGINT),"
                          " 'supporter', id, name, email FROM users WHERE id = ?", "ii", id, k ? sup[s2] : sup[s1]);
    }
    tx_finish(d->db, true, d->arena, &err);
    fprintf(d->out, "  nationell skala:     %d ärenden, %d processtödjare (processtod1@ …)\n", made, nsup);
}
