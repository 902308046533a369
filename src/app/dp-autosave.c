/* dp-autosave.c: keeps the dossier's draft saved a few seconds after the last edit.
 *
 * Every edit bumps a generation counter and restarts a timer; when the timer fires, the
 * draft store serialises the dossier at once and writes it in a thread. Only a save that
 * started at the latest generation makes the dossier clean again, so an edit made while a
 * write is under way is never taken for saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-autosave.h"

struct _DpAutosave
{
  GObject       parent_instance;

  DpDraftStore *store;
  DpDossier    *dossier;
  guint         delay;

  GHashTable   *line_handlers;   /* DpLine* (ref) → handler id of its "notify" */
  gulong        lines_ids[DP_N_PARTS];
  gulong        status_id;

  guint64       generation;      /* bumped by every edit */
  guint64       saved_generation;
  guint         timeout_id;
  guint         n_in_flight;
};

G_DEFINE_FINAL_TYPE (DpAutosave, dp_autosave, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DOSSIER,
  PROP_DELAY,
  PROP_DIRTY,
  N_PROPS
};

enum {
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  DpAutosave *self;
  DpDossier  *dossier;
  guint64     generation;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->dossier);
  g_free (data);
}

gboolean
dp_autosave_get_dirty (DpAutosave *self)
{
  g_return_val_if_fail (DP_IS_AUTOSAVE (self), FALSE);

  return self->dossier != NULL && self->generation != self->saved_generation;
}

static void
set_saved (DpAutosave *self,
           guint64     generation)
{
  gboolean was_dirty = dp_autosave_get_dirty (self);

  if (generation > self->saved_generation)
    self->saved_generation = generation;

  if (was_dirty != dp_autosave_get_dirty (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
on_save_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = G_TASK (user_data);
  g_autoptr(GError) error = NULL;
  SaveData *data = g_task_get_task_data (task);
  DpAutosave *self = data->self;

  g_assert (self->n_in_flight > 0);
  self->n_in_flight--;

  if (!dp_draft_store_save_finish (DP_DRAFT_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The dossier may have been replaced meanwhile: only its own save makes it clean. */
  if (data->dossier == self->dossier)
    set_saved (self, data->generation);

  g_task_return_boolean (task, TRUE);
}

void
dp_autosave_save_async (DpAutosave          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (DP_IS_AUTOSAVE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dp_autosave_save_async);

  if (self->dossier == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "No dossier to save");
      return;
    }

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->dossier = g_object_ref (self->dossier);
  data->generation = self->generation;
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  self->n_in_flight++;
  dp_draft_store_save_async (self->store, self->dossier, cancellable, on_save_done,
                             g_steal_pointer (&task));
}

gboolean
dp_autosave_save_finish (DpAutosave    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (DP_IS_AUTOSAVE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_autosave_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DpAutosave *self = DP_AUTOSAVE (object);
  g_autoptr(GError) error = NULL;

  if (!dp_autosave_save_finish (self, result, &error))
    g_signal_emit (self, signals[SAVE_FAILED], 0, error);
}

static gboolean
on_timeout (gpointer user_data)
{
  DpAutosave *self = DP_AUTOSAVE (user_data);

  self->timeout_id = 0;
  if (dp_autosave_get_dirty (self))
    dp_autosave_save_async (self, NULL, on_autosave_done, NULL);

  return G_SOURCE_REMOVE;
}

void
dp_autosave_mark_dirty (DpAutosave *self)
{
  gboolean was_dirty;

  g_return_if_fail (DP_IS_AUTOSAVE (self));

  if (self->dossier == NULL)
    return;

  was_dirty = dp_autosave_get_dirty (self);
  self->generation++;

  /* Debounced: typing a description saves once, a few seconds after the last key. */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (self->delay, on_timeout, self);

  if (!was_dirty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

gboolean
dp_autosave_flush (DpAutosave  *self,
                   GError     **error)
{
  guint64 generation;

  g_return_val_if_fail (DP_IS_AUTOSAVE (self), FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  /* A write in a thread would rename its file over ours if it finished last: let it end. */
  while (self->n_in_flight > 0)
    g_main_context_iteration (NULL, TRUE);

  if (!dp_autosave_get_dirty (self))
    return TRUE;

  generation = self->generation;
  if (!dp_draft_store_save (self->store, self->dossier, NULL, error))
    return FALSE;

  set_saved (self, generation);
  return TRUE;
}

static void
on_line_notify (DpLine     *line,
                GParamSpec *pspec,
                DpAutosave *self)
{
  g_assert (DP_IS_AUTOSAVE (self));

  /* The dossier keeps these current itself; they are not edits. */
  if (g_strcmp0 (pspec->name, "net-price") == 0
      || g_strcmp0 (pspec->name, "discount") == 0
      || g_strcmp0 (pspec->name, "previous-price") == 0)
    return;

  dp_autosave_mark_dirty (self);
}

static void
watch_line (DpAutosave *self,
            DpLine     *line)
{
  gulong id;

  if (g_hash_table_contains (self->line_handlers, line))
    return;

  id = g_signal_connect (line, "notify", G_CALLBACK (on_line_notify), self);
  g_hash_table_insert (self->line_handlers, g_object_ref (line), GSIZE_TO_POINTER (id));
}

static void
unwatch_all (DpAutosave *self)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, self->line_handlers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_signal_handler_disconnect (key, GPOINTER_TO_SIZE (value));
  g_hash_table_remove_all (self->line_handlers);
}

/* Lines that left the dossier are let go, so that an old line edited (by an undo that
 * never came) marks nothing; lines that came in are watched. */
static void
resync_lines (DpAutosave *self)
{
  g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  for (guint part = 0; part < DP_N_PARTS; part++)
    {
      GListModel *lines = dp_dossier_get_lines (self->dossier, part);
      guint n = g_list_model_get_n_items (lines);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DpLine) line = g_list_model_get_item (lines, i);

          g_hash_table_add (present, line);
          watch_line (self, line);
        }
    }

  g_hash_table_iter_init (&iter, self->line_handlers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (present, key))
        {
          g_signal_handler_disconnect (key, GPOINTER_TO_SIZE (value));
          g_hash_table_iter_remove (&iter);
        }
    }
}

static void
on_lines_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  DpAutosave *self)
{
  g_assert (DP_IS_AUTOSAVE (self));

  if (removed > 0)
    {
      resync_lines (self);
    }
  else
    {
      for (guint i = position; i < position + added; i++)
        {
          g_autoptr(DpLine) line = g_list_model_get_item (model, i);

          watch_line (self, line);
        }
    }

  dp_autosave_mark_dirty (self);
}

static void
on_status_notify (DpDossier  *dossier,
                  GParamSpec *pspec,
                  DpAutosave *self)
{
  g_assert (DP_IS_AUTOSAVE (self));

  dp_autosave_mark_dirty (self);
}

static void
disconnect_dossier (DpAutosave *self)
{
  if (self->dossier == NULL)
    return;

  unwatch_all (self);
  for (guint part = 0; part < DP_N_PARTS; part++)
    g_clear_signal_handler (&self->lines_ids[part], dp_dossier_get_lines (self->dossier, part));
  g_clear_signal_handler (&self->status_id, self->dossier);
}

void
dp_autosave_set_dossier (DpAutosave *self,
                         DpDossier  *dossier)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DP_IS_AUTOSAVE (self));
  g_return_if_fail (dossier == NULL || DP_IS_DOSSIER (dossier));

  if (self->dossier == dossier)
    return;

  if (self->dossier != NULL && !dp_autosave_flush (self, &error))
    g_signal_emit (self, signals[SAVE_FAILED], 0, error);

  disconnect_dossier (self);
  g_set_object (&self->dossier, dossier);
  self->generation = self->saved_generation = 0;

  if (dossier != NULL)
    {
      for (guint part = 0; part < DP_N_PARTS; part++)
        self->lines_ids[part] = g_signal_connect (dp_dossier_get_lines (dossier, part),
                                                  "items-changed",
                                                  G_CALLBACK (on_lines_changed), self);
      self->status_id = g_signal_connect (dossier, "notify::status",
                                          G_CALLBACK (on_status_notify), self);
      resync_lines (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOSSIER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

DpDossier *
dp_autosave_get_dossier (DpAutosave *self)
{
  g_return_val_if_fail (DP_IS_AUTOSAVE (self), NULL);

  return self->dossier;
}

DpDraftStore *
dp_autosave_get_store (DpAutosave *self)
{
  g_return_val_if_fail (DP_IS_AUTOSAVE (self), NULL);

  return self->store;
}

DpAutosave *
dp_autosave_new (DpDraftStore *store)
{
  g_return_val_if_fail (DP_IS_DRAFT_STORE (store), NULL);

  return g_object_new (DP_TYPE_AUTOSAVE, "store", store, NULL);
}

static void
dp_autosave_dispose (GObject *object)
{
  DpAutosave *self = (DpAutosave *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  disconnect_dossier (self);
  g_clear_object (&self->dossier);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dp_autosave_parent_class)->dispose (object);
}

static void
dp_autosave_finalize (GObject *object)
{
  DpAutosave *self = (DpAutosave *)object;

  g_clear_pointer (&self->line_handlers, g_hash_table_unref);

  G_OBJECT_CLASS (dp_autosave_parent_class)->finalize (object);
}

static void
dp_autosave_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DpAutosave *self = DP_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DOSSIER:
      g_value_set_object (value, self->dossier);
      break;
    case PROP_DELAY:
      g_value_set_uint (value, self->delay);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, dp_autosave_get_dirty (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_autosave_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DpAutosave *self = DP_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_DOSSIER:
      dp_autosave_set_dossier (self, g_value_get_object (value));
      break;
    case PROP_DELAY:
      if (self->delay != g_value_get_uint (value))
        {
          self->delay = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_autosave_class_init (DpAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dp_autosave_dispose;
  object_class->finalize = dp_autosave_finalize;
  object_class->get_property = dp_autosave_get_property;
  object_class->set_property = dp_autosave_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DP_TYPE_DRAFT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOSSIER] =
    g_param_spec_object ("dossier", NULL, NULL, DP_TYPE_DOSSIER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL, 0, G_MAXUINT, 3000,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
dp_autosave_init (DpAutosave *self)
{
  self->delay = 3000;
  self->line_handlers = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}
