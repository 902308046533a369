/* dp-cli-submit.c: "dagprijzen-cli submit FILE... --service URL --user NAME".
 *
 * For groups that prepare many centres' files: one login (the TOTP code asked once, or read
 * from standard input when that is not a terminal, so that scripts can drive it), then per
 * file the local checks, the save of its lines over the service's draft and the submission,
 * each printing "FILE: REFERENCE" or "FILE: refused: ..." with the findings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "dp-cli.h"
#include "dp-eloket-client.h"

/* The CLI has nothing else to do while the client works: each call is run to its end on the
 * default main context. */
static void
on_done (GObject      *source_object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* One line of standard input, trimmed, or NULL at its end. */
static char *
read_code (const char *user)
{
  char buffer[256];

  if (isatty (STDIN_FILENO))
    {
      /* Translators: the prompt for the six digits of the authenticator app */
      g_printerr (_("Code of the authenticator app for %s: "), user);
      fflush (stderr);
    }

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;

  return g_strstrip (g_strdup (buffer));
}

/* The finding of @dossier's own checks with the code and path of @received, or NULL: the
 * service's findings carry the explanation of their code only, the same check here also
 * says the figures of the line. */
static DpFinding *
find_local (DpFinding *received,
            DpDossier *dossier)
{
  GListModel *live = dp_dossier_get_findings (dossier);
  g_autofree char *path = dp_finding_dup_path (received, dossier);

  for (guint i = 0; i < g_list_model_get_n_items (live); i++)
    {
      g_autoptr(DpFinding) local = g_list_model_get_item (live, i);
      g_autofree char *local_path = dp_finding_dup_path (local, dossier);

      if (g_str_equal (dp_finding_get_code (local), dp_finding_get_code (received)) &&
          g_str_equal (local_path, path))
        return g_steal_pointer (&local);
    }
  return NULL;
}

static void
print_findings (GPtrArray *findings,
                DpDossier *dossier)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      DpFinding *received = g_ptr_array_index (findings, i);
      g_autoptr(DpFinding) local = find_local (received, dossier);
      g_autofree char *text = dp_cli_format_finding (local ? local : received, dossier);

      g_print ("  %s\n", text);
    }
}

static void
print_refused (const char *filename,
               const char *reason)
{
  /* Translators: "FILE: refused: REASON", one line per file that was not submitted */
  g_print (_("%s: refused: %s\n"), filename, reason);
}

/* The service's draft for the file's facility and year, with the file's lines in place of
 * its own: the facility's recognised capacity, the campaign and last year's lines stay the
 * service's. */
static void
replace_lines (DpDossier *target,
               DpDossier *source)
{
  for (guint part = DP_PART_1; part < DP_N_PARTS; part++)
    {
      GListModel *lines = dp_dossier_get_lines (source, part);

      while (g_list_model_get_n_items (dp_dossier_get_lines (target, part)) > 0)
        dp_dossier_remove_line (target, part, 0);

      for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
        {
          g_autoptr(DpLine) line = g_list_model_get_item (lines, i);
          g_autoptr(DpLine) copy = dp_line_copy (line);

          dp_dossier_append_line (target, part, copy);
        }
    }
}

/* Checks, saves and submits one file. Returns the exit code it deserves. */
static int
submit_file (DpEloketClient *client,
             const char     *filename)
{
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(DpDossier) draft = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *new_etag = NULL;
  g_autofree char *key = NULL;
  g_autofree char *reference = NULL;
  DpFacility *facility;
  guint year;

  dossier = dp_cli_load_dossier (filename);
  if (dossier == NULL)
    return DP_CLI_EXIT_INVALID;

  facility = dp_dossier_get_facility (dossier);
  year = dp_campaign_get_year (dp_dossier_get_campaign (dossier));

  /* The same checks the service runs, here first: a dossier with errors is refused without
   * contacting the service. The deadline is the service's to judge, by its clock. */
  if (dp_dossier_get_n_errors (dossier) > 0)
    {
      guint n_errors = dp_dossier_get_n_errors (dossier);
      g_autofree char *reason =
        g_strdup_printf (ngettext ("the checks found %u error; nothing was sent",
                                   "the checks found %u errors; nothing was sent", n_errors),
                         n_errors);

      print_refused (filename, reason);
      findings = dp_dossier_check_submission (dossier, NULL);
      print_findings (findings, dossier);
      return DP_CLI_EXIT_FINDINGS;
    }

  dp_eloket_client_get_measurement_async (client, dp_facility_get_registration_number (facility),
                                          year, NULL, on_done, &result);
  draft = dp_eloket_client_get_measurement_finish (client, wait_for (&result), &etag, &error);
  g_clear_object (&result);
  if (draft == NULL)
    {
      print_refused (filename, error->message);
      return DP_CLI_EXIT_FINDINGS;
    }

  if (dp_dossier_get_read_only (draft))
    {
      g_autofree char *reason =
        g_strdup_printf (_("this measurement was submitted already, with reference %s"),
                         dp_dossier_get_reference (draft));

      print_refused (filename, reason);
      return DP_CLI_EXIT_FINDINGS;
    }

  replace_lines (draft, dossier);
  dp_eloket_client_save_measurement_async (client, draft, etag, NULL, on_done, &result);
  new_etag = dp_eloket_client_save_measurement_finish (client, wait_for (&result), &error);
  g_clear_object (&result);
  if (new_etag == NULL)
    {
      print_refused (filename, error->message);
      return DP_CLI_EXIT_FINDINGS;
    }

  /* One key per file, kept for every attempt the client makes at this submission. */
  key = g_uuid_string_random ();
  dp_eloket_client_submit_async (client, dp_facility_get_registration_number (facility), year,
                                 key, NULL, on_done, &result);
  reference = dp_eloket_client_submit_finish (client, wait_for (&result), NULL, &findings,
                                              &error);
  if (reference == NULL)
    {
      print_refused (filename, error->message);
      print_findings (findings, draft);
      return DP_CLI_EXIT_FINDINGS;
    }

  g_print ("%s: %s\n", filename, reference);
  /* The warnings the service noted: submitted, but worth a look. */
  print_findings (findings, draft);
  return DP_CLI_EXIT_OK;
}

static int
run_submit (int    argc,
            char **argv)
{
  g_autofree char *service = NULL;
  g_autofree char *user = NULL;
  g_autofree char *code = NULL;
  g_autofree char *token = NULL;
  g_autoptr(DpEloketClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "service", 0, 0, G_OPTION_ARG_STRING, &service,
      N_("The address of the e-loket service"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user,
      N_("The user name to log in with"), N_("NAME") },
    { NULL }
  };
  int status = DP_CLI_EXIT_OK;

  if (!dp_cli_parse_options (&dp_cli_submit_command, entries, &argc, &argv))
    return DP_CLI_EXIT_INVALID;

  if (argc < 2 || service == NULL || user == NULL)
    {
      g_printerr (_("%s: expected --service URL, --user NAME and at least one FILE; "
                    "see “%s --help”\n"), g_get_prgname (), g_get_prgname ());
      return DP_CLI_EXIT_INVALID;
    }

  code = read_code (user);
  if (code == NULL || *code == '\0')
    {
      g_printerr (_("%s: no code was given: type the six digits your authenticator app "
                    "shows\n"), g_get_prgname ());
      return DP_CLI_EXIT_INVALID;
    }

  client = dp_eloket_client_new (service);
  dp_eloket_client_login_async (client, user, code, NULL, on_done, &result);
  token = dp_eloket_client_login_finish (client, wait_for (&result), NULL, &error);
  if (token == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return DP_CLI_EXIT_INVALID;
    }

  /* Every file gets its turn, whatever happened to the ones before; the worst outcome
   * decides the exit status. */
  for (int i = 1; i < argc; i++)
    {
      int file_status = submit_file (client, argv[i]);

      status = MAX (status, file_status);
    }

  return status;
}

const DpCliCommand dp_cli_submit_command = {
  "submit",
  N_("FILE…"),
  N_("Check, save and submit dossier files to the e-loket.\n"
     "Prints FILE: REFERENCE for each one submitted, or FILE: refused: REASON with the\n"
     "findings. Asks for the code of the authenticator app once, or reads it from standard\n"
     "input when that is not a terminal.\n"
     "Exit status: 0 when every file was submitted, 1 when any was refused, 2 on a usage\n"
     "error, a failed login or a file that cannot be read."),
  run_submit,
};
