/* dp-dossier.c: one meting dagprijzen.
 *
 * The lines of each Luik live in a GSequence of DpLineRecord (exposed as a GListModel by
 * DpSeqModel); each line points back at its record, so a line's place is found in
 * O(log n) and an edit of one line touches only that line's record, the running totals
 * and the checks' indexes (dp-checks.c), never the other lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-checks-private.h"
#include "dp-dossier.h"
#include "dp-line-private.h"
#include "dp-money.h"
#include "dp-seq-model.h"

struct _DpDossier
{
  GObject      parent_instance;

  DpCampaign  *campaign;
  DpFacility  *facility;
  GDateTime   *submitted_at;
  char        *reference;

  DpSeqModel  *lines[DP_N_PARTS];
  GListStore  *previous_lines[DP_N_PARTS];
  /* Last year's lines by kind key (first of a kind wins), per Luik: borrowed DpLine. */
  GHashTable  *previous_index[DP_N_PARTS];

  DpChecks    *checks;

  guint        total_capacity;
  DpStatus     status;

  /* Nested begin_change()/end_change(): properties are compared with their value at
   * the outermost begin, so one operation notifies each once, and only on a change. */
  guint        change_depth;
  guint        old_total_capacity;
  guint        old_n_errors;
  guint        old_n_warnings;
};

G_DEFINE_FINAL_TYPE (DpDossier, dp_dossier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_FACILITY,
  PROP_STATUS,
  PROP_SUBMITTED_AT,
  PROP_REFERENCE,
  PROP_TOTAL_CAPACITY,
  PROP_N_ERRORS,
  PROP_N_WARNINGS,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* DpLine's pspecs, to tell in the notify handler what changed without string compares. */
static GParamSpec *line_pspec_room_type;
static GParamSpec *line_pspec_description;
static GParamSpec *line_pspec_net_price;

static void
begin_change (DpDossier *self)
{
  if (self->change_depth++ > 0)
    return;

  self->old_total_capacity = self->total_capacity;
  self->old_n_errors = _dp_checks_get_n_errors (self->checks);
  self->old_n_warnings = _dp_checks_get_n_warnings (self->checks);
}

static void
end_change (DpDossier *self)
{
  g_assert (self->change_depth > 0);

  if (--self->change_depth > 0)
    return;

  if (self->old_total_capacity != self->total_capacity)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_CAPACITY]);
  if (self->old_n_errors != _dp_checks_get_n_errors (self->checks))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
  if (self->old_n_warnings != _dp_checks_get_n_warnings (self->checks))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
}

static gpointer
record_get_line (gpointer data)
{
  return ((DpLineRecord *) data)->line;
}

static void
record_free (gpointer data)
{
  DpLineRecord *rec = data;

  if (rec->notify_id != 0)
    g_signal_handler_disconnect (rec->line, rec->notify_id);
  _dp_line_set_dossier_record (rec->line, NULL);
  g_clear_object (&rec->line);
  g_clear_pointer (&rec->kind_key, g_free);
  g_free (rec);
}

static GSequence *
part_sequence (DpDossier *self,
               DpPart     part)
{
  return dp_seq_model_get_sequence (self->lines[part]);
}

static gint64
lookup_previous_price (DpDossier    *self,
                       DpLineRecord *rec)
{
  DpPart other = rec->part == DP_PART_1 ? DP_PART_2 : DP_PART_1;
  DpLine *previous;

  /* The same kind in the same Luik first; a line moved between Luiken since last year
   * (the handleiding's case of a newly granted allowance) still finds its old price. */
  previous = g_hash_table_lookup (self->previous_index[rec->part], rec->kind_key);
  if (previous == NULL)
    previous = g_hash_table_lookup (self->previous_index[other], rec->kind_key);

  return previous != NULL ? dp_line_get_price (previous) : DP_CENTS_NONE;
}

/* Sets the dossier-maintained properties of the line (discount, previous price) without
 * re-entering our own notify handler; the caller runs the checks afterwards. */
static void
apply_derived (DpDossier    *self,
               DpLineRecord *rec)
{
  gint64 discount = rec->part == DP_PART_2 ? dp_campaign_get_discount (self->campaign) : 0;
  gint64 previous = lookup_previous_price (self, rec);

  if (rec->notify_id != 0)
    g_signal_handler_block (rec->line, rec->notify_id);
  dp_line_set_discount (rec->line, discount);
  dp_line_set_previous_price (rec->line, previous);
  if (rec->notify_id != 0)
    g_signal_handler_unblock (rec->line, rec->notify_id);
}

static void
line_notify_cb (DpLine       *line,
                GParamSpec   *pspec,
                DpLineRecord *rec)
{
  DpDossier *self = rec->dossier;
  guint capacity;

  g_assert (DP_IS_LINE (line));
  g_assert (DP_IS_DOSSIER (self));

  /* Derived from price and discount, whose own notifications do the work. */
  if (pspec == line_pspec_net_price)
    return;

  begin_change (self);

  capacity = dp_line_get_capacity (line);
  if (capacity != rec->counted_capacity)
    {
      /* O(1): the line's old contribution out, the new one in. */
      self->total_capacity = self->total_capacity - rec->counted_capacity + capacity;
      rec->counted_capacity = capacity;
      _dp_checks_dossier_changed (self->checks);
    }

  if (pspec == line_pspec_room_type || pspec == line_pspec_description)
    {
      g_free (rec->kind_key);
      rec->kind_key = dp_line_dup_kind_key (line);
      apply_derived (self, rec);
    }

  _dp_checks_line_changed (self->checks, rec);

  end_change (self);
}

static void
dp_dossier_dispose (GObject *object)
{
  DpDossier *self = (DpDossier *) object;

  g_clear_pointer (&self->checks, _dp_checks_free);

  for (guint i = 0; i < DP_N_PARTS; i++)
    {
      if (self->lines[i] != NULL)
        dp_seq_model_clear_silently (self->lines[i]);
      g_clear_object (&self->lines[i]);
      g_clear_pointer (&self->previous_index[i], g_hash_table_unref);
      g_clear_object (&self->previous_lines[i]);
    }

  g_clear_object (&self->campaign);
  g_clear_object (&self->facility);
  g_clear_pointer (&self->submitted_at, g_date_time_unref);

  G_OBJECT_CLASS (dp_dossier_parent_class)->dispose (object);
}

static void
dp_dossier_finalize (GObject *object)
{
  DpDossier *self = (DpDossier *) object;

  g_clear_pointer (&self->reference, g_free);

  G_OBJECT_CLASS (dp_dossier_parent_class)->finalize (object);
}

static void
dp_dossier_constructed (GObject *object)
{
  DpDossier *self = DP_DOSSIER (object);

  G_OBJECT_CLASS (dp_dossier_parent_class)->constructed (object);

  /* dp_dossier_new() insists on both; g_object_new() without them still gets a dossier
   * that works rather than one that crashes. */
  if (self->campaign == NULL)
    self->campaign = dp_campaign_new (0, NULL, NULL, 0);
  if (self->facility == NULL)
    self->facility = dp_facility_new ("", "", 0);

  self->checks = _dp_checks_new (self);
  _dp_checks_dossier_changed (self->checks);
}

static void
dp_dossier_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DpDossier *self = DP_DOSSIER (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;
    case PROP_FACILITY:
      g_value_set_object (value, self->facility);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_SUBMITTED_AT:
      g_value_set_boxed (value, self->submitted_at);
      break;
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    case PROP_TOTAL_CAPACITY:
      g_value_set_uint (value, self->total_capacity);
      break;
    case PROP_N_ERRORS:
      g_value_set_uint (value, dp_dossier_get_n_errors (self));
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, dp_dossier_get_n_warnings (self));
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, dp_dossier_get_read_only (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_dossier_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DpDossier *self = DP_DOSSIER (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      self->campaign = g_value_dup_object (value);
      break;
    case PROP_FACILITY:
      self->facility = g_value_dup_object (value);
      break;
    case PROP_STATUS:
      /* Submitting is one-way; through the property it stamps the present time. */
      if (g_value_get_enum (value) == DP_STATUS_SUBMITTED)
        dp_dossier_mark_submitted (self, NULL, NULL);
      else
        g_return_if_fail (self->status == DP_STATUS_DRAFT);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_dossier_class_init (DpDossierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GObjectClass *line_class;

  object_class->dispose = dp_dossier_dispose;
  object_class->finalize = dp_dossier_finalize;
  object_class->constructed = dp_dossier_constructed;
  object_class->get_property = dp_dossier_get_property;
  object_class->set_property = dp_dossier_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, DP_TYPE_CAMPAIGN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_FACILITY] =
    g_param_spec_object ("facility", NULL, NULL, DP_TYPE_FACILITY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, DP_TYPE_STATUS, DP_STATUS_DRAFT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBMITTED_AT] =
    g_param_spec_boxed ("submitted-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL_CAPACITY] =
    g_param_spec_uint ("total-capacity", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_WARNINGS] =
    g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  line_class = g_type_class_ref (DP_TYPE_LINE);
  line_pspec_room_type = g_object_class_find_property (line_class, "room-type");
  line_pspec_description = g_object_class_find_property (line_class, "description");
  line_pspec_net_price = g_object_class_find_property (line_class, "net-price");
  /* DpLine's class stays alive (static type); the pspecs with it. */
  g_type_class_unref (line_class);
}

static void
dp_dossier_init (DpDossier *self)
{
  for (guint i = 0; i < DP_N_PARTS; i++)
    {
      self->lines[i] = dp_seq_model_new (DP_TYPE_LINE, record_get_line, record_free);
      self->previous_lines[i] = g_list_store_new (DP_TYPE_LINE);
      self->previous_index[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
}

DpDossier *
dp_dossier_new (DpCampaign *campaign,
                DpFacility *facility)
{
  g_return_val_if_fail (DP_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (DP_IS_FACILITY (facility), NULL);

  return g_object_new (DP_TYPE_DOSSIER,
                       "campaign", campaign,
                       "facility", facility,
                       NULL);
}

DpCampaign *
dp_dossier_get_campaign (DpDossier *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER (self), NULL);
  return self->campaign;
}

DpFacility *
dp_dossier_get_facility (DpDossier *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER (self), NULL);
  return self->facility;
}

DpStatus
dp_dossier_get_status (DpDossier *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER (self), DP_STATUS_DRAFT);
  return self->status;
}

GDateTime *
dp_dossier_get_submitted_at (DpDossier *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER (self), NULL);
  return self->submitted_at;
}

const char *
dp_dossier_get_reference (DpDossier *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER (self), NULL);
  return self->reference;
}

gboolean
dp_dossier_get_read_only (DpDossier *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER (self), TRUE);
  return self->status == DP_STATUS_SUBMITTED;
}

guint
dp_dossier_get_total_capacity (DpDossier *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER (self), 0);
  return self->total_capacity;
}

guint
dp_dossier_get_n_errors (DpDossier *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER (self), 0);
  return self->checks != NULL ? _dp_checks_get_n_errors (self->checks) : 0;
}

guint
dp_dossier_get_n_warnings (DpDossier *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER (self), 0);
  return self->checks != NULL ? _dp_checks_get_n_warnings (self->checks) : 0;
}

static void
freeze_part (DpDossier *self,
             DpPart     part)
{
  GSequence *seq = part_sequence (self, part);

  for (GSequenceIter *iter = g_sequence_get_begin_iter (seq);
       !g_sequence_iter_is_end (iter);
       iter = g_sequence_iter_next (iter))
    _dp_line_set_frozen (((DpLineRecord *) g_sequence_get (iter))->line, TRUE);
}

void
dp_dossier_mark_submitted (DpDossier  *self,
                           GDateTime  *submitted_at,
                           const char *reference)
{
  g_return_if_fail (DP_IS_DOSSIER (self));
  g_return_if_fail (!dp_dossier_get_read_only (self));

  self->status = DP_STATUS_SUBMITTED;
  self->submitted_at = submitted_at != NULL ? g_date_time_ref (submitted_at)
                                            : g_date_time_new_now_utc ();
  self->reference = g_strdup (reference);

  for (guint i = 0; i < DP_N_PARTS; i++)
    freeze_part (self, i);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBMITTED_AT]);
  if (self->reference != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFERENCE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
  g_object_thaw_notify (G_OBJECT (self));
}

GListModel *
dp_dossier_get_lines (DpDossier *self,
                      DpPart     part)
{
  g_return_val_if_fail (DP_IS_DOSSIER (self), NULL);
  g_return_val_if_fail (part < DP_N_PARTS, NULL);

  return G_LIST_MODEL (self->lines[part]);
}

guint
dp_dossier_get_n_lines (DpDossier *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER (self), 0);

  return g_sequence_get_length (part_sequence (self, DP_PART_1))
         + g_sequence_get_length (part_sequence (self, DP_PART_2));
}

/* Order labels: each record of a Luik carries a number that increases along the Luik, so
 * that the findings (sorted by line) compare two lines in O(1) instead of asking both
 * positions of the sequence. A new line takes a label between its neighbours'; appended
 * lines step by ORDER_STEP. When two neighbours have no number left between them, the
 * labels of a window around the spot are spread evenly again, the window doubling until
 * it has room to spare (so repeated insertions at one spot relabel rarely, and locally). */
#define ORDER_STEP     ((guint64) 1 << 32)
#define ORDER_MIN_GAP  ((guint64) 1 << 10)

static guint64
record_order (GSequenceIter *iter,
              guint64        fallback)
{
  if (iter == NULL || g_sequence_iter_is_end (iter))
    return fallback;
  return ((DpLineRecord *) g_sequence_get (iter))->order;
}

static void
relabel_around (GSequence     *seq,
                GSequenceIter *iter)
{
  GSequenceIter *first = iter;    /* the window is first .. last, inclusive */
  GSequenceIter *last = iter;
  guint64 count = 1;

  for (guint64 want = 2; ; want *= 2)
    {
      guint64 low;
      guint64 high;

      /* Widen by up to @want on either side. */
      for (guint64 i = 0; i < want && !g_sequence_iter_is_begin (first); i++, count++)
        first = g_sequence_iter_prev (first);
      for (guint64 i = 0; i < want && !g_sequence_iter_is_end (g_sequence_iter_next (last));
           i++, count++)
        last = g_sequence_iter_next (last);

      low = g_sequence_iter_is_begin (first)
            ? 0 : record_order (g_sequence_iter_prev (first), 0);
      high = record_order (g_sequence_iter_next (last), G_MAXUINT64);

      if ((high - low) / (count + 1) >= ORDER_MIN_GAP
          || (g_sequence_iter_is_begin (first)
              && g_sequence_iter_is_end (g_sequence_iter_next (last))))
        {
          guint64 gap = (high - low) / (count + 1);
          guint64 label = low;

          for (GSequenceIter *it = first; ; it = g_sequence_iter_next (it))
            {
              label += gap;
              ((DpLineRecord *) g_sequence_get (it))->order = label;
              if (it == last)
                break;
            }
          return;
        }
    }
}

static void
assign_order (GSequence     *seq,
              DpLineRecord  *rec)
{
  guint64 low = g_sequence_iter_is_begin (rec->iter)
                ? 0 : record_order (g_sequence_iter_prev (rec->iter), 0);
  guint64 high = record_order (g_sequence_iter_next (rec->iter), G_MAXUINT64);

  if (high == G_MAXUINT64 && G_MAXUINT64 - low > 2 * ORDER_STEP)
    rec->order = low + ORDER_STEP;
  else if (high - low >= 2)
    rec->order = low + (high - low) / 2;
  else
    relabel_around (seq, rec->iter);
}

/* Puts @line (a new reference is taken) at @position of @part. */
static void
insert_line_internal (DpDossier *self,
                      DpPart     part,
                      guint      position,
                      DpLine    *line)
{
  GSequence *seq = part_sequence (self, part);
  DpLineRecord *rec = g_new0 (DpLineRecord, 1);

  rec->dossier = self;
  rec->line = g_object_ref (line);
  rec->part = part;
  rec->kind_key = dp_line_dup_kind_key (line);
  rec->iter = g_sequence_insert_before (g_sequence_get_iter_at_pos (seq, position), rec);
  assign_order (seq, rec);
  _dp_line_set_dossier_record (line, rec);

  apply_derived (self, rec);
  rec->notify_id = g_signal_connect (line, "notify", G_CALLBACK (line_notify_cb), rec);

  rec->counted_capacity = dp_line_get_capacity (line);
  self->total_capacity += rec->counted_capacity;

  g_list_model_items_changed (G_LIST_MODEL (self->lines[part]), position, 0, 1);

  _dp_checks_line_changed (self->checks, rec);
  _dp_checks_dossier_changed (self->checks);
}

static void
remove_line_internal (DpDossier *self,
                      DpPart     part,
                      guint      position)
{
  GSequenceIter *iter = g_sequence_get_iter_at_pos (part_sequence (self, part), position);
  DpLineRecord *rec = g_sequence_get (iter);

  _dp_checks_line_removing (self->checks, rec);

  self->total_capacity -= rec->counted_capacity;
  rec->counted_capacity = 0;

  /* Frees the record; the line lives on if someone else holds it. */
  g_sequence_remove (iter);

  g_list_model_items_changed (G_LIST_MODEL (self->lines[part]), position, 1, 0);

  _dp_checks_dossier_changed (self->checks);
}

void
dp_dossier_append_line (DpDossier *self,
                        DpPart     part,
                        DpLine    *line)
{
  g_return_if_fail (DP_IS_DOSSIER (self));
  g_return_if_fail (part < DP_N_PARTS);

  dp_dossier_insert_line (self, part, g_sequence_get_length (part_sequence (self, part)), line);
}

void
dp_dossier_insert_line (DpDossier *self,
                        DpPart     part,
                        guint      position,
                        DpLine    *line)
{
  g_return_if_fail (DP_IS_DOSSIER (self));
  g_return_if_fail (!dp_dossier_get_read_only (self));
  g_return_if_fail (part < DP_N_PARTS);
  g_return_if_fail (DP_IS_LINE (line));
  g_return_if_fail (_dp_line_get_dossier_record (line) == NULL);
  g_return_if_fail (!_dp_line_get_frozen (line));
  g_return_if_fail (position <= (guint) g_sequence_get_length (part_sequence (self, part)));

  begin_change (self);
  insert_line_internal (self, part, position, line);
  end_change (self);
}

void
dp_dossier_remove_line (DpDossier *self,
                        DpPart     part,
                        guint      position)
{
  g_return_if_fail (DP_IS_DOSSIER (self));
  g_return_if_fail (!dp_dossier_get_read_only (self));
  g_return_if_fail (part < DP_N_PARTS);
  g_return_if_fail (position < (guint) g_sequence_get_length (part_sequence (self, part)));

  begin_change (self);
  remove_line_internal (self, part, position);
  end_change (self);
}

void
dp_dossier_move_line (DpDossier *self,
                      DpPart     from,
                      guint      position)
{
  g_autoptr(DpLine) line = NULL;
  GSequenceIter *iter;
  DpPart to;

  g_return_if_fail (DP_IS_DOSSIER (self));
  g_return_if_fail (!dp_dossier_get_read_only (self));
  g_return_if_fail (from < DP_N_PARTS);
  g_return_if_fail (position < (guint) g_sequence_get_length (part_sequence (self, from)));

  to = from == DP_PART_1 ? DP_PART_2 : DP_PART_1;
  iter = g_sequence_get_iter_at_pos (part_sequence (self, from), position);
  line = g_object_ref (((DpLineRecord *) g_sequence_get (iter))->line);

  /* Out of one Luik and into the other within one change: total-capacity, which does
   * not change, is not notified. */
  begin_change (self);
  remove_line_internal (self, from, position);
  insert_line_internal (self, to, g_sequence_get_length (part_sequence (self, to)), line);
  end_change (self);
}

gboolean
dp_dossier_find_line (DpDossier *self,
                      DpLine    *line,
                      DpPart    *out_part,
                      guint     *out_position)
{
  DpLineRecord *rec;

  g_return_val_if_fail (DP_IS_DOSSIER (self), FALSE);
  g_return_val_if_fail (DP_IS_LINE (line), FALSE);

  rec = _dp_line_get_dossier_record (line);
  if (rec == NULL || rec->dossier != self)
    return FALSE;

  if (out_part != NULL)
    *out_part = rec->part;
  if (out_position != NULL)
    *out_position = g_sequence_iter_get_position (rec->iter);
  return TRUE;
}

GListModel *
dp_dossier_get_previous_lines (DpDossier *self,
                               DpPart     part)
{
  g_return_val_if_fail (DP_IS_DOSSIER (self), NULL);
  g_return_val_if_fail (part < DP_N_PARTS, NULL);

  return G_LIST_MODEL (self->previous_lines[part]);
}

static void
refresh_previous_prices (DpDossier *self)
{
  for (guint part = 0; part < DP_N_PARTS; part++)
    {
      GSequence *seq = part_sequence (self, part);

      for (GSequenceIter *iter = g_sequence_get_begin_iter (seq);
           !g_sequence_iter_is_end (iter);
           iter = g_sequence_iter_next (iter))
        {
          DpLineRecord *rec = g_sequence_get (iter);
          gint64 before = dp_line_get_previous_price (rec->line);

          apply_derived (self, rec);
          if (dp_line_get_previous_price (rec->line) != before)
            _dp_checks_line_changed (self->checks, rec);
        }
    }
}

void
dp_dossier_set_previous_lines (DpDossier  *self,
                               DpPart      part,
                               GListModel *lines)
{
  g_autoptr(GPtrArray) items = NULL;
  GHashTable *index;
  guint n;

  g_return_if_fail (DP_IS_DOSSIER (self));
  g_return_if_fail (!dp_dossier_get_read_only (self));
  g_return_if_fail (part < DP_N_PARTS);
  g_return_if_fail (lines == NULL || G_IS_LIST_MODEL (lines));
  g_return_if_fail (lines == NULL
                    || g_type_is_a (g_list_model_get_item_type (lines), DP_TYPE_LINE));

  n = lines != NULL ? g_list_model_get_n_items (lines) : 0;
  index = self->previous_index[part];

  begin_change (self);

  /* Our own store holding the same line objects: the caller's model may change later
   * without telling us. Collected first, as @lines may be that very store. */
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (lines, i));

  g_hash_table_remove_all (index);
  g_list_store_remove_all (self->previous_lines[part]);
  for (guint i = 0; i < n; i++)
    {
      DpLine *line = g_ptr_array_index (items, i);
      char *key = dp_line_dup_kind_key (line);

      g_list_store_append (self->previous_lines[part], line);
      /* The first line of a kind is the match; later duplicates do not replace it. */
      if (!g_hash_table_contains (index, key))
        g_hash_table_insert (index, key, line);
      else
        g_free (key);
    }

  /* A bulk replacement: every line's previous price may change, O(n) once. */
  refresh_previous_prices (self);

  end_change (self);
}

GListModel *
dp_dossier_get_findings (DpDossier *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER (self), NULL);
  return _dp_checks_get_model (self->checks);
}

GPtrArray *
dp_dossier_check_submission (DpDossier   *self,
                             const GDate *today)
{
  GListModel *findings;
  GPtrArray *result;
  guint n;

  g_return_val_if_fail (DP_IS_DOSSIER (self), NULL);
  g_return_val_if_fail (today == NULL || g_date_valid (today), NULL);

  findings = _dp_checks_get_model (self->checks);
  n = g_list_model_get_n_items (findings);
  result = g_ptr_array_new_full (n + 1, g_object_unref);

  /* A dossier-wide error: first in the order of the findings. */
  if (today != NULL && !dp_campaign_is_open_on (self->campaign, today))
    g_ptr_array_add (result, _dp_checks_new_deadline_finding (self->checks, today));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (result, g_list_model_get_item (findings, i));

  return result;
}
