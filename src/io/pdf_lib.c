/* pdf_lib.c — opens the drawing libraries on first use (pdf_lib.h). */
#include "pdf_lib.h"

static pdf_lib_t table;
static bool tried, loaded;

const pdf_lib_t *pdf_lib(void)
{
    if (!tried) {
        tried = true;
        loaded = true;
#define PDF_LIB_RESOLVE(soname, name) loaded = dynlib_resolve(soname, #name, (void **)&table.name) && loaded;
        PDF_LIB_FUNCTIONS(PDF_LIB_RESOLVE)
#undef PDF_LIB_RESOLVE
    }
    return loaded ? &table : NULL;
}
