/* stale.c — the answer to a save made on top of a version the user never saw. Nothing is
 * written over: the page says who saved the newer version and when, shows each field that
 * differs (what is saved now against what the user sent, word by word), and the form
 * below keeps what the user sent, now based on the saved version, so that sending it
 * again is a choice made knowingly. */
#include "layout.h"
#include "../base/fmt.h"
#include "../html/diff.h"
#include "../html/html.h"
#include <string.h>

void widget_stale(request_t *req, const char *who, int64_t when, const stale_field_t *fields, size_t n)
{
    buf_t *o = &req->body;
    buf_t at = BUF_INIT;
    if (when)
        fmt_datetime(&at, when);
    html_printf(o, "<div class=\"notice error\" role=\"alert\"><h2>Någon annan sparade medan du skrev</h2>"
                   "<p>%s sparade en nyare version%s%s. Din ändring är <strong>inte</strong> sparad, och det du "
                   "skrev finns kvar i formuläret nedan. Jämför, ändra om du vill och spara igen: då ersätter "
                   "din version den som är sparad nu.</p>",
                who && *who ? who : "Någon", when ? " " : "", buf_cstr(&at));
    buf_free(&at);
    size_t differing = 0;
    for (size_t i = 0; i < n; i++)
        differing += strcmp(fields[i].saved ? fields[i].saved : "", fields[i].mine ? fields[i].mine : "") != 0;
    if (!differing) {
        html_lit(o, "<p>Den sparade versionen har samma innehåll som ditt förslag.</p></div>\n");
        return;
    }
    html_lit(o, "<p class=\"hint\"><del>Struket</del> finns i den sparade versionen men inte i ditt förslag; "
                "<ins>understruket</ins> är ditt.</p><div class=\"diff\">");
    for (size_t i = 0; i < n; i++) {
        const char *saved = fields[i].saved ? fields[i].saved : "", *mine = fields[i].mine ? fields[i].mine : "";
        if (strcmp(saved, mine) == 0)
            continue;
        html_printf(o, "<h3>%s</h3><p class=\"prose\">", fields[i].label);
        html_diff_words(o, saved, mine);
        html_lit(o, "</p>");
    }
    html_lit(o, "</div></div>\n");
}
