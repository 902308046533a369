/* dp-line-cell.c: one cell of a Luik's table, recycled from line to line.
 *
 * GtkColumnView makes a handful of cells and moves them from item to item as the user
 * scrolls. A cell therefore never connects to a line for longer than it shows it: every
 * binding and signal handler on the line is made in dp_line_cell_set_line() and undone there
 * before the next line is taken. Handlers on the cell's own children are made once, at
 * construction, and look up the cell's current line when they run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>

#include "dp-line-cell.h"

struct _DpLineCell
{
  GtkWidget   parent_instance;

  DpPart      part;
  DpColumn    column;
  guint       position;
  gboolean    read_only;
  gboolean    invalid;

  DpLine     *line;
  GPtrArray  *bindings;       /* GBinding*, on the current line only */
  gulong      notify_ids[2];  /* handlers on the current line only */

  GtkWidget  *control;        /* the column's control */
  GtkWidget  *drop_down_button; /* room type column only: where the focus goes */
  GtkWidget  *move_button;    /* actions column only */
  GtkWidget  *remove_button;
};

G_DEFINE_FINAL_TYPE (DpLineCell, dp_line_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LINE,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  REMOVE_REQUESTED,
  MOVE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

const char *
dp_column_get_title (DpPart   part,
                     DpColumn column)
{
  switch (column)
    {
    case DP_COLUMN_ROOM_TYPE:   return _("Room type");
    case DP_COLUMN_DESCRIPTION: return _("Description");
    case DP_COLUMN_CAPACITY:    return _("Capacity");
    case DP_COLUMN_PRICE:
      return part == DP_PART_2 ? _("Gross price per resident") : _("Price per resident");
    case DP_COLUMN_NET_PRICE:   return _("Net price per resident");
    case DP_COLUMN_CHANGE:      return _("Change against last year");
    case DP_COLUMN_ACTIONS:     return _("Actions");
    default:                    g_return_val_if_reached ("");
    }
}

char *
dp_format_change (gint64 previous,
                  gint64 current)
{
  const char *point;
  gint64 diff;
  gint64 tenths;
  gint64 remainder;

  if (previous == DP_CENTS_NONE || current == DP_CENTS_NONE || previous <= 0)
    return NULL;

  /* Tenths of a percent, in whole numbers: 1000 × diff / previous, rounded half away from
   * zero. Amounts are bounded by DP_CENTS_MAX, so the product cannot overflow. */
  diff = current - previous;
  tenths = (ABS (diff) * 1000) / previous;
  remainder = (ABS (diff) * 1000) % previous;
  if (remainder * 2 >= previous)
    tenths++;

  point = localeconv ()->decimal_point;
  if (point == NULL || *point == '\0')
    point = ".";

  if (tenths == 0)
    return g_strdup_printf ("0%s0 %%", point);

  return g_strdup_printf ("%s%" G_GINT64_FORMAT "%s%" G_GINT64_FORMAT " %%",
                          diff < 0 ? "−" : "+", tenths / 10, point, tenths % 10);
}

static void
update_accessible_labels (DpLineCell *self)
{
  g_autofree char *label = NULL;

  /* "Price per resident, Part 1, line 3": what a screen reader says on entering the cell. */
  label = g_strdup_printf (_("%s, %s, line %u"), dp_column_get_title (self->part, self->column),
                           dp_part_to_label (self->part), self->position + 1);

  if (self->column == DP_COLUMN_ACTIONS)
    {
      g_autofree char *move = NULL;
      g_autofree char *remove = NULL;

      move = g_strdup_printf (_("Move line %u to %s"), self->position + 1,
                              dp_part_to_label (self->part == DP_PART_1 ? DP_PART_2 : DP_PART_1));
      remove = g_strdup_printf (_("Remove line %u of %s"), self->position + 1,
                                dp_part_to_label (self->part));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->move_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, move, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
      gtk_widget_set_tooltip_text (self->move_button, move);
      gtk_widget_set_tooltip_text (self->remove_button, remove);
    }
  else
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->control),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }

  /* The focus lands on the dropdown's own button, not on the dropdown: name that too, or
   * a screen reader announces an unnamed toggle button. */
  if (self->drop_down_button != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->drop_down_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* The room type shown, as the description of the button that has the focus. */
static void
on_room_type_selected (GtkDropDown *drop_down,
                       GParamSpec  *pspec,
                       DpLineCell  *self)
{
  guint selected;

  g_assert (DP_IS_LINE_CELL (self));

  selected = gtk_drop_down_get_selected (drop_down);
  if (self->drop_down_button == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drop_down_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  dp_room_type_to_label (selected == 1 ? DP_ROOM_TYPE_DOUBLE
                                                                       : DP_ROOM_TYPE_SINGLE),
                                  -1);
}

static void
set_invalid (DpLineCell *self,
             const char *message)
{
  self->invalid = message != NULL;

  if (message != NULL)
    {
      gtk_widget_add_css_class (self->control, "error");
      gtk_widget_set_tooltip_text (self->control, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->control),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->control),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (self->control, "error");
      gtk_widget_set_tooltip_text (self->control, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->control),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->control), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* The model's price into the entry; whatever was typed and refused is dropped with it. */
static void
show_price (DpLineCell *self)
{
  g_autofree char *text = NULL;

  text = self->line != NULL ? dp_money_format (dp_line_get_price (self->line)) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->control), text);
  set_invalid (self, NULL);
}

void
dp_line_cell_commit (DpLineCell *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  const char *text;
  gint64 cents;

  g_return_if_fail (DP_IS_LINE_CELL (self));

  if (self->line == NULL || self->read_only)
    return;

  /* A spin button takes what is typed on Enter or when left; saving and closing do not wait
   * for either. */
  if (self->column == DP_COLUMN_CAPACITY)
    {
      gtk_spin_button_update (GTK_SPIN_BUTTON (self->control));
      return;
    }

  if (self->column != DP_COLUMN_PRICE)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->control));
  shown = dp_money_format (dp_line_get_price (self->line));
  if (g_strcmp0 (text, shown) == 0)
    {
      set_invalid (self, NULL);
      return;
    }

  /* An emptied cell means "not filled in yet", which a draft may be (prijs-ontbreekt says so
   * in the findings); anything else must be an amount. */
  {
    g_autofree char *stripped = g_strstrip (g_strdup (text));

    if (*stripped == '\0')
      {
        dp_line_set_price (self->line, DP_CENTS_NONE);
        show_price (self);
        return;
      }
  }

  if (!dp_money_parse (text, &cents, &error))
    {
      /* The model keeps its last valid value; the text stays so that nothing typed is lost
       * until it is corrected. */
      set_invalid (self, error->message);
      return;
    }

  dp_line_set_price (self->line, cents);
  show_price (self);
}

gboolean
dp_line_cell_get_invalid (DpLineCell *self)
{
  g_return_val_if_fail (DP_IS_LINE_CELL (self), FALSE);

  return self->invalid;
}

static void
on_price_activate (GtkEntry   *entry,
                   DpLineCell *self)
{
  g_assert (DP_IS_LINE_CELL (self));

  dp_line_cell_commit (self);
}

static void
on_price_leave (GtkEventControllerFocus *controller,
                DpLineCell              *self)
{
  g_assert (DP_IS_LINE_CELL (self));

  dp_line_cell_commit (self);
}

static void
on_line_price_notify (DpLine     *line,
                      GParamSpec *pspec,
                      DpLineCell *self)
{
  g_assert (DP_IS_LINE_CELL (self));

  show_price (self);
}

static void
update_net_price (DpLineCell *self)
{
  gint64 net;
  g_autofree char *text = NULL;

  net = self->line != NULL ? dp_line_get_net_price (self->line) : DP_CENTS_NONE;
  text = net == DP_CENTS_NONE ? g_strdup ("—") : dp_money_format_euro (net);
  gtk_label_set_label (GTK_LABEL (self->control), text);

  if (net != DP_CENTS_NONE && net <= 0)
    gtk_widget_add_css_class (self->control, "error");
  else
    gtk_widget_remove_css_class (self->control, "error");
}

static void
on_line_net_price_notify (DpLine     *line,
                          GParamSpec *pspec,
                          DpLineCell *self)
{
  g_assert (DP_IS_LINE_CELL (self));

  update_net_price (self);
}

static void
update_change (DpLineCell *self)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  gint64 previous = DP_CENTS_NONE;
  gint64 current = DP_CENTS_NONE;

  if (self->line != NULL)
    {
      previous = dp_line_get_previous_price (self->line);
      current = dp_line_get_price (self->line);
    }

  text = dp_format_change (previous, current);
  if (previous != DP_CENTS_NONE)
    {
      g_autofree char *amount = dp_money_format_euro (previous);

      tooltip = g_strdup_printf (_("Last year: %s per resident"), amount);
    }
  else if (self->line != NULL)
    tooltip = g_strdup (_("No matching line in last year’s submission"));

  gtk_label_set_label (GTK_LABEL (self->control), text != NULL ? text : "—");
  gtk_widget_set_tooltip_text (self->control, tooltip);
}

static void
on_line_change_notify (DpLine     *line,
                       GParamSpec *pspec,
                       DpLineCell *self)
{
  g_assert (DP_IS_LINE_CELL (self));

  update_change (self);
}

static gboolean
room_type_to_selected (GBinding     *binding,
                       const GValue *from,
                       GValue       *to,
                       gpointer      user_data)
{
  g_value_set_uint (to, g_value_get_enum (from) == DP_ROOM_TYPE_DOUBLE ? 1 : 0);
  return TRUE;
}

static gboolean
selected_to_room_type (GBinding     *binding,
                       const GValue *from,
                       GValue       *to,
                       gpointer      user_data)
{
  guint selected = g_value_get_uint (from);

  if (selected == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_value_set_enum (to, selected == 1 ? DP_ROOM_TYPE_DOUBLE : DP_ROOM_TYPE_SINGLE);
  return TRUE;
}

static void
unbind_line (DpLineCell *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);

  for (guint i = 0; i < G_N_ELEMENTS (self->notify_ids); i++)
    if (self->line != NULL)
      g_clear_signal_handler (&self->notify_ids[i], self->line);
}

static void
bind_line (DpLineCell *self)
{
  DpLine *line = self->line;

  switch (self->column)
    {
    case DP_COLUMN_ROOM_TYPE:
      g_ptr_array_add (self->bindings,
                       g_object_bind_property_full (line, "room-type", self->control, "selected",
                                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                                    room_type_to_selected, selected_to_room_type,
                                                    NULL, NULL));
      break;

    case DP_COLUMN_DESCRIPTION:
      g_ptr_array_add (self->bindings,
                       g_object_bind_property (line, "description", self->control, "text",
                                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE));
      break;

    case DP_COLUMN_CAPACITY:
      g_ptr_array_add (self->bindings,
                       g_object_bind_property (line, "capacity", self->control, "value",
                                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE));
      break;

    case DP_COLUMN_PRICE:
      self->notify_ids[0] = g_signal_connect (line, "notify::price",
                                              G_CALLBACK (on_line_price_notify), self);
      show_price (self);
      break;

    case DP_COLUMN_NET_PRICE:
      self->notify_ids[0] = g_signal_connect (line, "notify::net-price",
                                              G_CALLBACK (on_line_net_price_notify), self);
      update_net_price (self);
      break;

    case DP_COLUMN_CHANGE:
      self->notify_ids[0] = g_signal_connect (line, "notify::price",
                                              G_CALLBACK (on_line_change_notify), self);
      self->notify_ids[1] = g_signal_connect (line, "notify::previous-price",
                                              G_CALLBACK (on_line_change_notify), self);
      update_change (self);
      break;

    case DP_COLUMN_ACTIONS:
    default:
      break;
    }
}

static void
clear_controls (DpLineCell *self)
{
  switch (self->column)
    {
    case DP_COLUMN_DESCRIPTION:
      gtk_editable_set_text (GTK_EDITABLE (self->control), "");
      break;
    case DP_COLUMN_PRICE:
      show_price (self);
      break;
    case DP_COLUMN_NET_PRICE:
      update_net_price (self);
      break;
    case DP_COLUMN_CHANGE:
      update_change (self);
      break;
    case DP_COLUMN_ROOM_TYPE:
    case DP_COLUMN_CAPACITY:
    case DP_COLUMN_ACTIONS:
    default:
      break;
    }
}

void
dp_line_cell_set_line (DpLineCell *self,
                       DpLine     *line)
{
  g_return_if_fail (DP_IS_LINE_CELL (self));
  g_return_if_fail (line == NULL || DP_IS_LINE (line));

  if (self->line == line)
    return;

  /* A price typed but not committed belongs to the line it was typed for. */
  if (self->line != NULL && self->column == DP_COLUMN_PRICE && !self->invalid)
    dp_line_cell_commit (self);

  unbind_line (self);
  g_set_object (&self->line, line);

  if (line != NULL)
    bind_line (self);
  else
    clear_controls (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE]);
}

DpLine *
dp_line_cell_get_line (DpLineCell *self)
{
  g_return_val_if_fail (DP_IS_LINE_CELL (self), NULL);

  return self->line;
}

DpPart
dp_line_cell_get_part (DpLineCell *self)
{
  g_return_val_if_fail (DP_IS_LINE_CELL (self), DP_PART_1);

  return self->part;
}

DpColumn
dp_line_cell_get_column (DpLineCell *self)
{
  g_return_val_if_fail (DP_IS_LINE_CELL (self), DP_COLUMN_ROOM_TYPE);

  return self->column;
}

void
dp_line_cell_set_position (DpLineCell *self,
                           guint       position)
{
  g_return_if_fail (DP_IS_LINE_CELL (self));

  self->position = position;
  update_accessible_labels (self);
}

void
dp_line_cell_set_read_only (DpLineCell *self,
                            gboolean    read_only)
{
  g_return_if_fail (DP_IS_LINE_CELL (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;
  self->read_only = read_only;

  switch (self->column)
    {
    case DP_COLUMN_DESCRIPTION:
    case DP_COLUMN_PRICE:
      gtk_editable_set_editable (GTK_EDITABLE (self->control), !read_only);
      /* A submitted dossier reads as text, not as fields waiting for input. */
      if (read_only)
        gtk_widget_add_css_class (self->control, "dp-read-only");
      else
        gtk_widget_remove_css_class (self->control, "dp-read-only");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->control),
                                      GTK_ACCESSIBLE_PROPERTY_READ_ONLY, read_only, -1);
      break;
    case DP_COLUMN_CAPACITY:
    case DP_COLUMN_ROOM_TYPE:
      gtk_widget_set_sensitive (self->control, !read_only);
      break;
    case DP_COLUMN_ACTIONS:
      gtk_widget_set_visible (self->control, !read_only);
      break;
    case DP_COLUMN_NET_PRICE:
    case DP_COLUMN_CHANGE:
    default:
      break;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

gboolean
dp_line_cell_focus_control (DpLineCell *self,
                            gboolean    second)
{
  g_return_val_if_fail (DP_IS_LINE_CELL (self), FALSE);

  if (self->column == DP_COLUMN_ACTIONS)
    {
      if (self->read_only)
        return FALSE;
      return gtk_widget_grab_focus (second ? self->remove_button : self->move_button);
    }

  if (!gtk_widget_get_focusable (self->control) && !GTK_IS_EDITABLE (self->control)
      && !GTK_IS_DROP_DOWN (self->control))
    return FALSE;

  return gtk_widget_grab_focus (self->control);
}

GtkWidget *
dp_line_cell_get_control (DpLineCell *self)
{
  g_return_val_if_fail (DP_IS_LINE_CELL (self), NULL);

  return self->control;
}

GtkWidget *
dp_line_cell_get_drop_down_button (DpLineCell *self)
{
  g_return_val_if_fail (DP_IS_LINE_CELL (self), NULL);

  return self->drop_down_button;
}

GtkWidget *
dp_line_cell_get_move_button (DpLineCell *self)
{
  g_return_val_if_fail (DP_IS_LINE_CELL (self), NULL);

  return self->move_button;
}

GtkWidget *
dp_line_cell_get_remove_button (DpLineCell *self)
{
  g_return_val_if_fail (DP_IS_LINE_CELL (self), NULL);

  return self->remove_button;
}

static void
on_move_clicked (GtkButton  *button,
                 DpLineCell *self)
{
  g_assert (DP_IS_LINE_CELL (self));

  if (self->line != NULL && !self->read_only)
    g_signal_emit (self, signals[MOVE_REQUESTED], 0, self->line);
}

static void
on_remove_clicked (GtkButton  *button,
                   DpLineCell *self)
{
  g_assert (DP_IS_LINE_CELL (self));

  if (self->line != NULL && !self->read_only)
    g_signal_emit (self, signals[REMOVE_REQUESTED], 0, self->line);
}

static void
create_controls (DpLineCell *self)
{
  switch (self->column)
    {
    case DP_COLUMN_ROOM_TYPE:
      {
        const char *labels[] = {
          dp_room_type_to_label (DP_ROOM_TYPE_SINGLE),
          dp_room_type_to_label (DP_ROOM_TYPE_DOUBLE),
          NULL
        };

        self->control = gtk_drop_down_new_from_strings (labels);
        /* GTK 4.8's dropdown takes the focus on an inner toggle button of its own. */
        for (GtkWidget *child = gtk_widget_get_first_child (self->control);
             child != NULL;
             child = gtk_widget_get_next_sibling (child))
          if (GTK_IS_TOGGLE_BUTTON (child))
            self->drop_down_button = child;
        g_signal_connect (self->control, "notify::selected",
                          G_CALLBACK (on_room_type_selected), self);
        on_room_type_selected (GTK_DROP_DOWN (self->control), NULL, self);
      }
      break;

    case DP_COLUMN_DESCRIPTION:
      self->control = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (self->control), 16);
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->control), _("e.g. Standard room"));
      break;

    case DP_COLUMN_CAPACITY:
      self->control = gtk_spin_button_new_with_range (0, 9999, 1);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->control), TRUE);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->control), 0);
      gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (self->control), GTK_UPDATE_IF_VALID);
      gtk_editable_set_width_chars (GTK_EDITABLE (self->control), 4);
      break;

    case DP_COLUMN_PRICE:
      {
        GtkEventController *focus;

        self->control = gtk_entry_new ();
        gtk_editable_set_width_chars (GTK_EDITABLE (self->control), 8);
        gtk_editable_set_alignment (GTK_EDITABLE (self->control), 1.0);
        gtk_entry_set_input_purpose (GTK_ENTRY (self->control), GTK_INPUT_PURPOSE_NUMBER);
        gtk_entry_set_placeholder_text (GTK_ENTRY (self->control), "0,00");
        g_signal_connect (self->control, "activate", G_CALLBACK (on_price_activate), self);
        focus = gtk_event_controller_focus_new ();
        g_signal_connect (focus, "leave", G_CALLBACK (on_price_leave), self);
        gtk_widget_add_controller (self->control, focus);
      }
      break;

    case DP_COLUMN_NET_PRICE:
      self->control = gtk_label_new ("—");
      gtk_label_set_xalign (GTK_LABEL (self->control), 1.0);
      gtk_widget_add_css_class (self->control, "numeric");
      gtk_widget_set_tooltip_text (self->control, _("Computed: the gross price less the "
                                                    "infrastructure allowance discount"));
      break;

    case DP_COLUMN_CHANGE:
      self->control = gtk_label_new ("—");
      gtk_label_set_xalign (GTK_LABEL (self->control), 1.0);
      gtk_widget_add_css_class (self->control, "numeric");
      gtk_widget_add_css_class (self->control, "dim-label");
      gtk_widget_add_css_class (self->control, "caption");
      break;

    case DP_COLUMN_ACTIONS:
      self->control = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      self->move_button = gtk_button_new_from_icon_name (self->part == DP_PART_1
                                                         ? "go-down-symbolic"
                                                         : "go-up-symbolic");
      self->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_add_css_class (self->move_button, "flat");
      gtk_widget_add_css_class (self->remove_button, "flat");
      g_signal_connect (self->move_button, "clicked", G_CALLBACK (on_move_clicked), self);
      g_signal_connect (self->remove_button, "clicked", G_CALLBACK (on_remove_clicked), self);
      gtk_box_append (GTK_BOX (self->control), self->move_button);
      gtk_box_append (GTK_BOX (self->control), self->remove_button);
      break;

    default:
      g_return_if_reached ();
    }

  gtk_widget_set_valign (self->control, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->control, GTK_WIDGET (self));
}

GtkWidget *
dp_line_cell_new (DpPart   part,
                  DpColumn column)
{
  DpLineCell *self;

  g_return_val_if_fail (column <= DP_COLUMN_ACTIONS, NULL);

  self = g_object_new (DP_TYPE_LINE_CELL, NULL);
  self->part = part;
  self->column = column;
  create_controls (self);
  update_accessible_labels (self);
  if (column == DP_COLUMN_NET_PRICE || column == DP_COLUMN_CHANGE)
    clear_controls (self);

  return GTK_WIDGET (self);
}

static void
dp_line_cell_dispose (GObject *object)
{
  DpLineCell *self = (DpLineCell *)object;

  if (self->bindings != NULL)
    unbind_line (self);
  g_clear_object (&self->line);
  self->drop_down_button = NULL;
  g_clear_pointer (&self->control, gtk_widget_unparent);

  G_OBJECT_CLASS (dp_line_cell_parent_class)->dispose (object);
}

static void
dp_line_cell_finalize (GObject *object)
{
  DpLineCell *self = (DpLineCell *)object;

  g_clear_pointer (&self->bindings, g_ptr_array_unref);

  G_OBJECT_CLASS (dp_line_cell_parent_class)->finalize (object);
}

static void
dp_line_cell_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DpLineCell *self = DP_LINE_CELL (object);

  switch (prop_id)
    {
    case PROP_LINE:
      g_value_set_object (value, self->line);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_line_cell_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DpLineCell *self = DP_LINE_CELL (object);

  switch (prop_id)
    {
    case PROP_LINE:
      dp_line_cell_set_line (self, g_value_get_object (value));
      break;
    case PROP_READ_ONLY:
      dp_line_cell_set_read_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_line_cell_class_init (DpLineCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dp_line_cell_dispose;
  object_class->finalize = dp_line_cell_finalize;
  object_class->get_property = dp_line_cell_get_property;
  object_class->set_property = dp_line_cell_set_property;

  properties[PROP_LINE] =
    g_param_spec_object ("line", NULL, NULL, DP_TYPE_LINE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, DP_TYPE_LINE);
  signals[MOVE_REQUESTED] =
    g_signal_new ("move-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, DP_TYPE_LINE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dp-line-cell");
}

static void
dp_line_cell_init (DpLineCell *self)
{
  self->bindings = g_ptr_array_new ();
}
