/* dp-start-window.h: logging in to the e-loket, and the start page: the facility the user
 * acts for, the measurement of the open campaign, and the user's dossiers.
 *
 * A measurement chosen here opens in its own DpWindow, kept in step with the service by a
 * DpSync; a submitted one opens read-only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dp-eloket-client.h"
#include "dp-token-store.h"

G_BEGIN_DECLS

#define DP_TYPE_START_WINDOW (dp_start_window_get_type ())

G_DECLARE_FINAL_TYPE (DpStartWindow, dp_start_window, DP, START_WINDOW, AdwApplicationWindow)

/* Properties, construct-only: "client" (DpEloketClient*), "store" (DpDraftStore*),
 * "token-store" (DpTokenStore*). Read-only: "page" (char*: "login" or "dossiers"), "busy"
 * (gboolean: a request is on its way; start.cancel ends it).
 *
 * Actions: start.log-in, start.cancel, start.log-out, start.refresh,
 * start.start-measurement (the open campaign of the chosen facility), start.open
 * ("(su)": registration number and year), start.work-offline. Signal "measurement-opened"
 * (GtkWindow*): the window that shows it. */

DpStartWindow *dp_start_window_new       (GtkApplication *application,
                                          DpEloketClient *client,
                                          DpDraftStore   *store,
                                          DpTokenStore   *token_store);
/* Fills in the user name of the login page (the code is still the user's to type). */
void           dp_start_window_set_user  (DpStartWindow  *self,
                                          const char     *user);
/* The service is `dagprijzen-server --demo`, whose user and TOTP secret are published: the
 * login page proposes the demo user and fills in the code the service accepts now, kept
 * current as the 30-second steps pass, and says so. */
void           dp_start_window_set_demo  (DpStartWindow  *self,
                                          gboolean        demo);
const char    *dp_start_window_get_page  (DpStartWindow  *self);
gboolean       dp_start_window_get_busy  (DpStartWindow  *self);

G_END_DECLS
