/* xlsx_read.h — reads the first worksheet of an XLSX file into rows of text, in the
 * shape the CSV reader gives (csv_row_t, line = the sheet's row number), so both kinds
 * of file share header detection, validation and messages. */
#ifndef SV_XLSX_READ_H
#define SV_XLSX_READ_H
#include "csv.h"

/* True when data starts like a zip archive (an XLSX file). */
bool xlsx_is_archive(const char *data, size_t len);
/* Reads the first sheet of the archive f, handing each row to emit as it is unpacked
 * (rows in scratch; a gap in the row numbers becomes one empty row). Cell text is trimmed;
 * numbers come as written in the file ("3", "45.5"). When emit returns false the reading
 * stops and false is returned with *err as emit left it; on any other failure *err is a
 * Swedish message naming the file. */
bool xlsx_read_stream(arena_t *a, arena_t *scratch, const char *filename, FILE *f,
                      bool (*emit)(void *ctx, csv_row_t *row), void *ctx, char **err);

#endif
