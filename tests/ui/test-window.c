#include <locale.h>
/* test-window.c: the window driven through its real widgets, in process, under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <gtk/gtk.h>
#include <string.h>

#include "dp-application.h"
#include "dp-help.h"
#include "dp-line-cell.h"
#include "dp-window-private.h"
#include "dp-test-common.h"

#define WAIT_SECONDS 10

#define WAIT_FOR(cond) DP_TEST_WAIT_FOR (cond, WAIT_SECONDS)


static DpDossier *
make_dossier (guint recognised)
{
  g_autoptr(DpCampaign) campaign = dp_campaign_new_for_year (2025);
  g_autoptr(DpFacility) facility = dp_facility_new ("PE-1234", "WZC De Test", recognised);

  return dp_dossier_new (campaign, facility);
}

static void
add_line (DpDossier  *dossier,
          DpPart      part,
          DpRoomType  room_type,
          const char *description,
          guint       capacity,
          gint64      price)
{
  g_autoptr(DpLine) line = dp_line_new (room_type, description, capacity, price);

  dp_dossier_append_line (dossier, part, line);
}

/* A campaign whose submission period is open today: next year's, on this year's figures. */
static DpDossier *
make_open_dossier (guint recognised)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint year = g_date_time_get_year (now) + 1;
  g_autoptr(GDate) measurement = g_date_new_dmy (1, G_DATE_MAY, year);
  g_autoptr(GDate) deadline = g_date_new_dmy (31, G_DATE_MAY, year);
  g_autoptr(DpCampaign) campaign = dp_campaign_new (year, measurement, deadline, 629);
  g_autoptr(DpFacility) facility = dp_facility_new ("PE-1234", "WZC De Test", recognised);

  return dp_dossier_new (campaign, facility);
}

/* A dossier without errors: 20 units of 20, prices in range, submission open. */
static DpDossier *
make_valid_dossier (void)
{
  DpDossier *dossier = make_open_dossier (20);

  add_line (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "Standaardkamer", 12, 7250);
  add_line (dossier, DP_PART_2, DP_ROOM_TYPE_DOUBLE, "Dubbele kamer", 8, 4500);

  return dossier;
}

/* A store of its own per test, so that no test finds another's drafts. */
static guint
year_of (DpDossier *dossier)
{
  return dp_campaign_get_year (dp_dossier_get_campaign (dossier));
}

static DpDraftStore *
make_store (void)
{
  static guint n = 0;
  g_autofree char *name = g_strdup_printf ("test-drafts-%u", n++);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (path);

  return dp_draft_store_new (directory);
}

static DpWindow *
show_window (DpDraftStore *store,
             DpDossier    *dossier)
{
  DpWindow *window = dp_window_new (NULL, store, dossier);

  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));

  return window;
}

static void
destroy_window (DpWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  /* Let dialogs and idles of the window go too. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static DpLineCell *
wait_cell (DpWindow *window,
           DpPart    part,
           guint     position,
           DpColumn  column)
{
  DpPartView *view = dp_window_get_part_view (window, part);

  g_test_message ("waiting for cell %u/%u/%u", part, position, column);
  WAIT_FOR (dp_part_view_find_cell (view, position, column) != NULL
            && gtk_widget_get_mapped (
                 GTK_WIDGET (dp_part_view_find_cell (view, position, column))));

  return dp_part_view_find_cell (view, position, column);
}

/* What a cell shows: the text of its entry, the value of its spin button, its label. */
static const char *
cell_text (DpLineCell *cell)
{
  return gtk_editable_get_text (GTK_EDITABLE (dp_line_cell_get_control (cell)));
}

static int
cell_spin (DpLineCell *cell)
{
  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (dp_line_cell_get_control (cell)));
}

static const char *
cell_label (DpLineCell *cell)
{
  return gtk_label_get_label (GTK_LABEL (dp_line_cell_get_control (cell)));
}

static DpLine *
line_at (DpDossier *dossier,
         DpPart     part,
         guint      position)
{
  g_autoptr(DpLine) line = g_list_model_get_item (dp_dossier_get_lines (dossier, part), position);

  /* The dossier keeps a reference for as long as the line is in it. */
  return line;
}

static void
type_and_enter (GtkWidget  *editable,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  /* What Enter in the entry's text emits. */
  g_signal_emit_by_name (editable, "activate");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
answer_dialog (AdwMessageDialog *dialog,
               const char       *response)
{
  /* As a click on the button does: the response, then the dialog goes. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_FOR (find_message_dialog () != dialog);
}

static gboolean
focus_is_in (DpWindow  *window,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_object_get_data (G_OBJECT (child), "dp-finding") != NULL)
      n++;

  return n;
}

static GtkWidget *
findings_list_box (DpWindow *window)
{
  DpFindingsList *list = dp_window_get_findings_list (window);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX (child))
      return child;

  g_assert_not_reached ();
}

/* Part 2: a gross price typed in the cell gives the model's price and the net price cell. */
static void
test_part2_net_price (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_dossier (6);
  g_autofree char *expected = NULL;
  DpWindow *window;
  DpLineCell *price;
  DpLineCell *net;
  DpLine *line;

  add_line (dossier, DP_PART_2, DP_ROOM_TYPE_DOUBLE, "", 6, DP_CENTS_NONE);
  line = line_at (dossier, DP_PART_2, 0);
  window = show_window (store, dossier);

  price = wait_cell (window, DP_PART_2, 0, DP_COLUMN_PRICE);
  net = wait_cell (window, DP_PART_2, 0, DP_COLUMN_NET_PRICE);
  g_assert_cmpstr (cell_label (net), ==, "—");

  /* The handleiding's example: 45,00 gross, less the 2025 discount of 6,29. */
  type_and_enter (dp_line_cell_get_control (price), "45,00");
  g_assert_cmpint (dp_line_get_price (line), ==, 4500);
  g_assert_cmpint (dp_line_get_net_price (line), ==, 3871);
  expected = dp_money_format_euro (3871);
  g_assert_cmpstr (cell_label (net), ==,
                   expected);

  /* An edit of the model shows in the cells too. */
  dp_line_set_price (line, 5000);
  g_clear_pointer (&expected, g_free);
  expected = dp_money_format (5000);
  g_assert_cmpstr (cell_text (price), ==,
                   expected);
  g_clear_pointer (&expected, g_free);
  expected = dp_money_format_euro (5000 - 629);
  g_assert_cmpstr (cell_label (net), ==,
                   expected);

  destroy_window (window);
}

/* Bad input is refused on the cell, with its message; the model keeps its last valid value. */
static void
test_bad_prices (void)
{
  const char *bad[] = { "45,505", "abc", "-12", "99999999999999" };
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  DpWindow *window;
  DpLineCell *cell;
  GtkWidget *entry;
  DpLine *line;

  line = line_at (dossier, DP_PART_1, 0);
  window = show_window (store, dossier);
  cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_PRICE);
  entry = dp_line_cell_get_control (cell);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents;

      type_and_enter (entry, bad[i]);
      g_assert_true (dp_line_cell_get_invalid (cell));
      g_assert_true (gtk_widget_has_css_class (entry, "error"));
      g_assert_cmpint (dp_line_get_price (line), ==, 7250);
      /* What was typed stays, to be corrected. */
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, bad[i]);
      /* The message is the parser's own. */
      g_assert_false (dp_money_parse (bad[i], &cents, &error));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (entry), ==, error->message);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry),
                                           GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                           error->message);
    }

  /* Leaving the cell commits as Enter does; a good amount clears the mark. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "€ 1.045,50");
  dp_line_cell_commit (cell);
  g_assert_false (dp_line_cell_get_invalid (cell));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpint (dp_line_get_price (line), ==, 104550);

  /* An emptied cell is a price not filled in yet, which the findings then name. */
  type_and_enter (entry, "");
  g_assert_false (dp_line_cell_get_invalid (cell));
  g_assert_false (dp_line_has_price (line));
  g_assert_cmpuint (dp_dossier_get_n_errors (dossier), >, 0);

  destroy_window (window);
}

/* Adding and removing lines: the counter and the findings follow. */
static void
test_add_remove_lines (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  g_autofree char *text = NULL;
  DpCapacityBar *bar;
  DpPartView *view;
  DpLineCell *cell;
  DpWindow *window;
  GtkWidget *list_box;
  DpLine *added;

  window = show_window (store, dossier);
  bar = dp_window_get_capacity_bar (window);
  view = dp_window_get_part_view (window, DP_PART_1);
  list_box = findings_list_box (window);

  text = g_strdup_printf ("%u of %u units", 20, 20);
  g_assert_cmpstr (dp_capacity_bar_get_text (bar), ==, text);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (bar), "success"));
  g_assert_cmpuint (dp_dossier_get_n_errors (dossier), ==, 0);
  g_assert_cmpuint (count_rows (list_box), ==, 0);

  /* The add button: a new single room with an empty description, and the focus in it. */
  gtk_widget_activate_action (GTK_WIDGET (view), "part.add-line", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_lines (dossier, DP_PART_1)), ==, 2);
  added = line_at (dossier, DP_PART_1, 1);
  g_assert_cmpint (dp_line_get_room_type (added), ==, DP_ROOM_TYPE_SINGLE);
  g_assert_cmpstr (dp_line_get_description (added), ==, "");
  cell = wait_cell (window, DP_PART_1, 1, DP_COLUMN_ROOM_TYPE);
  WAIT_FOR (focus_is_in (window, GTK_WIDGET (cell)));

  /* Its missing capacity and price are errors at once. */
  g_assert_cmpuint (dp_dossier_get_n_errors (dossier), >=, 2);
  g_assert_cmpuint (count_rows (list_box),
                    ==, g_list_model_get_n_items (dp_dossier_get_findings (dossier)));

  /* Capacity typed in the spin button: the counter goes above the recognised capacity. */
  cell = wait_cell (window, DP_PART_1, 1, DP_COLUMN_CAPACITY);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (dp_line_cell_get_control (cell)), 3);
  g_assert_cmpuint (dp_line_get_capacity (added), ==, 3);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%u of %u units", 23, 20);
  g_assert_cmpstr (dp_capacity_bar_get_text (bar), ==, text);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (bar), "error"));

  /* The remove button takes the line out, with an undo. */
  cell = wait_cell (window, DP_PART_1, 1, DP_COLUMN_ACTIONS);
  g_signal_emit_by_name (dp_line_cell_get_remove_button (cell), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_lines (dossier, DP_PART_1)), ==, 1);
  g_assert_cmpstr (dp_window_get_last_toast (window), ==, "Line 2 of Part 1 removed");
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%u of %u units", 20, 20);
  g_assert_cmpstr (dp_capacity_bar_get_text (bar), ==, text);
  g_assert_cmpuint (dp_dossier_get_n_errors (dossier), ==, 0);
  g_assert_cmpuint (count_rows (list_box), ==, 0);

  /* Removing the first line leaves the capacity below the recognised one: a warning. */
  cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_ACTIONS);
  g_signal_emit_by_name (dp_line_cell_get_remove_button (cell), "clicked");
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%u of %u units", 8, 20);
  g_assert_cmpstr (dp_capacity_bar_get_text (bar), ==, text);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (bar), "warning"));
  g_assert_cmpuint (dp_dossier_get_n_warnings (dossier), >=, 1);
  g_assert_cmpuint (count_rows (list_box),
                    ==, g_list_model_get_n_items (dp_dossier_get_findings (dossier)));

  destroy_window (window);
}

/* Delete on a row asks first; "Remove" removes. */
static void
test_confirm_remove (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  AdwMessageDialog *dialog;
  DpPartView *view;
  DpWindow *window;

  window = show_window (store, dossier);
  view = dp_window_get_part_view (window, DP_PART_2);
  wait_cell (window, DP_PART_2, 0, DP_COLUMN_ROOM_TYPE);

  dp_part_view_confirm_remove (view, line_at (dossier, DP_PART_2, 0));
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  answer_dialog (dialog, "cancel");
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_lines (dossier, DP_PART_2)), ==, 1);

  dp_part_view_confirm_remove (view, line_at (dossier, DP_PART_2, 0));
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  answer_dialog (dialog, "remove");
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_lines (dossier, DP_PART_2)), ==, 0);

  destroy_window (window);
}

/* A line moved from Part 1 to Part 2 gets the discount and a net price there. */
static void
test_move_line (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  g_autofree char *expected = NULL;
  DpLineCell *cell;
  DpWindow *window;
  DpLine *line;

  window = show_window (store, dossier);
  line = line_at (dossier, DP_PART_1, 0);
  cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_ACTIONS);
  g_signal_emit_by_name (dp_line_cell_get_move_button (cell), "clicked");

  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_lines (dossier, DP_PART_1)), ==, 0);
  g_assert_true (line_at (dossier, DP_PART_2, 1) == line);
  cell = wait_cell (window, DP_PART_2, 1, DP_COLUMN_NET_PRICE);
  expected = dp_money_format_euro (7250 - 629);
  g_assert_cmpstr (cell_label (cell), ==,
                   expected);
  /* The focus follows the line into Part 2. */
  cell = wait_cell (window, DP_PART_2, 1, DP_COLUMN_PRICE);
  WAIT_FOR (focus_is_in (window, GTK_WIDGET (cell)));

  destroy_window (window);
}

/* A recycled cell lets go of its old line: no binding or handler is left on it. */
static void
test_cell_recycling (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_dossier (1200);
  g_autofree char *shown = NULL;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  DpLineCell *price_cell;
  DpLineCell *description_cell;
  DpWindow *window;
  DpLine *first;
  DpLine *now_shown;

  /* GTK 4.8's list view keeps up to 200 rows around the visible ones: more than that. */
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *description = g_strdup_printf ("Kamer %u", i);

      add_line (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, description, 2, 5000 + i);
    }
  first = line_at (dossier, DP_PART_1, 0);

  window = show_window (store, dossier);
  price_cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_PRICE);
  description_cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_DESCRIPTION);
  g_object_add_weak_pointer (G_OBJECT (price_cell), (gpointer *) &price_cell);
  g_object_add_weak_pointer (G_OBJECT (description_cell), (gpointer *) &description_cell);

  /* Scroll the table to its end: the first rows' cells are rebound to other lines. */
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (price_cell),
                                                           GTK_TYPE_SCROLLED_WINDOW));
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  WAIT_FOR (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  WAIT_FOR (price_cell == NULL || dp_line_cell_get_line (price_cell) != first);
  WAIT_FOR (description_cell == NULL || dp_line_cell_get_line (description_cell) != first);

  /* No handler, binding or reference of a cell stays on the line it no longer shows. */
  if (price_cell != NULL)
    {
      g_assert_cmpuint (g_signal_handler_find (first, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                               price_cell), ==, 0);
      now_shown = dp_line_cell_get_line (price_cell);
      dp_line_set_price (first, 1234);
      if (now_shown != NULL)
        shown = dp_money_format (dp_line_get_price (now_shown));
      else
        shown = g_strdup ("");
      g_assert_cmpstr (cell_text (price_cell),
                       ==, shown);
    }
  if (description_cell != NULL)
    {
      now_shown = dp_line_cell_get_line (description_cell);
      dp_line_set_description (first, "Veranderd");
      g_assert_cmpstr (cell_text (description_cell),
                       ==, now_shown != NULL ? dp_line_get_description (now_shown) : "");
      /* And the entry edits its new line, not the old one. */
      gtk_editable_set_text (GTK_EDITABLE (dp_line_cell_get_control (description_cell)), "Nieuw");
      g_assert_cmpstr (dp_line_get_description (first), ==, "Veranderd");
    }

  /* Back to the first line, as a finding takes the user there: it shows its new values. */
  g_assert_true (dp_part_view_focus_line (dp_window_get_part_view (window, DP_PART_1), first,
                                          DP_COLUMN_PRICE));
  price_cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_PRICE);
  g_clear_pointer (&shown, g_free);
  shown = dp_money_format (1234);
  WAIT_FOR (g_strcmp0 (cell_text (price_cell),
                       shown) == 0);

  destroy_window (window);
}

/* The same, on a cell alone: set, rebind, unbind. */
static void
test_cell_rebind (void)
{
  g_autoptr(DpLine) a = dp_line_new (DP_ROOM_TYPE_SINGLE, "A", 1, 4000);
  g_autoptr(DpLine) b = dp_line_new (DP_ROOM_TYPE_DOUBLE, "B", 2, 5000);
  g_autofree char *text_b = dp_money_format (5000);
  DpColumn columns[] = { DP_COLUMN_ROOM_TYPE, DP_COLUMN_DESCRIPTION, DP_COLUMN_CAPACITY,
                         DP_COLUMN_PRICE, DP_COLUMN_CHANGE };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkWidget *cell = g_object_ref_sink (dp_line_cell_new (DP_PART_1, columns[i]));

      dp_line_cell_set_line (DP_LINE_CELL (cell), a);
      dp_line_cell_set_line (DP_LINE_CELL (cell), b);
      g_assert_cmpuint (g_signal_handler_find (a, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, cell),
                        ==, 0);
      dp_line_set_description (a, "A2");
      dp_line_set_price (a, 4100);
      dp_line_set_capacity (a, 7);
      dp_line_set_room_type (a, DP_ROOM_TYPE_SINGLE);

      if (columns[i] == DP_COLUMN_DESCRIPTION)
        g_assert_cmpstr (cell_text (DP_LINE_CELL (cell)), ==, "B");
      if (columns[i] == DP_COLUMN_PRICE)
        g_assert_cmpstr (cell_text (DP_LINE_CELL (cell)), ==, text_b);
      if (columns[i] == DP_COLUMN_CAPACITY)
        g_assert_cmpint (cell_spin (DP_LINE_CELL (cell)), ==, 2);
      if (columns[i] == DP_COLUMN_ROOM_TYPE)
        g_assert_cmpuint (gtk_drop_down_get_selected (
                            GTK_DROP_DOWN (dp_line_cell_get_control (DP_LINE_CELL (cell)))),
                          ==, 1);

      dp_line_cell_set_line (DP_LINE_CELL (cell), NULL);
      g_assert_cmpuint (g_signal_handler_find (b, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, cell),
                        ==, 0);
      dp_line_set_description (b, "B2");
      if (columns[i] == DP_COLUMN_DESCRIPTION)
        g_assert_cmpstr (cell_text (DP_LINE_CELL (cell)), ==, "");

      g_object_unref (cell);
      dp_line_set_description (b, "B");
    }
}

/* Every cell's control says what it is, for screen readers. */
static void
test_accessible_names (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  DpLineCell *cell;
  DpWindow *window;

  window = show_window (store, dossier);
  cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_PRICE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dp_line_cell_get_control (cell)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Price per resident, Part 1, line 1");
  cell = wait_cell (window, DP_PART_2, 0, DP_COLUMN_CAPACITY);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dp_line_cell_get_control (cell)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Capacity, Part 2, line 1");
  cell = wait_cell (window, DP_PART_2, 0, DP_COLUMN_ACTIONS);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dp_line_cell_get_remove_button (cell)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Remove line 1 of Part 2");

  destroy_window (window);
}

/* The table's own key handling, as the key controller of the column view gets it. */
static gboolean
press_key (DpPartView      *view,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = NULL;
  GtkWidget *column_view = NULL;
  gboolean handled = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL && column_view == NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLED_WINDOW (child))
      column_view = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (child));
  g_assert_true (GTK_IS_COLUMN_VIEW (column_view));

  controllers = gtk_widget_observe_controllers (column_view);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          return handled;
        }
    }

  g_assert_not_reached ();
}

/* Tab and Shift+Tab walk the cells row by row; Delete on a row asks to remove it. */
static void
test_keyboard (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  AdwMessageDialog *dialog;
  DpPartView *view;
  DpLineCell *cell;
  DpWindow *window;
  static const DpColumn walk[] = {
    DP_COLUMN_ROOM_TYPE, DP_COLUMN_DESCRIPTION, DP_COLUMN_CAPACITY, DP_COLUMN_PRICE,
    DP_COLUMN_ACTIONS, DP_COLUMN_ACTIONS,
  };

  add_line (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "Tweede", 0, DP_CENTS_NONE);
  window = show_window (store, dossier);
  view = dp_window_get_part_view (window, DP_PART_1);

  cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_ROOM_TYPE);
  g_assert_true (dp_line_cell_focus_control (cell, FALSE));

  /* Through the six stops of line 1 to the first of line 2. */
  for (guint i = 1; i <= G_N_ELEMENTS (walk); i++)
    {
      guint position = i < G_N_ELEMENTS (walk) ? 0 : 1;
      DpColumn column = i < G_N_ELEMENTS (walk) ? walk[i] : DP_COLUMN_ROOM_TYPE;
      GtkWidget *expected;

      g_assert_true (press_key (view, GDK_KEY_Tab, 0));
      cell = wait_cell (window, DP_PART_1, position, column);
      expected = column != DP_COLUMN_ACTIONS ? dp_line_cell_get_control (cell)
                 : i == 4 ? dp_line_cell_get_move_button (cell)
                 : dp_line_cell_get_remove_button (cell);
      WAIT_FOR (focus_is_in (window, expected));
    }

  /* Shift+Tab goes back to the remove button of line 1. */
  g_assert_true (press_key (view, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_ACTIONS);
  WAIT_FOR (focus_is_in (window, dp_line_cell_get_remove_button (cell)));

  /* A price typed and left with Tab is entered. */
  cell = wait_cell (window, DP_PART_1, 1, DP_COLUMN_PRICE);
  g_assert_true (dp_line_cell_focus_control (cell, FALSE));
  gtk_editable_set_text (GTK_EDITABLE (dp_line_cell_get_control (cell)), "61,5");
  g_assert_true (press_key (view, GDK_KEY_Tab, 0));
  g_assert_cmpint (dp_line_get_price (line_at (dossier, DP_PART_1, 1)), ==, 6150);

  /* Past the last cell of the last line, Tab leaves the table (to the add button). */
  cell = wait_cell (window, DP_PART_1, 1, DP_COLUMN_ACTIONS);
  g_assert_true (dp_line_cell_focus_control (cell, TRUE));
  g_assert_false (press_key (view, GDK_KEY_Tab, 0));

  /* Delete in a text field is the text's; on the room type it asks to remove the line. */
  cell = wait_cell (window, DP_PART_1, 1, DP_COLUMN_DESCRIPTION);
  g_assert_true (dp_line_cell_focus_control (cell, FALSE));
  WAIT_FOR (focus_is_in (window, GTK_WIDGET (cell)));
  g_assert_false (press_key (view, GDK_KEY_Delete, 0));
  g_assert_null (find_message_dialog ());

  cell = wait_cell (window, DP_PART_1, 1, DP_COLUMN_ROOM_TYPE);
  g_assert_true (dp_line_cell_focus_control (cell, FALSE));
  WAIT_FOR (focus_is_in (window, GTK_WIDGET (cell)));
  g_assert_true (press_key (view, GDK_KEY_Delete, 0));
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  answer_dialog (dialog, "remove");
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_lines (dossier, DP_PART_1)), ==, 1);

  /* Ctrl+N adds to the Luik in focus. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-line", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_lines (dossier, DP_PART_1)), ==, 2);
  cell = wait_cell (window, DP_PART_1, 1, DP_COLUMN_ROOM_TYPE);
  WAIT_FOR (focus_is_in (window, GTK_WIDGET (cell)));

  destroy_window (window);
}

/* Activating a finding puts the focus in the cell it names. */
static void
test_finding_focuses_cell (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_dossier (60);
  GtkWidget *list_box;
  GtkWidget *row = NULL;
  DpLineCell *cell;
  DpWindow *window;
  DpFinding *finding;
  guint n;

  for (guint i = 0; i < 30; i++)
    add_line (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "", 2, 5000 + i);
  /* The last line has an odd capacity for a double room: an error on its capacity. */
  add_line (dossier, DP_PART_1, DP_ROOM_TYPE_DOUBLE, "Dubbel", 3, 5000);

  window = show_window (store, dossier);
  list_box = findings_list_box (window);

  n = g_list_model_get_n_items (dp_dossier_get_findings (dossier));
  for (guint i = 0; i < n && row == NULL; i++)
    {
      g_autoptr(DpFinding) item = g_list_model_get_item (dp_dossier_get_findings (dossier), i);

      if (g_strcmp0 (dp_finding_get_code (item), DP_CHECK_TWEEPERSOONSKAMER_ONEVEN) == 0)
        row = dp_findings_list_get_row (dp_window_get_findings_list (window), i);
    }
  g_assert_nonnull (row);
  finding = g_object_get_data (G_OBJECT (row), "dp-finding");
  g_assert_true (dp_finding_get_line (finding) == line_at (dossier, DP_PART_1, 30));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Part 1, line 31: capacity");

  g_signal_emit_by_name (list_box, "row-activated", row);
  cell = wait_cell (window, DP_PART_1, 30, DP_COLUMN_CAPACITY);
  WAIT_FOR (focus_is_in (window, GTK_WIDGET (cell)));

  destroy_window (window);
}

/* Saved, closed, reopened from the store: everything is back. */
static void
test_save_and_reopen (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  g_autoptr(DpDossier) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  DpLineCell *cell;
  DpWindow *window;

  window = show_window (store, dossier);
  cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_DESCRIPTION);
  gtk_editable_set_text (GTK_EDITABLE (dp_line_cell_get_control (cell)), "Grote kamer");
  cell = wait_cell (window, DP_PART_2, 0, DP_COLUMN_PRICE);
  type_and_enter (dp_line_cell_get_control (cell), "46,10");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  WAIT_FOR (g_strcmp0 (dp_window_get_last_toast (window), "Draft saved") == 0);
  g_assert_false (dp_autosave_get_dirty (dp_window_get_autosave (window)));

  /* Digits typed in the capacity and not entered, then the window closes: the close takes
   * them and saves them. */
  cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_CAPACITY);
  g_assert_true (dp_line_cell_focus_control (cell, FALSE));
  WAIT_FOR (focus_is_in (window, GTK_WIDGET (cell)));
  gtk_editable_set_text (GTK_EDITABLE (dp_line_cell_get_control (cell)), "14");
  g_assert_cmpuint (dp_line_get_capacity (line_at (dossier, DP_PART_1, 0)), ==, 12);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpuint (dp_line_get_capacity (line_at (dossier, DP_PART_1, 0)), ==, 14);
  before = dp_format_save_data (dossier, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  reopened = dp_draft_store_load (store, "PE-1234", year_of (dossier), &error);
  g_assert_no_error (error);
  after = dp_format_save_data (reopened, NULL);
  g_assert_cmpstr (before, ==, after);

  /* And a new window shows it. */
  window = show_window (store, reopened);
  cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_DESCRIPTION);
  g_assert_cmpstr (cell_text (cell), ==,
                   "Grote kamer");
  cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_CAPACITY);
  g_assert_cmpint (cell_spin (cell), ==, 14);
  destroy_window (window);
}

/* The window saves by itself a moment after the last edit. */
static void
test_autosave (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  g_autoptr(DpDossier) saved = NULL;
  DpAutosave *autosave;
  DpLineCell *cell;
  DpWindow *window;

  window = show_window (store, dossier);
  autosave = dp_window_get_autosave (window);
  g_object_set (autosave, "delay", 100, NULL);
  g_assert_false (dp_autosave_get_dirty (autosave));

  cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_ROOM_TYPE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dp_line_cell_get_control (cell)), 1);
  g_assert_cmpint (dp_line_get_room_type (line_at (dossier, DP_PART_1, 0)), ==,
                   DP_ROOM_TYPE_DOUBLE);
  g_assert_true (dp_autosave_get_dirty (autosave));
  WAIT_FOR (!dp_autosave_get_dirty (autosave));

  saved = dp_draft_store_load (store, "PE-1234", year_of (dossier), NULL);
  g_assert_nonnull (saved);
  g_assert_cmpint (dp_line_get_room_type (line_at (saved, DP_PART_1, 0)), ==,
                   DP_ROOM_TYPE_DOUBLE);

  destroy_window (window);
}

/* Submitting with errors is refused, and the findings say why. */
static void
test_submit_refused (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  DpWindow *window;

  dp_line_set_capacity (line_at (dossier, DP_PART_2, 0), 7);   /* odd double room */
  g_assert_cmpuint (dp_dossier_get_n_errors (dossier), >, 0);

  window = show_window (store, dossier);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL);
  g_assert_null (find_message_dialog ());
  g_assert_nonnull (strstr (dp_window_get_last_toast (window), "Cannot submit"));
  WAIT_FOR (focus_is_in (window, GTK_WIDGET (dp_window_get_findings_list (window))));
  g_assert_false (dp_dossier_get_read_only (dossier));

  destroy_window (window);
}

/* Offline, this computer's clock decides on the deadline: 2025's period is over. */
static void
test_submit_after_deadline (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_dossier (20);
  AdwMessageDialog *dialog;
  DpWindow *window;

  add_line (dossier, DP_PART_1, DP_ROOM_TYPE_SINGLE, "Standaardkamer", 20, 7250);
  g_assert_cmpuint (dp_dossier_get_n_errors (dossier), ==, 0);

  window = show_window (store, dossier);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Submission Period Closed");
  answer_dialog (dialog, "close");
  g_assert_false (dp_dossier_get_read_only (dossier));

  destroy_window (window);
}

/* Submitting without errors: confirmation, OK, then read-only with time and reference. */
static void
test_submit (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  g_autoptr(DpDossier) saved = NULL;
  AdwMessageDialog *dialog;
  DpLineCell *cell;
  DpWindow *window;

  window = show_window (store, dossier);

  /* Cancel first: nothing happens. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "WZC De Test"));
  {
    g_autofree char *year = g_strdup_printf ("%u", year_of (dossier));

    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), year));
  }
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "20 of 20 units"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "final"));
  answer_dialog (dialog, "cancel");
  g_assert_false (dp_dossier_get_read_only (dossier));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  answer_dialog (dialog, "ok");
  g_assert_true (dp_dossier_get_read_only (dossier));
  g_assert_cmpint (dp_dossier_get_status (dossier), ==, DP_STATUS_SUBMITTED);
  g_assert_nonnull (dp_dossier_get_reference (dossier));

  /* The confirmation that it succeeded. */
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            dp_dossier_get_reference (dossier)));
  answer_dialog (dialog, "close");

  /* Read-only: no editing, no adding, no saving or submitting again. */
  cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_PRICE);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (dp_line_cell_get_control (cell))));
  cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_ACTIONS);
  g_assert_false (gtk_widget_get_visible (dp_line_cell_get_control (cell)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (dp_line_cell_get_control (
    wait_cell (window, DP_PART_1, 0, DP_COLUMN_CAPACITY)))));
  g_assert_nonnull (strstr (dp_general_section_get_status_text (
                              dp_window_get_general_section (window)),
                            dp_dossier_get_reference (dossier)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL);
  g_assert_null (find_message_dialog ());

  /* And saved as submitted. */
  saved = dp_draft_store_load (store, "PE-1234", year_of (dossier), NULL);
  g_assert_nonnull (saved);
  g_assert_cmpint (dp_dossier_get_status (saved), ==, DP_STATUS_SUBMITTED);
  g_assert_cmpstr (dp_dossier_get_reference (saved), ==, dp_dossier_get_reference (dossier));

  destroy_window (window);
}

/* A file that is not a dossier is reported with the loader's message and changes nothing. */
static void
test_open_bad_file (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "kapot.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DpDossier) refused = NULL;
  const char *bad = "{\"formaat\": \"dagprijzen-meting\", \"versie\": 1, \"luik1\": 3}";
  AdwMessageDialog *dialog;
  DpWindow *window;

  g_assert_true (g_file_set_contents (path, bad, -1, NULL));
  refused = dp_format_load_data (bad, -1, &error);
  g_assert_null (refused);

  window = show_window (store, dossier);
  dp_window_open_file (window, file);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, error->message);
  answer_dialog (dialog, "close");
  g_assert_true (dp_window_get_dossier (window) == dossier);

  destroy_window (window);
}

/* A good file is opened in the window. */
static void
test_open_file (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  g_autoptr(DpDossier) other = make_dossier (50);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "ander.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DpWindow *window;
  g_autofree char *text = NULL;

  add_line (other, DP_PART_1, DP_ROOM_TYPE_SINGLE, "Uit bestand", 50, 6000);
  g_assert_true (dp_format_save_file (other, file, NULL, &error));
  g_assert_no_error (error);

  window = show_window (store, dossier);
  dp_window_open_file (window, file);
  WAIT_FOR (dp_window_get_dossier (window) != dossier);
  text = g_strdup_printf ("%u of %u units", 50, 50);
  g_assert_cmpstr (dp_capacity_bar_get_text (dp_window_get_capacity_bar (window)), ==, text);
  g_assert_cmpstr (dp_line_get_description (line_at (dp_window_get_dossier (window),
                                                     DP_PART_1, 0)), ==, "Uit bestand");

  destroy_window (window);
}

/* The measurement date is shown and cannot be edited; the demo dossier loads. */
static void
test_general_section (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) demo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  DpGeneralSection *section;
  DpWindow *window;

  demo = dp_application_load_demo (&error);
  g_assert_no_error (error);
  g_assert_nonnull (demo);

  window = show_window (store, demo);
  section = dp_window_get_general_section (window);
  date = dp_date_format_long (dp_campaign_get_measurement_date (dp_dossier_get_campaign (demo)));
  g_assert_cmpstr (dp_general_section_get_date_text (section), ==, date);
  g_assert_nonnull (strstr (dp_general_section_get_status_text (section), "Draft"));

  /* The ten points of attention, with this campaign's figures, made when first opened. */
  g_assert_null (dp_general_section_get_point_text (section, 0));
  dp_general_section_show_instructions (section);
  for (guint i = 0; i < 10; i++)
    g_assert_nonnull (dp_general_section_get_point_text (section, i));
  g_assert_nonnull (strstr (dp_general_section_get_point_text (section, 2), "6.29"));
  g_assert_nonnull (strstr (dp_general_section_get_point_text (section, 9), "31 May 2025"));
  g_assert_nonnull (strstr (dp_general_section_get_point_text (section, 1), "2024"));

  destroy_window (window);
}

static void
test_format_change (void)
{
  g_autofree char *up = dp_format_change (4500, 4595);
  g_autofree char *down = dp_format_change (5000, 4000);
  g_autofree char *half = dp_format_change (1000, 1005);
  g_autofree char *zero = dp_format_change (1000, 1000);

  g_assert_cmpstr (up, ==, "+2.1 %");
  g_assert_cmpstr (down, ==, "−20.0 %");
  g_assert_cmpstr (half, ==, "+0.5 %");
  g_assert_cmpstr (zero, ==, "0.0 %");
  g_assert_null (dp_format_change (DP_CENTS_NONE, 1000));
  g_assert_null (dp_format_change (1000, DP_CENTS_NONE));
}

/* The remove button's toast undoes the removal: the line comes back where it was. */
static void
test_undo_remove (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  g_autoptr(DpLine) removed = NULL;
  AdwToast *toast;
  DpLineCell *cell;
  DpWindow *window;

  add_line (dossier, DP_PART_1, DP_ROOM_TYPE_DOUBLE, "Achteraan", 2, 6000);
  removed = g_object_ref (line_at (dossier, DP_PART_1, 0));
  window = show_window (store, dossier);

  cell = wait_cell (window, DP_PART_1, 0, DP_COLUMN_ACTIONS);
  g_signal_emit_by_name (dp_line_cell_get_remove_button (cell), "clicked");
  g_assert_false (dp_dossier_find_line (dossier, removed, NULL, NULL));

  toast = dp_window_get_last_toast_object (window);
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_true (line_at (dossier, DP_PART_1, 0) == removed);
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_lines (dossier, DP_PART_1)), ==, 2);
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 22);

  destroy_window (window);
}

/* A file over a different draft of the same facility and year: asked first; Cancel keeps all. */
static void
test_open_over_draft (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  g_autoptr(DpDossier) other = make_valid_dossier ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "zelfde.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  DpWindow *window;

  g_assert_true (dp_draft_store_save (store, dossier, NULL, &error));
  g_assert_no_error (error);
  dp_line_set_description (line_at (other, DP_PART_1, 0), "Uit het bestand");
  g_assert_true (dp_format_save_file (other, file, NULL, &error));

  window = show_window (store, dossier);
  dp_window_open_file (window, file);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  answer_dialog (dialog, "cancel");
  g_assert_true (dp_window_get_dossier (window) == dossier);

  dp_window_open_file (window, file);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  answer_dialog (dialog, "open");
  g_assert_cmpstr (dp_line_get_description (line_at (dp_window_get_dossier (window),
                                                     DP_PART_1, 0)), ==, "Uit het bestand");

  destroy_window (window);
}

/* Every help entry of the form leads somewhere the handleiding names. */
static void
test_help_topics (void)
{
  const char *topics[] = { "guidelines", "mail", "content", "technical", "contacts", "access" };

  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      const char *uri = dp_help_get_uri (topics[i]);

      g_assert_nonnull (uri);
      g_assert_true (g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "mailto:"));
    }
  g_assert_true (g_str_has_prefix (dp_help_get_uri ("mail"), "mailto:prijzen@vlaanderen.be"));
  g_assert_null (dp_help_get_uri ("elders"));
}

/* The shortcuts window is made when first asked for (not with every window, which showed in
 * the start-up benchmark), then shown again as it is. */
static void
test_shortcuts_window (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  GtkApplicationWindow *app_window;
  GtkShortcutsWindow *overlay;
  DpWindow *window;

  window = show_window (store, dossier);
  app_window = GTK_APPLICATION_WINDOW (window);
  g_assert_null (gtk_application_window_get_help_overlay (app_window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (app_window);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (overlay)));

  /* Closed, it is hidden and kept; asked for again, the same one comes back. */
  gtk_window_close (GTK_WINDOW (overlay));
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_application_window_get_help_overlay (app_window) == overlay);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (overlay)));

  destroy_window (window);
}

/* A draft that cannot be written keeps the window open until the user says otherwise. */
static void
test_close_unsaved (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "geen-map", NULL);
  g_autoptr(GFile) not_a_directory = g_file_new_for_path (path);
  g_autoptr(DpDraftStore) store = NULL;
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  AdwMessageDialog *dialog;
  DpWindow *window;

  /* A file where the drafts' directory should be: every save fails. */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  store = dp_draft_store_new (not_a_directory);

  window = show_window (store, dossier);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  dp_line_set_capacity (line_at (dossier, DP_PART_1, 0), 11);
  g_assert_true (dp_autosave_get_dirty (dp_window_get_autosave (window)));

  gtk_window_close (GTK_WINDOW (window));
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Draft Not Saved");
  answer_dialog (dialog, "cancel");
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  gtk_window_close (GTK_WINDOW (window));
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  answer_dialog (dialog, "close");
  WAIT_FOR (window == NULL || !gtk_widget_get_visible (GTK_WIDGET (window)));
  if (window != NULL)
    destroy_window (window);
}

/* The window's size is kept in GSettings (when the schema is installed, as in the tests). */
static void
test_window_state (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_valid_dossier ();
  DpWindow *window;
  int width;
  int height;

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID,
                                            TRUE);
  if (schema == NULL)
    {
      g_test_skip ("the GSettings schema is not installed (GSETTINGS_SCHEMA_DIR)");
      return;
    }

  window = show_window (store, dossier);
  gtk_window_set_default_size (GTK_WINDOW (window), 901, 702);
  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  window = show_window (store, dossier);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 901);
  g_assert_cmpint (height, ==, 702);
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));

  /* Not gtk_test_init(): it drops its options, so G_TEST_OPTION_ISOLATE_DIRS would not
   * apply and the drafts would land in the real user's data directory. */
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The isolated system data directories lack the MIME database GdkPixbuf needs to load
   * SVG icons: share the real ones (read-only); the user's directories stay isolated. */
  if (system_data_dirs != NULL)
    g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  else
    g_unsetenv ("XDG_DATA_DIRS");
  adw_init ();
  dp_core_init_i18n ();

  g_test_add_func ("/window/format-change", test_format_change);
  g_test_add_func ("/window/cell-rebind", test_cell_rebind);
  g_test_add_func ("/window/part2-net-price", test_part2_net_price);
  g_test_add_func ("/window/bad-prices", test_bad_prices);
  g_test_add_func ("/window/add-remove-lines", test_add_remove_lines);
  g_test_add_func ("/window/confirm-remove", test_confirm_remove);
  g_test_add_func ("/window/move-line", test_move_line);
  g_test_add_func ("/window/cell-recycling", test_cell_recycling);
  g_test_add_func ("/window/accessible-names", test_accessible_names);
  g_test_add_func ("/window/keyboard", test_keyboard);
  g_test_add_func ("/window/finding-focuses-cell", test_finding_focuses_cell);
  g_test_add_func ("/window/save-and-reopen", test_save_and_reopen);
  g_test_add_func ("/window/autosave", test_autosave);
  g_test_add_func ("/window/submit-refused", test_submit_refused);
  g_test_add_func ("/window/submit", test_submit);
  g_test_add_func ("/window/submit-after-deadline", test_submit_after_deadline);
  g_test_add_func ("/window/open-bad-file", test_open_bad_file);
  g_test_add_func ("/window/open-file", test_open_file);
  g_test_add_func ("/window/general-section", test_general_section);
  g_test_add_func ("/window/undo-remove", test_undo_remove);
  g_test_add_func ("/window/open-over-draft", test_open_over_draft);
  g_test_add_func ("/window/help-topics", test_help_topics);
  g_test_add_func ("/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/close-unsaved", test_close_unsaved);
  g_test_add_func ("/window/window-state", test_window_state);

  return g_test_run ();
}
