/* main.c — the samverkan command and its subcommands (one table). */
#include "admin/admin.h"
#include "app/area.h"
#include "app/demo.h"
#include "app/jobs.h"
#include "app/openapi.h"
#include "base/alloc.h"
#include "base/buf.h"
#include "base/fmt.h"
#include "base/log.h"
#include "base/validate.h"
#include "db/db.h"
#include "db/outbox.h"
#include "db/settings.h"
#include "http/server.h"
#include "http/session.h"
#include "http/users.h"
#include "register/register.h"
#include "selection/selection_cli.h"
#include "accounts/cli.h"
#include <jansson.h>
#include <time.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SAMVERKAN_VERSION "0.1.0"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage;
} command_t;

/* Options are "--name value" or "--flag"; positional arguments are collected in order. */
typedef struct opts {
    const char *db;
    const char *values[16][2];
    size_t nvalues;
    const char *pos[8];
    size_t npos;
    bool help;
} opts_t;

static bool is_flag(const char *name)
{
    return strcmp(name, "--trust-proxy") == 0 || strcmp(name, "--temporary") == 0 || strcmp(name, "--help") == 0 ||
           strcmp(name, "-h") == 0;
}

static int parse_opts(int argc, char **argv, opts_t *o)
{
    memset(o, 0, sizeof *o);
    o->db = getenv("SAMVERKAN_DB");
    if (!o->db || !*o->db)
        o->db = "samverkan.db";
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            o->help = true;
        } else if (strncmp(a, "--", 2) == 0) {
            const char *v = "1";
            if (!is_flag(a)) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "samverkan: %s saknar ett värde\n", a);
                    return -1;
                }
                v = argv[++i];
            }
            if (strcmp(a, "--db") == 0)
                o->db = v;
            else if (o->nvalues < 16) {
                o->values[o->nvalues][0] = a + 2;
                o->values[o->nvalues][1] = v;
                o->nvalues++;
            }
        } else if (o->npos < 8) {
            o->pos[o->npos++] = a;
        }
    }
    return 0;
}

static const char *opt(const opts_t *o, const char *name)
{
    for (size_t i = 0; i < o->nvalues; i++)
        if (strcmp(o->values[i][0], name) == 0)
            return o->values[i][1];
    return NULL;
}

static db_t *open_db(const char *url)
{
    char *err = NULL;
    db_t *db = db_open(url, &err);
    if (!db) {
        fprintf(stderr, "samverkan: %s\n", err);
        free(err);
        return NULL;
    }
    if (db_migrate(db, &err) < 0) {
        fprintf(stderr, "samverkan: %s\n", err);
        free(err);
        db_close(db);
        return NULL;
    }
    return db;
}

static int cmd_init(int argc, char **argv)
{
    opts_t o;
    if (parse_opts(argc, argv, &o) < 0)
        return 2;
    db_t *db = open_db(o.db);
    if (!db)
        return 1;
    printf("Databasen %s är klar (schemaversion %d).\n", o.db, db_schema_version(db));
    db_close(db);
    return 0;
}

static int cmd_serve(int argc, char **argv)
{
    opts_t o;
    if (parse_opts(argc, argv, &o) < 0)
        return 2;
    size_t nnav;
    const nav_entry_t *nav = areas_nav(&nnav);
    server_config_t cfg = {o.db, "127.0.0.1", 8080, 0, 30 * 60, 12 * 3600, false, 64u << 20, areas_routes(), nav, nnav};
    const char *listen = opt(&o, "listen");
    if (!listen)
        listen = getenv("SAMVERKAN_LISTEN");
    if (listen && *listen) {
        const char *colon = strrchr(listen, ':');
        long long port;
        static char host[64];
        if (!colon || (size_t)(colon - listen) >= sizeof host || !validate_int(colon + 1, 0, 65535, &port)) {
            fprintf(stderr, "samverkan: --listen (eller SAMVERKAN_LISTEN) ska vara ADRESS:PORT, till exempel "
                            "127.0.0.1:8080\n");
            return 2;
        }
        /* [::1]:8080 names an IPv6 address */
        const char *h = listen;
        size_t hn = (size_t)(colon - listen);
        if (hn >= 2 && h[0] == '[' && h[hn - 1] == ']')
            h++, hn -= 2;
        memcpy(host, h, hn);
        host[hn] = '\0';
        cfg.host = host;
        cfg.port = (unsigned short)port;
    }
    /* Each numeric option: its name, its range, where it goes; a wrong value stops here. */
    struct { const char *name; long long lo, hi; const char *what; } nums[] = {
        {"threads", 1, 256, "trådar"},
        {"session-idle", 1, 86400, "sekunder"},
        {"session-max", 1, 7 * 86400, "sekunder"},
        {"upload-limit-mb", 1, 4096, "MB"},
        {"db-connect-timeout", 1, 300, "sekunder"},
        {"db-timeout", 100, 600000, "millisekunder"},
    };
    long long vals[6];
    for (size_t i = 0; i < 6; i++) {
        vals[i] = -1;
        const char *v = opt(&o, nums[i].name);
        if (v && !validate_int(v, nums[i].lo, nums[i].hi, &vals[i])) {
            fprintf(stderr, "samverkan: --%s ska vara %lld–%lld %s\n", nums[i].name, nums[i].lo, nums[i].hi,
                    nums[i].what);
            return 2;
        }
    }
    if (vals[0] > 0)
        cfg.threads = (unsigned)vals[0];
    if (vals[1] > 0)
        cfg.session_idle = (int)vals[1];
    if (vals[2] > 0)
        cfg.session_max = (int)vals[2];
    if (vals[3] > 0)
        cfg.upload_limit = (size_t)vals[3] << 20;
    db_timeouts_t timeouts = *db_get_timeouts();
    if (vals[4] > 0)
        timeouts.connect_s = (int)vals[4];
    if (vals[5] > 0)
        timeouts.statement_ms = (int)vals[5];
    db_set_timeouts(&timeouts);
    cfg.trust_proxy = opt(&o, "trust-proxy") != NULL;
    /* Upgrade the schema before any worker opens its own connection. */
    db_t *db = open_db(o.db);
    if (!db)
        return 1;
    db_close(db);
    long long every = 3600, days = 14;
    if (opt(&o, "remind-every") && !validate_int(opt(&o, "remind-every"), 0, 7 * 86400, &every)) {
        fprintf(stderr, "samverkan: --remind-every ska vara sekunder (0 stänger av)\n");
        return 2;
    }
    if (opt(&o, "remind-days") && !validate_int(opt(&o, "remind-days"), 0, 365, &days)) {
        fprintf(stderr, "samverkan: --remind-days ska vara 0–365\n");
        return 2;
    }
    jobs_config_t jobs = {o.db, (int)every, (int)days, opt(&o, "smtp"), opt(&o, "mail-from")};
    jobs_start(&jobs);
    int rc = server_run(&cfg);
    jobs_stop();
    return rc;
}

/* The settings an administrator may change: the registry series and the report dates. */
static const char *const setting_keys[] = {"registry_series", "registry_start", "interim_vt", "interim_ht",
                                           "public_url", NULL};

static int cmd_setting(int argc, char **argv)
{
    opts_t o;
    if (parse_opts(argc, argv, &o) < 0)
        return 2;
    bool known = false;
    for (const char *const *k = setting_keys; o.npos >= 1 && *k; k++)
        known = known || strcmp(*k, o.pos[0]) == 0;
    if (o.npos < 1 || o.npos > 2 || !known) {
        fprintf(stderr, "användning: samverkan setting NYCKEL [VÄRDE]\n  NYCKEL: registry_series, registry_start, "
                        "interim_vt, interim_ht, public_url\n");
        return 2;
    }
    const char *key = o.pos[0], *value = o.npos == 2 ? o.pos[1] : NULL;
    long long n;
    char probe[32];
    if (value && strcmp(key, "registry_start") == 0 && !validate_int(value, 1, 1000000000, &n)) {
        fprintf(stderr, "samverkan: registry_start ska vara ett heltal större än 0\n");
        return 2;
    }
    if (value && strncmp(key, "interim_", 8) == 0 &&
        (strlen(value) != 5 || !validate_date((snprintf(probe, sizeof probe, "2024-%s", value), probe)))) {
        fprintf(stderr, "samverkan: %s ska vara MM-DD, till exempel 06-15\n", key);
        return 2;
    }
    if (value && strcmp(key, "registry_series") == 0 && (strlen(value) < 1 || strlen(value) > 20 || strchr(value, ':'))) {
        fprintf(stderr, "samverkan: registry_series ska vara 1–20 tecken utan kolon, till exempel 2026\n");
        return 2;
    }
    if (value && strcmp(key, "public_url") == 0 &&
        ((strncmp(value, "https://", 8) != 0 && strncmp(value, "http://", 7) != 0) || value[strlen(value) - 1] == '/' ||
         strpbrk(value, " \"<>"))) {
        fprintf(stderr, "samverkan: public_url ska vara adressen användarna når tjänsten på, utan / sist, till "
                        "exempel https://samverkan.skolverket.se\n");
        return 2;
    }
    db_t *db = open_db(o.db);
    if (!db)
        return 1;
    int rc = 0;
    if (value) {
        rc = settings_set(db, key, value) ? 0 : 1;
    } else {
        arena_t a = ARENA_INIT;
        printf("%s\n", settings_get(db, key, "(standard)", &a));
        arena_free(&a);
    }
    db_close(db);
    return rc;
}

static int cmd_remind(int argc, char **argv)
{
    opts_t o;
    if (parse_opts(argc, argv, &o) < 0)
        return 2;
    long long days = 14;
    const char *day = opt(&o, "today");
    char now[11];
    if (!day) {
        fmt_today(now, 0);
        day = now;
    }
    if (!validate_date(day) || (opt(&o, "days") && !validate_int(opt(&o, "days"), 0, 365, &days))) {
        fprintf(stderr, "användning: samverkan remind [--today ÅÅÅÅ-MM-DD] [--days N] [--smtp URL --mail-from ADRESS]\n");
        return 2;
    }
    db_t *db = open_db(o.db);
    if (!db)
        return 1;
    jobs_config_t jobs = {o.db, 0, (int)days, opt(&o, "smtp"), opt(&o, "mail-from")};
    int64_t before = outbox_count(db);
    int sent = jobs_round(db, &jobs, day);
    int queued = (int)(outbox_count(db) - before);
    int64_t waiting = db_run_int(db, 0, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL", "");
    printf("påminnelser: %d nya i utkorgen, %d skickade, %lld väntar\n", queued, sent, (long long)waiting);
    db_close(db);
    return 0;
}

static FILE *open_input(const char *path)
{
    if (strcmp(path, "-") != 0)
        return fopen(path, "rb");
    /* Standard input cannot be read twice: the reader looks at the first bytes first. */
    FILE *f = tmpfile();
    char chunk[65536];
    size_t n;
    while (f && (n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
        fwrite(chunk, 1, n, f);
    if (f)
        rewind(f);
    return f;
}

static int cmd_import(int argc, char **argv)
{
    opts_t o;
    if (parse_opts(argc, argv, &o) < 0)
        return 2;
    if (o.npos != 2) {
        fprintf(stderr, "användning: samverkan import KIND FILE [--year Y] [--db URL]\n");
        return 2;
    }
    long long year = 0;
    if (opt(&o, "year") && !validate_int(opt(&o, "year"), 1990, 2100, &year)) {
        fprintf(stderr, "samverkan: --year ska vara ett årtal, till exempel 2025\n");
        return 2;
    }
    FILE *in = open_input(o.pos[1]);
    if (!in) {
        fprintf(stderr, "samverkan: kan inte läsa %s\n", o.pos[1]);
        return 1;
    }
    db_t *db = open_db(o.db);
    if (!db) {
        fclose(in);
        return 1;
    }
    arena_t a = ARENA_INIT;
    reg_import_result_t r;
    char *err = NULL;
    const char *base = strrchr(o.pos[1], '/') ? strrchr(o.pos[1], '/') + 1 : o.pos[1];
    int rc = 0;
    if (register_import(db, &viewer_cli, o.pos[0], base, in, (int)year, &a, &r, &err)) {
        buf_t sum = BUF_INIT;
        register_import_summary(&r, &sum);
        fputs(buf_cstr(&sum), stdout);
        buf_free(&sum);
    } else {
        fprintf(stderr, "samverkan: %s\nIngenting ändrades.\n", err);
        rc = 1;
    }
    arena_free(&a);
    fclose(in);
    db_close(db);
    return rc;
}

static int cmd_demo(int argc, char **argv)
{
    opts_t o;
    if (parse_opts(argc, argv, &o) < 0)
        return 2;
    const char *password = opt(&o, "password") ? opt(&o, "password") : "samverkan-demo-2026";
    if (!validate_password(password)) {
        fprintf(stderr, "samverkan: demolösenordet ska ha minst 12 tecken\n");
        return 2;
    }
    db_t *db = open_db(o.db);
    if (!db)
        return 1;
    long long scale = 0;
    if (opt(&o, "scale") && !validate_int(opt(&o, "scale"), 1, 400, &scale)) {
        fprintf(stderr, "samverkan: --scale ska vara 1–400 ärenden\n");
        db_close(db);
        return 2;
    }
    int rc = demo_fill(db, opt(&o, "data"), password, (int)scale, stdout);
    db_close(db);
    return rc;
}

static char *read_password(void)
{
    char line[512];
    if (isatty(STDIN_FILENO))
        fprintf(stderr, "Lösenord: ");
    if (!fgets(line, sizeof line, stdin))
        return NULL;
    line[strcspn(line, "\r\n")] = '\0';
    return xstrdup(line);
}

#define USER_USAGE                                                                                            \
    "samverkan user add --email E --name N --role ROLE [--organiser ORGNR] [--unit CODE] [--university NAMN]\n" \
    "                     [--temporary]   (lösenordet läses från standard in)\n"                                   \
    "  samverkan user set --email E [--name N] [--role R] [--organiser ORGNR] [--unit CODE] [--university NAMN]\n"\
    "  samverkan user deactivate --email E\n"                                                                  \
    "  samverkan user activate --email E\n"                                                                    \
    "  samverkan user list\n"

static accounts_cli_opts_t account_opts(const opts_t *o)
{
    return (accounts_cli_opts_t){opt(o, "email"), opt(o, "name"), opt(o, "role"), opt(o, "organiser"), opt(o, "unit"),
                                 opt(o, "university"), opt(o, "label"), opt(o, "days"), o->npos > 1 ? o->pos[1] : NULL,
                                 opt(o, "temporary") != NULL};
}

static int cmd_user(int argc, char **argv)
{
    opts_t o;
    if (parse_opts(argc, argv, &o) < 0)
        return 2;
    static const char *const subs[] = {"add", "set", "deactivate", "activate", "list", NULL};
    bool known = false;
    for (const char *const *s = subs; o.npos == 1 && *s; s++)
        known = known || strcmp(*s, o.pos[0]) == 0;
    if (!known || (strcmp(o.pos[0], "list") != 0 && !opt(&o, "email"))) {
        fprintf(stderr, "användning: " USER_USAGE);
        return 2;
    }
    char *password = NULL;
    if (strcmp(o.pos[0], "add") == 0 && !(password = read_password())) {
        fprintf(stderr, "samverkan: lösenordet läses från standard in\n");
        return 2;
    }
    db_t *db = open_db(o.db);
    int rc = 1;
    if (db) {
        accounts_cli_opts_t ao = account_opts(&o);
        rc = accounts_cli_user(db, o.pos[0], &ao, password);
        db_close(db);
    }
    if (password) {
        sodium_memzero(password, strlen(password));
        free(password);
    }
    return rc;
}

#define TOKEN_USAGE                                                                                           \
    "samverkan token create --email E [--label NAMN] [--days DAGAR]   (365 dagar om inget anges)\n"          \
    "  samverkan token list [--email E]\n"                                                                     \
    "  samverkan token revoke NUMMER\n"

static int cmd_token(int argc, char **argv)
{
    opts_t o;
    if (parse_opts(argc, argv, &o) < 0)
        return 2;
    bool ok = o.npos >= 1 && ((strcmp(o.pos[0], "create") == 0 && o.npos == 1 && opt(&o, "email")) ||
                              (strcmp(o.pos[0], "list") == 0 && o.npos == 1) ||
                              (strcmp(o.pos[0], "revoke") == 0 && o.npos == 2));
    if (!ok) {
        fprintf(stderr, "användning: " TOKEN_USAGE);
        return 2;
    }
    db_t *db = open_db(o.db);
    if (!db)
        return 1;
    accounts_cli_opts_t ao = account_opts(&o);
    int rc = accounts_cli_token(db, o.pos[0], &ao);
    db_close(db);
    return rc;
}

static int cmd_backup(int argc, char **argv)
{
    opts_t o;
    if (parse_opts(argc, argv, &o) < 0)
        return 2;
    if (o.npos != 1) {
        fprintf(stderr, "användning: samverkan backup FILE [--db URL]\n");
        return 2;
    }
    if (access(o.pos[0], F_OK) == 0) {
        fprintf(stderr, "samverkan: %s finns redan; välj ett nytt filnamn\n", o.pos[0]);
        return 1;
    }
    db_t *db = open_db(o.db);
    if (!db)
        return 1;
    char *err = NULL;
    int rc = db_backup(db, o.pos[0], &err);
    if (rc == DB_OK)
        printf("Säkerhetskopian är skriven till %s.\n", o.pos[0]);
    else
        fprintf(stderr, "samverkan: säkerhetskopieringen misslyckades: %s\n", err ? err : "okänt fel");
    free(err);
    db_close(db);
    return rc == DB_OK ? 0 : 1;
}

static int cmd_index(int argc, char **argv)
{
    opts_t o;
    if (parse_opts(argc, argv, &o) < 0)
        return 2;
    long long year = 0, bg_year = 0, round = 0, set = 0;
    const char *since = opt(&o, "since"), *until = opt(&o, "until");
    if (o.npos != 1 || (opt(&o, "year") && !validate_int(opt(&o, "year"), 1990, 2100, &year)) ||
        (opt(&o, "background-year") && !validate_int(opt(&o, "background-year"), 1990, 2100, &bg_year)) ||
        (opt(&o, "round") && !validate_int(opt(&o, "round"), 1, INT64_MAX, &round)) ||
        (opt(&o, "criteria-set") && !validate_int(opt(&o, "criteria-set"), 1, INT64_MAX, &set)) ||
        (since && !validate_date(since)) || (until && !validate_date(until))) {
        fprintf(stderr, "användning: samverkan index inspection|results|preschool|criteria [flaggor] (se --help)\n");
        return 2;
    }
    db_t *db = open_db(o.db);
    if (!db)
        return 1;
    selection_cli_opts_t so = {(int)year, (int)bg_year, round, set, opt(&o, "vars"), opt(&o, "weights"),
                               opt(&o, "result"), opt(&o, "background"), since, until, opt(&o, "format")};
    int rc = selection_cli_index(db, o.pos[0], &so);
    db_close(db);
    return rc;
}

/* The route table as the server has it: method, path, who may call, flags and the
 * declared parameters (JSON for the access and API tests), and API routes no fragment
 * of the description covers. */
static int cmd_routes(int argc, char **argv)
{
    opts_t o;
    if (parse_opts(argc, argv, &o) < 0)
        return 2;
    json_t *list = json_array();
    for (const route_t *r = areas_routes(); r->method; r++) {
        json_t *roles = json_array(), *params = json_array();
        for (int role = ROLE_ADMIN; role < ROLE_COUNT; role++)
            if (!(r->flags & ROUTE_PUBLIC) && (access_roles(r->cap) & ROLE_BIT(role)))
                json_array_append_new(roles, json_string(role_key((role_t)role)));
        for (const param_spec_t *p = r->params; p && p->name; p++)
            json_array_append_new(params, json_pack("{s:s, s:b, s:b}", "name", p->name, "path",
                                                    (p->flags & PARAM_PATH) != 0, "required",
                                                    (p->flags & PARAM_REQUIRED) != 0));
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:o, s:b, s:b, s:b, s:o}", "method", r->method, "path",
                                              r->pattern, "capability", access_cap_name(r->cap), "roles", roles,
                                              "public", (r->flags & ROUTE_PUBLIC) != 0, "api",
                                              (r->flags & ROUTE_API) != 0, "form", (r->flags & ROUTE_FORM) != 0,
                                              "params", params));
    }
    char *missing = openapi_missing();
    json_t *j = json_pack("{s:o, s:s?}", "routes", list, "undescribed", missing);
    free(missing);
    char *text = json_dumps(j, JSON_INDENT(1));
    puts(text);
    free(text);
    json_decref(j);
    return 0;
}

static const command_t commands[] = {
    {"init", cmd_init, "skapar eller uppgraderar databasen", "samverkan init [--db URL]"},
    {"serve", cmd_serve, "startar webbservern",
     "samverkan serve [--db URL] [--listen 127.0.0.1:8080] [--threads N] [--session-idle SEK]\n"
     "                [--session-max SEK] [--upload-limit-mb MB] [--trust-proxy]\n"
     "                [--db-connect-timeout SEK] [--db-timeout MS]\n\n"
     "  --listen         adress och port, 127.0.0.1:8080 om inget anges (eller miljövariabeln\n"
     "                   SAMVERKAN_LISTEN); port 0 väljer en ledig port, som skrivs ut. En adress\n"
     "                   som redan används av en annan server vägras.\n"
     "  --threads        antal arbetstrådar (standard: antal kärnor)\n"
     "  --session-idle   sekunder utan aktivitet innan en session upphör (1800)\n"
     "  --session-max    längsta livslängd för en session i sekunder (43200)\n"
     "  --trust-proxy    lita på X-Forwarded-For och X-Forwarded-Proto från en omvänd proxy\n"
     "  --upload-limit-mb största fil som tas emot vid import (64)\n"
     "  --db-connect-timeout sekunder att vänta på en anslutning till PostgreSQL (5)\n"
     "  --db-timeout     millisekunder en fråga får ta innan svaret blir 503 (10000)\n"
     "  --smtp URL       SMTP-server för påminnelser, till exempel smtp://127.0.0.1:25 (av som standard)\n"
     "  --mail-from A    avsändaradress för påminnelser\n"
     "  --remind-every S sekunder mellan påminnelserundorna (3600; 0 stänger av)\n"
     "  --remind-days N  dagar före ett datum som påminnelsen går ut (14)"},
    {"demo", cmd_demo, "fyller databasen med demodata och en användare per roll",
     "samverkan demo [--db URL] [--data KATALOG] [--password LÖSENORD] [--scale N]\n\n"
     "  --data      katalogen med Skolverkets och SCB:s filer (till exempel ../shared/data)\n"
     "  --scale N   dessutom N ärenden i nationell skala (med möten och överenskommelser) för mätningar"},
    {"import", cmd_import, "läser in en fil",
     "samverkan import KIND FILE [--year Y] [--db URL]\n\n"
     "  KIND: organisers, units, results, background, preschools, municipalities, inspection,\n"
     "        preschool-inspection (CSV eller XLSX)\n"
     "  --year  kalenderåret då läsåret slutar, om filen inte anger läsår (krävs för preschools)"},
    {"index", cmd_index, "rangordnar enheter (Skolinspektionens underlag, förväntade resultat, förskoleindex, kriterier)",
     "samverkan index inspection [--since DATUM] [--until DATUM] [--format csv|json] [--db URL]\n"
     "       samverkan index preschool --year Y [--vars degree_share,children_per_staff] [--weights 1,1]\n"
     "                          [--format csv|json] [--db URL]\n"
     "       samverkan index results --year Y [--result merit17] [--background foreign_bg,parents_post_sec]\n"
     "                          [--background-year Y2] [--format csv|json] [--db URL]\n"
     "       samverkan index criteria --year Y --criteria-set ID [--background-year Y2] [--format csv|json]\n"
     "       samverkan index METOD --round ID   (omgångens frysta underlag: samma resultat varje gång)\n\n"
     "  CSV börjar med rank,code,name,organiser,value (prioritetsnyckeln, residualen, indexet eller\n"
     "  poängen) och sedan en kolumn per variabel; enheter som inte kan rangordnas står sist utan\n"
     "  rang, med skälet i kolumnen note."},
    {"remind", cmd_remind, "lägger påminnelser i utkorgen och skickar dem",
     "samverkan remind [--today ÅÅÅÅ-MM-DD] [--days 14] [--smtp smtp://värd:port --mail-from ADRESS] [--db URL]\n\n"
     "  Påminnelse före ett datum (inom --days dagar) och när det har passerats, en gång var, till\n"
     "  huvudmannens användare och ärendets processtödjare. Utan --smtp stannar de i utkorgen\n"
     "  (Administratör → Utkorg). serve gör samma sak varje timme (--remind-every)."},
    {"setting", cmd_setting, "visar eller ändrar en inställning",
     "samverkan setting NYCKEL [VÄRDE] [--db URL]\n\n"
     "  registry_series  diarieserie för överenskommelser (standard: innevarande år), t.ex. 2026\n"
     "  registry_start   första numret i en ny serie (1)\n"
     "  interim_vt       sista dag för vårterminens delredovisning, MM-DD (06-15)\n"
     "  interim_ht       sista dag för höstterminens delredovisning, MM-DD (12-15)\n"
     "  public_url       adressen användarna når tjänsten på, för länkar i e-post (som återställning\n"
     "                   av lösenord), t.ex. https://samverkan.skolverket.se; annars serverns egen adress"},
    {"user", cmd_user, "lägger till, ändrar, stänger av, aktiverar och listar användare",
     USER_USAGE "\n"
     "  ROLE: admin, analyst, supporter, finance, organiser, head, group, university, reader\n"
     "  --temporary  användaren byter lösenordet vid första inloggningen\n"
     "  Den som stängs av loggas ut direkt, och hens API-nycklar slutar gälla."},
    {"token", cmd_token, "skapar, listar och återkallar API-nycklar", TOKEN_USAGE},
    {"backup", cmd_backup, "skriver en konsistent kopia av databasen medan den används",
     "samverkan backup FILE [--db URL]"},
    {"routes", cmd_routes, "skriver rutttabellen som JSON (metod, sökväg, roller, parametrar)",
     "samverkan routes"},
    {NULL, NULL, NULL, NULL},
};

static void usage(FILE *f)
{
    fprintf(f, "Samverkan %s — Samverkan för bästa skola\n\nanvändning: samverkan KOMMANDO [flaggor]\n\n", SAMVERKAN_VERSION);
    for (const command_t *c = commands; c->name; c++)
        fprintf(f, "  %-8s %s\n", c->name, c->summary);
    fprintf(f, "\nDatabasen väljs med --db URL eller SAMVERKAN_DB (standard: samverkan.db).\n"
               "samverkan KOMMANDO --help visar kommandots flaggor.\n");
}

int main(int argc, char **argv)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "samverkan: libsodium kunde inte startas\n");
        return 1;
    }
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("samverkan %s\n", SAMVERKAN_VERSION);
        return 0;
    }
    for (const command_t *c = commands; c->name; c++) {
        if (strcmp(argv[1], c->name) != 0)
            continue;
        for (int i = 2; i < argc; i++) {
            if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
                printf("%s — %s\n\nanvändning: %s\n", c->name, c->summary, c->usage);
                return 0;
            }
        }
        return c->run(argc - 2, argv + 2);
    }
    fprintf(stderr, "samverkan: okänt kommando \"%s\"\n\n", argv[1]);
    usage(stderr);
    return 2;
}
