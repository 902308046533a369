/* dp-draft-store.c: local drafts under the XDG data directory.
 *
 * A save is g_file_set_contents_full() with CONSISTENT | DURABLE: the new bytes go to a
 * temporary file beside the draft ("PE-1234-2025.json.XXXXXX"), are fsynced, and are renamed
 * over the old draft. A crash, a full disk or a failed write before the rename leaves the
 * previous draft exactly as it was; the listing only looks at "*.json", so a leftover
 * temporary file is never mistaken for a draft.
 *
 * Drafts are mode 0600 in a 0700 directory: they are a care centre's business data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <glib/gi18n-lib.h>

#include "dp-draft-store.h"
#include "dp-format.h"

#define DRAFT_SUFFIX ".json"

/* ------------------------------------------------------------------------------------ */
/* DpDraftInfo                                                                          */

struct _DpDraftInfo
{
  GObject     parent_instance;

  GFile      *file;
  char       *registration_number;
  char       *facility_name;
  guint       year;
  DpStatus    status;
  GDateTime  *modified;
};

G_DEFINE_FINAL_TYPE (DpDraftInfo, dp_draft_info, G_TYPE_OBJECT)

enum {
  INFO_PROP_0,
  INFO_PROP_FILE,
  INFO_PROP_REGISTRATION_NUMBER,
  INFO_PROP_FACILITY_NAME,
  INFO_PROP_YEAR,
  INFO_PROP_STATUS,
  INFO_PROP_MODIFIED,
  INFO_N_PROPS
};

static GParamSpec *info_properties[INFO_N_PROPS];

static void
dp_draft_info_finalize (GObject *object)
{
  DpDraftInfo *self = DP_DRAFT_INFO (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->registration_number, g_free);
  g_clear_pointer (&self->facility_name, g_free);
  g_clear_pointer (&self->modified, g_date_time_unref);

  G_OBJECT_CLASS (dp_draft_info_parent_class)->finalize (object);
}

static void
dp_draft_info_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DpDraftInfo *self = DP_DRAFT_INFO (object);

  switch (prop_id)
    {
    case INFO_PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case INFO_PROP_REGISTRATION_NUMBER:
      g_value_set_string (value, self->registration_number);
      break;
    case INFO_PROP_FACILITY_NAME:
      g_value_set_string (value, self->facility_name);
      break;
    case INFO_PROP_YEAR:
      g_value_set_uint (value, self->year);
      break;
    case INFO_PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case INFO_PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_draft_info_class_init (DpDraftInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dp_draft_info_finalize;
  object_class->get_property = dp_draft_info_get_property;

  info_properties[INFO_PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  info_properties[INFO_PROP_REGISTRATION_NUMBER] =
    g_param_spec_string ("registration-number", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  info_properties[INFO_PROP_FACILITY_NAME] =
    g_param_spec_string ("facility-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  info_properties[INFO_PROP_YEAR] =
    g_param_spec_uint ("year", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  info_properties[INFO_PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, DP_TYPE_STATUS, DP_STATUS_DRAFT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  info_properties[INFO_PROP_MODIFIED] =
    g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, INFO_N_PROPS, info_properties);
}

static void
dp_draft_info_init (DpDraftInfo *self)
{
}

/* Takes what the list shows from a loaded dossier; the dossier itself is not kept. */
static DpDraftInfo *
dp_draft_info_new (GFile      *file,
                   DpDossier  *dossier,
                   GDateTime  *modified)
{
  DpDraftInfo *self = g_object_new (DP_TYPE_DRAFT_INFO, NULL);
  DpFacility *facility = dp_dossier_get_facility (dossier);

  self->file = g_object_ref (file);
  self->registration_number = g_strdup (dp_facility_get_registration_number (facility));
  self->facility_name = g_strdup (dp_facility_get_name (facility));
  self->year = dp_campaign_get_year (dp_dossier_get_campaign (dossier));
  self->status = dp_dossier_get_status (dossier);
  self->modified = g_date_time_ref (modified);

  return self;
}

GFile *
dp_draft_info_get_file (DpDraftInfo *self)
{
  g_return_val_if_fail (DP_IS_DRAFT_INFO (self), NULL);
  return self->file;
}

const char *
dp_draft_info_get_registration_number (DpDraftInfo *self)
{
  g_return_val_if_fail (DP_IS_DRAFT_INFO (self), NULL);
  return self->registration_number;
}

const char *
dp_draft_info_get_facility_name (DpDraftInfo *self)
{
  g_return_val_if_fail (DP_IS_DRAFT_INFO (self), NULL);
  return self->facility_name;
}

guint
dp_draft_info_get_year (DpDraftInfo *self)
{
  g_return_val_if_fail (DP_IS_DRAFT_INFO (self), 0);
  return self->year;
}

DpStatus
dp_draft_info_get_status (DpDraftInfo *self)
{
  g_return_val_if_fail (DP_IS_DRAFT_INFO (self), DP_STATUS_DRAFT);
  return self->status;
}

GDateTime *
dp_draft_info_get_modified (DpDraftInfo *self)
{
  g_return_val_if_fail (DP_IS_DRAFT_INFO (self), NULL);
  return self->modified;
}

/* ------------------------------------------------------------------------------------ */
/* DpDraftStore                                                                         */

struct _DpDraftStore
{
  GObject     parent_instance;

  GFile      *directory;

  /* Saves may overlap (an autosave in a thread, then Ctrl+S): each gets a generation when
   * it is called, and a write never replaces a draft with an older generation's bytes, so
   * the file always ends as the latest call left it. Guarded by @lock, which is also held
   * during each write so that writes of one store never interleave. */
  GMutex      lock;
  guint64     generation;
  GHashTable *written;    /* path → guint64 generation on disk, as a g_new'd guint64 */
};

G_DEFINE_FINAL_TYPE (DpDraftStore, dp_draft_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIRECTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dp_draft_store_dispose (GObject *object)
{
  DpDraftStore *self = DP_DRAFT_STORE (object);

  g_clear_object (&self->directory);

  G_OBJECT_CLASS (dp_draft_store_parent_class)->dispose (object);
}

static void
dp_draft_store_finalize (GObject *object)
{
  DpDraftStore *self = DP_DRAFT_STORE (object);

  g_clear_pointer (&self->written, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (dp_draft_store_parent_class)->finalize (object);
}

static void
dp_draft_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DpDraftStore *self = DP_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_object (value, self->directory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_draft_store_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DpDraftStore *self = DP_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_draft_store_class_init (DpDraftStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dp_draft_store_dispose;
  object_class->finalize = dp_draft_store_finalize;
  object_class->get_property = dp_draft_store_get_property;
  object_class->set_property = dp_draft_store_set_property;

  properties[PROP_DIRECTORY] =
    g_param_spec_object ("directory", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS
                         | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dp_draft_store_init (DpDraftStore *self)
{
  g_mutex_init (&self->lock);
  self->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

DpDraftStore *
dp_draft_store_new (GFile *directory)
{
  g_return_val_if_fail (G_IS_FILE (directory), NULL);

  return g_object_new (DP_TYPE_DRAFT_STORE, "directory", directory, NULL);
}

DpDraftStore *
dp_draft_store_new_default (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "dagprijzen", "drafts",
                                            NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (path);

  return dp_draft_store_new (directory);
}

GFile *
dp_draft_store_get_directory (DpDraftStore *self)
{
  g_return_val_if_fail (DP_IS_DRAFT_STORE (self), NULL);
  return self->directory;
}

GFile *
dp_draft_store_get_file_for (DpDraftStore *self,
                             const char   *registration_number,
                             guint         year)
{
  g_autofree char *escaped = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (DP_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (registration_number != NULL, NULL);

  /* The number comes from a document: escape '/' and the like so that it can only ever
   * name a file inside the directory. "PE-1234" stays "PE-1234". */
  escaped = g_uri_escape_string (registration_number, NULL, TRUE);
  name = g_strdup_printf ("%s-%u" DRAFT_SUFFIX, escaped, year);
  return g_file_get_child (self->directory, name);
}

static GFile *
file_for_dossier (DpDraftStore *self,
                  DpDossier    *dossier)
{
  DpFacility *facility = dp_dossier_get_facility (dossier);
  DpCampaign *campaign = dp_dossier_get_campaign (dossier);

  return dp_draft_store_get_file_for (self, dp_facility_get_registration_number (facility),
                                      dp_campaign_get_year (campaign));
}

static guint64
next_generation (DpDraftStore *self)
{
  guint64 generation;

  g_mutex_lock (&self->lock);
  generation = ++self->generation;
  g_mutex_unlock (&self->lock);
  return generation;
}

static gboolean write_file (GFile         *directory,
                            GFile         *file,
                            GBytes        *bytes,
                            GCancellable  *cancellable,
                            GError       **error);

/* Runs in the caller's thread or in a GTask thread. A version older than the one already
 * on disk is not written: the newer one stands, and the call counts as done. */
static gboolean
write_draft (DpDraftStore  *self,
             GFile         *file,
             GBytes        *bytes,
             guint64        generation,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  guint64 *on_disk;
  gboolean ok = TRUE;

  g_mutex_lock (&self->lock);
  on_disk = path != NULL ? g_hash_table_lookup (self->written, path) : NULL;
  if (on_disk == NULL || *on_disk < generation)
    {
      ok = write_file (self->directory, file, bytes, cancellable, error);
      if (ok && path != NULL)
        {
          guint64 *value = g_new (guint64, 1);

          *value = generation;
          g_hash_table_replace (self->written, g_strdup (path), value);
        }
    }
  g_mutex_unlock (&self->lock);

  return ok;
}

static gboolean
write_file (GFile         *directory,
            GFile         *file,
            GBytes        *bytes,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *dir_path = g_file_get_path (directory);
  g_autofree char *path = g_file_get_path (file);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (dir_path == NULL || path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Drafts can only be kept in a local directory"));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (g_mkdir_with_parents (dir_path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the drafts folder %s: %s"), dir_path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return g_file_set_contents_full (path, data, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT
                                   | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

static GBytes *
serialise (DpDossier *dossier)
{
  gsize length;
  char *data = dp_format_save_data (dossier, &length);

  return g_bytes_new_take (data, length);
}

gboolean
dp_draft_store_save (DpDraftStore  *self,
                     DpDossier     *dossier,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (DP_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (DP_IS_DOSSIER (dossier), FALSE);

  file = file_for_dossier (self, dossier);
  bytes = serialise (dossier);
  return write_draft (self, file, bytes, next_generation (self), cancellable, error);
}

typedef struct {
  GFile   *file;
  GBytes  *bytes;
  guint64  generation;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (write_draft (DP_DRAFT_STORE (source_object), data->file, data->bytes, data->generation,
                   cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
dp_draft_store_save_async (DpDraftStore        *self,
                           DpDossier           *dossier,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (DP_IS_DRAFT_STORE (self));
  g_return_if_fail (DP_IS_DOSSIER (dossier));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dp_draft_store_save_async);

  /* The bytes are made here, in the caller's thread: the dossier is not thread-safe and
   * the user may go on editing while the thread writes this version. */
  data = g_new0 (SaveData, 1);
  data->file = file_for_dossier (self, dossier);
  data->bytes = serialise (dossier);
  data->generation = next_generation (self);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  g_task_run_in_thread (task, save_thread);
}

gboolean
dp_draft_store_save_finish (DpDraftStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (DP_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

DpDossier *
dp_draft_store_load (DpDraftStore  *self,
                     const char    *registration_number,
                     guint          year,
                     GError       **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (DP_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (registration_number != NULL, NULL);

  file = dp_draft_store_get_file_for (self, registration_number, year);
  return dp_format_load_file (file, NULL, error);
}

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  DpDraftInfo *info_a = *(DpDraftInfo * const *) a;
  DpDraftInfo *info_b = *(DpDraftInfo * const *) b;
  gint by_time = g_date_time_compare (info_b->modified, info_a->modified);
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;

  if (by_time != 0)
    return by_time;

  /* The file system's clock is coarse: two saves may share a time. Keep a stable order. */
  name_a = g_file_get_basename (info_a->file);
  name_b = g_file_get_basename (info_b->file);
  return g_strcmp0 (name_a, name_b);
}

GPtrArray *
dp_draft_store_list (DpDraftStore  *self,
                     GError       **error)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (DP_IS_DRAFT_STORE (self), NULL);

  drafts = g_ptr_array_new_with_free_func (g_object_unref);

  enumerator = g_file_enumerate_children (self->directory,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                          G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL,
                                          &local_error);
  if (enumerator == NULL)
    {
      /* No directory yet: nothing was ever saved. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_steal_pointer (&drafts);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (;;)
    {
      GFileInfo *info;
      GFile *child;
      g_autoptr(DpDossier) dossier = NULL;
      g_autoptr(GDateTime) modified = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, error))
        return NULL;
      if (info == NULL)
        break;

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR
          || !g_str_has_suffix (g_file_info_get_name (info), DRAFT_SUFFIX))
        continue;

      /* Anything that is not a valid dossier is someone else's business: skip it and
       * leave it where it is. */
      dossier = dp_format_load_file (child, NULL, NULL);
      if (dossier == NULL)
        continue;

      modified = g_file_info_get_modification_date_time (info);
      if (modified == NULL)
        modified = g_date_time_new_from_unix_utc (0);
      g_ptr_array_add (drafts, dp_draft_info_new (child, dossier, modified));
    }

  g_ptr_array_sort (drafts, compare_newest_first);
  return g_steal_pointer (&drafts);
}

DpDraftInfo *
dp_draft_store_get_latest (DpDraftStore *self)
{
  g_autoptr(GPtrArray) drafts = NULL;

  g_return_val_if_fail (DP_IS_DRAFT_STORE (self), NULL);

  drafts = dp_draft_store_list (self, NULL);
  if (drafts == NULL || drafts->len == 0)
    return NULL;

  return g_object_ref (g_ptr_array_index (drafts, 0));
}

gboolean
dp_draft_store_delete (DpDraftStore  *self,
                       const char    *registration_number,
                       guint          year,
                       GError       **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (DP_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (registration_number != NULL, FALSE);

  file = dp_draft_store_get_file_for (self, registration_number, year);
  return g_file_delete (file, NULL, error);
}
