/* dp-start-window.c: logging in to the e-loket, and the start page.
 *
 * Every request shows the spinner and can be cancelled (start.cancel). The session token
 * goes to the keyring (DpTokenStore) and comes back from it at the next start, so that the
 * user types a code only when the session has ended.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dp-application.h"
#include "dp-general-section.h"
#include "dp-start-window.h"
#include "dp-sync.h"
#include "dp-window.h"

struct _DpStartWindow
{
  AdwApplicationWindow  parent_instance;

  DpEloketClient       *client;
  DpDraftStore         *store;
  DpTokenStore         *token_store;
  GSettings            *settings;
  GCancellable         *cancellable;     /* the request on its way, or NULL */
  char                 *user;

  GPtrArray            *facilities;      /* of DpFacility */
  GPtrArray            *dossiers;        /* of DpDossierSummary */
  guint                 open_year;       /* the campaign open for submission, or 0 */

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwEntryRow          *service_row;
  AdwEntryRow          *user_row;
  AdwEntryRow          *code_row;
  GtkLabel             *login_error_label;
  GtkLabel             *demo_label;
  guint                 demo_timer;       /* set_demo(): keeps the demo code current */
  GtkSpinner           *login_spinner;
  GtkButton            *cancel_login_button;
  GtkButton            *login_button;
  AdwWindowTitle       *dossiers_title;
  GtkSpinner           *busy_spinner;
  GtkButton            *cancel_busy_button;
  GtkLabel             *dossiers_error_label;
  AdwPreferencesGroup  *new_group;
  AdwComboRow          *facility_row;
  AdwActionRow         *start_row;
  GtkButton            *start_button;
  GtkListBox           *dossier_list;
};

G_DEFINE_FINAL_TYPE (DpStartWindow, dp_start_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STORE,
  PROP_TOKEN_STORE,
  PROP_PAGE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MEASUREMENT_OPENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (DpStartWindow *self);

/* Busy, pages, errors ------------------------------------------------------------------ */

/* A new cancellable for the request about to start; the spinners and Cancel follow it. */
static GCancellable *
begin_request (DpStartWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_widget_set_visible (GTK_WIDGET (self->login_spinner), TRUE);
  gtk_spinner_start (self->login_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), TRUE);
  gtk_spinner_start (self->busy_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_login_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_busy_button), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "start.log-in", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "start.cancel", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  return self->cancellable;
}

static void
end_request (DpStartWindow *self)
{
  g_clear_object (&self->cancellable);

  gtk_spinner_stop (self->login_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->login_spinner), FALSE);
  gtk_spinner_stop (self->busy_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_login_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_busy_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "start.log-in", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "start.cancel", FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_page (DpStartWindow *self,
           const char    *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  if (g_str_equal (page, "login"))
    {
      const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));

      gtk_widget_grab_focus (*user != '\0' ? GTK_WIDGET (self->code_row)
                                            : GTK_WIDGET (self->user_row));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
show_error (GtkLabel     *label,
            const GError *error)
{
  gtk_label_set_text (label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* An ended session anywhere sends the user back to the login page, saying why. */
static gboolean
handle_session_expired (DpStartWindow *self,
                        const GError  *error)
{
  if (!g_error_matches (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_SESSION_EXPIRED))
    return FALSE;

  dp_eloket_client_set_token (self->client, NULL);
  show_error (self->login_error_label, error);
  show_page (self, "login");
  return TRUE;
}

/* Logging in ---------------------------------------------------------------------------- */

static void
on_token_saved (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Without a keyring the session lasts as long as the program: the user logs in again. */
  if (!dp_token_store_save_finish (DP_TOKEN_STORE (source_object), result, &error))
    g_warning ("Could not keep the login in the keyring: %s", error->message);
}

static void
on_logged_in (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DpStartWindow) self = DP_START_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  g_autofree char *token = NULL;

  token = dp_eloket_client_login_finish (self->client, result, &expires_at, &error);
  end_request (self);

  if (token == NULL)
    {
      if (!is_cancelled (error))
        show_error (self->login_error_label, error);
      /* A code is good once: the next try needs the next one. */
      gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
      return;
    }

  show_error (self->login_error_label, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "service-url",
                           dp_eloket_client_get_base_url (self->client));
  dp_token_store_save_async (self->token_store, dp_eloket_client_get_base_url (self->client),
                             self->user, token, expires_at, NULL, on_token_saved, NULL);

  show_page (self, "dossiers");
  refresh (self);
}

static void
log_in_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DpStartWindow *self = DP_START_WINDOW (widget);
  g_autofree char *service = NULL;
  g_autofree char *user = NULL;
  g_autofree char *code = NULL;

  service = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->service_row))));
  user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));

  if (*service == '\0' || *user == '\0' || *code == '\0')
    {
      g_autoptr(GError) error =
        g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("Fill in the service address, your user name and the code of "
                               "your authenticator app."));
      show_error (self->login_error_label, error);
      return;
    }

  g_free (self->user);
  self->user = g_strdup (user);
  dp_eloket_client_set_base_url (self->client, service);
  dp_eloket_client_login_async (self->client, user, code, begin_request (self), on_logged_in,
                                g_object_ref (self));
}

static void
on_code_activated (DpStartWindow *self)
{
  g_assert (DP_IS_START_WINDOW (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "start.log-in", NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DpStartWindow *self = DP_START_WINDOW (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
on_token_cleared (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!dp_token_store_clear_finish (DP_TOKEN_STORE (source_object), result, &error))
    g_warning ("Could not remove the login from the keyring: %s", error->message);
}

static void
log_out_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DpStartWindow *self = DP_START_WINDOW (widget);

  g_cancellable_cancel (self->cancellable);
  dp_eloket_client_set_token (self->client, NULL);
  if (dp_eloket_client_get_base_url (self->client) != NULL)
    dp_token_store_clear_async (self->token_store, dp_eloket_client_get_base_url (self->client),
                                NULL, on_token_cleared, NULL);
  show_error (self->login_error_label, NULL);
  show_page (self, "login");
}

/* The session kept from last time ------------------------------------------------------- */

static void
on_session_looked_up (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DpStartWindow) self = DP_START_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *user = NULL;
  g_autofree char *token = NULL;

  end_request (self);
  if (!dp_token_store_lookup_finish (self->token_store, result, &user, &token, NULL, &error))
    {
      if (error != NULL && !is_cancelled (error))
        g_warning ("Could not read the login from the keyring: %s", error->message);
      return;
    }

  g_free (self->user);
  self->user = g_strdup (user);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  dp_eloket_client_set_token (self->client, token);
  show_page (self, "dossiers");
  refresh (self);
}

/* The start page -------------------------------------------------------------------------- */

static DpFacility *
selected_facility (DpStartWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->facility_row);

  if (self->facilities == NULL || selected >= self->facilities->len)
    return NULL;
  return g_ptr_array_index (self->facilities, selected);
}

static DpDossierSummary *
find_dossier (DpStartWindow *self,
              const char    *registration_number,
              guint          year)
{
  for (guint i = 0; self->dossiers != NULL && i < self->dossiers->len; i++)
    {
      DpDossierSummary *summary = g_ptr_array_index (self->dossiers, i);

      if (dp_dossier_summary_get_year (summary) == year &&
          g_strcmp0 (dp_dossier_summary_get_registration_number (summary),
                     registration_number) == 0)
        return summary;
    }
  return NULL;
}

/* The row of the open campaign follows the chosen facility: start, continue, or consult. */
static void
update_start_row (DpStartWindow *self)
{
  DpFacility *facility = selected_facility (self);
  DpDossierSummary *existing = NULL;
  g_autofree char *title = NULL;
  const char *subtitle;
  const char *label;

  if (facility != NULL && self->open_year != 0)
    existing = find_dossier (self, dp_facility_get_registration_number (facility),
                             self->open_year);

  if (self->open_year == 0)
    {
      title = g_strdup (_("Day Price Measurement"));
      subtitle = _("No campaign is open for submission now.");
      label = _("_Start");
    }
  else if (existing == NULL)
    {
      /* Translators: the handleiding's "Aanmaken meting dagprijzen mei 2025" */
      title = g_strdup_printf (_("Day Price Measurement, May %u"), self->open_year);
      subtitle = _("Prefilled with last year's submission: check and update every line.");
      label = _("_Start");
    }
  else if (dp_dossier_summary_get_status (existing) == DP_STATUS_DRAFT)
    {
      title = g_strdup_printf (_("Day Price Measurement, May %u"), self->open_year);
      subtitle = _("A draft is saved: continue where you left off.");
      label = _("_Continue");
    }
  else
    {
      title = g_strdup_printf (_("Day Price Measurement, May %u"), self->open_year);
      subtitle = _("Submitted: it can be consulted, no longer changed.");
      label = _("_Consult");
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->start_row), title);
  adw_action_row_set_subtitle (self->start_row, subtitle);
  gtk_button_set_label (self->start_button, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "start.start-measurement",
                                 facility != NULL && self->open_year != 0);
}

static void
on_facility_selected (DpStartWindow *self)
{
  DpFacility *facility;

  g_assert (DP_IS_START_WINDOW (self));

  facility = selected_facility (self);
  if (facility != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, "last-facility",
                           dp_facility_get_registration_number (facility));
  update_start_row (self);
}

static GtkWidget *
dossier_row_new (DpDossierSummary *summary)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status = gtk_label_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *status_text = NULL;

  /* Translators: a dossier in the list: "Day Price Measurement 2024" */
  title = g_strdup_printf (_("Day Price Measurement %u"),
                           dp_dossier_summary_get_year (summary));
  subtitle = g_strdup_printf ("%s (%s)", dp_dossier_summary_get_facility_name (summary),
                              dp_dossier_summary_get_registration_number (summary));

  if (dp_dossier_summary_get_status (summary) == DP_STATUS_SUBMITTED)
    {
      g_autofree char *when = dp_format_date_time (dp_dossier_summary_get_submitted_at (summary));

      /* Translators: "Submitted on 21 May 2024 10:30", then the reference on a line of its
       * own */
      status_text = g_strdup_printf (_("%s on %s\n%s"),
                                     dp_status_to_label (DP_STATUS_SUBMITTED), when,
                                     dp_dossier_summary_get_reference (summary));
    }
  else
    status_text = g_strdup (dp_status_to_label (DP_STATUS_DRAFT));

  /* The submission time and reference under the facility, where they wrap with the row at
   * any width; beside it only the status, short enough never to squeeze the title. */
  if (dp_dossier_summary_get_status (summary) == DP_STATUS_SUBMITTED)
    {
      g_autofree char *facility = g_steal_pointer (&subtitle);

      subtitle = g_strdup_printf ("%s\n%s", facility, status_text);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_label_set_text (GTK_LABEL (status),
                      dp_status_to_label (dp_dossier_summary_get_status (summary)));
  gtk_widget_add_css_class (status,
                            dp_dossier_summary_get_status (summary) == DP_STATUS_SUBMITTED
                            ? "success" : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  g_object_set_data_full (G_OBJECT (row), "summary", g_object_ref (summary), g_object_unref);
  return row;
}

static void
fill_page (DpStartWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *last = self->settings != NULL
                          ? g_settings_get_string (self->settings, "last-facility") : NULL;
  GtkWidget *child;
  guint selected = 0;

  for (guint i = 0; i < self->facilities->len; i++)
    {
      DpFacility *facility = g_ptr_array_index (self->facilities, i);
      g_autofree char *name = g_strdup_printf ("%s (%s)", dp_facility_get_name (facility),
                                               dp_facility_get_registration_number (facility));

      gtk_string_list_append (names, name);
      if (g_strcmp0 (last, dp_facility_get_registration_number (facility)) == 0)
        selected = i;
    }

  /* The handleiding's "binnen de organisatie" choice: only when there is one to make. */
  g_signal_handlers_block_by_func (self->facility_row, on_facility_selected, self);
  adw_combo_row_set_model (self->facility_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->facility_row, selected);
  g_signal_handlers_unblock_by_func (self->facility_row, on_facility_selected, self);
  gtk_widget_set_visible (GTK_WIDGET (self->facility_row), self->facilities->len > 1);
  update_start_row (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->dossier_list))) != NULL)
    gtk_list_box_remove (self->dossier_list, child);
  for (guint i = 0; i < self->dossiers->len; i++)
    gtk_list_box_append (self->dossier_list, dossier_row_new (g_ptr_array_index (self->dossiers,
                                                                                 i)));

  if (self->dossiers->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No dossiers yet"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->dossier_list, row);
    }

  if (self->user != NULL)
    adw_window_title_set_subtitle (self->dossiers_title, self->user);
}

static void
on_dossiers_listed (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DpStartWindow) self = DP_START_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  GPtrArray *dossiers;

  dossiers = dp_eloket_client_list_dossiers_finish (self->client, result, &error);
  end_request (self);
  if (dossiers == NULL)
    {
      if (!is_cancelled (error) && !handle_session_expired (self, error))
        show_error (self->dossiers_error_label, error);
      return;
    }

  g_clear_pointer (&self->dossiers, g_ptr_array_unref);
  self->dossiers = dossiers;
  show_error (self->dossiers_error_label, NULL);
  fill_page (self);
}

static void
on_campaigns_listed (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DpStartWindow) self = DP_START_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;

  campaigns = dp_eloket_client_list_campaigns_finish (self->client, result, NULL,
                                                      &self->open_year, &error);
  if (campaigns == NULL)
    {
      end_request (self);
      if (!is_cancelled (error) && !handle_session_expired (self, error))
        show_error (self->dossiers_error_label, error);
      return;
    }

  dp_eloket_client_list_dossiers_async (self->client, self->cancellable, on_dossiers_listed,
                                        g_object_ref (self));
}

static void
on_facilities_listed (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DpStartWindow) self = DP_START_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  GPtrArray *facilities;

  facilities = dp_eloket_client_list_facilities_finish (self->client, result, &error);
  if (facilities == NULL)
    {
      end_request (self);
      if (!is_cancelled (error) && !handle_session_expired (self, error))
        show_error (self->dossiers_error_label, error);
      return;
    }

  g_clear_pointer (&self->facilities, g_ptr_array_unref);
  self->facilities = facilities;
  dp_eloket_client_list_campaigns_async (self->client, self->cancellable, on_campaigns_listed,
                                         g_object_ref (self));
}

static void
refresh (DpStartWindow *self)
{
  dp_eloket_client_list_facilities_async (self->client, begin_request (self),
                                          on_facilities_listed, g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  refresh (DP_START_WINDOW (widget));
}

/* Opening a measurement --------------------------------------------------------------------- */

static void
on_sync_opened (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DpStartWindow) self = DP_START_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(DpSync) sync = NULL;
  DpWindow *window;

  sync = dp_sync_open_finish (result, &error);
  end_request (self);
  if (sync == NULL)
    {
      if (!is_cancelled (error) && !handle_session_expired (self, error))
        show_error (self->dossiers_error_label, error);
      return;
    }

  show_error (self->dossiers_error_label, NULL);
  window = dp_window_new (gtk_window_get_application (GTK_WINDOW (self)), self->store,
                          dp_sync_get_dossier (sync));
  dp_window_set_sync (window, sync);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_emit (self, signals[MEASUREMENT_OPENED], 0, window);

  /* The list changes with what is done there: fresh when the user comes back. */
  refresh (self);
}

static void
open_measurement (DpStartWindow *self,
                  const char    *registration_number,
                  guint          year)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  /* One window per measurement: two would each send their own edits over the other's. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      DpSync *sync;
      DpDossier *dossier;

      if (!DP_IS_WINDOW (window) || (sync = dp_window_get_sync (DP_WINDOW (window))) == NULL)
        continue;

      dossier = dp_sync_get_dossier (sync);
      if (dp_campaign_get_year (dp_dossier_get_campaign (dossier)) == year &&
          g_strcmp0 (dp_facility_get_registration_number (dp_dossier_get_facility (dossier)),
                     registration_number) == 0)
        {
          gtk_window_present (GTK_WINDOW (window));
          g_signal_emit (self, signals[MEASUREMENT_OPENED], 0, window);
          return;
        }
    }

  dp_sync_open_async (self->client, self->store, registration_number, year,
                      begin_request (self), on_sync_opened, g_object_ref (self));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  const char *registration_number;
  guint year;

  g_variant_get (parameter, "(&su)", &registration_number, &year);
  open_measurement (DP_START_WINDOW (widget), registration_number, year);
}

static void
start_measurement_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DpStartWindow *self = DP_START_WINDOW (widget);
  DpFacility *facility = selected_facility (self);

  if (facility == NULL || self->open_year == 0)
    return;

  open_measurement (self, dp_facility_get_registration_number (facility), self->open_year);
}

static void
on_dossier_activated (DpStartWindow *self,
                      GtkListBoxRow *row)
{
  DpDossierSummary *summary;

  g_assert (DP_IS_START_WINDOW (self));

  summary = g_object_get_data (G_OBJECT (row), "summary");
  if (summary != NULL)
    open_measurement (self, dp_dossier_summary_get_registration_number (summary),
                      dp_dossier_summary_get_year (summary));
}

static void
work_offline_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DpStartWindow *self = DP_START_WINDOW (widget);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GtkWindow *window;

  if (!DP_IS_APPLICATION (application))
    return;

  g_cancellable_cancel (self->cancellable);
  window = GTK_WINDOW (dp_application_open_local (DP_APPLICATION (application)));
  g_signal_emit (self, signals[MEASUREMENT_OPENED], 0, window);
}

/* The object -------------------------------------------------------------------------------- */

DpStartWindow *
dp_start_window_new (GtkApplication *application,
                     DpEloketClient *client,
                     DpDraftStore   *store,
                     DpTokenStore   *token_store)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DP_IS_ELOKET_CLIENT (client), NULL);
  g_return_val_if_fail (DP_IS_DRAFT_STORE (store), NULL);
  g_return_val_if_fail (DP_IS_TOKEN_STORE (token_store), NULL);

  return g_object_new (DP_TYPE_START_WINDOW,
                       "application", application,
                       "client", client,
                       "store", store,
                       "token-store", token_store,
                       NULL);
}

void
dp_start_window_set_user (DpStartWindow *self,
                          const char    *user)
{
  g_return_if_fail (DP_IS_START_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user ? user : "");
  if (g_strcmp0 (dp_start_window_get_page (self), "login") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (user != NULL && *user != '\0' ? self->code_row
                                                                     : self->user_row));
}

static gboolean
update_demo_code (gpointer user_data)
{
  DpStartWindow *self = DP_START_WINDOW (user_data);
  g_autofree guint8 *secret = NULL;
  g_autofree char *text = NULL;
  gsize secret_len = 0;
  char code[9];

  secret = dp_base32_decode (DP_DEMO_TOTP_SECRET, &secret_len);
  dp_totp_format_code (secret, secret_len,
                       dp_totp_step_for_time (g_get_real_time () / G_USEC_PER_SEC), code);

  /* TRANSLATORS: %s is the six-digit code of the demo user right now */
  text = g_strdup_printf (_("Demo service: the code right now is %s. It is filled in for you: "
                            "press Log In."), code);
  gtk_label_set_text (self->demo_label, text);
  /* Not while a login with the code is on its way; but an empty field is filled at once,
   * even while the kept session is looked up, so that the label never says "filled in"
   * over an empty field (Enter would then be refused). */
  if (self->cancellable == NULL || *gtk_editable_get_text (GTK_EDITABLE (self->code_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->code_row), code);

  return G_SOURCE_CONTINUE;
}

void
dp_start_window_set_demo (DpStartWindow *self,
                          gboolean       demo)
{
  g_return_if_fail (DP_IS_START_WINDOW (self));

  g_clear_handle_id (&self->demo_timer, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_label), demo);
  if (!demo)
    return;

  dp_start_window_set_user (self, DP_DEMO_USER);
  update_demo_code (self);
  self->demo_timer = g_timeout_add_seconds (1, update_demo_code, self);
}

const char *
dp_start_window_get_page (DpStartWindow *self)
{
  g_return_val_if_fail (DP_IS_START_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
dp_start_window_get_busy (DpStartWindow *self)
{
  g_return_val_if_fail (DP_IS_START_WINDOW (self), FALSE);
  return self->cancellable != NULL;
}

static void
dp_start_window_constructed (GObject *object)
{
  DpStartWindow *self = DP_START_WINDOW (object);
  g_autofree char *service = NULL;

  G_OBJECT_CLASS (dp_start_window_parent_class)->constructed (object);

  /* The address the client was given wins over the one remembered. */
  if (dp_eloket_client_get_base_url (self->client) == NULL)
    {
      service = self->settings != NULL ? g_settings_get_string (self->settings, "service-url")
                                       : g_strdup ("http://127.0.0.1:8080/");
      dp_eloket_client_set_base_url (self->client, service);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->service_row),
                         dp_eloket_client_get_base_url (self->client));

  show_page (self, "login");
  end_request (self);

  /* A session kept from last time, or one the client already has, skips the login. */
  if (dp_eloket_client_get_token (self->client) != NULL)
    {
      show_page (self, "dossiers");
      refresh (self);
    }
  else
    dp_token_store_lookup_async (self->token_store,
                                 dp_eloket_client_get_base_url (self->client),
                                 begin_request (self), on_session_looked_up,
                                 g_object_ref (self));
}

static void
dp_start_window_dispose (GObject *object)
{
  DpStartWindow *self = DP_START_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->demo_timer, g_source_remove);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->token_store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->facilities, g_ptr_array_unref);
  g_clear_pointer (&self->dossiers, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), DP_TYPE_START_WINDOW);

  G_OBJECT_CLASS (dp_start_window_parent_class)->dispose (object);
}

static void
dp_start_window_finalize (GObject *object)
{
  DpStartWindow *self = DP_START_WINDOW (object);

  g_clear_pointer (&self->user, g_free);

  G_OBJECT_CLASS (dp_start_window_parent_class)->finalize (object);
}

static void
dp_start_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DpStartWindow *self = DP_START_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TOKEN_STORE:
      g_value_set_object (value, self->token_store);
      break;
    case PROP_PAGE:
      g_value_set_string (value, dp_start_window_get_page (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, dp_start_window_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_start_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DpStartWindow *self = DP_START_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_TOKEN_STORE:
      self->token_store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_start_window_class_init (DpStartWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  dp_application_ensure_resources ();

  object_class->constructed = dp_start_window_constructed;
  object_class->dispose = dp_start_window_dispose;
  object_class->finalize = dp_start_window_finalize;
  object_class->get_property = dp_start_window_get_property;
  object_class->set_property = dp_start_window_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, DP_TYPE_ELOKET_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DP_TYPE_DRAFT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN_STORE] =
    g_param_spec_object ("token-store", NULL, NULL, DP_TYPE_TOKEN_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MEASUREMENT_OPENED] =
    g_signal_new ("measurement-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, GTK_TYPE_WINDOW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dagprijzen/Dagprijzen/dp-start-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, service_row);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, code_row);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, login_error_label);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, demo_label);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, login_spinner);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, cancel_login_button);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, login_button);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, dossiers_title);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, cancel_busy_button);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, dossiers_error_label);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, new_group);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, facility_row);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, start_row);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, start_button);
  gtk_widget_class_bind_template_child (widget_class, DpStartWindow, dossier_list);
  gtk_widget_class_bind_template_callback (widget_class, on_code_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_facility_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_dossier_activated);

  gtk_widget_class_install_action (widget_class, "start.log-in", NULL, log_in_action);
  gtk_widget_class_install_action (widget_class, "start.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "start.log-out", NULL, log_out_action);
  gtk_widget_class_install_action (widget_class, "start.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "start.start-measurement", NULL,
                                   start_measurement_action);
  gtk_widget_class_install_action (widget_class, "start.open", "(su)", open_action);
  gtk_widget_class_install_action (widget_class, "start.work-offline", NULL,
                                   work_offline_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "start.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "start.cancel", NULL);
}

static void
dp_start_window_init (DpStartWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Run from the build tree the schema may not be installed: then nothing is remembered
   * (address, facility), rather than an abort in g_settings_new(). */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);
}
