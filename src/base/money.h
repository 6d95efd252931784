/* money.h — amounts as integer öre; parsing of Swedish-written amounts. */
#ifndef SV_MONEY_H
#define SV_MONEY_H
#include <stdbool.h>
#include <stdint.h>

/* Parses "112 362 506", "1 234,50", "1234.5" (kronor) into öre. No floating point. */
bool money_parse_sv(const char *s, int64_t *ore);

#endif
