/* demo.c — the demo's users: one per role, invented people, the organiser's side at
 * Borås kommun and the university user at Karlstads universitet. */
#include "parts.h"
#include "../accounts/accounts.h"
#include "../http/users.h"
#include "../register/register.h"

typedef struct demo_user {
    const char *email, *name, *role;
} demo_user_t;

/* Invented people: no real person's name is used. */
static const demo_user_t users[] = {
    {"admin@exempel.se", "Annika Bergström", "admin"},
    {"analytiker@exempel.se", "Jonas Eklund", "analyst"},
    {"processtod@exempel.se", "Maria Holmqvist", "supporter"},
    /* Every demo case has its two process supporters, so that it can move on to ÖK1. */
    {"processtod2@exempel.se", "Anders Lindqvist", "supporter"},
    {"processtod3@exempel.se", "Eva Sundin", "supporter"},
    {"ekonomi@exempel.se", "Peter Sandberg", "finance"},
    {"huvudman@exempel.se", "Lena Wikström", "organiser"},
    {"rektor@exempel.se", "Karin Ljungberg", "head"},
    {"analysgrupp@exempel.se", "Erik Nordahl", "group"},
    {"larosate@exempel.se", "Sofia Åkesson", "university"},
    {"lasare@exempel.se", "Oskar Dahlgren", "reader"},
};

void admin_demo_users(demo_t *d)
{
    const char *unit = register_first_unit_code(d->db, "2120001561", "13746989", d->arena);
    const char *unit_name = NULL;
    db_stmt_t *st = db_prepare(d->db, "SELECT name FROM units WHERE code = ?");
    db_bind_text(st, 1, unit);
    if (db_step(st) == DB_ROW)
        unit_name = arena_printf(d->arena, "%s, Borås kommun", db_col_text(st, 0));
    db_done(st);
    viewer_t cli = demo_viewer(d, NULL);
    fprintf(d->out, "\nInloggningar (lösenord för alla: %s):\n", d->password);
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
        const demo_user_t *u = &users[i];
        account_edit_t n = {u->email, u->name, u->role, "2120001561", unit, "Karlstads universitet", d->password};
        char *err = NULL;
        const char *field = NULL;
        if (!users_id_by_email(d->db, u->email) && !accounts_create(d->db, &cli, &n, false, d->arena, &err, &field)) {
            fprintf(d->out, "  %s: %s\n", u->email, err);
            continue;
        }
        /* Whom each one is, and for the organiser's side and the university where. */
        role_t role = role_from_key(u->role);
        const char *where = access_role_needs_unit(role)         ? unit_name
                            : access_role_needs_organiser(role)  ? "Borås kommun"
                            : access_role_needs_university(role) ? "Karlstads universitet"
                                                                 : NULL;
        fprintf(d->out, "  %-24s %-24s %s%s%s\n", u->email, u->name, role_label(role), where ? ", " : "",
                where ? where : "");
    }
}
