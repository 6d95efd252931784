/* export_response.c — an export table as a CSV or XLSX download. */
#include "export_response.h"
#include <string.h>

static bool wants_xlsx(const request_t *req)
{
    size_t n = strlen(req->path);
    return n > 5 && strcmp(req->path + n - 5, ".xlsx") == 0;
}

int export_respond(request_t *req, const export_table_t *t, const char *basename)
{
    buf_t out = BUF_INIT;
    if (wants_xlsx(req)) {
        if (!export_xlsx(t, &out)) {
            buf_free(&out);
            return respond_error(req, 500, "Excelfilen kunde inte skapas.");
        }
        return respond_file(req, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            arena_printf(&req->arena, "%s.xlsx", basename), &out);
    }
    export_csv(t, &out);
    return respond_file(req, "text/csv; charset=utf-8", arena_printf(&req->arena, "%s.csv", basename), &out);
}
