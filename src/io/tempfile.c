/* tempfile.c — unnamed temporary files (tempfile.h). */
#include "tempfile.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

FILE *temp_file(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/var/tmp";
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/samverkan-XXXXXX", dir) >= sizeof path)
        return NULL;
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    unlink(path);
    FILE *f = fdopen(fd, "w+b");
    if (!f)
        close(fd);
    return f;
}
