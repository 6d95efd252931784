/* dynlib.c — libraries opened on first use (dynlib.h). */
#include "dynlib.h"
#include "../base/log.h"
#include <dlfcn.h>
#include <stddef.h>

bool dynlib_resolve(const char *soname, const char *name, void **slot)
{
    /* Opening a library already open only counts a reference. */
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        log_error("%s kunde inte öppnas: %s", soname, dlerror());
        return false;
    }
    *slot = dlsym(h, name);
    if (!*slot)
        log_error("%s saknar %s", soname, name);
    return *slot != NULL;
}
