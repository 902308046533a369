/* dp-core-init.h: one call to set up translations of the core's messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Binds the gettext domain to LOCALEDIR (or $DAGPRIJZEN_LOCALEDIR, for running from the
 * build tree) with UTF-8 output. Each program calls it once after setlocale(). */
void dp_core_init_i18n (void);

G_END_DECLS
