/* dagprijzen-cli.c: the dispatcher: "dagprijzen-cli COMMAND [OPTION…] ARGS".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>

#include "dp-cli.h"

/* One line per subcommand (see dp-cli.h). */
static const DpCliCommand * const commands[] = {
  &dp_cli_check_command,
  &dp_cli_show_command,
  &dp_cli_submit_command,
  NULL
};

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));
  gsize width = 0;

  for (guint i = 0; commands[i] != NULL; i++)
    width = MAX (width, strlen (commands[i]->name));

  for (guint i = 0; commands[i] != NULL; i++)
    {
      /* The first line of the summary only: the rest is for the subcommand's --help. */
      g_auto(GStrv) lines = g_strsplit (_(commands[i]->summary), "\n", 2);

      g_string_append_printf (text, "\n  %-*s  %s", (int) width, commands[i]->name, lines[0]);
    }
  g_string_append (text, "\n\n");
  g_string_append (text, _("“dagprijzen-cli COMMAND --help” tells more about each command."));
  return g_string_free (text, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  dp_core_init_i18n ();
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [OPTION…] [ARGUMENT…]"));
  g_option_context_set_summary (context,
                                _("Check, show and submit meting dagprijzen dossier files."));
  description = describe_commands ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Stop at the command: what follows it is the subcommand's to parse. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("dagprijzen-cli: %s\n", error->message);
      return DP_CLI_EXIT_INVALID;
    }

  if (version)
    {
      g_print ("dagprijzen-cli %s\n", PACKAGE_VERSION);
      return DP_CLI_EXIT_OK;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return DP_CLI_EXIT_INVALID;
    }

  for (guint i = 0; commands[i] != NULL; i++)
    if (g_str_equal (argv[1], commands[i]->name))
      return commands[i]->run (argc - 1, argv + 1);

  g_printerr (_("dagprijzen-cli: unknown command “%s”; see “dagprijzen-cli --help”\n"),
              argv[1]);
  return DP_CLI_EXIT_INVALID;
}
