/* selection_cli.h — the `samverkan index` command. */
#ifndef SV_SELECTION_CLI_H
#define SV_SELECTION_CLI_H
#include "../db/db.h"

/* Prints a ranking over the imported statistics; returns the exit status. */
int selection_cli_index(db_t *db, const char *method, int year, const char *vars, const char *weights,
                        const char *result, const char *background, int background_year, const char *format);

#endif
