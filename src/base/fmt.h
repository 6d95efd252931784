/* fmt.h — Swedish number, money and date formatting (112 362 506 kr; 47,5; 2017-11-02).
 * Thousands are separated by a no-break space (U+00A0) so figures never wrap. */
#ifndef SV_FMT_H
#define SV_FMT_H
#include "arena.h"
#include "buf.h"
#include <stdint.h>
#include <time.h>

#define FMT_NBSP "\xC2\xA0"

void fmt_int_sv(buf_t *out, int64_t v);
/* A decimal with the given number of decimals and a decimal comma: 47,5 */
void fmt_decimal_sv(buf_t *out, double v, int decimals);
/* Money held as integer öre: whole kronor print without decimals ("1 234 kr"),
 * others with two ("1 234,50 kr"). */
void fmt_money_sv(buf_t *out, int64_t ore);
/* A UTC epoch second as local Swedish date and time "2017-11-02 14:03". */
void fmt_datetime(buf_t *out, int64_t epoch);
void fmt_date(buf_t *out, int64_t epoch);
/* The same in the arena ("" for 0: never); and whole kronor Swedish style ("1 234 kr"). */
const char *fmt_datetime_in(arena_t *a, int64_t epoch);
const char *fmt_kronor_in(arena_t *a, int64_t kronor);
/* A measured value as few decimals as it needs (at most three), decimal comma: 47,5 */
const char *fmt_number_in(arena_t *a, double v);
/* A UTC epoch second as local time in ISO 8601 with its offset: 2026-12-02T06:23:56+01:00 */
void fmt_iso_datetime(buf_t *out, int64_t epoch);
/* Today's local date plus some days as 'YYYY-MM-DD' (out holds 11 bytes). */
void fmt_today(char out[11], int plus_days);

#endif
