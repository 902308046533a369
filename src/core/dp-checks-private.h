/* dp-checks-private.h: the checks engine and the dossier's record of a line.
 *
 * Private to the core: the dossier owns one DpChecks and tells it of every change; the
 * checks keep the findings model current incrementally (see dp-checks.c for the plan).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dp-dossier.h"
#include "dp-finding.h"

G_BEGIN_DECLS

/* The checks on one line, in the order they are listed within a line (fields in the
 * order of the form). */
typedef enum {
  DP_LINE_CHECK_CAPACITEIT_ONGELDIG,
  DP_LINE_CHECK_TWEEPERSOONSKAMER_ONEVEN,
  DP_LINE_CHECK_PRIJS_ONTBREEKT,
  DP_LINE_CHECK_PRIJS_ONGELDIG,
  DP_LINE_CHECK_NETTOPRIJS_NIET_POSITIEF,
  DP_LINE_CHECK_DUBBELE_LIJN,
  DP_LINE_CHECK_PRIJS_PER_KAMER_VERMOEDEN,
  DP_LINE_CHECK_PRIJS_ONWAARSCHIJNLIJK,
  DP_LINE_CHECK_PRIJSWIJZIGING_GROOT,
  DP_N_LINE_CHECKS
} DpLineCheck;

typedef enum {
  DP_DOSSIER_CHECK_GEEN_LIJNEN,
  DP_DOSSIER_CHECK_CAPACITEIT_BOVEN_ERKEND,
  DP_DOSSIER_CHECK_CAPACITEIT_ONDER_ERKEND,
  DP_N_DOSSIER_CHECKS
} DpDossierCheck;

typedef struct _DpChecks       DpChecks;
typedef struct _DpFindingEntry DpFindingEntry;
typedef struct _DpKindGroup    DpKindGroup;

/* What the dossier keeps per line (also reachable from the line itself, see
 * dp-line-private.h), so that nothing about one line needs a scan of the others. */
typedef struct _DpLineRecord
{
  DpDossier      *dossier;
  DpLine         *line;              /* owned */
  GSequenceIter  *iter;              /* in the dossier's sequence of the Luik */
  guint64         order;             /* increases along the Luik: compares in O(1) */
  char           *kind_key;          /* dp_line_dup_kind_key(), refreshed on change */
  gulong          notify_id;
  guint           counted_capacity;  /* what total-capacity holds for this line */
  DpPart          part;

  /* Owned by the checks. */
  DpKindGroup    *kind_group;        /* the lines of this Luik with the same kind */
  GList          *kind_link;
  GSequenceIter  *single_iter;       /* in the single room prices, or NULL */
  GSequenceIter  *double_iter;       /* in the double room lines by price, or NULL */
  gint64          single_price;
  gint64          double_price;
  gboolean        leaving;           /* being removed: counts nowhere any more */
  DpFindingEntry *findings[DP_N_LINE_CHECKS];
} DpLineRecord;

DpChecks    *_dp_checks_new            (DpDossier     *dossier);
void         _dp_checks_free           (DpChecks      *checks);
GListModel  *_dp_checks_get_model      (DpChecks      *checks);
guint        _dp_checks_get_n_errors   (DpChecks      *checks);
guint        _dp_checks_get_n_warnings (DpChecks      *checks);

/* After the record is in its Luik's sequence, and after any change of the line. */
void         _dp_checks_line_changed   (DpChecks      *checks,
                                        DpLineRecord  *record);
/* Before the record leaves its Luik's sequence: drops its findings and its weight in
 * the cross-line checks. */
void         _dp_checks_line_removing  (DpChecks      *checks,
                                        DpLineRecord  *record);
/* After the number of lines or the total capacity changed. */
void         _dp_checks_dossier_changed (DpChecks     *checks);

/* indientermijn-verstreken for a submission on @today (past the deadline). */
DpFinding   *_dp_checks_new_deadline_finding (DpChecks    *checks,
                                              const GDate *today);

G_END_DECLS
