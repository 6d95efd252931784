/* auth.c — passwords, throttling, login and logout. */
#include "auth.h"
#include "session.h"
#include "../base/log.h"
#include "../base/validate.h"
#include "users.h"
#include "layout.h"
#include <pthread.h>
#include <semaphore.h>
#include <string.h>
#include <time.h>

/* OWASP's argon2id setting: 19 MiB, two passes. */
#define AUTH_OPSLIMIT 2
#define AUTH_MEMLIMIT (19u * 1024u * 1024u)

static sem_t hash_slots;
static pthread_once_t auth_once = PTHREAD_ONCE_INIT;
/* A real hash of a random password: verifying against it costs what a real account
 * costs, so the time of a failed login does not tell whether the account exists. */
static char dummy_hash[crypto_pwhash_STRBYTES];

static void auth_setup(void)
{
    sem_init(&hash_slots, 0, AUTH_HASH_PARALLEL);
    char random_pw[33];
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(random_pw, sizeof random_pw, raw, sizeof raw);
    if (crypto_pwhash_str(dummy_hash, random_pw, strlen(random_pw), AUTH_OPSLIMIT, AUTH_MEMLIMIT) != 0)
        dummy_hash[0] = '\0';
}

void auth_init(void)
{
    pthread_once(&auth_once, auth_setup);
}

void auth_shutdown(void)
{
    /* The semaphore lives for the whole process; nothing to release. */
}

bool auth_hash_password(const char *password, char out[crypto_pwhash_STRBYTES])
{
    auth_init();
    sem_wait(&hash_slots);
    int rc = crypto_pwhash_str(out, password, strlen(password), AUTH_OPSLIMIT, AUTH_MEMLIMIT);
    sem_post(&hash_slots);
    return rc == 0;
}

bool auth_verify_password(const char *hash, const char *password)
{
    auth_init();
    sem_wait(&hash_slots);
    int rc = crypto_pwhash_str_verify(hash, password, strlen(password));
    sem_post(&hash_slots);
    return rc == 0;
}

/* Renders the login form (with an error or an info message); sets the double-submit
 * token cookie for it. */
static int login_form(request_t *req, int status, const char *message, const char *info)
{
    char *token = session_random_hex(&req->arena);
    req_set_cookie(req, SESSION_PRE_COOKIE, token, -1);
    const char *saved_csrf = req->csrf;
    req->csrf = token;
    layout_begin(req, "Logga in");
    buf_t *o = &req->body;
    if (message)
        widget_notice(req, "error", message);
    if (info)
        widget_notice(req, "info", info);
    widget_error_summary(req);
    html_lit(o, "<p class=\"lead\">Samverkan är Skolverkets och huvudmännens gemensamma arbetsyta för "
                "Samverkan för bästa skola.</p>\n");
    html_lit(o, "<form method=\"post\" action=\"/login\" class=\"card form narrow\" novalidate>\n");
    widget_csrf(req);
    html_printf(o, "<input type=\"hidden\" name=\"next\" value=\"%s\">\n", req_param(req, "next"));
    widget_input(req, "email", "E-postadress", "email", req_param(req, "email"), NULL, "username");
    widget_input(req, "password", "Lösenord", "password", NULL, NULL, "current-password");
    html_lit(o, "<button type=\"submit\" class=\"button\">Logga in</button>\n</form>\n");
    layout_end(req);
    req->csrf = saved_csrf;
    return respond_html(req, status);
}

static int auth_login_page(request_t *req)
{
    if (access_may(&req->viewer, CAP_SIGNED_IN))
        return respond_redirect(req, "/");
    return login_form(req, 200, NULL, strcmp(req_param(req, "ut"), "1") == 0 ? "Du är utloggad." : NULL);
}

/* Only local paths are followed after login, never another site. */
static const char *safe_next(const char *next)
{
    if (next && next[0] == '/' && next[1] != '/' && next[1] != '\\' && !strchr(next, ':'))
        return next;
    return "/";
}

static int auth_login_submit(request_t *req)
{
    if (req->nerrors)
        return login_form(req, 400, NULL, NULL);
    const char *email = req_param(req, "email");
    const char *password = req_param(req, "password");
    int64_t now = (int64_t)time(NULL);
    buf_t folded = BUF_INIT;
    for (const char *p = email; *p; p++)
        buf_putc(&folded, (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p);
    char *email_key = arena_printf(&req->arena, "email:%s", buf_cstr(&folded));
    char *addr_key = arena_printf(&req->arena, "addr:%s", req->client_addr);
    buf_free(&folded);
    if (users_failures_since(req->db, email_key, now - AUTH_WINDOW) >= AUTH_MAX_FAILURES ||
        users_failures_since(req->db, addr_key, now - AUTH_WINDOW) >= AUTH_MAX_FAILURES) {
        log_warn("inloggning spärrad tillfälligt för %s från %s", email, req->client_addr);
        return login_form(req, 429, "För många misslyckade inloggningsförsök. Vänta en minut och försök igen.", NULL);
    }
    const char *hash = NULL;
    int64_t user_id = users_active_by_email(req->db, email, &req->arena, &hash);
    /* An unknown account costs as much time as a known one. */
    auth_init();
    bool ok = auth_verify_password(hash ? hash : dummy_hash, password) && hash;
    if (!ok) {
        users_record_failure(req->db, email_key, now);
        users_record_failure(req->db, addr_key, now);
        return login_form(req, 401, "Fel e-postadress eller lösenord.", NULL);
    }
    if (!session_start(req, user_id))
        return -1;
    /* Forget old failures now and then, so the table stays small. */
    users_forget_failures(req->db, now - 3600);
    return respond_redirect(req, safe_next(req_param(req, "next")));
}

static int auth_logout(request_t *req)
{
    session_end(req);
    return respond_redirect(req, "/login?ut=1");
}

static int account_form(request_t *req, int status, const char *notice)
{
    layout_begin(req, "Mitt konto");
    buf_t *o = &req->body;
    if (notice)
        widget_notice(req, "success", notice);
    widget_error_summary(req);
    html_printf(o, "<dl class=\"facts\"><dt>Namn</dt><dd>%s</dd><dt>E-post</dt><dd>%s</dd>"
                   "<dt>Roll</dt><dd>%s</dd></dl>\n",
                req->viewer.name, req->viewer.email, role_label(req->viewer.role));
    html_lit(o, "<h2>Byt lösenord</h2>\n<form method=\"post\" action=\"/account/password\" class=\"card form narrow\" novalidate>\n");
    widget_csrf(req);
    static const struct { const char *name, *label, *ac; } f[] = {
        {"current", "Nuvarande lösenord", "current-password"},
        {"password", "Nytt lösenord (minst 12 tecken)", "new-password"},
        {"confirm", "Upprepa det nya lösenordet", "new-password"},
    };
    for (size_t i = 0; i < 3; i++)
        widget_input(req, f[i].name, f[i].label, "password", NULL, NULL, f[i].ac);
    html_lit(o, "<button type=\"submit\" class=\"button\">Byt lösenord</button>\n</form>\n");
    html_lit(&req->body, "<h2>Kalender</h2><p>Era möten och datum att hålla som en kalender att prenumerera på "
                        "(iCalendar).</p>");
    html_lit(&req->body, "<form method=\"post\" action=\"/account/calendar\" class=\"card form narrow\">");
    widget_csrf(req);
    html_lit(&req->body, "<button type=\"submit\" class=\"button\">Skapa kalenderadress</button></form>\n");
    layout_end(req);
    return respond_html(req, status);
}

static int auth_account_page(request_t *req)
{
    return account_form(req, 200, strcmp(req_param(req, "klart"), "1") == 0 ? "Lösenordet är bytt." : NULL);
}

static int auth_password_submit(request_t *req)
{
    const char *cur = req_param(req, "current"), *pw = req_param(req, "password");
    if (!req->nerrors && !validate_password(pw))
        req_add_error(req, "password", "Det nya lösenordet ska ha minst 12 tecken.");
    if (!req->nerrors && strcmp(pw, req_param(req, "confirm")) != 0)
        req_add_error(req, "confirm", "Lösenorden är inte lika.");
    if (!req->nerrors) {
        const char *hash = users_password_hash(req->db, req->viewer.user_id, &req->arena);
        if (!hash || !auth_verify_password(hash, cur))
            req_add_error(req, "current", "Det nuvarande lösenordet stämmer inte.");
    }
    if (req->nerrors)
        return account_form(req, 400, NULL);
    char newhash[crypto_pwhash_STRBYTES];
    if (!auth_hash_password(pw, newhash))
        return -1;
    char *err = NULL;
    if (!users_set_password(req->db, &req->viewer, newhash, req->session_raw, &req->arena, &err)) {
        req_add_error(req, "password", err);
        return account_form(req, 503, NULL);
    }
    return respond_redirect(req, "/account?klart=1");
}

static const param_spec_t p_none[] = {PARAM_END};
static const param_spec_t p_login_page[] = {{"next", P_TEXT, 0, "Nästa sida", 0, 500, NULL},
                                            {"ut", P_INT, 0, "Utloggad", 0, 1, NULL},
                                            PARAM_END};
static const param_spec_t p_login[] = {{"email", P_EMAIL, PARAM_REQUIRED, "E-postadress", 0, 254, NULL},
                                       {"password", P_SECRET, PARAM_REQUIRED, "Lösenord", 0, 0, NULL},
                                       {"next", P_TEXT, 0, "Nästa sida", 0, 500, NULL},
                                       PARAM_END};
static const param_spec_t p_account[] = {PARAM_SAVED, PARAM_END};
static const param_spec_t p_password[] = {{"current", P_SECRET, PARAM_REQUIRED, "Nuvarande lösenord", 0, 0, NULL},
                                          {"password", P_SECRET, PARAM_REQUIRED, "Nytt lösenord", 0, 0, NULL},
                                          {"confirm", P_SECRET, PARAM_REQUIRED, "Upprepa lösenordet", 0, 0, NULL},
                                          PARAM_END};

const route_t auth_routes[] = {
    {"GET", "/login", auth_login_page, CAP_NONE, ROUTE_PUBLIC, p_login_page},
    {"POST", "/login", auth_login_submit, CAP_NONE, ROUTE_PUBLIC | ROUTE_FORM | ROUTE_NO_CSRF, p_login},
    {"POST", "/logout", auth_logout, CAP_SIGNED_IN, 0, p_none},
    {"GET", "/account", auth_account_page, CAP_SIGNED_IN, 0, p_account},
    {"POST", "/account/password", auth_password_submit, CAP_SIGNED_IN, ROUTE_FORM, p_password},
    {NULL, NULL, NULL, 0, 0, NULL},
};
