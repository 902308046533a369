/* dp-wrap.c: cheaper wrapping for the rows' long texts.
 *
 * libadwaita 1.2 wraps a row's title and subtitle at any character (PANGO_WRAP_WORD_CHAR).
 * Working out the minimum width of such a label lays every character out on a line of its
 * own, measure after measure: with the few long texts of the form (the reminder about
 * contact persons, the findings) that was about a quarter of the instructions the window
 * spent up to its first frame (callgrind, tests/ui's start-up benchmark). Wrapped between
 * words, the minimum is one word wide and costs a fraction; the texts have no words longer
 * than a narrow window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-wrap.h"

void
dp_wrap_labels_between_words (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)))
    gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    dp_wrap_labels_between_words (child);
}
