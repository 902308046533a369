/* dp-findings-list.h: the live list of the checks' errors and warnings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dagprijzen-core.h"

G_BEGIN_DECLS

#define DP_TYPE_FINDINGS_LIST (dp_findings_list_get_type ())

G_DECLARE_FINAL_TYPE (DpFindingsList, dp_findings_list, DP, FINDINGS_LIST, GtkWidget)

/* Property "dossier" (DpDossier*). Signal "finding-activated" (DpFinding*): the user chose a
 * finding, to be taken to the cell it names. */
DpDossier  *dp_findings_list_get_dossier     (DpFindingsList *self);
void        dp_findings_list_set_dossier     (DpFindingsList *self,
                                              DpDossier      *dossier);
/* Puts the focus on the first finding (or the list, when there is none). */
void        dp_findings_list_focus_first     (DpFindingsList *self);
/* The row of the finding at @index of the findings model, for tests. */
GtkWidget  *dp_findings_list_get_row         (DpFindingsList *self,
                                              guint           index);
/* Where a finding points, for people: "Part 2, line 3: capacity", "Whole dossier". */
char       *dp_finding_describe_place        (DpFinding      *finding,
                                              DpDossier      *dossier);

G_END_DECLS
