/* fuzz_csv.c — libFuzzer target: the Skolverket CSV reader and the value parser must
 * accept or reject any bytes without crashing, leaking or reading out of bounds. */
#include "io/csv.h"
#include <stddef.h>
#include <stdint.h>

static const csv_column_t cols[] = {
    {"code", "Skol-enhetskod|SKOLENHETSKOD", true},
    {"name", "Skola|NAMN", true},
    {"value", "Värde|Andel (%)", false},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena_t a = ARENA_INIT;
    csv_table_t t;
    char *err = NULL;
    if (csv_read_table(&a, "fuzz.csv", (const char *)data, size, cols, 3, &t, &err)) {
        for (size_t r = 0; r < t.nrows; r++) {
            double v;
            for (size_t c = 0; c < 3; c++)
                (void)csv_parse_value(csv_field(&t, &t.rows[r], c), &v);
        }
    }
    arena_free(&a);
    return 0;
}
