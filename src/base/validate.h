/* validate.h — validators for the identifiers and values users type or files carry.
 * Each returns true when the value is acceptable; normalisers write a canonical form. */
#ifndef SV_VALIDATE_H
#define SV_VALIDATE_H
#include <stdbool.h>
#include <stddef.h>

/* Swedish organisation number: 10 digits (an optional '-' after six), Luhn check digit.
 * On success writes the 10 digits and a NUL to out[11]. */
bool validate_orgnr(const char *s, char out[11]);
/* Unit code: the 8-digit school-unit code or the 6-digit Skolverket id of a preschool. */
bool validate_unit_code(const char *s);
/* Municipality code: 3 or 4 digits; writes the 4-digit padded form to out[5]. */
bool validate_municipality_code(const char *s, char out[5]);
bool validate_email(const char *s);
/* Calendar date YYYY-MM-DD that exists. */
bool validate_date(const char *s);
/* Whole number in [min, max], no sign tricks, no trailing text. */
bool validate_int(const char *s, long long min, long long max, long long *out);
/* A decimal number as people write it: "47", "47,5", "47.5", "-3" or "−3", spaces (also
 * no-break ones) between thousands, and a trailing "%" allowed. */
bool validate_decimal(const char *s, double *out);
/* Password rule: at least 12 characters (code points), at most 200 bytes. */
bool validate_password(const char *s);
/* Number of Unicode code points in a UTF-8 string. */
size_t validate_utf8_length(const char *s);

#endif
