/* dp-sync.h: one measurement kept both on this computer and on the e-loket.
 *
 * The application edits the local draft (DpDraftStore) and asks DpSync to save and submit it.
 * DpSync sends the draft to the service with the ETag it was based on; when the service cannot
 * be reached it keeps the draft marked as not yet sent and sends it when the service is back
 * (on a network change, or every "retry-interval" seconds); when the service's draft was
 * changed elsewhere in the meantime (412) it never overwrites it: it fetches the service's
 * version, goes to DP_SYNC_STATE_CONFLICT, and waits for the user to choose
 * (dp_sync_resolve_keep_local() or dp_sync_resolve_take_remote()).
 *
 * What must survive a restart sits next to the draft, in "<draft>.sync": the ETag, whether
 * the draft still has to be sent, and the idempotency key of a submission under way, so that a
 * submission whose answer was lost is repeated with the same key even after a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dp-eloket-client.h"

G_BEGIN_DECLS

typedef enum {
  DP_SYNC_STATE_SYNCED,     /* the service holds what is here */
  DP_SYNC_STATE_PENDING,    /* saved here, not yet sent */
  DP_SYNC_STATE_SENDING,    /* a save or submission is on its way */
  DP_SYNC_STATE_OFFLINE,    /* saved here; the service could not be reached: sent when back */
  DP_SYNC_STATE_CONFLICT,   /* the service's draft changed elsewhere: see "remote-dossier" */
  DP_SYNC_STATE_SUBMITTED,  /* submitted: read-only */
} DpSyncState;

#define DP_TYPE_SYNC_STATE (dp_sync_state_get_type ())
GType dp_sync_state_get_type (void);

#define DP_TYPE_SYNC (dp_sync_get_type ())

G_DECLARE_FINAL_TYPE (DpSync, dp_sync, DP, SYNC, GObject)

/* Properties (G_PARAM_EXPLICIT_NOTIFY):
 *   "client"          DpEloketClient*  construct-only
 *   "store"           DpDraftStore*    construct-only
 *   "dossier"         DpDossier*       read-only: the dossier being edited (replaced by
 *                                      dp_sync_resolve_take_remote())
 *   "state"           DpSyncState      read-only
 *   "etag"            char*            read-only: the service version the draft is based on
 *   "remote-dossier"  DpDossier*       read-only: in CONFLICT, the service's version
 *   "last-error"      GError* (boxed)  read-only: why the last attempt failed, or NULL
 *   "retry-interval"  guint            read-write: seconds between attempts while OFFLINE
 *                                      (default 30; a network change tries at once)
 */

/* Opens the measurement of @registration_number and @year: the service's draft (prefilled by
 * the service from last year's submission when new), or the local draft when it holds changes
 * not yet sent (CONFLICT when the service's changed too), or, offline, the local draft alone
 * (OFFLINE). Fails with DP_ELOKET_ERROR_OFFLINE only when offline without a local draft. */
void          dp_sync_open_async              (DpEloketClient      *client,
                                               DpDraftStore        *store,
                                               const char          *registration_number,
                                               guint                year,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
DpSync       *dp_sync_open_finish             (GAsyncResult        *result,
                                               GError             **error);

DpEloketClient *dp_sync_get_client            (DpSync              *self);
DpDraftStore *dp_sync_get_store               (DpSync              *self);
DpDossier    *dp_sync_get_dossier             (DpSync              *self);
DpSyncState   dp_sync_get_state               (DpSync              *self);
const char   *dp_sync_get_etag                (DpSync              *self);
DpDossier    *dp_sync_get_remote_dossier      (DpSync              *self);
const GError *dp_sync_get_last_error          (DpSync              *self);
guint         dp_sync_get_retry_interval      (DpSync              *self);
void          dp_sync_set_retry_interval      (DpSync              *self,
                                               guint                seconds);

/* Says that the dossier changed here (an edit, an autosave): PENDING until saved. */
void          dp_sync_mark_changed            (DpSync              *self);

/* Saves the draft here, then on the service. TRUE once both hold it; FALSE with the error
 * otherwise, the draft being safe here in every case but a local write failure:
 * DP_ELOKET_ERROR_OFFLINE / SERVER (state OFFLINE: sent again later by itself),
 * CONFLICT_CHANGED (state CONFLICT), SESSION_EXPIRED (log in again, then save again). */
void          dp_sync_save_async              (DpSync              *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      dp_sync_save_finish             (DpSync              *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Stops waiting for the save on its way (the draft stays here, PENDING); the waiting
 * dp_sync_save_async() calls end with G_IO_ERROR_CANCELLED. */
void          dp_sync_cancel                  (DpSync              *self);

/* Saves, then submits with an idempotency key that is kept (next to the draft) until the
 * service has answered for good, so that any repeat, even after a restart, is recognised:
 * when the draft turns out submitted while such a key is kept, the submission is asked for
 * again with it, and if it was ours the service's submitted version becomes the dossier.
 * Returns the reference; the dossier is then marked submitted here too. With
 * DP_ELOKET_ERROR_REFUSED, @out_findings gets the service's findings. */
void          dp_sync_submit_async            (DpSync              *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char         *dp_sync_submit_finish           (DpSync              *self,
                                               GAsyncResult        *result,
                                               GPtrArray          **out_findings,
                                               GError             **error);

/* The user's choice in CONFLICT: send this draft over the service's (it becomes the
 * service's version), or drop this draft's changes and take the service's. */
void          dp_sync_resolve_keep_local_async  (DpSync            *self,
                                                 GCancellable      *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer           user_data);
gboolean      dp_sync_resolve_keep_local_finish (DpSync            *self,
                                                 GAsyncResult      *result,
                                                 GError           **error);
gboolean      dp_sync_resolve_take_remote     (DpSync              *self,
                                               GError             **error);

G_END_DECLS
