/* test-openapi.c: data/openapi.yaml describes exactly the routes the server registers.
 *
 * The description is read line by line: under the top-level "paths:", a path is a key
 * indented two spaces and starting with '/', an operation a method name indented four.
 * That is the layout of the file; a change of layout that hides a route fails the test
 * (it would find fewer routes), it cannot pass one silently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dp-server.h"
#include "server-fixture.h"

static const char * const methods[] = {
  "get", "put", "post", "delete", "patch", "head", "options", "trace", NULL
};

static GPtrArray *
routes_in_description (const char *text)
{
  GPtrArray *routes = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *path = NULL;
  gboolean in_paths = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] != ' ' && line[0] != '\0' && line[0] != '#')
        {
          in_paths = g_str_equal (line, "paths:");
          continue;
        }
      if (!in_paths)
        continue;

      if (g_str_has_prefix (line, "  /") && g_str_has_suffix (line, ":"))
        {
          g_free (path);
          path = g_strndup (line + 2, strlen (line) - 3);
          continue;
        }
      if (g_str_has_prefix (line, "    ") && line[4] != ' ' && path != NULL)
        {
          for (guint m = 0; methods[m] != NULL; m++)
            {
              g_autofree char *key = g_strconcat (methods[m], ":", NULL);

              if (g_str_has_prefix (line + 4, key))
                {
                  g_autofree char *upper = g_ascii_strup (methods[m], -1);

                  g_ptr_array_add (routes, g_strdup_printf ("%s %s", upper, path));
                }
            }
        }
    }

  return routes;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_routes_match (void)
{
  g_autofree char *file = g_build_filename (g_getenv ("DAGPRIJZEN_SOURCE_DIR"), "data",
                                            "openapi.yaml", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) described = NULL;
  g_autoptr(GPtrArray) served = g_ptr_array_new ();
  g_auto(GStrv) registered = dp_server_list_routes ();
  g_autoptr(GString) missing = g_string_new (NULL);

  g_file_get_contents (file, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "openapi: 3."));

  described = routes_in_description (text);
  for (guint i = 0; registered[i] != NULL; i++)
    g_ptr_array_add (served, registered[i]);

  g_ptr_array_sort (described, compare_strings);
  g_ptr_array_sort (served, compare_strings);

  for (guint i = 0; i < served->len; i++)
    if (!g_ptr_array_find_with_equal_func (described, served->pdata[i], g_str_equal, NULL))
      g_string_append_printf (missing, "served but not described: %s\n",
                              (char *) served->pdata[i]);
  for (guint i = 0; i < described->len; i++)
    if (!g_ptr_array_find_with_equal_func (served, described->pdata[i], g_str_equal, NULL))
      g_string_append_printf (missing, "described but not served: %s\n",
                              (char *) described->pdata[i]);
  if (missing->len > 0)
    g_error ("data/openapi.yaml and the server disagree:\n%s", missing->str);

  g_assert_cmpuint (described->len, ==, served->len);
  g_assert_cmpuint (served->len, >=, 6);
}

/* The program lists the same routes as the library it is built from. */
static void
test_list_routes_option (void)
{
  g_autofree char *binary = dp_test_build_path ("src", "server", "dagprijzen-server", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) registered = dp_server_list_routes ();
  g_autofree char *joined = g_strjoinv ("\n", registered);
  g_autofree char *expected = g_strconcat (joined, "\n", NULL);
  const char *argv[] = { binary, "--list-routes", NULL };
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/openapi/routes-match", test_routes_match);
  g_test_add_func ("/openapi/list-routes-option", test_list_routes_option);

  return g_test_run ();
}
