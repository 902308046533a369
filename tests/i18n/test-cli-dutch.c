/* test-cli-dutch.c: dagprijzen-cli speaks Dutch under a Dutch locale, in the handleiding's
 * words, with Dutch amounts and dates, straight from the build tree.
 *
 * Usage (from meson): test-cli-dutch CLI DOSSIER
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <locale.h>

static const char *cli_path;
static const char *dossier_path;
static gboolean have_locale;

/* Without the locale (tools/install-deps generates it) gettext falls back to English. */
#define SKIP_WITHOUT_LOCALE()                                                                \
  G_STMT_START {                                                                             \
    if (!have_locale)                                                                        \
      {                                                                                      \
        g_test_skip ("the nl_BE.UTF-8 locale is not installed (tools/install-deps makes it)"); \
        return;                                                                              \
      }                                                                                      \
  } G_STMT_END

/* Runs the CLI with a Dutch locale and returns what it printed on standard output. */
static char *
run_cli_dutch (const char *command,
               int        *out_status)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* LC_ALL wins over LANG and LC_*; LANGUAGE picks the catalogue, as on a Dutch desktop. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "nl_BE.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANG", "nl_BE.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "nl", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path, command, dossier_path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  *out_status = g_subprocess_get_exit_status (process);
  g_test_message ("dagprijzen-cli %s %s:\n%s%s", command, dossier_path, out, err);
  return out;
}

static void
assert_none_of (const char  *text,
                const char **english)
{
  for (guint i = 0; english[i] != NULL; i++)
    if (strstr (text, english[i]) != NULL)
      g_error ("English “%s” in the Dutch output:\n%s", english[i], text);
}

static void
test_show (void)
{
  int status;
  g_autofree char *out = NULL;
  const char *english[] = { "Part 1", "Part 2", "Room type", "Capacity", "Gross price",
                            "Net price", "Findings", "recognised", "Single room", "Double room",
                            "Measurement date", "Draft", "May", NULL };

  SKIP_WITHOUT_LOCALE ();
  out = run_cli_dutch ("show", &status);
  g_assert_cmpint (status, ==, 0);
  /* The handleiding's words. */
  g_assert_nonnull (strstr (out, "Luik 1"));
  g_assert_nonnull (strstr (out, "Luik 2"));
  g_assert_nonnull (strstr (out, "Meetdatum"));
  g_assert_nonnull (strstr (out, "Erkende capaciteit"));
  g_assert_nonnull (strstr (out, "Korting infrastructuurforfait"));
  g_assert_nonnull (strstr (out, "Brutoprijs"));
  g_assert_nonnull (strstr (out, "Nettoprijs"));
  g_assert_nonnull (strstr (out, "éénpersoonskamer"));
  g_assert_nonnull (strstr (out, "tweepersoonskamer"));
  g_assert_nonnull (strstr (out, "Ontwerp"));
  g_assert_nonnull (strstr (out, "Bevindingen"));
  /* Dutch amounts: 45,00 gross minus the 6,29 discount is 38,71 net; and Dutch dates. */
  g_assert_nonnull (strstr (out, "45,00"));
  g_assert_nonnull (strstr (out, "38,71"));
  g_assert_nonnull (strstr (out, "6,29"));
  g_assert_null (strstr (out, "38.71"));
  g_assert_nonnull (strstr (out, "1 mei 2025"));
  g_assert_nonnull (strstr (out, "31 mei 2025"));
  assert_none_of (out, english);
}

static void
test_check (void)
{
  int status;
  g_autofree char *out = NULL;
  const char *english[] = { "warning", "error", "capacity", "recognised", "units", NULL };

  SKIP_WITHOUT_LOCALE ();
  out = run_cli_dutch ("check", &status);
  /* The demo dossier has warnings but no errors. */
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "waarschuwing capaciteit-onder-erkend"));
  g_assert_nonnull (strstr (out, "erkende capaciteit"));
  g_assert_nonnull (strstr (out, "woongelegenheden"));
  g_assert_nonnull (strstr (out, "waarschuwingen"));
  assert_none_of (out, english);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc != 3)
    g_error ("usage: %s CLI DOSSIER", argv[0]);
  cli_path = argv[1];
  dossier_path = argv[2];

  have_locale = setlocale (LC_ALL, "nl_BE.UTF-8") != NULL;
  setlocale (LC_ALL, "C");

  g_test_add_func ("/i18n/cli/show", test_show);
  g_test_add_func ("/i18n/cli/check", test_check);

  return g_test_run ();
}
