/* users.c — creating and listing users. */
#include "admin.h"
#include "../base/validate.h"
#include "../db/audit.h"
#include "../html/layout.h"
#include "../http/auth.h"
#include <jansson.h>
#include <string.h>
#include <time.h>

int64_t admin_user_id_by_email(db_t *db, const char *email)
{
    return db_query_int(db, "SELECT id FROM users WHERE lower(email) = lower(?)", email, 0);
}

int64_t admin_user_create(db_t *db, const viewer_t *who, const admin_new_user_t *u, arena_t *a,
                          char **err, const char **field)
{
    *err = NULL;
    role_t role = role_from_key(u->role);
    int64_t organiser_id = 0, unit_id = 0;
#define FAIL(f, ...) do { *field = f; *err = arena_printf(a, __VA_ARGS__); return 0; } while (0)
    if (!validate_email(u->email))
        FAIL("email", "E-postadressen \"%s\" är inte giltig.", u->email ? u->email : "");
    if (!u->name || !*u->name || strlen(u->name) > 200)
        FAIL("name", "Ange ett namn (högst 200 tecken).");
    if (role == ROLE_NONE)
        FAIL("role", "Okänd roll \"%s\" (admin, analyst, supporter, finance, organiser, head, group, university, reader).",
             u->role ? u->role : "");
    if (!validate_password(u->password))
        FAIL("password", "Lösenordet ska ha minst 12 tecken.");
    if (role == ROLE_HEAD || role == ROLE_GROUP) {
        if (!u->unit_code || !*u->unit_code)
            FAIL("unit", "En %s måste knytas till en enhet (enhetskod).", role == ROLE_HEAD ? "rektor" : "analysgruppsmedlem");
        db_stmt_t *st = db_prepare(db, "SELECT id, organiser_id FROM units WHERE code = ?");
        db_bind_text(st, 1, u->unit_code);
        if (db_step(st) == DB_ROW) {
            unit_id = db_col_int(st, 0);
            organiser_id = db_col_int(st, 1);
        }
        db_done(st);
        if (!unit_id)
            FAIL("unit", "Enheten %s finns inte i registret.", u->unit_code);
    }
    if (role == ROLE_ORGANISER) {
        char norm[11];
        if (!u->orgnr || !validate_orgnr(u->orgnr, norm))
            FAIL("organiser", "En huvudmannaanvändare måste knytas till ett giltigt organisationsnummer.");
        organiser_id = db_query_int(db, "SELECT id FROM organisers WHERE orgnr = ?", norm, 0);
        if (!organiser_id)
            FAIL("organiser", "Huvudmannen %s finns inte i registret.", norm);
    }
    if (role == ROLE_UNIVERSITY && (!u->university || !*u->university))
        FAIL("university", "En lärosätesanvändare måste knytas till ett lärosäte.");
    if (admin_user_id_by_email(db, u->email))
        FAIL("email", "Det finns redan en användare med e-postadressen %s.", u->email);
#undef FAIL
    char hash[crypto_pwhash_STRBYTES];
    if (!auth_hash_password(u->password, hash)) {
        *field = "password";
        *err = arena_strdup(a, "Lösenordet kunde inte sparas.");
        return 0;
    }
    if (db_begin_write(db) != DB_OK) {
        *field = "email";
        *err = arena_strdup(a, "Databasen är upptagen; försök igen.");
        return 0;
    }
    db_stmt_t *st = db_prepare(db, "INSERT INTO users (email, name, role, organiser_id, unit_id, university,"
                                   " password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?) RETURNING id");
    db_bind_text(st, 1, u->email);
    db_bind_text(st, 2, u->name);
    db_bind_text(st, 3, role_key(role));
    if (organiser_id) db_bind_int(st, 4, organiser_id); else db_bind_null(st, 4);
    if (unit_id) db_bind_int(st, 5, unit_id); else db_bind_null(st, 5);
    db_bind_text(st, 6, role == ROLE_UNIVERSITY ? u->university : NULL);
    db_bind_text(st, 7, hash);
    db_bind_int(st, 8, (int64_t)time(NULL));
    int64_t id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    json_t *j = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?}", "email", u->email, "name", u->name, "role",
                          role_key(role), "organiser", u->orgnr, "unit", u->unit_code, "university",
                          role == ROLE_UNIVERSITY ? u->university : NULL);
    char *after = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    char *key = arena_printf(a, "%lld", (long long)id);
    bool ok = id && audit_record(db, who, "create", "user", key, NULL, after) == DB_OK;
    free(after);
    if (!ok || db_commit(db) != DB_OK) {
        db_rollback(db);
        *field = "email";
        *err = arena_strdup(a, "Användaren kunde inte sparas.");
        return 0;
    }
    return id;
}

static int users_form(request_t *req, int status, const char *notice)
{
    layout_begin(req, "Användare");
    buf_t *o = &req->body;
    if (notice)
        widget_notice(req, "success", notice);
    widget_error_summary(req);
    db_stmt_t *st = db_prepare(req->db, "SELECT u.email, u.name, u.role, o.name, x.name, u.university, u.active"
                                        " FROM users u LEFT JOIN organisers o ON o.id = u.organiser_id"
                                        " LEFT JOIN units x ON x.id = u.unit_id ORDER BY u.name");
    html_raw(o, TABLE_OPEN("Användare") "<thead><tr><th scope=\"col\">Namn</th>"
                "<th scope=\"col\">E-post</th><th scope=\"col\">Roll</th><th scope=\"col\">Knuten till</th>"
                "<th scope=\"col\">Status</th></tr></thead><tbody>\n");
    while (st && db_step(st) == DB_ROW) {
        const char *tie = db_col_text(st, 4) ? db_col_text(st, 4) : db_col_text(st, 3) ? db_col_text(st, 3) : db_col_text(st, 5);
        html_printf(o, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", db_col_text(st, 1),
                    db_col_text(st, 0), role_label(role_from_key(db_col_text(st, 2))), tie ? tie : "",
                    db_col_int(st, 6) ? "Aktiv" : "Avstängd");
    }
    db_done(st);
    html_raw(o, "</tbody></table></div>\n<h2>Lägg till användare</h2>\n"
                "<form method=\"post\" action=\"/admin/users\" class=\"card form\" novalidate>\n");
    widget_csrf(req);
    static const struct { const char *name, *label, *type, *hint; } f[] = {
        {"name", "Namn", "text", NULL},
        {"email", "E-postadress", "email", NULL},
        {"organiser", "Huvudmannens organisationsnummer", "text", "För rollen Huvudman."},
        {"unit", "Enhetskod", "text", "För rollerna Rektor och Analysgrupp."},
        {"university", "Lärosäte", "text", "För rollen Lärosäte, till exempel Karlstads universitet."},
        {"password", "Tillfälligt lösenord (minst 12 tecken)", "password", NULL},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        widget_input(req, f[i].name, f[i].label, f[i].type, req_param(req, f[i].name), f[i].hint,
                     strcmp(f[i].type, "password") == 0 ? "new-password" : NULL);
        if (i == 1) {
            html_raw(o, "<div class=\"field\"><label for=\"f-role\">Roll</label>");
            widget_field_error(req, "role");
            html_raw(o, "<select id=\"f-role\" name=\"role\"");
            widget_field_invalid(req, "role");
            html_raw(o, ">");
            for (int r = ROLE_ADMIN; r < ROLE_COUNT; r++)
                html_printf(o, "<option value=\"%s\"%s>%s</option>", role_key((role_t)r),
                            strcmp(role_key((role_t)r), req_param(req, "role")) == 0 ? " selected" : "",
                            role_label((role_t)r));
            html_raw(o, "</select></div>\n");
        }
    }
    html_raw(o, "<button type=\"submit\" class=\"button\">Lägg till</button>\n</form>\n");
    layout_end(req);
    return respond_html(req, status);
}

int admin_users_page(request_t *req)
{
    return users_form(req, 200, strcmp(req_param(req, "klart"), "1") == 0 ? "Användaren är tillagd." : NULL);
}

int admin_users_submit(request_t *req)
{
    if (!req->nerrors) {
        admin_new_user_t u = {req_param(req, "email"), req_param(req, "name"), req_param(req, "role"),
                              req_param(req, "organiser"), req_param(req, "unit"), req_param(req, "university"),
                              req_param(req, "password")};
        char *err;
        const char *field;
        if (admin_user_create(req->db, &req->viewer, &u, &req->arena, &err, &field))
            return respond_redirect(req, "/admin/users?klart=1");
        req_add_error(req, field, err);
    }
    return users_form(req, 400, NULL);
}
