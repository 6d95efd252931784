/* sie.c — reads SIE4 files (the Swedish standard for accounting data) for the cost
 * ledger: vouchers (#VER) with their rows (#TRANS), the objects of each row (cost
 * centre, project), the file's checksum (#KSUMMA), in code page 437 as the standard
 * says. A row removed afterwards (#BTRANS) is not a cost; a row added afterwards
 * (#RTRANS) is written again as #TRANS, which is what is read. */
#include "money.h"
#include "../base/buf.h"
#include "../base/vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Code page 437's upper half in UTF-8. */
static const char *const cp437[128] = {
    "Ç", "ü", "é", "â", "ä", "à", "å", "ç", "ê", "ë", "è", "ï", "î", "ì", "Ä", "Å",
    "É", "æ", "Æ", "ô", "ö", "ò", "û", "ù", "ÿ", "Ö", "Ü", "¢", "£", "¥", "₧", "ƒ",
    "á", "í", "ó", "ú", "ñ", "Ñ", "ª", "º", "¿", "⌐", "¬", "½", "¼", "¡", "«", "»",
    "░", "▒", "▓", "│", "┤", "╡", "╢", "╖", "╕", "╣", "║", "╗", "╝", "╜", "╛", "┐",
    "└", "┴", "┬", "├", "─", "┼", "╞", "╟", "╚", "╔", "╩", "╦", "╠", "═", "╬", "╧",
    "╨", "╤", "╥", "╙", "╘", "╒", "╓", "╫", "╪", "┘", "┌", "█", "▄", "▌", "▐", "▀",
    "α", "ß", "Γ", "π", "Σ", "σ", "µ", "τ", "Φ", "Θ", "Ω", "δ", "∞", "φ", "ε", "∩",
    "≡", "±", "≥", "≤", "⌠", "⌡", "÷", "≈", "°", "∙", "·", "√", "ⁿ", "²", "■", "\xC2\xA0",
};

uint32_t sie_crc32(uint32_t crc, const unsigned char *p, size_t len)
{
    static uint32_t table[256];
    static int ready;
    if (!ready) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? (c >> 1) ^ 0xEDB88320u : c >> 1;
            table[i] = c;
        }
        ready = 1;
    }
    crc = ~crc;
    for (size_t i = 0; i < len; i++)
        crc = table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

static char *to_utf8(const char *s, size_t n, arena_t *a)
{
    buf_t b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80)
            buf_putc(&b, (char)c);
        else
            buf_puts(&b, cp437[c - 0x80]);
    }
    char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

/* Whether the bytes are UTF-8 with at least one character beyond ASCII. */
static bool looks_utf8(const unsigned char *p, size_t len)
{
    bool multibyte = false;
    for (size_t i = 0; i < len;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = (p[i] & 0xE0) == 0xC0 ? 1 : (p[i] & 0xF0) == 0xE0 ? 2 : (p[i] & 0xF8) == 0xF0 ? 3 : 0;
        if (!k)
            return false;
        for (size_t j = 1; j <= k; j++)
            if (i + j >= len || (p[i + j] & 0xC0) != 0x80)
                return false;
        multibyte = true;
        i += k + 1;
    }
    return multibyte;
}

/* Whether Swedish letters appear as Windows-1252 (å ä ö Å Ä Ö) and never as PC8. */
static bool looks_cp1252(const unsigned char *p, size_t len)
{
    size_t latin = 0, pc8 = 0;
    for (size_t i = 0; i < len; i++) {
        switch (p[i]) {
        case 0xE5: case 0xE4: case 0xF6: case 0xC5: case 0xC4: case 0xD6: case 0xE9:
            latin++;
            break;
        case 0x86: case 0x84: case 0x94: case 0x8F: case 0x8E: case 0x99: case 0x82:
            pc8++;
            break;
        default:
            break;
        }
    }
    return latin > 0 && pc8 == 0;
}

/* One field of a row: its raw bytes (without quotes), or an object list's fields. */
typedef struct field {
    const char *raw;
    size_t len;
    bool list;                 /* {...}: items in raw..raw+len, split again */
    bool quoted;
} field_t;

enum { MAX_FIELDS = 24 };

static bool only_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

/* Splits a line into fields: words, "quoted strings" (with \" inside), {lists}. Returns
 * the count, or -1 for an unterminated quote or list. Quoted text is unescaped in place. */
static int split(char *s, size_t len, field_t *f)
{
    int n = 0;
    size_t i = 0;
    while (i < len && n < MAX_FIELDS) {
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i >= len)
            break;
        field_t *x = &f[n++];
        memset(x, 0, sizeof *x);
        if (s[i] == '"') {
            size_t w = ++i, start = i;
            while (i < len && s[i] != '"') {
                if (s[i] == '\\' && i + 1 < len && (s[i + 1] == '"' || s[i + 1] == '\\'))
                    i++;
                s[w++] = s[i++];
            }
            if (i >= len)
                return -1;
            i++;
            x->raw = s + start;
            x->len = w - start;
            x->quoted = true;
        } else if (s[i] == '{' && !only_space(s + i + 1, len - i - 1)) {
            size_t start = ++i;
            bool in_quote = false;
            while (i < len && (in_quote || s[i] != '}')) {
                if (s[i] == '"' && (i == start || s[i - 1] != '\\'))
                    in_quote = !in_quote;
                i++;
            }
            if (i >= len)
                return -1;
            x->raw = s + start;
            x->len = i - start;
            x->list = true;
            i++;
        } else {
            size_t start = i;
            while (i < len && s[i] != ' ' && s[i] != '\t')
                i++;
            x->raw = s + start;
            x->len = i - start;
        }
    }
    return n;
}

/* The checksum covers each field's content: the label, words, quoted text without its
 * quotes, a list's items without the braces. */
static uint32_t checksum_fields(uint32_t crc, char *scratch, const field_t *f, int n)
{
    for (int i = 0; i < n; i++) {
        if (!f[i].list) {
            crc = sie_crc32(crc, (const unsigned char *)f[i].raw, f[i].len);
            continue;
        }
        memcpy(scratch, f[i].raw, f[i].len);
        field_t items[MAX_FIELDS];
        int k = split(scratch, f[i].len, items);
        for (int j = 0; j < k; j++)
            crc = sie_crc32(crc, (const unsigned char *)items[j].raw, items[j].len);
    }
    return crc;
}

static bool date_of(const field_t *f, char out[11])
{
    if (f->len != 8)
        return false;
    for (size_t i = 0; i < 8; i++)
        if (f->raw[i] < '0' || f->raw[i] > '9')
            return false;
    int m = (f->raw[4] - '0') * 10 + (f->raw[5] - '0'), d = (f->raw[6] - '0') * 10 + (f->raw[7] - '0');
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    snprintf(out, 11, "%.4s-%.2s-%.2s", f->raw, f->raw + 4, f->raw + 6);
    return true;
}

/* "-1234.5" into öre, without floating point. */
static bool amount_of(const field_t *f, int64_t *ore)
{
    size_t i = 0;
    bool neg = false;
    if (i < f->len && (f->raw[i] == '-' || f->raw[i] == '+'))
        neg = f->raw[i++] == '-';
    int64_t whole = 0, cents = 0;
    size_t digits = 0, decimals = 0;
    for (; i < f->len && f->raw[i] >= '0' && f->raw[i] <= '9'; i++, digits++) {
        if (whole > 900000000000000LL)
            return false;
        whole = whole * 10 + (f->raw[i] - '0');
    }
    if (i < f->len && (f->raw[i] == '.' || f->raw[i] == ',')) {
        for (i++; i < f->len && f->raw[i] >= '0' && f->raw[i] <= '9'; i++, decimals++) {
            if (decimals >= 2) {
                if (f->raw[i] != '0')
                    return false; /* finer than öre */
                continue;
            }
            cents = cents * 10 + (f->raw[i] - '0');
        }
        if (decimals == 1)
            cents *= 10;
    }
    if (i != f->len || (!digits && !decimals))
        return false;
    *ore = (neg ? -1 : 1) * (whole * 100 + cents);
    return true;
}

typedef struct reader {
    const char *filename;
    arena_t *a;
    char **err;
    size_t line;
} reader_t;

static bool fail(reader_t *r, const char *what)
{
    *r->err = arena_printf(r->a, "%s: rad %zu: %s Inget sparades.", r->filename, r->line, what);
    return false;
}

/* The objects of a row: dimension 1 the cost centre, 6 the project. */
static void objects_of(reader_t *r, const field_t *list, char *scratch, sie_trans_t *t)
{
    t->cost_centre = t->project = "";
    memcpy(scratch, list->raw, list->len);
    field_t items[MAX_FIELDS];
    int k = split(scratch, list->len, items);
    for (int j = 0; j + 1 < k; j += 2) {
        const char *value = to_utf8(items[j + 1].raw, items[j + 1].len, r->a);
        if (items[j].len == 1 && items[j].raw[0] == '1')
            t->cost_centre = value;
        else if (items[j].len == 1 && items[j].raw[0] == '6')
            t->project = value;
    }
}

bool sie_read(const char *filename, const char *data, size_t len, arena_t *a, sie_file_t *out, char **err)
{
    memset(out, 0, sizeof *out);
    out->program = out->company = out->format = "";
    reader_t r = {filename, a, err, 0};
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return fail(&r, "Filen är sparad som UTF-8 (med BOM), men en SIE-fil ska vara i teckentabellen PC8 (IBM 437). "
                        "Exportera den igen som SIE4 från ekonomisystemet.");
    if (looks_utf8(u, len))
        return fail(&r, "Filen är sparad som UTF-8, men en SIE-fil ska vara i teckentabellen PC8 (IBM 437). Exportera "
                        "den igen som SIE4 från ekonomisystemet.");
    if (looks_cp1252(u, len))
        return fail(&r, "Filen är sparad i teckentabellen Windows-1252, men en SIE-fil ska vara i PC8 (IBM 437). "
                        "Exportera den igen som SIE4 från ekonomisystemet.");
    char *line = arena_alloc(a, len + 1), *scratch = arena_alloc(a, len + 1);
    bool in_sum = false, summed = false, in_voucher = false, want_brace = false, seen_flag = false;
    uint32_t crc = 0;
    sie_trans_t voucher = {0};
    int index = 0;
    for (size_t pos = 0; pos < len;) {
        size_t end = pos;
        while (end < len && data[end] != '\n')
            end++;
        size_t n = end - pos;
        memcpy(line, data + pos, n);
        if (n && line[n - 1] == '\r')
            n--;
        line[n] = 0;
        pos = end + 1;
        r.line++;
        field_t f[MAX_FIELDS];
        int nf = split(line, n, f);
        if (nf < 0)
            return fail(&r, "Ett citattecken eller en klammer avslutas inte på raden.");
        if (nf == 0)
            continue;
        const char *label = f[0].raw;
        size_t ll = f[0].len;
#define IS(l) (ll == sizeof(l) - 1 && memcmp(label, l, ll) == 0)
        if (IS("{")) {
            if (!want_brace)
                return fail(&r, "En klammer { står utan en #VER före.");
            want_brace = false;
            in_voucher = true;
            if (in_sum)
                crc = checksum_fields(crc, scratch, f, nf);
            continue;
        }
        if (IS("}")) {
            if (!in_voucher)
                return fail(&r, "En klammer } står utan en öppnad verifikation.");
            in_voucher = false;
            if (in_sum)
                crc = checksum_fields(crc, scratch, f, nf);
            continue;
        }
        if (want_brace)
            return fail(&r, "Efter #VER ska en rad med { komma.");
        if (IS("#KSUMMA")) {
            if (!in_sum && nf == 1) {
                in_sum = true;
                crc = 0;
                continue;
            }
            if (!in_sum || nf < 2)
                return fail(&r, "#KSUMMA står fel: kontrollsumman ska inledas med #KSUMMA utan värde och avslutas "
                                "med #KSUMMA och summan.");
            char num[32];
            snprintf(num, sizeof num, "%.*s", (int)(f[1].len < 31 ? f[1].len : 31), f[1].raw);
            char *e;
            long long v = strtoll(num, &e, 10);
            if (*e || !*num)
                return fail(&r, "Kontrollsumman i #KSUMMA är inget tal.");
            if ((uint32_t)v != crc)
                return fail(&r, "Kontrollsumman (#KSUMMA) stämmer inte med innehållet: filen har ändrats efter "
                                "exporten eller är ofullständig.");
            in_sum = false;
            summed = true;
            continue;
        }
        if (in_sum)
            crc = checksum_fields(crc, scratch, f, nf);
        if (IS("#FLAGGA")) {
            seen_flag = true;
        } else if (IS("#FORMAT") && nf > 1) {
            out->format = to_utf8(f[1].raw, f[1].len, a);
            if (strcmp(out->format, "PC8") != 0)
                return fail(&r, arena_printf(a, "Fältet #FORMAT säger %s, men bara PC8 (IBM 437) läses.", out->format));
        } else if (IS("#PROGRAM") && nf > 1) {
            out->program = to_utf8(f[1].raw, f[1].len, a);
        } else if (IS("#FNAMN") && nf > 1) {
            out->company = to_utf8(f[1].raw, f[1].len, a);
        } else if (IS("#VER")) {
            if (in_voucher)
                return fail(&r, "En ny #VER börjar innan den förra verifikationen avslutats med }.");
            char day[11];
            if (nf < 4 || !date_of(&f[3], day))
                return fail(&r, "#VER saknar ett datum (ÅÅÅÅMMDD) i fjärde fältet.");
            voucher = (sie_trans_t){0};
            voucher.series = to_utf8(f[1].raw, f[1].len, a);
            voucher.number = to_utf8(f[2].raw, f[2].len, a);
            voucher.voucher_date = arena_strdup(a, day);
            voucher.voucher_text = nf > 4 ? to_utf8(f[4].raw, f[4].len, a) : "";
            want_brace = true;
            index = 0;
        } else if (IS("#TRANS")) {
            if (!in_voucher)
                return fail(&r, "#TRANS står utanför en verifikation (#VER { … }).");
            if (nf < 4 || !f[2].list)
                return fail(&r, "#TRANS ska ha konto, objektlista {…} och belopp.");
            sie_trans_t *t = ARENA_PUSH(a, out->trans, out->ntrans, out->cap);
            *t = voucher;
            t->account = to_utf8(f[1].raw, f[1].len, a);
            if (!*t->account)
                return fail(&r, "#TRANS saknar konto.");
            objects_of(&r, &f[2], scratch, t);
            if (!amount_of(&f[3], &t->amount))
                return fail(&r, arena_printf(a, "Beloppet \"%s\" i #TRANS är inget belopp (skriv till exempel "
                                                "-1234.50).", to_utf8(f[3].raw, f[3].len, a)));
            char day[11];
            t->date = nf > 4 && f[4].len ? (date_of(&f[4], day) ? arena_strdup(a, day) : NULL) : voucher.voucher_date;
            if (!t->date)
                return fail(&r, "Transaktionsdatumet i #TRANS är inget datum (ÅÅÅÅMMDD).");
            t->text = nf > 5 ? to_utf8(f[5].raw, f[5].len, a) : "";
            if (!*t->text)
                t->text = voucher.voucher_text;
            t->line = r.line;
            t->index = index++;
        }
        /* Every other label (#KONTO, #DIM, #OBJEKT, #RAR, #BTRANS, #RTRANS, …) is not a cost. */
#undef IS
    }
    if (in_voucher || want_brace)
        return fail(&r, "Filen slutar mitt i en verifikation (en } saknas).");
    if (in_sum)
        return fail(&r, "Kontrollsumman inleds med #KSUMMA men avslutas aldrig.");
    if (!seen_flag && !out->ntrans)
        return fail(&r, "Filen är ingen SIE-fil (den saknar #FLAGGA och verifikationer).");
    out->checksummed = summed;
    return true;
}
