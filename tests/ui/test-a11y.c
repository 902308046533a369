/* test-a11y.c: the accessibility tree of the windows, in process, under Xvfb.
 *
 * Every control says what it is (an accessible label, or a labelled-by relation), and the
 * keyboard reaches the controls of a dossier: the focus chain of the login page and of the
 * editor is walked with Tab as GTK does it (gtk_widget_child_focus()), and each widget the
 * focus lands on must be named. tests/a11y/walkthrough.py does the same from the outside,
 * through AT-SPI, on the whole path from login to submission.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <gtk/gtk.h>
#include <locale.h>

#include "dp-application.h"
#include "dp-line-cell.h"
#include "dp-start-window.h"
#include "dp-window-private.h"
#include "dp-test-common.h"

#define WAIT_SECONDS 10

#define WAIT_FOR(cond) DP_TEST_WAIT_FOR (cond, WAIT_SECONDS)


static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  WAIT_FOR (g_get_monotonic_time () > until);
}

static gboolean
has_text_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_text_label (child))
      return TRUE;

  return FALSE;
}

/* A label of its own, or a labelled-by relation to a text it shows: GTK 4.8 makes an icon
 * button labelled by its image, which has no name (AT-SPI then says "GtkImage"). */
static gboolean
has_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;

  return gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY)
         && has_text_label (widget);
}

/* The control a focused widget belongs to, whose name a screen reader says: the text of an
 * entry, spin button or entry row is inside it, and a menu button's button is its own. */
static GtkWidget *
control_of (GtkWidget *focus)
{
  GtkWidget *parent = gtk_widget_get_parent (focus);

  if (GTK_IS_TEXT (focus) && parent != NULL)
    {
      GtkWidget *editable = gtk_widget_get_ancestor (parent, GTK_TYPE_EDITABLE);

      if (editable != NULL)
        return editable;
    }
  if (parent != NULL && GTK_IS_MENU_BUTTON (parent))
    return parent;

  return focus;
}

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (G_OBJECT_TYPE_NAME (widget));

  for (GtkWidget *up = gtk_widget_get_parent (widget);
       up != NULL && path->len < 300;
       up = gtk_widget_get_parent (up))
    g_string_append_printf (path, " < %s", G_OBJECT_TYPE_NAME (up));

  return g_string_free (path, FALSE);
}

/* Walks the Tab chain of @window once round, from its first focusable widget, and fails on
 * each focused control without a name. Returns the number of stops. */
static guint
walk_focus_chain (GtkWindow *window,
                  GPtrArray *seen)
{
  GtkWidget *first = NULL;
  guint stops = 0;
  guint unnamed = 0;

  /* Widgets move the focus within themselves only in the active window (an entry row
   * takes it back to its text otherwise): hence this test runs alone on the display. */
  WAIT_FOR (gtk_window_is_active (window));
  gtk_window_set_focus (window, NULL);
  for (guint i = 0; i < 500; i++)
    {
      GtkWidget *focus;
      GtkWidget *control;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        {
          /* Past the end: GTK wraps around on the next call. */
          gtk_window_set_focus (window, NULL);
          continue;
        }
      settle ();
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_nonnull (focus);
      if (focus == first)
        break;
      if (first == NULL)
        first = focus;
      stops++;

      control = control_of (focus);
      if (seen != NULL)
        g_ptr_array_add (seen, control);
      if (!has_name (control))
        {
          g_autofree char *path = describe (focus);

          g_printerr ("focus on a control without an accessible name: %s\n", path);
          unnamed++;
        }
    }

  g_assert_cmpuint (unnamed, ==, 0);
  return stops;
}

/* Every button, text field, spin button and dropdown under @widget must be named (the inner
 * ones of composite widgets excepted, as control_of() says), on every page of a stack; a
 * widget hidden itself (not just its page) is not looked at. */
static guint
check_tree (GtkWidget *widget)
{
  guint unnamed = 0;

  if (!gtk_widget_get_visible (widget))
    return 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    unnamed += check_tree (child);

  /* Buttons the keyboard cannot reach are parts of other controls (a spin button's + and −),
   * named by them. */
  if ((GTK_IS_BUTTON (widget) && gtk_widget_get_focusable (widget)
       && gtk_widget_get_can_focus (widget))
      || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget)
      || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_ENTRY (widget) || ADW_IS_ENTRY_ROW (widget)
      || ADW_IS_COMBO_ROW (widget) || GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget))
    {
      GtkWidget *control = control_of (widget);

      /* A dropdown's popover list is GTK's own: GTK 4.8 cannot name its rows. */
      if (!has_name (control) && gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) == NULL)
        {
          g_autofree char *path = describe (widget);

          g_printerr ("control without an accessible name: %s\n", path);
          unnamed++;
        }
    }

  return unnamed;
}

static DpDossier *
make_dossier (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint year = g_date_time_get_year (now) + 1;
  g_autoptr(GDate) measurement = g_date_new_dmy (1, G_DATE_MAY, year);
  g_autoptr(GDate) deadline = g_date_new_dmy (31, G_DATE_MAY, year);
  g_autoptr(DpCampaign) campaign = dp_campaign_new (year, measurement, deadline, 629);
  g_autoptr(DpFacility) facility = dp_facility_new ("PE-1234", "WZC De Test", 30);
  DpDossier *dossier = dp_dossier_new (campaign, facility);
  g_autoptr(DpLine) a = dp_line_new (DP_ROOM_TYPE_SINGLE, "Standaardkamer", 12, 7250);
  g_autoptr(DpLine) b = dp_line_new (DP_ROOM_TYPE_DOUBLE, "Dubbele kamer", 8, 4500);
  g_autoptr(DpLine) c = dp_line_new (DP_ROOM_TYPE_SINGLE, "Vleugel", 10, 7100);

  dp_dossier_append_line (dossier, DP_PART_1, a);
  dp_dossier_append_line (dossier, DP_PART_1, b);
  dp_dossier_append_line (dossier, DP_PART_2, c);

  return dossier;
}

static DpDraftStore *
make_store (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "a11y-drafts", NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (path);

  return dp_draft_store_new (directory);
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
contains (GPtrArray *array,
          gpointer   item)
{
  return g_ptr_array_find (array, item, NULL);
}

/* The login page and the start page (its widgets exist before logging in). */
static void
test_start_window (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpEloketClient) client = dp_eloket_client_new ("http://127.0.0.1:9/");
  g_autoptr(DpTokenStore) token_store = dp_token_store_new ("session");
  DpStartWindow *window;
  guint stops;

  window = dp_start_window_new (NULL, client, store, token_store);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window))
            && g_strcmp0 (dp_start_window_get_page (window), "login") == 0
            && !dp_start_window_get_busy (window));

  g_assert_cmpuint (check_tree (GTK_WIDGET (window)), ==, 0);
  /* Address, user, code, Log In, Work Offline, and the window's own buttons. */
  stops = walk_focus_chain (GTK_WINDOW (window), NULL);
  g_assert_cmpuint (stops, >=, 5);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The editor: every cell of every line and the buttons around them, named, on the Tab
 * chain; the room type's focus is on the dropdown's button, which carries the name. */
static void
test_editor (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_dossier ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  DpPartView *view;
  DpLineCell *cell;
  DpWindow *window;

  window = dp_window_new (NULL, store, dossier);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  view = dp_window_get_part_view (window, DP_PART_2);
  WAIT_FOR ((cell = dp_part_view_find_cell (view, 0, DP_COLUMN_ROOM_TYPE)) != NULL
            && gtk_widget_get_mapped (GTK_WIDGET (cell)));

  g_assert_cmpuint (check_tree (GTK_WIDGET (window)), ==, 0);
  walk_focus_chain (GTK_WINDOW (window), seen);

  /* Tab reaches every input of every line, in both Luiken. */
  for (DpPart part = DP_PART_1; part <= DP_PART_2; part++)
    {
      GListModel *lines = dp_dossier_get_lines (dossier, part);

      view = dp_window_get_part_view (window, part);
      for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
        {
          static const DpColumn inputs[] = {
            DP_COLUMN_DESCRIPTION, DP_COLUMN_CAPACITY, DP_COLUMN_PRICE,
          };

          cell = dp_part_view_find_cell (view, i, DP_COLUMN_ROOM_TYPE);
          g_assert_nonnull (cell);
          g_assert_true (contains (seen, dp_line_cell_get_drop_down_button (cell)));
          for (guint c = 0; c < G_N_ELEMENTS (inputs); c++)
            {
              cell = dp_part_view_find_cell (view, i, inputs[c]);
              g_assert_true (contains (seen, dp_line_cell_get_control (cell)));
            }
          cell = dp_part_view_find_cell (view, i, DP_COLUMN_ACTIONS);
          g_assert_true (contains (seen, dp_line_cell_get_move_button (cell)));
          g_assert_true (contains (seen, dp_line_cell_get_remove_button (cell)));
        }

      /* Each Luik's add button says which Luik it adds to. */
      {
        GtkWidget *add = find_action_button (GTK_WIDGET (view), "part.add-line");

        g_assert_nonnull (add);
        g_assert_true (contains (seen, add));
        gtk_test_accessible_assert_property (GTK_ACCESSIBLE (add),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL,
                                             part == DP_PART_1 ? "Add a line to Part 1"
                                                               : "Add a line to Part 2");
        g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (add),
                                                          GTK_ACCESSIBLE_RELATION_LABELLED_BY));
      }
    }

  /* The dropdown's button says which line it is and, as its description, the room type. */
  cell = dp_part_view_find_cell (dp_window_get_part_view (window, DP_PART_1), 1,
                                 DP_COLUMN_ROOM_TYPE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dp_line_cell_get_drop_down_button (cell)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Room type, Part 1, line 2");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dp_line_cell_get_drop_down_button (cell)),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Double room");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dp_line_cell_get_control (cell)), 0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dp_line_cell_get_drop_down_button (cell)),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Single room");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Ctrl+N focuses the new line where the user can see it: the window scrolls to it once
 * the row is laid out. */
static void
test_new_line_in_view (void)
{
  g_autoptr(DpDraftStore) store = make_store ();
  g_autoptr(DpDossier) dossier = make_dossier ();
  GtkWidget *scroller;
  GtkWidget *focus;
  DpLineCell *cell;
  DpWindow *window;
  graphene_rect_t bounds;

  window = dp_window_new (NULL, store, dossier);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 500);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  WAIT_FOR ((cell = dp_part_view_find_cell (dp_window_get_part_view (window, DP_PART_1), 0,
                                            DP_COLUMN_PRICE)) != NULL
            && gtk_widget_get_mapped (GTK_WIDGET (cell)));
  g_assert_true (dp_line_cell_focus_control (cell, FALSE));
  settle ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-line", NULL);
  WAIT_FOR ((cell = dp_part_view_find_cell (dp_window_get_part_view (window, DP_PART_1), 2,
                                            DP_COLUMN_ROOM_TYPE)) != NULL
            && gtk_root_get_focus (GTK_ROOT (window))
               == dp_line_cell_get_drop_down_button (cell));
  focus = dp_line_cell_get_drop_down_button (cell);
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (dp_window_get_part_view (window, DP_PART_1)),
                                      GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  WAIT_FOR (gtk_widget_get_height (focus) > 0
            && gtk_widget_compute_bounds (focus, scroller, &bounds)
            && bounds.origin.y >= 0
            && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (system_data_dirs != NULL)
    g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  else
    g_unsetenv ("XDG_DATA_DIRS");
  adw_init ();
  dp_core_init_i18n ();
  dp_application_ensure_resources ();

  g_test_add_func ("/a11y/start-window", test_start_window);
  g_test_add_func ("/a11y/editor", test_editor);
  g_test_add_func ("/a11y/new-line-in-view", test_new_line_in_view);

  return g_test_run ();
}
