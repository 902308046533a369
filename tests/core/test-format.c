/* test-format.c: the JSON format version 1: exact round trips and every refusal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dagprijzen-core.h"
#include "dp-test-common.h"

static char *
source_path (const char *relative)
{
  const char *root = g_getenv ("DAGPRIJZEN_SOURCE_DIR");

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}

static char *
read_source_file (const char *relative,
                  gsize      *out_length)
{
  g_autofree char *path = source_path (relative);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, out_length, &error);
  g_assert_no_error (error);
  return contents;
}

static DpDossier *
load_source_file (const char *relative)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  DpDossier *dossier;

  contents = read_source_file (relative, &length);
  dossier = dp_format_load_data (contents, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dossier);
  return dossier;
}

/* Load then save gives back the very bytes of a file in the writer's layout. */
static void
assert_round_trip (const char *relative)
{
  g_autofree char *contents = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(DpDossier) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  gsize saved_length;

  g_test_message ("round trip of %s", relative);
  contents = read_source_file (relative, &length);
  dossier = dp_format_load_data (contents, (gssize) length, &error);
  g_assert_no_error (error);

  saved = dp_format_save_data (dossier, &saved_length);
  g_assert_cmpuint (saved_length, ==, strlen (saved));
  g_assert_cmpstr (saved, ==, contents);

  reloaded = dp_format_load_data (saved, (gssize) saved_length, &error);
  g_assert_no_error (error);
  saved_again = dp_format_save_data (reloaded, NULL);
  g_assert_cmpstr (saved_again, ==, saved);
}

static void
test_round_trip_files (void)
{
  const char *files[] = {
    "data/demo-dossier.json",
    "tests/data/valid-good.json",
    "tests/data/valid-warnings.json",
    "tests/data/valid-errors.json",
    "tests/data/valid-submitted.json",
    "tests/data/valid-empty.json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    assert_round_trip (files[i]);
}

static void
test_demo_model (void)
{
  g_autoptr(DpDossier) dossier = load_source_file ("data/demo-dossier.json");
  DpCampaign *campaign = dp_dossier_get_campaign (dossier);
  DpFacility *facility = dp_dossier_get_facility (dossier);
  GListModel *part2 = dp_dossier_get_lines (dossier, DP_PART_2);
  g_autoptr(DpLine) double_room = g_list_model_get_item (part2, 1);
  g_autoptr(DpLine) first = g_list_model_get_item (dp_dossier_get_lines (dossier, DP_PART_1), 0);
  g_autofree char *measurement = dp_date_to_iso (dp_campaign_get_measurement_date (campaign));
  GListModel *findings = dp_dossier_get_findings (dossier);

  g_assert_cmpuint (dp_campaign_get_year (campaign), ==, 2025);
  g_assert_cmpstr (measurement, ==, "2025-05-01");
  g_assert_cmpint (dp_campaign_get_discount (campaign), ==, 629);
  g_assert_cmpstr (dp_facility_get_registration_number (facility), ==, "PE-1234");
  g_assert_cmpstr (dp_facility_get_name (facility), ==, "WZC De Linde");
  g_assert_cmpuint (dp_facility_get_recognised_capacity (facility), ==, 120);
  g_assert_cmpint (dp_dossier_get_status (dossier), ==, DP_STATUS_DRAFT);
  g_assert_null (dp_dossier_get_submitted_at (dossier));
  g_assert_null (dp_dossier_get_reference (dossier));

  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_lines (dossier, DP_PART_1)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (part2), ==, 2);
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 118);

  /* The handleiding's example: three double rooms at 45 euro, in Luik 2: net 38,71. */
  g_assert_cmpint (dp_line_get_room_type (double_room), ==, DP_ROOM_TYPE_DOUBLE);
  g_assert_cmpuint (dp_line_get_capacity (double_room), ==, 6);
  g_assert_cmpint (dp_line_get_price (double_room), ==, 4500);
  g_assert_cmpint (dp_line_get_net_price (double_room), ==, 3871);
  g_assert_cmpint (dp_line_get_previous_price (double_room), ==, 4400);
  g_assert_cmpint (dp_line_get_previous_price (first), ==, 7100);

  /* A realistic demo: a couple of warnings, no error. */
  g_assert_cmpuint (dp_dossier_get_n_errors (dossier), ==, 0);
  g_assert_cmpuint (dp_dossier_get_n_warnings (dossier), >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==,
                    dp_dossier_get_n_warnings (dossier));
}

/* A dossier built through the API (awkward text included) is written, read and written
 * again to the same bytes. */
static void
test_round_trip_built (void)
{
  g_autoptr(DpCampaign) campaign = dp_campaign_new_for_year (2024);
  g_autoptr(DpFacility) facility = dp_facility_new ("VZB-77", "WZC \"Ter Heide\" \\ Oost",
                                                    42);
  g_autoptr(DpDossier) dossier = dp_dossier_new (campaign, facility);
  g_autoptr(DpDossier) reloaded = NULL;
  g_autoptr(GListStore) previous = g_list_store_new (DP_TYPE_LINE);
  g_autoptr(DpLine) empty = dp_line_new (DP_ROOM_TYPE_SINGLE, "", 0, DP_CENTS_NONE);
  g_autoptr(DpLine) odd = dp_line_new (DP_ROOM_TYPE_DOUBLE, "tab\there\nnew line \x01 é ☂",
                                       4, 6000);
  g_autoptr(DpLine) old = dp_line_new (DP_ROOM_TYPE_DOUBLE, "tab\there\nnew line \x01 é ☂",
                                       4, 5800);
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (-5 * 3600 - 30 * 60);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  g_autofree char *draft = NULL;

  dp_dossier_append_line (dossier, DP_PART_1, empty);
  dp_dossier_append_line (dossier, DP_PART_2, odd);
  g_list_store_append (previous, old);
  dp_dossier_set_previous_lines (dossier, DP_PART_2, G_LIST_MODEL (previous));

  draft = dp_format_save_data (dossier, NULL);
  g_assert_true (g_str_has_suffix (draft, "}\n"));
  g_assert_nonnull (strstr (draft, "\"prijs_cent\": null"));
  g_assert_nonnull (strstr (draft, "\"capaciteit\": 0,"));
  g_assert_nonnull (strstr (draft, "\"beschrijving\": \"tab\\there\\nnew line \\u0001 é ☂\""));
  g_assert_nonnull (strstr (draft, "\"naam\": \"WZC \\\"Ter Heide\\\" \\\\ Oost\""));
  g_assert_nonnull (strstr (draft, "\"korting_infrastructuurforfait_cent\": 607"));

  reloaded = dp_format_load_data (draft, -1, &error);
  g_assert_no_error (error);
  saved_again = dp_format_save_data (reloaded, NULL);
  g_assert_cmpstr (saved_again, ==, draft);
  g_clear_object (&reloaded);
  g_clear_pointer (&saved_again, g_free);

  /* Submitted, at a time with an odd offset: the offset survives the trip. */
  dp_line_set_capacity (empty, 2);
  dp_line_set_price (empty, 7000);
  at = g_date_time_new (tz, 2024, 5, 30, 23, 59, 58);
  dp_dossier_mark_submitted (dossier, at, "MDP-2024-VZB-77-0001");
  saved = dp_format_save_data (dossier, NULL);
  g_assert_nonnull (strstr (saved, "\"ingediend_op\": \"2024-05-30T23:59:58-05:30\""));
  g_assert_nonnull (strstr (saved, "\"status\": \"ingediend\""));

  reloaded = dp_format_load_data (saved, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dp_dossier_get_status (reloaded), ==, DP_STATUS_SUBMITTED);
  g_assert_cmpstr (dp_dossier_get_reference (reloaded), ==, "MDP-2024-VZB-77-0001");
  g_assert_true (g_date_time_equal (dp_dossier_get_submitted_at (reloaded), at));
  saved_again = dp_format_save_data (reloaded, NULL);
  g_assert_cmpstr (saved_again, ==, saved);
}

typedef struct {
  const char *file;
  gint        code;
  const char *message;
} Refusal;

/* Every file of tests/data that the loader refuses, with its exact message. */
static const Refusal refusals[] = {
  { "broken-empty.json", DP_FORMAT_ERROR_INVALID, "document: empty" },
  { "invalid-capaciteit-text.json", DP_FORMAT_ERROR_INVALID,
    "luik2[3].capaciteit: expected a whole number, found \"six\"" },
  { "invalid-newer-version.json", DP_FORMAT_ERROR_VERSION,
    "versie: version 2 of the format is newer than this program reads (version 1): "
    "update Dagprijzen" },
  { "invalid-unknown-key.json", DP_FORMAT_ERROR_INVALID,
    "luik1[0].capacitiet: unknown key (expected kamertype, beschrijving, capaciteit, "
    "prijs_cent)" },
  { "invalid-fraction.json", DP_FORMAT_ERROR_INVALID,
    "luik1[1].prijs_cent: expected an amount in cents from 0 to 99999999999 or null, "
    "found 7890.5" },
  { "invalid-negative.json", DP_FORMAT_ERROR_INVALID,
    "luik2[0].capaciteit: expected a whole number from 0 to 100000, found -2" },
  { "invalid-kamertype.json", DP_FORMAT_ERROR_INVALID,
    "luik1[2].kamertype: expected \"eenpersoonskamer\" or \"tweepersoonskamer\", "
    "found \"driepersoonskamer\"" },
  { "invalid-submitted-null-price.json", DP_FORMAT_ERROR_INVALID,
    "luik2[1].brutoprijs_cent: expected an amount in cents from 0 to 99999999999, "
    "found null" },
  { "invalid-submitted-no-reference.json", DP_FORMAT_ERROR_INVALID,
    "referentie: expected a non-empty string, found null" },
  { "invalid-submitted-bad-time.json", DP_FORMAT_ERROR_INVALID,
    "ingediend_op: expected a date and time with offset as YYYY-MM-DDTHH:MM:SS+HH:MM, "
    "found \"2025-05-20 10:15\"" },
  { "invalid-date.json", DP_FORMAT_ERROR_INVALID,
    "campagne.meetdatum: expected a date as YYYY-MM-DD, found \"2025-02-30\"" },
  { "invalid-status.json", DP_FORMAT_ERROR_INVALID,
    "status: expected \"ontwerp\" or \"ingediend\", found \"verzonden\"" },
  { "invalid-missing-key.json", DP_FORMAT_ERROR_INVALID, "vorig_jaar: missing" },
  { "invalid-formaat.json", DP_FORMAT_ERROR_INVALID,
    "formaat: expected \"dagprijzen-meting\", found \"dagprijzen\"" },
  { "invalid-previous-null-price.json", DP_FORMAT_ERROR_INVALID,
    "vorig_jaar.luik1[0].prijs_cent: expected an amount in cents from 0 to 99999999999, "
    "found null" },
  { "invalid-draft-with-reference.json", DP_FORMAT_ERROR_INVALID,
    "referentie: expected null in a draft, found \"MDP-2025-PE-1234-0004\"" },
  { "invalid-luik2-price-key.json", DP_FORMAT_ERROR_INVALID,
    "luik2[0].prijs_cent: unknown key (expected kamertype, beschrijving, capaciteit, "
    "brutoprijs_cent)" },
  { "invalid-not-object.json", DP_FORMAT_ERROR_INVALID,
    "document: expected an object, found a list" },
};

static void
test_refusals_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *relative = g_build_filename ("tests", "data", refusals[i].file, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(DpDossier) dossier = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      g_test_message ("refusal of %s", refusals[i].file);
      contents = read_source_file (relative, &length);
      dossier = dp_format_load_data (contents, (gssize) length, &error);
      g_assert_null (dossier);
      g_assert_error (error, DP_FORMAT_ERROR, refusals[i].code);
      g_assert_cmpstr (error->message, ==, refusals[i].message);
    }
}

/* Every file of tests/data named invalid-* or broken-* is in the table above. */
static void
test_refusals_cover_files (void)
{
  g_autofree char *dir_path = source_path ("tests/data");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_refused = 0;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;

      if (!g_str_has_prefix (name, "invalid-") && !g_str_has_prefix (name, "broken-"))
        continue;
      if (g_str_equal (name, "broken-truncated.json"))
        continue;  /* syntax: see test_syntax */
      for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
        listed |= g_str_equal (refusals[i].file, name);
      if (!listed)
        g_error ("%s is not in the table of refusals", name);
      n_refused++;
    }
  g_assert_cmpuint (n_refused, ==, G_N_ELEMENTS (refusals));
}

static void
test_syntax (void)
{
  g_autofree char *contents = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  contents = read_source_file ("tests/data/broken-truncated.json", &length);
  dossier = dp_format_load_data (contents, (gssize) length, &error);
  g_assert_null (dossier);
  g_assert_error (error, DP_FORMAT_ERROR, DP_FORMAT_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "not JSON: "));
  g_clear_error (&error);

  dossier = dp_format_load_data ("{\"formaat\": ", -1, &error);
  g_assert_null (dossier);
  g_assert_error (error, DP_FORMAT_ERROR, DP_FORMAT_ERROR_SYNTAX);
  g_clear_error (&error);

  /* Not UTF-8. */
  dossier = dp_format_load_data ("{\"a\": \"\xff\"}", -1, &error);
  g_assert_null (dossier);
  g_assert_error (error, DP_FORMAT_ERROR, DP_FORMAT_ERROR_SYNTAX);
}

/* json-glib's parser recurses: nesting is bounded before it runs. */
static void
test_nesting (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *demo = read_source_file ("data/demo-dossier.json", NULL);
  g_autoptr(GString) brackets_in_text = g_string_new (demo);

  for (guint i = 0; i < 300000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 300000; i++)
    g_string_append_c (deep, ']');
  dossier = dp_format_load_data (deep->str, (gssize) deep->len, &error);
  g_assert_null (dossier);
  g_assert_error (error, DP_FORMAT_ERROR, DP_FORMAT_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==,
                   "not JSON that this program reads: nested more than 32 levels deep");
  g_clear_error (&error);

  /* Exactly DP_FORMAT_MAX_DEPTH levels parse (and are then not a dossier). */
  for (guint i = 0; i < DP_FORMAT_MAX_DEPTH; i++)
    g_string_append_c (ok, '[');
  for (guint i = 0; i < DP_FORMAT_MAX_DEPTH; i++)
    g_string_append_c (ok, ']');
  node = dp_format_parse_data (ok->str, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  g_string_prepend_c (ok, '[');
  g_string_append_c (ok, ']');
  g_assert_null (dp_format_parse_data (ok->str, -1, &error));
  g_assert_error (error, DP_FORMAT_ERROR, DP_FORMAT_ERROR_SYNTAX);
  g_clear_error (&error);

  /* Brackets and escaped quotes inside strings are text, not nesting. */
  g_string_replace (brackets_in_text, "\"Standaardkamer\"",
                    "\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ \\\" {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\"",
                    1);
  dossier = dp_format_load_data (brackets_in_text->str, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dossier);

  g_assert_null (dp_format_parse_data ("", 0, &error));
  g_assert_error (error, DP_FORMAT_ERROR, DP_FORMAT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "document: empty");
}

/* Replaces the first occurrence of @from in the demo by @to, loads it, and checks the
 * message. */
static void
assert_demo_edit_refused (const char *from,
                          const char *to,
                          gint        code,
                          const char *message)
{
  g_autofree char *contents = read_source_file ("data/demo-dossier.json", NULL);
  g_autoptr(GString) edited = g_string_new (contents);
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;

  g_test_message ("%s → %s", from, to);
  g_assert_cmpuint (g_string_replace (edited, from, to, 1), ==, 1);
  dossier = dp_format_load_data (edited->str, (gssize) edited->len, &error);
  g_assert_null (dossier);
  g_assert_error (error, DP_FORMAT_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_demo_edit_accepted (const char *from,
                           const char *to)
{
  g_autofree char *contents = read_source_file ("data/demo-dossier.json", NULL);
  g_autoptr(GString) edited = g_string_new (contents);
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_string_replace (edited, from, to, 1), ==, 1);
  dossier = dp_format_load_data (edited->str, (gssize) edited->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dossier);
}

#define SUBMITTED "\"status\": \"ingediend\",\n  \"ingediend_op\": \"2025-05-20T10:15:00Z\",\n" \
                  "  \"referentie\": \"R-1\","
#define DRAFT     "\"status\": \"ontwerp\",\n  \"ingediend_op\": null,\n  \"referentie\": null,"

static void
test_refusals_inline (void)
{
  /* Types and ranges, with the place first. */
  assert_demo_edit_refused ("\"capaciteit\": 60,", "\"capaciteit\": 6.5,",
                            DP_FORMAT_ERROR_INVALID,
                            "luik1[0].capaciteit: expected a whole number, found 6.5");
  assert_demo_edit_refused ("\"capaciteit\": 60,", "\"capaciteit\": 60.0,",
                            DP_FORMAT_ERROR_INVALID,
                            "luik1[0].capaciteit: expected a whole number, found 60.0");
  assert_demo_edit_refused ("\"capaciteit\": 60,", "\"capaciteit\": \"60\",",
                            DP_FORMAT_ERROR_INVALID,
                            "luik1[0].capaciteit: expected a whole number, found \"60\"");
  assert_demo_edit_refused ("\"capaciteit\": 60,", "\"capaciteit\": true,",
                            DP_FORMAT_ERROR_INVALID,
                            "luik1[0].capaciteit: expected a whole number, found true");
  assert_demo_edit_refused ("\"capaciteit\": 60,", "\"capaciteit\": null,",
                            DP_FORMAT_ERROR_INVALID,
                            "luik1[0].capaciteit: expected a whole number, found null");
  assert_demo_edit_refused ("\"capaciteit\": 60,", "\"capaciteit\": 100001,",
                            DP_FORMAT_ERROR_INVALID,
                            "luik1[0].capaciteit: expected a whole number from 0 to 100000, "
                            "found 100001");
  assert_demo_edit_refused ("\"prijs_cent\": 7250", "\"prijs_cent\": -1",
                            DP_FORMAT_ERROR_INVALID,
                            "luik1[0].prijs_cent: expected an amount in cents from 0 to "
                            "99999999999 or null, found -1");
  assert_demo_edit_refused ("\"prijs_cent\": 7250", "\"prijs_cent\": \"72,50\"",
                            DP_FORMAT_ERROR_INVALID,
                            "luik1[0].prijs_cent: expected an amount in cents from 0 to "
                            "99999999999 or null, found \"72,50\"");
  assert_demo_edit_refused ("\"prijs_cent\": 7250", "\"prijs_cent\": 100000000000",
                            DP_FORMAT_ERROR_INVALID,
                            "luik1[0].prijs_cent: expected an amount in cents from 0 to "
                            "99999999999 or null, found 100000000000");
  assert_demo_edit_refused ("\"brutoprijs_cent\": 4500", "\"brutoprijs_cent\": {}",
                            DP_FORMAT_ERROR_INVALID,
                            "luik2[1].brutoprijs_cent: expected an amount in cents from 0 to "
                            "99999999999 or null, found an object");
  assert_demo_edit_refused ("\"beschrijving\": \"\"", "\"beschrijving\": null",
                            DP_FORMAT_ERROR_INVALID,
                            "luik2[1].beschrijving: expected a string, found null");
  assert_demo_edit_refused ("\"kamertype\": \"tweepersoonskamer\"", "\"kamertype\": 2",
                            DP_FORMAT_ERROR_INVALID,
                            "luik1[2].kamertype: expected \"eenpersoonskamer\" or "
                            "\"tweepersoonskamer\", found 2");
}

static void
test_refusals_structure (void)
{
  /* A long string is quoted shortened. */
  assert_demo_edit_refused ("\"kamertype\": \"tweepersoonskamer\"",
                            "\"kamertype\": \"een kamer met een heel lange naam die niemand "
                            "wil lezen\"",
                            DP_FORMAT_ERROR_INVALID,
                            "luik1[2].kamertype: expected \"eenpersoonskamer\" or "
                            "\"tweepersoonskamer\", found \"een kamer met een heel lange naam "
                            "die ni…\"");
  assert_demo_edit_refused ("\"versie\": 1,", "\"versie\": 0,", DP_FORMAT_ERROR_INVALID,
                            "versie: expected 1, found 0");
  assert_demo_edit_refused ("\"versie\": 1,", "\"versie\": \"1\",", DP_FORMAT_ERROR_INVALID,
                            "versie: expected 1, found \"1\"");
  assert_demo_edit_refused ("\"versie\": 1,", "\"versie\": 1.5,", DP_FORMAT_ERROR_INVALID,
                            "versie: expected 1, found 1.5");
  assert_demo_edit_refused ("\"versie\": 1,", "\"versie\": 17, \"nieuw\": true,",
                            DP_FORMAT_ERROR_VERSION,
                            "versie: version 17 of the format is newer than this program reads "
                            "(version 1): update Dagprijzen");
  assert_demo_edit_refused ("\"formaat\": \"dagprijzen-meting\",", "", DP_FORMAT_ERROR_INVALID,
                            "formaat: missing: this is not a dagprijzen-meting document");
  assert_demo_edit_refused ("\"versie\": 1,", "", DP_FORMAT_ERROR_INVALID, "versie: missing");
  assert_demo_edit_refused ("\"versie\": 1,", "\"versie\": 1, \"opmerking\": \"x\",",
                            DP_FORMAT_ERROR_INVALID,
                            "opmerking: unknown key (expected formaat, versie, campagne, "
                            "voorziening, status, ingediend_op, referentie, luik1, luik2, "
                            "vorig_jaar)");
  assert_demo_edit_refused ("\"jaar\": 2025,", "\"jaar\": 2025, \"naam\": \"x\",",
                            DP_FORMAT_ERROR_INVALID,
                            "campagne.naam: unknown key (expected jaar, meetdatum, deadline, "
                            "korting_infrastructuurforfait_cent)");
  assert_demo_edit_refused ("\"jaar\": 2025,", "", DP_FORMAT_ERROR_INVALID,
                            "campagne.jaar: missing");
  assert_demo_edit_refused ("\"jaar\": 2025,", "\"jaar\": 1999,", DP_FORMAT_ERROR_INVALID,
                            "campagne.jaar: expected a whole number from 2000 to 9999, "
                            "found 1999");
  assert_demo_edit_refused ("\"deadline\": \"2025-05-31\"", "\"deadline\": \"31/05/2025\"",
                            DP_FORMAT_ERROR_INVALID,
                            "campagne.deadline: expected a date as YYYY-MM-DD, "
                            "found \"31/05/2025\"");
  assert_demo_edit_refused ("\"korting_infrastructuurforfait_cent\": 629",
                            "\"korting_infrastructuurforfait_cent\": 6.29",
                            DP_FORMAT_ERROR_INVALID,
                            "campagne.korting_infrastructuurforfait_cent: expected an amount in "
                            "cents from 0 to 99999999999, found 6.29");
  assert_demo_edit_refused ("\"naam\": \"WZC De Linde\"", "\"naam\": \"\"",
                            DP_FORMAT_ERROR_INVALID,
                            "voorziening.naam: expected a non-empty string, found \"\"");
  assert_demo_edit_refused ("\"erkende_capaciteit\": 120", "\"erkende_capaciteit\": -120",
                            DP_FORMAT_ERROR_INVALID,
                            "voorziening.erkende_capaciteit: expected a whole number from 0 to "
                            "100000, found -120");
  assert_demo_edit_refused ("\"luik1\": [", "\"luik1\": null, \"x\": [",
                            DP_FORMAT_ERROR_INVALID,
                            "x: unknown key (expected formaat, versie, campagne, voorziening, "
                            "status, ingediend_op, referentie, luik1, luik2, vorig_jaar)");
  assert_demo_edit_refused ("\"vorig_jaar\": {", "\"vorig_jaar\": {\"luik3\": [],",
                            DP_FORMAT_ERROR_INVALID,
                            "vorig_jaar.luik3: unknown key (expected luik1, luik2)");
  assert_demo_edit_refused ("\"ingediend_op\": null,",
                            "\"ingediend_op\": \"2025-05-20T10:15:00Z\",",
                            DP_FORMAT_ERROR_INVALID,
                            "ingediend_op: expected null in a draft, "
                            "found \"2025-05-20T10:15:00Z\"");
}

static void
test_draft_only (void)
{
  /* A draft may hold a zero capacity and a missing price ... */
  assert_demo_edit_accepted ("\"capaciteit\": 60,", "\"capaciteit\": 0,");
  assert_demo_edit_accepted ("\"prijs_cent\": 7250", "\"prijs_cent\": null");
  assert_demo_edit_accepted (DRAFT, SUBMITTED);

  /* ... a submitted dossier neither. */
  {
    g_autofree char *contents = read_source_file ("data/demo-dossier.json", NULL);
    g_autoptr(GString) edited = g_string_new (contents);
    g_autoptr(DpDossier) dossier = NULL;
    g_autoptr(GError) error = NULL;

    g_string_replace (edited, DRAFT, SUBMITTED, 1);
    g_string_replace (edited, "\"capaciteit\": 8,", "\"capaciteit\": 0,", 1);
    dossier = dp_format_load_data (edited->str, -1, &error);
    g_assert_error (error, DP_FORMAT_ERROR, DP_FORMAT_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==,
                     "luik1[2].capaciteit: expected a whole number from 1 to 100000, found 0");
    g_clear_error (&error);

    g_string_replace (edited, "\"capaciteit\": 0,", "\"capaciteit\": 8,", 1);
    g_string_replace (edited, "\"brutoprijs_cent\": 7480", "\"brutoprijs_cent\": null", 1);
    dossier = dp_format_load_data (edited->str, -1, &error);
    g_assert_error (error, DP_FORMAT_ERROR, DP_FORMAT_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==,
                     "luik2[0].brutoprijs_cent: expected an amount in cents from 0 to "
                     "99999999999, found null");
  }

  assert_demo_edit_refused (DRAFT,
                            "\"status\": \"ingediend\",\n  \"ingediend_op\": null,\n"
                            "  \"referentie\": \"R-1\",",
                            DP_FORMAT_ERROR_INVALID,
                            "ingediend_op: expected a date and time with offset as "
                            "YYYY-MM-DDTHH:MM:SS+HH:MM, found null");
  assert_demo_edit_refused (DRAFT,
                            "\"status\": \"ingediend\",\n  \"ingediend_op\": "
                            "\"2025-05-20T10:15:00\",\n  \"referentie\": \"R-1\",",
                            DP_FORMAT_ERROR_INVALID,
                            "ingediend_op: expected a date and time with offset as "
                            "YYYY-MM-DDTHH:MM:SS+HH:MM, found \"2025-05-20T10:15:00\"");
  assert_demo_edit_refused (DRAFT,
                            "\"status\": \"ingediend\",\n  \"ingediend_op\": "
                            "\"2025-05-20T10:15:00Z\",\n  \"referentie\": \"\",",
                            DP_FORMAT_ERROR_INVALID,
                            "referentie: expected a non-empty string, found \"\"");
}

static void
test_file_io (void)
{
  g_autoptr(DpDossier) dossier = load_source_file ("data/demo-dossier.json");
  g_autoptr(DpDossier) loaded = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dp-format-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/dagprijzen.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = read_source_file ("data/demo-dossier.json", NULL);
  g_autofree char *written = NULL;

  g_assert_true (dp_format_save_file (dossier, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, &error));
  g_assert_cmpstr (written, ==, expected);

  /* Overwriting replaces the file whole. */
  {
    g_autoptr(DpLine) line = g_list_model_get_item (dp_dossier_get_lines (dossier, DP_PART_1), 0);
    dp_line_set_price (line, 7300);
  }
  g_assert_true (dp_format_save_file (dossier, file, NULL, &error));
  loaded = dp_format_load_file (file, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(DpLine) line = g_list_model_get_item (dp_dossier_get_lines (loaded, DP_PART_1), 0);
    g_assert_cmpint (dp_line_get_price (line), ==, 7300);
  }

  g_assert_null (dp_format_load_file (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_findings (void)
{
  g_autoptr(DpDossier) dossier = load_source_file ("tests/data/valid-errors.json");
  GListModel *live = dp_dossier_get_findings (dossier);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) parsed_wrapped = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) wrapper = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *array_text = NULL;
  JsonObject *first;
  gboolean saw_missing_price = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (live); i++)
    g_ptr_array_add (findings, g_list_model_get_item (live, i));
  g_assert_cmpuint (findings->len, >=, 5);

  node = dp_format_findings_to_node (findings, dossier);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, findings->len);
  first = json_array_get_object_element (json_node_get_array (node), 0);
  g_assert_true (json_object_has_member (first, "code"));
  g_assert_true (json_object_has_member (first, "ernst"));
  g_assert_true (json_object_has_member (first, "pad"));
  g_assert_true (json_object_has_member (first, "bericht"));
  g_assert_cmpuint (json_object_get_size (first), ==, 4);

  parsed = dp_format_findings_from_node (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, findings->len);
  for (guint i = 0; i < findings->len; i++)
    {
      DpFinding *a = g_ptr_array_index (findings, i);
      DpFinding *b = g_ptr_array_index (parsed, i);
      g_autofree char *path_a = dp_finding_dup_path (a, dossier);
      g_autofree char *path_b = dp_finding_dup_path (b, NULL);

      g_assert_cmpstr (dp_finding_get_code (a), ==, dp_finding_get_code (b));
      g_assert_cmpint (dp_finding_get_severity (a), ==, dp_finding_get_severity (b));
      g_assert_cmpstr (dp_finding_get_message (a), ==, dp_finding_get_message (b));
      g_assert_cmpstr (path_a, ==, path_b);
      if (g_str_equal (dp_finding_get_code (b), DP_CHECK_PRIJS_ONTBREEKT))
        {
          g_assert_cmpstr (path_b, ==, "luik1[1].prijs_cent");
          g_assert_cmpint (dp_finding_get_severity (b), ==, DP_SEVERITY_ERROR);
          saw_missing_price = TRUE;
        }
    }
  g_assert_true (saw_missing_price);

  /* The service's 422 body, whole. */
  array_text = json_to_string (node, FALSE);
  text = g_strdup_printf ("{\"bevindingen\": %s}", array_text);
  wrapper = json_from_string (text, &error);
  g_assert_no_error (error);
  parsed_wrapped = dp_format_findings_from_node (wrapper, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed_wrapped->len, ==, findings->len);
}

static void
assert_findings_refused (const char *json,
                         const char *message)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  findings = dp_format_findings_from_node (node, &error);
  g_assert_null (findings);
  g_assert_error (error, DP_FORMAT_ERROR, DP_FORMAT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_findings_refused (void)
{
  assert_findings_refused ("[{\"code\": \"x\", \"ernst\": \"ernstig\", \"pad\": \"\", "
                           "\"bericht\": \"m\"}]",
                           "[0].ernst: expected \"fout\" or \"waarschuwing\", "
                           "found \"ernstig\"");
  assert_findings_refused ("{\"bevindingen\": [{\"code\": \"x\", \"ernst\": \"fout\", "
                           "\"pad\": \"luik3[0]\", \"bericht\": \"m\"}]}",
                           "bevindingen[0].pad: expected a path such as "
                           "\"luik2[3].capaciteit\" or \"\", found \"luik3[0]\"");
  assert_findings_refused ("{\"bevindingen\": [{\"code\": \"x\", \"ernst\": \"fout\", "
                           "\"pad\": \"\"}]}",
                           "bevindingen[0].bericht: missing");
  assert_findings_refused ("{\"fouten\": []}",
                           "fouten: unknown key (expected bevindingen)");
  assert_findings_refused ("3", "document: expected a list of findings, found 3");
}

/* Two loads of one file are the same document; one edit, undone, makes it the same again. */
static void
test_same_document (void)
{
  g_autoptr(DpDossier) a = load_source_file ("data/demo-dossier.json");
  g_autoptr(DpDossier) b = load_source_file ("data/demo-dossier.json");
  DpLine *line = dp_test_line_at (b, DP_PART_2, 0);
  gint64 price = dp_line_get_price (line);

  g_assert_true (dp_format_same_document (a, b));
  dp_line_set_price (line, price + 1);
  g_assert_false (dp_format_same_document (a, b));
  g_assert_false (dp_format_same_document (b, a));
  dp_line_set_price (line, price);
  g_assert_true (dp_format_same_document (a, b));
  dp_line_set_description (line, "Andere beschrijving");
  g_assert_false (dp_format_same_document (a, b));
}

int
main (int    argc,
      char **argv)
{
  /* The messages compared here are the untranslated ones. */
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/format/round-trip/files", test_round_trip_files);
  g_test_add_func ("/format/round-trip/built", test_round_trip_built);
  g_test_add_func ("/format/load/demo", test_demo_model);
  g_test_add_func ("/format/refuse/files", test_refusals_files);
  g_test_add_func ("/format/refuse/all-files-listed", test_refusals_cover_files);
  g_test_add_func ("/format/refuse/syntax", test_syntax);
  g_test_add_func ("/format/refuse/values", test_refusals_inline);
  g_test_add_func ("/format/refuse/nesting", test_nesting);
  g_test_add_func ("/format/refuse/structure", test_refusals_structure);
  g_test_add_func ("/format/draft-only", test_draft_only);
  g_test_add_func ("/format/same-document", test_same_document);
  g_test_add_func ("/format/file", test_file_io);
  g_test_add_func ("/format/findings/round-trip", test_findings);
  g_test_add_func ("/format/findings/refused", test_findings_refused);

  return g_test_run ();
}
