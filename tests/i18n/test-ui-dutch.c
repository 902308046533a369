/* test-ui-dutch.c: the main window, built in this process under a Dutch locale, reads Dutch:
 * the handleiding's words on its labels, buttons and menus, and Dutch amounts and dates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>

#include "dp-application.h"
#include "dp-start-window.h"
#include "dp-window.h"

static gboolean have_locale;
static char *system_data_dirs;

static void
collect_menu (GMenuModel *model,
              GString    *text)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;
      const char *name;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_string_append_printf (text, "%s\n", label);

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_get_next (links, &name, &link))
        {
          collect_menu (link, text);
          g_object_unref (link);
        }
    }
}

/* Everything the user can read in @widget and below: labels, entries, tooltips, menus. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_EDITABLE (widget) && !GTK_IS_TEXT (widget))
    g_string_append_printf (text, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  else if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    collect_menu (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), text);

  if (tooltip != NULL)
    g_string_append_printf (text, "%s\n", tooltip);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/* Each of @dutch is in @text and none of @english, whether a term starts a title or stands
 * inside a sentence. */
static void
assert_dutch (const char  *text,
              const char **dutch,
              const char **english)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; dutch[i] != NULL; i++)
    {
      g_autofree char *word = g_utf8_casefold (dutch[i], -1);

      if (strstr (folded, word) == NULL)
        g_error ("“%s” is not in the Dutch window", dutch[i]);
    }
  for (guint i = 0; english[i] != NULL; i++)
    {
      g_autofree char *word = g_utf8_casefold (english[i], -1);

      if (strstr (folded, word) != NULL)
        g_error ("English “%s” in the Dutch window", english[i]);
    }
}

/* The window's text without mnemonic underscores, which are not what the user reads. */
static char *
window_text (GtkWidget *window)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  char *plain;

  collect_text (window, text);
  parts = g_strsplit (text->str, "_", -1);
  plain = g_strjoinv ("", parts);
  g_test_message ("The window's text:\n%s", plain);
  return plain;
}

/* FALSE when the test is skipped for want of the locale. */
static gboolean
begin_dutch_test (void)
{
  if (!have_locale)
    {
      g_test_skip ("the nl_BE.UTF-8 locale is not installed (tools/install-deps makes it)");
      return FALSE;
    }

  /* The isolated system data directories lack the MIME database, without which GdkPixbuf
   * cannot tell that an icon is an SVG. They are read-only: share the real ones; the user's
   * directories stay isolated. */
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  return TRUE;
}

/* Drafts under the test's own data directory. */
static DpDraftStore *
isolated_draft_store (void)
{
  g_autoptr(GFile) drafts = g_file_new_build_filename (g_get_user_data_dir (), "dagprijzen",
                                                       "drafts", NULL);

  return dp_draft_store_new (drafts);
}

/* One application for the whole program: its object path can be exported only once. */
static DpApplication *
shared_application (void)
{
  static DpApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = dp_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }
  return app;
}

static gboolean
quit_loop (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets GTK map, allocate and draw the window, so that list rows and cells exist. */
static void
run_main_loop (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, quit_loop, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_window_dutch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DpApplication) app = NULL;
  g_autoptr(DpDraftStore) store = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autofree char *plain = NULL;
  DpWindow *window;
  const char *dutch[] = { "Luik 1", "Luik 2", "Indienen", "Bewaren", "Meetdatum",
                          "Erkende capaciteit", "1 mei 2025", "Hulp nodig?", "Bevindingen",
                          "éénpersoonskamer", "tweepersoonskamer", NULL };
  const char *english[] = { "Part 1", "Part 2", "Submit", "Save", "Measurement date",
                             "Recognised capacity", "Need Help", "Findings", "Single room",
                             "Double room", " May ", NULL };

  if (!begin_dutch_test ())
    return;

  app = g_object_ref (shared_application ());

  store = isolated_draft_store ();
  dossier = dp_application_load_demo (&error);
  g_assert_no_error (error);

  window = dp_window_new (GTK_APPLICATION (app), store, dossier);
  gtk_window_present (GTK_WINDOW (window));
  run_main_loop (1500);

  plain = window_text (GTK_WIDGET (window));
  assert_dutch (plain, dutch, english);

  /* Dutch amounts: 45,00 gross minus the 6,29 discount gives 38,71 net (demo, Luik 2). */
  g_assert_nonnull (strstr (plain, "45,00"));
  g_assert_nonnull (strstr (plain, "38,71"));
  g_assert_null (strstr (plain, "38.71"));

  gtk_window_destroy (GTK_WINDOW (window));
  run_main_loop (50);
}

static void
test_login_dutch (void)
{
  g_autoptr(DpApplication) app = NULL;
  g_autoptr(DpEloketClient) client = NULL;
  g_autoptr(DpDraftStore) store = NULL;
  g_autoptr(DpTokenStore) tokens = NULL;
  g_autofree char *plain = NULL;
  DpStartWindow *window;
  const char *dutch[] = { "Inloggen in het e-loket", "Gebruikersnaam", "Adres van de dienst",
                          "Inloggen", "Offline werken", NULL };
  const char *english[] = { "Log In", "User Name", "Service Address", "Work Offline", NULL };

  if (!begin_dutch_test ())
    return;

  app = g_object_ref (shared_application ());

  /* Nothing listens there: the login page is shown before any request is made. */
  client = dp_eloket_client_new ("http://127.0.0.1:9/");
  store = isolated_draft_store ();
  tokens = dp_token_store_new ("session");

  window = dp_start_window_new (GTK_APPLICATION (app), client, store, tokens);
  gtk_window_present (GTK_WINDOW (window));
  run_main_loop (1000);

  g_assert_cmpstr (dp_start_window_get_page (window), ==, "login");
  plain = window_text (GTK_WIDGET (window));
  assert_dutch (plain, dutch, english);

  gtk_window_destroy (GTK_WINDOW (window));
  run_main_loop (50);
}

int
main (int   argc,
      char *argv[])
{
  /* A Dutch desktop: LANGUAGE picks the catalogue, LC_ALL the numbers and month names. */
  g_setenv ("LC_ALL", "nl_BE.UTF-8", TRUE);
  g_setenv ("LANG", "nl_BE.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "nl", TRUE);
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS") ? g_getenv ("XDG_DATA_DIRS")
                                                           : "/usr/local/share/:/usr/share/");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  have_locale = setlocale (LC_ALL, "") != NULL;
  dp_core_init_i18n ();
  textdomain (GETTEXT_PACKAGE);

  gtk_init ();
  adw_init ();

  g_test_add_func ("/i18n/ui/window-dutch", test_window_dutch);
  g_test_add_func ("/i18n/ui/login-dutch", test_login_dutch);

  return g_test_run ();
}
