/* dp-cli.h: what the subcommands of dagprijzen-cli share.
 *
 * Each subcommand is one file (dp-cli-check.c, dp-cli-show.c, ...) that defines one
 * DpCliCommand; dagprijzen-cli.c lists them. A new subcommand adds its file to
 * meson.build, its declaration below and one line to the table in dagprijzen-cli.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dagprijzen-core.h"

G_BEGIN_DECLS

/* The exit codes every subcommand keeps to. */
enum {
  DP_CLI_EXIT_OK = 0,        /* done; for check: no errors (warnings allowed) */
  DP_CLI_EXIT_FINDINGS = 1,  /* the dossier has errors (or a submission was refused) */
  DP_CLI_EXIT_INVALID = 2,   /* unreadable file, not a version-1 dossier, or bad usage */
};

typedef struct {
  const char *name;              /* "check" */
  const char *parameter_string;  /* "FILE", marked for gettext: --help shows it translated */
  const char *summary;           /* marked with N_, translated when shown */
  /* @argv[0] is the subcommand's name; returns the exit code. */
  int       (*run)              (int    argc,
                                 char **argv);
} DpCliCommand;

extern const DpCliCommand dp_cli_check_command;
extern const DpCliCommand dp_cli_show_command;
extern const DpCliCommand dp_cli_submit_command;

/* Parses the options of @command (help included) from @argc/@argv, leaving the
 * operands. On a usage error prints it and returns FALSE. */
gboolean    dp_cli_parse_options     (const DpCliCommand  *command,
                                      const GOptionEntry  *entries,
                                      int                 *argc,
                                      char              ***argv);

/* Loads a dossier file, or prints "FILE: the loader's message" on stderr and returns
 * NULL (the caller exits with DP_CLI_EXIT_INVALID). */
DpDossier  *dp_cli_load_dossier      (const char          *filename);

/* For the subcommands that take one FILE: parses the options, then loads the file.
 * NULL (exit with DP_CLI_EXIT_INVALID) after printing what went wrong. */
DpDossier  *dp_cli_parse_and_load    (const DpCliCommand  *command,
                                      const GOptionEntry  *entries,
                                      int                 *argc,
                                      char              ***argv);

/* "error capaciteit-boven-erkend -: Total capacity 121 ..." (severity as its translated
 * label in lower case, "-" for the dossier as a whole). */
char       *dp_cli_format_finding    (DpFinding           *finding,
                                      DpDossier           *dossier);

/* A plain text table whose columns are as wide as their widest cell, counted in
 * characters (UTF-8), not bytes. */
typedef struct _DpCliTable DpCliTable;

DpCliTable *dp_cli_table_new         (guint                n_columns);
/* Right-aligns column @column (numbers, amounts). */
void        dp_cli_table_align_right (DpCliTable          *table,
                                      guint                column);
/* Appends a row of @n_columns cells (copied; NULL prints as empty). */
void        dp_cli_table_add_row     (DpCliTable          *table,
                                      const char * const  *cells);
/* Each row on its own line, after @indent spaces, columns two spaces apart. */
void        dp_cli_table_print       (DpCliTable          *table,
                                      guint                indent);
void        dp_cli_table_free        (DpCliTable          *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DpCliTable, dp_cli_table_free)

G_END_DECLS
