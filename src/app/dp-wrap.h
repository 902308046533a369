/* dp-wrap.h: cheaper wrapping for the rows' long texts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes every wrapping label in @widget (itself included) wrap between words only. */
void dp_wrap_labels_between_words (GtkWidget *widget);

G_END_DECLS
