/* dp-service-findings.c: the findings the e-loket sent with a refused submission, put on
 * the cells they name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dp-findings-list.h"
#include "dp-service-findings.h"

GPtrArray *
dp_service_findings_bind (DpDossier *dossier,
                          GPtrArray *findings)
{
  GPtrArray *bound = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (DP_IS_DOSSIER (dossier), bound);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      DpFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *path = dp_finding_dup_path (finding, dossier);
      g_autoptr(DpLine) line = NULL;
      DpField field = DP_FIELD_NONE;
      DpPart part = DP_PART_1;
      gint index = -1;

      if (path != NULL && *path != '\0' && dp_path_parse (path, &part, &index, &field) &&
          index >= 0 &&
          (guint) index < g_list_model_get_n_items (dp_dossier_get_lines (dossier, part)))
        line = g_list_model_get_item (dp_dossier_get_lines (dossier, part), (guint) index);

      g_ptr_array_add (bound, dp_finding_new (dp_finding_get_code (finding),
                                              dp_finding_get_severity (finding),
                                              part, line,
                                              line != NULL ? field : DP_FIELD_NONE,
                                              dp_finding_get_message (finding)));
    }

  return bound;
}

char *
dp_service_findings_describe (DpDossier *dossier,
                              GPtrArray *bound)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; bound != NULL && i < bound->len; i++)
    {
      DpFinding *finding = g_ptr_array_index (bound, i);
      g_autofree char *place = dp_finding_describe_place (finding, dossier);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: a finding of the e-loket: "• Part 2, line 1: price — The net price …" */
      g_string_append_printf (text, _("• %s — %s"), place, dp_finding_get_message (finding));
    }

  return g_string_free (text, FALSE);
}

DpColumn
dp_column_for_field (DpField field)
{
  switch (field)
    {
    case DP_FIELD_DESCRIPTION: return DP_COLUMN_DESCRIPTION;
    case DP_FIELD_CAPACITY:    return DP_COLUMN_CAPACITY;
    case DP_FIELD_PRICE:       return DP_COLUMN_PRICE;
    case DP_FIELD_ROOM_TYPE:
    case DP_FIELD_LINE:
    case DP_FIELD_NONE:
    default:                   return DP_COLUMN_ROOM_TYPE;
    }
}

gboolean
dp_service_findings_show (DpPartView *part1_view,
                          DpPartView *part2_view,
                          GPtrArray  *bound)
{
  DpFinding *first = NULL;

  g_return_val_if_fail (DP_IS_PART_VIEW (part1_view) && DP_IS_PART_VIEW (part2_view), FALSE);

  for (guint i = 0; bound != NULL && i < bound->len; i++)
    {
      DpFinding *finding = g_ptr_array_index (bound, i);
      DpPartView *view;
      DpDossier *dossier;
      DpLineCell *cell;
      DpPart part;
      guint position;

      if (dp_finding_get_line (finding) == NULL)
        continue;
      if (first == NULL || (dp_finding_get_severity (first) != DP_SEVERITY_ERROR &&
                            dp_finding_get_severity (finding) == DP_SEVERITY_ERROR))
        first = finding;

      /* Only the price cells: they drop the mark themselves when the price changes or the
       * cell is given another line, so a mark never outlives what it was about. */
      if (dp_finding_get_field (finding) != DP_FIELD_PRICE)
        continue;
      view = dp_finding_get_part (finding) == DP_PART_2 ? part2_view : part1_view;
      dossier = dp_part_view_get_dossier (view);
      if (dossier == NULL ||
          !dp_dossier_find_line (dossier, dp_finding_get_line (finding), &part, &position))
        continue;
      cell = dp_part_view_find_cell (view, position, DP_COLUMN_PRICE);
      if (cell == NULL)
        continue;
      gtk_widget_add_css_class (dp_line_cell_get_control (cell), "error");
      gtk_widget_set_tooltip_text (dp_line_cell_get_control (cell),
                                   dp_finding_get_message (finding));
    }

  if (first == NULL)
    return FALSE;

  return dp_part_view_focus_line (dp_finding_get_part (first) == DP_PART_2 ? part2_view
                                                                         : part1_view,
                                  dp_finding_get_line (first),
                                  dp_column_for_field (dp_finding_get_field (first)));
}
