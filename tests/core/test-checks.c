/* test-checks.c: every check code at its boundaries, live and incremental findings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "dagprijzen-core.h"
#include "dp-test-common.h"

static DpDossier *
new_dossier (guint recognised_capacity)
{
  g_autoptr(DpCampaign) campaign = dp_campaign_new_for_year (2025);
  g_autoptr(DpFacility) facility = dp_facility_new ("PE-1234", "WZC De Linde",
                                                    recognised_capacity);

  return dp_dossier_new (campaign, facility);
}

/* The number of live findings with @code, and with @path when not NULL. */
static guint
count_findings (DpDossier  *dossier,
                const char *code,
                const char *path)
{
  GListModel *findings = dp_dossier_get_findings (dossier);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(DpFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *finding_path = dp_finding_dup_path (finding, dossier);

      if (g_str_equal (dp_finding_get_code (finding), code)
          && (path == NULL || g_str_equal (finding_path, path)))
        n++;
    }
  return n;
}

static DpFinding *
get_finding (DpDossier  *dossier,
             const char *code)
{
  GListModel *findings = dp_dossier_get_findings (dossier);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      DpFinding *finding = g_list_model_get_item (findings, i);

      if (g_str_equal (dp_finding_get_code (finding), code))
        return finding;
      g_object_unref (finding);
    }
  return NULL;
}

#define assert_finding(d, code, path) g_assert_cmpuint (count_findings (d, code, path), ==, 1)
#define assert_no_finding(d, code) g_assert_cmpuint (count_findings (d, code, NULL), ==, 0)

static void
test_geen_lijnen (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (0);
  g_autoptr(DpFinding) finding = NULL;
  g_autofree char *path = NULL;

  assert_finding (dossier, DP_CHECK_GEEN_LIJNEN, "");
  finding = get_finding (dossier, DP_CHECK_GEEN_LIJNEN);
  g_assert_cmpint (dp_finding_get_severity (finding), ==, DP_SEVERITY_ERROR);
  g_assert_null (dp_finding_get_line (finding));
  path = dp_finding_dup_path (finding, dossier);
  g_assert_cmpstr (path, ==, "");

  dp_test_append (dossier, DP_PART_2, DP_ROOM_TYPE_SINGLE, "", 1, 5000);
  assert_no_finding (dossier, DP_CHECK_GEEN_LIJNEN);

  dp_dossier_remove_line (dossier, DP_PART_2, 0);
  assert_finding (dossier, DP_CHECK_GEEN_LIJNEN, "");
}

static void
test_capaciteit_ongeldig (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (10);
  g_autoptr(DpFinding) finding = NULL;
  DpLine *line = dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "", 0, 5000);

  assert_finding (dossier, DP_CHECK_CAPACITEIT_ONGELDIG, "luik1[0].capaciteit");
  finding = get_finding (dossier, DP_CHECK_CAPACITEIT_ONGELDIG);
  g_assert_true (dp_finding_get_line (finding) == line);
  g_assert_cmpint (dp_finding_get_field (finding), ==, DP_FIELD_CAPACITY);
  g_assert_cmpint (dp_finding_get_part (finding), ==, DP_PART_1);
  g_assert_nonnull (strstr (dp_finding_get_message (finding), "0"));

  dp_line_set_capacity (line, 1);
  assert_no_finding (dossier, DP_CHECK_CAPACITEIT_ONGELDIG);
  dp_line_set_capacity (line, 0);
  assert_finding (dossier, DP_CHECK_CAPACITEIT_ONGELDIG, "luik1[0].capaciteit");
}

static void
test_tweepersoonskamer_oneven (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (10);
  DpLine *line = dp_test_append (dossier, DP_PART_2, DP_ROOM_TYPE_DOUBLE, "", 3, 5000);

  assert_finding (dossier, DP_CHECK_TWEEPERSOONSKAMER_ONEVEN, "luik2[0].capaciteit");
  dp_line_set_capacity (line, 2);
  assert_no_finding (dossier, DP_CHECK_TWEEPERSOONSKAMER_ONEVEN);
  dp_line_set_capacity (line, 3);
  assert_finding (dossier, DP_CHECK_TWEEPERSOONSKAMER_ONEVEN, "luik2[0].capaciteit");
  /* A single room may have any capacity. */
  dp_line_set_room_type (line, DP_ROOM_TYPE_SINGLE);
  assert_no_finding (dossier, DP_CHECK_TWEEPERSOONSKAMER_ONEVEN);
  /* Zero is even: only capaciteit-ongeldig. */
  dp_line_set_room_type (line, DP_ROOM_TYPE_DOUBLE);
  dp_line_set_capacity (line, 0);
  assert_no_finding (dossier, DP_CHECK_TWEEPERSOONSKAMER_ONEVEN);
  assert_finding (dossier, DP_CHECK_CAPACITEIT_ONGELDIG, "luik2[0].capaciteit");
}

static void
test_prijs_ontbreekt (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (10);
  DpLine *a = dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "", 5, DP_CENTS_NONE);
  DpLine *b = dp_test_append (dossier, DP_PART_2, DP_ROOM_TYPE_SINGLE, "", 5, DP_CENTS_NONE);

  assert_finding (dossier, DP_CHECK_PRIJS_ONTBREEKT, "luik1[0].prijs_cent");
  assert_finding (dossier, DP_CHECK_PRIJS_ONTBREEKT, "luik2[0].brutoprijs_cent");
  dp_line_set_price (a, 1);
  dp_line_set_price (b, 5000);
  assert_no_finding (dossier, DP_CHECK_PRIJS_ONTBREEKT);
  /* Only prijs-ongeldig/onwaarschijnlijk speak of a present price. */
  assert_no_finding (dossier, DP_CHECK_PRIJS_ONGELDIG);
}

static void
test_prijs_ongeldig (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (10);
  DpLine *line = dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "", 10, 0);

  assert_finding (dossier, DP_CHECK_PRIJS_ONGELDIG, "luik1[0].prijs_cent");
  dp_line_set_price (line, -1);
  assert_finding (dossier, DP_CHECK_PRIJS_ONGELDIG, "luik1[0].prijs_cent");
  dp_line_set_price (line, 1);
  assert_no_finding (dossier, DP_CHECK_PRIJS_ONGELDIG);
  dp_line_set_price (line, 100000);
  assert_no_finding (dossier, DP_CHECK_PRIJS_ONGELDIG);
  dp_line_set_price (line, 100001);
  assert_finding (dossier, DP_CHECK_PRIJS_ONGELDIG, "luik1[0].prijs_cent");
  /* An invalid price is not also "unlikely". */
  assert_no_finding (dossier, DP_CHECK_PRIJS_ONWAARSCHIJNLIJK);
  dp_line_set_price (line, DP_CENTS_NONE);
  assert_no_finding (dossier, DP_CHECK_PRIJS_ONGELDIG);
}

static void
test_nettoprijs_niet_positief (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (10);
  g_autoptr(DpFinding) finding = NULL;
  DpLine *line = dp_test_append (dossier, DP_PART_2, DP_ROOM_TYPE_SINGLE, "", 10, 629);

  /* 2025: the discount is 6,29. Gross 6,29 leaves 0,00 net. */
  assert_finding (dossier, DP_CHECK_NETTOPRIJS_NIET_POSITIEF, "luik2[0].brutoprijs_cent");
  finding = get_finding (dossier, DP_CHECK_NETTOPRIJS_NIET_POSITIEF);
  g_assert_nonnull (strstr (dp_finding_get_message (finding), "6.29"));
  dp_line_set_price (line, 630);
  assert_no_finding (dossier, DP_CHECK_NETTOPRIJS_NIET_POSITIEF);
  dp_line_set_price (line, 500);
  assert_finding (dossier, DP_CHECK_NETTOPRIJS_NIET_POSITIEF, "luik2[0].brutoprijs_cent");

  /* Luik 1 has no discount. */
  dp_dossier_move_line (dossier, DP_PART_2, 0);
  assert_no_finding (dossier, DP_CHECK_NETTOPRIJS_NIET_POSITIEF);
  dp_dossier_move_line (dossier, DP_PART_1, 0);
  assert_finding (dossier, DP_CHECK_NETTOPRIJS_NIET_POSITIEF, "luik2[0].brutoprijs_cent");
}

static void
test_capaciteit_erkend (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (120);
  g_autoptr(DpFinding) finding = NULL;
  DpLine *a = dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "", 100, 7250);
  DpLine *b = dp_test_append (dossier, DP_PART_2, DP_ROOM_TYPE_DOUBLE, "", 20, 4500);

  assert_no_finding (dossier, DP_CHECK_CAPACITEIT_BOVEN_ERKEND);
  assert_no_finding (dossier, DP_CHECK_CAPACITEIT_ONDER_ERKEND);

  dp_line_set_capacity (a, 101);
  assert_finding (dossier, DP_CHECK_CAPACITEIT_BOVEN_ERKEND, "");
  assert_no_finding (dossier, DP_CHECK_CAPACITEIT_ONDER_ERKEND);
  finding = get_finding (dossier, DP_CHECK_CAPACITEIT_BOVEN_ERKEND);
  g_assert_cmpint (dp_finding_get_severity (finding), ==, DP_SEVERITY_ERROR);
  g_assert_nonnull (strstr (dp_finding_get_message (finding), "121"));
  g_assert_nonnull (strstr (dp_finding_get_message (finding), "120"));
  g_clear_object (&finding);

  dp_line_set_capacity (a, 99);
  assert_no_finding (dossier, DP_CHECK_CAPACITEIT_BOVEN_ERKEND);
  assert_finding (dossier, DP_CHECK_CAPACITEIT_ONDER_ERKEND, "");
  finding = get_finding (dossier, DP_CHECK_CAPACITEIT_ONDER_ERKEND);
  g_assert_cmpint (dp_finding_get_severity (finding), ==, DP_SEVERITY_WARNING);
  g_assert_nonnull (strstr (dp_finding_get_message (finding), "119"));

  dp_line_set_capacity (b, 21);
  assert_no_finding (dossier, DP_CHECK_CAPACITEIT_ONDER_ERKEND);
  assert_no_finding (dossier, DP_CHECK_CAPACITEIT_BOVEN_ERKEND);
}

static void
test_dubbele_lijn (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (10);
  DpLine *a = dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "Standaard", 1, 5000);
  DpLine *b = dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "Balkon", 1, 6000);
  DpLine *c = dp_test_append (dossier, DP_PART_2, DP_ROOM_TYPE_SINGLE, "Standaard", 1, 5000);
  DpLine *d = dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_DOUBLE, "Standaard", 2, 5000);

  /* Same kind in another Luik, or another room type: no duplicate. */
  assert_no_finding (dossier, DP_CHECK_DUBBELE_LIJN);

  dp_line_set_description (b, " standaard ");
  assert_finding (dossier, DP_CHECK_DUBBELE_LIJN, "luik1[0].beschrijving");
  assert_finding (dossier, DP_CHECK_DUBBELE_LIJN, "luik1[1].beschrijving");
  g_assert_cmpuint (count_findings (dossier, DP_CHECK_DUBBELE_LIJN, NULL), ==, 2);

  /* A third joins; one leaves; the last two stay flagged; one more leaves: none. */
  dp_line_set_room_type (d, DP_ROOM_TYPE_SINGLE);
  g_assert_cmpuint (count_findings (dossier, DP_CHECK_DUBBELE_LIJN, NULL), ==, 3);
  dp_line_set_description (a, "Anders");
  g_assert_cmpuint (count_findings (dossier, DP_CHECK_DUBBELE_LIJN, NULL), ==, 2);
  assert_finding (dossier, DP_CHECK_DUBBELE_LIJN, "luik1[2].beschrijving");
  dp_dossier_remove_line (dossier, DP_PART_1, 1);
  assert_no_finding (dossier, DP_CHECK_DUBBELE_LIJN);

  /* Moving the Luik 2 line into Luik 1 makes a pair again. */
  dp_dossier_move_line (dossier, DP_PART_2, 0);
  assert_finding (dossier, DP_CHECK_DUBBELE_LIJN, "luik1[1].beschrijving");
  assert_finding (dossier, DP_CHECK_DUBBELE_LIJN, "luik1[2].beschrijving");
  (void) c;
}

static void
test_prijs_per_kamer_vermoeden (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (10);
  DpLine *single = dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "", 1, 4500);
  DpLine *twin = dp_test_append (dossier, DP_PART_2, DP_ROOM_TYPE_DOUBLE, "", 2, 7199);
  DpLine *other;

  /* Median 45,00: 1,6 × 45,00 = 72,00. */
  assert_no_finding (dossier, DP_CHECK_PRIJS_PER_KAMER_VERMOEDEN);
  dp_line_set_price (twin, 7200);
  assert_finding (dossier, DP_CHECK_PRIJS_PER_KAMER_VERMOEDEN, "luik2[0].brutoprijs_cent");

  /* The median moves up: the verdict follows. */
  dp_line_set_price (single, 4501);
  assert_no_finding (dossier, DP_CHECK_PRIJS_PER_KAMER_VERMOEDEN);
  dp_line_set_price (single, 4500);
  assert_finding (dossier, DP_CHECK_PRIJS_PER_KAMER_VERMOEDEN, NULL);

  /* An even count takes the lower middle: 40,00 and 50,00 give 40,00, threshold 64,00. */
  dp_line_set_price (single, 4000);
  other = dp_test_append (dossier, DP_PART_2, DP_ROOM_TYPE_SINGLE, "b", 1, 5000);
  dp_line_set_price (twin, 6399);
  assert_no_finding (dossier, DP_CHECK_PRIJS_PER_KAMER_VERMOEDEN);
  dp_line_set_price (twin, 6400);
  assert_finding (dossier, DP_CHECK_PRIJS_PER_KAMER_VERMOEDEN, NULL);

  /* A third single room at 60,00: the median is now 50,00 (threshold 80,00). */
  dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "c", 1, 6000);
  assert_no_finding (dossier, DP_CHECK_PRIJS_PER_KAMER_VERMOEDEN);

  /* Without single rooms there is no median and no verdict. */
  dp_dossier_remove_line (dossier, DP_PART_1, 1);
  dp_line_set_room_type (other, DP_ROOM_TYPE_DOUBLE);
  dp_line_set_room_type (single, DP_ROOM_TYPE_DOUBLE);
  dp_line_set_price (twin, 99999);
  assert_no_finding (dossier, DP_CHECK_PRIJS_PER_KAMER_VERMOEDEN);

  /* A single room appears: every double room at or above 1,6 × its price is flagged. */
  dp_line_set_room_type (single, DP_ROOM_TYPE_SINGLE);
  dp_line_set_price (single, 3000);
  /* twin 999,99 ≥ 48,00 and other 50,00 ≥ 48,00 */
  g_assert_cmpuint (count_findings (dossier, DP_CHECK_PRIJS_PER_KAMER_VERMOEDEN, NULL), ==, 2);
}

static void
test_prijs_onwaarschijnlijk (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (10);
  DpLine *line = dp_test_append (dossier, DP_PART_2, DP_ROOM_TYPE_SINGLE, "", 10, 2999);
  g_autoptr(DpFinding) finding = NULL;

  assert_finding (dossier, DP_CHECK_PRIJS_ONWAARSCHIJNLIJK, "luik2[0].brutoprijs_cent");
  finding = get_finding (dossier, DP_CHECK_PRIJS_ONWAARSCHIJNLIJK);
  g_assert_cmpint (dp_finding_get_severity (finding), ==, DP_SEVERITY_WARNING);
  g_assert_nonnull (strstr (dp_finding_get_message (finding), "29.99"));
  dp_line_set_price (line, 3000);
  assert_no_finding (dossier, DP_CHECK_PRIJS_ONWAARSCHIJNLIJK);
  dp_line_set_price (line, 25000);
  assert_no_finding (dossier, DP_CHECK_PRIJS_ONWAARSCHIJNLIJK);
  dp_line_set_price (line, 25001);
  assert_finding (dossier, DP_CHECK_PRIJS_ONWAARSCHIJNLIJK, "luik2[0].brutoprijs_cent");
}

static void
test_prijswijziging_groot (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (10);
  g_autoptr(GListStore) previous = g_list_store_new (DP_TYPE_LINE);
  g_autoptr(DpLine) last_year = dp_line_new (DP_ROOM_TYPE_SINGLE, "Standaard", 10, 5000);
  DpLine *line = dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "Standaard", 10, 5501);

  /* No previous year: nothing to compare with. */
  assert_no_finding (dossier, DP_CHECK_PRIJSWIJZIGING_GROOT);

  g_list_store_append (previous, last_year);
  dp_dossier_set_previous_lines (dossier, DP_PART_1, G_LIST_MODEL (previous));
  assert_finding (dossier, DP_CHECK_PRIJSWIJZIGING_GROOT, "luik1[0].prijs_cent");
  dp_line_set_price (line, 5500);   /* exactly 10 %: not more */
  assert_no_finding (dossier, DP_CHECK_PRIJSWIJZIGING_GROOT);
  dp_line_set_price (line, 4500);
  assert_no_finding (dossier, DP_CHECK_PRIJSWIJZIGING_GROOT);
  dp_line_set_price (line, 4499);
  assert_finding (dossier, DP_CHECK_PRIJSWIJZIGING_GROOT, "luik1[0].prijs_cent");

  /* Another description: no match, no verdict. */
  dp_line_set_description (line, "Nieuw");
  assert_no_finding (dossier, DP_CHECK_PRIJSWIJZIGING_GROOT);
  dp_line_set_description (line, "STANDAARD");
  assert_finding (dossier, DP_CHECK_PRIJSWIJZIGING_GROOT, "luik1[0].prijs_cent");
}

static void
test_indientermijn (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (10);
  g_autoptr(GPtrArray) on_time = NULL;
  g_autoptr(GPtrArray) late = NULL;
  GDate today;

  dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "", 10, 5000);
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_findings (dossier)), ==, 0);

  g_assert_true (dp_date_from_iso ("2025-05-31", &today));
  on_time = dp_dossier_check_submission (dossier, &today);
  g_assert_cmpuint (on_time->len, ==, 0);

  g_assert_true (dp_date_from_iso ("2025-06-01", &today));
  late = dp_dossier_check_submission (dossier, &today);
  g_assert_cmpuint (late->len, ==, 1);
  g_assert_cmpstr (dp_finding_get_code (g_ptr_array_index (late, 0)), ==,
                   DP_CHECK_INDIENTERMIJN_VERSTREKEN);
  g_assert_cmpint (dp_finding_get_severity (g_ptr_array_index (late, 0)), ==, DP_SEVERITY_ERROR);
  g_assert_nonnull (strstr (dp_finding_get_message (g_ptr_array_index (late, 0)), "31 May 2025"));
  /* Never part of the live findings. */
  assert_no_finding (dossier, DP_CHECK_INDIENTERMIJN_VERSTREKEN);

  /* The live findings come along, after it. */
  {
    g_autoptr(DpLine) line = g_list_model_get_item (dp_dossier_get_lines (dossier, DP_PART_1), 0);
    dp_line_set_capacity (line, 0);
  }
  g_clear_pointer (&late, g_ptr_array_unref);
  late = dp_dossier_check_submission (dossier, &today);
  g_assert_cmpuint (late->len, ==, 3);  /* + capaciteit-ongeldig, capaciteit-onder-erkend */
  g_assert_cmpstr (dp_finding_get_code (g_ptr_array_index (late, 0)), ==,
                   DP_CHECK_INDIENTERMIJN_VERSTREKEN);

  /* Without a day: the live findings alone, as a client that leaves the deadline to the
   * service's clock asks for them. */
  {
    g_autoptr(GPtrArray) live = dp_dossier_check_submission (dossier, NULL);

    g_assert_cmpuint (live->len, ==, 2);
    for (guint i = 0; i < live->len; i++)
      {
        g_autoptr(DpFinding) expected = g_list_model_get_item (dp_dossier_get_findings (dossier),
                                                               i);

        g_assert_true (g_ptr_array_index (live, i) == expected);
      }
  }
}

static void
test_paths_follow_lines (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (30);
  g_autoptr(DpFinding) finding = NULL;
  g_autofree char *path = NULL;
  DpLine *lines[3];

  for (guint i = 0; i < 3; i++)
    lines[i] = dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE,
                               (const char *[]) { "a", "b", "c" }[i], 10, 5000);
  dp_line_set_capacity (lines[2], 0);
  assert_finding (dossier, DP_CHECK_CAPACITEIT_ONGELDIG, "luik1[2].capaciteit");

  finding = get_finding (dossier, DP_CHECK_CAPACITEIT_ONGELDIG);

  dp_dossier_remove_line (dossier, DP_PART_1, 0);
  path = dp_finding_dup_path (finding, dossier);
  g_assert_cmpstr (path, ==, "luik1[1].capaciteit");
  g_clear_pointer (&path, g_free);

  {
    g_autoptr(DpLine) front = dp_line_new (DP_ROOM_TYPE_SINGLE, "z", 10, 5000);
    dp_dossier_insert_line (dossier, DP_PART_1, 0, front);
  }
  path = dp_finding_dup_path (finding, dossier);
  g_assert_cmpstr (path, ==, "luik1[2].capaciteit");
  g_clear_pointer (&path, g_free);

  dp_dossier_move_line (dossier, DP_PART_1, 2);
  assert_finding (dossier, DP_CHECK_CAPACITEIT_ONGELDIG, "luik2[0].capaciteit");

  /* A finding whose line left the dossier names its Luik only. */
  g_clear_object (&finding);
  finding = get_finding (dossier, DP_CHECK_CAPACITEIT_ONGELDIG);
  dp_dossier_remove_line (dossier, DP_PART_2, 0);
  assert_no_finding (dossier, DP_CHECK_CAPACITEIT_ONGELDIG);
  path = dp_finding_dup_path (finding, dossier);
  g_assert_cmpstr (path, ==, "luik2");
  g_clear_pointer (&path, g_free);

  /* The line is gone for good: the finding forgets it instead of dangling. */
  g_assert_null (dp_finding_get_line (finding));
}

/* A from-scratch reference of the checks, the plain way (scans and sorts), to compare the
 * incremental engine with after every step of a random walk of edits. */

typedef struct {
  DpSeverity severity;
  int        group;     /* 0 dossier-wide, 1 Luik 1, 2 Luik 2 */
  int        position;
  char      *text;      /* "code path" */
} Expected;

static void
expect (GPtrArray  *out,
        DpSeverity  severity,
        int         group,
        int         position,
        const char *code,
        const char *path)
{
  Expected *e = g_new0 (Expected, 1);

  e->severity = severity;
  e->group = group;
  e->position = position;
  e->text = g_strdup_printf ("%s %s", code, path);
  g_ptr_array_add (out, e);
}

static void
expected_free (gpointer data)
{
  Expected *e = data;

  g_free (e->text);
  g_free (e);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static GPtrArray *
reference_findings (DpDossier *dossier)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (expected_free);
  g_autoptr(GArray) singles = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint recognised = dp_facility_get_recognised_capacity (dp_dossier_get_facility (dossier));
  gint64 median = DP_CENTS_NONE;
  guint total = 0;
  guint n_lines = 0;

  for (DpPart part = DP_PART_1; part <= DP_PART_2; part++)
    {
      GListModel *lines = dp_dossier_get_lines (dossier, part);

      for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
        {
          g_autoptr(DpLine) line = g_list_model_get_item (lines, i);
          gint64 price = dp_line_get_price (line);

          total += dp_line_get_capacity (line);
          n_lines++;
          if (dp_line_get_room_type (line) == DP_ROOM_TYPE_SINGLE && price != DP_CENTS_NONE
              && price > 0)
            g_array_append_val (singles, price);
        }
    }

  if (singles->len > 0)
    {
      g_array_sort (singles, compare_gint64);
      median = g_array_index (singles, gint64, (singles->len - 1) / 2);
    }

  if (n_lines == 0)
    expect (out, DP_SEVERITY_ERROR, 0, 0, DP_CHECK_GEEN_LIJNEN, "");
  if (total > recognised)
    expect (out, DP_SEVERITY_ERROR, 0, 0, DP_CHECK_CAPACITEIT_BOVEN_ERKEND, "");
  if (total < recognised)
    expect (out, DP_SEVERITY_WARNING, 0, 0, DP_CHECK_CAPACITEIT_ONDER_ERKEND, "");

  for (DpPart part = DP_PART_1; part <= DP_PART_2; part++)
    {
      GListModel *lines = dp_dossier_get_lines (dossier, part);
      guint n = g_list_model_get_n_items (lines);
      const char *price_field = part == DP_PART_1 ? "prijs_cent" : "brutoprijs_cent";
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DpLine) line = g_list_model_get_item (lines, i);
          g_ptr_array_add (keys, dp_line_dup_kind_key (line));
        }

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DpLine) line = g_list_model_get_item (lines, i);
          guint capacity = dp_line_get_capacity (line);
          gint64 price = dp_line_get_price (line);
          gint64 previous = dp_line_get_previous_price (line);
          gboolean has = price != DP_CENTS_NONE;
          gboolean valid = has && price > 0 && price <= 100000;
          guint same_kind = 0;
          char path[64];
          int group = 1 + part;

#define P(field) (g_snprintf (path, sizeof path, "luik%d[%u].%s", group, i, field), path)
          if (capacity < 1)
            expect (out, DP_SEVERITY_ERROR, group, i, DP_CHECK_CAPACITEIT_ONGELDIG,
                    P ("capaciteit"));
          if (dp_line_get_room_type (line) == DP_ROOM_TYPE_DOUBLE && capacity % 2 == 1)
            expect (out, DP_SEVERITY_ERROR, group, i, DP_CHECK_TWEEPERSOONSKAMER_ONEVEN,
                    P ("capaciteit"));
          if (!has)
            expect (out, DP_SEVERITY_ERROR, group, i, DP_CHECK_PRIJS_ONTBREEKT, P (price_field));
          if (has && !valid)
            expect (out, DP_SEVERITY_ERROR, group, i, DP_CHECK_PRIJS_ONGELDIG, P (price_field));
          if (part == DP_PART_2 && has && price <= 629)
            expect (out, DP_SEVERITY_ERROR, group, i, DP_CHECK_NETTOPRIJS_NIET_POSITIEF,
                    P (price_field));

          for (guint j = 0; j < n; j++)
            if (g_str_equal (g_ptr_array_index (keys, i), g_ptr_array_index (keys, j)))
              same_kind++;
          if (same_kind >= 2)
            expect (out, DP_SEVERITY_WARNING, group, i, DP_CHECK_DUBBELE_LIJN, P ("beschrijving"));
          if (dp_line_get_room_type (line) == DP_ROOM_TYPE_DOUBLE && has && price > 0
              && median != DP_CENTS_NONE && price * 10 >= median * 16)
            expect (out, DP_SEVERITY_WARNING, group, i, DP_CHECK_PRIJS_PER_KAMER_VERMOEDEN,
                    P (price_field));
          if (valid && (price < 3000 || price > 25000))
            expect (out, DP_SEVERITY_WARNING, group, i, DP_CHECK_PRIJS_ONWAARSCHIJNLIJK,
                    P (price_field));
          if (valid && previous != DP_CENTS_NONE && previous > 0
              && ABS (price - previous) * 10 > previous)
            expect (out, DP_SEVERITY_WARNING, group, i, DP_CHECK_PRIJSWIJZIGING_GROOT,
                    P (price_field));
#undef P
        }
    }

  return out;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

typedef struct {
  DpDossier *dossier;
  GPtrArray *mirror;   /* DpFinding, kept by items-changed alone */
  guint      n_errors_notified;
  guint      n_warnings_notified;
} Watch;

static void
mirror_items_changed (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      Watch      *watch)
{
  g_assert_cmpuint (position + removed, <=, watch->mirror->len);
  g_ptr_array_remove_range (watch->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (watch->mirror, position + i, g_list_model_get_item (model, position + i));
}

static void
on_n_errors (DpDossier *dossier, GParamSpec *pspec, Watch *watch)
{
  watch->n_errors_notified++;
}

static void
on_n_warnings (DpDossier *dossier, GParamSpec *pspec, Watch *watch)
{
  watch->n_warnings_notified++;
}

static void
assert_consistent (Watch *watch)
{
  DpDossier *dossier = watch->dossier;
  GListModel *findings = dp_dossier_get_findings (dossier);
  g_autoptr(GPtrArray) expected = reference_findings (dossier);
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (findings);
  guint n_errors = 0;
  guint n_warnings = 0;
  int last_severity = -1, last_group = -1, last_position = -1;

  g_assert_cmpuint (watch->mirror->len, ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DpFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *path = dp_finding_dup_path (finding, dossier);
      DpPart part;
      int index;
      DpField field;
      int severity = dp_finding_get_severity (finding);
      int group, position;

      /* The mirror built from items-changed alone holds the same objects. */
      g_assert_true (g_ptr_array_index (watch->mirror, i) == finding);

      g_assert_true (dp_path_parse (path, &part, &index, &field));
      group = *path == '\0' ? 0 : 1 + part;
      position = index;
      g_assert_cmpint (field, ==, dp_finding_get_field (finding));

      /* Errors first, then dossier-wide, Luik 1, Luik 2, each by line position. */
      if (severity == last_severity)
        {
          g_assert_cmpint (group, >=, last_group);
          if (group == last_group)
            g_assert_cmpint (position, >=, last_position);
        }
      else
        g_assert_cmpint (severity, >, last_severity);
      last_severity = severity;
      last_group = group;
      last_position = position;

      if (severity == DP_SEVERITY_ERROR)
        n_errors++;
      else
        n_warnings++;
      g_ptr_array_add (live, g_strdup_printf ("%s %s", dp_finding_get_code (finding), path));
    }

  for (guint i = 0; i < expected->len; i++)
    g_ptr_array_add (wanted, ((Expected *) g_ptr_array_index (expected, i))->text);

  g_ptr_array_sort (live, compare_strings);
  g_ptr_array_sort (wanted, compare_strings);
  if (live->len != wanted->len)
    {
      for (guint i = 0; i < live->len; i++)
        g_test_message ("live: %s", (char *) g_ptr_array_index (live, i));
      for (guint i = 0; i < wanted->len; i++)
        g_test_message ("wanted: %s", (char *) g_ptr_array_index (wanted, i));
    }
  g_assert_cmpuint (live->len, ==, wanted->len);
  for (guint i = 0; i < live->len; i++)
    g_assert_cmpstr (g_ptr_array_index (live, i), ==, g_ptr_array_index (wanted, i));

  g_assert_cmpuint (dp_dossier_get_n_errors (dossier), ==, n_errors);
  g_assert_cmpuint (dp_dossier_get_n_warnings (dossier), ==, n_warnings);
}

static void
test_random_walk (void)
{
  static const gint64 prices[] = {
    DP_CENTS_NONE, 0, 629, 630, 2999, 3000, 4000, 4500, 5000, 5500, 5501, 6400, 7200, 7201,
    8000, 25000, 25001, 100000, 100001,
  };
  static const char *descriptions[] = { "", "Standaard", " standaard", "Balkon", "Groot" };
  g_autoptr(DpDossier) dossier = new_dossier (40);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250501);
  Watch watch = { dossier, g_ptr_array_new_with_free_func (g_object_unref), 0, 0 };
  guint last_errors = 0, last_warnings = 0;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_signal_connect (dp_dossier_get_findings (dossier), "items-changed",
                    G_CALLBACK (mirror_items_changed), &watch);
  mirror_items_changed (dp_dossier_get_findings (dossier), 0, 0,
                        g_list_model_get_n_items (dp_dossier_get_findings (dossier)), &watch);
  g_signal_connect (dossier, "notify::n-errors", G_CALLBACK (on_n_errors), &watch);
  g_signal_connect (dossier, "notify::n-warnings", G_CALLBACK (on_n_warnings), &watch);
  last_errors = dp_dossier_get_n_errors (dossier);
  last_warnings = dp_dossier_get_n_warnings (dossier);

  for (guint step = 0; step < 3000; step++)
    {
      DpPart part = g_rand_int_range (rand, 0, 2);
      GListModel *lines = dp_dossier_get_lines (dossier, part);
      guint n = g_list_model_get_n_items (lines);
      guint op = g_rand_int_range (rand, 0, 10);
      guint errors_before = watch.n_errors_notified;
      guint warnings_before = watch.n_warnings_notified;
      g_autoptr(DpLine) line = n > 0 ? g_list_model_get_item (lines, g_rand_int_range (rand, 0, n))
                                     : NULL;
      gint64 price = g_rand_boolean (rand)
                     ? prices[g_rand_int_range (rand, 0, G_N_ELEMENTS (prices))]
                     : g_rand_int_range (rand, 2000, 12000);

      if (step % 1000 == 999)
        {
          /* Now and then empty the dossier, the last lines from the middle outwards. */
          for (DpPart p = DP_PART_1; p <= DP_PART_2; p++)
            while (g_list_model_get_n_items (dp_dossier_get_lines (dossier, p)) > 0)
              dp_dossier_remove_line (
                dossier, p, g_list_model_get_n_items (dp_dossier_get_lines (dossier, p)) / 2);
        }
      else if (line == NULL || op == 0 || (op == 1 && n < 12))
        {
          g_autoptr(DpLine) fresh =
            dp_line_new (g_rand_int_range (rand, 0, 2),
                         descriptions[g_rand_int_range (rand, 0, G_N_ELEMENTS (descriptions))],
                         g_rand_int_range (rand, 0, 7), price);
          dp_dossier_insert_line (dossier, part, g_rand_int_range (rand, 0, n + 1), fresh);
        }
      else if (op == 1)
        {
          guint position;

          g_assert_true (dp_dossier_find_line (dossier, line, NULL, &position));
          dp_dossier_remove_line (dossier, part, position);
        }
      else if (op == 2)
        {
          guint position;

          g_assert_true (dp_dossier_find_line (dossier, line, NULL, &position));
          dp_dossier_move_line (dossier, part, position);
        }
      else if (op == 3)
        dp_line_set_capacity (line, g_rand_int_range (rand, 0, 7));
      else if (op == 4 || op == 5)
        dp_line_set_price (line, price);
      else if (op == 6)
        dp_line_set_room_type (line, g_rand_int_range (rand, 0, 2));
      else if (op == 7)
        dp_line_set_description (
          line, descriptions[g_rand_int_range (rand, 0, G_N_ELEMENTS (descriptions))]);
      else if (op == 8)
        {
          /* Last year's lines: a copy of some of this year's, with other prices. */
          g_autoptr(GListStore) previous = g_list_store_new (DP_TYPE_LINE);

          for (guint i = 0; i < n; i += 2)
            {
              g_autoptr(DpLine) item = g_list_model_get_item (lines, i);
              g_autoptr(DpLine) copy = dp_line_copy (item);

              dp_line_set_price (copy, g_rand_int_range (rand, 3000, 9000));
              g_list_store_append (previous, copy);
            }
          dp_dossier_set_previous_lines (dossier, part, G_LIST_MODEL (previous));
        }
      else
        {
          /* Several edits under one freeze, as a form might do. */
          g_object_freeze_notify (G_OBJECT (line));
          dp_line_set_price (line, price);
          dp_line_set_capacity (line, g_rand_int_range (rand, 0, 7));
          g_object_thaw_notify (G_OBJECT (line));
        }

      assert_consistent (&watch);
      for (guint i = 0; i < watch.mirror->len; i++)
        g_hash_table_add (seen, (gpointer) g_intern_string (
                            dp_finding_get_code (g_ptr_array_index (watch.mirror, i))));

      /* n-errors and n-warnings notify once per operation, and only on a change. */
      if (step % 1000 != 999)
        {
          g_assert_cmpuint (watch.n_errors_notified - errors_before, ==,
                            dp_dossier_get_n_errors (dossier) != last_errors);
          g_assert_cmpuint (watch.n_warnings_notified - warnings_before, ==,
                            dp_dossier_get_n_warnings (dossier) != last_warnings);
        }
      last_errors = dp_dossier_get_n_errors (dossier);
      last_warnings = dp_dossier_get_n_warnings (dossier);
    }

  /* The walk went through every live check (all but indientermijn-verstreken). */
  g_assert_true (g_hash_table_contains (seen, g_intern_string (DP_CHECK_CAPACITEIT_ONDER_ERKEND)));
  g_assert_true (g_hash_table_contains (seen, g_intern_string (DP_CHECK_GEEN_LIJNEN)));
  g_assert_cmpuint (g_hash_table_size (seen), ==, 12);

  g_signal_handlers_disconnect_by_data (dp_dossier_get_findings (dossier), &watch);
  g_signal_handlers_disconnect_by_data (dossier, &watch);
  g_ptr_array_unref (watch.mirror);
}

static void
test_paths_and_codes (void)
{
  DpPart part;
  int index;
  DpField field;
  DpSeverity severity;

  g_assert_true (dp_path_parse ("luik2[3].capaciteit", &part, &index, &field));
  g_assert_cmpint (part, ==, DP_PART_2);
  g_assert_cmpint (index, ==, 3);
  g_assert_cmpint (field, ==, DP_FIELD_CAPACITY);
  g_assert_true (dp_path_parse ("luik1[0].prijs_cent", &part, &index, &field));
  g_assert_cmpint (field, ==, DP_FIELD_PRICE);
  g_assert_true (dp_path_parse ("luik2[10].brutoprijs_cent", &part, &index, &field));
  g_assert_cmpint (index, ==, 10);
  g_assert_cmpint (field, ==, DP_FIELD_PRICE);
  g_assert_true (dp_path_parse ("luik1[7]", &part, &index, &field));
  g_assert_cmpint (field, ==, DP_FIELD_LINE);
  g_assert_true (dp_path_parse ("luik1[0].kamertype", NULL, NULL, &field));
  g_assert_cmpint (field, ==, DP_FIELD_ROOM_TYPE);
  g_assert_true (dp_path_parse ("luik1[0].beschrijving", NULL, NULL, &field));
  g_assert_cmpint (field, ==, DP_FIELD_DESCRIPTION);
  g_assert_true (dp_path_parse ("luik2", &part, &index, &field));
  g_assert_cmpint (part, ==, DP_PART_2);
  g_assert_cmpint (index, ==, -1);
  g_assert_cmpint (field, ==, DP_FIELD_NONE);
  g_assert_true (dp_path_parse ("", NULL, &index, NULL));
  g_assert_cmpint (index, ==, -1);

  g_assert_false (dp_path_parse ("luik3[0]", NULL, NULL, NULL));
  g_assert_false (dp_path_parse ("luik1[]", NULL, NULL, NULL));
  g_assert_false (dp_path_parse ("luik1[01]", NULL, NULL, NULL));
  g_assert_false (dp_path_parse ("luik1[-1]", NULL, NULL, NULL));
  g_assert_false (dp_path_parse ("luik1[0", NULL, NULL, NULL));
  g_assert_false (dp_path_parse ("luik1[0].prijs", NULL, NULL, NULL));
  g_assert_false (dp_path_parse ("luik1[0].brutoprijs_cent", NULL, NULL, NULL));
  g_assert_false (dp_path_parse ("luik2[0].prijs_cent", NULL, NULL, NULL));
  g_assert_false (dp_path_parse ("luik1[99999999999]", NULL, NULL, NULL));
  g_assert_false (dp_path_parse ("luik1x", NULL, NULL, NULL));
  g_assert_false (dp_path_parse (NULL, NULL, NULL, NULL));

  {
    static const struct { const char *code; DpSeverity severity; } codes[] = {
      { DP_CHECK_GEEN_LIJNEN, DP_SEVERITY_ERROR },
      { DP_CHECK_CAPACITEIT_ONGELDIG, DP_SEVERITY_ERROR },
      { DP_CHECK_TWEEPERSOONSKAMER_ONEVEN, DP_SEVERITY_ERROR },
      { DP_CHECK_PRIJS_ONTBREEKT, DP_SEVERITY_ERROR },
      { DP_CHECK_PRIJS_ONGELDIG, DP_SEVERITY_ERROR },
      { DP_CHECK_NETTOPRIJS_NIET_POSITIEF, DP_SEVERITY_ERROR },
      { DP_CHECK_CAPACITEIT_BOVEN_ERKEND, DP_SEVERITY_ERROR },
      { DP_CHECK_CAPACITEIT_ONDER_ERKEND, DP_SEVERITY_WARNING },
      { DP_CHECK_DUBBELE_LIJN, DP_SEVERITY_WARNING },
      { DP_CHECK_PRIJS_PER_KAMER_VERMOEDEN, DP_SEVERITY_WARNING },
      { DP_CHECK_PRIJS_ONWAARSCHIJNLIJK, DP_SEVERITY_WARNING },
      { DP_CHECK_PRIJSWIJZIGING_GROOT, DP_SEVERITY_WARNING },
      { DP_CHECK_INDIENTERMIJN_VERSTREKEN, DP_SEVERITY_ERROR },
    };

    for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
      {
        g_assert_true (dp_check_code_severity (codes[i].code, &severity));
        g_assert_cmpint (severity, ==, codes[i].severity);
        g_assert_nonnull (dp_check_code_describe (codes[i].code));
      }
    g_assert_false (dp_check_code_severity ("onbekend", &severity));
    g_assert_null (dp_check_code_describe ("onbekend"));
  }

  {
    g_autoptr(DpFinding) finding =
      dp_finding_new_for_path (DP_CHECK_PRIJS_ONTBREEKT, DP_SEVERITY_ERROR,
                               "luik2[3].brutoprijs_cent", "Geen prijs");
    g_autofree char *path = dp_finding_dup_path (finding, NULL);

    g_assert_cmpstr (path, ==, "luik2[3].brutoprijs_cent");
    g_assert_cmpint (dp_finding_get_part (finding), ==, DP_PART_2);
    g_assert_cmpint (dp_finding_get_field (finding), ==, DP_FIELD_PRICE);
    g_assert_null (dp_finding_get_line (finding));
    g_assert_cmpstr (dp_finding_get_message (finding), ==, "Geen prijs");
  }
}

/* Hundreds of insertions at one spot use up the room between two lines' order labels
 * many times over: the findings must still follow the lines' order. */
static void
test_insertions_at_one_spot (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (0);
  GListModel *findings = dp_dossier_get_findings (dossier);

  dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "first", 0, 5000);
  dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "last", 0, 5000);

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *description = g_strdup_printf ("%u", i);
      g_autoptr(DpLine) line = dp_line_new (DP_ROOM_TYPE_SINGLE, description, 0, 5000);

      /* Alternately right after the first line and right before the last one. */
      dp_dossier_insert_line (dossier, DP_PART_1,
                              i % 2 == 0 ? 1 : dp_dossier_get_n_lines (dossier) - 1, line);
    }

  /* Total and recognised capacity are both 0: the only findings are the lines'
   * capaciteit-ongeldig, one per line, in line order. */
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 402);
  for (guint i = 0; i < 402; i++)
    {
      g_autoptr(DpFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *path = dp_finding_dup_path (finding, dossier);
      g_autofree char *expected = g_strdup_printf ("luik1[%u].capaciteit", i);

      g_assert_cmpstr (path, ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/checks/geen-lijnen", test_geen_lijnen);
  g_test_add_func ("/checks/capaciteit-ongeldig", test_capaciteit_ongeldig);
  g_test_add_func ("/checks/tweepersoonskamer-oneven", test_tweepersoonskamer_oneven);
  g_test_add_func ("/checks/prijs-ontbreekt", test_prijs_ontbreekt);
  g_test_add_func ("/checks/prijs-ongeldig", test_prijs_ongeldig);
  g_test_add_func ("/checks/nettoprijs-niet-positief", test_nettoprijs_niet_positief);
  g_test_add_func ("/checks/capaciteit-erkend", test_capaciteit_erkend);
  g_test_add_func ("/checks/dubbele-lijn", test_dubbele_lijn);
  g_test_add_func ("/checks/prijs-per-kamer-vermoeden", test_prijs_per_kamer_vermoeden);
  g_test_add_func ("/checks/prijs-onwaarschijnlijk", test_prijs_onwaarschijnlijk);
  g_test_add_func ("/checks/prijswijziging-groot", test_prijswijziging_groot);
  g_test_add_func ("/checks/indientermijn-verstreken", test_indientermijn);
  g_test_add_func ("/checks/paths-follow-lines", test_paths_follow_lines);
  g_test_add_func ("/checks/random-walk", test_random_walk);
  g_test_add_func ("/checks/paths-and-codes", test_paths_and_codes);
  g_test_add_func ("/checks/insertions-at-one-spot", test_insertions_at_one_spot);

  return g_test_run ();
}
