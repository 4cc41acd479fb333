/* cli_decode: `tlsstep decode [FILE|-]`, TLS records from raw bytes or hex
 * (as copied from Wireshark, xxd or `tlsstep run --json`), every field named
 * as in the transcript. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "base/ts_i18n.h"
#include "cli/cli.h"
#include "export/ts_decode.h"
#include "export/ts_json.h"
#include "tls/ts_record.h"

static const char *const usage_text = N_(
    "usage: tlsstep decode [OPTIONS] [FILE|-]\n"
    "Decodes TLS records, one after another, and names every field as the\n"
    "transcript of 'tlsstep run' does. The input (FILE, or standard input when\n"
    "FILE is '-' or missing) holds the records as raw bytes or as hex: a hex\n"
    "stream (Wireshark's \"Copy as Hex Stream\", the \"hex\" of 'tlsstep run\n"
    "--json'; spaces, newlines and ':' are ignored) or a hex dump with offsets\n"
    "(Wireshark's \"Copy as Hex Dump\", xxd, hexdump -C). Hex or raw is detected;\n"
    "--hex and --raw say which.\n"
    "\n"
    "Records after a ChangeCipherSpec are protected: shown opaque with their\n"
    "length (application data always is), unless the first of them is a\n"
    "Finished in the clear followed by a MAC (the null suite): then each is\n"
    "shown as its plaintext and MAC. Field offsets are counted from the first\n"
    "byte of each record's 5-byte header, as in the transcript; record offsets\n"
    "and errors from the start of the input.\n"
    "\n"
    "  --hex             the input is hex text\n"
    "  --raw             the input is raw bytes\n"
    "  --json            print JSON: {\"bytes\", \"records\": [{\"number\", \"offset\",\n"
    "                    \"content_type\", \"type\", \"version\", \"length\", \"name\",\n"
    "                    \"encrypted\", \"mac_only\", \"fields\", \"error\"}], \"errors\"}\n"
    "                    (English always)\n"
    "  --lang en|ko      language of the text and the messages (default: from the\n"
    "                    locale)\n"
    "\n"
    "Exit status: 0 when every record decodes; 1 when one does not (each such\n"
    "record gets a line 'record N at offset O: what is wrong', on standard error\n"
    "too); 2 for bad usage, an unreadable file or malformed hex.\n");

typedef enum { IN_AUTO, IN_HEX, IN_RAW } input_kind;

enum { OPT_HEX = 256, OPT_RAW, OPT_JSON, OPT_LANG };

static const struct option longopts[] = {
    {"hex", no_argument, NULL, OPT_HEX},
    {"raw", no_argument, NULL, OPT_RAW},
    {"json", no_argument, NULL, OPT_JSON},
    {"lang", required_argument, NULL, OPT_LANG},
    {NULL, 0, NULL, 0},
};

/* The record's name as the text shows it: message names stay as the
 * protocol writes them; the decoder's own words for what is not a message
 * (Truncated, Oversized, ...) are translated, each part of a name joined
 * with '+'. Written into out (cap bytes). */
static const char *shown_name(const char *name, char *out, size_t cap)
{
    static const char *const words[] = {N_("HandshakeFragment"), N_("Oversized"), N_("Empty"),
                                        N_("Truncated"), N_("Unknown")};
    size_t used = 0;
    out[0] = '\0';
    for (const char *p = name; *p != '\0' && used < cap;) {
        size_t n = strcspn(p, "+");
        const char *part = NULL;
        for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
            if (strlen(words[i]) == n && strncmp(p, words[i], n) == 0) {
                part = cli_tr(words[i]);
            }
        }
        int k = part != NULL ? snprintf(out + used, cap - used, "%s%s", used ? "+" : "", part)
                             : snprintf(out + used, cap - used, "%s%.*s", used ? "+" : "", (int)n, p);
        used += k > 0 ? (size_t)k : 0;
        p += n + (p[n] == '+');
    }
    return out;
}

static void print_record(FILE *f, const ts_decode_record *r)
{
    char name[256];
    fprintf(f, cli_tr("\n#%zu at offset %zu  %s  %s  %zu bytes%s\n"), r->number, r->offset,
            ts_record_type_name(r->type), shown_name(r->name, name, sizeof(name)),
            (size_t)TS_RECORD_HEADER_LEN + r->length,
            r->encrypted  ? cli_tr("  [encrypted]")
            : r->mac_only ? cli_tr("  [not encrypted, MAC only]")
                          : "");
    for (size_t i = 0; i < r->fields.n; i++) {
        const ts_field *it = &r->fields.items[i];
        int pad = 2 * it->depth;
        char value[1024];
        fprintf(f, "    %*s%-*s %s  [%zu+%zu]\n", pad, "", 30 - pad, it->name,
                ts_tr_text(cli_lang(), it->value, value, sizeof(value)), it->offset, it->len);
    }
    if (r->err != TS_OK) {
        fprintf(f, cli_tr("  error: %s\n"), r->error_text);
    }
}

static ts_err write_text(const ts_decode *d, size_t bytes)
{
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    TS_ENSURE(f != NULL, TS_ERR_NOMEM);
    /* TRANSLATORS: "%zu bytes, " then the number of records */
    fprintf(f, cli_tr("%zu bytes, "), bytes);
    fprintf(f, ts_trn(cli_lang(), "%zu record\n", "%zu records\n", d->n), d->n);
    for (size_t i = 0; i < d->n; i++) {
        print_record(f, &d->recs[i]);
    }
    ts_err err = fclose(f) == 0 ? TS_OK : TS_ERR_IO;
    if (err == TS_OK) {
        err = cli_write_file("-", (const uint8_t *)text, n);
    }
    free(text);
    return err;
}

static json_t *record_json(const ts_decode_record *r, bool *ok)
{
    json_t *o = json_object();
    char version[8];
    snprintf(version, sizeof(version), "0x%04x", r->version);
    ts_json_put(o, "number", json_integer((json_int_t)r->number), ok);
    ts_json_put(o, "offset", json_integer((json_int_t)r->offset), ok);
    ts_json_put(o, "content_type", json_integer(r->type), ok);
    ts_json_put(o, "type", ts_json_str(ts_record_type_name(r->type)), ok);
    ts_json_put(o, "version", ts_json_str(version), ok);
    ts_json_put(o, "length", json_integer(r->length), ok);
    ts_json_put(o, "name", ts_json_str(r->name), ok);
    ts_json_put(o, "encrypted", json_boolean(r->encrypted), ok);
    ts_json_put(o, "mac_only", json_boolean(r->mac_only), ok);
    ts_json_put(o, "fields", ts_json_fields(&r->fields, ok), ok);
    if (r->err != TS_OK) {
        ts_json_put(o, "error", ts_json_str(r->error), ok);
    }
    return o;
}

static ts_err write_json(const ts_decode *d, size_t bytes)
{
    bool ok = true;
    json_t *root = json_object();
    json_t *recs = json_array();
    json_t *errors = json_array();
    ts_json_put(root, "bytes", json_integer((json_int_t)bytes), &ok);
    for (size_t i = 0; recs != NULL && i < d->n; i++) {
        ts_json_push(recs, record_json(&d->recs[i], &ok), &ok);
        if (errors != NULL && d->recs[i].err != TS_OK) {
            ts_json_push(errors, ts_json_str(d->recs[i].error), &ok);
        }
    }
    ts_json_put(root, "records", recs, &ok);
    ts_json_put(root, "errors", errors, &ok);
    char *text = NULL;
    TS_GUARD(ts_json_finish(root, ok, &text));
    ts_err err = cli_write_file("-", (const uint8_t *)text, strlen(text));
    free(text);
    return err;
}

/* Turns the input into record bytes in out (initialised here). */
static int input_bytes(const ts_buf *in, input_kind kind, const char *path, ts_buf *out)
{
    ts_buf_init(out);
    bool hex = kind == IN_HEX || (kind == IN_AUTO && ts_hex_is_text(in->data, in->len));
    if (!hex) {
        if (ts_buf_write_bytes(out, in->data, in->len) != TS_OK) {
            return cli_fail(CLI_EXIT_FAIL, "decode", "out of memory");
        }
        return CLI_EXIT_OK;
    }
    size_t bad = 0;
    ts_err err = ts_hex_decode_text(in->data, in->len, out, &bad);
    if (err == TS_ERR_HEX) {
        size_t line = 1, col = 1;
        for (size_t i = 0; i < bad && i < in->len; i++) {
            line += in->data[i] == '\n';
            col = in->data[i] == '\n' ? 1 : col + 1;
        }
        ts_buf_free(out);
        return cli_fail(CLI_EXIT_USAGE, "decode", "%s: malformed hex at character %zu (line "
                        "%zu, column %zu)", path, bad, line, col);
    }
    if (err != TS_OK) {
        ts_buf_free(out);
        return cli_fail(CLI_EXIT_FAIL, "decode", "%s", ts_err_str(err, cli_lang()));
    }
    return CLI_EXIT_OK;
}

static int decode(const char *path, input_kind kind, bool json)
{
    ts_buf in;
    int rc = cli_read_input("decode", "", path, &in);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    ts_buf bytes;
    rc = input_bytes(&in, kind, strcmp(path, "-") == 0 ? cli_tr("input") : path, &bytes);
    ts_buf_free(&in);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (bytes.len == 0) {
        ts_buf_free(&bytes);
        return cli_fail(CLI_EXIT_USAGE, "decode", "the input holds no bytes");
    }
    ts_decode d;
    ts_decode_init(&d);
    d.lang = cli_lang();
    ts_err err = ts_decode_records(bytes.data, bytes.len, &d);
    if (err == TS_ERR_NOMEM || err == TS_ERR_TOO_LONG) {
        rc = cli_fail(CLI_EXIT_FAIL, "decode", "%s", ts_err_str(err, cli_lang()));
    } else {
        ts_err out = json ? write_json(&d, bytes.len) : write_text(&d, bytes.len);
        if (out != TS_OK) {
            rc = cli_fail(CLI_EXIT_FAIL, "decode", "cannot write the output");
        } else {
            for (size_t i = 0; i < d.n; i++) {
                if (d.recs[i].err != TS_OK) {
                    cli_fail(CLI_EXIT_FAIL, "decode", "%s", d.recs[i].error_text);
                }
            }
            rc = d.errors > 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
        }
    }
    ts_decode_free(&d);
    ts_buf_free(&bytes);
    return rc;
}

int cli_decode(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(cli_tr(usage_text), stdout);
        return CLI_EXIT_OK;
    }
    input_kind kind = IN_AUTO;
    bool json = false;
    opterr = 0;
    optind = 1;
    int opt;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_HEX:
        case OPT_RAW: {
            input_kind k = opt == OPT_HEX ? IN_HEX : IN_RAW;
            if (kind != IN_AUTO && kind != k) {
                return cli_usage_error("decode", "--hex and --raw exclude each other");
            }
            kind = k;
            break;
        }
        case OPT_JSON:
            json = true;
            break;
        case OPT_LANG:
            if (!cli_parse_lang_option("decode", optarg)) {
                return CLI_EXIT_USAGE;
            }
            break;
        default:
            return cli_usage_error("decode", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind > 1) {
        return cli_usage_error("decode", "unexpected argument '%s'", argv[optind + 1]);
    }
    return decode(optind < argc ? argv[optind] : "-", kind, json);
}
