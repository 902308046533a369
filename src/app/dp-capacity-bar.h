/* dp-capacity-bar.h: "118 of 120 units": the total capacity against the recognised one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dagprijzen-core.h"

G_BEGIN_DECLS

#define DP_TYPE_CAPACITY_BAR (dp_capacity_bar_get_type ())

G_DECLARE_FINAL_TYPE (DpCapacityBar, dp_capacity_bar, DP, CAPACITY_BAR, GtkWidget)

/* Property "dossier" (DpDossier*). The bar follows the dossier's "total-capacity" live; it
 * carries the CSS class "error" above the recognised capacity, "warning" below it, and
 * "success" when the two are equal (R5). */
DpDossier  *dp_capacity_bar_get_dossier  (DpCapacityBar *self);
void        dp_capacity_bar_set_dossier  (DpCapacityBar *self,
                                          DpDossier     *dossier);
/* The counter's text, e.g. "118 of 120 units". */
const char *dp_capacity_bar_get_text     (DpCapacityBar *self);

G_END_DECLS
