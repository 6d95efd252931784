/* frame.c — the platform's own part as an area: the start page and health check, the
 * static assets, signing in and out, the own account, and the API's description. */
#include "area.h"
#include "openapi.h"
#include "../http/auth.h"
#include "../http/static_files.h"

extern const route_t app_home_routes[]; /* home.c */

static const route_t *const routes[] = {app_home_routes, static_routes, auth_routes, openapi_routes, NULL};
static const nav_entry_t nav[] = {
    {10, "/", "Start", CAP_SIGNED_IN},
    {99, "/account", "Mitt konto", CAP_SIGNED_IN},
    {0, NULL, NULL, CAP_NONE},
};

static const area_t frame_area = {
    .name = "frame",
    .routes = routes,
    .nav = nav,
};
AREA(frame_area);
