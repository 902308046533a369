/* test-cli.c: the built dagprijzen-cli, run as a subprocess on the files of tests/data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include <gio/gio.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
source_file (const char *relative)
{
  return g_build_filename (g_getenv ("DAGPRIJZEN_SOURCE_DIR"), relative, NULL);
}

/* Runs dagprijzen-cli with @args (NULL-terminated; "@name" stands for tests/data/name, "@@"
 * for the demo dossier) in English. */
static void
run_cli (Run *run,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command_line = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, g_build_filename (g_getenv ("DAGPRIJZEN_BUILD_DIR"), "src", "cli",
                                           "dagprijzen-cli", NULL));
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    {
      if (g_str_equal (arg, "@@"))
        g_ptr_array_add (argv, source_file ("data/demo-dossier.json"));
      else if (arg[0] == '@')
        g_ptr_array_add (argv, g_build_filename (g_getenv ("DAGPRIJZEN_SOURCE_DIR"), "tests",
                                                 "data", arg + 1, NULL));
      else
        g_ptr_array_add (argv, g_strdup (arg));
    }
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* The English source strings, whatever the machine's locale. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);

  command_line = g_strjoinv (" ", (char **) argv->pdata);
  g_test_message ("$ %s", command_line);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\n%s%s", run->status, run->out, run->err);
}

static gboolean
has_line (const char *text,
          const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strv_contains ((const char * const *) lines, line);
}

static gboolean
has_line_starting (const char *text,
                   const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return TRUE;
  return FALSE;
}

static void
test_check_good (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *file = source_file ("tests/data/valid-good.json");
  g_autofree char *summary = g_strdup_printf ("%s: 0 errors, 0 warnings", file);

  run_cli (&run, "check", "@valid-good.json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (has_line (run.out, summary));
  g_assert_cmpuint (strlen (run.out), ==, strlen (summary) + 1);
}

static void
test_check_warnings (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "check", "@valid-warnings.json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (has_line_starting (run.out, "warning capaciteit-onder-erkend -: "));
  g_assert_true (has_line_starting (run.out, "warning dubbele-lijn luik1[0].beschrijving: "));
  g_assert_true (has_line_starting (run.out,
                                    "warning prijswijziging-groot luik1[1].prijs_cent: "));
  g_assert_true (has_line_starting (run.out,
                                    "warning prijs-onwaarschijnlijk luik2[2].brutoprijs_cent: "));
  g_assert_false (has_line_starting (run.out, "error "));
  g_assert_true (g_str_has_suffix (run.out, ": 0 errors, 5 warnings\n"));

  run_clear (&run);
  run_cli (&run, "check", "@@", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (has_line_starting (run.out, "warning capaciteit-onder-erkend -: "));
}

static void
test_check_errors (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "check", "@valid-errors.json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (has_line_starting (run.out, "error capaciteit-boven-erkend -: "));
  g_assert_true (has_line_starting (run.out, "error capaciteit-ongeldig luik1[1].capaciteit: "));
  g_assert_true (has_line_starting (run.out, "error prijs-ontbreekt luik1[1].prijs_cent: "));
  g_assert_true (has_line_starting (run.out,
                                    "error tweepersoonskamer-oneven luik1[2].capaciteit: "));
  g_assert_true (has_line_starting (run.out,
                                    "error nettoprijs-niet-positief luik2[0].brutoprijs_cent: "));
  g_assert_true (g_str_has_suffix (run.out, ": 5 errors, 3 warnings\n"));
  /* Errors first. */
  g_assert_true (g_str_has_prefix (run.out, "error "));

  run_clear (&run);
  run_cli (&run, "check", "@valid-empty.json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (has_line_starting (run.out, "error geen-lijnen "));
}

static void
test_check_deadline (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "check", "--today=2025-05-31", "@valid-good.json", NULL);
  g_assert_cmpint (run.status, ==, 0);

  run_clear (&run);
  run_cli (&run, "check", "--today", "2025-06-01", "@valid-good.json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (has_line_starting (run.out, "error indientermijn-verstreken "));

  run_clear (&run);
  run_cli (&run, "check", "--today=1 juni", "@valid-good.json", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--today: expected a date as YYYY-MM-DD"));
}

static void
test_check_broken (void)
{
  struct {
    const char *file;
    const char *message;
  } broken[] = {
    { "@invalid-capaciteit-text.json",
      "invalid-capaciteit-text.json: luik2[3].capaciteit: expected a whole number, "
      "found \"six\"\n" },
    { "@invalid-newer-version.json",
      "invalid-newer-version.json: versie: version 2 of the format is newer than this "
      "program reads (version 1): update Dagprijzen\n" },
    { "@invalid-submitted-null-price.json",
      "invalid-submitted-null-price.json: luik2[1].brutoprijs_cent: expected an amount in "
      "cents from 0 to 99999999999, found null\n" },
    { "@broken-truncated.json", NULL },
    { "@broken-empty.json", "broken-empty.json: document: empty\n" },
    { "@does-not-exist.json", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    for (guint command = 0; command < 2; command++)
      {
        g_auto(Run) run = { 0 };

        run_cli (&run, command == 0 ? "check" : "show", broken[i].file, NULL);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_true (g_str_has_prefix (run.err, "/"));
        if (broken[i].message != NULL)
          g_assert_true (g_str_has_suffix (run.err, broken[i].message));
        else
          g_assert_nonnull (strstr (run.err, ".json: "));
      }
}

static void
test_usage (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Usage:"));

  run_clear (&run);
  run_cli (&run, "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "unknown command “frobnicate”"));

  run_clear (&run);
  run_cli (&run, "check", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "expected one FILE"));

  run_clear (&run);
  run_cli (&run, "show", "@valid-good.json", "@valid-good.json", NULL);
  g_assert_cmpint (run.status, ==, 2);

  run_clear (&run);
  run_cli (&run, "check", "--frob", "@valid-good.json", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--frob"));
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (has_line_starting (run.out, "  check   Check a dossier file"));
  g_assert_true (has_line_starting (run.out, "  show    Show a dossier file"));
  g_assert_true (has_line_starting (run.out, "  submit  Check, save and submit dossier files"));

  run_clear (&run);
  run_cli (&run, "check", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (has_line (run.out, "  dagprijzen-cli check [OPTION…] FILE"));
  g_assert_nonnull (strstr (run.out, "--today=YYYY-MM-DD"));
  g_assert_nonnull (strstr (run.out, "Exit status: 0 without errors"));

  run_clear (&run);
  run_cli (&run, "show", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (has_line (run.out, "  dagprijzen-cli show [OPTION…] FILE"));

  run_clear (&run);
  run_cli (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "dagprijzen-cli "));
}

/* The rows of the table under @title: up to the next empty line. */
static GPtrArray *
table_rows (const char *text,
            const char *title)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  guint i = 0;

  while (lines[i] != NULL && !g_str_equal (lines[i], title))
    i++;
  g_assert_nonnull (lines[i]);
  for (i++; lines[i] != NULL && *lines[i] != '\0'; i++)
    g_ptr_array_add (rows, g_strdup (lines[i]));
  return rows;
}

static void
test_show (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GPtrArray) part1 = NULL;
  g_autoptr(GPtrArray) part2 = NULL;

  run_cli (&run, "show", "@@", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "WZC De Linde (PE-1234)\nMeting dagprijzen 2025\n"));
  g_assert_true (has_line (run.out, "  Measurement date:                   1 May 2025"));
  g_assert_true (has_line (run.out, "  Deadline:                           31 May 2025"));
  g_assert_true (has_line (run.out, "  Status:                             Draft"));
  g_assert_true (has_line (run.out, "Total capacity: 118 of 120 recognised units"));

  part1 = table_rows (run.out, "Part 1");
  g_assert_cmpuint (part1->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (part1, 0), ==,
                   "  Room type    Description                  Capacity  Price per resident"
                   "  Last year");
  g_assert_cmpstr (g_ptr_array_index (part1, 1), ==,
                   "  Single room  Standaardkamer                     60               72.50"
                   "      71.00");

  /* Luik 2: gross and net (45,00 − 6,29 = 38,71: the handleiding's example). */
  part2 = table_rows (run.out, "Part 2");
  g_assert_cmpuint (part2->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (part2, 0), ==,
                   "  Room type    Description            Capacity  Gross price  Net price"
                   "  Last year");
  g_assert_cmpstr (g_ptr_array_index (part2, 2), ==,
                   "  Double room  —                             6        45.00      38.71"
                   "      44.00");

  g_assert_true (has_line (run.out, "Findings"));
  g_assert_true (has_line_starting (run.out, "  warning capaciteit-onder-erkend -: "));
  g_assert_true (has_line_starting (run.out,
                                    "  warning prijswijziging-groot luik1[1].prijs_cent: "));
}

/* Column widths count characters, not bytes: with "é" and "—" in a description, every row
 * of the table (right-aligned to its last column) is exactly as wide as the header. */
static void
test_show_utf8 (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GPtrArray) part2 = NULL;

  run_cli (&run, "show", "@valid-submitted.json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (has_line (run.out, "  Status:                             Submitted"));
  g_assert_true (has_line (run.out, "  Submitted on:                       20 May 2025, 10:15"));
  g_assert_true (has_line (run.out, "  Reference:                          MDP-2025-PE-1234-0001"));
  g_assert_true (has_line (run.out, "  No errors or warnings."));

  part2 = table_rows (run.out, "Part 2");
  g_assert_cmpuint (part2->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (part2, 1), "Nieuwbouw — éénpersoonskamer"));
  for (guint i = 1; i < part2->len; i++)
    {
      g_assert_cmpint (g_utf8_strlen (g_ptr_array_index (part2, i), -1), ==,
                       g_utf8_strlen (g_ptr_array_index (part2, 0), -1));
      /* and the bytes differ, so the test would see a strlen() mistake */
      if (i == 1)
        g_assert_cmpuint (strlen (g_ptr_array_index (part2, i)), >,
                          strlen (g_ptr_array_index (part2, 0)));
    }
}

static void
test_show_empty (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "show", "@valid-empty.json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "WZC Zonnewende — Sint-Jozef (PE-5678)\n"));
  g_assert_true (has_line (run.out, "  (no lines)"));
  g_assert_true (has_line (run.out, "Total capacity: 0 of 84 recognised units"));
  g_assert_true (has_line_starting (run.out, "  error geen-lijnen -: "));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/check/good", test_check_good);
  g_test_add_func ("/cli/check/warnings", test_check_warnings);
  g_test_add_func ("/cli/check/errors", test_check_errors);
  g_test_add_func ("/cli/check/deadline", test_check_deadline);
  g_test_add_func ("/cli/broken", test_check_broken);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/show/demo", test_show);
  g_test_add_func ("/cli/show/utf8", test_show_utf8);
  g_test_add_func ("/cli/show/empty", test_show_empty);

  return g_test_run ();
}
