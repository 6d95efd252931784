/* parts.h — what the accounts area's files share among themselves. */
#ifndef SV_ACCOUNTS_PARTS_H
#define SV_ACCOUNTS_PARTS_H
#include "../app/area.h"
#include "../http/users.h"
#include "accounts.h"
#include <time.h>

extern const route_t accounts_page_routes[];  /* pages.c */
extern const route_t accounts_reset_routes[]; /* reset_pages.c */

#endif
