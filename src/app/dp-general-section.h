/* dp-general-section.h: "Algemeen" and the measurement date: the facility, the reminder to
 * register contact persons, the ten points of attention, help, date, deadline and status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dagprijzen-core.h"

G_BEGIN_DECLS

#define DP_TYPE_GENERAL_SECTION (dp_general_section_get_type ())

G_DECLARE_FINAL_TYPE (DpGeneralSection, dp_general_section, DP, GENERAL_SECTION, GtkWidget)

/* Property "dossier" (DpDossier*). */
DpDossier  *dp_general_section_get_dossier      (DpGeneralSection *self);
void        dp_general_section_set_dossier      (DpGeneralSection *self,
                                                 DpDossier        *dossier);
/* What the status row says: "Draft", or the submission time and reference. */
const char *dp_general_section_get_status_text  (DpGeneralSection *self);
/* Puts the keyboard on the status row. */
void        dp_general_section_focus_status     (DpGeneralSection *self);
/* The measurement date as shown, e.g. "1 May 2025". */
const char *dp_general_section_get_date_text    (DpGeneralSection *self);

/* Opens the points of attention. */
void        dp_general_section_show_instructions (DpGeneralSection *self);
/* The text of point @index (0 to 9) of the points of attention, or NULL while they have not
 * been opened yet (they are made on first opening). */
const char *dp_general_section_get_point_text   (DpGeneralSection *self,
                                                 guint             index);

/* "12 May 2025, 14:03": a submission time for people, in local time. */
char       *dp_format_date_time                 (GDateTime        *date_time);

G_END_DECLS
