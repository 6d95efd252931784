/* area.c — the networks area plugs in: its routes, the menu entry and the audited actions. */
#include "parts.h"

static const route_t *const routes[] = {networks_routes, networks_meeting_routes, networks_api_routes, NULL};
static const nav_entry_t nav[] = {{57, "/networks", "Nätverk", CAP_NETWORK_READ}, {0, NULL, NULL, CAP_NONE}};
static const audit_type_t audit_types[] = {{"network", "Nätverk"}, {NULL, NULL}};
static const audit_type_t audit_actions[] = {
    {"network:create", "Skapade ett nätverk"},          {"network:member", "Lade till en medlem i ett nätverk"},
    {"network:rep", "Lade till en representant"},       {"network:meeting", "Planerade ett nätverksmöte"},
    {"network:record", "Förde anteckningar vid ett nätverksmöte"}, {"network:commit", "Gjorde ett åtagande"},
    {"network:report", "Redovisade ett åtagande"},       {NULL, NULL},
};

static const area_t networks_area = {
    .name = "networks",
    .routes = routes,
    .nav = nav,
    .audit_types = audit_types,
    .audit_actions = audit_actions,
    .demo = networks_demo_steps,
};
AREA(networks_area);
