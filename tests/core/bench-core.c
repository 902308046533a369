/* bench-core.c: the cost of a line edit (totals and checks kept current) and of loading
 * and saving the file, for dossiers of 10, 1 000 and 100 000 lines.
 *
 * An edit should cost about the same at 100 000 lines as at 10; load and save should grow
 * no worse than linearly (the per-line cost stays flat). Figures, never asserts: the
 * ratios are measured in one run on one machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "dagprijzen-core.h"

typedef struct {
  guint   n_lines;
  double  edit_us;       /* one edit, averaged */
  double  load_us;       /* one load of the whole document */
  double  save_us;       /* one save of the whole document */
  gsize   bytes;
} Figures;

static DpDossier *
build_dossier (guint n_lines)
{
  g_autoptr(DpCampaign) campaign = dp_campaign_new_for_year (2025);
  guint recognised = MIN (n_lines * 2, DP_FORMAT_CAPACITY_MAX);
  g_autoptr(DpFacility) facility = dp_facility_new ("PE-1234", "WZC De Linde", recognised);
  g_autoptr(GListStore) previous1 = g_list_store_new (DP_TYPE_LINE);
  g_autoptr(GListStore) previous2 = g_list_store_new (DP_TYPE_LINE);
  DpDossier *dossier = dp_dossier_new (campaign, facility);

  for (guint i = 0; i < n_lines; i++)
    {
      DpPart part = i % 2 == 0 ? DP_PART_1 : DP_PART_2;
      DpRoomType type = i % 5 == 0 ? DP_ROOM_TYPE_DOUBLE : DP_ROOM_TYPE_SINGLE;
      g_autofree char *description = g_strdup_printf ("Kamer %u, vleugel %c", i, 'A' + i % 4);
      g_autoptr(DpLine) line = dp_line_new (type, description, 2, 6000 + (i * 37) % 4000);

      dp_dossier_append_line (dossier, part, line);

      /* Last year's lines for a tenth of them, so the price-change check has work. */
      if (i % 10 == 0)
        {
          g_autoptr(DpLine) old = dp_line_copy (line);

          dp_line_set_price (old, dp_line_get_price (line) - 150);
          g_list_store_append (part == DP_PART_1 ? previous1 : previous2, old);
        }
    }
  dp_dossier_set_previous_lines (dossier, DP_PART_1, G_LIST_MODEL (previous1));
  dp_dossier_set_previous_lines (dossier, DP_PART_2, G_LIST_MODEL (previous2));

  return dossier;
}

/* @n_edits edits of a random line's price and capacity, alternately, each followed by a read
 * of the totals and the findings (which the dossier keeps current on every change). */
static double
time_edits (DpDossier *dossier,
            guint      n_edits)
{
  GRand *rand = g_rand_new_with_seed (42);
  GListModel *findings = dp_dossier_get_findings (dossier);
  guint sink = 0;
  gint64 start;
  gint64 end;

  start = g_get_monotonic_time ();
  for (guint e = 0; e < n_edits; e++)
    {
      DpPart part = e % 2 == 0 ? DP_PART_1 : DP_PART_2;
      GListModel *lines = dp_dossier_get_lines (dossier, part);
      guint position = g_rand_int_range (rand, 0, (gint32) g_list_model_get_n_items (lines));
      g_autoptr(DpLine) line = g_list_model_get_item (lines, position);

      if (e % 4 < 2)
        dp_line_set_price (line, g_rand_int_range (rand, 0, 2) == 0 ? DP_CENTS_NONE
                                                                   : g_rand_int_range (rand, 500,
                                                                                       30000));
      else
        dp_line_set_capacity (line, (guint) g_rand_int_range (rand, 0, 5));

      sink += dp_dossier_get_total_capacity (dossier) + dp_dossier_get_n_errors (dossier)
              + dp_dossier_get_n_warnings (dossier) + g_list_model_get_n_items (findings);
    }
  end = g_get_monotonic_time ();

  g_rand_free (rand);
  if (sink == 1)  /* keeps the reads from being optimised away */
    g_print (" ");
  return (double) (end - start) / n_edits;
}

static Figures
measure (guint n_lines)
{
  g_autoptr(DpDossier) dossier = NULL;
  g_autofree char *data = NULL;
  Figures figures = { n_lines, 0, 0, 0, 0 };
  /* Enough repetitions for a steady figure, few enough to stay well under a minute. */
  guint n_edits = 20000;
  guint n_io = n_lines <= 10 ? 2000 : n_lines <= 1000 ? 100 : 3;
  gint64 start;
  gint64 built;

  start = g_get_monotonic_time ();
  dossier = build_dossier (n_lines);
  built = g_get_monotonic_time ();
  g_print ("  %7u lines: built in %.1f ms\n", n_lines, (built - start) / 1000.0);

  figures.edit_us = time_edits (dossier, n_edits);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_io; i++)
    {
      g_free (data);
      data = dp_format_save_data (dossier, &figures.bytes);
    }
  figures.save_us = (double) (g_get_monotonic_time () - start) / n_io;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_io; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DpDossier) loaded = dp_format_load_data (data, (gssize) figures.bytes, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (dp_dossier_get_n_lines (loaded), ==, n_lines);
    }
  figures.load_us = (double) (g_get_monotonic_time () - start) / n_io;

  return figures;
}

int
main (int    argc,
      char **argv)
{
  const guint sizes[] = { 10, 1000, 100000 };
  Figures figures[G_N_ELEMENTS (sizes)];
  gint64 start = g_get_monotonic_time ();

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_print ("bench-core: one line edit with totals and checks current; load and save\n");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    figures[i] = measure (sizes[i]);

  g_print ("\n  %7s  %12s  %12s  %12s  %14s  %14s  %10s\n", "lines", "edit (µs)", "load (ms)",
           "save (ms)", "load/line (µs)", "save/line (µs)", "file (KiB)");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    g_print ("  %7u  %12.2f  %12.3f  %12.3f  %14.3f  %14.3f  %10.1f\n",
             figures[i].n_lines, figures[i].edit_us, figures[i].load_us / 1000.0,
             figures[i].save_us / 1000.0, figures[i].load_us / figures[i].n_lines,
             figures[i].save_us / figures[i].n_lines, figures[i].bytes / 1024.0);

  g_print ("\n  edit(100000) / edit(10):                 %.2f\n",
           figures[2].edit_us / figures[0].edit_us);
  g_print ("  edit(100000) / edit(1000):               %.2f\n",
           figures[2].edit_us / figures[1].edit_us);
  g_print ("  load per line, 100000 / 1000 lines:      %.2f\n",
           (figures[2].load_us / 100000) / (figures[1].load_us / 1000));
  g_print ("  save per line, 100000 / 1000 lines:      %.2f\n",
           (figures[2].save_us / 100000) / (figures[1].save_us / 1000));
  g_print ("  load per line, 100000 / 10 lines:        %.2f\n",
           (figures[2].load_us / 100000) / (figures[0].load_us / 10));
  g_print ("  save per line, 100000 / 10 lines:        %.2f\n",
           (figures[2].save_us / 100000) / (figures[0].save_us / 10));
  g_print ("  total time: %.1f s\n", (g_get_monotonic_time () - start) / 1e6);

  return 0;
}
