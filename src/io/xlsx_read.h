/* xlsx_read.h — reads the first worksheet of an XLSX file into rows of text, in the
 * shape the CSV reader gives (csv_row_t, line = the sheet's row number), so both kinds
 * of file share header detection, validation and messages. */
#ifndef SV_XLSX_READ_H
#define SV_XLSX_READ_H
#include "csv.h"

/* True when data starts like a zip archive (an XLSX file). */
bool xlsx_is_archive(const char *data, size_t len);
/* Reads every row of the first sheet; a gap in the row numbers becomes one empty row.
 * Cell text is trimmed; numbers come as written in the file ("3", "45.5"). On failure
 * sets *err to a Swedish message naming the file. */
bool xlsx_read_rows(arena_t *a, const char *filename, const char *data, size_t len, csv_row_t **rows,
                    size_t *nrows, char **err);

#endif
