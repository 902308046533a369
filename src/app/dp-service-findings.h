/* dp-service-findings.h: the findings the e-loket sent with a refused submission, put on
 * the cells they name.
 *
 * The service names a place by path ("luik2[0].brutoprijs_cent"); here the path becomes the
 * line it names in the dossier shown, so that the refusal says "Part 2, line 1: price" and
 * the keyboard goes to that cell. Its checks are the same code as the local ones, but run
 * on the department's facility and campaign: when those changed (a corrected discount, a
 * recognised capacity), the service finds what this computer could not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dp-part-view.h"

G_BEGIN_DECLS

/* New findings (DpFinding) bound to the lines of @dossier that the paths of @findings name;
 * a path naming no line (or a line no longer there) gives a finding of the dossier as a
 * whole. */
GPtrArray *dp_service_findings_bind      (DpDossier  *dossier,
                                          GPtrArray  *findings);
/* One line per finding, "• Part 2, line 1: price — MESSAGE", for the refusal dialog. */
char      *dp_service_findings_describe  (DpDossier  *dossier,
                                          GPtrArray  *bound);
/* Marks the price cells that @bound names (error style and the message as tooltip, until
 * the price changes or the cell shows another line) and puts the focus in the cell of the
 * first error on a line. FALSE when no finding names a line. */
gboolean   dp_service_findings_show      (DpPartView *part1_view,
                                          DpPartView *part2_view,
                                          GPtrArray  *bound);

/* The column of a table that shows @field (the room type for the line as a whole). */
DpColumn   dp_column_for_field           (DpField     field);

G_END_DECLS
