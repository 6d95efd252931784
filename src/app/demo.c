/* demo.c — the demo runner: a demo_t for the areas' steps, and the viewers they act as. */
#include "demo.h"
#include "area.h"
#include <sys/stat.h>

viewer_t demo_viewer(demo_t *d, const char *email)
{
    if (!email)
        return viewer_cli;
    viewer_t v = {0};
    db_stmt_t *st = db_prepare(d->db, "SELECT id, role, organiser_id, unit_id, university, email, name FROM users"
                                      " WHERE email = ?");
    db_bind_text(st, 1, email);
    if (db_step(st) == DB_ROW) {
        v.user_id = db_col_int(st, 0);
        v.role = role_from_key(db_col_text(st, 1));
        v.organiser_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
        v.unit_id = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
        v.university = arena_strdup(d->arena, db_col_text(st, 4));
        v.email = arena_strdup(d->arena, db_col_text(st, 5));
        v.name = arena_strdup(d->arena, db_col_text(st, 6));
    }
    db_done(st);
    return v;
}

int demo_fill(db_t *db, const char *data_dir, const char *password, int scale, FILE *out)
{
    struct stat sb;
    arena_t a = ARENA_INIT;
    demo_t d = {db, out, data_dir && stat(data_dir, &sb) == 0 && S_ISDIR(sb.st_mode) ? data_dir : NULL, password, scale,
                0, &a};
    fprintf(out, "Fyller demodatabasen:\n");
    areas_demo(&d);
    arena_free(&a);
    return 0;
}
