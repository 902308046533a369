/* dp-sync-status.h: the strip above the Save and Submit buttons that says where the draft
 * stands with the e-loket: being sent, offline (kept here, sent when the service is back),
 * changed elsewhere (compare and choose), or the session ended. Hidden while all is well.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dp-sync.h"

G_BEGIN_DECLS

#define DP_TYPE_SYNC_STATUS (dp_sync_status_get_type ())

G_DECLARE_FINAL_TYPE (DpSyncStatus, dp_sync_status, DP, SYNC_STATUS, AdwBin)

/* Property "sync" (DpSync*, NULL when the dossier is not on the e-loket: hidden). Actions
 * sync-status.retry sends the draft now, sync-status.cancel stops waiting for a save,
 * sync-status.compare opens the comparison of a conflict. Read-only property "message"
 * (char*): the text shown, or NULL when hidden. */

DpSync     *dp_sync_status_get_sync     (DpSyncStatus *self);
void        dp_sync_status_set_sync     (DpSyncStatus *self,
                                         DpSync       *sync);
const char *dp_sync_status_get_message  (DpSyncStatus *self);

/* The comparison of a conflict: this computer's lines beside the e-loket's, and the choice
 * (keep mine, take the e-loket's, or decide later). */
GtkWidget  *dp_sync_status_show_conflict (GtkWindow   *parent,
                                          DpSync      *sync);

G_END_DECLS
