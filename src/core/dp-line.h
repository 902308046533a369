/* dp-line.h: one line of Luik 1 or Luik 2: room type, description, capacity, price.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "dp-types.h"

G_BEGIN_DECLS

#define DP_TYPE_LINE (dp_line_get_type ())

G_DECLARE_FINAL_TYPE (DpLine, dp_line, DP, LINE, GObject)

/* Properties, each notifying only on a real change (G_PARAM_EXPLICIT_NOTIFY):
 *
 *   "room-type"       DpRoomType  read-write, default DP_ROOM_TYPE_SINGLE
 *   "description"     char*       read-write, never NULL (default "")
 *   "capacity"        guint       read-write, units (a double room counts two), default 0
 *   "price"           gint64      read-write, cents per resident; in Luik 2 the gross price;
 *                                 DP_CENTS_NONE while not filled in (the default)
 *   "discount"        gint64      read-write, cents; set by the dossier: the campaign's
 *                                 korting infrastructuurforfait for a Luik 2 line, 0 in Luik 1
 *   "net-price"       gint64      read-only, price − discount, DP_CENTS_NONE without a price;
 *                                 notified whenever price or discount changes it
 *   "previous-price"  gint64      read-write, cents; the matching line of last year's
 *                                 submission (same room type and description), or
 *                                 DP_CENTS_NONE; kept current by the dossier
 */

DpLine     *dp_line_new                 (DpRoomType   room_type,
                                         const char  *description,
                                         guint        capacity,
                                         gint64       price);
/* A new, independent line with the same room type, description, capacity and price. */
DpLine     *dp_line_copy                (DpLine      *self);

DpRoomType  dp_line_get_room_type       (DpLine      *self);
void        dp_line_set_room_type       (DpLine      *self,
                                         DpRoomType   room_type);
const char *dp_line_get_description     (DpLine      *self);
void        dp_line_set_description     (DpLine      *self,
                                         const char  *description);
guint       dp_line_get_capacity        (DpLine      *self);
void        dp_line_set_capacity        (DpLine      *self,
                                         guint        capacity);
gint64      dp_line_get_price           (DpLine      *self);
void        dp_line_set_price           (DpLine      *self,
                                         gint64       price);
gboolean    dp_line_has_price           (DpLine      *self);
gint64      dp_line_get_discount        (DpLine      *self);
void        dp_line_set_discount        (DpLine      *self,
                                         gint64       discount);
gint64      dp_line_get_net_price       (DpLine      *self);
gint64      dp_line_get_previous_price  (DpLine      *self);
void        dp_line_set_previous_price  (DpLine      *self,
                                         gint64       previous_price);

/* TRUE when both lines have the same room type and the same description, compared
 * after trimming white space and case-folding: the key of dubbele-lijn and of the
 * match with last year's line. */
gboolean    dp_line_same_kind           (DpLine      *a,
                                         DpLine      *b);
/* The normalised key behind dp_line_same_kind(), for hash tables. */
char       *dp_line_dup_kind_key        (DpLine      *self);

G_END_DECLS
