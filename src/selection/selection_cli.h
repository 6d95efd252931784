/* selection_cli.h — the `samverkan index` command. */
#ifndef SV_SELECTION_CLI_H
#define SV_SELECTION_CLI_H
#include "../db/db.h"
#include <stdint.h>

typedef struct selection_cli_opts {
    int year, background_year;
    int64_t round_id, criteria_set;
    const char *vars, *weights, *result, *background, *since, *until, *format;
} selection_cli_opts_t;

/* Prints a ranking over the imported statistics, or over a round's frozen inputs;
 * returns the exit status. */
int selection_cli_index(db_t *db, const char *method, const selection_cli_opts_t *o);

#endif
