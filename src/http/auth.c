/* auth.c — passwords, login (slowed by throttle.h) and logout. */
#include "auth.h"
#include "session.h"
#include "../base/log.h"
#include "../base/validate.h"
#include "users.h"
#include "layout.h"
#include "throttle.h"
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

const char *auth_form_token(request_t *req)
{
    char *token = session_random_hex(&req->arena);
    req_set_cookie(req, SESSION_PRE_COOKIE, token, -1);
    return token;
}

/* Renders the login form (with an error or an info message); sets the double-submit
 * token cookie for it. */
static int login_form(request_t *req, int status, const char *message, const char *info)
{
    const char *saved_csrf = req->csrf;
    req->csrf = auth_form_token(req);
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
    html_lit(o, "<button type=\"submit\" class=\"button\">Logga in</button>\n</form>\n"
                "<p><a href=\"/losenord/glomt\">Glömt lösenordet?</a></p>\n");
    layout_end(req);
    req->csrf = saved_csrf;
    return respond_html(req, status);
}

static int auth_login_page(request_t *req)
{
    if (access_may(&req->viewer, CAP_SIGNED_IN))
        return respond_redirect(req, "/");
    const char *info = NULL;
    if (strcmp(req_param(req, "ut"), "1") == 0)
        info = "Du är utloggad.";
    else if (strcmp(req_param(req, "nytt"), "1") == 0)
        info = "Ditt nya lösenord är sparat. Logga in med det.";
    return login_form(req, 200, NULL, info);
}

/* Only local paths are followed after login, never another site. */
static const char *safe_next(const char *next)
{
    if (next && next[0] == '/' && next[1] != '/' && next[1] != '\\' && !strchr(next, ':'))
        return next;
    return "/";
}

/* The password is checked after a wait that grows with earlier failures (throttle.h):
 * never refused outright, so no one can lock another person out. */
static int auth_login_submit(request_t *req)
{
    if (req->nerrors)
        return login_form(req, 400, NULL, NULL);
    const char *email = req_param(req, "email");
    const char *password = req_param(req, "password");
    throttle_t t = {0};
    throttle_keys(&t, arena_printf(&req->arena, "login:%s", email), req->client_addr);
    if (!req->waited) {
        int ms = throttle_wait_ms(req->db, &t);
        if (ms > 0) {
            if (!throttle_enter(&t)) {
                log_warn("inloggning: ett försök väntar redan för %s från %s", email, req->client_addr);
                return login_form(req, 429, "Ett inloggningsförsök för kontot pågår redan härifrån. Vänta några "
                                            "sekunder och försök igen.", NULL);
            }
            return respond_later(req, ms);
        }
    } else {
        throttle_leave(&t);
    }
    const char *hash = NULL;
    int64_t user_id = users_active_by_email(req->db, email, &req->arena, &hash);
    /* An unknown account costs as much time as a known one. */
    auth_init();
    bool ok = auth_verify_password(hash ? hash : dummy_hash, password) && hash;
    if (!ok) {
        throttle_failed(req->db, &t);
        return login_form(req, 401, "Fel e-postadress eller lösenord.", NULL);
    }
    throttle_succeeded(req->db, &t);
    if (!session_start(req, user_id))
        return -1;
    if (users_must_change_password(req->db, user_id))
        return respond_redirect(req, "/account/first-password");
    return respond_redirect(req, safe_next(req_param(req, "next")));
}

static int auth_logout(request_t *req)
{
    session_end(req);
    return respond_redirect(req, "/login?ut=1");
}

static const param_spec_t p_none[] = {PARAM_END};
static const param_spec_t p_login_page[] = {{"next", P_TEXT, 0, "Nästa sida", 0, 500, NULL},
                                            {"ut", P_INT, 0, "Utloggad", 0, 1, NULL},
                                            {"nytt", P_INT, 0, "Nytt lösenord", 0, 1, NULL},
                                            PARAM_END};
static const param_spec_t p_login[] = {{"email", P_EMAIL, PARAM_REQUIRED, "E-postadress", 0, 254, NULL},
                                       {"password", P_SECRET, PARAM_REQUIRED, "Lösenord", 0, 0, NULL},
                                       {"next", P_TEXT, 0, "Nästa sida", 0, 500, NULL},
                                       PARAM_END};
const route_t auth_routes[] = {
    {"GET", "/login", auth_login_page, CAP_NONE, ROUTE_PUBLIC, p_login_page},
    {"POST", "/login", auth_login_submit, CAP_NONE, ROUTE_PUBLIC | ROUTE_FORM | ROUTE_NO_CSRF, p_login},
    {"POST", "/logout", auth_logout, CAP_SIGNED_IN, ROUTE_FIRST_PASSWORD, p_none},
    {NULL, NULL, NULL, 0, 0, NULL},
};
