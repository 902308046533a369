/* dp-seq-model.h: a GListModel over a GSequence the core maintains itself.
 *
 * Private to the core. GListStore cannot say where an item stands without a scan
 * (g_list_store_find() is O(n)); with the GSequence in hand, the dossier keeps a
 * GSequenceIter per line and per finding and learns positions in O(log n).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Returns the item (borrowed) that the sequence element @data stands for. */
typedef gpointer (*DpSeqModelItemFunc) (gpointer data);

#define DP_TYPE_SEQ_MODEL (dp_seq_model_get_type ())

G_DECLARE_FINAL_TYPE (DpSeqModel, dp_seq_model, DP, SEQ_MODEL, GObject)

/* The model owns the sequence (freed with @data_free on its elements). */
DpSeqModel  *dp_seq_model_new            (GType               item_type,
                                          DpSeqModelItemFunc  item_func,
                                          GDestroyNotify      data_free);
GSequence   *dp_seq_model_get_sequence   (DpSeqModel         *self);
/* Drops every element without emitting items-changed (for a dying owner). */
void         dp_seq_model_clear_silently (DpSeqModel         *self);

G_END_DECLS
