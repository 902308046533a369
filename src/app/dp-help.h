/* dp-help.h: where the "Need help?" entries of the form lead (handleiding 4.4.3 and 5).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Topics, the targets of the action "win.show-help":
 *   "guidelines"  the department's guidelines and the e-loket pages
 *   "mail"        an e-mail to prijzen@vlaanderen.be
 *   "content"     content questions to Team Prijzen (the e-loket's message module)
 *   "technical"   the technical helpdesk of the e-loket
 *   "contacts"    how to register contact persons (the contacts module manual)
 *   "access"      questions about access to the e-loket (the eHealth contact centre)
 * NULL for an unknown topic. */
const char *dp_help_get_uri  (const char *topic);
/* Opens the topic's page or mail program. */
void        dp_help_show     (GtkWindow  *parent,
                              const char *topic);

#define DP_HELP_MAIL_ADDRESS "prijzen@vlaanderen.be"

G_END_DECLS
