/* dp-part-view.c: one Luik of the form: its title, its table of lines, its add button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "dp-part-view.h"

/* Where Tab stops in a row, in order: the four inputs, then the move and remove buttons. */
enum {
  STOP_ROOM_TYPE,
  STOP_DESCRIPTION,
  STOP_CAPACITY,
  STOP_PRICE,
  STOP_MOVE,
  STOP_REMOVE,
  N_STOPS
};

/* How many frames to wait for a row scrolled to to get its widgets. */
#define FOCUS_TRIES 30

struct _DpPartView
{
  GtkWidget       parent_instance;

  GtkLabel       *title_label;
  GtkLabel       *description_label;
  GtkScrolledWindow *scroller;
  GtkColumnView  *column_view;
  GtkLabel       *empty_label;
  GtkButton      *add_button;

  DpPart          part;
  gboolean        read_only;
  DpDossier      *dossier;
  GBinding       *read_only_binding;
  gulong          items_changed_id;

  /* A focus request waiting for its row to be laid out. */
  DpLine         *pending_line;
  DpColumn        pending_column;
  guint           pending_tries;
  guint           pending_tick_id;

  /* Bringing the focused cell into the window's view once its row is laid out. */
  guint           reveal_tries;
  guint           reveal_tick_id;
};

G_DEFINE_FINAL_TYPE (DpPartView, dp_part_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PART,
  PROP_DOSSIER,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  LINE_REMOVED,
  LINE_MOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static DpLineCell *
find_cell_in (GtkWidget *widget,
              DpLine    *line,
              DpColumn   column)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      DpLineCell *found;

      if (DP_IS_LINE_CELL (child))
        {
          if (dp_line_cell_get_line (DP_LINE_CELL (child)) == line
              && dp_line_cell_get_column (DP_LINE_CELL (child)) == column)
            return DP_LINE_CELL (child);
          continue;
        }

      if ((found = find_cell_in (child, line, column)))
        return found;
    }

  return NULL;
}

DpLineCell *
dp_part_view_find_cell (DpPartView *self,
                        guint       position,
                        DpColumn    column)
{
  g_autoptr(DpLine) line = NULL;

  g_return_val_if_fail (DP_IS_PART_VIEW (self), NULL);

  if (self->dossier == NULL)
    return NULL;

  line = g_list_model_get_item (dp_dossier_get_lines (self->dossier, self->part), position);
  if (line == NULL)
    return NULL;

  return find_cell_in (GTK_WIDGET (self->column_view), line, column);
}

static gboolean
focus_cell_now (DpPartView *self,
                DpLine     *line,
                DpColumn    column,
                gboolean    second)
{
  DpLineCell *cell;

  cell = find_cell_in (GTK_WIDGET (self->column_view), line, column);
  if (cell == NULL || !gtk_widget_get_mapped (GTK_WIDGET (cell)))
    return FALSE;

  return dp_line_cell_focus_control (cell, second);
}

static void
clear_pending (DpPartView *self)
{
  if (self->pending_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pending_tick_id);
      self->pending_tick_id = 0;
    }
  g_clear_object (&self->pending_line);
}

static void reveal_focus (DpPartView *self);

static gboolean
pending_focus_tick (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  DpPartView *self = DP_PART_VIEW (widget);

  g_assert (DP_IS_PART_VIEW (self));

  if (self->pending_line != NULL
      && focus_cell_now (self, self->pending_line, self->pending_column, FALSE))
    reveal_focus (self);
  else if (self->pending_line != NULL && ++self->pending_tries < FOCUS_TRIES)
    return G_SOURCE_CONTINUE;

  self->pending_tick_id = 0;
  g_clear_object (&self->pending_line);
  return G_SOURCE_REMOVE;
}

static void
scroll_to_position (DpPartView *self,
                    guint       position)
{
  /* GTK 4.8 has no gtk_column_view_scroll_to(): the list inside the column view has the
   * action "list.scroll-to-item", which brings the row into view and makes its widgets. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
          return;
        }
    }
}

/* The window's GtkViewport scrolls to the focus when the focus moves, with the allocation the
 * focused widget has then: a cell of a line just added has none yet, so it would be focused
 * out of sight. Once the row is laid out, scroll the nearest enclosing scrolled window (the
 * window's) so that the focused widget shows. */
static gboolean
reveal_focus_tick (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  DpPartView *self = DP_PART_VIEW (widget);
  GtkWidget *scroller;
  GtkWidget *focus;
  GtkRoot *root;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value;
  double page;

  g_assert (DP_IS_PART_VIEW (self));

  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (focus == NULL || scroller == NULL || !gtk_widget_is_ancestor (focus, widget))
    goto done;

  if (gtk_widget_get_height (focus) <= 0 && ++self->reveal_tries < FOCUS_TRIES)
    return G_SOURCE_CONTINUE;

  if (!gtk_widget_compute_bounds (focus, scroller, &bounds))
    goto done;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.y < 0)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > page)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.y + bounds.size.height - page);

done:
  self->reveal_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
reveal_focus (DpPartView *self)
{
  self->reveal_tries = 0;
  if (self->reveal_tick_id == 0)
    self->reveal_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_focus_tick,
                                                         NULL, NULL);
}

static gboolean
focus_stop (DpPartView *self,
            DpLine     *line,
            guint       position,
            guint       stop)
{
  DpColumn column;

  switch (stop)
    {
    case STOP_ROOM_TYPE:   column = DP_COLUMN_ROOM_TYPE; break;
    case STOP_DESCRIPTION: column = DP_COLUMN_DESCRIPTION; break;
    case STOP_CAPACITY:    column = DP_COLUMN_CAPACITY; break;
    case STOP_PRICE:       column = DP_COLUMN_PRICE; break;
    default:               column = DP_COLUMN_ACTIONS; break;
    }

  if (focus_cell_now (self, line, column, stop == STOP_REMOVE))
    return TRUE;

  scroll_to_position (self, position);
  return focus_cell_now (self, line, column, stop == STOP_REMOVE);
}

gboolean
dp_part_view_focus_line (DpPartView *self,
                         DpLine     *line,
                         DpColumn    column)
{
  DpPart part;
  guint position;

  g_return_val_if_fail (DP_IS_PART_VIEW (self), FALSE);
  g_return_val_if_fail (DP_IS_LINE (line), FALSE);

  if (self->dossier == NULL
      || !dp_dossier_find_line (self->dossier, line, &part, &position)
      || part != self->part)
    return FALSE;

  clear_pending (self);

  if (focus_cell_now (self, line, column, FALSE))
    {
      reveal_focus (self);
      return TRUE;
    }

  scroll_to_position (self, position);
  if (focus_cell_now (self, line, column, FALSE))
    {
      reveal_focus (self);
      return TRUE;
    }

  /* The row is laid out at the next frame at the earliest. */
  self->pending_line = g_object_ref (line);
  self->pending_column = column;
  self->pending_tries = 0;
  self->pending_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), pending_focus_tick,
                                                        NULL, NULL);
  return TRUE;
}

DpLine *
dp_part_view_add_line (DpPartView *self)
{
  g_autoptr(DpLine) line = NULL;

  g_return_val_if_fail (DP_IS_PART_VIEW (self), NULL);

  if (self->dossier == NULL || self->read_only)
    return NULL;

  /* A new line is a single room with an empty description (handleiding 4.4.5.3). */
  line = dp_line_new (DP_ROOM_TYPE_SINGLE, "", 0, DP_CENTS_NONE);
  dp_dossier_append_line (self->dossier, self->part, line);
  dp_part_view_focus_line (self, line, DP_COLUMN_ROOM_TYPE);

  return line;
}

static DpLineCell *
focused_cell (DpPartView *self,
              GtkWidget **out_focus)
{
  GtkRoot *root;
  GtkWidget *focus;
  GtkWidget *cell;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root == NULL)
    return NULL;

  focus = gtk_root_get_focus (root);
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;

  cell = gtk_widget_get_ancestor (focus, DP_TYPE_LINE_CELL);
  if (out_focus != NULL)
    *out_focus = focus;

  return cell != NULL ? DP_LINE_CELL (cell) : NULL;
}

DpLine *
dp_part_view_get_focus_line (DpPartView *self)
{
  DpLineCell *cell;

  g_return_val_if_fail (DP_IS_PART_VIEW (self), NULL);

  cell = focused_cell (self, NULL);
  return cell != NULL ? dp_line_cell_get_line (cell) : NULL;
}

void
dp_part_view_commit (DpPartView *self)
{
  DpLineCell *cell;

  g_return_if_fail (DP_IS_PART_VIEW (self));

  if ((cell = focused_cell (self, NULL)))
    dp_line_cell_commit (cell);
}

/* Where @line stands in this Luik, when it is there and the dossier may be changed. */
static gboolean
editable_line_position (DpPartView *self,
                        DpLine     *line,
                        guint      *out_position)
{
  DpPart part;

  return self->dossier != NULL && !self->read_only
         && dp_dossier_find_line (self->dossier, line, &part, out_position)
         && part == self->part;
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    DpPartView       *self)
{
  DpLine *line;
  guint position;

  g_assert (DP_IS_PART_VIEW (self));

  line = g_object_get_data (G_OBJECT (dialog), "dp-line");

  if (g_strcmp0 (response, "remove") != 0 || !editable_line_position (self, line, &position))
    return;

  dp_dossier_remove_line (self->dossier, self->part, position);

  /* Keep the keyboard in the table: the line that took its place, or the one above. */
  {
    GListModel *lines = dp_dossier_get_lines (self->dossier, self->part);
    guint n = g_list_model_get_n_items (lines);

    if (n > 0)
      {
        g_autoptr(DpLine) next = g_list_model_get_item (lines, MIN (position, n - 1));

        dp_part_view_focus_line (self, next, DP_COLUMN_ROOM_TYPE);
      }
    else
      gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
  }
}

void
dp_part_view_confirm_remove (DpPartView *self,
                             DpLine     *line)
{
  g_autofree char *body = NULL;
  g_autofree char *price = NULL;
  GtkWidget *dialog;
  guint position;

  g_return_if_fail (DP_IS_PART_VIEW (self));
  g_return_if_fail (DP_IS_LINE (line));

  if (!editable_line_position (self, line, &position))
    return;

  price = dp_line_has_price (line) ? dp_money_format_euro (dp_line_get_price (line))
                                   : g_strdup (_("no price"));
  body = g_strdup_printf (ngettext ("Line %u of %s (%s “%s”, %u unit, %s) will be removed.",
                                    "Line %u of %s (%s “%s”, %u units, %s) will be removed.",
                                    dp_line_get_capacity (line)),
                          position + 1, dp_part_to_label (self->part),
                          dp_room_type_to_label (dp_line_get_room_type (line)),
                          dp_line_get_description (line), dp_line_get_capacity (line), price);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Remove Line?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "dp-line", g_object_ref (line), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The buttons of a row: remove at once, as on the web form (the window offers to undo it),
 * or move to the other Luik. */
static void
on_cell_remove_requested (DpLineCell *cell,
                          DpLine     *line,
                          DpPartView *self)
{
  g_autoptr(DpLine) kept = NULL;
  guint position;

  g_assert (DP_IS_PART_VIEW (self));

  if (!editable_line_position (self, line, &position))
    return;

  kept = g_object_ref (line);
  dp_dossier_remove_line (self->dossier, self->part, position);
  g_signal_emit (self, signals[LINE_REMOVED], 0, kept, position);
}

static void
on_cell_move_requested (DpLineCell *cell,
                        DpLine     *line,
                        DpPartView *self)
{
  g_autoptr(DpLine) kept = NULL;
  guint position;

  g_assert (DP_IS_PART_VIEW (self));

  if (!editable_line_position (self, line, &position))
    return;

  kept = g_object_ref (line);
  dp_dossier_move_line (self->dossier, self->part, position);
  g_signal_emit (self, signals[LINE_MOVED], 0, kept);
}

static void
on_list_item_position_notify (GtkListItem *list_item,
                              GParamSpec  *pspec,
                              DpLineCell  *cell)
{
  g_assert (DP_IS_LINE_CELL (cell));

  if (gtk_list_item_get_position (list_item) != GTK_INVALID_LIST_POSITION)
    dp_line_cell_set_position (cell, gtk_list_item_get_position (list_item));
}

static void
factory_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               DpPartView               *self)
{
  GtkWidget *cell;
  DpColumn column;

  g_assert (DP_IS_PART_VIEW (self));

  column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "dp-column"));
  cell = dp_line_cell_new (self->part, column);

  /* Made once per cell widget, for its whole life: none of them touches a line. */
  g_object_bind_property (self, "read-only", cell, "read-only", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (cell, "remove-requested",
                           G_CALLBACK (on_cell_remove_requested), self, 0);
  g_signal_connect_object (cell, "move-requested",
                           G_CALLBACK (on_cell_move_requested), self, 0);
  g_signal_connect_object (list_item, "notify::position",
                           G_CALLBACK (on_list_item_position_notify), cell, 0);

  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, cell);
}

static void
factory_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              DpPartView               *self)
{
  DpLineCell *cell = DP_LINE_CELL (gtk_list_item_get_child (list_item));

  g_assert (DP_IS_PART_VIEW (self));

  dp_line_cell_set_line (cell, gtk_list_item_get_item (list_item));
  dp_line_cell_set_position (cell, gtk_list_item_get_position (list_item));
}

static void
factory_unbind (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                DpPartView               *self)
{
  DpLineCell *cell = DP_LINE_CELL (gtk_list_item_get_child (list_item));

  g_assert (DP_IS_PART_VIEW (self));

  dp_line_cell_set_line (cell, NULL);
}

static void
add_column (DpPartView *self,
            DpColumn    column,
            const char *title,
            gboolean    expand)
{
  GtkListItemFactory *factory;
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  factory = gtk_signal_list_item_factory_new ();
  g_object_set_data (G_OBJECT (factory), "dp-column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind), self);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
}

static void
setup_columns (DpPartView *self)
{
  add_column (self, DP_COLUMN_ROOM_TYPE, dp_column_get_title (self->part, DP_COLUMN_ROOM_TYPE),
              FALSE);
  add_column (self, DP_COLUMN_DESCRIPTION,
              dp_column_get_title (self->part, DP_COLUMN_DESCRIPTION), TRUE);
  add_column (self, DP_COLUMN_CAPACITY, dp_column_get_title (self->part, DP_COLUMN_CAPACITY),
              FALSE);
  add_column (self, DP_COLUMN_PRICE,
              self->part == DP_PART_2 ? _("Gross price") : _("Price per resident"), FALSE);
  if (self->part == DP_PART_2)
    add_column (self, DP_COLUMN_NET_PRICE, _("Net price"), FALSE);
  add_column (self, DP_COLUMN_CHANGE, _("Change"), FALSE);
  add_column (self, DP_COLUMN_ACTIONS, "", FALSE);
}

static guint
stop_of (DpLineCell *cell,
         GtkWidget  *focus)
{
  switch (dp_line_cell_get_column (cell))
    {
    case DP_COLUMN_ROOM_TYPE:   return STOP_ROOM_TYPE;
    case DP_COLUMN_DESCRIPTION: return STOP_DESCRIPTION;
    case DP_COLUMN_CAPACITY:    return STOP_CAPACITY;
    case DP_COLUMN_PRICE:       return STOP_PRICE;
    case DP_COLUMN_ACTIONS:
      return gtk_widget_is_ancestor (focus, dp_line_cell_get_remove_button (cell))
             || focus == dp_line_cell_get_remove_button (cell) ? STOP_REMOVE : STOP_MOVE;
    case DP_COLUMN_NET_PRICE:
    case DP_COLUMN_CHANGE:
    default:
      return STOP_PRICE;
    }
}

/* Tab and Shift+Tab walk the cells row by row, as in a spreadsheet; GtkColumnView alone
 * would leave the table at the end of the first row. Past the last cell the focus goes on
 * to the add button, before the first one back to what precedes the table. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DpPartView            *self)
{
  g_autoptr(DpLine) target = NULL;
  GListModel *lines;
  GtkWidget *focus = NULL;
  DpLineCell *cell;
  DpLine *line;
  gboolean backward;
  DpPart part;
  guint position;
  guint stop;

  g_assert (DP_IS_PART_VIEW (self));

  if (self->dossier == NULL)
    return GDK_EVENT_PROPAGATE;

  if ((keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete)
      && (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) == 0)
    {
      /* Delete in a text field deletes text; elsewhere in a row it removes the line. */
      cell = focused_cell (self, &focus);
      if (cell == NULL || GTK_IS_TEXT (focus) || self->read_only)
        return GDK_EVENT_PROPAGATE;
      dp_part_view_confirm_remove (self, dp_line_cell_get_line (cell));
      return GDK_EVENT_STOP;
    }

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return GDK_EVENT_PROPAGATE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || self->read_only)
    return GDK_EVENT_PROPAGATE;

  cell = focused_cell (self, &focus);
  if (cell == NULL || (line = dp_line_cell_get_line (cell)) == NULL
      || !dp_dossier_find_line (self->dossier, line, &part, &position))
    return GDK_EVENT_PROPAGATE;

  /* A dropdown's popover has focus inside the row too: leave it its own keys. */
  if (gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
    return GDK_EVENT_PROPAGATE;

  backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;
  stop = stop_of (cell, focus);
  lines = dp_dossier_get_lines (self->dossier, self->part);

  if (!backward && stop + 1 < N_STOPS)
    {
      stop++;
    }
  else if (!backward)
    {
      if (position + 1 >= g_list_model_get_n_items (lines))
        return GDK_EVENT_PROPAGATE;
      position++;
      stop = 0;
    }
  else if (stop > 0)
    {
      stop--;
    }
  else
    {
      if (position == 0)
        return GDK_EVENT_PROPAGATE;
      position--;
      stop = N_STOPS - 1;
    }

  dp_line_cell_commit (cell);
  target = g_list_model_get_item (lines, position);
  if (target == NULL || !focus_stop (self, target, position, stop))
    return GDK_EVENT_PROPAGATE;

  return GDK_EVENT_STOP;
}

static void
on_lines_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  DpPartView *self)
{
  g_assert (DP_IS_PART_VIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label),
                          g_list_model_get_n_items (model) == 0);
}

static void
update_texts (DpPartView *self)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  if (self->part == DP_PART_1)
    {
      title = g_strdup_printf (_("%s: day prices not subject to the infrastructure allowance "
                                 "discount"), dp_part_to_label (DP_PART_1));
      description = g_strdup (_("The units for which the facility receives no infrastructure "
                                "allowance. A double room counts as two units; the price is "
                                "per resident, not per room."));
    }
  else
    {
      g_autofree char *discount = NULL;

      discount = self->dossier != NULL
                 ? dp_money_format_euro (dp_campaign_get_discount (
                     dp_dossier_get_campaign (self->dossier)))
                 : g_strdup ("—");
      title = g_strdup_printf (_("%s: day prices subject to the infrastructure allowance "
                                 "discount"), dp_part_to_label (DP_PART_2));
      description = g_strdup_printf (_("Enter the gross price per resident: the discount of "
                                       "%s per day is deducted automatically to give the net "
                                       "price."), discount);
    }

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->description_label, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  /* Both Luiken have an add button: say which one this is. */
  {
    g_autofree char *add = g_strdup_printf (_("Add a line to %s"),
                                            dp_part_to_label (self->part));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, add, -1);
    /* Its content labels it too, which GTK 4.8 would append ("… Add Line"). */
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->add_button),
                                   GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), add);
  }
}

static void
set_read_only (DpPartView *self,
               gboolean    read_only)
{
  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "part.add-line", !read_only);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

void
dp_part_view_set_dossier (DpPartView *self,
                          DpDossier  *dossier)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (DP_IS_PART_VIEW (self));
  g_return_if_fail (dossier == NULL || DP_IS_DOSSIER (dossier));

  if (self->dossier == dossier)
    return;

  clear_pending (self);
  g_clear_pointer (&self->read_only_binding, g_binding_unbind);
  if (self->dossier != NULL)
    g_clear_signal_handler (&self->items_changed_id,
                            dp_dossier_get_lines (self->dossier, self->part));
  g_set_object (&self->dossier, dossier);

  if (dossier != NULL)
    {
      GListModel *lines = dp_dossier_get_lines (dossier, self->part);

      selection = gtk_no_selection_new (g_object_ref (lines));
      self->items_changed_id = g_signal_connect (lines, "items-changed",
                                                 G_CALLBACK (on_lines_changed), self);
      on_lines_changed (lines, 0, 0, 0, self);
      self->read_only_binding = g_object_bind_property (dossier, "read-only",
                                                        self, "read-only",
                                                        G_BINDING_SYNC_CREATE);
    }
  else
    set_read_only (self, TRUE);

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  update_texts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOSSIER]);
}

DpDossier *
dp_part_view_get_dossier (DpPartView *self)
{
  g_return_val_if_fail (DP_IS_PART_VIEW (self), NULL);

  return self->dossier;
}

DpPart
dp_part_view_get_part (DpPartView *self)
{
  g_return_val_if_fail (DP_IS_PART_VIEW (self), DP_PART_1);

  return self->part;
}

static void
add_line_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  dp_part_view_add_line (DP_PART_VIEW (widget));
}

static void
dp_part_view_constructed (GObject *object)
{
  DpPartView *self = (DpPartView *)object;

  G_OBJECT_CLASS (dp_part_view_parent_class)->constructed (object);

  setup_columns (self);
  update_texts (self);
}

static void
dp_part_view_dispose (GObject *object)
{
  DpPartView *self = (DpPartView *)object;

  clear_pending (self);
  if (self->reveal_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick_id);
      self->reveal_tick_id = 0;
    }
  g_clear_pointer (&self->read_only_binding, g_binding_unbind);
  if (self->dossier != NULL)
    g_clear_signal_handler (&self->items_changed_id,
                            dp_dossier_get_lines (self->dossier, self->part));
  g_clear_object (&self->dossier);

  gtk_widget_dispose_template (GTK_WIDGET (self), DP_TYPE_PART_VIEW);
  /* Children without an id in the template are ours to unparent. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dp_part_view_parent_class)->dispose (object);
}

static void
dp_part_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DpPartView *self = DP_PART_VIEW (object);

  switch (prop_id)
    {
    case PROP_PART:
      g_value_set_enum (value, self->part);
      break;
    case PROP_DOSSIER:
      g_value_set_object (value, self->dossier);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_part_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DpPartView *self = DP_PART_VIEW (object);

  switch (prop_id)
    {
    case PROP_PART:
      self->part = g_value_get_enum (value);
      break;
    case PROP_DOSSIER:
      dp_part_view_set_dossier (self, g_value_get_object (value));
      break;
    case PROP_READ_ONLY:
      set_read_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_part_view_class_init (DpPartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dp_part_view_constructed;
  object_class->dispose = dp_part_view_dispose;
  object_class->get_property = dp_part_view_get_property;
  object_class->set_property = dp_part_view_set_property;

  properties[PROP_PART] =
    g_param_spec_enum ("part", NULL, NULL, DP_TYPE_PART, DP_PART_1,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOSSIER] =
    g_param_spec_object ("dossier", NULL, NULL, DP_TYPE_DOSSIER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Writable only so that the dossier's "read-only" can be bound to it. */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LINE_REMOVED] =
    g_signal_new ("line-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, DP_TYPE_LINE, G_TYPE_UINT);
  signals[LINE_MOVED] =
    g_signal_new ("line-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, DP_TYPE_LINE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dagprijzen/Dagprijzen/dp-part-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DpPartView, title_label);
  gtk_widget_class_bind_template_child (widget_class, DpPartView, description_label);
  gtk_widget_class_bind_template_child (widget_class, DpPartView, scroller);
  gtk_widget_class_bind_template_child (widget_class, DpPartView, column_view);
  gtk_widget_class_bind_template_child (widget_class, DpPartView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, DpPartView, add_button);

  gtk_widget_class_install_action (widget_class, "part.add-line", NULL, add_line_action);

  gtk_widget_class_set_css_name (widget_class, "dp-part-view");
}

static void
dp_part_view_init (DpPartView *self)
{
  GtkEventController *keys;

  self->read_only = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);

  gtk_widget_set_visible (GTK_WIDGET (self->add_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "part.add-line", FALSE);
}
