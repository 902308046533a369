/* main.c: dagprijzen, the desktop application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>

#include "dp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DpApplication) app = NULL;

  setlocale (LC_ALL, "");
  dp_core_init_i18n ();
  textdomain (GETTEXT_PACKAGE);

  app = dp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
