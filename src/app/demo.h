/* demo.h — fills a database with a believable programme for trying Samverkan out: every
 * area's demo step in order (area.h). */
#ifndef SV_APP_DEMO_H
#define SV_APP_DEMO_H
#include "../db/db.h"
#include <stdio.h>

/* data_dir holds the real register files (NULL or absent: built-in examples); scale adds
 * that many cases at national scale for measuring. Prints what it did and the logins. */
int demo_fill(db_t *db, const char *data_dir, const char *password, int scale, FILE *out);

#endif
