/* audit_page.c — the audit log for admin, filterable by object and user. */
#include "admin.h"
#include "../base/fmt.h"
#include "../html/layout.h"
#include <string.h>

enum { AUDIT_PER_PAGE = 50 };

#define AUDIT_WHERE " WHERE (? = '' OR a.object_type = ?) AND (? = '' OR a.object_key = ?)" \
    " AND (? = '' OR lower(a.actor) = lower(?))"

static void bind_filter(db_stmt_t *st, const char *type, const char *key, const char *user)
{
    db_bind_text(st, 1, type);
    db_bind_text(st, 2, type);
    db_bind_text(st, 3, key);
    db_bind_text(st, 4, key);
    db_bind_text(st, 5, user);
    db_bind_text(st, 6, user);
}

const char *const admin_audit_types[] = {"organiser", "unit", "municipality", "user", "inspection_decision",
                                         "preschool_inspection", "criteria_set", "selection_round", "offer", NULL};

static const char *type_label(const char *t)
{
    if (strcmp(t, "inspection_decision") == 0) return "Skolinspektionens beslut";
    if (strcmp(t, "preschool_inspection") == 0) return "Beslut om förskola";
    if (strcmp(t, "criteria_set") == 0) return "Kriterieuppsättning";
    if (strcmp(t, "selection_round") == 0) return "Urvalsomgång";
    if (strcmp(t, "offer") == 0) return "Erbjudande";
    if (strcmp(t, "organiser") == 0) return "Huvudman";
    if (strcmp(t, "unit") == 0) return "Enhet";
    if (strcmp(t, "user") == 0) return "Användare";
    if (strcmp(t, "municipality") == 0) return "Kommun";
    return t;
}

int admin_audit_page(request_t *req)
{
    const char *type = req_param(req, "type"), *key = req_param(req, "object"), *user = req_param(req, "user");
    long long page = req_param_int(req, "page", 1);
    db_stmt_t *st = db_prepare(req->db, "SELECT COUNT(*) FROM audit a" AUDIT_WHERE);
    if (!st)
        return -1;
    bind_filter(st, type, key, user);
    long long total = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    layout_begin(req, "Granskningslogg");
    buf_t *o = &req->body;
    html_raw(o, "<form method=\"get\" action=\"/admin/audit\" class=\"search card\" role=\"search\">\n"
                "<div class=\"field\"><label for=\"f-type\">Objekttyp</label><select id=\"f-type\" name=\"type\">"
                "<option value=\"\">Alla</option>");
    for (const char *const *t = admin_audit_types; *t; t++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", *t, strcmp(*t, type) == 0 ? " selected" : "",
                    type_label(*t));
    html_printf(o, "</select></div>\n<div class=\"field\"><label for=\"f-object\">Objekt (nyckel)</label>"
                   "<input id=\"f-object\" name=\"object\" value=\"%s\"><p class=\"hint\">Organisationsnummer, "
                   "enhetskod, kommunkod eller användar-id.</p></div>\n"
                   "<div class=\"field\"><label for=\"f-user\">Användare (e-post)</label>"
                   "<input id=\"f-user\" name=\"user\" value=\"%s\"></div>\n"
                   "<div class=\"field actions\"><button type=\"submit\" class=\"button\">Filtrera</button></div></form>\n",
                key, user);
    html_raw(o, "<p role=\"status\">");
    html_int(o, total);
    html_raw(o, total == 1 ? " ändring</p>\n" : " ändringar</p>\n");
    st = db_prepare(req->db, "SELECT a.at, a.actor, a.action, a.object_type, a.object_key, a.before_json, a.after_json"
                             " FROM audit a" AUDIT_WHERE " ORDER BY a.id DESC LIMIT ? OFFSET ?");
    if (!st)
        return -1;
    bind_filter(st, type, key, user);
    db_bind_int(st, 7, AUDIT_PER_PAGE);
    db_bind_int(st, 8, (page - 1) * AUDIT_PER_PAGE);
    bool any = false;
    while (db_step(st) == DB_ROW) {
        if (!any) {
            html_raw(o, TABLE_OPEN_AS("Ändringar", "audit") "<thead><tr><th scope=\"col\">Tid</th>"
                        "<th scope=\"col\">Vem</th><th scope=\"col\">Händelse</th><th scope=\"col\">Objekt</th>"
                        "<th scope=\"col\">Före</th><th scope=\"col\">Efter</th></tr></thead><tbody>\n");
            any = true;
        }
        buf_t when = BUF_INIT;
        fmt_datetime(&when, db_col_int(st, 0));
        html_printf(o, "<tr><td class=\"nowrap\">%s</td><td>%s</td><td>%s</td><td>%s %s</td>"
                       "<td><code>%s</code></td><td><code>%s</code></td></tr>\n",
                    buf_cstr(&when), db_col_text(st, 1), db_col_text(st, 2), type_label(db_col_text(st, 3)),
                    db_col_text(st, 4), db_col_text(st, 5) ? db_col_text(st, 5) : "",
                    db_col_text(st, 6) ? db_col_text(st, 6) : "");
        buf_free(&when);
    }
    db_done(st);
    if (any)
        html_raw(o, "</tbody></table></div>\n");
    buf_t base = BUF_INIT;
    buf_puts(&base, "/admin/audit?");
    const char *keys[] = {"type", "object", "user"}, *vals[] = {type, key, user};
    for (size_t i = 0; i < 3; i++)
        if (*vals[i]) {
            buf_printf(&base, "%s=", keys[i]);
            html_url(&base, vals[i]);
            buf_putc(&base, '&');
        }
    widget_pager(req, arena_strdup(&req->arena, buf_cstr(&base)), page, AUDIT_PER_PAGE, total);
    buf_free(&base);
    layout_end(req);
    return respond_html(req, 200);
}
