/* test-dossier.c: the dossier model: lines, totals, discount, previous prices, status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

typedef struct {
  guint position, removed, added;
  guint n_signals;
} ItemsChanged;

static void
record_items_changed (GListModel   *model,
                      guint         position,
                      guint         removed,
                      guint         added,
                      ItemsChanged *ic)
{
  ic->position = position;
  ic->removed = removed;
  ic->added = added;
  ic->n_signals++;
}

static void
test_handleiding_examples (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (6);
  g_autofree char *price = NULL;
  g_autofree char *net = NULL;
  gint64 cents = 0;
  DpLine *line;

  /* 3 two-person rooms, 45 euro per resident: capacity 6 (3 × 2), price 45,00. */
  g_assert_true (dp_money_parse ("45", &cents, NULL));
  dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_DOUBLE, "", 3 * 2, cents);
  line = dp_test_line_at (dossier, DP_PART_1, 0);
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 6);
  g_assert_cmpint (dp_line_get_price (line), ==, 4500);
  price = dp_money_format (dp_line_get_price (line));
  g_assert_cmpstr (price, ==, "45.00");  /* C locale: the test runs without setlocale() */
  g_assert_cmpint (dp_line_get_discount (line), ==, 0);
  g_assert_cmpint (dp_line_get_net_price (line), ==, 4500);

  /* In Luik 2 a gross 45,00 gives a net 38,71 with the 2025 discount of 6,29. */
  dp_dossier_move_line (dossier, DP_PART_1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_lines (dossier, DP_PART_1)), ==, 0);
  g_assert_true (dp_test_line_at (dossier, DP_PART_2, 0) == line);
  g_assert_cmpint (dp_line_get_discount (line), ==, 629);
  g_assert_cmpint (dp_line_get_net_price (line), ==, 3871);
  net = dp_money_format (dp_line_get_net_price (line));
  g_assert_cmpstr (net, ==, "38.71");
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 6);

  /* Back to Luik 1: no discount. */
  dp_dossier_move_line (dossier, DP_PART_2, 0);
  g_assert_cmpint (dp_line_get_discount (line), ==, 0);
}

static void
test_discount_is_the_campaigns (void)
{
  g_autoptr(DpCampaign) campaign = dp_campaign_new_for_year (2023);
  g_autoptr(DpFacility) facility = dp_facility_new ("PE-1", "WZC", 10);
  g_autoptr(DpDossier) dossier = dp_dossier_new (campaign, facility);

  dp_test_append (dossier, DP_PART_2, DP_ROOM_TYPE_SINGLE, "", 10, 4500);
  g_assert_cmpint (dp_line_get_net_price (dp_test_line_at (dossier, DP_PART_2, 0)), ==, 3900);
}

static void
test_total_capacity_live (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (120);
  g_autoptr(DpLine) kept = NULL;
  guint n_notify = 0;
  DpLine *line;

  g_signal_connect (dossier, "notify::total-capacity", G_CALLBACK (count_notify), &n_notify);
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 0);

  dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "Standaard", 100, 7250);
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 100);
  g_assert_cmpuint (n_notify, ==, 1);

  dp_test_append (dossier, DP_PART_2, DP_ROOM_TYPE_DOUBLE, "", 6, 4500);
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 106);
  g_assert_cmpuint (n_notify, ==, 2);

  /* Insertion at the front. */
  {
    g_autoptr(DpLine) front = dp_line_new (DP_ROOM_TYPE_SINGLE, "Balkon", 10, 8000);
    dp_dossier_insert_line (dossier, DP_PART_1, 0, front);
  }
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 116);
  g_assert_cmpstr (dp_line_get_description (dp_test_line_at (dossier, DP_PART_1, 0)), ==, "Balkon");
  g_assert_cmpuint (n_notify, ==, 3);

  /* An edit of a line's capacity. */
  line = dp_test_line_at (dossier, DP_PART_1, 1);
  dp_line_set_capacity (line, 90);
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 106);
  g_assert_cmpuint (n_notify, ==, 4);

  /* Edits that leave the capacity alone do not notify total-capacity. */
  dp_line_set_price (line, 7300);
  dp_line_set_description (line, "Standaardkamer");
  g_assert_cmpuint (n_notify, ==, 4);

  /* A move keeps the total: no notification. */
  dp_dossier_move_line (dossier, DP_PART_1, 0);
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 106);
  g_assert_cmpuint (n_notify, ==, 4);

  /* A removal, and a removed line no longer counts when edited. */
  kept = g_object_ref (line);
  dp_dossier_remove_line (dossier, DP_PART_1, 0);
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 16);
  g_assert_cmpuint (n_notify, ==, 5);
  dp_line_set_capacity (kept, 500);
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 16);
  g_assert_false (dp_dossier_find_line (dossier, kept, NULL, NULL));

  /* It can go into the dossier again. */
  dp_dossier_append_line (dossier, DP_PART_1, kept);
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 516);

  g_assert_cmpuint (dp_dossier_get_n_lines (dossier), ==, 3);
}

static void
test_lines_model (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (120);
  GListModel *lines = dp_dossier_get_lines (dossier, DP_PART_1);
  ItemsChanged ic = { 0 };
  DpPart part;
  guint position;

  g_assert_true (g_list_model_get_item_type (lines) == DP_TYPE_LINE);
  g_signal_connect (lines, "items-changed", G_CALLBACK (record_items_changed), &ic);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *description = g_strdup_printf ("Lijn %u", i);

      dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, description, 1, 5000);
      g_assert_cmpuint (ic.position, ==, i);
      g_assert_cmpuint (ic.removed, ==, 0);
      g_assert_cmpuint (ic.added, ==, 1);
    }
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 5);
  g_assert_null (g_list_model_get_item (lines, 5));

  for (guint i = 0; i < 5; i++)
    {
      DpLine *line = dp_test_line_at (dossier, DP_PART_1, i);

      g_assert_true (dp_dossier_find_line (dossier, line, &part, &position));
      g_assert_cmpint (part, ==, DP_PART_1);
      g_assert_cmpuint (position, ==, i);
    }

  dp_dossier_remove_line (dossier, DP_PART_1, 2);
  g_assert_cmpuint (ic.position, ==, 2);
  g_assert_cmpuint (ic.removed, ==, 1);
  g_assert_cmpuint (ic.added, ==, 0);
  g_assert_cmpstr (dp_line_get_description (dp_test_line_at (dossier, DP_PART_1, 2)), ==, "Lijn 3");
  g_assert_true (dp_dossier_find_line (dossier, dp_test_line_at (dossier, DP_PART_1, 3), &part,
                                       &position));
  g_assert_cmpuint (position, ==, 3);

  /* A line is in one dossier at a time. */
  {
    g_autoptr(DpDossier) other = new_dossier (1);

    g_assert_false (dp_dossier_find_line (other, dp_test_line_at (dossier, DP_PART_1, 0), NULL,
                                          NULL));
  }
}

static void
test_previous_price (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (120);
  g_autoptr(GListStore) luik1 = g_list_store_new (DP_TYPE_LINE);
  g_autoptr(GListStore) luik2 = g_list_store_new (DP_TYPE_LINE);
  DpLine *a, *b, *c;

  {
    g_autoptr(DpLine) p1 = dp_line_new (DP_ROOM_TYPE_SINGLE, "Standaardkamer", 100, 7000);
    g_autoptr(DpLine) p2 = dp_line_new (DP_ROOM_TYPE_DOUBLE, "", 6, 4300);
    g_autoptr(DpLine) p3 = dp_line_new (DP_ROOM_TYPE_SINGLE, "Balkon", 10, 8000);
    g_autoptr(DpLine) p4 = dp_line_new (DP_ROOM_TYPE_SINGLE, "Standaardkamer", 10, 6500);

    g_list_store_append (luik1, p1);
    g_list_store_append (luik1, p2);
    g_list_store_append (luik2, p3);
    g_list_store_append (luik2, p4);
  }

  dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "standaardkamer ", 100, 7250);
  dp_test_append (dossier, DP_PART_2, DP_ROOM_TYPE_SINGLE, "Balkon", 10, 8200);
  dp_test_append (dossier, DP_PART_2, DP_ROOM_TYPE_DOUBLE, "", 6, 4500);
  a = dp_test_line_at (dossier, DP_PART_1, 0);
  b = dp_test_line_at (dossier, DP_PART_2, 0);
  c = dp_test_line_at (dossier, DP_PART_2, 1);
  g_assert_cmpint (dp_line_get_previous_price (a), ==, DP_CENTS_NONE);

  dp_dossier_set_previous_lines (dossier, DP_PART_1, G_LIST_MODEL (luik1));
  /* Matched by kind (trimmed, case-folded description). */
  g_assert_cmpint (dp_line_get_previous_price (a), ==, 7000);
  /* Not in last year's Luik 2 (not set yet), found in Luik 1. */
  g_assert_cmpint (dp_line_get_previous_price (c), ==, 4300);
  g_assert_cmpint (dp_line_get_previous_price (b), ==, DP_CENTS_NONE);

  dp_dossier_set_previous_lines (dossier, DP_PART_2, G_LIST_MODEL (luik2));
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_previous_lines (dossier, DP_PART_2)),
                    ==, 2);
  g_assert_cmpint (dp_line_get_previous_price (b), ==, 8000);
  /* The same Luik is preferred: a Luik 1 line matches last year's Luik 1 line. */
  g_assert_cmpint (dp_line_get_previous_price (a), ==, 7000);

  /* Moving a line to Luik 2 makes last year's Luik 2 line its match. */
  dp_dossier_move_line (dossier, DP_PART_1, 0);
  g_assert_cmpint (dp_line_get_previous_price (a), ==, 6500);

  /* Editing the kind follows live. */
  dp_line_set_description (b, "Standaardkamer");
  g_assert_cmpint (dp_line_get_previous_price (b), ==, 6500);
  dp_line_set_description (b, "Nieuw");
  g_assert_cmpint (dp_line_get_previous_price (b), ==, DP_CENTS_NONE);
  dp_line_set_room_type (c, DP_ROOM_TYPE_SINGLE);
  g_assert_cmpint (dp_line_get_previous_price (c), ==, DP_CENTS_NONE);
  dp_line_set_room_type (c, DP_ROOM_TYPE_DOUBLE);
  g_assert_cmpint (dp_line_get_previous_price (c), ==, 4300);

  /* Clearing last year's lines clears the matches. */
  dp_dossier_set_previous_lines (dossier, DP_PART_1, NULL);
  g_assert_cmpint (dp_line_get_previous_price (c), ==, DP_CENTS_NONE);
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_previous_lines (dossier, DP_PART_1)),
                    ==, 0);

  /* Passing the dossier's own store back is harmless. */
  dp_dossier_set_previous_lines (dossier, DP_PART_2,
                                 dp_dossier_get_previous_lines (dossier, DP_PART_2));
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_previous_lines (dossier, DP_PART_2)),
                    ==, 2);
}

static void
test_submitted_is_read_only (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (10);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 5, 20, 10, 0, 0);
  guint n_notify = 0;

  dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "", 10, 5000);
  g_assert_false (dp_dossier_get_read_only (dossier));
  g_assert_null (dp_dossier_get_submitted_at (dossier));
  g_assert_null (dp_dossier_get_reference (dossier));

  g_signal_connect (dossier, "notify::read-only", G_CALLBACK (count_notify), &n_notify);
  dp_dossier_mark_submitted (dossier, when, "DZ-2025-000123");
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_true (dp_dossier_get_read_only (dossier));
  g_assert_cmpint (dp_dossier_get_status (dossier), ==, DP_STATUS_SUBMITTED);
  g_assert_true (g_date_time_equal (dp_dossier_get_submitted_at (dossier), when));
  g_assert_cmpstr (dp_dossier_get_reference (dossier), ==, "DZ-2025-000123");
}

static void
test_submitted_refuses (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(DpDossier) dossier = new_dossier (10);
      g_autoptr(DpLine) extra = dp_line_new (DP_ROOM_TYPE_SINGLE, "", 1, 1);

      dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "", 10, 5000);
      dp_dossier_mark_submitted (dossier, NULL, NULL);
      dp_dossier_append_line (dossier, DP_PART_1, extra);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*read_only*");
}

static void
test_submitted_line_refuses (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(DpDossier) dossier = new_dossier (10);
      DpLine *line;

      dp_test_append (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "", 10, 5000);
      line = dp_test_line_at (dossier, DP_PART_1, 0);
      dp_dossier_mark_submitted (dossier, NULL, NULL);
      dp_line_set_price (line, 6000);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*frozen*");
}

static void
test_submitted_without_time (void)
{
  g_autoptr(DpDossier) dossier = new_dossier (10);

  g_object_set (dossier, "status", DP_STATUS_SUBMITTED, NULL);
  g_assert_true (dp_dossier_get_read_only (dossier));
  g_assert_nonnull (dp_dossier_get_submitted_at (dossier));
  g_assert_null (dp_dossier_get_reference (dossier));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/dossier/handleiding-examples", test_handleiding_examples);
  g_test_add_func ("/dossier/discount-is-the-campaigns", test_discount_is_the_campaigns);
  g_test_add_func ("/dossier/total-capacity-live", test_total_capacity_live);
  g_test_add_func ("/dossier/lines-model", test_lines_model);
  g_test_add_func ("/dossier/previous-price", test_previous_price);
  g_test_add_func ("/dossier/submitted/read-only", test_submitted_is_read_only);
  g_test_add_func ("/dossier/submitted/refuses-lines", test_submitted_refuses);
  g_test_add_func ("/dossier/submitted/refuses-line-edits", test_submitted_line_refuses);
  g_test_add_func ("/dossier/submitted/without-time", test_submitted_without_time);

  return g_test_run ();
}
