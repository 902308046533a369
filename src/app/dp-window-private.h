/* dp-window-private.h: what the UI tests need to reach inside the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dp-autosave.h"
#include "dp-capacity-bar.h"
#include "dp-findings-list.h"
#include "dp-general-section.h"
#include "dp-part-view.h"
#include "dp-window.h"

G_BEGIN_DECLS

DpPartView       *dp_window_get_part_view        (DpWindow *self,
                                                  DpPart    part);
DpCapacityBar    *dp_window_get_capacity_bar     (DpWindow *self);
DpFindingsList   *dp_window_get_findings_list    (DpWindow *self);
DpGeneralSection *dp_window_get_general_section  (DpWindow *self);
DpAutosave       *dp_window_get_autosave         (DpWindow *self);
/* The text of the last toast shown, or NULL. */
const char       *dp_window_get_last_toast       (DpWindow *self);
/* The last toast itself while the overlay still has it, or NULL. */
AdwToast         *dp_window_get_last_toast_object (DpWindow *self);

G_END_DECLS
