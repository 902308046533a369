/* dp-dossier.h: one meting dagprijzen: facility, campaign, Luik 1 and 2, status,
 * last year's lines, and the live findings of the checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dp-campaign.h"
#include "dp-facility.h"
#include "dp-line.h"
#include "dp-types.h"

G_BEGIN_DECLS

#define DP_TYPE_DOSSIER (dp_dossier_get_type ())

G_DECLARE_FINAL_TYPE (DpDossier, dp_dossier, DP, DOSSIER, GObject)

/* Properties (all G_PARAM_EXPLICIT_NOTIFY):
 *   "campaign"            DpCampaign*  construct-only
 *   "facility"            DpFacility*  construct-only
 *   "status"              DpStatus     read-write (see dp_dossier_mark_submitted())
 *   "submitted-at"        GDateTime*   read-only, NULL while a draft
 *   "reference"           char*        read-only, NULL while a draft
 *   "total-capacity"      guint        read-only: the sum of every line's capacity in both
 *                                      Luiken, kept current on each edit, insertion and
 *                                      removal in O(1) (no rescan of the lines)
 *   "n-errors"            guint        read-only, live count of error findings
 *   "n-warnings"          guint        read-only, live count of warning findings
 *   "read-only"           gboolean     read-only, TRUE once submitted
 *
 * The lines of a Luik are a GListModel of DpLine owned by the dossier: change them only
 * through the functions below (the dossier keeps each line's discount and previous price,
 * the totals and the findings current). A line's own setters may be called freely.
 *
 * Every mutating function refuses (g_return_if_fail) on a submitted dossier.
 */

DpDossier    *dp_dossier_new                  (DpCampaign  *campaign,
                                               DpFacility  *facility);

DpCampaign   *dp_dossier_get_campaign         (DpDossier   *self);
DpFacility   *dp_dossier_get_facility         (DpDossier   *self);
DpStatus      dp_dossier_get_status           (DpDossier   *self);
GDateTime    *dp_dossier_get_submitted_at     (DpDossier   *self);
const char   *dp_dossier_get_reference        (DpDossier   *self);
gboolean      dp_dossier_get_read_only        (DpDossier   *self);
guint         dp_dossier_get_total_capacity   (DpDossier   *self);
guint         dp_dossier_get_n_errors         (DpDossier   *self);
guint         dp_dossier_get_n_warnings       (DpDossier   *self);

/* Marks the dossier submitted (status, time, reference): from then on it is read-only. */
void          dp_dossier_mark_submitted       (DpDossier   *self,
                                               GDateTime   *submitted_at,
                                               const char  *reference);

/* The lines of Luik @part: a GListModel of DpLine, owned by the dossier. */
GListModel   *dp_dossier_get_lines            (DpDossier   *self,
                                               DpPart       part);
guint         dp_dossier_get_n_lines          (DpDossier   *self);  /* both Luiken */
void          dp_dossier_append_line          (DpDossier   *self,
                                               DpPart       part,
                                               DpLine      *line);
void          dp_dossier_insert_line          (DpDossier   *self,
                                               DpPart       part,
                                               guint        position,
                                               DpLine      *line);
void          dp_dossier_remove_line          (DpDossier   *self,
                                               DpPart       part,
                                               guint        position);
/* Moves the line at @position of @from to the end of the other Luik (the handleiding
 * asks this of a facility that gained the infrastructure allowance). The same DpLine
 * object moves; its discount follows the Luik. */
void          dp_dossier_move_line            (DpDossier   *self,
                                               DpPart       from,
                                               guint        position);
/* Where @line stands: TRUE and its Luik and position, or FALSE when not in the dossier. */
gboolean      dp_dossier_find_line            (DpDossier   *self,
                                               DpLine      *line,
                                               DpPart      *out_part,
                                               guint       *out_position);

/* Last year's submitted lines (vorig_jaar), per Luik; for prijswijziging-groot and the
 * change per line. Replacing them updates every line's previous price. */
GListModel   *dp_dossier_get_previous_lines   (DpDossier   *self,
                                               DpPart       part);
void          dp_dossier_set_previous_lines   (DpDossier   *self,
                                               DpPart       part,
                                               GListModel  *lines);

/* The live findings: a GListModel of DpFinding, errors first, then in the order of the
 * form (dossier-wide, Luik 1 by line, Luik 2 by line). Kept current as the dossier
 * changes; an edit of one line costs about the same whatever the number of lines. */
GListModel   *dp_dossier_get_findings         (DpDossier   *self);

/* The findings of the checks for a submission on @today: the live findings plus
 * indientermijn-verstreken when @today is past the deadline; with @today NULL, the live
 * findings alone (the deadline left to the service's clock). A new array of DpFinding. */
GPtrArray    *dp_dossier_check_submission     (DpDossier   *self,
                                               const GDate *today);

G_END_DECLS
