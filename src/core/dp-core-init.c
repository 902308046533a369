/* dp-core-init.c: translations of the core's messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "dp-core-init.h"

void
dp_core_init_i18n (void)
{
  const char *localedir = g_getenv ("DAGPRIJZEN_LOCALEDIR");

  /* From the build tree the tests point at build/po; installed, LOCALEDIR. */
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
