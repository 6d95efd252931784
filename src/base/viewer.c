/* viewer.c — role names and the command-line viewer. */
#include "viewer.h"
#include <string.h>

const viewer_t viewer_cli = {0, ROLE_ADMIN, 0, 0, NULL, "systemet", "Systemet"};

static const struct {
    const char *key, *label;
} roles[ROLE_COUNT] = {
    [ROLE_NONE] = {"", "Ej inloggad"},
    [ROLE_ADMIN] = {"admin", "Administratör"},
    [ROLE_ANALYST] = {"analyst", "Urvalsanalytiker"},
    [ROLE_SUPPORTER] = {"supporter", "Processtödjare"},
    [ROLE_FINANCE] = {"finance", "Ekonomi"},
    [ROLE_ORGANISER] = {"organiser", "Huvudman"},
    [ROLE_HEAD] = {"head", "Rektor / förskolechef"},
    [ROLE_GROUP] = {"group", "Analysgrupp"},
    [ROLE_UNIVERSITY] = {"university", "Lärosäte"},
    [ROLE_READER] = {"reader", "Läsare"},
};

const char *const role_keys[] = {"admin", "analyst", "supporter", "finance", "organiser",
                                 "head", "group", "university", "reader", NULL};

const char *role_key(role_t r)
{
    return r > ROLE_NONE && r < ROLE_COUNT ? roles[r].key : "";
}

const char *role_label(role_t r)
{
    return r >= ROLE_NONE && r < ROLE_COUNT ? roles[r].label : "";
}

role_t role_from_key(const char *key)
{
    if (!key)
        return ROLE_NONE;
    for (int r = ROLE_ADMIN; r < ROLE_COUNT; r++)
        if (strcmp(roles[r].key, key) == 0)
            return (role_t)r;
    return ROLE_NONE;
}

