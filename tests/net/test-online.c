/* test-online.c: the application online, driven through its windows under Xvfb, against a
 * dagprijzen-server child process on 127.0.0.1: login with a wrong and a right code, the
 * session in the keyring, the dossier list, the prefill of a new measurement, save, offline
 * (server stopped mid-edit, restarted: the draft arrives), a conflict resolved by the user,
 * submit with its reference, and the submitted dossier opened read-only from the list.
 *
 * Screenshots of the login, the dossier list, the offline window, the conflict and the
 * submitted dossier are written to
 * $DAGPRIJZEN_BUILD_DIR/screenshots/ to be looked at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "dp-application.h"
#include "dp-demo.h"
#include "dp-start-window.h"
#include "dp-sync-status.h"
#include "dp-window-private.h"
#include "dp-test-common.h"
#include "test-service.h"

#define WAIT_SECONDS 20


#define WAIT_FOR(cond) DP_TEST_WAIT_FOR (cond, WAIT_SECONDS)

typedef struct
{
  DpEloketClient *client;
  DpDraftStore   *store;
  DpTokenStore   *token_store;
  DpStartWindow  *start;
  DpWindow       *opened;      /* the last window "measurement-opened" gave */
  DpWindow       *linde;       /* the window of De Linde's measurement, kept open */
} App;

static App app;

static void
run_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;
  guint tick = g_timeout_add_full (G_PRIORITY_LOW, 10, dp_test_wait_tick, NULL, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

/* A PNG of @widget as it is on screen, for a person to look at. */
static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  WAIT_FOR (gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0);
  run_for (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  directory = g_build_filename (g_getenv ("DAGPRIJZEN_BUILD_DIR"), "screenshots", NULL);
  g_mkdir_with_parents (directory, 0755);
  path = g_build_filename (directory, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
set_text (gpointer    widget,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (widget, DP_TYPE_START_WINDOW, name)), text);
}

static void
on_measurement_opened (DpStartWindow *start,
                       GtkWindow     *window,
                       gpointer       user_data)
{
  g_set_object (&app.opened, DP_WINDOW (window));
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "summary") != NULL)
      n++;
  return n;
}

static GtkListBoxRow *
find_row (GtkWidget *list,
          guint      year,
          const char *registration_number)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      DpDossierSummary *summary = g_object_get_data (G_OBJECT (row), "summary");

      if (summary != NULL && dp_dossier_summary_get_year (summary) == year &&
          g_str_equal (dp_dossier_summary_get_registration_number (summary),
                       registration_number))
        return GTK_LIST_BOX_ROW (row);
    }
  return NULL;
}

/* The message dialog on top of @parent whose heading is @heading, or NULL. */
static AdwMessageDialog *
find_dialog (GtkWindow  *parent,
             const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (GTK_WINDOW (window)) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                     heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* The tests ---------------------------------------------------------------------------- */

static void
test_login (void)
{
  GtkWidget *error_label = child (app.start, DP_TYPE_START_WINDOW, "login_error_label");
  g_autofree char *wrong = test_service_wrong_code ();
  g_autofree char *right = NULL;

  /* No session in the keyring yet: the login page, the service address filled in. */
  WAIT_FOR (!dp_start_window_get_busy (app.start));
  g_assert_cmpstr (dp_start_window_get_page (app.start), ==, "login");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (app.start, DP_TYPE_START_WINDOW,
                                                               "service_row"))),
                   ==, test_service.url);

  set_text (app.start, "user_row", DP_DEMO_USER);
  screenshot (GTK_WIDGET (app.start), "online-login.png");

  /* A wrong code: the page stays, saying what to do. */
  set_text (app.start, "code_row", wrong);
  gtk_widget_activate_action (GTK_WIDGET (app.start), "start.log-in", NULL);
  WAIT_FOR (!dp_start_window_get_busy (app.start) && gtk_widget_get_visible (error_label));
  g_assert_cmpstr (dp_start_window_get_page (app.start), ==, "login");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "code"));
  g_assert_null (dp_eloket_client_get_token (app.client));

  /* The right one: the start page. */
  right = test_service_fresh_code ();
  set_text (app.start, "code_row", right);
  gtk_widget_activate_action (GTK_WIDGET (app.start), "start.log-in", NULL);
  WAIT_FOR (g_strcmp0 (dp_start_window_get_page (app.start), "dossiers") == 0);
  g_assert_nonnull (dp_eloket_client_get_token (app.client));
}

static void
on_looked_up (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static void
test_dossier_list (void)
{
  GtkWidget *list = child (app.start, DP_TYPE_START_WINDOW, "dossier_list");
  GtkWidget *facility_row = child (app.start, DP_TYPE_START_WINDOW, "facility_row");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user = NULL;
  g_autofree char *token = NULL;

  WAIT_FOR (!dp_start_window_get_busy (app.start) && count_rows (list) > 0);

  /* The demo's 2024 submission, with its reference; the facility picker, since the demo
   * user acts for more than one. */
  g_assert_nonnull (find_row (list, 2024, DP_DEMO_FACILITY));
  g_assert_true (gtk_widget_get_visible (facility_row));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (facility_row))),
                    >=, 2);
  screenshot (GTK_WIDGET (app.start), "online-dossiers.png");

  /* The session went to the keyring, not to a file. */
  dp_token_store_lookup_async (app.token_store, test_service.url, NULL, on_looked_up, &result);
  WAIT_FOR (result != NULL);
  g_assert_true (dp_token_store_lookup_finish (app.token_store, result, &user, &token, NULL,
                                               &error));
  g_assert_no_error (error);
  g_assert_cmpstr (user, ==, DP_DEMO_USER);
  g_assert_cmpstr (token, ==, dp_eloket_client_get_token (app.client));
}

static DpWindow *
open_from_start (const char *registration_number)
{
  g_clear_object (&app.opened);
  gtk_widget_activate_action (GTK_WIDGET (app.start), "start.open", "(su)",
                              registration_number, 2025);
  WAIT_FOR (app.opened != NULL);
  return app.opened;
}

static DpSyncState
state_of (DpWindow *window)
{
  return dp_sync_get_state (dp_window_get_sync (window));
}

static void
test_prefill_save_offline (void)
{
  DpWindow *window = open_from_start (DP_DEMO_FACILITY);
  DpSyncStatus *status;
  DpDossier *dossier;
  guint port = test_service.port;

  app.linde = g_object_ref (window);

  /* Prefilled with last year's lines. */
  dossier = dp_window_get_dossier (window);
  g_assert_nonnull (dp_window_get_sync (window));
  g_assert_cmpint (dp_dossier_get_status (dossier), ==, DP_STATUS_DRAFT);
  g_assert_cmpuint (dp_dossier_get_n_lines (dossier), ==, 5);
  g_assert_cmpint (dp_line_get_previous_price (dp_test_line_at (dossier, DP_PART_1, 0)), ==, 6850);
  dp_sync_set_retry_interval (dp_window_get_sync (window), 1);
  status = DP_SYNC_STATUS (gtk_widget_get_template_child (GTK_WIDGET (window), DP_TYPE_WINDOW,
                                                          "sync_status"));

  /* Save: here and there. */
  dp_line_set_price (dp_test_line_at (dossier, DP_PART_1, 0), 6990);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  WAIT_FOR (g_strcmp0 (dp_window_get_last_toast (window),
                       "Draft saved and sent to the e-loket") == 0);
  g_assert_cmpint (state_of (window), ==, DP_SYNC_STATE_SYNCED);
  g_assert_null (dp_sync_status_get_message (status));

  /* The service stops mid-edit: the edit stays here, the window says so. */
  test_service_stop ();
  dp_line_set_price (dp_test_line_at (dossier, DP_PART_1, 0), 7010);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  WAIT_FOR (state_of (window) == DP_SYNC_STATE_OFFLINE);
  g_assert_nonnull (dp_sync_status_get_message (status));
  g_assert_nonnull (strstr (dp_sync_status_get_message (status), "Offline"));
  WAIT_FOR (dp_window_get_last_toast (window) != NULL &&
            strstr (dp_window_get_last_toast (window), "as soon as") != NULL);
  screenshot (GTK_WIDGET (window), "online-offline.png");

  /* Back: the draft arrives by itself, nothing lost. */
  test_service_start (port);
  WAIT_FOR (state_of (window) == DP_SYNC_STATE_SYNCED);
  g_assert_null (dp_sync_status_get_message (status));
  {
    g_autoptr(DpEloketClient) client = dp_eloket_client_new (test_service.url);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(DpDossier) remote = NULL;

    dp_eloket_client_set_token (client, dp_eloket_client_get_token (app.client));
    dp_eloket_client_get_measurement_async (client, DP_DEMO_FACILITY, 2025, NULL, on_looked_up,
                                            &result);
    WAIT_FOR (result != NULL);
    remote = dp_eloket_client_get_measurement_finish (client, result, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (dp_line_get_price (dp_test_line_at (remote, DP_PART_1, 0)), ==, 7010);
  }
}

static void
test_conflict (void)
{
  DpWindow *window = open_from_start ("PE-5678");
  g_autoptr(DpEloketClient) elsewhere = dp_eloket_client_new (test_service.url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DpDossier) other = NULL;
  g_autoptr(DpLine) line = dp_line_new (DP_ROOM_TYPE_SINGLE, "Standaardkamer", 84, 7000);
  g_autoptr(DpLine) mine = dp_line_new (DP_ROOM_TYPE_SINGLE, "Standaardkamer", 84, 7100);
  g_autofree char *etag = NULL;
  g_autofree char *saved = NULL;
  AdwMessageDialog *dialog;

  /* Someone else saves the draft in the meantime. */
  dp_eloket_client_set_token (elsewhere, dp_eloket_client_get_token (app.client));
  dp_eloket_client_get_measurement_async (elsewhere, "PE-5678", 2025, NULL, on_looked_up,
                                          &result);
  WAIT_FOR (result != NULL);
  other = dp_eloket_client_get_measurement_finish (elsewhere, result, &etag, &error);
  g_assert_no_error (error);
  dp_dossier_append_line (other, DP_PART_1, line);
  g_clear_object (&result);
  dp_eloket_client_save_measurement_async (elsewhere, other, etag, NULL, on_looked_up, &result);
  WAIT_FOR (result != NULL);
  saved = dp_eloket_client_save_measurement_finish (elsewhere, result, &error);
  g_assert_no_error (error);

  /* Here: saving meets it, and the user is shown both. */
  dp_dossier_append_line (dp_window_get_dossier (window), DP_PART_1, mine);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  WAIT_FOR ((dialog = find_dialog (GTK_WINDOW (window), "Changed Elsewhere")) != NULL);
  g_assert_cmpint (state_of (window), ==, DP_SYNC_STATE_CONFLICT);
  screenshot (GTK_WIDGET (dialog), "online-conflict.png");

  /* The user takes the e-loket's version: the window shows it. */
  adw_message_dialog_response (dialog, "theirs");
  WAIT_FOR (state_of (window) == DP_SYNC_STATE_SYNCED);
  g_assert_cmpint (dp_line_get_price (dp_test_line_at (dp_window_get_dossier (window), DP_PART_1, 0)),
                   ==, 7000);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_submit_and_consult (void)
{
  DpWindow *window = open_from_start (DP_DEMO_FACILITY);
  GtkWidget *list = child (app.start, DP_TYPE_START_WINDOW, "dossier_list");
  AdwMessageDialog *dialog;
  DpWindow *consulted;
  const char *reference;

  g_assert_cmpint (dp_line_get_price (dp_test_line_at (dp_window_get_dossier (window), DP_PART_1, 0)),
                   ==, 7010);
  /* The measurement still open from before: its window, not a second one. */
  g_assert_true (window == app.linde);
  g_clear_object (&app.linde);

  /* The handleiding's confirmation, OK, then the service's reference. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL);
  WAIT_FOR ((dialog = find_dialog (GTK_WINDOW (window), "Submit the Measurement?")) != NULL);
  adw_message_dialog_response (dialog, "ok");
  WAIT_FOR ((dialog = find_dialog (GTK_WINDOW (window), "Dossier Submitted")) != NULL);
  g_assert_cmpint (state_of (window), ==, DP_SYNC_STATE_SUBMITTED);
  g_assert_true (dp_dossier_get_read_only (dp_window_get_dossier (window)));
  reference = dp_dossier_get_reference (dp_window_get_dossier (window));
  g_assert_nonnull (reference);
  g_assert_true (g_str_has_prefix (reference, "MDP-2025-"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), reference));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (window));

  /* In the list with its reference; opened from there, read-only. */
  gtk_widget_activate_action (GTK_WIDGET (app.start), "start.refresh", NULL);
  WAIT_FOR (!dp_start_window_get_busy (app.start) &&
            find_row (list, 2025, DP_DEMO_FACILITY) != NULL &&
            dp_dossier_summary_get_status (g_object_get_data (
              G_OBJECT (find_row (list, 2025, DP_DEMO_FACILITY)), "summary"))
            == DP_STATUS_SUBMITTED);
  g_clear_object (&app.opened);
  g_signal_emit_by_name (list, "row-activated", find_row (list, 2025, DP_DEMO_FACILITY));
  WAIT_FOR (app.opened != NULL);
  consulted = app.opened;
  g_assert_true (dp_dossier_get_read_only (dp_window_get_dossier (consulted)));
  g_assert_cmpstr (dp_dossier_get_reference (dp_window_get_dossier (consulted)), ==,
                   dp_dossier_summary_get_reference (g_object_get_data (
                     G_OBJECT (find_row (list, 2025, DP_DEMO_FACILITY)), "summary")));
  gtk_window_set_default_size (GTK_WINDOW (consulted), 1200, 800);
  screenshot (GTK_WIDGET (consulted), "online-submitted.png");
  gtk_window_destroy (GTK_WINDOW (consulted));
}

/* The department's discount for 2025 in the service's database, as an administrator
 * correcting it would set it. */
static void
set_discount (gint64 cents)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE campaigns SET discount_cent = %" G_GINT64_FORMAT
                                          " WHERE year = 2025", cents);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (test_service.db, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A submission the service refuses although this computer found no error (the discount was
 * corrected since the dossier was opened): nothing is submitted, and the service's findings
 * are on the cells they name, said with their places. */
static void
test_refused_findings (void)
{
  DpWindow *window = open_from_start ("PE-5678");
  AdwMessageDialog *dialog;
  DpDossier *dossier = dp_window_get_dossier (window);
  g_autoptr(DpLine) single = dp_line_new (DP_ROOM_TYPE_SINGLE, "Standaardkamer", 74, 6800);
  g_autoptr(DpLine) renovated = dp_line_new (DP_ROOM_TYPE_SINGLE, "Nieuwbouw", 10, 7100);
  GtkWidget *extra;
  GtkWidget *control;
  DpLineCell *cell;

  /* Ter Beuken has no 2024 submission: its draft is filled in here (84 of 84 units). */
  for (guint p = 0; p < DP_N_PARTS; p++)
    while (g_list_model_get_n_items (dp_dossier_get_lines (dossier, p)) > 0)
      dp_dossier_remove_line (dossier, p, 0);
  dp_dossier_append_line (dossier, DP_PART_1, single);
  dp_dossier_append_line (dossier, DP_PART_2, renovated);
  g_assert_cmpuint (dp_dossier_get_n_errors (dossier), ==, 0);

  set_discount (7500);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL);
  WAIT_FOR ((dialog = find_dialog (GTK_WINDOW (window), "Submit the Measurement?")) != NULL);
  adw_message_dialog_response (dialog, "ok");
  WAIT_FOR ((dialog = find_dialog (GTK_WINDOW (window), "Not Submitted")) != NULL);
  set_discount (629);

  g_assert_false (dp_dossier_get_read_only (dp_window_get_dossier (window)));
  g_assert_null (dp_dossier_get_reference (dp_window_get_dossier (window)));
  g_assert_cmpint (state_of (window), !=, DP_SYNC_STATE_SUBMITTED);

  /* Said with the place: Luik 2's first line, its (gross) price. */
  extra = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_LABEL (extra));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (extra)), "Part 2, line 1: price"));

  /* On the cell, and the keyboard there. */
  cell = dp_part_view_find_cell (dp_window_get_part_view (window, DP_PART_2), 0,
                                 DP_COLUMN_PRICE);
  g_assert_nonnull (cell);
  control = dp_line_cell_get_control (cell);
  g_assert_true (gtk_widget_has_css_class (control, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (control));
  screenshot (GTK_WIDGET (dialog), "online-refused.png");
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_FOR (gtk_root_get_focus (GTK_ROOT (window)) != NULL &&
            gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (cell)));
  screenshot (GTK_WIDGET (window), "online-refused-cell.png");

  /* A new price clears the mark: it was about the old one. */
  dp_line_set_price (renovated, 8000);
  g_assert_false (gtk_widget_has_css_class (control, "error"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every wait on the network can be ended: opening a measurement, stopped at once, opens
 * nothing and says nothing. */
static void
test_cancel (void)
{
  GtkWidget *error_label = child (app.start, DP_TYPE_START_WINDOW, "dossiers_error_label");
  GtkWidget *cancel_button = child (app.start, DP_TYPE_START_WINDOW, "cancel_busy_button");

  WAIT_FOR (!dp_start_window_get_busy (app.start));
  g_clear_object (&app.opened);
  gtk_widget_activate_action (GTK_WIDGET (app.start), "start.open", "(su)", "PE-5678", 2025);
  g_assert_true (dp_start_window_get_busy (app.start));
  g_assert_true (gtk_widget_get_visible (cancel_button));
  gtk_widget_activate_action (GTK_WIDGET (app.start), "start.cancel", NULL);
  WAIT_FOR (!dp_start_window_get_busy (app.start));
  run_for (200);
  g_assert_null (app.opened);
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_get_visible (cancel_button));
}

static void
test_log_out (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_activate_action (GTK_WIDGET (app.start), "start.log-out", NULL);
  g_assert_cmpstr (dp_start_window_get_page (app.start), ==, "login");
  g_assert_null (dp_eloket_client_get_token (app.client));

  /* The keyring forgets it too. */
  run_for (200);
  dp_token_store_lookup_async (app.token_store, test_service.url, NULL, on_looked_up, &result);
  WAIT_FOR (result != NULL);
  g_assert_false (dp_token_store_lookup_finish (app.token_store, result, NULL, NULL, NULL,
                                                &error));
  g_assert_no_error (error);
}

/* --demo-user: the login page proposes the demo user and fills in the code the demo service
 * accepts now (this step's or, across a step boundary, the next one's), and says so. */
static void
test_demo_login (void)
{
  GtkWidget *demo_label = child (app.start, DP_TYPE_START_WINDOW, "demo_label");
  g_autofree guint8 *secret = NULL;
  gsize secret_len = 0;
  const char *shown;
  gint64 step;
  char now[9];
  char next[9];

  g_assert_cmpstr (dp_start_window_get_page (app.start), ==, "login");
  g_assert_false (gtk_widget_get_visible (demo_label));

  secret = dp_base32_decode (DP_DEMO_TOTP_SECRET, &secret_len);
  step = dp_totp_step_for_time (g_get_real_time () / G_USEC_PER_SEC);
  dp_totp_format_code (secret, secret_len, step, now);
  dp_totp_format_code (secret, secret_len, step + 1, next);
  dp_start_window_set_demo (app.start, TRUE);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (app.start, DP_TYPE_START_WINDOW,
                                                                "user_row"))), ==,
                   DP_DEMO_USER);
  shown = gtk_editable_get_text (GTK_EDITABLE (child (app.start, DP_TYPE_START_WINDOW,
                                                      "code_row")));
  g_assert_true (g_str_equal (shown, now) || g_str_equal (shown, next));
  g_assert_true (gtk_widget_get_visible (demo_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (demo_label)), shown));

  dp_start_window_set_demo (app.start, FALSE);
  g_assert_false (gtk_widget_get_visible (demo_label));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *drafts = NULL;
  g_autofree char *system_data_dirs = NULL;
  g_autoptr(GFile) directory = NULL;
  int status;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  /* English, whatever the machine's locale: the test reads the window's words. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The isolated system data directories lack the MIME database, without which GdkPixbuf
   * cannot tell that an icon is an SVG: share the real ones (read-only); the user's stay
   * isolated. */
  if (system_data_dirs != NULL)
    g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  else
    g_unsetenv ("XDG_DATA_DIRS");
  adw_init ();
  /* The style sheet AdwApplication would load, so that the screenshots show what users see. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    dp_application_ensure_resources ();
    gtk_css_provider_load_from_resource (css, "/io/github/dagprijzen/Dagprijzen/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  test_service_setup (NULL);

  drafts = g_build_filename (test_service.dir, "drafts", NULL);
  directory = g_file_new_for_path (drafts);
  app.store = dp_draft_store_new (directory);
  app.client = dp_eloket_client_new (test_service.url);
  dp_eloket_client_set_retry_delay (app.client, 10);
  dp_eloket_client_set_max_attempts (app.client, 2);
  /* The session collection of the keyring: in memory, no unlock prompt in a test. */
  app.token_store = dp_token_store_new ("session");
  app.start = dp_start_window_new (NULL, app.client, app.store, app.token_store);
  g_signal_connect (app.start, "measurement-opened", G_CALLBACK (on_measurement_opened), NULL);
  gtk_window_present (GTK_WINDOW (app.start));

  g_test_add_func ("/online/login", test_login);
  g_test_add_func ("/online/dossier-list", test_dossier_list);
  g_test_add_func ("/online/prefill-save-offline", test_prefill_save_offline);
  g_test_add_func ("/online/conflict", test_conflict);
  g_test_add_func ("/online/submit-and-consult", test_submit_and_consult);
  g_test_add_func ("/online/refused-findings", test_refused_findings);
  g_test_add_func ("/online/cancel", test_cancel);
  g_test_add_func ("/online/log-out", test_log_out);
  g_test_add_func ("/online/demo-login", test_demo_login);

  status = g_test_run ();

  g_clear_object (&app.opened);
  gtk_window_destroy (GTK_WINDOW (app.start));
  g_clear_object (&app.client);
  g_clear_object (&app.store);
  g_clear_object (&app.token_store);
  test_service_teardown ();
  return status;
}
