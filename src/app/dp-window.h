/* dp-window.h: the main window: one meting dagprijzen, from filling in to submitting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dagprijzen-core.h"
#include "dp-sync.h"

G_BEGIN_DECLS

#define DP_TYPE_WINDOW (dp_window_get_type ())

G_DECLARE_FINAL_TYPE (DpWindow, dp_window, DP, WINDOW, AdwApplicationWindow)

/* Properties: "dossier" (DpDossier*), "store" (DpDraftStore*, construct-only: where drafts
 * are kept). Actions: win.save (Ctrl+S), win.submit (Ctrl+Enter), win.open (Ctrl+O),
 * win.export (Ctrl+E), win.add-line (Ctrl+N), win.show-findings (Ctrl+F),
 * win.show-help (s: a topic of dp-help.h). */

DpWindow   *dp_window_new               (GtkApplication *application,
                                         DpDraftStore   *store,
                                         DpDossier      *dossier);
DpDossier  *dp_window_get_dossier       (DpWindow       *self);
/* Shows @dossier; the one shown before is saved first if it has unsaved edits. */
void        dp_window_set_dossier       (DpWindow       *self,
                                         DpDossier      *dossier);
DpDraftStore *dp_window_get_store       (DpWindow       *self);

/* Online: the dossier is also on the e-loket, kept in step by @sync (whose dossier the window
 * shows): Save sends it too, Submit submits it there, and the state shows above the buttons.
 * NULL (the default) for a dossier only on this computer. Property "sync". */
DpSync     *dp_window_get_sync          (DpWindow       *self);
void        dp_window_set_sync          (DpWindow       *self,
                                         DpSync         *sync);

/* Loads a dossier file (version 1) and shows it; a file that cannot be loaded is reported
 * in a dialog with the loader's message and changes nothing. */
void        dp_window_open_file         (DpWindow       *self,
                                         GFile          *file);
/* Shows a short message at the bottom of the window. */
void        dp_window_add_toast         (DpWindow       *self,
                                         const char     *text);
/* Tells the user which draft was reopened, or that the demo dossier is shown. */
void        dp_window_announce          (DpWindow       *self,
                                         const char     *text);

G_END_DECLS
