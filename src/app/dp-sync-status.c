/* dp-sync-status.c: where the draft stands with the e-loket, above Save and Submit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dp-application.h"
#include "dp-sync-status.h"

struct _DpSyncStatus
{
  AdwBin       parent_instance;

  DpSync      *sync;
  gulong       state_id;
  gulong       error_id;
  char        *message;

  GtkRevealer *revealer;
  GtkSpinner  *spinner;
  GtkImage    *icon;
  GtkLabel    *label;
  GtkButton   *button;
};

G_DEFINE_FINAL_TYPE (DpSyncStatus, dp_sync_status, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SYNC,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  COMPARE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update (DpSyncStatus *self)
{
  const GError *error = self->sync ? dp_sync_get_last_error (self->sync) : NULL;
  DpSyncState state = self->sync ? dp_sync_get_state (self->sync) : DP_SYNC_STATE_SYNCED;
  const char *message = NULL;
  const char *button = NULL;
  const char *action = NULL;
  const char *icon = "network-offline-symbolic";
  gboolean busy = FALSE;

  switch (state)
    {
    case DP_SYNC_STATE_SENDING:
      message = _("Sending to the e-loket…");
      button = _("_Cancel");
      action = "sync-status.cancel";
      busy = TRUE;
      break;
    case DP_SYNC_STATE_OFFLINE:
      message = _("Offline: the draft is kept on this computer and sent to the e-loket as "
                  "soon as it can be reached.");
      button = _("_Try Again");
      action = "sync-status.retry";
      break;
    case DP_SYNC_STATE_CONFLICT:
      message = _("The draft on the e-loket was changed elsewhere. Compare both versions and "
                  "choose which one to keep.");
      button = _("_Compare…");
      action = "sync-status.compare";
      icon = "dialog-warning-symbolic";
      break;
    case DP_SYNC_STATE_PENDING:
    case DP_SYNC_STATE_SYNCED:
    case DP_SYNC_STATE_SUBMITTED:
    default:
      /* At rest; only an ended session is worth saying. */
      if (g_error_matches (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_SESSION_EXPIRED))
        {
          message = error->message;
          icon = "dialog-password-symbolic";
        }
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), !busy);
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_label_set_text (self->label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->button), button != NULL);
  if (button != NULL)
    {
      gtk_button_set_label (self->button, button);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), action);
    }
  gtk_revealer_set_reveal_child (self->revealer, message != NULL);

  if (g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

static void
on_sync_notify (DpSync       *sync,
                GParamSpec   *pspec,
                DpSyncStatus *self)
{
  g_assert (DP_IS_SYNC_STATUS (self));

  update (self);
}

static void
on_retried (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  /* The outcome shows in the state: nothing more to say here. */
  dp_sync_save_finish (DP_SYNC (source_object), result, NULL);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DpSyncStatus *self = DP_SYNC_STATUS (widget);

  if (self->sync != NULL)
    dp_sync_save_async (self->sync, NULL, on_retried, NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DpSyncStatus *self = DP_SYNC_STATUS (widget);

  if (self->sync != NULL)
    dp_sync_cancel (self->sync);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals[COMPARE], 0);
}

DpSync *
dp_sync_status_get_sync (DpSyncStatus *self)
{
  g_return_val_if_fail (DP_IS_SYNC_STATUS (self), NULL);
  return self->sync;
}

void
dp_sync_status_set_sync (DpSyncStatus *self,
                         DpSync       *sync)
{
  g_return_if_fail (DP_IS_SYNC_STATUS (self));
  g_return_if_fail (sync == NULL || DP_IS_SYNC (sync));

  if (self->sync == sync)
    return;

  if (self->sync != NULL)
    {
      g_clear_signal_handler (&self->state_id, self->sync);
      g_clear_signal_handler (&self->error_id, self->sync);
    }
  g_set_object (&self->sync, sync);
  if (sync != NULL)
    {
      self->state_id = g_signal_connect (sync, "notify::state", G_CALLBACK (on_sync_notify),
                                         self);
      self->error_id = g_signal_connect (sync, "notify::last-error",
                                         G_CALLBACK (on_sync_notify), self);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

const char *
dp_sync_status_get_message (DpSyncStatus *self)
{
  g_return_val_if_fail (DP_IS_SYNC_STATUS (self), NULL);
  return self->message;
}

/* The comparison ------------------------------------------------------------------------ */

static char *
describe_line (DpLine *line)
{
  g_autofree char *price = NULL;

  if (line == NULL)
    return g_strdup ("—");

  price = dp_money_format_euro (dp_line_get_price (line));

  /* Translators: a line in the comparison of two versions: "70 units at € 68,50" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit at %s", "%u units at %s",
                                       dp_line_get_capacity (line)),
                          dp_line_get_capacity (line),
                          dp_line_has_price (line) ? price : _("no price"));
}

static DpLine *
find_kind (GListModel *lines,
           const char *key)
{
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(DpLine) line = g_list_model_get_item (lines, i);
      g_autofree char *line_key = dp_line_dup_kind_key (line);

      if (g_str_equal (line_key, key))
        return line;
    }
  return NULL;
}

static void
attach_label (GtkGrid    *grid,
              const char *text,
              int         column,
              int         row,
              gboolean    emphasis)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* The names may wrap; the figures stay whole ("€ 71,00" never split). */
  gtk_label_set_wrap (GTK_LABEL (label), column == 0);
  if (emphasis)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

/* Both versions line by line, matched on room type and description; the lines that differ
 * in bold. */
static GtkWidget *
comparison_new (DpDossier *mine,
                DpDossier *theirs)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  int row = 0;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  attach_label (GTK_GRID (grid), _("Line"), 0, row, TRUE);
  attach_label (GTK_GRID (grid), _("This Computer"), 1, row, TRUE);
  attach_label (GTK_GRID (grid), _("E-loket"), 2, row, TRUE);
  row++;

  for (guint part = DP_PART_1; part < DP_N_PARTS; part++)
    {
      GListModel *lines[2] = { dp_dossier_get_lines (mine, part),
                               dp_dossier_get_lines (theirs, part) };
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          NULL);

      for (guint side = 0; side < 2; side++)
        for (guint i = 0; i < g_list_model_get_n_items (lines[side]); i++)
          {
            g_autoptr(DpLine) line = g_list_model_get_item (lines[side], i);
            g_autofree char *key = dp_line_dup_kind_key (line);
            g_autofree char *name = NULL;
            g_autofree char *text_mine = NULL;
            g_autofree char *text_theirs = NULL;
            DpLine *a, *b;
            const char *description;

            if (g_hash_table_contains (seen, key))
              continue;

            a = find_kind (lines[0], key);
            b = find_kind (lines[1], key);
            description = dp_line_get_description (line);
            /* Translators: "Part 1: Single room, Standaardkamer" */
            name = *description != '\0'
                   ? g_strdup_printf (_("%s: %s, %s"), dp_part_to_label (part),
                                      dp_room_type_to_label (dp_line_get_room_type (line)),
                                      description)
                   : g_strdup_printf (_("%s: %s"), dp_part_to_label (part),
                                      dp_room_type_to_label (dp_line_get_room_type (line)));
            text_mine = describe_line (a);
            text_theirs = describe_line (b);

            attach_label (GTK_GRID (grid), name, 0, row, FALSE);
            attach_label (GTK_GRID (grid), text_mine, 1, row,
                          !g_str_equal (text_mine, text_theirs));
            attach_label (GTK_GRID (grid), text_theirs, 2, row,
                          !g_str_equal (text_mine, text_theirs));
            row++;
            g_hash_table_add (seen, g_steal_pointer (&key));
          }
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  return scroller;
}

GtkWidget *
dp_sync_status_show_conflict (GtkWindow *parent,
                              DpSync    *sync)
{
  GtkWidget *dialog;

  g_return_val_if_fail (DP_IS_SYNC (sync), NULL);
  g_return_val_if_fail (dp_sync_get_remote_dossier (sync) != NULL, NULL);

  dialog = adw_message_dialog_new (parent, _("Changed Elsewhere"),
                                   _("Since you opened this draft, it was saved on the e-loket "
                                     "from somewhere else. Keep your version (it replaces the "
                                     "e-loket's) or use the e-loket's (your changes here are "
                                     "dropped)."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      comparison_new (dp_sync_get_dossier (sync),
                                                      dp_sync_get_remote_dossier (sync)));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("Decide _Later"),
                                    "theirs", _("Use the _E-loket's"),
                                    "mine", _("_Keep Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "theirs",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "later");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The object -------------------------------------------------------------------------------- */

static void
dp_sync_status_dispose (GObject *object)
{
  DpSyncStatus *self = DP_SYNC_STATUS (object);

  /* AdwBin unparents its child (the template's revealer) itself. */
  dp_sync_status_set_sync (self, NULL);

  G_OBJECT_CLASS (dp_sync_status_parent_class)->dispose (object);
}

static void
dp_sync_status_finalize (GObject *object)
{
  DpSyncStatus *self = DP_SYNC_STATUS (object);

  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (dp_sync_status_parent_class)->finalize (object);
}

static void
dp_sync_status_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DpSyncStatus *self = DP_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_sync_status_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DpSyncStatus *self = DP_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      dp_sync_status_set_sync (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_sync_status_class_init (DpSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  dp_application_ensure_resources ();

  object_class->dispose = dp_sync_status_dispose;
  object_class->finalize = dp_sync_status_finalize;
  object_class->get_property = dp_sync_status_get_property;
  object_class->set_property = dp_sync_status_set_property;

  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, DP_TYPE_SYNC,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[COMPARE] =
    g_signal_new ("compare", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dagprijzen/Dagprijzen/dp-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, DpSyncStatus, revealer);
  gtk_widget_class_bind_template_child (widget_class, DpSyncStatus, spinner);
  gtk_widget_class_bind_template_child (widget_class, DpSyncStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, DpSyncStatus, label);
  gtk_widget_class_bind_template_child (widget_class, DpSyncStatus, button);

  gtk_widget_class_install_action (widget_class, "sync-status.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "sync-status.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "sync-status.cancel", NULL, cancel_action);
}

static void
dp_sync_status_init (DpSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
