/* dp-seq-model.c: a GListModel over a GSequence the core maintains itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-seq-model.h"

struct _DpSeqModel
{
  GObject             parent_instance;

  GSequence          *seq;
  DpSeqModelItemFunc  item_func;
  GType               item_type;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DpSeqModel, dp_seq_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
dp_seq_model_get_item_type (GListModel *model)
{
  return DP_SEQ_MODEL (model)->item_type;
}

static guint
dp_seq_model_get_n_items (GListModel *model)
{
  return g_sequence_get_length (DP_SEQ_MODEL (model)->seq);
}

static gpointer
dp_seq_model_get_item (GListModel *model,
                       guint       position)
{
  DpSeqModel *self = DP_SEQ_MODEL (model);
  GSequenceIter *iter;

  if (position >= (guint) g_sequence_get_length (self->seq))
    return NULL;

  iter = g_sequence_get_iter_at_pos (self->seq, position);
  return g_object_ref (self->item_func (g_sequence_get (iter)));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = dp_seq_model_get_item_type;
  iface->get_n_items = dp_seq_model_get_n_items;
  iface->get_item = dp_seq_model_get_item;
}

static void
dp_seq_model_finalize (GObject *object)
{
  DpSeqModel *self = (DpSeqModel *) object;

  g_clear_pointer (&self->seq, g_sequence_free);

  G_OBJECT_CLASS (dp_seq_model_parent_class)->finalize (object);
}

static void
dp_seq_model_class_init (DpSeqModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dp_seq_model_finalize;
}

static void
dp_seq_model_init (DpSeqModel *self)
{
}

DpSeqModel *
dp_seq_model_new (GType               item_type,
                  DpSeqModelItemFunc  item_func,
                  GDestroyNotify      data_free)
{
  DpSeqModel *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (item_func != NULL, NULL);

  self = g_object_new (DP_TYPE_SEQ_MODEL, NULL);
  self->item_type = item_type;
  self->item_func = item_func;
  self->seq = g_sequence_new (data_free);
  return self;
}

GSequence *
dp_seq_model_get_sequence (DpSeqModel *self)
{
  g_return_val_if_fail (DP_IS_SEQ_MODEL (self), NULL);
  return self->seq;
}

void
dp_seq_model_clear_silently (DpSeqModel *self)
{
  g_return_if_fail (DP_IS_SEQ_MODEL (self));

  g_sequence_remove_range (g_sequence_get_begin_iter (self->seq),
                           g_sequence_get_end_iter (self->seq));
}
