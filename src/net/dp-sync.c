/* dp-sync.c: one measurement kept both on this computer and on the e-loket.
 *
 * Saves to the service are serialised: a save asked for while one is on its way waits for it
 * and then sends the dossier as it is by then, so that two PUTs never race each other with the
 * same ETag (the second would look like a change made elsewhere).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-sync.h"

#define DEFAULT_RETRY_INTERVAL 30
#define SYNC_GROUP "sync"

struct _DpSync
{
  GObject          parent_instance;

  DpEloketClient  *client;
  DpDraftStore    *store;
  DpDossier       *dossier;
  DpDossier       *remote_dossier;
  char            *remote_etag;
  char            *etag;
  char            *submission_key;
  char            *synced_digest;   /* SHA-256 of the draft as the e-loket holds it */
  gboolean         pending;
  DpSyncState      state;
  GError          *last_error;
  guint            retry_interval;

  /* The save on its way, and the saves waiting for the next one. */
  gboolean         sending;
  gboolean         sending_changed;  /* marked changed while the send travelled */
  GQueue           waiting;
  guint            retry_source;
  gulong           network_handler;
  GCancellable    *cancellable;     /* the automatic resends; cancelled in dispose */
};

G_DEFINE_FINAL_TYPE (DpSync, dp_sync, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (DpSyncState, dp_sync_state,
  G_DEFINE_ENUM_VALUE (DP_SYNC_STATE_SYNCED, "synced"),
  G_DEFINE_ENUM_VALUE (DP_SYNC_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (DP_SYNC_STATE_SENDING, "sending"),
  G_DEFINE_ENUM_VALUE (DP_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (DP_SYNC_STATE_CONFLICT, "conflict"),
  G_DEFINE_ENUM_VALUE (DP_SYNC_STATE_SUBMITTED, "submitted"))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STORE,
  PROP_DOSSIER,
  PROP_STATE,
  PROP_ETAG,
  PROP_REMOTE_DOSSIER,
  PROP_LAST_ERROR,
  PROP_RETRY_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void sync_send (DpSync *self);

/* State ------------------------------------------------------------------------------------ */

static void
set_state (DpSync      *self,
           DpSyncState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_last_error (DpSync       *self,
                const GError *error)
{
  if (self->last_error == NULL && error == NULL)
    return;

  g_clear_error (&self->last_error);
  if (error != NULL)
    self->last_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
set_etag (DpSync     *self,
          const char *etag)
{
  if (g_strcmp0 (self->etag, etag) == 0)
    return;

  g_free (self->etag);
  self->etag = g_strdup (etag);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ETAG]);
}

static void
set_dossier (DpSync    *self,
             DpDossier *dossier)
{
  if (g_set_object (&self->dossier, dossier))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOSSIER]);
}

static void
set_remote (DpSync     *self,
            DpDossier  *dossier,
            const char *etag)
{
  g_free (self->remote_etag);
  self->remote_etag = g_strdup (etag);
  if (g_set_object (&self->remote_dossier, dossier))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_DOSSIER]);
}

/* The state a dossier at rest is in. */
static DpSyncState
rest_state (DpSync *self)
{
  if (dp_dossier_get_status (self->dossier) == DP_STATUS_SUBMITTED)
    return DP_SYNC_STATE_SUBMITTED;
  return self->pending ? DP_SYNC_STATE_PENDING : DP_SYNC_STATE_SYNCED;
}

static char *
dossier_digest (DpDossier *dossier)
{
  gsize length = 0;
  g_autofree char *data = dp_format_save_data (dossier, &length);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

/* The e-loket holds the dossier as it is now: remembered by its digest, so that a change of
 * the draft on disk by any other way (a window without the e-loket, an import) is noticed at
 * the next opening. */
static void
set_synced (DpSync *self)
{
  self->pending = FALSE;
  g_free (self->synced_digest);
  self->synced_digest = dossier_digest (self->dossier);
}

/* The file next to the draft ------------------------------------------------------------- */

static GFile *
sync_file_for (DpDraftStore *store,
               const char   *registration_number,
               guint         year)
{
  g_autoptr(GFile) draft = dp_draft_store_get_file_for (store, registration_number, year);
  g_autofree char *path = g_file_get_path (draft);
  g_autofree char *sync_path = g_strconcat (path, ".sync", NULL);

  return g_file_new_for_path (sync_path);
}

static GFile *
sync_file (DpSync *self)
{
  DpFacility *facility = dp_dossier_get_facility (self->dossier);

  return sync_file_for (self->store, dp_facility_get_registration_number (facility),
                        dp_campaign_get_year (dp_dossier_get_campaign (self->dossier)));
}

static void
write_sync_file (DpSync *self)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GFile) file = sync_file (self);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (self->etag != NULL)
    g_key_file_set_string (key_file, SYNC_GROUP, "etag", self->etag);
  g_key_file_set_boolean (key_file, SYNC_GROUP, "pending", self->pending);
  if (self->synced_digest != NULL)
    g_key_file_set_string (key_file, SYNC_GROUP, "synced-digest", self->synced_digest);
  if (self->submission_key != NULL)
    g_key_file_set_string (key_file, SYNC_GROUP, "submission-key", self->submission_key);

  /* The draft store made the directory; a failure here costs at worst a false conflict or a
   * new key after a restart, never data. */
  if (!g_key_file_save_to_file (key_file, path, &error))
    g_warning ("Cannot keep the state of the draft in %s: %s", path, error->message);
}

static void
read_sync_file (DpSync     *self,
                const char *registration_number,
                guint       year)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GFile) file = sync_file_for (self->store, registration_number, year);
  g_autofree char *path = g_file_get_path (file);

  /* A draft without its state (an older version of the program, a copied file) may hold work
   * the service has never seen: treat it as not sent. */
  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    {
      self->pending = TRUE;
      return;
    }

  self->etag = g_key_file_get_string (key_file, SYNC_GROUP, "etag", NULL);
  self->pending = g_key_file_get_boolean (key_file, SYNC_GROUP, "pending", NULL);
  self->submission_key = g_key_file_get_string (key_file, SYNC_GROUP, "submission-key", NULL);
  self->synced_digest = g_key_file_get_string (key_file, SYNC_GROUP, "synced-digest", NULL);
}

/* Automatic resend ------------------------------------------------------------------------ */

static gboolean
on_retry_timeout (gpointer user_data)
{
  DpSync *self = DP_SYNC (user_data);

  self->retry_source = 0;
  if (self->state == DP_SYNC_STATE_OFFLINE && self->pending)
    sync_send (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (DpSync *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_source = g_timeout_add_seconds (MAX (self->retry_interval, 1), on_retry_timeout,
                                              self);
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         user_data)
{
  DpSync *self = DP_SYNC (user_data);

  g_assert (DP_IS_SYNC (self));

  if (available && self->state == DP_SYNC_STATE_OFFLINE && self->pending)
    {
      g_clear_handle_id (&self->retry_source, g_source_remove);
      sync_send (self);
    }
}

/* Sending the draft ------------------------------------------------------------------------- */

/* Asks the e-loket for its version of this measurement. */
static void
fetch_remote (DpSync              *self,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  DpFacility *facility = dp_dossier_get_facility (self->dossier);

  dp_eloket_client_get_measurement_async (self->client,
                                          dp_facility_get_registration_number (facility),
                                          dp_campaign_get_year (
                                            dp_dossier_get_campaign (self->dossier)),
                                          cancellable, callback, user_data);
}

/* Completes every save that waited for this send. */
static void
finish_waiting (DpSync       *self,
                const GError *error)
{
  GTask *task;

  while ((task = g_queue_pop_head (&self->waiting)) != NULL)
    {
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void
send_done (DpSync       *self,
           const GError *error)
{
  self->sending = FALSE;

  /* Edits made while this one travelled go out in one more save. */
  if (error == NULL && self->pending && !g_queue_is_empty (&self->waiting))
    {
      sync_send (self);
      return;
    }

  finish_waiting (self, error);
}

static void
on_remote_fetched (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DpSync) self = DP_SYNC (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) conflict = NULL;
  g_autoptr(DpDossier) remote = NULL;
  g_autofree char *etag = NULL;

  remote = dp_eloket_client_get_measurement_finish (self->client, result, &etag, &error);
  if (remote == NULL)
    {
      set_last_error (self, error);
      set_state (self, dp_eloket_error_is_transient (error) ? DP_SYNC_STATE_OFFLINE
                                                            : rest_state (self));
      send_done (self, error);
      return;
    }

  conflict = dp_eloket_error_new (DP_ELOKET_ERROR_CONFLICT_CHANGED);
  set_remote (self, remote, etag);
  set_last_error (self, conflict);
  set_state (self, DP_SYNC_STATE_CONFLICT);
  send_done (self, conflict);
}

static void
on_put (GObject      *source_object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(DpSync) self = DP_SYNC (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  etag = dp_eloket_client_save_measurement_finish (self->client, result, &error);
  if (etag != NULL)
    {
      set_etag (self, etag);
      /* An edit marked while the save travelled keeps the draft pending. */
      if (!self->sending_changed)
        set_synced (self);
      write_sync_file (self);
      set_last_error (self, NULL);
      set_state (self, rest_state (self));
      send_done (self, NULL);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_state (self, rest_state (self));
      send_done (self, error);
      return;
    }

  set_last_error (self, error);

  if (dp_eloket_error_is_transient (error))
    {
      set_state (self, DP_SYNC_STATE_OFFLINE);
      schedule_retry (self);
      send_done (self, error);
      return;
    }

  /* Submitted, and a submission of ours is unanswered: it may be ours. Submitting again with
   * its key tells (dp_sync_submit_async() does). */
  if (g_error_matches (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_ALREADY_SUBMITTED) &&
      self->submission_key != NULL)
    {
      set_state (self, rest_state (self));
      send_done (self, error);
      return;
    }

  /* Changed or submitted elsewhere: fetch the service's version to show beside ours. */
  if (g_error_matches (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_CONFLICT_CHANGED) ||
      g_error_matches (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_ALREADY_SUBMITTED))
    {
      fetch_remote (self, self->cancellable, on_remote_fetched, g_object_ref (self));
      return;
    }

  set_state (self, rest_state (self));
  send_done (self, error);
}

/* Sends the dossier as it is now, unless a send is on its way (it is then sent after it). */
static void
sync_send (DpSync *self)
{
  if (self->sending)
    return;

  self->sending = TRUE;
  self->sending_changed = FALSE;
  set_state (self, DP_SYNC_STATE_SENDING);
  dp_eloket_client_save_measurement_async (self->client, self->dossier, self->etag,
                                           self->cancellable, on_put, g_object_ref (self));
}

void
dp_sync_mark_changed (DpSync *self)
{
  g_return_if_fail (DP_IS_SYNC (self));

  /* Written down at the first change, so that a restart before the next save still knows
   * that the draft here holds work the service has not seen. */
  if (!self->pending)
    {
      self->pending = TRUE;
      write_sync_file (self);
    }
  if (self->sending)
    self->sending_changed = TRUE;
  else if (self->state == DP_SYNC_STATE_SYNCED)
    set_state (self, DP_SYNC_STATE_PENDING);
}

void
dp_sync_cancel (DpSync *self)
{
  g_return_if_fail (DP_IS_SYNC (self));

  /* The sends that follow get a fresh cancellable; the one on its way ends as cancelled. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static gboolean
check_can_send (DpSync  *self,
                GError **error)
{
  if (self->state == DP_SYNC_STATE_SUBMITTED)
    {
      g_propagate_error (error, dp_eloket_error_new (DP_ELOKET_ERROR_ALREADY_SUBMITTED));
      return FALSE;
    }

  if (self->state == DP_SYNC_STATE_CONFLICT)
    {
      g_propagate_error (error, dp_eloket_error_new (DP_ELOKET_ERROR_CONFLICT_CHANGED));
      return FALSE;
    }

  return TRUE;
}

/* Queues @task for the next send and starts one; the local save comes first. */
static void
save_and_send (DpSync *self,
               GTask  *task)
{
  GError *error = NULL;

  if (!dp_draft_store_save (self->store, self->dossier, g_task_get_cancellable (task), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  dp_sync_mark_changed (self);
  g_queue_push_tail (&self->waiting, g_object_ref (task));
  sync_send (self);
}

void
dp_sync_save_async (DpSync              *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (DP_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dp_sync_save_async);

  if (!check_can_send (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  save_and_send (self, task);
}

gboolean
dp_sync_save_finish (DpSync        *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (DP_IS_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Submitting -------------------------------------------------------------------------------- */

static void
on_recovered_fetched (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = G_TASK (user_data);
  DpSync *self = g_task_get_source_object (task);
  const char *reference = g_object_get_data (G_OBJECT (task), "reference");
  g_autoptr(DpDossier) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  remote = dp_eloket_client_get_measurement_finish (self->client, result, &etag, &error);
  g_clear_pointer (&self->submission_key, g_free);
  if (remote != NULL)
    {
      set_etag (self, etag);
      set_dossier (self, remote);
      if (!dp_draft_store_save (self->store, remote, NULL, &error))
        g_warning ("Cannot keep the submitted dossier here: %s", error->message);
    }
  set_synced (self);
  write_sync_file (self);
  set_last_error (self, NULL);
  set_state (self, DP_SYNC_STATE_SUBMITTED);
  g_task_return_pointer (task, g_strdup (reference), g_free);
}

static void
on_submitted (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = G_TASK (user_data);
  DpSync *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GDateTime) submitted_at = NULL;
  g_autofree char *reference = NULL;
  GError *save_error = NULL;

  reference = dp_eloket_client_submit_finish (self->client, result, &submitted_at, &findings,
                                              &error);
  if (reference == NULL)
    {
      /* A refusal is final for this key; a lost answer is not: keep it for the repeat. */
      if (!dp_eloket_error_is_transient (error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_clear_pointer (&self->submission_key, g_free);
      write_sync_file (self);
      set_last_error (self, error);
      set_state (self, dp_eloket_error_is_transient (error) ? DP_SYNC_STATE_OFFLINE
                                                            : rest_state (self));
      if (g_error_matches (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_REFUSED) && findings)
        g_task_set_task_data (task, g_steal_pointer (&findings),
                              (GDestroyNotify) g_ptr_array_unref);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Our earlier submission had arrived: what was submitted is the service's version, which
   * may lack edits made here since; show that one. */
  if (g_object_get_data (G_OBJECT (task), "recovering") != NULL)
    {
      g_object_set_data_full (G_OBJECT (task), "reference", g_steal_pointer (&reference),
                              g_free);
      fetch_remote (self, NULL, on_recovered_fetched, g_object_ref (task));
      return;
    }

  dp_dossier_mark_submitted (self->dossier, submitted_at, reference);
  g_clear_pointer (&self->submission_key, g_free);
  set_synced (self);
  if (!dp_draft_store_save (self->store, self->dossier, NULL, &save_error))
    {
      /* Submitted all the same: the service holds it and lists it. */
      g_warning ("Cannot keep the submitted dossier here: %s", save_error->message);
      g_clear_error (&save_error);
    }
  write_sync_file (self);
  set_last_error (self, NULL);
  set_state (self, DP_SYNC_STATE_SUBMITTED);
  g_task_return_pointer (task, g_steal_pointer (&reference), g_free);
}

static void
submit_now (GTask *task)
{
  DpSync *self = g_task_get_source_object (task);
  DpFacility *facility = dp_dossier_get_facility (self->dossier);

  set_state (self, DP_SYNC_STATE_SENDING);
  dp_eloket_client_submit_async (self->client, dp_facility_get_registration_number (facility),
                                 dp_campaign_get_year (dp_dossier_get_campaign (self->dossier)),
                                 self->submission_key, g_task_get_cancellable (task),
                                 on_submitted, g_object_ref (task));
}

static void
on_saved_for_submit (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = G_TASK (user_data);
  DpSync *self = DP_SYNC (source_object);
  GError *error = NULL;

  if (!dp_sync_save_finish (self, result, &error))
    {
      /* Submitted already while a submission of ours went unanswered: ask with its key. */
      if (g_error_matches (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_ALREADY_SUBMITTED) &&
          self->submission_key != NULL)
        {
          g_clear_error (&error);
          g_object_set_data (G_OBJECT (task), "recovering", GINT_TO_POINTER (TRUE));
          submit_now (task);
          return;
        }

      g_task_return_error (task, error);
      return;
    }

  submit_now (task);
}

void
dp_sync_submit_async (DpSync              *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (DP_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dp_sync_submit_async);

  if (!check_can_send (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The key is written down before anything leaves, so that a repeat (even after a crash)
   * carries it. */
  if (self->submission_key == NULL)
    {
      self->submission_key = g_uuid_string_random ();
      write_sync_file (self);
    }

  /* The service submits its stored draft: it must hold this one, as it is now, first. */
  dp_sync_save_async (self, cancellable, on_saved_for_submit, g_object_ref (task));
}

char *
dp_sync_submit_finish (DpSync        *self,
                       GAsyncResult  *result,
                       GPtrArray    **out_findings,
                       GError       **error)
{
  GPtrArray *findings;

  g_return_val_if_fail (DP_IS_SYNC (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  findings = g_task_get_task_data (G_TASK (result));
  if (out_findings != NULL)
    *out_findings = findings ? g_ptr_array_ref (findings) : NULL;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Resolving a conflict ---------------------------------------------------------------------- */

void
dp_sync_resolve_keep_local_async (DpSync              *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DP_IS_SYNC (self));
  g_return_if_fail (self->state == DP_SYNC_STATE_CONFLICT);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dp_sync_resolve_keep_local_async);

  /* The user chose: this draft goes over the version they saw. */
  set_etag (self, self->remote_etag);
  set_remote (self, NULL, NULL);
  set_state (self, DP_SYNC_STATE_PENDING);
  save_and_send (self, task);
}

gboolean
dp_sync_resolve_keep_local_finish (DpSync        *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (DP_IS_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
dp_sync_resolve_take_remote (DpSync  *self,
                             GError **error)
{
  g_autoptr(DpDossier) remote = NULL;

  g_return_val_if_fail (DP_IS_SYNC (self), FALSE);
  g_return_val_if_fail (self->state == DP_SYNC_STATE_CONFLICT, FALSE);

  remote = g_object_ref (self->remote_dossier);
  if (!dp_draft_store_save (self->store, remote, NULL, error))
    return FALSE;

  set_etag (self, self->remote_etag);
  set_remote (self, NULL, NULL);
  set_dossier (self, remote);
  set_synced (self);
  write_sync_file (self);
  set_last_error (self, NULL);
  set_state (self, rest_state (self));
  return TRUE;
}

/* Opening --------------------------------------------------------------------------------- */

typedef struct
{
  char      *registration_number;
  guint      year;
  DpSync    *sync;
  DpDossier *local;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->registration_number);
  g_clear_object (&data->sync);
  g_clear_object (&data->local);
  g_free (data);
}

static void
on_open_fetched (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = G_TASK (user_data);
  OpenData *data = g_task_get_task_data (task);
  DpSync *self = data->sync;
  g_autoptr(GError) error = NULL;
  g_autoptr(DpDossier) remote = NULL;
  g_autofree char *etag = NULL;

  remote = dp_eloket_client_get_measurement_finish (self->client, result, &etag, &error);

  if (remote == NULL)
    {
      /* Offline with a local draft: work on it, and send it when the service is back. */
      if (dp_eloket_error_is_transient (error) && data->local != NULL)
        {
          set_dossier (self, data->local);
          set_last_error (self, error);
          self->state = rest_state (self) == DP_SYNC_STATE_SUBMITTED ? DP_SYNC_STATE_SUBMITTED
                                                                     : DP_SYNC_STATE_OFFLINE;
          if (self->state == DP_SYNC_STATE_OFFLINE && self->pending)
            schedule_retry (self);
          g_task_return_pointer (task, g_object_ref (self), g_object_unref);
          return;
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->local != NULL && self->pending &&
      dp_dossier_get_status (remote) == DP_STATUS_DRAFT)
    {
      set_dossier (self, data->local);
      if (dp_format_same_document (data->local, remote))
        {
          /* Nothing to send after all (the last save arrived, its answer did not). */
          set_etag (self, etag);
          set_synced (self);
          write_sync_file (self);
          self->state = DP_SYNC_STATE_SYNCED;
        }
      else if (g_strcmp0 (etag, self->etag) == 0)
        {
          /* Changes made here while the service did not change: send them. */
          self->state = DP_SYNC_STATE_PENDING;
        }
      else
        {
          /* Both changed: the user chooses. */
          set_remote (self, remote, etag);
          self->state = DP_SYNC_STATE_CONFLICT;
        }
      g_task_return_pointer (task, g_object_ref (self), g_object_unref);
      return;
    }

  /* Nothing waiting here (or the service's dossier was submitted meanwhile): the service's
   * version is the one to work on, and the local draft becomes its copy. */
  set_dossier (self, remote);
  set_etag (self, etag);
  set_synced (self);
  g_clear_pointer (&self->submission_key, g_free);
  if (!dp_draft_store_save (self->store, remote, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  write_sync_file (self);
  self->state = rest_state (self);
  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

void
dp_sync_open_async (DpEloketClient      *client,
                    DpDraftStore        *store,
                    const char          *registration_number,
                    guint                year,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (DP_IS_ELOKET_CLIENT (client));
  g_return_if_fail (DP_IS_DRAFT_STORE (store));
  g_return_if_fail (registration_number != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dp_sync_open_async);

  data = g_new0 (OpenData, 1);
  data->registration_number = g_strdup (registration_number);
  data->year = year;
  data->sync = g_object_new (DP_TYPE_SYNC, "client", client, "store", store, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);

  /* A local draft that is not readable is as good as none: the service's version wins. */
  data->local = dp_draft_store_load (store, registration_number, year, NULL);
  if (data->local != NULL)
    {
      g_autofree char *digest = dossier_digest (data->local);

      read_sync_file (data->sync, registration_number, year);
      if (data->sync->synced_digest != NULL &&
          g_strcmp0 (digest, data->sync->synced_digest) != 0)
        data->sync->pending = TRUE;
    }

  dp_eloket_client_get_measurement_async (client, registration_number, year, cancellable,
                                          on_open_fetched, g_object_ref (task));
}

DpSync *
dp_sync_open_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The object -------------------------------------------------------------------------------- */

DpEloketClient *
dp_sync_get_client (DpSync *self)
{
  g_return_val_if_fail (DP_IS_SYNC (self), NULL);
  return self->client;
}

DpDraftStore *
dp_sync_get_store (DpSync *self)
{
  g_return_val_if_fail (DP_IS_SYNC (self), NULL);
  return self->store;
}

DpDossier *
dp_sync_get_dossier (DpSync *self)
{
  g_return_val_if_fail (DP_IS_SYNC (self), NULL);
  return self->dossier;
}

DpSyncState
dp_sync_get_state (DpSync *self)
{
  g_return_val_if_fail (DP_IS_SYNC (self), DP_SYNC_STATE_PENDING);
  return self->state;
}

const char *
dp_sync_get_etag (DpSync *self)
{
  g_return_val_if_fail (DP_IS_SYNC (self), NULL);
  return self->etag;
}

DpDossier *
dp_sync_get_remote_dossier (DpSync *self)
{
  g_return_val_if_fail (DP_IS_SYNC (self), NULL);
  return self->remote_dossier;
}

const GError *
dp_sync_get_last_error (DpSync *self)
{
  g_return_val_if_fail (DP_IS_SYNC (self), NULL);
  return self->last_error;
}

guint
dp_sync_get_retry_interval (DpSync *self)
{
  g_return_val_if_fail (DP_IS_SYNC (self), 0);
  return self->retry_interval;
}

void
dp_sync_set_retry_interval (DpSync *self,
                            guint   seconds)
{
  g_return_if_fail (DP_IS_SYNC (self));

  if (self->retry_interval == seconds)
    return;

  self->retry_interval = seconds;
  if (self->retry_source != 0)
    schedule_retry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_INTERVAL]);
}

static void
dp_sync_constructed (GObject *object)
{
  DpSync *self = DP_SYNC (object);

  G_OBJECT_CLASS (dp_sync_parent_class)->constructed (object);

  self->network_handler = g_signal_connect_object (g_network_monitor_get_default (),
                                                   "network-changed",
                                                   G_CALLBACK (on_network_changed), self, 0);
}

static void
dp_sync_dispose (GObject *object)
{
  DpSync *self = DP_SYNC (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_signal_handler (&self->network_handler, g_network_monitor_get_default ());
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->dossier);
  g_clear_object (&self->remote_dossier);

  G_OBJECT_CLASS (dp_sync_parent_class)->dispose (object);
}

static void
dp_sync_finalize (GObject *object)
{
  DpSync *self = DP_SYNC (object);

  g_assert (g_queue_is_empty (&self->waiting));
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->remote_etag, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->submission_key, g_free);
  g_clear_pointer (&self->synced_digest, g_free);
  g_clear_error (&self->last_error);

  G_OBJECT_CLASS (dp_sync_parent_class)->finalize (object);
}

static void
dp_sync_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DpSync *self = DP_SYNC (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DOSSIER:
      g_value_set_object (value, self->dossier);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;
    case PROP_REMOTE_DOSSIER:
      g_value_set_object (value, self->remote_dossier);
      break;
    case PROP_LAST_ERROR:
      g_value_set_boxed (value, self->last_error);
      break;
    case PROP_RETRY_INTERVAL:
      g_value_set_uint (value, self->retry_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_sync_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  DpSync *self = DP_SYNC (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_RETRY_INTERVAL:
      dp_sync_set_retry_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_sync_class_init (DpSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = dp_sync_constructed;
  object_class->dispose = dp_sync_dispose;
  object_class->finalize = dp_sync_finalize;
  object_class->get_property = dp_sync_get_property;
  object_class->set_property = dp_sync_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, DP_TYPE_ELOKET_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DP_TYPE_DRAFT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOSSIER] =
    g_param_spec_object ("dossier", NULL, NULL, DP_TYPE_DOSSIER, ro);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, DP_TYPE_SYNC_STATE, DP_SYNC_STATE_PENDING, ro);
  properties[PROP_ETAG] =
    g_param_spec_string ("etag", NULL, NULL, NULL, ro);
  properties[PROP_REMOTE_DOSSIER] =
    g_param_spec_object ("remote-dossier", NULL, NULL, DP_TYPE_DOSSIER, ro);
  properties[PROP_LAST_ERROR] =
    g_param_spec_boxed ("last-error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_RETRY_INTERVAL] =
    g_param_spec_uint ("retry-interval", NULL, NULL, 1, 3600, DEFAULT_RETRY_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dp_sync_init (DpSync *self)
{
  self->state = DP_SYNC_STATE_PENDING;
  self->retry_interval = DEFAULT_RETRY_INTERVAL;
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->waiting);
}
