/* layout.h — the page frame (head, skip link, header with navigation by role, footer)
 * and the widgets every area shares: error summary, field errors, CSRF field, pager. */
#ifndef SV_LAYOUT_H
#define SV_LAYOUT_H
#include "../access/access.h"
#include "../html/html.h"
#include "request.h"
#include "../base/submission.h"

struct diff_part;

/* Opens a data table inside a scrollable wrapper that keyboard users can reach and
 * screen readers can name (WCAG 2.1.1): TABLE_OPEN("Huvudmän") … TABLE_CLOSE. */
#define TABLE_OPEN(label) \
    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"" label "\"><table class=\"data\">"
#define TABLE_OPEN_AS(label, cls) \
    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"" label "\"><table class=\"data " cls "\">"
#define TABLE_CLOSE "</table></div>\n"

/* One item of the main menu: shown to those with the capability, in order. */
typedef struct nav_entry {
    int order;
    const char *href, *label;
    cap_t cap;
} nav_entry_t;

/* Writes everything up to and including the page's <h1>; the menu is the server's
 * (server_config()->nav). */
void layout_begin(request_t *req, const char *title);
void layout_end(request_t *req);
/* The error summary at the top of a form: a list of links to the fields. */
void widget_error_summary(request_t *req);
/* The message for one field, if it has one (to write under its label). */
void widget_field_error(request_t *req, const char *field);
/* aria attributes for a field that has an error ("" otherwise). */
void widget_field_invalid(request_t *req, const char *field);
/* aria-invalid and one aria-describedby naming the hint (h-NAME) and the error (e-NAME)
 * that the field has, so a screen reader announces both. */
void widget_described_by(request_t *req, const char *field, bool has_hint);
/* A labelled input with its hint and error: type is "text", "email", "password" …;
 * value and hint may be NULL; autocomplete may be NULL. */
void widget_input(request_t *req, const char *name, const char *label, const char *type, const char *value,
                  const char *hint, const char *autocomplete);
/* The hidden CSRF field every state-changing form carries. */
void widget_csrf(request_t *req);
/* "Föregående 1 2 3 Nästa" for a list at base_url (which already holds its query,
 * ending in '?' or '&'). */
void widget_pager(request_t *req, const char *base_url, long long page, long long per_page, long long total);
/* A flash notice (status role) shown above content. */
void widget_notice(request_t *req, const char *kind, const char *text);
/* One field of a save that crossed another: its label, what is saved now, what was sent. */
typedef struct stale_field {
    const char *label, *saved, *mine;
} stale_field_t;
/* The notice for a save based on an older version (stale.c): who saved the newer one and
 * when (epoch, 0 unknown), and the fields that differ, word by word. The caller renders
 * the form below with what was sent, based on the version now saved, and answers 409. */
void widget_stale(request_t *req, const char *who, int64_t when, const stale_field_t *fields, size_t n);
/* A document's submissions (versions.c): each with who handed it in and when, and the
 * agency's decision on it; then a form choosing two of them (from, to; to 0 = the text
 * being written now, current) and their difference heading by heading. parts turns a
 * frozen content into headings with their text. */
typedef size_t (*doc_parts_fn)(request_t *req, const char *content, struct diff_part **out);
void widget_submissions(request_t *req, const doc_submission_t *s, size_t n, const char *current, doc_parts_fn parts);

/* The two forms of a document's flow, posting "action" to action_url: the writer's
 * button that hands it in (label), and the agency's decision: accept, or return with a
 * comment (the field "comment", which a return needs). */
void widget_flow_submit(request_t *req, const char *action_url, const char *label);
void widget_flow_decision(request_t *req, const char *action_url);

/* The version-stamped URL of a static asset. */
const char *layout_asset_url(request_t *req, const char *name);

#endif
