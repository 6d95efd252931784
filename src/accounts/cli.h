/* cli.h — the command line's accounts: `samverkan user add|set|deactivate|activate|list`
 * and `samverkan token create|list|revoke`. main.c reads the options; these do the rest
 * and print in Swedish. Each returns the process's exit code. */
#ifndef SV_ACCOUNTS_CLI_H
#define SV_ACCOUNTS_CLI_H
#include "../db/db.h"
#include <stdbool.h>

typedef struct accounts_cli_opts {
    const char *email, *name, *role, *organiser, *unit, *university;
    const char *label, *days, *id;
    bool temporary;             /* user add --temporary: the password must be changed at first login */
} accounts_cli_opts_t;

/* sub: add, set, deactivate, activate or list; password is read by main for add only. */
int accounts_cli_user(db_t *db, const char *sub, const accounts_cli_opts_t *o, const char *password);
/* sub: create, list or revoke (o->id). */
int accounts_cli_token(db_t *db, const char *sub, const accounts_cli_opts_t *o);

#endif
