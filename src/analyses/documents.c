/* documents.c — uploaded evidence of an analysis: the upload (size, and type read from
 * the content, checked by the store) and the download, served only to those who may read
 * the analysis, byte for byte as it came. */
#include "parts.h"
#include "../http/layout.h"
#include <stdlib.h>
#include <string.h>

#define NOT_FOUND "Analysen finns inte, eller så har du inte tillgång till den."

/* The name as the user's computer gave it, without folders or control characters. */
static const char *base_name(request_t *req)
{
    const char *name = req->upload.filename ? req->upload.filename : "";
    for (const char *s = name; *s; s++)
        if (*s == '/' || *s == '\\')
            name = s + 1;
    char *clean = arena_strdup(&req->arena, name);
    for (char *s = clean; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = '_';
    return *clean ? clean : "dokument";
}

static int analyses_document_submit(request_t *req)
{
    int status = 0;
    analysis_t *an = analyses_of_form(req, &status);
    if (!an)
        return status;
    const char *name = base_name(req);
    size_t len = req->upload.size;
    char *err = NULL;
    if (len > ANALYSIS_DOCUMENT_MAX) {
        req_add_error(req, "file", arena_printf(&req->arena, "%s: filen är för stor (%zu MB); högst %d MB tas emot.",
                                                name, (len + 999999) / 1000000, ANALYSIS_DOCUMENT_MAX >> 20));
        return analyses_view(req, 413);
    }
    unsigned char *data = malloc(len ? len : 1);
    rewind(req->upload.file);
    if (!data || fread(data, 1, len, req->upload.file) != len) {
        free(data);
        return respond_error(req, 500, "Filen kunde inte läsas.");
    }
    int64_t id = analyses_add_document(req->db, &req->viewer, an, name, data, len, &req->arena, &err);
    free(data);
    if (!id) {
        req_add_error(req, "file", err);
        return analyses_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/analyses/%lld?klart=1", (long long)an->id));
}

/* A file name safe in a header: letters, digits and . _ - kept, the rest as '_'. */
static const char *header_name(request_t *req, const char *name)
{
    char *s = arena_strdup(&req->arena, name);
    for (char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
              *p == '_' || *p == '-'))
            *p = '_';
    return s;
}

static int analyses_document_download(request_t *req)
{
    analysis_t *an = analyses_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!an)
        return respond_error(req, 404, NOT_FOUND);
    analysis_document_t *d = NULL;
    size_t len = 0;
    unsigned char *bytes = analyses_document_bytes(req->db, an, req_param_int(req, "document", 0), &req->arena, &d,
                                                   &len);
    if (!bytes)
        return respond_error(req, 404, "Dokumentet finns inte, eller så har du inte tillgång till det.");
    buf_t b = BUF_INIT;
    buf_append(&b, (const char *)bytes, len);
    free(bytes);
    return respond_file(req, d->media_type, header_name(req, d->filename), &b);
}

static int analyses_pdf_download(request_t *req)
{
    analysis_t *an = analyses_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!an)
        return respond_error(req, 404, NOT_FOUND);
    buf_t b = BUF_INIT;
    if (!analyses_pdf(req->db, an, &req->arena, &b)) {
        buf_free(&b);
        return respond_error(req, 500, "PDF-filen kunde inte skapas.");
    }
    return respond_file(req, "application/pdf", analyses_pdf_name(an, &req->arena), &b);
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_upload[] = {PARAM_ID, {"file", P_FILE, PARAM_REQUIRED, "Fil", 0, 0, NULL}, PARAM_END};
static const param_spec_t p_document[] = {PARAM_ID, {"document", P_INT, PARAM_PATH, "Dokument", 1, 1000000000, NULL},
                                          PARAM_END};

const route_t analyses_document_routes[] = {
    {"POST", "/analyses/{id}/documents", analyses_document_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM | ROUTE_UPLOAD,
     p_upload},
    {"GET", "/analyses/{id}/document.pdf", analyses_pdf_download, CAP_ANALYSIS_READ, 0, p_id},
    {"GET", "/analyses/{id}/documents/{document}", analyses_document_download, CAP_ANALYSIS_READ, 0, p_document},
    {NULL, NULL, NULL, 0, 0, NULL},
};
