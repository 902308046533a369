/* dp-format.c: placeholder until core-format lands. Only the error quark, so that the
 * core links while the real loader and writer are written in parallel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-format.h"

G_DEFINE_QUARK (dp-format-error-quark, dp_format_error)
