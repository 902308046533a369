/* test-application.c: `dagprijzen FILE` opens the file; `dagprijzen --demo` the demo dossier.
 *
 * The application runs in process, as main() runs it, with the file on its command line;
 * a timer watches its window and quits it once the dossier shown is the one expected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "dp-application.h"
#include "dp-window.h"

/* The system's data directories, from before the test isolated the user's. */
static char *system_data_dirs;

typedef struct {
  GApplication *app;
  const char   *expected_facility;
  gboolean      seen;
  guint         ticks;
} Watch;

static gboolean
watch_tick (gpointer user_data)
{
  Watch *watch = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (watch->app));

  if (DP_IS_WINDOW (window) && dp_window_get_dossier (DP_WINDOW (window)) != NULL
      && g_strcmp0 (dp_facility_get_name (dp_dossier_get_facility (
                      dp_window_get_dossier (DP_WINDOW (window)))),
                    watch->expected_facility) == 0)
    {
      /* The shortcuts window is the window's to make (lazily); its accelerator the app's. */
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (
        GTK_APPLICATION (watch->app), "win.show-help-overlay");

      g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));
      watch->seen = TRUE;
    }

  /* Ten seconds at most; closing the window goes through its close-request, as Ctrl+Q. */
  if (watch->seen || ++watch->ticks > 1000)
    {
      g_action_group_activate_action (G_ACTION_GROUP (watch->app), "quit", NULL);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
run_app (char       **argv,
         const char  *expected_facility)
{
  g_autoptr(DpApplication) app = dp_application_new ();
  Watch watch = { G_APPLICATION (app), expected_facility, FALSE, 0 };
  int status;

  /* The isolated system data directories lack the MIME database, without which GdkPixbuf
   * cannot tell that an icon is an SVG; they are read-only, so the real ones are shared. The
   * user's directories, where drafts go, stay isolated. */
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);

  /* Not the session's instance, if one runs: this process's own. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_timeout_add (10, watch_tick, &watch);
  status = g_application_run (G_APPLICATION (app), (int) g_strv_length (argv), argv);
  g_assert_cmpint (status, ==, 0);

  return watch.seen;
}

static void
test_open_file (void)
{
  g_autoptr(DpCampaign) campaign = dp_campaign_new_for_year (2025);
  g_autoptr(DpFacility) facility = dp_facility_new ("PE-7777", "WZC Uit Een Bestand", 10);
  g_autoptr(DpDossier) dossier = dp_dossier_new (campaign, facility);
  g_autoptr(DpLine) line = dp_line_new (DP_ROOM_TYPE_SINGLE, "Kamer", 10, 6000);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "bestand.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *argv[] = { (char *) "dagprijzen", path, NULL };

  dp_dossier_append_line (dossier, DP_PART_1, line);
  g_assert_true (dp_format_save_file (dossier, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (run_app (argv, "WZC Uit Een Bestand"));
}

static void
test_demo (void)
{
  g_autoptr(DpDossier) demo = dp_application_load_demo (NULL);
  char *argv[] = { (char *) "dagprijzen", (char *) "--demo", NULL };

  g_assert_nonnull (demo);
  g_assert_true (run_app (argv, dp_facility_get_name (dp_dossier_get_facility (demo))));
}

int
main (int   argc,
      char *argv[])
{
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS") != NULL
                               ? g_getenv ("XDG_DATA_DIRS") : "/usr/local/share:/usr/share");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  dp_core_init_i18n ();

  g_test_add_func ("/application/open-file", test_open_file);
  g_test_add_func ("/application/demo", test_demo);

  return g_test_run ();
}
