/* json_out.h — compact JSON objects written straight into a buffer, for rows written by
 * the thousand (an import's audit trail), where building a tree and dumping it costs more
 * than the row's own write. The output is the same as jansson's json_dumps with
 * JSON_COMPACT | JSON_SORT_KEYS, provided the caller gives the keys in sorted (strcmp)
 * order: the audit reads the same whichever wrote it. */
#ifndef SV_JSON_OUT_H
#define SV_JSON_OUT_H
#include "buf.h"
#include <stdint.h>

void json_out_begin(buf_t *b);                               /* "{" */
void json_out_end(buf_t *b);                                 /* "}" */
void json_out_key(buf_t *b, const char *key);                /* ,"key": */
void json_out_string(buf_t *b, const char *s);               /* "s" escaped, or null for NULL */
void json_out_int(buf_t *b, int64_t v);
void json_out_real(buf_t *b, double v);                      /* as jansson: 12.0, 0.25, 1e+100 */
void json_out_key_string(buf_t *b, const char *key, const char *s); /* ,"key":"s" */

#endif
