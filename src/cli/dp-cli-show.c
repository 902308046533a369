/* dp-cli-show.c: "dagprijzen-cli show FILE": the dossier as people read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dp-cli.h"

static char *
format_amount (gint64 cents)
{
  return cents == DP_CENTS_NONE ? g_strdup ("—") : dp_money_format (cents);
}

static gboolean
has_previous_prices (GListModel *lines)
{
  guint n = g_list_model_get_n_items (lines);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DpLine) line = g_list_model_get_item (lines, i);

      if (dp_line_get_previous_price (line) != DP_CENTS_NONE)
        return TRUE;
    }
  return FALSE;
}

static void
print_part (DpDossier *dossier,
            DpPart     part)
{
  GListModel *lines = dp_dossier_get_lines (dossier, part);
  guint n = g_list_model_get_n_items (lines);
  gboolean previous = has_previous_prices (lines);
  guint n_columns = (part == DP_PART_2 ? 5 : 4) + (previous ? 1 : 0);
  g_autoptr(DpCliTable) table = dp_cli_table_new (n_columns);
  const char *header[6];
  guint c = 0;

  g_print ("%s\n", dp_part_to_label (part));
  if (n == 0)
    {
      g_print ("  %s\n", _("(no lines)"));
      return;
    }

  header[c++] = _("Room type");
  header[c++] = _("Description");
  header[c++] = _("Capacity");
  if (part == DP_PART_2)
    {
      header[c++] = _("Gross price");
      header[c++] = _("Net price");
    }
  else
    header[c++] = _("Price per resident");
  if (previous)
    header[c++] = _("Last year");
  dp_cli_table_add_row (table, header);
  for (guint i = 2; i < n_columns; i++)
    dp_cli_table_align_right (table, i);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DpLine) line = g_list_model_get_item (lines, i);
      g_autofree char *capacity = g_strdup_printf ("%u", dp_line_get_capacity (line));
      g_autofree char *price = format_amount (dp_line_get_price (line));
      g_autofree char *net = format_amount (dp_line_get_net_price (line));
      g_autofree char *last = format_amount (dp_line_get_previous_price (line));
      const char *description = dp_line_get_description (line);
      const char *row[6];

      c = 0;
      row[c++] = dp_room_type_to_label (dp_line_get_room_type (line));
      row[c++] = *description != '\0' ? description : "—";
      row[c++] = capacity;
      row[c++] = price;
      if (part == DP_PART_2)
        row[c++] = net;
      if (previous)
        row[c++] = last;
      dp_cli_table_add_row (table, row);
    }

  dp_cli_table_print (table, 2);
}

static void
print_summary (DpDossier *dossier)
{
  DpCampaign *campaign = dp_dossier_get_campaign (dossier);
  DpFacility *facility = dp_dossier_get_facility (dossier);
  g_autoptr(DpCliTable) table = dp_cli_table_new (2);
  g_autofree char *measurement = dp_date_format_long (dp_campaign_get_measurement_date (campaign));
  g_autofree char *deadline = dp_date_format_long (dp_campaign_get_deadline (campaign));
  g_autofree char *discount = dp_money_format_euro (dp_campaign_get_discount (campaign));
  g_autofree char *recognised = g_strdup_printf ("%u",
                                                 dp_facility_get_recognised_capacity (facility));
  g_autofree char *submitted = NULL;

  g_print ("%s (%s)\n", dp_facility_get_name (facility),
           dp_facility_get_registration_number (facility));
  g_print (_("Meting dagprijzen %u"), dp_campaign_get_year (campaign));
  g_print ("\n\n");

  dp_cli_table_add_row (table, (const char *[]) { _("Measurement date:"), measurement });
  dp_cli_table_add_row (table, (const char *[]) { _("Deadline:"), deadline });
  dp_cli_table_add_row (table, (const char *[]) { _("Recognised capacity:"), recognised });
  dp_cli_table_add_row (table, (const char *[]) { _("Infrastructure allowance discount:"),
                                                  discount });
  dp_cli_table_add_row (table, (const char *[]) {
                          _("Status:"), dp_status_to_label (dp_dossier_get_status (dossier)) });
  if (dp_dossier_get_submitted_at (dossier) != NULL)
    {
      GDateTime *at = dp_dossier_get_submitted_at (dossier);
      GDate date;
      g_autofree char *day = NULL;
      g_autofree char *time = g_date_time_format (at, "%H:%M");

      dp_date_of_time (at, &date);
      day = dp_date_format_long (&date);
      /* Translators: the submission time: "20 May 2025, 10:15" */
      submitted = g_strdup_printf (_("%s, %s"), day, time);
      dp_cli_table_add_row (table, (const char *[]) { _("Submitted on:"), submitted });
      dp_cli_table_add_row (table, (const char *[]) {
                              _("Reference:"), dp_dossier_get_reference (dossier) });
    }
  dp_cli_table_print (table, 2);
}

static void
print_findings (DpDossier *dossier)
{
  GListModel *findings = dp_dossier_get_findings (dossier);
  guint n = g_list_model_get_n_items (findings);

  g_print ("%s\n", _("Findings"));
  if (n == 0)
    g_print ("  %s\n", _("No errors or warnings."));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DpFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *text = dp_cli_format_finding (finding, dossier);

      g_print ("  %s\n", text);
    }
}

static int
run_show (int    argc,
          char **argv)
{
  g_autoptr(DpDossier) dossier = NULL;
  DpFacility *facility;

  dossier = dp_cli_parse_and_load (&dp_cli_show_command, NULL, &argc, &argv);
  if (dossier == NULL)
    return DP_CLI_EXIT_INVALID;
  facility = dp_dossier_get_facility (dossier);

  print_summary (dossier);
  g_print ("\n");
  print_part (dossier, DP_PART_1);
  g_print ("\n");
  print_part (dossier, DP_PART_2);
  g_print ("\n");
  /* Translators: "Total capacity: 118 of 120 recognised units" */
  g_print (_("Total capacity: %u of %u recognised units"),
           dp_dossier_get_total_capacity (dossier),
           dp_facility_get_recognised_capacity (facility));
  g_print ("\n\n");
  print_findings (dossier);

  return DP_CLI_EXIT_OK;
}

const DpCliCommand dp_cli_show_command = {
  "show",
  N_("FILE"),
  N_("Show a dossier file as readable tables.\n\n"
     "Prints the facility and the campaign, the lines of Part 1 and Part 2 with the net\n"
     "prices, the total capacity against the recognised capacity, and the findings."),
  run_show,
};
