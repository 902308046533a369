/* dp-part-view.h: one Luik of the form: its title, its table of lines, its add button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dagprijzen-core.h"
#include "dp-line-cell.h"

G_BEGIN_DECLS

#define DP_TYPE_PART_VIEW (dp_part_view_get_type ())

G_DECLARE_FINAL_TYPE (DpPartView, dp_part_view, DP, PART_VIEW, GtkWidget)

/* Properties: "part" (DpPart, construct-only), "dossier" (DpDossier*), "read-only"
 * (gboolean, read-only: follows the dossier's).
 * Signals: "line-removed" (DpLine*, guint position) after the remove button took a line
 * out (the window offers to undo it); "line-moved" (DpLine*) after a line went to the other
 * Luik. */

DpPart      dp_part_view_get_part        (DpPartView *self);
DpDossier  *dp_part_view_get_dossier     (DpPartView *self);
void        dp_part_view_set_dossier     (DpPartView *self,
                                          DpDossier  *dossier);

/* Appends a new line (a single room, empty description) and puts the focus in it. */
DpLine     *dp_part_view_add_line        (DpPartView *self);
/* Scrolls to @line and puts the focus in its cell of @column, now or as soon as the row is
 * laid out. FALSE when @line is not in this Luik. */
gboolean    dp_part_view_focus_line      (DpPartView *self,
                                          DpLine     *line,
                                          DpColumn    column);
/* The cell of @column that shows the line at @position, or NULL while that row has no
 * widgets (scrolled out of sight). */
DpLineCell *dp_part_view_find_cell       (DpPartView *self,
                                          guint       position,
                                          DpColumn    column);
/* Asks (AdwMessageDialog) whether to remove @line, and removes it on "Remove". */
void        dp_part_view_confirm_remove  (DpPartView *self,
                                          DpLine     *line);
/* The line whose cell holds the keyboard focus, or NULL. */
DpLine     *dp_part_view_get_focus_line  (DpPartView *self);
/* Commits a price typed in the focused cell but not yet entered. */
void        dp_part_view_commit          (DpPartView *self);

G_END_DECLS
