/* plugin.h — sets of pointers that files anywhere in the program add to and that the
 * linker gathers into one array (the idea of FreeBSD's linker_set.h). An area plugs in
 * by adding its descriptor to a set in its own folder; no central list is edited.
 *
 *   PLUGIN_ADD(areas, cases_area);            in the area's file
 *   PLUGIN_SET(areas);                        where the set is read
 *   for (size_t i = 0; i < PLUGIN_COUNT(areas); i++) { const area_t *a = PLUGIN_AT(areas, i); … }
 *
 * The set's section name is a C identifier, so GNU ld defines __start_/__stop_ symbols
 * for it; they are weak so that a program with no entries still links. The entries are
 * pointers in a section of their own, which the sanitizers leave unpadded. */
#ifndef SV_PLUGIN_H
#define SV_PLUGIN_H
#include <stddef.h>
#include <stdint.h>

#define PLUGIN_ADD(set, sym)                                                                            \
    static const void *const plugin_entry_##set##_##sym __attribute__((used, section("svset_" #set), \
                                                                      aligned(sizeof(void *)))) = &(sym)

#define PLUGIN_SET(set)                                                                                  \
    extern const void *const __start_svset_##set[] __attribute__((weak, visibility("hidden")));         \
    extern const void *const __stop_svset_##set[] __attribute__((weak, visibility("hidden")))

/* The number of entries is counted from the two symbols' addresses as integers: they
 * bound one section, but to C they are two objects, which pointers may not be compared
 * across. */
#define PLUGIN_COUNT(set) \
    ((size_t)(((uintptr_t)__stop_svset_##set - (uintptr_t)__start_svset_##set) / sizeof(void *)))
#define PLUGIN_AT(set, i) ((const void *)__start_svset_##set[(i)])

#endif
