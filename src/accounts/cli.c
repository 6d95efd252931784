/* cli.c — accounts from the command line (cli.h). The command line acts as the system's
 * administrator; every change is audited as such. */
#include "cli.h"
#include "accounts.h"
#include "../base/validate.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int user_list(db_t *db, arena_t *a)
{
    account_t *u;
    size_t n = accounts_list(db, a, &u);
    printf("%-32s %-26s %-10s %-9s %-17s %s\n", "e-post", "namn", "roll", "status", "senast inloggad", "knuten till");
    for (size_t i = 0; i < n; i++) {
        const char *tied = u[i].unit_code ? u[i].unit_code : u[i].orgnr ? u[i].orgnr : u[i].university;
        printf("%-32s %-26s %-10s %-9s %-17s %s\n", u[i].email, u[i].name, u[i].role,
               !u[i].active ? "avstängd" : u[i].must_change_password ? "tillfällig" : "aktiv",
               accounts_when(a, u[i].last_login_at), tied ? tied : "");
    }
    return 0;
}

int accounts_cli_user(db_t *db, const char *sub, const accounts_cli_opts_t *o, const char *password)
{
    arena_t a = ARENA_INIT;
    int rc = 0;
    char *err = NULL;
    const char *field = NULL;
    if (strcmp(sub, "list") == 0) {
        rc = user_list(db, &a);
    } else if (strcmp(sub, "add") == 0) {
        account_edit_t e = {o->email, o->name, o->role, o->organiser, o->unit, o->university, password};
        int64_t id = accounts_create(db, &viewer_cli, &e, o->temporary, &a, &err, &field);
        if (id)
            printf("Användaren %s är skapad (id %lld)%s.\n", o->email, (long long)id,
                   o->temporary ? "; lösenordet är tillfälligt och byts vid första inloggningen" : "");
        else
            fprintf(stderr, "samverkan: --%s: %s\n", field, err);
        rc = id ? 0 : 1;
    } else {
        account_t *u = o->email ? accounts_by_email(db, o->email, &a) : NULL;
        if (!u) {
            fprintf(stderr, "samverkan: ingen användare med e-postadressen %s\n", o->email ? o->email : "(saknas)");
            arena_free(&a);
            return 1;
        }
        if (strcmp(sub, "set") == 0) {
            account_edit_t e = {NULL, o->name, o->role, o->organiser, o->unit, o->university, NULL};
            write_result_t r = accounts_update(db, &viewer_cli, u, u->version, &e, &a, &err, &field);
            if (r == WRITE_OK)
                printf("Användaren %s är ändrad.\n", u->email);
            else
                fprintf(stderr, "samverkan: --%s: %s\n", field, err);
            rc = r == WRITE_OK ? 0 : 1;
        } else {
            bool active = strcmp(sub, "activate") == 0;
            if (accounts_set_active(db, &viewer_cli, u, active, &a, &err))
                printf(active ? "Användaren %s är aktiv igen.\n"
                              : "Användaren %s är avstängd; sessioner och API-nycklar slutade gälla.\n",
                       u->email);
            else
                fprintf(stderr, "samverkan: %s\n", err);
            rc = err ? 1 : 0;
        }
    }
    arena_free(&a);
    return rc;
}

int accounts_cli_token(db_t *db, const char *sub, const accounts_cli_opts_t *o)
{
    arena_t a = ARENA_INIT;
    int rc = 0;
    char *err = NULL;
    if (strcmp(sub, "list") == 0) {
        int64_t user = 0;
        if (o->email) {
            account_t *u = accounts_by_email(db, o->email, &a);
            if (!u) {
                fprintf(stderr, "samverkan: ingen användare med e-postadressen %s\n", o->email);
                arena_free(&a);
                return 1;
            }
            user = u->id;
        }
        api_token_t *t;
        size_t n = accounts_tokens(db, user, &a, &t);
        printf("%-6s %-32s %-17s %-17s %-17s %s\n", "nummer", "ägare", "skapad", "gäller till", "senast använd", "namn");
        for (size_t i = 0; i < n; i++)
            printf("%-6lld %-32s %-17s %-17s %-17s %s\n", (long long)t[i].id, t[i].owner_email,
                   accounts_when(&a, t[i].created_at), accounts_when(&a, t[i].expires_at),
                   accounts_when(&a, t[i].last_used), t[i].label);
    } else if (strcmp(sub, "revoke") == 0) {
        long long id;
        if (!o->id || !validate_int(o->id, 1, 1000000000000LL, &id)) {
            fprintf(stderr, "användning: samverkan token revoke NUMMER (numret visas av samverkan token list)\n");
            rc = 2;
        } else if (accounts_token_revoke(db, &viewer_cli, id, 0, &a, &err)) {
            printf("API-nyckel %lld är återkallad.\n", id);
        } else {
            fprintf(stderr, "samverkan: %s\n", err);
            rc = 1;
        }
    } else { /* create */
        account_t *u = o->email ? accounts_by_email(db, o->email, &a) : NULL;
        long long days = TOKEN_DAYS_DEFAULT;
        if (!u) {
            fprintf(stderr, "samverkan: ingen användare med e-postadressen %s\n", o->email ? o->email : "(saknas)");
            rc = 1;
        } else if (o->days && !validate_int(o->days, 1, 1095, &days)) {
            fprintf(stderr, "samverkan: --days ska vara 1–1095\n");
            rc = 2;
        } else {
            const char *token = accounts_token_create(db, &viewer_cli, u->id, o->label ? o->label : "kommandoraden",
                                                      (int)days, &a, &err);
            if (token)
                printf("%s\n", token);
            else
                fprintf(stderr, "samverkan: %s\n", err);
            rc = token ? 0 : 1;
        }
    }
    arena_free(&a);
    return rc;
}
