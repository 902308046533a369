/* dp-checks.c: the checks of DESIGN.md, kept current incrementally.
 *
 * The plan, so that an edit of one line costs O(log n) whatever the number of lines:
 *
 *  - Per-line checks (capacity, price, net price, unlikely price, price change) depend on
 *    the line alone (and the campaign's discount and last year's price, which the dossier
 *    keeps on the line), so only the edited line is re-evaluated.
 *  - dubbele-lijn: per Luik a hash of kind key → the group of lines of that kind. A line
 *    joining or leaving a group re-evaluates itself and, when the group grows to two or
 *    shrinks to one, the one other member.
 *  - prijs-per-kamer-vermoeden: the single room prices (entered price, both Luiken) sit in
 *    a sorted GSequence, so the median is found in O(log n); the double room lines sit in
 *    a GSequence sorted by price. When the median moves, only the double room lines whose
 *    price lies between the old and the new threshold change verdict, and only those are
 *    re-evaluated. The median of an even count is the lower of the two middle prices: it
 *    is always a price somebody entered, and needs no division.
 *  - Dossier-wide checks (geen-lijnen, capaciteit-boven/onder-erkend) read the counts the
 *    dossier keeps in O(1).
 *  - The findings model is a GSequence of entries sorted by (severity, dossier-wide /
 *    Luik 1 / Luik 2, line order, check). Line order is the record's order label (see
 *    dp-dossier.c), which grows along the Luik and never needs rewriting when other lines
 *    come or go, so inserting or removing a line does not reorder or rewrite the other
 *    findings. Each change emits items-changed for exactly the finding that appeared,
 *    vanished or got a new message.
 *
 * A finding's message carries the figures of its own line only (not the median, not the
 * number of duplicates), so that a change elsewhere never forces rewriting the messages
 * of unchanged verdicts.
 *
 * No floating point: "at least 1,6 times" is 10 × price ≥ 16 × median, "more than 10 %"
 * is 10 × |price − previous| > previous.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dp-checks-private.h"
#include "dp-money.h"
#include "dp-seq-model.h"

#define PRICE_VALID_MAX      ((gint64) 100000)  /* 1 000,00 */
#define PRICE_LIKELY_MIN     ((gint64) 3000)    /*    30,00 */
#define PRICE_LIKELY_MAX     ((gint64) 25000)   /*   250,00 */

struct _DpFindingEntry
{
  DpFinding     *finding;
  DpLineRecord  *rec;      /* NULL for a dossier-wide finding */
  GSequenceIter *iter;
  guint          ordinal;  /* DpLineCheck or DpDossierCheck: the order within a group */
  DpSeverity     severity;
};

struct _DpKindGroup
{
  char   *key;
  GQueue  members;         /* DpLineRecord */
};

struct _DpChecks
{
  DpDossier      *dossier;            /* owns us */
  DpSeqModel     *model;              /* of DpFindingEntry */
  GHashTable     *kinds[DP_N_PARTS];  /* kind key → DpKindGroup */
  GSequence      *single_prices;      /* DpLineRecord by single_price */
  GSequence      *double_lines;       /* DpLineRecord by double_price */
  gint64          median;             /* DP_CENTS_NONE without single room prices */
  guint           n_errors;
  guint           n_warnings;
  DpFindingEntry *wide[DP_N_DOSSIER_CHECKS];
};

/* The severity of each code is DESIGN.md's, kept once: dp_check_code_severity(). */
static const struct {
  const char *code;
  DpField     field;
} line_checks[DP_N_LINE_CHECKS] = {
  [DP_LINE_CHECK_CAPACITEIT_ONGELDIG] = { DP_CHECK_CAPACITEIT_ONGELDIG, DP_FIELD_CAPACITY },
  [DP_LINE_CHECK_TWEEPERSOONSKAMER_ONEVEN] =
    { DP_CHECK_TWEEPERSOONSKAMER_ONEVEN, DP_FIELD_CAPACITY },
  [DP_LINE_CHECK_PRIJS_ONTBREEKT] = { DP_CHECK_PRIJS_ONTBREEKT, DP_FIELD_PRICE },
  [DP_LINE_CHECK_PRIJS_ONGELDIG] = { DP_CHECK_PRIJS_ONGELDIG, DP_FIELD_PRICE },
  [DP_LINE_CHECK_NETTOPRIJS_NIET_POSITIEF] = { DP_CHECK_NETTOPRIJS_NIET_POSITIEF, DP_FIELD_PRICE },
  [DP_LINE_CHECK_DUBBELE_LIJN] = { DP_CHECK_DUBBELE_LIJN, DP_FIELD_DESCRIPTION },
  [DP_LINE_CHECK_PRIJS_PER_KAMER_VERMOEDEN] =
    { DP_CHECK_PRIJS_PER_KAMER_VERMOEDEN, DP_FIELD_PRICE },
  [DP_LINE_CHECK_PRIJS_ONWAARSCHIJNLIJK] = { DP_CHECK_PRIJS_ONWAARSCHIJNLIJK, DP_FIELD_PRICE },
  [DP_LINE_CHECK_PRIJSWIJZIGING_GROOT] = { DP_CHECK_PRIJSWIJZIGING_GROOT, DP_FIELD_PRICE },
};

static const char * const dossier_checks[DP_N_DOSSIER_CHECKS] = {
  [DP_DOSSIER_CHECK_GEEN_LIJNEN] = DP_CHECK_GEEN_LIJNEN,
  [DP_DOSSIER_CHECK_CAPACITEIT_BOVEN_ERKEND] = DP_CHECK_CAPACITEIT_BOVEN_ERKEND,
  [DP_DOSSIER_CHECK_CAPACITEIT_ONDER_ERKEND] = DP_CHECK_CAPACITEIT_ONDER_ERKEND,
};

/* The findings model */

static gpointer
entry_get_finding (gpointer data)
{
  return ((DpFindingEntry *) data)->finding;
}

static void
entry_free (gpointer data)
{
  DpFindingEntry *entry = data;

  g_clear_object (&entry->finding);
  g_free (entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const DpFindingEntry *ea = a;
  const DpFindingEntry *eb = b;
  int group_a;
  int group_b;

  if (ea->severity != eb->severity)
    return ea->severity < eb->severity ? -1 : 1;

  /* Dossier-wide first, then Luik 1, then Luik 2. */
  group_a = ea->rec != NULL ? 1 + (int) ea->rec->part : 0;
  group_b = eb->rec != NULL ? 1 + (int) eb->rec->part : 0;
  if (group_a != group_b)
    return group_a < group_b ? -1 : 1;

  /* Lines of one Luik compare by their order labels: O(1), no walk up the sequence. */
  if (ea->rec != eb->rec)
    return ea->rec->order < eb->rec->order ? -1 : 1;

  if (ea->ordinal != eb->ordinal)
    return ea->ordinal < eb->ordinal ? -1 : 1;
  return 0;
}

static void
count_entry (DpChecks       *checks,
             DpFindingEntry *entry,
             int             delta)
{
  if (entry->severity == DP_SEVERITY_ERROR)
    checks->n_errors += delta;
  else
    checks->n_warnings += delta;
}

/* Makes *@slot hold a finding with @message (taken), or none when @message is NULL,
 * emitting items-changed for that one finding only when something changed. */
static void
set_finding (DpChecks         *checks,
             DpFindingEntry  **slot,
             DpLineRecord     *rec,
             guint             ordinal,
             const char       *code,
             DpField           field,
             char             *message)
{
  GSequence *seq = dp_seq_model_get_sequence (checks->model);
  DpFindingEntry *entry = *slot;
  DpFinding *finding;
  DpSeverity severity = DP_SEVERITY_ERROR;
  guint position;

  if (message == NULL)
    {
      if (entry == NULL)
        return;

      *slot = NULL;
      position = g_sequence_iter_get_position (entry->iter);
      count_entry (checks, entry, -1);
      g_sequence_remove (entry->iter);
      g_list_model_items_changed (G_LIST_MODEL (checks->model), position, 1, 0);
      return;
    }

  if (entry != NULL && strcmp (dp_finding_get_message (entry->finding), message) == 0)
    {
      g_free (message);
      return;
    }

  if (!dp_check_code_severity (code, &severity))
    g_assert_not_reached ();
  finding = dp_finding_new (code, severity,
                            rec != NULL ? rec->part : DP_PART_1,
                            rec != NULL ? rec->line : NULL,
                            field, message);
  g_free (message);

  if (entry != NULL)
    {
      /* Same key, same place: a new message (findings themselves are immutable). */
      g_object_unref (entry->finding);
      entry->finding = finding;
      position = g_sequence_iter_get_position (entry->iter);
      g_list_model_items_changed (G_LIST_MODEL (checks->model), position, 1, 1);
      return;
    }

  entry = g_new0 (DpFindingEntry, 1);
  entry->finding = finding;
  entry->rec = rec;
  entry->ordinal = ordinal;
  entry->severity = severity;
  entry->iter = g_sequence_insert_sorted (seq, entry, compare_entries, NULL);
  *slot = entry;
  count_entry (checks, entry, +1);

  position = g_sequence_iter_get_position (entry->iter);
  g_list_model_items_changed (G_LIST_MODEL (checks->model), position, 0, 1);
}

static void
set_line_finding (DpChecks     *checks,
                  DpLineRecord *rec,
                  DpLineCheck   check,
                  char         *message)
{
  /* A line on its way out raises nothing new. */
  if (rec->leaving && message != NULL)
    {
      g_free (message);
      message = NULL;
    }

  set_finding (checks, &rec->findings[check], rec, check,
               line_checks[check].code, line_checks[check].field, message);
}

static void
set_dossier_finding (DpChecks       *checks,
                     DpDossierCheck  check,
                     char           *message)
{
  set_finding (checks, &checks->wide[check], NULL, check,
               dossier_checks[check], DP_FIELD_NONE, message);
}

/* Per-line checks */

static gboolean
price_is_valid (gint64 price)
{
  return price != DP_CENTS_NONE && price > 0 && price <= PRICE_VALID_MAX;
}

static void
evaluate_line (DpChecks     *checks,
               DpLineRecord *rec)
{
  DpLine *line = rec->line;
  guint capacity = dp_line_get_capacity (line);
  DpRoomType room_type = dp_line_get_room_type (line);
  gint64 price = dp_line_get_price (line);
  gint64 discount = dp_line_get_discount (line);
  gint64 previous = dp_line_get_previous_price (line);
  gboolean has_price = price != DP_CENTS_NONE;
  char *message;

  message = NULL;
  if (capacity < 1)
    message = g_strdup_printf (_("The capacity is %u: type the number of units, at least 1"),
                               capacity);
  set_line_finding (checks, rec, DP_LINE_CHECK_CAPACITEIT_ONGELDIG, message);

  message = NULL;
  if (room_type == DP_ROOM_TYPE_DOUBLE && capacity % 2 == 1)
    message = g_strdup_printf (_("The capacity %u is odd: a double room counts as two units, "
                                 "so type twice the number of double rooms"), capacity);
  set_line_finding (checks, rec, DP_LINE_CHECK_TWEEPERSOONSKAMER_ONEVEN, message);

  message = NULL;
  if (!has_price)
    message = g_strdup (rec->part == DP_PART_2
                        ? _("No gross price: type the price per resident before the discount")
                        : _("No price: type the price per resident"));
  set_line_finding (checks, rec, DP_LINE_CHECK_PRIJS_ONTBREEKT, message);

  message = NULL;
  if (has_price && !price_is_valid (price))
    {
      g_autofree char *amount = dp_money_format (price);
      g_autofree char *max = dp_money_format (PRICE_VALID_MAX);

      message = g_strdup_printf (_("The price %s is not valid: type an amount above 0 and "
                                   "at most %s euro"), amount, max);
    }
  set_line_finding (checks, rec, DP_LINE_CHECK_PRIJS_ONGELDIG, message);

  message = NULL;
  if (rec->part == DP_PART_2 && has_price && price <= discount)
    {
      g_autofree char *gross = dp_money_format (price);
      g_autofree char *korting = dp_money_format (discount);
      g_autofree char *net = dp_money_format (price - discount);

      message = g_strdup_printf (_("The gross price %s is not above the infrastructure "
                                   "allowance discount %s, so the net price %s is not "
                                   "positive: type the price before the discount"),
                                 gross, korting, net);
    }
  set_line_finding (checks, rec, DP_LINE_CHECK_NETTOPRIJS_NIET_POSITIEF, message);

  /* "Unlikely" presupposes a valid price: an invalid one already has its error. */
  message = NULL;
  if (price_is_valid (price) && (price < PRICE_LIKELY_MIN || price > PRICE_LIKELY_MAX))
    {
      g_autofree char *amount = dp_money_format (price);
      g_autofree char *min = dp_money_format (PRICE_LIKELY_MIN);
      g_autofree char *max = dp_money_format (PRICE_LIKELY_MAX);

      message = g_strdup_printf (_("The price %s is outside the usual %s to %s euro: check "
                                   "that it is the day price per resident"), amount, min, max);
    }
  set_line_finding (checks, rec, DP_LINE_CHECK_PRIJS_ONWAARSCHIJNLIJK, message);

  message = NULL;
  if (price_is_valid (price) && previous != DP_CENTS_NONE && previous > 0
      && previous <= DP_CENTS_MAX)
    {
      gint64 difference = price > previous ? price - previous : previous - price;

      if (difference * 10 > previous)
        {
          g_autofree char *amount = dp_money_format (price);
          g_autofree char *before = dp_money_format (previous);

          message = g_strdup_printf (_("The price %s differs more than 10 %% from last year’s "
                                       "%s for this room type and description: check it"),
                                     amount, before);
        }
    }
  set_line_finding (checks, rec, DP_LINE_CHECK_PRIJSWIJZIGING_GROOT, message);
}

/* dubbele-lijn */

static void
kind_group_free (gpointer data)
{
  DpKindGroup *group = data;

  g_free (group->key);
  g_queue_clear (&group->members);
  g_free (group);
}

static void
evaluate_duplicate (DpChecks     *checks,
                    DpLineRecord *rec)
{
  char *message = NULL;

  if (rec->kind_group != NULL && rec->kind_group->members.length >= 2)
    {
      g_autofree char *description = g_strstrip (g_strdup (dp_line_get_description (rec->line)));

      if (*description == '\0')
        message = g_strdup_printf (_("Another line of %s is also a %s without a description: "
                                     "tell the lines apart in their descriptions, or merge "
                                     "them"),
                                   dp_part_to_label (rec->part),
                                   dp_room_type_to_label (dp_line_get_room_type (rec->line)));
      else
        message = g_strdup_printf (_("Another line of %s is also a %s described “%s”: tell "
                                     "the lines apart in their descriptions, or merge them"),
                                   dp_part_to_label (rec->part),
                                   dp_room_type_to_label (dp_line_get_room_type (rec->line)),
                                   description);
    }

  set_line_finding (checks, rec, DP_LINE_CHECK_DUBBELE_LIJN, message);
}

static void
leave_kind (DpChecks     *checks,
            DpLineRecord *rec)
{
  DpKindGroup *group = rec->kind_group;

  if (group == NULL)
    return;

  g_queue_delete_link (&group->members, rec->kind_link);
  rec->kind_group = NULL;
  rec->kind_link = NULL;
  evaluate_duplicate (checks, rec);

  if (group->members.length == 1)
    evaluate_duplicate (checks, g_queue_peek_head (&group->members));
  else if (group->members.length == 0)
    g_hash_table_remove (checks->kinds[rec->part], group->key);
}

static void
update_kind (DpChecks     *checks,
             DpLineRecord *rec)
{
  DpKindGroup *group;

  if (rec->leaving)
    {
      leave_kind (checks, rec);
      return;
    }

  if (rec->kind_group == NULL || strcmp (rec->kind_group->key, rec->kind_key) != 0)
    {
      leave_kind (checks, rec);

      group = g_hash_table_lookup (checks->kinds[rec->part], rec->kind_key);
      if (group == NULL)
        {
          group = g_new0 (DpKindGroup, 1);
          group->key = g_strdup (rec->kind_key);
          g_queue_init (&group->members);
          g_hash_table_insert (checks->kinds[rec->part], group->key, group);
        }
      g_queue_push_tail (&group->members, rec);
      rec->kind_group = group;
      rec->kind_link = g_queue_peek_tail_link (&group->members);

      if (group->members.length == 2)
        evaluate_duplicate (checks, g_queue_peek_head (&group->members));
    }

  /* Also when the group stayed: the description's spelling may have changed. */
  evaluate_duplicate (checks, rec);
}

/* prijs-per-kamer-vermoeden */

static int
compare_single_prices (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const DpLineRecord *ra = a;
  const DpLineRecord *rb = b;

  return ra->single_price < rb->single_price ? -1 : ra->single_price > rb->single_price;
}

static int
compare_double_prices (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const DpLineRecord *ra = a;
  const DpLineRecord *rb = b;

  const DpLineRecord *probe = user_data;

  if (ra->double_price != rb->double_price)
    return ra->double_price < rb->double_price ? -1 : 1;
  /* A search probe (passed as @user_data) sorts before every real record of the same
   * price, so that g_sequence_search() lands on the first line at that price. */
  if (ra == probe)
    return rb == probe ? 0 : -1;
  if (rb == probe)
    return 1;
  return 0;
}

static gint64
compute_median (DpChecks *checks)
{
  gint n = g_sequence_get_length (checks->single_prices);
  DpLineRecord *middle;

  if (n == 0)
    return DP_CENTS_NONE;

  /* The lower middle for an even count (see the plan at the top). */
  middle = g_sequence_get (g_sequence_get_iter_at_pos (checks->single_prices, (n - 1) / 2));
  return middle->single_price;
}

/* The lowest price per resident that is at least 1,6 times @median: ⌈16 × median / 10⌉. */
static gint64
per_room_threshold (gint64 median)
{
  return (16 * median + 9) / 10;
}

static void
evaluate_per_room (DpChecks     *checks,
                   DpLineRecord *rec)
{
  char *message = NULL;

  if (rec->double_iter != NULL && checks->median != DP_CENTS_NONE
      && rec->double_price >= per_room_threshold (checks->median))
    {
      g_autofree char *amount = dp_money_format (rec->double_price);

      message = g_strdup_printf (_("The price %s of this double room is at least 1,6 times the "
                                   "median single room price: type the price per resident, "
                                   "not per room"), amount);
    }

  set_line_finding (checks, rec, DP_LINE_CHECK_PRIJS_PER_KAMER_VERMOEDEN, message);
}

/* The median moved from @old to @new: re-evaluates only the double room lines whose
 * verdict can differ, those priced from the lower threshold up to the higher one. */
static void
median_moved (DpChecks *checks,
              gint64    old,
              gint64    new)
{
  gint64 from;
  gint64 until;    /* exclusive; G_MAXINT64 for "to the end" */
  DpLineRecord probe = { 0 };
  GSequenceIter *iter;

  if (old == new)
    return;

  if (old == DP_CENTS_NONE || new == DP_CENTS_NONE)
    {
      from = per_room_threshold (old == DP_CENTS_NONE ? new : old);
      until = G_MAXINT64;
    }
  else
    {
      from = per_room_threshold (MIN (old, new));
      until = per_room_threshold (MAX (old, new));
    }

  probe.double_price = from;
  iter = g_sequence_search (checks->double_lines, &probe, compare_double_prices, &probe);

  while (!g_sequence_iter_is_end (iter))
    {
      DpLineRecord *rec = g_sequence_get (iter);

      if (rec->double_price >= until)
        break;
      iter = g_sequence_iter_next (iter);
      evaluate_per_room (checks, rec);
    }
}

static void
update_prices (DpChecks     *checks,
               DpLineRecord *rec)
{
  gint64 price = dp_line_get_price (rec->line);
  DpRoomType room_type = dp_line_get_room_type (rec->line);
  gboolean counts = !rec->leaving && price != DP_CENTS_NONE && price > 0 && price <= DP_CENTS_MAX;
  gboolean single = counts && room_type == DP_ROOM_TYPE_SINGLE;
  gboolean twin = counts && room_type == DP_ROOM_TYPE_DOUBLE;
  gint64 old_median = checks->median;

  if (rec->single_iter != NULL && (!single || rec->single_price != price))
    {
      g_sequence_remove (rec->single_iter);
      rec->single_iter = NULL;
    }
  if (single && rec->single_iter == NULL)
    {
      rec->single_price = price;
      rec->single_iter = g_sequence_insert_sorted (checks->single_prices, rec,
                                                   compare_single_prices, NULL);
    }

  if (rec->double_iter != NULL && (!twin || rec->double_price != price))
    {
      g_sequence_remove (rec->double_iter);
      rec->double_iter = NULL;
    }
  if (twin && rec->double_iter == NULL)
    {
      rec->double_price = price;
      rec->double_iter = g_sequence_insert_sorted (checks->double_lines, rec,
                                                   compare_double_prices, NULL);
    }

  checks->median = compute_median (checks);
  median_moved (checks, old_median, checks->median);

  evaluate_per_room (checks, rec);
}

/* Dossier-wide checks */

static void
evaluate_dossier (DpChecks *checks)
{
  DpDossier *dossier = checks->dossier;
  guint total = dp_dossier_get_total_capacity (dossier);
  guint recognised = dp_facility_get_recognised_capacity (dp_dossier_get_facility (dossier));
  char *message;

  message = NULL;
  if (dp_dossier_get_n_lines (dossier) == 0)
    message = g_strdup (_("Neither part has a line: add a line for each room type and price"));
  set_dossier_finding (checks, DP_DOSSIER_CHECK_GEEN_LIJNEN, message);

  message = NULL;
  if (total > recognised)
    message = g_strdup_printf (_("The total capacity %u is above the recognised capacity %u: "
                                 "report only the units of the care centre, a double room "
                                 "counting as two"), total, recognised);
  set_dossier_finding (checks, DP_DOSSIER_CHECK_CAPACITEIT_BOVEN_ERKEND, message);

  message = NULL;
  if (total < recognised)
    message = g_strdup_printf (_("The total capacity %u is below the recognised capacity %u: "
                                 "units not occupied on the measurement date also get a "
                                 "line"), total, recognised);
  set_dossier_finding (checks, DP_DOSSIER_CHECK_CAPACITEIT_ONDER_ERKEND, message);
}

/* The engine's entry points */

DpChecks *
_dp_checks_new (DpDossier *dossier)
{
  DpChecks *checks = g_new0 (DpChecks, 1);

  checks->dossier = dossier;
  checks->model = dp_seq_model_new (DP_TYPE_FINDING, entry_get_finding, entry_free);
  for (guint i = 0; i < DP_N_PARTS; i++)
    checks->kinds[i] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, kind_group_free);
  /* Records are owned by the dossier: these sequences only point at them. */
  checks->single_prices = g_sequence_new (NULL);
  checks->double_lines = g_sequence_new (NULL);
  checks->median = DP_CENTS_NONE;

  return checks;
}

void
_dp_checks_free (DpChecks *checks)
{
  /* The model may outlive the dossier in someone's hands: it is emptied (silently, the
   * dossier is going away) so that it points at nothing freed. */
  dp_seq_model_clear_silently (checks->model);
  g_clear_object (&checks->model);

  for (guint i = 0; i < DP_N_PARTS; i++)
    g_clear_pointer (&checks->kinds[i], g_hash_table_unref);
  g_clear_pointer (&checks->single_prices, g_sequence_free);
  g_clear_pointer (&checks->double_lines, g_sequence_free);

  g_free (checks);
}

GListModel *
_dp_checks_get_model (DpChecks *checks)
{
  return G_LIST_MODEL (checks->model);
}

guint
_dp_checks_get_n_errors (DpChecks *checks)
{
  return checks->n_errors;
}

guint
_dp_checks_get_n_warnings (DpChecks *checks)
{
  return checks->n_warnings;
}

void
_dp_checks_line_changed (DpChecks     *checks,
                         DpLineRecord *rec)
{
  update_kind (checks, rec);
  update_prices (checks, rec);
  evaluate_line (checks, rec);
}

void
_dp_checks_line_removing (DpChecks     *checks,
                          DpLineRecord *rec)
{
  rec->leaving = TRUE;

  update_kind (checks, rec);
  update_prices (checks, rec);

  /* Everything else the line raised goes with it. */
  for (guint i = 0; i < DP_N_LINE_CHECKS; i++)
    set_line_finding (checks, rec, i, NULL);

  rec->leaving = FALSE;
}

void
_dp_checks_dossier_changed (DpChecks *checks)
{
  evaluate_dossier (checks);
}

DpFinding *
_dp_checks_new_deadline_finding (DpChecks    *checks,
                                 const GDate *today)
{
  DpCampaign *campaign = dp_dossier_get_campaign (checks->dossier);
  g_autofree char *deadline = dp_date_format_long (dp_campaign_get_deadline (campaign));
  g_autofree char *date = dp_date_format_long (today);
  g_autofree char *message = NULL;

  message = g_strdup_printf (_("The submission period ended on %s (today is %s): the "
                               "dossier can no longer be submitted"), deadline, date);

  return dp_finding_new (DP_CHECK_INDIENTERMIJN_VERSTREKEN, DP_SEVERITY_ERROR, DP_PART_1,
                         NULL, DP_FIELD_NONE, message);
}
