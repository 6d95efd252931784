/* calendar.c — a user's meetings and due dates as an iCalendar feed (RFC 5545), for
 * subscribing from any calendar program. The feed URL carries a secret token; only its
 * hash is stored, so the URL is shown once and can be replaced. */
#include "parts.h"
#include "../base/date.h"
#include "../base/fmt.h"
#include "../deadlines/deadlines.h"
#include "../http/session.h"
#include "../base/buf.h"
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

/* Text with the characters RFC 5545 escapes, and lines folded at 75 octets. */
static void ics_line(buf_t *out, const char *name, const char *value)
{
    buf_t line = BUF_INIT;
    buf_puts(&line, name);
    buf_putc(&line, ':');
    for (const char *p = value ? value : ""; *p; p++) {
        if (*p == '\\' || *p == ';' || *p == ',')
            buf_putc(&line, '\\');
        if (*p == '\n') {
            buf_puts(&line, "\\n");
            continue;
        }
        if (*p == '\r')
            continue;
        buf_putc(&line, *p);
    }
    /* Fold without splitting a UTF-8 sequence. */
    size_t col = 0;
    for (size_t i = 0; i < line.len; i++) {
        unsigned char ch = (unsigned char)line.data[i];
        if (col >= 74 && (ch & 0xC0) != 0x80) {
            buf_puts(out, "\r\n ");
            col = 1;
        }
        buf_putc(out, (char)ch);
        col++;
    }
    buf_puts(out, "\r\n");
    buf_free(&line);
}

/* Meetings are kept in Swedish local time; the feed says which, with the zone's rules
 * (daylight saving from the last Sunday of March to the last Sunday of October), so a
 * calendar abroad or on UTC shows them at the right hour. */
static const char vtimezone[] =
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\nX-LIC-LOCATION:Europe/Stockholm\r\n"
    "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/* "2025-09-08 13:00" → "20250908T130000" (local time in Europe/Stockholm). */
static void ics_time(char out[16], const char *starts_at, int add_minutes)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    sscanf(starts_at, "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &h, &mi);
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi + add_minutes};
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    strftime(out, 16, "%Y%m%dT%H%M%S", &tm);
}

void calendar_ics(db_t *db, const viewer_t *v, const char *today, arena_t *a, buf_t *out)
{
    buf_puts(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Skolverket//Samverkan//SV\r\nCALSCALE:GREGORIAN\r\n"
                  "X-WR-CALNAME:Samverkan\r\nX-WR-TIMEZONE:Europe/Stockholm\r\n");
    buf_puts(out, vtimezone);
    char stamp[17];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    /* Every meeting the viewer sees (the groups' they see, and but for group members the
     * cases'), read in one statement with its organiser. */
    meeting_upcoming_t *m;
    size_t nm = meetings_upcoming(db, v, "", "9999-12-31", NULL, (size_t)INT64_MAX, a, &m);
    for (size_t j = 0; j < nm; j++) {
        char start[16], end[16];
        ics_time(start, m[j].m.starts_at, 0);
        ics_time(end, m[j].m.starts_at, m[j].m.minutes);
        buf_puts(out, "BEGIN:VEVENT\r\n");
        buf_printf(out, "UID:meeting-%lld@samverkan\r\nDTSTAMP:%s\r\nDTSTART;TZID=Europe/Stockholm:%s\r\n"
                        "DTEND;TZID=Europe/Stockholm:%s\r\n",
                   (long long)m[j].m.id, stamp, start, end);
        ics_line(out, "SUMMARY", arena_printf(a, "%s – %s%s%s", meeting_label(m[j].m.kind, m[j].m.purpose), m[j].organiser,
                                              *m[j].m.group_name ? ", " : "", m[j].m.group_name));
        if (*m[j].m.place)
            ics_line(out, "LOCATION", m[j].m.place);
        buf_puts(out, "END:VEVENT\r\n");
    }
    due_item_t *d;
    size_t nd = deadlines_for_viewer(db, v, today, 3 * 366, a, &d);
    for (size_t i = 0; i < nd; i++) {
        char day[9], next[11];
        snprintf(day, sizeof day, "%.4s%.2s%.2s", d[i].date, d[i].date + 5, d[i].date + 8);
        date_add_days(d[i].date, 1, next);
        buf_puts(out, "BEGIN:VEVENT\r\n");
        buf_printf(out, "UID:due-%lld-%s@samverkan\r\nDTSTAMP:%s\r\nDTSTART;VALUE=DATE:%s\r\n"
                        "DTEND;VALUE=DATE:%.4s%.2s%.2s\r\n",
                   (long long)d[i].case_id, d[i].key, stamp, day, next, next + 5, next + 8);
        ics_line(out, "SUMMARY", arena_printf(a, "%s%s – %s", d[i].overdue ? "FÖRSENAT: " : "", d[i].label, d[i].organiser));
        buf_puts(out, "END:VEVENT\r\n");
    }
    buf_puts(out, "END:VCALENDAR\r\n");
}

static int calendar_feed(request_t *req)
{
    int64_t user = calendar_user(req->db, req_param(req, "token"));
    if (!user || !session_load_user(req, user))
        return respond_error(req, 404, "Kalendern finns inte.");
    char today[11];
    fmt_today(today, 0);
    calendar_ics(req->db, &req->viewer, today, &req->arena, &req->body);
    req->content_type = "text/calendar; charset=utf-8";
    return req->status = 200;
}

static int calendar_token_submit(request_t *req)
{
    const char *token = calendar_new_token(req->db, req->viewer.user_id, &req->arena);
    if (!token)
        return respond_error(req, 500, "Kalenderadressen kunde inte skapas; försök igen.");
    const char *host = req_header(req, "Host");
    layout_begin(req, "Kalender");
    html_printf(&req->body, "<p>Prenumerera på den här adressen i ert kalenderprogram. Den visas bara nu; skapa en ny om "
                            "den kommer bort (den gamla slutar då att fungera).</p><p><code class=\"secret\">%s%s/calendar/%s"
                            "</code></p><p><a href=\"/account\">Tillbaka till mitt konto</a></p>",
                req->secure ? "https://" : "http://", host ? host : "", token);
    layout_end(req);
    return respond_html(req, 200);
}

static const param_spec_t p_calendar[] = {{"token", P_TEXT, PARAM_PATH, "Nyckel", 0, 64, NULL}, PARAM_END};
static const param_spec_t p_none[] = {PARAM_END};

const route_t meetings_calendar_routes[] = {
    {"GET", "/calendar/{token}", calendar_feed, CAP_NONE, ROUTE_PUBLIC, p_calendar},
    {"POST", "/account/calendar", calendar_token_submit, CAP_SIGNED_IN, ROUTE_FORM, p_none},
    {NULL, NULL, NULL, 0, 0, NULL},
};
