/* area.c — the administrator's area plugs in: users, audit log, outbox. */
#include "parts.h"

static const route_t *const routes[] = {admin_user_routes, admin_audit_routes, admin_outbox_routes, NULL};
static const nav_entry_t nav[] = {
    {90, "/admin/users", "Användare", CAP_ADMIN},
    {91, "/admin/audit", "Granskningslogg", CAP_ADMIN},
    {92, "/admin/outbox", "Utkorg", CAP_ADMIN},
    {0, NULL, NULL, CAP_NONE},
};
static const audit_type_t audit_types[] = {{"user", "Användare"}, {NULL, NULL}};
static const demo_step_t demo[] = {{20, admin_demo_users}, {0, NULL}};

static const audit_type_t audit_actions[] = {
    {"create", "Lade till användaren"},
    {"user:change", "Ändrade användaren"},
    {"user:deactivate", "Stängde av kontot"},
    {"user:activate", "Aktiverade kontot igen"},
    {"password", "Bytte lösenord"},
    {"password:reset", "Valde nytt lösenord med en återställningslänk"},
    {"password:reset-requested", "Bad om en länk för nytt lösenord"},
    {"token:create", "Skapade en API-nyckel"},
    {"token:revoke", "Återkallade en API-nyckel"},
    {NULL, NULL},
};

static const area_t admin_area = {
    .name = "admin",
    .audit_actions = audit_actions,
    .routes = routes,
    .nav = nav,
    .audit_types = audit_types,
    .demo = demo,
};
AREA(admin_area);
