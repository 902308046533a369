/* dp-draft-store.h: local drafts under the XDG data directory.
 *
 * One file per facility and year, "<erkenningsnummer>-<jaar>.json", in
 * $XDG_DATA_HOME/dagprijzen/drafts by default. A save writes a temporary file, syncs it
 * and renames it over the old one, so a crash or a full disk mid-save leaves the previous
 * draft intact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dp-dossier.h"

G_BEGIN_DECLS

#define DP_TYPE_DRAFT_INFO (dp_draft_info_get_type ())

G_DECLARE_FINAL_TYPE (DpDraftInfo, dp_draft_info, DP, DRAFT_INFO, GObject)

/* What the list of drafts shows without loading each dossier whole. Read-only properties
 * "file" (GFile*), "registration-number", "facility-name" (char*), "year" (guint),
 * "status" (DpStatus), "modified" (GDateTime*). */
GFile       *dp_draft_info_get_file                 (DpDraftInfo *self);
const char  *dp_draft_info_get_registration_number  (DpDraftInfo *self);
const char  *dp_draft_info_get_facility_name        (DpDraftInfo *self);
guint        dp_draft_info_get_year                 (DpDraftInfo *self);
DpStatus     dp_draft_info_get_status               (DpDraftInfo *self);
GDateTime   *dp_draft_info_get_modified             (DpDraftInfo *self);

#define DP_TYPE_DRAFT_STORE (dp_draft_store_get_type ())

G_DECLARE_FINAL_TYPE (DpDraftStore, dp_draft_store, DP, DRAFT_STORE, GObject)

/* Property "directory" (GFile*, construct-only). */
DpDraftStore *dp_draft_store_new               (GFile         *directory);
/* $XDG_DATA_HOME/dagprijzen/drafts */
DpDraftStore *dp_draft_store_new_default       (void);
GFile        *dp_draft_store_get_directory     (DpDraftStore  *self);

/* The file that holds the draft of this facility and year. */
GFile        *dp_draft_store_get_file_for      (DpDraftStore  *self,
                                                const char    *registration_number,
                                                guint          year);

gboolean      dp_draft_store_save              (DpDraftStore  *self,
                                                DpDossier     *dossier,
                                                GCancellable  *cancellable,
                                                GError       **error);
/* The same off the main thread: the dossier is serialised at the call, written in a
 * thread, so later edits do not race the write. */
void          dp_draft_store_save_async        (DpDraftStore  *self,
                                                DpDossier     *dossier,
                                                GCancellable  *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer       user_data);
gboolean      dp_draft_store_save_finish       (DpDraftStore  *self,
                                                GAsyncResult  *result,
                                                GError       **error);

DpDossier    *dp_draft_store_load              (DpDraftStore  *self,
                                                const char    *registration_number,
                                                guint          year,
                                                GError       **error);
/* The drafts present, newest first: a new array of DpDraftInfo. Files that are not valid
 * dossiers are skipped (and left alone). */
GPtrArray    *dp_draft_store_list              (DpDraftStore  *self,
                                                GError       **error);
/* The most recently saved draft, or NULL when there is none. */
DpDraftInfo  *dp_draft_store_get_latest        (DpDraftStore  *self);
gboolean      dp_draft_store_delete            (DpDraftStore  *self,
                                                const char    *registration_number,
                                                guint          year,
                                                GError       **error);

G_END_DECLS
