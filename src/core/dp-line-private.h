/* dp-line-private.h: what the dossier keeps on a line; not part of the public API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dp-line.h"

G_BEGIN_DECLS

/* The dossier's record of this line (its position, counted capacity, findings), so that
 * finding a line's place is O(log n) instead of a scan. NULL while in no dossier; a line
 * is in at most one dossier at a time. */
gpointer  _dp_line_get_dossier_record  (DpLine   *self);
void      _dp_line_set_dossier_record  (DpLine   *self,
                                        gpointer  record);

/* A line of a submitted dossier is frozen: its setters refuse (g_return_if_fail). */
void      _dp_line_set_frozen          (DpLine   *self,
                                        gboolean  frozen);
gboolean  _dp_line_get_frozen          (DpLine   *self);

G_END_DECLS
