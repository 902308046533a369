/* dp-cli-common.c: option parsing, loading, findings and tables for the subcommands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dp-cli.h"

gboolean
dp_cli_parse_options (const DpCliCommand  *command,
                      const GOptionEntry  *entries,
                      int                 *argc,
                      char              ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("dagprijzen-cli %s", command->name);

  /* GOptionContext's "Usage:" line names the program by its prgname. */
  g_set_prgname (prgname);

  context = g_option_context_new (command->parameter_string);
  g_option_context_set_summary (context, _(command->summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s: %s\n", prgname, error->message);
      g_printerr (_("Try “%s --help” for more information."), prgname);
      g_printerr ("\n");
      return FALSE;
    }

  return TRUE;
}

DpDossier *
dp_cli_load_dossier (const char *filename)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (filename);
  g_autoptr(GError) error = NULL;
  DpDossier *dossier;

  dossier = dp_format_load_file (file, NULL, &error);
  if (dossier == NULL)
    g_printerr ("%s: %s\n", filename, error->message);

  return dossier;
}

DpDossier *
dp_cli_parse_and_load (const DpCliCommand  *command,
                       const GOptionEntry  *entries,
                       int                 *argc,
                       char              ***argv)
{
  if (!dp_cli_parse_options (command, entries, argc, argv))
    return NULL;

  if (*argc != 2)
    {
      g_printerr (_("%s: expected one FILE; see “%s --help”\n"), g_get_prgname (),
                  g_get_prgname ());
      return NULL;
    }

  return dp_cli_load_dossier ((*argv)[1]);
}

char *
dp_cli_format_finding (DpFinding *finding,
                       DpDossier *dossier)
{
  const char *label = dp_severity_to_label (dp_finding_get_severity (finding));
  g_autofree char *severity = g_utf8_strdown (label, -1);
  g_autofree char *path = dp_finding_dup_path (finding, dossier);

  return g_strdup_printf ("%s %s %s: %s", severity, dp_finding_get_code (finding),
                          (path != NULL && *path != '\0') ? path : "-",
                          dp_finding_get_message (finding));
}

struct _DpCliTable
{
  guint      n_columns;
  gboolean  *right;
  GPtrArray *rows;   /* of char** (GStrv) */
};

DpCliTable *
dp_cli_table_new (guint n_columns)
{
  DpCliTable *table = g_new0 (DpCliTable, 1);

  table->n_columns = n_columns;
  table->right = g_new0 (gboolean, n_columns);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return table;
}

void
dp_cli_table_align_right (DpCliTable *table,
                          guint       column)
{
  g_return_if_fail (column < table->n_columns);
  table->right[column] = TRUE;
}

void
dp_cli_table_add_row (DpCliTable         *table,
                      const char * const *cells)
{
  char **row = g_new0 (char *, table->n_columns + 1);

  for (guint i = 0; i < table->n_columns; i++)
    row[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (table->rows, row);
}

void
dp_cli_table_print (DpCliTable *table,
                    guint       indent)
{
  g_autofree glong *widths = g_new0 (glong, table->n_columns);
  g_autoptr(GString) line = g_string_new (NULL);

  /* Characters, not bytes: "éénpersoonskamer" is 16 wide, not 18. */
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      g_string_truncate (line, 0);
      for (guint i = 0; i < indent; i++)
        g_string_append_c (line, ' ');

      for (guint c = 0; c < table->n_columns; c++)
        {
          glong pad = widths[c] - g_utf8_strlen (row[c], -1);

          if (c > 0)
            g_string_append (line, "  ");
          if (table->right[c])
            for (glong i = 0; i < pad; i++)
              g_string_append_c (line, ' ');
          g_string_append (line, row[c]);
          if (!table->right[c] && c + 1 < table->n_columns)
            for (glong i = 0; i < pad; i++)
              g_string_append_c (line, ' ');
        }

      /* No trailing blanks when the last column is empty or short. */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}

void
dp_cli_table_free (DpCliTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->rows);
  g_free (table->right);
  g_free (table);
}
