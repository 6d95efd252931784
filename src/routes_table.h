/* routes_table.h — the application's route table. */
#ifndef SV_ROUTES_TABLE_H
#define SV_ROUTES_TABLE_H
#include "http/routes.h"

extern const route_t app_routes[];

#endif
