/* contact_pages.c — correcting a case's contact person (a new address, a changed name).
 * The form carries the version it was based on; a correction saved meanwhile by someone
 * else is shown with the difference instead of being written over. */
#include "cases.h"
#include "parts.h"
#include "../access/access.h"
#include "../http/layout.h"
#include <string.h>

static int contact_view(request_t *req, const case_row_t *c, const case_person_t *p, int status, bool stale)
{
    layout_begin(req, arena_printf(&req->arena, "Kontaktperson: %s", p->name));
    buf_t *o = &req->body;
    if (stale) {
        stale_field_t f[] = {{"Namn", p->name, req_param(req, "name")},
                             {"E-postadress", p->email, req_param(req, "email")}};
        widget_stale(req, p->saved_by, p->saved_at, f, 2);
    }
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/cases/%lld#personer\">Tillbaka till ärendet för %s</a></p>", (long long)c->id,
                c->organiser);
    /* Based on the version shown, or after a mistake on the one the user started from. */
    long long based_on = !stale && req_has_param(req, "version") ? req_param_int(req, "version", p->version)
                                                                : (long long)p->version;
    html_printf(o, "<form method=\"post\" action=\"/cases/%lld/people/%lld\" class=\"card form narrow\" novalidate>"
                   "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
                (long long)c->id, (long long)p->id, based_on);
    widget_csrf(req);
    widget_input(req, "name", "Namn", "text", req_has_param(req, "name") ? req_param(req, "name") : p->name, NULL,
                 "off");
    widget_input(req, "email", "E-postadress", "email", req_has_param(req, "email") ? req_param(req, "email") : p->email,
                 "Påminnelser och kallelser går hit.", "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Spara</button></form>\n");
    layout_end(req);
    return respond_html(req, status);
}

/* The case in scope and its contact, or the 404 answer. */
static case_person_t *contact_from_request(request_t *req, case_row_t **c)
{
    *c = cases_from_request(req);
    return *c ? cases_contact(req->db, *c, req_param_int(req, "person", 0), &req->arena) : NULL;
}

static int contact_page(request_t *req)
{
    case_row_t *c;
    case_person_t *p = contact_from_request(req, &c);
    if (!p)
        return respond_error(req, 404, "Kontaktpersonen finns inte.");
    return contact_view(req, c, p, 200, false);
}

static int contact_submit(request_t *req)
{
    case_row_t *c;
    case_person_t *p = contact_from_request(req, &c);
    if (!p)
        return respond_error(req, 404, "Kontaktpersonen finns inte.");
    if (req->nerrors)
        return contact_view(req, c, p, 400, false);
    char *err = NULL;
    switch (cases_edit_contact(req->db, &req->viewer, c, p->id, (int)req_param_int(req, "version", 0),
                               req_param(req, "name"), req_param(req, "email"), &req->arena, &err)) {
    case WRITE_OK:
        return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld?klart=1#personer", (long long)c->id));
    case WRITE_STALE:
        /* Read again: the difference is against what is saved now. */
        p = contact_from_request(req, &c);
        return p ? contact_view(req, c, p, 409, true) : respond_error(req, 404, "Kontaktpersonen finns inte.");
    default:
        req_add_error(req, "name", err);
        return contact_view(req, c, p, 422, false);
    }
}

static const param_spec_t p_contact_page[] = {PARAM_ID,
                                              {"person", P_INT, PARAM_PATH, "Person", 1, 1000000000, NULL},
                                              PARAM_END};
static const param_spec_t p_contact_edit[] = {PARAM_ID,
                                              {"person", P_INT, PARAM_PATH, "Person", 1, 1000000000, NULL},
                                              {"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 200, NULL},
                                              {"email", P_EMAIL, 0, "E-postadress", 0, 254, NULL},
                                              PARAM_VERSION,
                                              PARAM_END};

const route_t cases_contact_routes[] = {
    {"GET", "/cases/{id}/people/{person}", contact_page, CAP_CASE_CONTACTS, ROUTE_KEPT, p_contact_page},
    {"POST", "/cases/{id}/people/{person}", contact_submit, CAP_CASE_CONTACTS, ROUTE_FORM, p_contact_edit},
    {NULL, NULL, NULL, 0, 0, NULL},
};
