/* dp-window.c: the main window: one meting dagprijzen, from filling in to submitting.
 *
 * The sections are widgets of their own (dp-general-section, dp-part-view, dp-capacity-bar,
 * dp-findings-list), each bound to the window's "dossier" in the template. The window holds
 * what spans them: saving, submitting, opening and exporting, and the toasts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dp-application.h"
#include "dp-help.h"
#include "dp-service-findings.h"
#include "dp-sync-status.h"
#include "dp-window-private.h"

struct _DpWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkScrolledWindow    *scroller;
  DpGeneralSection     *general_section;
  DpPartView           *part1_view;
  DpPartView           *part2_view;
  DpFindingsList       *findings_list;
  DpCapacityBar        *capacity_bar;
  DpSyncStatus         *sync_status;

  DpDossier            *dossier;
  DpDraftStore         *store;
  DpAutosave           *autosave;
  GSettings            *settings;       /* NULL when the schema is not installed */
  GtkFileChooserNative *chooser;
  DpPart                last_part;      /* the Luik last focused, for Ctrl+N */
  char                 *last_toast;
  AdwToast             *last_toast_object;  /* weak: the overlay owns its toasts */
  gboolean              close_unsaved;      /* the user chose to close after a failed save */
  gulong                read_only_id;

  /* Online: the dossier is also on the e-loket (NULL when only here). */
  DpSync               *sync;
  gulong                sync_dossier_id;
  gulong                dirty_id;
  GCancellable         *submit_cancellable;
  GtkWidget            *progress_dialog;
};

G_DEFINE_FINAL_TYPE (DpWindow, dp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOSSIER,
  PROP_STORE,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static DpPartView *
part_view (DpWindow *self,
           DpPart    part)
{
  return part == DP_PART_2 ? self->part2_view : self->part1_view;
}

/* Toast titles are Pango markup in libadwaita 1.2: @text is plain and escaped here. */
static AdwToast *
new_toast (DpWindow   *self,
           const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  g_set_weak_pointer (&self->last_toast_object, toast);

  return toast;
}

void
dp_window_add_toast (DpWindow   *self,
                     const char *text)
{
  AdwToast *toast;

  g_return_if_fail (DP_IS_WINDOW (self));

  toast = new_toast (self, text);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
dp_window_announce (DpWindow   *self,
                    const char *text)
{
  AdwToast *toast;

  g_return_if_fail (DP_IS_WINDOW (self));

  toast = new_toast (self, text);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error_dialog (DpWindow   *self,
                   const char *heading,
                   const char *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A price typed but not yet entered counts: saving, submitting and closing take it. */
static void
commit_pending_edit (DpWindow *self)
{
  dp_part_view_commit (self->part1_view);
  dp_part_view_commit (self->part2_view);
}

static void
update_state (DpWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  gboolean read_only = self->dossier == NULL || dp_dossier_get_read_only (self->dossier);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.submit", !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-line", !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", self->dossier != NULL);

  if (self->dossier == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Day Price Measurement"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      return;
    }

  title = g_strdup_printf (_("Day Price Measurement %u"),
                           dp_campaign_get_year (dp_dossier_get_campaign (self->dossier)));
  if (read_only)
    /* TRANSLATORS: "WZC De Linde — Submitted" */
    subtitle = g_strdup_printf (_("%s — %s"),
                                dp_facility_get_name (dp_dossier_get_facility (self->dossier)),
                                dp_status_to_label (dp_dossier_get_status (self->dossier)));
  else
    subtitle = g_strdup (dp_facility_get_name (dp_dossier_get_facility (self->dossier)));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
on_read_only_notify (DpDossier  *dossier,
                     GParamSpec *pspec,
                     DpWindow   *self)
{
  GtkWidget *focus;

  g_assert (DP_IS_WINDOW (self));

  update_state (self);

  /* The cell that had the keyboard may have gone (a submitted dossier hides the row's
   * buttons), leaving it on an unnamed table row: put it on the status, which now says
   * what happened. */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (dp_dossier_get_read_only (dossier) && focus != NULL
      && (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->part1_view))
          || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->part2_view))))
    dp_general_section_focus_status (self->general_section);
}

void
dp_window_set_dossier (DpWindow  *self,
                       DpDossier *dossier)
{
  g_return_if_fail (DP_IS_WINDOW (self));
  g_return_if_fail (dossier == NULL || DP_IS_DOSSIER (dossier));

  if (self->dossier == dossier)
    return;

  commit_pending_edit (self);
  if (self->dossier != NULL)
    g_clear_signal_handler (&self->read_only_id, self->dossier);

  /* Another dossier than the e-loket's (a file opened here): the window works on it locally.
   * The draft on disk is no longer what the e-loket holds: say so, so that the next opening
   * sends it or asks, never overwrites it. */
  if (self->sync != NULL && dossier != dp_sync_get_dossier (self->sync))
    {
      if (dp_sync_get_state (self->sync) != DP_SYNC_STATE_SUBMITTED)
        dp_sync_mark_changed (self->sync);
      dp_window_set_sync (self, NULL);
    }

  /* Saves the dossier shown until now if it has edits not on disk yet. */
  if (self->autosave != NULL)
    dp_autosave_set_dossier (self->autosave, dossier);

  g_set_object (&self->dossier, dossier);
  if (dossier != NULL)
    {
      self->read_only_id = g_signal_connect (dossier, "notify::read-only",
                                             G_CALLBACK (on_read_only_notify), self);
      if (self->settings != NULL)
        g_settings_set_string (self->settings, "last-facility",
                               dp_facility_get_registration_number (
                                 dp_dossier_get_facility (dossier)));
    }

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOSSIER]);
}

DpDossier *
dp_window_get_dossier (DpWindow *self)
{
  g_return_val_if_fail (DP_IS_WINDOW (self), NULL);

  return self->dossier;
}

DpDraftStore *
dp_window_get_store (DpWindow *self)
{
  g_return_val_if_fail (DP_IS_WINDOW (self), NULL);

  return self->store;
}

/* Saving */

static void on_sync_saved (GObject *object, GAsyncResult *result, gpointer user_data);

static void
on_save_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DpWindow) self = DP_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (!dp_autosave_save_finish (DP_AUTOSAVE (object), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not save the draft: %s"),
                                               error->message);
      dp_window_add_toast (self, text);
      return;
    }

  dp_window_add_toast (self, _("Draft saved"));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DpWindow *self = DP_WINDOW (widget);

  if (self->dossier == NULL || dp_dossier_get_read_only (self->dossier))
    return;

  commit_pending_edit (self);
  if (self->sync != NULL)
    {
      dp_sync_save_async (self->sync, NULL, on_sync_saved, g_object_ref (self));
      return;
    }
  dp_autosave_save_async (self->autosave, NULL, on_save_done, g_object_ref (self));
}

static void
on_autosave_failed (DpAutosave   *autosave,
                    const GError *error,
                    DpWindow     *self)
{
  g_autofree char *text = NULL;

  g_assert (DP_IS_WINDOW (self));

  text = g_strdup_printf (_("Could not save the draft: %s"), error->message);
  dp_window_add_toast (self, text);
}

/* Online: the e-loket ------------------------------------------------------------------ */

static void
on_resolved_keep_local (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(DpWindow) self = DP_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (dp_sync_resolve_keep_local_finish (DP_SYNC (object), result, &error))
    dp_window_add_toast (self, _("Your version is now the one on the e-loket"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    dp_window_add_toast (self, error->message);
}

static void
on_conflict_response (AdwMessageDialog *dialog,
                      const char       *response,
                      DpWindow         *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (DP_IS_WINDOW (self));

  if (self->sync == NULL || dp_sync_get_state (self->sync) != DP_SYNC_STATE_CONFLICT)
    return;

  if (g_str_equal (response, "mine"))
    {
      commit_pending_edit (self);
      dp_sync_resolve_keep_local_async (self->sync, NULL, on_resolved_keep_local,
                                        g_object_ref (self));
    }
  else if (g_str_equal (response, "theirs"))
    {
      /* This draft goes to disk first, so that nothing writes it over the e-loket's later. */
      dp_autosave_flush (self->autosave, NULL);
      if (dp_sync_resolve_take_remote (self->sync, &error))
        dp_window_add_toast (self, _("Showing the version of the e-loket"));
      else
        dp_window_add_toast (self, error->message);
    }
}

static void
show_conflict (DpWindow *self)
{
  GtkWidget *dialog;

  if (self->sync == NULL || dp_sync_get_remote_dossier (self->sync) == NULL)
    return;

  dialog = dp_sync_status_show_conflict (GTK_WINDOW (self), self->sync);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response), self, 0);
}

static void
on_sync_compare (DpSyncStatus *status,
                 DpWindow     *self)
{
  g_assert (DP_IS_WINDOW (self));

  show_conflict (self);
}

static void
on_sync_saved (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DpWindow) self = DP_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (dp_sync_save_finish (DP_SYNC (object), result, &error))
    dp_window_add_toast (self, _("Draft saved and sent to the e-loket"));
  else if (dp_eloket_error_is_transient (error))
    dp_window_add_toast (self, _("Draft saved on this computer: it is sent to the e-loket as "
                                 "soon as it can be reached"));
  else if (g_error_matches (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_CONFLICT_CHANGED))
    show_conflict (self);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("Draft saved on this computer only: %s"),
                                               error->message);
      dp_window_add_toast (self, text);
    }
}

static void
on_sync_dossier_notify (DpSync     *sync,
                        GParamSpec *pspec,
                        DpWindow   *self)
{
  g_assert (DP_IS_WINDOW (self));

  dp_window_set_dossier (self, dp_sync_get_dossier (sync));
}

static void
on_autosave_dirty_notify (DpAutosave *autosave,
                          GParamSpec *pspec,
                          DpWindow   *self)
{
  g_assert (DP_IS_WINDOW (self));

  /* An edit here is work the e-loket has not seen yet, even across a restart. */
  if (self->sync != NULL && dp_autosave_get_dirty (autosave) &&
      dp_sync_get_state (self->sync) != DP_SYNC_STATE_SUBMITTED)
    dp_sync_mark_changed (self->sync);
}

DpSync *
dp_window_get_sync (DpWindow *self)
{
  g_return_val_if_fail (DP_IS_WINDOW (self), NULL);

  return self->sync;
}

void
dp_window_set_sync (DpWindow *self,
                    DpSync   *sync)
{
  g_return_if_fail (DP_IS_WINDOW (self));
  g_return_if_fail (sync == NULL || DP_IS_SYNC (sync));

  if (self->sync == sync)
    return;

  if (self->sync != NULL)
    g_clear_signal_handler (&self->sync_dossier_id, self->sync);
  g_set_object (&self->sync, sync);
  if (sync != NULL)
    {
      self->sync_dossier_id = g_signal_connect (sync, "notify::dossier",
                                                G_CALLBACK (on_sync_dossier_notify), self);
      dp_window_set_dossier (self, dp_sync_get_dossier (sync));
    }
  dp_sync_status_set_sync (self->sync_status, sync);

  /* Opened in conflict (changed here and there): the user chooses before anything else. */
  if (sync != NULL && dp_sync_get_state (sync) == DP_SYNC_STATE_CONFLICT)
    show_conflict (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

static void
close_progress (DpWindow *self)
{
  if (self->progress_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->progress_dialog));
  g_clear_object (&self->progress_dialog);
  g_clear_object (&self->submit_cancellable);
}

static void
on_progress_response (AdwMessageDialog *dialog,
                      const char       *response,
                      DpWindow         *self)
{
  g_assert (DP_IS_WINDOW (self));

  g_cancellable_cancel (self->submit_cancellable);
}

static void
show_online_submitted (DpWindow   *self,
                       const char *reference)
{
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  when = dp_format_date_time (dp_dossier_get_submitted_at (self->dossier));
  body = g_strdup_printf (_("The e-loket received the day prices of %s for %u on %s.\n"
                            "Reference: %s\n\n"
                            "The dossier can be consulted, read-only, in the list of "
                            "dossiers."),
                          dp_facility_get_name (dp_dossier_get_facility (self->dossier)),
                          dp_campaign_get_year (dp_dossier_get_campaign (self->dossier)),
                          when, reference);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Dossier Submitted"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The service's findings, as it worded them: they may name what this computer could not
 * check (its recognised capacity, its clock). */
static void
show_refused (DpWindow     *self,
              const GError *error,
              GPtrArray    *findings)
{
  g_autoptr(GPtrArray) bound = NULL;
  g_autofree char *text = NULL;
  GtkWidget *dialog;
  GtkWidget *label;

  /* The service's findings on the cells they name, said with their places. */
  bound = dp_service_findings_bind (self->dossier, findings);
  text = dp_service_findings_describe (self->dossier, bound);
  if (!dp_service_findings_show (self->part1_view, self->part2_view, bound))
    dp_findings_list_focus_first (self->findings_list);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Not Submitted"), error->message);
  if (*text != '\0')
    {
      label = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_sync_submitted (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DpWindow) self = DP_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *reference = NULL;

  reference = dp_sync_submit_finish (DP_SYNC (object), result, &findings, &error);
  close_progress (self);

  if (reference != NULL)
    {
      /* DpSync wrote the submitted dossier; the autosave has nothing left to add. */
      dp_autosave_mark_dirty (self->autosave);
      dp_autosave_flush (self->autosave, NULL);
      show_online_submitted (self, reference);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      dp_window_add_toast (self, _("Stopped waiting: if the submission reached the e-loket, "
                                   "submitting again finds it instead of submitting twice"));
      return;
    }

  if (g_error_matches (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_CONFLICT_CHANGED))
    {
      show_conflict (self);
      return;
    }

  show_refused (self, error, findings);
}

static void
submit_online (DpWindow *self)
{
  GtkWidget *spinner = gtk_spinner_new ();

  close_progress (self);
  self->submit_cancellable = g_cancellable_new ();

  /* Every wait on the network shows itself and can be ended. */
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  self->progress_dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Submitting…"),
                                                  _("Sending the measurement to the "
                                                    "e-loket."));
  g_object_ref_sink (self->progress_dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self->progress_dialog), spinner);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self->progress_dialog), "cancel",
                                   _("_Cancel"));
  g_signal_connect_object (self->progress_dialog, "response",
                           G_CALLBACK (on_progress_response), self, 0);
  gtk_window_present (GTK_WINDOW (self->progress_dialog));

  dp_sync_submit_async (self->sync, self->submit_cancellable, on_sync_submitted,
                        g_object_ref (self));
}

/* Submitting */

static char *
make_local_reference (DpDossier *dossier,
                      GDateTime *now)
{
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d%H%M%S");

  /* Until the service issues references, a local one that says so. */
  return g_strdup_printf ("LOKAAL-%s-%u-%s",
                          dp_facility_get_registration_number (dp_dossier_get_facility (dossier)),
                          dp_campaign_get_year (dp_dossier_get_campaign (dossier)), stamp);
}

static void
show_submitted (DpWindow *self)
{
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  when = dp_format_date_time (dp_dossier_get_submitted_at (self->dossier));
  body = g_strdup_printf (_("The day prices of %s for %u were submitted on %s.\n"
                            "Reference: %s\n\n"
                            "This version records the submission on this computer; the "
                            "dossier can still be consulted here, read-only."),
                          dp_facility_get_name (dp_dossier_get_facility (self->dossier)),
                          dp_campaign_get_year (dp_dossier_get_campaign (self->dossier)),
                          when, dp_dossier_get_reference (self->dossier));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Dossier Submitted"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_submit_response (AdwMessageDialog *dialog,
                    const char       *response,
                    DpWindow         *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;

  g_assert (DP_IS_WINDOW (self));

  if (g_strcmp0 (response, "ok") != 0 || self->dossier == NULL
      || dp_dossier_get_read_only (self->dossier))
    return;

  /* Edits may have come in while the dialog was open (it is modal, but an autosave or a
   * test could): check again, the verdict must be the one of what is submitted. */
  if (dp_dossier_get_n_errors (self->dossier) > 0)
    {
      dp_window_add_toast (self, _("Not submitted: the dossier has errors"));
      return;
    }

  if (self->sync != NULL)
    {
      submit_online (self);
      return;
    }

  now = g_date_time_new_now_utc ();
  reference = make_local_reference (self->dossier, now);
  dp_dossier_mark_submitted (self->dossier, now, reference);

  /* Written at once: a submission is never left to a timer. */
  dp_autosave_mark_dirty (self->autosave);
  if (!dp_autosave_flush (self->autosave, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not save the draft: %s"),
                                               error->message);
      dp_window_add_toast (self, text);
    }

  show_submitted (self);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DpWindow *self = DP_WINDOW (widget);
  g_autofree char *body = NULL;
  g_autofree char *units = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *warnings = NULL;
  GtkWidget *dialog;
  DpFacility *facility;
  guint n_errors;
  guint n_warnings;
  guint total;
  guint recognised;
  guint n_lines;

  if (self->dossier == NULL || dp_dossier_get_read_only (self->dossier))
    return;

  commit_pending_edit (self);

  n_errors = dp_dossier_get_n_errors (self->dossier);
  if (n_errors > 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (ngettext ("Cannot submit yet: %u error remains (see the findings)",
                                        "Cannot submit yet: %u errors remain (see the findings)",
                                        n_errors), n_errors);
      dp_window_add_toast (self, text);
      dp_findings_list_focus_first (self->findings_list);
      return;
    }

  /* Without the e-loket there is no server clock to decide on the deadline (R9): this
   * computer's does, with the check the service would run. */
  if (self->sync == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GPtrArray) verdict = NULL;
      GDate today;

      dp_date_of_time (now, &today);
      verdict = dp_dossier_check_submission (self->dossier, &today);
      for (guint i = 0; i < verdict->len; i++)
        {
          DpFinding *finding = g_ptr_array_index (verdict, i);

          if (g_strcmp0 (dp_finding_get_code (finding), DP_CHECK_INDIENTERMIJN_VERSTREKEN) == 0)
            {
              show_error_dialog (self, _("Submission Period Closed"),
                                 dp_finding_get_message (finding));
              return;
            }
        }
    }

  facility = dp_dossier_get_facility (self->dossier);
  n_warnings = dp_dossier_get_n_warnings (self->dossier);
  total = dp_dossier_get_total_capacity (self->dossier);
  recognised = dp_facility_get_recognised_capacity (facility);
  n_lines = dp_dossier_get_n_lines (self->dossier);

  lines = g_strdup_printf (ngettext ("%u line", "%u lines", n_lines), n_lines);
  units = g_strdup_printf (ngettext ("%u of %u unit", "%u of %u units", recognised),
                           total, recognised);
  warnings = n_warnings > 0
             ? g_strdup_printf (ngettext ("%u warning remains: you may submit with it.",
                                          "%u warnings remain: you may submit with them.",
                                          n_warnings), n_warnings)
             : g_strdup ("");

  /* TRANSLATORS: the confirmation before submitting; "%s (%s)" is the facility and its
   * registration number. */
  body = g_strdup_printf (_("You are about to submit the day prices on 1 May %u of %s (%s): "
                            "%s, %s. %s\n\nSubmitting is final: afterwards the dossier can "
                            "no longer be changed."),
                          dp_campaign_get_year (dp_dossier_get_campaign (self->dossier)),
                          dp_facility_get_name (facility),
                          dp_facility_get_registration_number (facility),
                          lines, units, warnings);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Submit the Measurement?"), body);
  /* The handleiding's two answers: OK and Annuleer. */
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", _("_OK"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_submit_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opening and exporting */

static void
replace_with_loaded (DpWindow  *self,
                     DpDossier *dossier,
                     GFile     *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  dp_window_set_dossier (self, dossier);
  /* What was opened is the dossier now: keep it as its draft, so that it is there next time. */
  if (!dp_dossier_get_read_only (dossier))
    dp_autosave_mark_dirty (self->autosave);

  text = g_strdup_printf (_("Opened “%s”"), name);
  dp_window_add_toast (self, text);
}

static void
on_replace_draft_response (AdwMessageDialog *dialog,
                           const char       *response,
                           DpWindow         *self)
{
  DpDossier *dossier = g_object_get_data (G_OBJECT (dialog), "dp-dossier");
  GFile *file = g_object_get_data (G_OBJECT (dialog), "dp-file");

  g_assert (DP_IS_WINDOW (self));

  if (g_strcmp0 (response, "open") == 0)
    replace_with_loaded (self, dossier, file);
}

static void
on_file_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DpWindow) self = DP_WINDOW (user_data);
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(DpDossier) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  GFile *file = G_FILE (object);
  DpFacility *facility;
  guint year;
  gsize length;

  name = g_file_get_basename (file);

  if (!g_file_load_contents_finish (file, result, &contents, &length, NULL, &error)
      || !(dossier = dp_format_load_data (contents, length, &error)))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      show_error_dialog (self, heading, error->message);
      return;
    }

  if (self->dossier != NULL && dp_format_same_document (self->dossier, dossier))
    {
      dp_window_add_toast (self, _("This dossier is already open"));
      return;
    }

  /* The draft of the same facility and year would be overwritten by the opened file's at the
   * next save: never without asking. */
  facility = dp_dossier_get_facility (dossier);
  year = dp_campaign_get_year (dp_dossier_get_campaign (dossier));
  draft = dp_draft_store_load (self->store, dp_facility_get_registration_number (facility),
                               year, NULL);
  if (draft != NULL && !dp_format_same_document (draft, dossier))
    {
      g_autofree char *body = NULL;
      GtkWidget *dialog;

      body = g_strdup_printf (_("There is a saved draft of %s for %u. Opening “%s” replaces "
                                "that draft with the file’s contents."),
                              dp_facility_get_name (facility), year, name);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Draft?"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "open", _("_Open File"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "dp-dossier", g_object_ref (dossier),
                              g_object_unref);
      g_object_set_data_full (G_OBJECT (dialog), "dp-file", g_object_ref (file),
                              g_object_unref);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_draft_response),
                               self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  replace_with_loaded (self, dossier, file);
}

void
dp_window_open_file (DpWindow *self,
                     GFile    *file)
{
  g_return_if_fail (DP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, NULL, on_file_loaded, g_object_ref (self));
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Dossier files (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");

  return filter;
}

static GtkFileChooserNative *
new_chooser (DpWindow             *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             GCallback             on_response)
{
  g_autoptr(GtkFileFilter) filter = json_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", on_response, self);

  return chooser;
}

static void
on_open_response (GtkNativeDialog *chooser,
                  int              response,
                  DpWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  g_assert (DP_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    dp_window_open_file (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DpWindow *self = DP_WINDOW (widget);

  if (self->chooser != NULL)
    return;

  self->chooser = new_chooser (self, _("Open a Dossier File"), GTK_FILE_CHOOSER_ACTION_OPEN,
                               _("_Open"), G_CALLBACK (on_open_response));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    DpWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (DP_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL || self->dossier == NULL)
    return;

  if (!dp_format_save_file (self->dossier, file, NULL, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Export to “%s”"), name);

      show_error_dialog (self, heading, error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_("Exported to “%s”"), name);

      dp_window_add_toast (self, text);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DpWindow *self = DP_WINDOW (widget);
  g_autofree char *name = NULL;

  if (self->chooser != NULL || self->dossier == NULL)
    return;

  commit_pending_edit (self);
  name = g_strdup_printf ("%s-%u.json",
                          dp_facility_get_registration_number (
                            dp_dossier_get_facility (self->dossier)),
                          dp_campaign_get_year (dp_dossier_get_campaign (self->dossier)));

  self->chooser = new_chooser (self, _("Export the Dossier"), GTK_FILE_CHOOSER_ACTION_SAVE,
                               _("_Export"), G_CALLBACK (on_export_response));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Lines */

static DpPart
focused_part (DpWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->part2_view)))
    return DP_PART_2;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->part1_view)))
    return DP_PART_1;

  return self->last_part;
}

static void
add_line_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DpWindow *self = DP_WINDOW (widget);

  dp_part_view_add_line (part_view (self, focused_part (self)));
}

static void
on_focus_widget_notify (DpWindow   *self,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return;
  if (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->part1_view)))
    self->last_part = DP_PART_1;
  else if (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->part2_view)))
    self->last_part = DP_PART_2;
}

static void
on_undo_remove (AdwToast *toast,
                DpWindow *self)
{
  DpLine *line = g_object_get_data (G_OBJECT (toast), "dp-line");
  DpDossier *dossier = g_object_get_data (G_OBJECT (toast), "dp-dossier");
  DpPart part = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "dp-part"));
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "dp-position"));
  GListModel *lines;

  g_assert (DP_IS_WINDOW (self));

  if (dossier != self->dossier || dp_dossier_get_read_only (dossier)
      || dp_dossier_find_line (dossier, line, NULL, NULL))
    return;

  lines = dp_dossier_get_lines (dossier, part);
  dp_dossier_insert_line (dossier, part, MIN (position, g_list_model_get_n_items (lines)), line);
  dp_part_view_focus_line (part_view (self, part), line, DP_COLUMN_ROOM_TYPE);
}

static void
on_line_removed (DpPartView *view,
                 DpLine     *line,
                 guint       position,
                 DpWindow   *self)
{
  g_autofree char *text = NULL;
  AdwToast *toast;
  DpPart part = dp_part_view_get_part (view);

  g_assert (DP_IS_WINDOW (self));

  /* TRANSLATORS: "Line 3 of Part 1 removed" */
  text = g_strdup_printf (_("Line %u of %s removed"), position + 1, dp_part_to_label (part));
  toast = new_toast (self, text);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "dp-line", g_object_ref (line), g_object_unref);
  g_object_set_data_full (G_OBJECT (toast), "dp-dossier", g_object_ref (self->dossier),
                          g_object_unref);
  g_object_set_data (G_OBJECT (toast), "dp-part", GUINT_TO_POINTER (part));
  g_object_set_data (G_OBJECT (toast), "dp-position", GUINT_TO_POINTER (position));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_remove), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  /* Keep the keyboard in the table after the button that was pressed went away. */
  {
    GListModel *lines = dp_dossier_get_lines (self->dossier, part);
    guint n = g_list_model_get_n_items (lines);

    if (n > 0)
      {
        g_autoptr(DpLine) next = g_list_model_get_item (lines, MIN (position, n - 1));

        dp_part_view_focus_line (view, next, DP_COLUMN_ACTIONS);
      }
  }
}

static void
on_line_moved (DpPartView *view,
               DpLine     *line,
               DpWindow   *self)
{
  g_autofree char *text = NULL;
  DpPart to = dp_part_view_get_part (view) == DP_PART_1 ? DP_PART_2 : DP_PART_1;

  g_assert (DP_IS_WINDOW (self));

  text = g_strdup_printf (_("Line moved to %s"), dp_part_to_label (to));
  dp_window_add_toast (self, text);
  dp_part_view_focus_line (part_view (self, to), line, DP_COLUMN_PRICE);
}

/* Findings */

static void
on_finding_activated (DpFindingsList *list,
                      DpFinding      *finding,
                      DpWindow       *self)
{
  DpLine *line = dp_finding_get_line (finding);
  DpPart part;

  g_assert (DP_IS_WINDOW (self));

  if (line == NULL || self->dossier == NULL
      || !dp_dossier_find_line (self->dossier, line, &part, NULL))
    return;

  dp_part_view_focus_line (part_view (self, part), line,
                           dp_column_for_field (dp_finding_get_field (finding)));
}

static void
show_findings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  dp_findings_list_focus_first (DP_WINDOW (widget)->findings_list);
}

static void
show_help_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *topic = g_variant_get_string (parameter, NULL);

  if (dp_help_get_uri (topic) != NULL)
    dp_help_show (GTK_WINDOW (widget), topic);
}

/* Window state */

static gboolean
close_later (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_close_unsaved_response (AdwMessageDialog *dialog,
                           const char       *response,
                           DpWindow         *self)
{
  g_assert (DP_IS_WINDOW (self));

  if (g_strcmp0 (response, "close") != 0)
    return;

  /* After the dialog, a transient of this window, has gone its own way. */
  self->close_unsaved = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later, g_object_ref (self), g_object_unref);
}

static gboolean
dp_window_close_request (GtkWindow *window)
{
  DpWindow *self = DP_WINDOW (window);
  g_autoptr(GError) error = NULL;

  commit_pending_edit (self);

  /* Synchronously: the process may end right after the window. A save that fails keeps the
   * window open until the user says to close it anyway: nothing is lost unknowingly. */
  if (!dp_autosave_flush (self->autosave, &error) && !self->close_unsaved)
    {
      g_autofree char *body = NULL;
      GtkWidget *dialog;

      body = g_strdup_printf (_("The draft could not be saved: %s\n\nClose anyway, and lose the "
                                "changes since the last save?"), error->message);
      dialog = adw_message_dialog_new (window, _("Draft Not Saved"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "close", _("Close _Without Saving"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_unsaved_response),
                               self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  if (self->settings != NULL)
    {
      int width;
      int height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (dp_window_parent_class)->close_request (window);
}

static void
restore_window_state (DpWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  int width;
  int height;

  /* Uninstalled (from the build tree, in tests) there may be no schema: then there is no
   * state to keep, rather than an abort in g_settings_new(). */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;

  self->settings = g_settings_new (APP_ID);
  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* For the tests */

DpPartView *
dp_window_get_part_view (DpWindow *self,
                         DpPart    part)
{
  g_return_val_if_fail (DP_IS_WINDOW (self), NULL);

  return part_view (self, part);
}

DpCapacityBar *
dp_window_get_capacity_bar (DpWindow *self)
{
  g_return_val_if_fail (DP_IS_WINDOW (self), NULL);

  return self->capacity_bar;
}

DpFindingsList *
dp_window_get_findings_list (DpWindow *self)
{
  g_return_val_if_fail (DP_IS_WINDOW (self), NULL);

  return self->findings_list;
}

DpGeneralSection *
dp_window_get_general_section (DpWindow *self)
{
  g_return_val_if_fail (DP_IS_WINDOW (self), NULL);

  return self->general_section;
}

DpAutosave *
dp_window_get_autosave (DpWindow *self)
{
  g_return_val_if_fail (DP_IS_WINDOW (self), NULL);

  return self->autosave;
}

AdwToast *
dp_window_get_last_toast_object (DpWindow *self)
{
  g_return_val_if_fail (DP_IS_WINDOW (self), NULL);

  return self->last_toast_object;
}

const char *
dp_window_get_last_toast (DpWindow *self)
{
  g_return_val_if_fail (DP_IS_WINDOW (self), NULL);

  return self->last_toast;
}

DpWindow *
dp_window_new (GtkApplication *application,
               DpDraftStore   *store,
               DpDossier      *dossier)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DP_IS_DRAFT_STORE (store), NULL);
  g_return_val_if_fail (dossier == NULL || DP_IS_DOSSIER (dossier), NULL);

  return g_object_new (DP_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "dossier", dossier,
                       NULL);
}

static void
dp_window_constructed (GObject *object)
{
  DpWindow *self = (DpWindow *)object;
  DpDossier *dossier;

  G_OBJECT_CLASS (dp_window_parent_class)->constructed (object);

  if (self->store == NULL)
    self->store = dp_draft_store_new_default ();
  self->autosave = dp_autosave_new (self->store);
  g_signal_connect_object (self->autosave, "save-failed",
                           G_CALLBACK (on_autosave_failed), self, 0);
  self->dirty_id = g_signal_connect (self->autosave, "notify::dirty",
                                     G_CALLBACK (on_autosave_dirty_notify), self);

  /* A dossier given at construction came before the autosave existed. */
  dossier = g_steal_pointer (&self->dossier);
  if (dossier != NULL)
    {
      if (self->read_only_id != 0)
        {
          g_signal_handler_disconnect (dossier, self->read_only_id);
          self->read_only_id = 0;
        }
      dp_window_set_dossier (self, dossier);
      g_object_unref (dossier);
    }

  restore_window_state (self);
  update_state (self);
}

static void
dp_window_dispose (GObject *object)
{
  DpWindow *self = (DpWindow *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->dossier != NULL)
    g_clear_signal_handler (&self->read_only_id, self->dossier);
  g_cancellable_cancel (self->submit_cancellable);
  close_progress (self);
  if (self->sync != NULL)
    g_clear_signal_handler (&self->sync_dossier_id, self->sync);
  g_clear_object (&self->sync);
  if (self->autosave != NULL)
    {
      g_clear_signal_handler (&self->dirty_id, self->autosave);
      dp_autosave_set_dossier (self->autosave, NULL);
    }
  g_clear_object (&self->autosave);
  g_clear_object (&self->dossier);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->last_toast, g_free);
  g_clear_weak_pointer (&self->last_toast_object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DP_TYPE_WINDOW);

  G_OBJECT_CLASS (dp_window_parent_class)->dispose (object);
}

static void
dp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DpWindow *self = DP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOSSIER:
      g_value_set_object (value, self->dossier);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DpWindow *self = DP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOSSIER:
      dp_window_set_dossier (self, g_value_get_object (value));
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SYNC:
      dp_window_set_sync (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_window_class_init (DpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  dp_application_ensure_resources ();
  g_type_ensure (DP_TYPE_GENERAL_SECTION);
  g_type_ensure (DP_TYPE_PART_VIEW);
  g_type_ensure (DP_TYPE_CAPACITY_BAR);
  g_type_ensure (DP_TYPE_FINDINGS_LIST);
  g_type_ensure (DP_TYPE_SYNC_STATUS);

  object_class->constructed = dp_window_constructed;
  object_class->dispose = dp_window_dispose;
  object_class->get_property = dp_window_get_property;
  object_class->set_property = dp_window_set_property;

  window_class->close_request = dp_window_close_request;

  properties[PROP_DOSSIER] =
    g_param_spec_object ("dossier", NULL, NULL, DP_TYPE_DOSSIER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DP_TYPE_DRAFT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, DP_TYPE_SYNC,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dagprijzen/Dagprijzen/dp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DpWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DpWindow, scroller);
  gtk_widget_class_bind_template_child (widget_class, DpWindow, general_section);
  gtk_widget_class_bind_template_child (widget_class, DpWindow, part1_view);
  gtk_widget_class_bind_template_child (widget_class, DpWindow, part2_view);
  gtk_widget_class_bind_template_child (widget_class, DpWindow, findings_list);
  gtk_widget_class_bind_template_child (widget_class, DpWindow, capacity_bar);
  gtk_widget_class_bind_template_child (widget_class, DpWindow, sync_status);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_compare);
  gtk_widget_class_bind_template_callback (widget_class, on_line_removed);
  gtk_widget_class_bind_template_callback (widget_class, on_line_moved);
  gtk_widget_class_bind_template_callback (widget_class, on_finding_activated);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.add-line", NULL, add_line_action);
  gtk_widget_class_install_action (widget_class, "win.show-findings", NULL,
                                   show_findings_action);
  gtk_widget_class_install_action (widget_class, "win.show-help", "s", show_help_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.add-line", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.show-findings", NULL);
}

/* The shortcuts window is built when first asked for. Under its automatic name
 * (gtk/help-overlay.ui) GtkApplication would build it with every window, before the first
 * frame: 23 million instructions, nearly 2 % of the start-up (callgrind). */
static void
show_help_overlay_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  DpWindow *self = DP_WINDOW (user_data);
  GtkShortcutsWindow *overlay;

  g_assert (DP_IS_WINDOW (self));

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));
  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource ("/io/github/dagprijzen/Dagprijzen/help-overlay.ui");
      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Modal, transient for this window, hidden on close and destroyed with it. */
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

static void
dp_window_init (DpWindow *self)
{
  g_autoptr(GSimpleAction) help_overlay = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the window's own action map, where gtk_application_window_set_help_overlay() looks
   * for it before adding one of its own. */
  help_overlay = g_simple_action_new ("show-help-overlay", NULL);
  g_signal_connect_object (help_overlay, "activate", G_CALLBACK (show_help_overlay_activated),
                           self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (help_overlay));

  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_notify), NULL);
}
