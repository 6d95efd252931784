/* demo.h — fills a database with a believable programme for trying Samverkan out. */
#ifndef SV_DEMO_H
#define SV_DEMO_H
#include "../db/db.h"
#include <stdio.h>

/* Imports the real register files under data_dir (if given and present), creates one
 * user per role with the given password and puts a few organisers in collaboration.
 * Prints what it did and the logins to out. Returns 0 on success. */
int demo_fill(db_t *db, const char *data_dir, const char *password, FILE *out);

/* Imports the sample inspection delivery and makes a decided and an open selection
 * round (needs the register files: the samples name real units). */
void demo_selection(db_t *db, FILE *out);

/* Adds n cases at a national scale for measuring (demo_scale.c). */
int demo_scale(db_t *db, int ncases, const char *password, FILE *out);

#endif
