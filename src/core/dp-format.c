/* dp-format.c: the dossier file and wire format, version 1.
 *
 * The loader is strict on purpose: the same document is a local draft, an export and a
 * request body, and a typo ("capacitiet") that were silently ignored would lose a figure.
 * So it refuses unknown keys (at the top level, in "campagne", "voorziening", "vorig_jaar"
 * and in every line), missing keys, wrong types, fractions, negatives and out-of-range
 * numbers, and names the place first: "luik2[3].capaciteit: expected a whole number, found
 * "six"". data/dagprijzen-meting.schema.json says the same in JSON Schema; the tests hold the
 * two to one verdict.
 *
 * The writer does not use JsonGenerator: it writes DESIGN.md's layout ("key": value,
 * two-space indent, "[]" for an empty list, a final newline), which makes files diff well
 * and makes load-then-save give back the very bytes it wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "dp-finding.h"
#include "dp-format.h"
#include "dp-money.h"

#define YEAR_MIN 2000
#define YEAR_MAX 9999
/* How much of a refused string the message quotes. */
#define QUOTE_MAX 40

G_DEFINE_QUARK (dp-format-error-quark, dp_format_error)

static const char * const top_keys[] = {
  "formaat", "versie", "campagne", "voorziening", "status", "ingediend_op", "referentie",
  "luik1", "luik2", "vorig_jaar", NULL
};
static const char * const campaign_keys[] = {
  "jaar", "meetdatum", "deadline", "korting_infrastructuurforfait_cent", NULL
};
static const char * const facility_keys[] = {
  "erkenningsnummer", "naam", "erkende_capaciteit", NULL
};
static const char * const previous_keys[] = { "luik1", "luik2", NULL };
static const char * const line1_keys[] = {
  "kamertype", "beschrijving", "capaciteit", "prijs_cent", NULL
};
static const char * const line2_keys[] = {
  "kamertype", "beschrijving", "capaciteit", "brutoprijs_cent", NULL
};
static const char * const finding_keys[] = { "code", "ernst", "pad", "bericht", NULL };

/* ------------------------------------------------------------------------------------ */
/* Writing JSON text                                                                    */

static void
append_json_string (GString    *out,
                    const char *str,
                    gssize      max_chars)
{
  g_autofree char *valid = NULL;
  const char *run;
  const char *p;
  gssize n = 0;

  /* Descriptions come from people; never let a stray byte make the file unreadable. */
  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  g_string_append_c (out, '"');
  /* Runs of bytes that need no escape are copied whole: saving is mostly this loop. */
  for (run = p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      guchar c = (guchar) *p;

      if (max_chars >= 0 && n++ >= max_chars)
        {
          g_string_append_len (out, run, p - run);
          g_string_append (out, "…");
          run = NULL;
          break;
        }

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:    g_string_append_printf (out, "\\u%04x", c);
        }
    }
  if (run != NULL)
    g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/* Only found in documents read (this program writes no fractions), for messages: the
 * shortest spelling that reads back the same, and "60.0" rather than "60" so that a
 * refused fraction never looks like a whole number. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, sizeof buf, "%.17g", value);
  g_string_append (out, buf);
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (out, ".0");
}

static void
append_indent (GString *out,
               guint    level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
append_node (GString  *out,
             JsonNode *node,
             guint     level)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_DOUBLE)
          append_double (out, json_node_get_double (node));
        else
          append_json_string (out, json_node_get_string (node), -1);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append (out, "[\n");
        for (guint i = 0; i < n; i++)
          {
            append_indent (out, level + 1);
            append_node (out, json_array_get_element (array, i), level + 1);
            g_string_append (out, i + 1 < n ? ",\n" : "\n");
          }
        append_indent (out, level);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        if (json_object_get_size (object) == 0)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append (out, "{\n");
        /* Insertion order: the order of DESIGN.md, in which dp_format_save_node() adds. */
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append (out, ",\n");
            first = FALSE;
            append_indent (out, level + 1);
            append_json_string (out, name, -1);
            g_string_append (out, ": ");
            append_node (out, member, level + 1);
          }
        g_string_append_c (out, '\n');
        append_indent (out, level);
        g_string_append_c (out, '}');
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------------------------ */
/* Refusals                                                                             */

/* What was found, for "expected X, found Y": the JSON of a scalar (a string quoted and
 * shortened), or the kind of a container. */
static char *
describe_node (JsonNode *node)
{
  GString *out;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return g_strdup (_("an object"));
    case JSON_NODE_ARRAY:
      return g_strdup (_("a list"));
    case JSON_NODE_NULL:
      return g_strdup ("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  out = g_string_new (NULL);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    append_json_string (out, json_node_get_string (node), QUOTE_MAX);
  else
    append_node (out, node, 0);
  return g_string_free (out, FALSE);
}

/* The path of a place: "status", "campagne.jaar", "luik2[3]", "vorig_jaar.luik1[0].capaciteit". */
static char *
make_path (const char *prefix,
           gint        index,
           const char *key)
{
  GString *path = g_string_new (prefix);

  if (index >= 0)
    g_string_append_printf (path, "[%d]", index);
  if (key != NULL)
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, key);
    }
  return g_string_free (path, FALSE);
}

G_GNUC_PRINTF (6, 7)
static gboolean
fail (GError     **error,
      gint         code,
      const char  *prefix,
      gint         index,
      const char  *key,
      const char  *format,
      ...)
{
  g_autofree char *path = make_path (prefix, index, key);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* The document as a whole has the empty path; say so in words. */
  g_set_error (error, DP_FORMAT_ERROR, code, "%s: %s", *path != '\0' ? path : _("document"),
               what);
  return FALSE;
}

/* "expected <expected>, found <what node is>" */
static gboolean
fail_expected (GError     **error,
               const char  *prefix,
               gint         index,
               const char  *key,
               const char  *expected,
               JsonNode    *found)
{
  g_autofree char *found_text = describe_node (found);

  /* Translators: "expected a whole number, found "six"" */
  return fail (error, DP_FORMAT_ERROR_INVALID, prefix, index, key,
               _("expected %s, found %s"), expected, found_text);
}

static char *
join_keys (const char * const *keys)
{
  return g_strjoinv (", ", (char **) keys);
}

/* An object with exactly @keys: no unknown key, none missing. */
static gboolean
check_object (JsonNode            *node,
              const char          *prefix,
              gint                 index,
              const char          *key,
              const char * const  *keys,
              GError             **error)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_expected (error, prefix, index, key, _("an object"), node);

  object = json_node_get_object (node);
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (!g_strv_contains (keys, name))
        {
          g_autofree char *inner = make_path (prefix, index, key);
          g_autofree char *known = join_keys (keys);

          return fail (error, DP_FORMAT_ERROR_INVALID, inner, -1, name,
                       _("unknown key (expected %s)"), known);
        }
    }

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (!json_object_has_member (object, keys[i]))
        {
          g_autofree char *inner = make_path (prefix, index, key);

          return fail (error, DP_FORMAT_ERROR_INVALID, inner, -1, keys[i], _("missing"));
        }
    }

  return TRUE;
}

/* ------------------------------------------------------------------------------------ */
/* Reading values                                                                       */

static gboolean
node_is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
read_integer (JsonObject  *object,
              const char  *prefix,
              gint         index,
              const char  *key,
              gint64       min,
              gint64       max,
              gint64      *out_value,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  gint64 value;

  if (!node_is_integer (node))
    return fail_expected (error, prefix, index, key, _("a whole number"), node);

  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      g_autofree char *expected =
        /* PRId64, unlike G_GINT64_FORMAT, is known to xgettext: the message is extracted whole. */
        g_strdup_printf (_("a whole number from %" PRId64 " to %" PRId64), (int64_t) min,
                         (int64_t) max);

      return fail_expected (error, prefix, index, key, expected, node);
    }

  *out_value = value;
  return TRUE;
}

/* A price: cents from 0 to DP_CENTS_MAX, or null (DP_CENTS_NONE) when @null_ok. */
static gboolean
read_amount (JsonObject  *object,
             const char  *prefix,
             gint         index,
             const char  *key,
             gboolean     null_ok,
             gint64      *out_cents,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (null_ok && JSON_NODE_HOLDS_NULL (node))
    {
      *out_cents = DP_CENTS_NONE;
      return TRUE;
    }

  if (!node_is_integer (node) || json_node_get_int (node) < 0
      || json_node_get_int (node) > DP_CENTS_MAX)
    {
      g_autofree char *expected = null_ok
        ? g_strdup_printf (_("an amount in cents from 0 to %" PRId64 " or null"),
                           (int64_t) DP_CENTS_MAX)
        : g_strdup_printf (_("an amount in cents from 0 to %" PRId64),
                           (int64_t) DP_CENTS_MAX);

      return fail_expected (error, prefix, index, key, expected, node);
    }

  *out_cents = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_string (JsonObject   *object,
             const char   *prefix,
             gint          index,
             const char   *key,
             gboolean      non_empty,
             const char  **out_str,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (!node_is_string (node) || (non_empty && *json_node_get_string (node) == '\0'))
    return fail_expected (error, prefix, index, key,
                          non_empty ? _("a non-empty string") : _("a string"), node);

  *out_str = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_date (JsonObject  *object,
           const char  *prefix,
           const char  *key,
           GDate       *out_date,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (!node_is_string (node) || !dp_date_from_iso (json_node_get_string (node), out_date))
    return fail_expected (error, prefix, -1, key, _("a date as YYYY-MM-DD"), node);
  return TRUE;
}

static gboolean
all_digits (const char *p,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

/* Exactly YYYY-MM-DDTHH:MM:SS, optional fraction, then Z or ±HH:MM: the wire's ISO 8601 with
 * an offset, so that a submission time never depends on the reader's time zone. */
static GDateTime *
parse_date_time (const char *text)
{
  const char *p = text;

  if (strlen (text) < 20
      || !all_digits (p, 4) || p[4] != '-' || !all_digits (p + 5, 2) || p[7] != '-'
      || !all_digits (p + 8, 2) || p[10] != 'T' || !all_digits (p + 11, 2) || p[13] != ':'
      || !all_digits (p + 14, 2) || p[16] != ':' || !all_digits (p + 17, 2))
    return NULL;

  p += 19;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return NULL;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (*p == 'Z')
    p++;
  else if ((*p == '+' || *p == '-') && all_digits (p + 1, 2) && p[3] == ':'
           && all_digits (p + 4, 2))
    p += 6;
  else
    return NULL;

  if (*p != '\0')
    return NULL;

  return g_date_time_new_from_iso8601 (text, NULL);
}

/* ------------------------------------------------------------------------------------ */
/* Loading                                                                              */

typedef struct {
  DpPart       part;
  gboolean     draft;
  const char  *prefix;   /* "luik1", "vorig_jaar.luik2" */
} LinesSpec;

static DpLine *
read_line (JsonNode         *node,
           const LinesSpec  *spec,
           gint              index,
           GError          **error)
{
  const char * const *keys = spec->part == DP_PART_1 ? line1_keys : line2_keys;
  const char *price_key = keys[3];
  JsonObject *object;
  JsonNode *type_node;
  const char *description;
  DpRoomType room_type;
  gint64 capacity;
  gint64 price;

  if (!check_object (node, spec->prefix, index, NULL, keys, error))
    return NULL;
  object = json_node_get_object (node);

  type_node = json_object_get_member (object, "kamertype");
  if (!node_is_string (type_node)
      || !dp_room_type_from_wire (json_node_get_string (type_node), &room_type))
    {
      fail_expected (error, spec->prefix, index, "kamertype",
                     "\"eenpersoonskamer\" or \"tweepersoonskamer\"", type_node);
      return NULL;
    }

  /* A draft is work in progress: an empty capacity and a missing price are what the
   * checks capaciteit-ongeldig and prijs-ontbreekt are for. A submission has neither. */
  if (!read_string (object, spec->prefix, index, "beschrijving", FALSE, &description, error)
      || !read_integer (object, spec->prefix, index, "capaciteit", spec->draft ? 0 : 1,
                        DP_FORMAT_CAPACITY_MAX, &capacity, error)
      || !read_amount (object, spec->prefix, index, price_key, spec->draft, &price, error))
    return NULL;

  return dp_line_new (room_type, description, (guint) capacity, price);
}

/* The lines of one Luik into @store (a GListStore of DpLine). */
static gboolean
read_lines (JsonObject       *object,
            const char       *key,
            const LinesSpec  *spec,
            GListStore       *store,
            GError          **error)
{
  JsonNode *node = json_object_get_member (object, key);
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail_expected (error, spec->prefix, -1, NULL, _("a list of lines"), node);

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DpLine) line = read_line (json_array_get_element (array, i), spec, (gint) i,
                                          error);
      if (line == NULL)
        return FALSE;
      g_list_store_append (store, line);
    }

  return TRUE;
}

static gboolean
check_version (JsonObject  *root,
               GError     **error)
{
  JsonNode *formaat = json_object_get_member (root, "formaat");
  JsonNode *versie = json_object_get_member (root, "versie");

  if (formaat == NULL)
    return fail (error, DP_FORMAT_ERROR_INVALID, NULL, -1, "formaat",
                 _("missing: this is not a dagprijzen-meting document"));
  if (!node_is_string (formaat)
      || g_strcmp0 (json_node_get_string (formaat), DP_FORMAT_NAME) != 0)
    return fail_expected (error, NULL, -1, "formaat", "\"" DP_FORMAT_NAME "\"", formaat);

  if (versie == NULL)
    return fail (error, DP_FORMAT_ERROR_INVALID, NULL, -1, "versie", _("missing"));
  if (node_is_integer (versie) && json_node_get_int (versie) > DP_FORMAT_VERSION)
    return fail (error, DP_FORMAT_ERROR_VERSION, NULL, -1, "versie",
                 _("version %" PRId64 " of the format is newer than this program "
                   "reads (version %d): update Dagprijzen"),
                 (int64_t) json_node_get_int (versie), DP_FORMAT_VERSION);
  if (!node_is_integer (versie) || json_node_get_int (versie) != DP_FORMAT_VERSION)
    return fail_expected (error, NULL, -1, "versie", "1", versie);

  return TRUE;
}

DpDossier *
dp_format_load_node (JsonNode  *root,
                     GError   **error)
{
  JsonObject *object;
  JsonObject *campaign_object;
  JsonObject *facility_object;
  JsonObject *previous_object;
  JsonNode *status_node;
  JsonNode *node;
  g_autoptr(DpCampaign) campaign = NULL;
  g_autoptr(DpFacility) facility = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(GDateTime) submitted_at = NULL;
  g_autoptr(GListStore) lines1 = g_list_store_new (DP_TYPE_LINE);
  g_autoptr(GListStore) lines2 = g_list_store_new (DP_TYPE_LINE);
  g_autoptr(GListStore) previous1 = g_list_store_new (DP_TYPE_LINE);
  g_autoptr(GListStore) previous2 = g_list_store_new (DP_TYPE_LINE);
  GListStore *lines[DP_N_PARTS] = { lines1, lines2 };
  GListStore *previous[DP_N_PARTS] = { previous1, previous2 };
  const char *reference = NULL;
  const char *registration_number;
  const char *name;
  DpStatus status;
  gboolean draft;
  GDate measurement_date;
  GDate deadline;
  gint64 year;
  gint64 discount;
  gint64 recognised;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (root == NULL)
    {
      fail (error, DP_FORMAT_ERROR_INVALID, NULL, -1, NULL, _("empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail_expected (error, NULL, -1, NULL, _("an object"), root);
      return NULL;
    }
  object = json_node_get_object (root);

  /* The version first: a newer document is refused as newer, whatever else it holds. */
  if (!check_version (object, error) || !check_object (root, NULL, -1, NULL, top_keys, error))
    return NULL;

  status_node = json_object_get_member (object, "status");
  if (!node_is_string (status_node)
      || !dp_status_from_wire (json_node_get_string (status_node), &status))
    {
      fail_expected (error, NULL, -1, "status", "\"ontwerp\" or \"ingediend\"", status_node);
      return NULL;
    }
  draft = status == DP_STATUS_DRAFT;

  node = json_object_get_member (object, "campagne");
  if (!check_object (node, NULL, -1, "campagne", campaign_keys, error))
    return NULL;
  campaign_object = json_node_get_object (node);
  if (!read_integer (campaign_object, "campagne", -1, "jaar", YEAR_MIN, YEAR_MAX, &year, error)
      || !read_date (campaign_object, "campagne", "meetdatum", &measurement_date, error)
      || !read_date (campaign_object, "campagne", "deadline", &deadline, error)
      || !read_amount (campaign_object, "campagne", -1, "korting_infrastructuurforfait_cent",
                       FALSE, &discount, error))
    return NULL;

  node = json_object_get_member (object, "voorziening");
  if (!check_object (node, NULL, -1, "voorziening", facility_keys, error))
    return NULL;
  facility_object = json_node_get_object (node);
  if (!read_string (facility_object, "voorziening", -1, "erkenningsnummer", TRUE,
                    &registration_number, error)
      || !read_string (facility_object, "voorziening", -1, "naam", TRUE, &name, error)
      || !read_integer (facility_object, "voorziening", -1, "erkende_capaciteit", 0,
                        DP_FORMAT_CAPACITY_MAX, &recognised, error))
    return NULL;

  /* A draft has no submission time or reference yet; a submitted dossier has both. */
  node = json_object_get_member (object, "ingediend_op");
  if (draft && !JSON_NODE_HOLDS_NULL (node))
    {
      fail_expected (error, NULL, -1, "ingediend_op", _("null in a draft"), node);
      return NULL;
    }
  if (!draft)
    {
      if (node_is_string (node))
        submitted_at = parse_date_time (json_node_get_string (node));
      if (submitted_at == NULL)
        {
          fail_expected (error, NULL, -1, "ingediend_op",
                         _("a date and time with offset as YYYY-MM-DDTHH:MM:SS+HH:MM"), node);
          return NULL;
        }
    }

  node = json_object_get_member (object, "referentie");
  if (draft && !JSON_NODE_HOLDS_NULL (node))
    {
      fail_expected (error, NULL, -1, "referentie", _("null in a draft"), node);
      return NULL;
    }
  if (!draft && !read_string (object, NULL, -1, "referentie", TRUE, &reference, error))
    return NULL;

  for (guint p = 0; p < DP_N_PARTS; p++)
    {
      LinesSpec spec = { p, draft, p == DP_PART_1 ? "luik1" : "luik2" };

      if (!read_lines (object, spec.prefix, &spec, lines[p], error))
        return NULL;
    }

  node = json_object_get_member (object, "vorig_jaar");
  if (!check_object (node, NULL, -1, "vorig_jaar", previous_keys, error))
    return NULL;
  previous_object = json_node_get_object (node);
  for (guint p = 0; p < DP_N_PARTS; p++)
    {
      /* Last year's lines were a submission: every one has a capacity and a price. */
      LinesSpec spec = { p, FALSE, p == DP_PART_1 ? "vorig_jaar.luik1" : "vorig_jaar.luik2" };

      if (!read_lines (previous_object, p == DP_PART_1 ? "luik1" : "luik2", &spec,
                       previous[p], error))
        return NULL;
    }

  campaign = dp_campaign_new ((guint) year, &measurement_date, &deadline, discount);
  facility = dp_facility_new (registration_number, name, (guint) recognised);
  dossier = dp_dossier_new (campaign, facility);

  for (guint p = 0; p < DP_N_PARTS; p++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (lines[p]));

      dp_dossier_set_previous_lines (dossier, p, G_LIST_MODEL (previous[p]));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DpLine) line = g_list_model_get_item (G_LIST_MODEL (lines[p]), i);
          dp_dossier_append_line (dossier, p, line);
        }
    }

  if (!draft)
    dp_dossier_mark_submitted (dossier, submitted_at, reference);

  return g_steal_pointer (&dossier);
}

/* The deepest nesting of arrays and objects in @data, counting only up to @limit + 1. */
static guint
nesting_depth (const char *data,
               gsize       length,
               guint       limit)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint deepest = 0;

  for (gsize i = 0; i < length && deepest <= limit; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return deepest;
}

JsonNode *
dp_format_parse_data (const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);

  if (nesting_depth (data, (gsize) length, DP_FORMAT_MAX_DEPTH) > DP_FORMAT_MAX_DEPTH)
    {
      g_set_error (error, DP_FORMAT_ERROR, DP_FORMAT_ERROR_SYNTAX,
                   _("not JSON that this program reads: nested more than %d levels deep"),
                   DP_FORMAT_MAX_DEPTH);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, DP_FORMAT_ERROR, DP_FORMAT_ERROR_SYNTAX,
                   _("not JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    fail (error, DP_FORMAT_ERROR_INVALID, NULL, -1, NULL, _("empty"));

  return root;
}

DpDossier *
dp_format_load_data (const char  *data,
                     gssize       length,
                     GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = dp_format_parse_data (data, length, error);
  if (root == NULL)
    return NULL;

  return dp_format_load_node (root, error);
}

DpDossier *
dp_format_load_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  return dp_format_load_data (contents, (gssize) length, error);
}

/* ------------------------------------------------------------------------------------ */
/* Saving                                                                               */

/* A node that owns @array (json_node_init_array() would add a reference). */
static JsonNode *
array_node_take (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

static JsonNode *
lines_to_node (GListModel *model,
               DpPart      part)
{
  const char *price_key = part == DP_PART_1 ? "prijs_cent" : "brutoprijs_cent";
  JsonArray *array = json_array_new ();
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DpLine) line = g_list_model_get_item (model, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "kamertype",
                                     dp_room_type_to_wire (dp_line_get_room_type (line)));
      json_object_set_string_member (object, "beschrijving", dp_line_get_description (line));
      json_object_set_int_member (object, "capaciteit", dp_line_get_capacity (line));
      if (dp_line_has_price (line))
        json_object_set_int_member (object, price_key, dp_line_get_price (line));
      else
        json_object_set_null_member (object, price_key);
      json_array_add_object_element (array, object);
    }

  return array_node_take (array);
}

static void
set_date_member (JsonObject  *object,
                 const char  *key,
                 const GDate *date)
{
  g_autofree char *iso = dp_date_to_iso (date);

  json_object_set_string_member (object, key, iso);
}

JsonNode *
dp_format_save_node (DpDossier *dossier)
{
  DpCampaign *campaign;
  DpFacility *facility;
  JsonObject *root;
  JsonObject *object;
  GDateTime *submitted_at;
  const char *reference;
  JsonNode *node;

  g_return_val_if_fail (DP_IS_DOSSIER (dossier), NULL);

  campaign = dp_dossier_get_campaign (dossier);
  facility = dp_dossier_get_facility (dossier);
  root = json_object_new ();

  /* The order of DESIGN.md: the writer keeps insertion order. */
  json_object_set_string_member (root, "formaat", DP_FORMAT_NAME);
  json_object_set_int_member (root, "versie", DP_FORMAT_VERSION);

  object = json_object_new ();
  json_object_set_int_member (object, "jaar", dp_campaign_get_year (campaign));
  set_date_member (object, "meetdatum", dp_campaign_get_measurement_date (campaign));
  set_date_member (object, "deadline", dp_campaign_get_deadline (campaign));
  json_object_set_int_member (object, "korting_infrastructuurforfait_cent",
                              dp_campaign_get_discount (campaign));
  json_object_set_object_member (root, "campagne", object);

  object = json_object_new ();
  json_object_set_string_member (object, "erkenningsnummer",
                                 dp_facility_get_registration_number (facility));
  json_object_set_string_member (object, "naam", dp_facility_get_name (facility));
  json_object_set_int_member (object, "erkende_capaciteit",
                              dp_facility_get_recognised_capacity (facility));
  json_object_set_object_member (root, "voorziening", object);

  json_object_set_string_member (root, "status",
                                 dp_status_to_wire (dp_dossier_get_status (dossier)));

  submitted_at = dp_dossier_get_submitted_at (dossier);
  if (submitted_at != NULL)
    {
      g_autofree char *text = dp_time_to_iso (submitted_at);
      json_object_set_string_member (root, "ingediend_op", text);
    }
  else
    json_object_set_null_member (root, "ingediend_op");

  reference = dp_dossier_get_reference (dossier);
  if (reference != NULL)
    json_object_set_string_member (root, "referentie", reference);
  else
    json_object_set_null_member (root, "referentie");

  json_object_set_member (root, "luik1",
                          lines_to_node (dp_dossier_get_lines (dossier, DP_PART_1), DP_PART_1));
  json_object_set_member (root, "luik2",
                          lines_to_node (dp_dossier_get_lines (dossier, DP_PART_2), DP_PART_2));

  object = json_object_new ();
  json_object_set_member (object, "luik1",
                          lines_to_node (dp_dossier_get_previous_lines (dossier, DP_PART_1),
                                         DP_PART_1));
  json_object_set_member (object, "luik2",
                          lines_to_node (dp_dossier_get_previous_lines (dossier, DP_PART_2),
                                         DP_PART_2));
  json_object_set_object_member (root, "vorig_jaar", object);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

/* Also used for findings and anything else this module writes: one layout everywhere. */
static char *
node_to_data (JsonNode *node,
              gsize    *out_length)
{
  GString *out = g_string_sized_new (4096);

  append_node (out, node, 0);
  g_string_append_c (out, '\n');
  if (out_length != NULL)
    *out_length = out->len;
  return g_string_free (out, FALSE);
}

char *
dp_format_save_data (DpDossier *dossier,
                     gsize     *out_length)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (DP_IS_DOSSIER (dossier), NULL);

  node = dp_format_save_node (dossier);
  return node_to_data (node, out_length);
}

gboolean
dp_format_same_document (DpDossier *a,
                         DpDossier *b)
{
  g_autofree char *data_a = NULL;
  g_autofree char *data_b = NULL;

  g_return_val_if_fail (DP_IS_DOSSIER (a), FALSE);
  g_return_val_if_fail (DP_IS_DOSSIER (b), FALSE);

  data_a = dp_format_save_data (a, NULL);
  data_b = dp_format_save_data (b, NULL);

  return g_strcmp0 (data_a, data_b) == 0;
}

gboolean
dp_format_save_file (DpDossier     *dossier,
                     GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  gsize length;

  g_return_val_if_fail (DP_IS_DOSSIER (dossier), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = dp_format_save_data (dossier, &length);
  path = g_file_get_path (file);

  if (path != NULL)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* Temporary file, fsync, rename: the old file stays whole if this is interrupted.
       * 0666 before the umask, like any document the user exports. */
      return g_file_set_contents_full (path, data, (gssize) length,
                                       G_FILE_SET_CONTENTS_CONSISTENT
                                       | G_FILE_SET_CONTENTS_DURABLE,
                                       0666, error);
    }

  /* Not a local path (a GVfs location): GIO's replace also writes aside and renames. */
  return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  cancellable, error);
}

/* ------------------------------------------------------------------------------------ */
/* Findings                                                                             */

JsonNode *
dp_format_findings_to_node (GPtrArray *findings,
                            DpDossier *dossier)
{
  JsonArray *array = json_array_new ();

  g_return_val_if_fail (findings != NULL, NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      DpFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *path = dp_finding_dup_path (finding, dossier);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "code", dp_finding_get_code (finding));
      json_object_set_string_member (object, "ernst",
                                     dp_severity_to_wire (dp_finding_get_severity (finding)));
      json_object_set_string_member (object, "pad", path);
      json_object_set_string_member (object, "bericht", dp_finding_get_message (finding));
      json_array_add_object_element (array, object);
    }

  return array_node_take (array);
}

GPtrArray *
dp_format_findings_from_node (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  const char *prefix = "";
  JsonArray *array;
  guint n;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The service's 422 body is {"bevindingen": [...]}; take that whole as well. */
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      if (!check_object (node, NULL, -1, NULL, (const char * const []) { "bevindingen", NULL },
                         error))
        return NULL;
      node = json_object_get_member (json_node_get_object (node), "bevindingen");
      prefix = "bevindingen";
    }

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      if (node == NULL)
        fail (error, DP_FORMAT_ERROR_INVALID, prefix, -1, NULL, _("empty"));
      else
        fail_expected (error, prefix, -1, NULL, _("a list of findings"), node);
      return NULL;
    }

  findings = g_ptr_array_new_with_free_func (g_object_unref);
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode *ernst;
      const char *code;
      const char *path;
      const char *message;
      DpSeverity severity;
      DpPart part;
      gint index;
      DpField field;

      if (!check_object (element, prefix, (gint) i, NULL, finding_keys, error))
        return NULL;
      object = json_node_get_object (element);

      if (!read_string (object, prefix, (gint) i, "code", TRUE, &code, error))
        return NULL;

      ernst = json_object_get_member (object, "ernst");
      if (!node_is_string (ernst)
          || !dp_severity_from_wire (json_node_get_string (ernst), &severity))
        {
          fail_expected (error, prefix, (gint) i, "ernst", "\"fout\" or \"waarschuwing\"",
                         ernst);
          return NULL;
        }

      if (!read_string (object, prefix, (gint) i, "pad", FALSE, &path, error))
        return NULL;
      if (*path != '\0' && !dp_path_parse (path, &part, &index, &field))
        {
          fail_expected (error, prefix, (gint) i, "pad",
                         _("a path such as \"luik2[3].capaciteit\" or \"\""),
                         json_object_get_member (object, "pad"));
          return NULL;
        }

      if (!read_string (object, prefix, (gint) i, "bericht", FALSE, &message, error))
        return NULL;

      g_ptr_array_add (findings, dp_finding_new_for_path (code, severity, path, message));
    }

  return g_steal_pointer (&findings);
}
