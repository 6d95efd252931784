/* model.c — the networks' words and rules: levels, aspects, outcomes, whether a
 * commitment is still open, and which levels a member lacks. */
#include "networks.h"
#include "../base/buf.h"
#include <string.h>

static const char *label_of(const char *const *keys, const char *const *labels, const char *key)
{
    for (int i = 0; keys[i]; i++)
        if (key && strcmp(key, keys[i]) == 0)
            return labels[i];
    return "";
}

const char *const network_level_keys[] = {"politics", "administration", "principals", "teachers", NULL};
static const char *const level_labels[] = {"Politik", "Förvaltningsledning", "Rektorer", "Lärare"};
const char *network_level_label(const char *key)
{
    return label_of(network_level_keys, level_labels, key);
}

const char *const network_aspect_keys[] = {"leadership", "view", "routines", NULL};
static const char *const aspect_labels[] = {"Gemensam ledning", "Gemensam syn", "Gemensamma rutiner"};
const char *network_aspect_label(const char *key)
{
    return label_of(network_aspect_keys, aspect_labels, key);
}

const char *const network_outcome_keys[] = {"done", "partly", "not", NULL};
static const char *const outcome_labels[] = {"Genomfört", "Delvis genomfört", "Inte genomfört"};
const char *network_outcome_label(const char *key)
{
    return label_of(network_outcome_keys, outcome_labels, key);
}

const char *const network_kind_keys[] = {"working", "regional", NULL};
static const char *const kind_labels[] = {"Arbetande nätverk", "Regionalt nätverk"};
const char *network_kind_label(const char *key)
{
    return label_of(network_kind_keys, kind_labels, key);
}

bool network_commitment_open(const char *const *outcomes, size_t n)
{
    return n == 0 || strcmp(outcomes[n - 1], "done") != 0;
}

const char *network_levels_missing(const char *const *levels, size_t n, arena_t *a)
{
    buf_t b = BUF_INIT;
    for (int k = 0; network_level_keys[k]; k++) {
        bool found = false;
        for (size_t i = 0; i < n && !found; i++)
            found = strcmp(levels[i], network_level_keys[k]) == 0;
        if (!found)
            buf_printf(&b, "%s%s", b.len ? ", " : "", level_labels[k]);
    }
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}
