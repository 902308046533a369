/* dp-help.c: where the "Need help?" entries of the form lead (handleiding 4.4.3 and 5).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-help.h"

/* The addresses the handleiding gives; the e-loket's own help widget is not reachable from
 * outside it, so its entries lead to the pages that explain them. */
static const struct {
  const char *topic;
  const char *uri;
} topics[] = {
  { "guidelines", "https://www.zorg-en-gezondheid.be/e-loket-voor-zorgvoorzieningen" },
  { "mail",       "mailto:" DP_HELP_MAIL_ADDRESS "?subject=Meting%20dagprijzen" },
  { "content",
    "https://www.zorg-en-gezondheid.be/handleiding-berichten-en-contactenmodule-e-loket" },
  { "technical",  "https://www.zorg-en-gezondheid.be/e-loket-voor-zorgvoorzieningen" },
  { "contacts",
    "https://www.zorg-en-gezondheid.be/handleiding-berichten-en-contactenmodule-e-loket" },
  { "access",     "https://www.ehealth.fgov.be/ehealthplatform/nl/contact" },
};

const char *
dp_help_get_uri (const char *topic)
{
  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    if (g_strcmp0 (topics[i].topic, topic) == 0)
      return topics[i].uri;

  return NULL;
}

void
dp_help_show (GtkWindow  *parent,
              const char *topic)
{
  const char *uri = dp_help_get_uri (topic);

  g_return_if_fail (uri != NULL);

  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}
