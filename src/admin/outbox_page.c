/* outbox_page.c — the mail outbox as the administrator sees it: what was queued, when it
 * was sent, and why a message could not be. */
#include "parts.h"
#include "../base/fmt.h"
#include "../db/outbox.h"

static int outbox_page(request_t *req)
{
    layout_begin(req, "Utkorg för påminnelser");
    buf_t *o = &req->body;
    html_lit(o, "<p class=\"lead\">Påminnelser före och efter ett datum, en gång var. Utan SMTP-server (se "
                "<code>samverkan serve --help</code>) skickas de inte, men står kvar här.</p>\n");
    outbox_row_t *rows;
    size_t n = outbox_latest(req->db, 200, &req->arena, &rows);
    html_lit(o, TABLE_OPEN("Utkorg") "<thead><tr><th scope=\"col\">Skapad</th><th scope=\"col\">Till</th>"
                "<th scope=\"col\">Ämne</th><th scope=\"col\">Skickad</th><th scope=\"col\">Fel</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        buf_t created = BUF_INIT, sent = BUF_INIT;
        fmt_datetime(&created, rows[i].created_at);
        if (rows[i].sent_at)
            fmt_datetime(&sent, rows[i].sent_at);
        html_printf(o, "<tr><td class=\"nowrap\">%s</td><td>%s</td><td>%s</td><td class=\"nowrap\">%s</td><td>%s</td></tr>",
                    buf_cstr(&created), rows[i].recipient, rows[i].subject, sent.len ? buf_cstr(&sent) : "–",
                    rows[i].last_error ? rows[i].last_error : "");
        buf_free(&created);
        buf_free(&sent);
    }
    html_lit(o, "</tbody>" TABLE_CLOSE);
    layout_end(req);
    return respond_html(req, 200);
}

static const param_spec_t p_none[] = {PARAM_END};

const route_t admin_outbox_routes[] = {
    {"GET", "/admin/outbox", outbox_page, CAP_ADMIN, 0, p_none},
    {NULL, NULL, NULL, 0, 0, NULL},
};
