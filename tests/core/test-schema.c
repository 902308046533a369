/* test-schema.c: data/dagprijzen-meting.schema.json judges documents as the loader does.
 *
 * A small JSON Schema (draft 2020-12) checker, enough for the keywords the schema uses; it
 * stops the test on any keyword it does not know, so that the schema cannot drift into
 * something this test silently ignores. Then every file in tests/data, the demo dossier, and
 * a list of edits of the demo are judged by both the schema and dp_format_load_node(), which
 * must agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "dagprijzen-core.h"

typedef struct {
  JsonNode *root;   /* the whole schema, for "$ref" */
  GString  *why;    /* the first reason an instance was refused */
} Checker;

static gboolean check (Checker    *checker,
                       JsonNode   *schema,
                       JsonNode   *instance,
                       const char *path);

static const char *
node_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "object";
    case JSON_NODE_ARRAY:
      return "array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return "integer";
    case G_TYPE_DOUBLE:
      return "number";
    case G_TYPE_BOOLEAN:
      return "boolean";
    default:
      return "string";
    }
}

static gboolean
is_number (JsonNode *node,
           double   *out_value)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out_value = (double) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *out_value = json_node_get_double (node);
  else
    return FALSE;
  return TRUE;
}

/* JSON Schema's "type": an "integer" is any number with a zero fractional part (so 60.0
 * is one: the schema cannot tell it from 60, the loader can). */
static gboolean
has_type (JsonNode   *node,
          const char *type)
{
  const char *actual = node_type_name (node);
  double value;

  if (g_str_equal (type, actual))
    return TRUE;
  if (g_str_equal (type, "number"))
    return is_number (node, &value);
  if (g_str_equal (type, "integer") && g_str_equal (actual, "number"))
    return is_number (node, &value) && value > -1e15 && value < 1e15
           && (double) (gint64) value == value;
  return FALSE;
}

/* Equality of JSON values, numbers compared as numbers. */
static gboolean
json_equal (JsonNode *a,
            JsonNode *b)
{
  double x;
  double y;

  if (is_number (a, &x) && is_number (b, &y))
    return x == y;
  return json_node_equal (a, b);
}

static gboolean
refuse (Checker    *checker,
        const char *path,
        const char *what)
{
  if (checker->why->len == 0)
    g_string_printf (checker->why, "%s: %s", *path != '\0' ? path : "document", what);
  return FALSE;
}

static gboolean
check_format (const char *format,
              const char *text)
{
  if (g_str_equal (format, "date"))
    {
      guint year;
      guint month;
      guint day;
      char tail;

      return strlen (text) == 10
             && sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) == 3
             && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
    }
  if (g_str_equal (format, "date-time"))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);
      return dt != NULL;
    }

  g_error ("the schema uses format \"%s\", which this checker does not know", format);
}

static gboolean
check (Checker    *checker,
       JsonNode   *schema,
       JsonNode   *instance,
       const char *path)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *keyword;
  JsonNode *value;

  if (JSON_NODE_HOLDS_VALUE (schema) && json_node_get_value_type (schema) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (schema) || refuse (checker, path, "nothing is allowed here");

  g_assert_true (JSON_NODE_HOLDS_OBJECT (schema));
  object = json_node_get_object (schema);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &keyword, &value))
    {
      if (g_str_equal (keyword, "$schema") || g_str_equal (keyword, "$id")
          || g_str_equal (keyword, "$defs") || g_str_equal (keyword, "title")
          || g_str_equal (keyword, "description") || g_str_equal (keyword, "$comment")
          || g_str_equal (keyword, "then") || g_str_equal (keyword, "else"))
        continue;  /* annotations, or taken with "if" */

      if (g_str_equal (keyword, "$ref"))
        {
          const char *ref = json_node_get_string (value);
          JsonObject *defs = json_object_get_object_member (json_node_get_object (checker->root),
                                                            "$defs");
          JsonNode *target;

          g_assert_true (g_str_has_prefix (ref, "#/$defs/"));
          target = json_object_get_member (defs, ref + strlen ("#/$defs/"));
          g_assert_nonnull (target);
          if (!check (checker, target, instance, path))
            return FALSE;
        }
      else if (g_str_equal (keyword, "type"))
        {
          gboolean any = FALSE;

          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              JsonArray *types = json_node_get_array (value);

              for (guint i = 0; i < json_array_get_length (types); i++)
                any |= has_type (instance, json_array_get_string_element (types, i));
            }
          else
            any = has_type (instance, json_node_get_string (value));
          if (!any)
            return refuse (checker, path, "wrong type");
        }
      else if (g_str_equal (keyword, "const"))
        {
          if (!json_equal (value, instance))
            return refuse (checker, path, "not the constant");
        }
      else if (g_str_equal (keyword, "enum"))
        {
          JsonArray *options = json_node_get_array (value);
          gboolean any = FALSE;

          for (guint i = 0; i < json_array_get_length (options); i++)
            any |= json_equal (json_array_get_element (options, i), instance);
          if (!any)
            return refuse (checker, path, "not one of the enum");
        }
      else if (g_str_equal (keyword, "properties"))
        {
          JsonObjectIter props;
          const char *name;
          JsonNode *sub;

          if (!JSON_NODE_HOLDS_OBJECT (instance))
            continue;
          json_object_iter_init (&props, json_node_get_object (value));
          while (json_object_iter_next (&props, &name, &sub))
            {
              JsonNode *member = json_object_get_member (json_node_get_object (instance), name);
              g_autofree char *sub_path = *path != '\0' ? g_strdup_printf ("%s.%s", path, name)
                                                        : g_strdup (name);

              if (member != NULL && !check (checker, sub, member, sub_path))
                return FALSE;
            }
        }
      else if (g_str_equal (keyword, "required"))
        {
          JsonArray *names = json_node_get_array (value);

          if (!JSON_NODE_HOLDS_OBJECT (instance))
            continue;
          for (guint i = 0; i < json_array_get_length (names); i++)
            if (!json_object_has_member (json_node_get_object (instance),
                                         json_array_get_string_element (names, i)))
              return refuse (checker, path, "a required member is missing");
        }
      else if (g_str_equal (keyword, "additionalProperties"))
        {
          JsonObject *properties = json_object_get_object_member (object, "properties");
          JsonObjectIter members;
          const char *name;
          JsonNode *member;

          g_assert_true (JSON_NODE_HOLDS_VALUE (value) && !json_node_get_boolean (value));
          if (!JSON_NODE_HOLDS_OBJECT (instance))
            continue;
          json_object_iter_init (&members, json_node_get_object (instance));
          while (json_object_iter_next (&members, &name, &member))
            if (properties == NULL || !json_object_has_member (properties, name))
              return refuse (checker, path, "an additional member");
        }
      else if (g_str_equal (keyword, "items"))
        {
          JsonArray *array;

          if (!JSON_NODE_HOLDS_ARRAY (instance))
            continue;
          array = json_node_get_array (instance);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autofree char *sub_path = g_strdup_printf ("%s[%u]", path, i);

              if (!check (checker, value, json_array_get_element (array, i), sub_path))
                return FALSE;
            }
        }
      else if (g_str_equal (keyword, "minimum") || g_str_equal (keyword, "maximum"))
        {
          double bound = 0;
          double number;

          g_assert_true (is_number (value, &bound));
          if (!is_number (instance, &number))
            continue;
          if (keyword[1] == 'i' ? number < bound : number > bound)
            return refuse (checker, path, "out of range");
        }
      else if (g_str_equal (keyword, "minLength"))
        {
          if (has_type (instance, "string")
              && g_utf8_strlen (json_node_get_string (instance), -1) < json_node_get_int (value))
            return refuse (checker, path, "too short");
        }
      else if (g_str_equal (keyword, "pattern"))
        {
          if (has_type (instance, "string")
              && !g_regex_match_simple (json_node_get_string (value),
                                        json_node_get_string (instance), 0, 0))
            return refuse (checker, path, "does not match the pattern");
        }
      else if (g_str_equal (keyword, "format"))
        {
          if (has_type (instance, "string")
              && !check_format (json_node_get_string (value), json_node_get_string (instance)))
            return refuse (checker, path, "not of the format");
        }
      else if (g_str_equal (keyword, "anyOf"))
        {
          JsonArray *options = json_node_get_array (value);
          gboolean any = FALSE;
          gsize len = checker->why->len;

          for (guint i = 0; i < json_array_get_length (options) && !any; i++)
            any = check (checker, json_array_get_element (options, i), instance, path);
          g_string_truncate (checker->why, len);
          if (!any)
            return refuse (checker, path, "none of anyOf");
        }
      else if (g_str_equal (keyword, "if"))
        {
          gsize len = checker->why->len;
          gboolean holds = check (checker, value, instance, path);
          JsonNode *branch = json_object_get_member (object, holds ? "then" : "else");

          g_string_truncate (checker->why, len);
          if (branch != NULL && !check (checker, branch, instance, path))
            return FALSE;
        }
      else
        g_error ("the schema uses \"%s\", which this checker does not know", keyword);
    }

  return TRUE;
}

static JsonNode *
load_schema (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("DAGPRIJZEN_SOURCE_DIR"), "data",
                                            "dagprijzen-meting.schema.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* TRUE when the schema accepts @instance; @why gets the reason when not. */
static gboolean
schema_accepts (JsonNode  *schema,
                JsonNode  *instance,
                char     **why)
{
  Checker checker = { schema, g_string_new (NULL) };
  gboolean ok = check (&checker, schema, instance, "");

  *why = g_string_free (checker.why, FALSE);
  return ok;
}

static void
assert_same_verdict (JsonNode   *schema,
                     JsonNode   *instance,
                     const char *name)
{
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  gboolean by_schema = schema_accepts (schema, instance, &why);

  dossier = dp_format_load_node (instance, &error);
  g_test_message ("%s: schema %s%s%s, loader %s%s", name,
                  by_schema ? "accepts" : "refuses", by_schema ? "" : " at ", why,
                  dossier != NULL ? "accepts" : "refuses: ",
                  error != NULL ? error->message : "");
  if (by_schema != (dossier != NULL))
    g_error ("%s: the schema %s it and the loader %s it (%s%s)", name,
             by_schema ? "accepts" : "refuses", dossier != NULL ? "accepts" : "refuses",
             why, error != NULL ? error->message : "");
}

static void
test_schema_is_sane (void)
{
  g_autoptr(JsonNode) schema = load_schema ();
  JsonObject *object = json_node_get_object (schema);

  g_assert_cmpstr (json_object_get_string_member (object, "$schema"), ==,
                   "https://json-schema.org/draft/2020-12/schema");
  /* Every key of the format is described. */
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (object, "properties")),
                    ==, 10);
}

static void
test_files (void)
{
  g_autoptr(JsonNode) schema = load_schema ();
  g_autofree char *dir_path = g_build_filename (g_getenv ("DAGPRIJZEN_SOURCE_DIR"), "tests",
                                                "data", NULL);
  g_autofree char *demo = g_build_filename (g_getenv ("DAGPRIJZEN_SOURCE_DIR"), "data",
                                            "demo-dossier.json", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n_judged = 0;

  g_assert_nonnull (dir);
  g_ptr_array_add (files, g_strdup (demo));
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (files, g_build_filename (dir_path, name, NULL));

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autoptr(JsonParser) parser = json_parser_new ();

      /* Files that are not JSON (broken-*) have no verdict of the schema. */
      if (!json_parser_load_from_file (parser, path, NULL)
          || json_parser_get_root (parser) == NULL)
        {
          g_assert_true (g_str_has_prefix (base, "broken-"));
          continue;
        }

      assert_same_verdict (schema, json_parser_get_root (parser), base);
      n_judged++;
    }

  g_assert_cmpuint (n_judged, >=, 20);
}

typedef struct {
  const char *pointer;   /* "/luik1/0/capaciteit": the last step is always a key */
  const char *json;      /* the new value, or NULL to remove the key */
} Edit;

typedef struct {
  const char *name;
  Edit        edits[4];
} Case;

#define SUBMIT { "/status", "\"ingediend\"" }, \
               { "/ingediend_op", "\"2025-05-20T10:15:00+02:00\"" }, \
               { "/referentie", "\"MDP-2025-PE-1234-0009\"" }

static const Case cases[] = {
  { "the demo as it is", { { NULL } } },
  { "fractional capacity", { { "/luik1/0/capaciteit", "6.5" } } },
  { "capacity as text", { { "/luik1/0/capaciteit", "\"six\"" } } },
  { "negative capacity", { { "/luik1/0/capaciteit", "-1" } } },
  { "zero capacity in a draft", { { "/luik1/0/capaciteit", "0" } } },
  { "capacity too large", { { "/luik1/0/capaciteit", "100001" } } },
  { "null price in a draft", { { "/luik1/0/prijs_cent", "null" } } },
  { "negative price", { { "/luik2/1/brutoprijs_cent", "-4500" } } },
  { "price too large", { { "/luik2/1/brutoprijs_cent", "100000000000" } } },
  { "price as decimal euro", { { "/luik2/1/brutoprijs_cent", "45.5" } } },
  { "submitted without a time", { { "/status", "\"ingediend\"" } } },
  { "submitted", { SUBMIT } },
  { "submitted with a null price", { SUBMIT, { "/luik1/0/prijs_cent", "null" } } },
  { "submitted with zero capacity", { SUBMIT, { "/luik2/0/capaciteit", "0" } } },
  { "submitted without an offset", { SUBMIT, { "/ingediend_op", "\"2025-05-20T10:15:00\"" } } },
  { "submitted, fractional seconds, Z",
    { SUBMIT, { "/ingediend_op", "\"2025-05-20T10:15:00.250Z\"" } } },
  { "submitted, empty reference", { SUBMIT, { "/referentie", "\"\"" } } },
  { "draft with a reference", { { "/referentie", "\"MDP-1\"" } } },
  { "draft with a time", { { "/ingediend_op", "\"2025-05-20T10:15:00Z\"" } } },
  { "newer versie", { { "/versie", "2" } } },
  { "versie as text", { { "/versie", "\"1\"" } } },
  { "other formaat", { { "/formaat", "\"dagprijzen\"" } } },
  { "unknown top-level key", { { "/opmerking", "\"x\"" } } },
  { "unknown line key", { { "/luik1/0/capacitiet", "60" } } },
  { "net price stored", { { "/luik2/0/nettoprijs_cent", "6851" } } },
  { "missing description", { { "/luik1/0/beschrijving", NULL } } },
  { "missing vorig_jaar", { { "/vorig_jaar", NULL } } },
  { "vorig_jaar null", { { "/vorig_jaar", "null" } } },
  { "impossible date", { { "/campagne/meetdatum", "\"2025-02-30\"" } } },
  { "short date", { { "/campagne/deadline", "\"2025-5-31\"" } } },
  { "year too early", { { "/campagne/jaar", "1999" } } },
  { "discount in euro", { { "/campagne/korting_infrastructuurforfait_cent", "6.29" } } },
  { "empty facility name", { { "/voorziening/naam", "\"\"" } } },
  { "empty registration number", { { "/voorziening/erkenningsnummer", "\"\"" } } },
  { "negative recognised capacity", { { "/voorziening/erkende_capaciteit", "-1" } } },
  { "unknown room type", { { "/luik2/0/kamertype", "\"suite\"" } } },
  { "unknown status", { { "/status", "\"verzonden\"" } } },
  { "last year's null price", { { "/vorig_jaar/luik1/0/prijs_cent", "null" } } },
  { "last year's zero capacity", { { "/vorig_jaar/luik2/0/capaciteit", "0" } } },
  { "no lines at all", { { "/luik1", "[]" }, { "/luik2", "[]" } } },
  { "lines not a list", { { "/luik1", "{}" } } },
  { "description not a string", { { "/luik1/1/beschrijving", "42" } } },
};

static void
apply_edit (JsonNode   *root,
            const Edit *edit)
{
  g_auto(GStrv) steps = g_strsplit (edit->pointer + 1, "/", -1);
  guint n = g_strv_length (steps);
  JsonNode *node = root;
  JsonObject *parent;

  for (guint i = 0; i + 1 < n; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node),
                                       (guint) g_ascii_strtoull (steps[i], NULL, 10));
      else
        node = json_object_get_member (json_node_get_object (node), steps[i]);
      g_assert_nonnull (node);
    }

  parent = json_node_get_object (node);
  if (edit->json == NULL)
    json_object_remove_member (parent, steps[n - 1]);
  else
    {
      g_autoptr(GError) error = NULL;
      JsonNode *value = json_from_string (edit->json, &error);

      g_assert_no_error (error);
      json_object_set_member (parent, steps[n - 1], value);
    }
}

static void
test_edits (void)
{
  g_autoptr(JsonNode) schema = load_schema ();
  g_autofree char *demo = g_build_filename (g_getenv ("DAGPRIJZEN_SOURCE_DIR"), "data",
                                            "demo-dossier.json", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonNode *root;

      json_parser_load_from_file (parser, demo, &error);
      g_assert_no_error (error);
      root = json_parser_get_root (parser);
      for (guint e = 0; e < G_N_ELEMENTS (cases[i].edits) && cases[i].edits[e].pointer; e++)
        apply_edit (root, &cases[i].edits[e]);

      assert_same_verdict (schema, root, cases[i].name);
    }
}

/* The one place where they cannot agree: JSON Schema's data model has no difference between
 * 60 and 60.0, so "type": "integer" accepts 60.0; the loader refuses any number written with
 * a fraction or an exponent, so that no amount ever passes through a double. */
static void
test_known_difference (void)
{
  g_autoptr(JsonNode) schema = load_schema ();
  g_autofree char *demo = g_build_filename (g_getenv ("DAGPRIJZEN_SOURCE_DIR"), "data",
                                            "demo-dossier.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  const Edit edit = { "/luik1/0/capaciteit", "60.0" };

  json_parser_load_from_file (parser, demo, &error);
  g_assert_no_error (error);
  apply_edit (json_parser_get_root (parser), &edit);

  g_assert_true (schema_accepts (schema, json_parser_get_root (parser), &why));
  dossier = dp_format_load_node (json_parser_get_root (parser), &error);
  g_assert_null (dossier);
  g_assert_error (error, DP_FORMAT_ERROR, DP_FORMAT_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/schema/sane", test_schema_is_sane);
  g_test_add_func ("/schema/same-verdict/files", test_files);
  g_test_add_func ("/schema/same-verdict/edits", test_edits);
  g_test_add_func ("/schema/known-difference", test_known_difference);

  return g_test_run ();
}
