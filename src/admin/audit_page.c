/* audit_page.c — the audit log for admin, filterable by the object types the areas
 * audit under, by object and by user. */
#include "parts.h"
#include "../base/fmt.h"
#include <string.h>

enum { AUDIT_PER_PAGE = 50 };

static bool known_type(const char *type)
{
    if (!*type)
        return true;
    for (const char *const *k = areas_audit_type_keys(); *k; k++)
        if (strcmp(*k, type) == 0)
            return true;
    return false;
}

static int audit_page(request_t *req)
{
    if (req->nerrors || !known_type(req_param(req, "type")))
        return respond_error(req, 400, req->nerrors ? req->errors[0].message : "Välj en av objekttyperna i listan.");
    admin_audit_filter_t f = {req_param(req, "type"), req_param(req, "object"), req_param(req, "user"),
                              req_param_int(req, "page", 1), AUDIT_PER_PAGE};
    admin_audit_row_t *rows;
    long long total;
    size_t n = admin_audit_list(req->db, &f, &req->arena, &rows, &total);
    layout_begin(req, "Granskningslogg");
    buf_t *o = &req->body;
    html_lit(o, "<form method=\"get\" action=\"/admin/audit\" class=\"search card\" role=\"search\">\n"
                "<div class=\"field\"><label for=\"f-type\">Objekttyp</label><select id=\"f-type\" name=\"type\">"
                "<option value=\"\">Alla</option>");
    size_t ntypes;
    const audit_type_t *types = areas_audit_types(&ntypes);
    for (size_t i = 0; i < ntypes; i++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", types[i].key,
                    strcmp(types[i].key, f.type) == 0 ? " selected" : "", types[i].label);
    html_printf(o, "</select></div>\n<div class=\"field\"><label for=\"f-object\">Objekt (nyckel)</label>"
                   "<input id=\"f-object\" name=\"object\" value=\"%s\"><p class=\"hint\">Organisationsnummer, "
                   "enhetskod, kommunkod eller användar-id.</p></div>\n"
                   "<div class=\"field\"><label for=\"f-user\">Användare (e-post)</label>"
                   "<input id=\"f-user\" name=\"user\" value=\"%s\"></div>\n"
                   "<div class=\"field actions\"><button type=\"submit\" class=\"button\">Filtrera</button></div></form>\n",
                f.key, f.user);
    html_lit(o, "<p role=\"status\">");
    html_int(o, total);
    if (total == 1)
        html_lit(o, " ändring</p>\n");
    else
        html_lit(o, " ändringar</p>\n");
    if (n)
        html_lit(o, TABLE_OPEN_AS("Ändringar", "audit") "<thead><tr><th scope=\"col\">Tid</th>"
                    "<th scope=\"col\">Vem</th><th scope=\"col\">Vad</th><th scope=\"col\">Objekt</th>"
                    "<th scope=\"col\">Ändrade uppgifter</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        buf_t when = BUF_INIT;
        fmt_datetime(&when, rows[i].at);
        html_printf(o, "<tr><td class=\"nowrap\">%s</td><td>%s</td><td>%s</td><td>%s %s</td><td>",
                    buf_cstr(&when), rows[i].actor, areas_audit_action_label(rows[i].action),
                    areas_audit_type_label(rows[i].type), rows[i].key);
        admin_audit_change_html(o, rows[i].before, rows[i].after);
        html_lit(o, "</td></tr>\n");
        buf_free(&when);
    }
    if (n)
        html_lit(o, "</tbody></table></div>\n");
    buf_t base = BUF_INIT;
    buf_puts(&base, "/admin/audit?");
    const char *keys[] = {"type", "object", "user"}, *vals[] = {f.type, f.key, f.user};
    for (size_t i = 0; i < 3; i++)
        if (*vals[i]) {
            buf_printf(&base, "%s=", keys[i]);
            html_url(&base, vals[i]);
            buf_putc(&base, '&');
        }
    widget_pager(req, arena_strdup(&req->arena, buf_cstr(&base)), f.page, AUDIT_PER_PAGE, total);
    buf_free(&base);
    layout_end(req);
    return respond_html(req, 200);
}

/* The type is checked against every area's audited types by the handler: the list is
 * built from the areas' descriptors when the program starts. */
static const param_spec_t p_audit[] = {{"type", P_TEXT, 0, "Objekttyp", 0, 40, NULL},
                                       {"object", P_TEXT, 0, "Objekt", 0, 100, NULL},
                                       {"user", P_TEXT, 0, "Användare", 0, 254, NULL},
                                       PARAM_PAGE,
                                       PARAM_END};

const route_t admin_audit_routes[] = {
    {"GET", "/admin/audit", audit_page, CAP_ADMIN, ROUTE_FORM, p_audit},
    {NULL, NULL, NULL, 0, 0, NULL},
};
