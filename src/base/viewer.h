/* viewer.h — who is asking: the user, role and reach that every store function scopes by. */
#ifndef SV_VIEWER_H
#define SV_VIEWER_H
#include <stdbool.h>
#include <stdint.h>

typedef enum role {
    ROLE_NONE = 0,
    ROLE_ADMIN,
    ROLE_ANALYST,
    ROLE_SUPPORTER,
    ROLE_FINANCE,
    ROLE_ORGANISER,
    ROLE_HEAD,
    ROLE_GROUP,
    ROLE_UNIVERSITY,
    ROLE_READER,
    ROLE_COUNT
} role_t;

/* Bit masks for route tables: ROLE_BIT(ROLE_ADMIN) | ... */
#define ROLE_BIT(r) (1u << (r))
#define ROLES_AGENCY (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ANALYST) | ROLE_BIT(ROLE_SUPPORTER) | ROLE_BIT(ROLE_FINANCE))
#define ROLES_ORGANISER_SIDE (ROLE_BIT(ROLE_ORGANISER) | ROLE_BIT(ROLE_HEAD) | ROLE_BIT(ROLE_GROUP))
#define ROLES_ALL_USERS (0xFFFFFFFEu & ((1u << ROLE_COUNT) - 1))

typedef struct viewer {
    int64_t user_id;       /* 0 for the command line */
    role_t role;
    int64_t organiser_id;  /* own organiser for organiser, head and group; else 0 */
    int64_t unit_id;       /* own unit for head and group; else 0 */
    const char *university;/* own university for university users; else NULL */
    const char *email;
    const char *name;
} viewer_t;

/* The command line, the demo and the background jobs act as an administrator named
 * "Systemet" (in timelines and the audit log: no person did it). */
extern const viewer_t viewer_cli;

extern const char *const role_keys[];  /* admin … reader, NULL-terminated */
const char *role_key(role_t r);        /* "admin" */
const char *role_label(role_t r);      /* "Administratör" */
role_t role_from_key(const char *key); /* ROLE_NONE if unknown */

#endif
