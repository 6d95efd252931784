/* parts.h — what the admin area's files share among themselves. */
#ifndef SV_ADMIN_PARTS_H
#define SV_ADMIN_PARTS_H
#include "../app/area.h"
#include "admin.h"

extern const route_t admin_user_routes[];   /* users_pages.c */
extern const route_t admin_audit_routes[];  /* audit_page.c */
extern const route_t admin_outbox_routes[]; /* outbox_page.c */
void admin_demo_users(demo_t *d);           /* demo.c */
/* A change's before and after (stored JSON) as a list of fields in words (audit_words.c). */
void admin_audit_change_html(buf_t *o, const char *before_json, const char *after_json);

#endif
