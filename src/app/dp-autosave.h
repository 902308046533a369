/* dp-autosave.h: keeps the dossier's draft saved a few seconds after the last edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dagprijzen-core.h"

G_BEGIN_DECLS

#define DP_TYPE_AUTOSAVE (dp_autosave_get_type ())

G_DECLARE_FINAL_TYPE (DpAutosave, dp_autosave, DP, AUTOSAVE, GObject)

/* Properties: "store" (DpDraftStore*, construct-only), "dossier" (DpDossier*), "delay"
 * (guint, milliseconds from the last edit to the save; default 3000), "dirty" (gboolean,
 * read-only: an edit not yet on disk). Signal "save-failed" (GError*): an automatic save
 * failed; the edits stay in memory and the next edit or flush tries again. */

DpAutosave   *dp_autosave_new            (DpDraftStore  *store);
DpDraftStore *dp_autosave_get_store      (DpAutosave    *self);
DpDossier    *dp_autosave_get_dossier    (DpAutosave    *self);
/* Watches @dossier from now on; the previous one is flushed first. */
void          dp_autosave_set_dossier    (DpAutosave    *self,
                                          DpDossier     *dossier);
gboolean      dp_autosave_get_dirty      (DpAutosave    *self);
/* Marks the dossier changed, as an edit does (e.g. after marking it submitted). */
void          dp_autosave_mark_dirty     (DpAutosave    *self);

/* Saves now (Ctrl+S), off the main thread. */
void          dp_autosave_save_async     (DpAutosave    *self,
                                          GCancellable  *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer       user_data);
gboolean      dp_autosave_save_finish    (DpAutosave    *self,
                                          GAsyncResult  *result,
                                          GError       **error);
/* Before the window closes: waits for a save in progress, then writes whatever is not on
 * disk yet, synchronously. */
gboolean      dp_autosave_flush          (DpAutosave    *self,
                                          GError       **error);

G_END_DECLS
