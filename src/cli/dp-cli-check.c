/* dp-cli-check.c: "dagprijzen-cli check FILE": the checks' findings, one per line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dp-cli.h"

static int
run_check (int    argc,
           char **argv)
{
  g_autofree char *today_text = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *errors_text = NULL;
  g_autofree char *warnings_text = NULL;
  const GOptionEntry entries[] = {
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Also check the submission deadline, as on this day"), N_("YYYY-MM-DD") },
    { NULL }
  };
  guint n_errors = 0;
  guint n_warnings = 0;
  GDate today;

  dossier = dp_cli_parse_and_load (&dp_cli_check_command, entries, &argc, &argv);
  if (dossier == NULL)
    return DP_CLI_EXIT_INVALID;

  if (today_text != NULL && !dp_date_from_iso (today_text, &today))
    {
      g_printerr (_("%s: --today: expected a date as YYYY-MM-DD, found “%s”\n"),
                  g_get_prgname (), today_text);
      return DP_CLI_EXIT_INVALID;
    }
  findings = dp_dossier_check_submission (dossier, today_text != NULL ? &today : NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      DpFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *text = dp_cli_format_finding (finding, dossier);

      g_print ("%s\n", text);
      if (dp_finding_get_severity (finding) == DP_SEVERITY_ERROR)
        n_errors++;
      else
        n_warnings++;
    }

  errors_text = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
  warnings_text = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings),
                                   n_warnings);
  /* Translators: the summary after the findings: "FILE: 2 errors, 1 warning" */
  g_print (_("%s: %s, %s\n"), argv[1], errors_text, warnings_text);

  return n_errors > 0 ? DP_CLI_EXIT_FINDINGS : DP_CLI_EXIT_OK;
}

const DpCliCommand dp_cli_check_command = {
  "check",
  N_("FILE"),
  N_("Check a dossier file the way the e-loket will.\n\n"
     "Prints each finding as SEVERITY CODE PATH: MESSAGE, then a summary line.\n"
     "Exit status: 0 without errors (warnings allowed), 1 with errors, 2 when the file\n"
     "cannot be read or is not a version-1 dossier."),
  run_check,
};
