/* area.c — the accounts area plugs in: Mitt konto, the first password, password reset. */
#include "parts.h"

static const route_t *const routes[] = {accounts_page_routes, accounts_reset_routes, NULL};

static const area_t accounts_area = {
    .name = "accounts",
    .routes = routes,
};
AREA(accounts_area);
