/* tempfile.h — an unnamed temporary file on disk, for what is too big to hold in memory
 * (an upload on its way to the importer). */
#ifndef SV_TEMPFILE_H
#define SV_TEMPFILE_H
#include <stdio.h>

/* Opens a new empty file for reading and writing in $TMPDIR, or /var/tmp (on disk, where
 * /tmp may be memory). Its name is removed at once, so it vanishes when closed, also
 * after a crash. NULL on failure. */
FILE *temp_file(void);

#endif
