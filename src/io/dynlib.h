/* dynlib.h — a library opened when it is first needed instead of when the program starts,
 * for the large ones few runs use (drawing PDFs, sending mail): loading them and all they
 * pull in would otherwise be paid by every command and every start.
 *
 * A user lists the functions it calls once, with an X-macro of (soname, name), keeps them
 * in a table of pointers typed by the library's own header (DYNLIB_FIELD), and fills the
 * table with dynlib_resolve on first use. */
#ifndef SV_IO_DYNLIB_H
#define SV_IO_DYNLIB_H
#include <stdbool.h>

#define DYNLIB_FIELD(soname, name) __typeof__(&name) name;

/* Opens soname (it stays open for the life of the process, like a library linked at
 * start) and stores the address of name in *slot. False, with the reason logged, when
 * either cannot be found. */
bool dynlib_resolve(const char *soname, const char *name, void **slot);

#endif
