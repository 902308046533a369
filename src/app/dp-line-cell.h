/* dp-line-cell.h: one cell of a Luik's table, recycled from line to line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dagprijzen-core.h"

G_BEGIN_DECLS

/* The columns of a Luik's table, in the order of the form. */
typedef enum {
  DP_COLUMN_ROOM_TYPE,
  DP_COLUMN_DESCRIPTION,
  DP_COLUMN_CAPACITY,
  DP_COLUMN_PRICE,      /* price per resident; the gross price in Luik 2 */
  DP_COLUMN_NET_PRICE,  /* Luik 2 only: read-only, price − discount */
  DP_COLUMN_CHANGE,     /* read-only: the change against last year's matching line */
  DP_COLUMN_ACTIONS,    /* move to the other Luik, remove */
} DpColumn;

#define DP_TYPE_LINE_CELL (dp_line_cell_get_type ())

G_DECLARE_FINAL_TYPE (DpLineCell, dp_line_cell, DP, LINE_CELL, GtkWidget)

/* Properties: "line" (DpLine*, read-write: set in the factory's bind, cleared in unbind),
 * "read-only" (gboolean). Signals: "remove-requested" and "move-requested" (DpLine*), emitted
 * by the buttons of the actions column. */

GtkWidget  *dp_line_cell_new            (DpPart      part,
                                         DpColumn    column);
DpPart      dp_line_cell_get_part       (DpLineCell *self);
DpColumn    dp_line_cell_get_column     (DpLineCell *self);
DpLine     *dp_line_cell_get_line       (DpLineCell *self);
/* Binds the cell to @line (or to nothing): every binding and handler of the previous line
 * is undone first, so that a recycled cell never shows or edits a line it no longer holds. */
void        dp_line_cell_set_line       (DpLineCell *self,
                                         DpLine     *line);
/* The 0-based row the cell stands on, for its accessible name ("line 3"). */
void        dp_line_cell_set_position   (DpLineCell *self,
                                         guint       position);
void        dp_line_cell_set_read_only  (DpLineCell *self,
                                         gboolean    read_only);
/* Puts the keyboard focus in the cell's control (in the actions column: the button named by
 * @second, FALSE for "move", TRUE for "remove"). FALSE when the cell has nothing to focus. */
gboolean    dp_line_cell_focus_control  (DpLineCell *self,
                                         gboolean    second);
/* Takes what is typed in a price or capacity cell, as Enter or leaving the cell does. */
void        dp_line_cell_commit         (DpLineCell *self);
/* TRUE while the price cell holds text that is not a valid amount. */
gboolean    dp_line_cell_get_invalid    (DpLineCell *self);

/* The inner widgets, for tests and focus handling: the drop-down, entry, spin button or
 * label of the column; in the actions column the move and remove buttons. */
GtkWidget  *dp_line_cell_get_control    (DpLineCell *self);
GtkWidget  *dp_line_cell_get_drop_down_button (DpLineCell *self);
GtkWidget  *dp_line_cell_get_move_button   (DpLineCell *self);
GtkWidget  *dp_line_cell_get_remove_button (DpLineCell *self);

/* The column's name, as the accessible names of its cells say it ("Price per resident"). */
const char *dp_column_get_title         (DpPart      part,
                                         DpColumn    column);

/* "+2,1 %" for the change from @previous to @current cents, exactly to one decimal,
 * rounded half away from zero; NULL when either is missing or @previous is not positive. */
char       *dp_format_change            (gint64      previous,
                                         gint64      current);

G_END_DECLS
