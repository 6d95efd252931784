/* export_response.h — sends an export table as the download the path asks for: XLSX
 * when it ends in ".xlsx", otherwise CSV. */
#ifndef SV_EXPORT_RESPONSE_H
#define SV_EXPORT_RESPONSE_H
#include "request.h"
#include "../io/export.h"

int export_respond(request_t *req, const export_table_t *t, const char *basename);

#endif
