/* dp-line.c: one line of Luik 1 or Luik 2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dp-line-private.h"
#include "dp-money.h"

struct _DpLine
{
  GObject     parent_instance;

  char       *description;
  gint64      price;
  gint64      discount;
  gint64      previous_price;
  guint       capacity;
  DpRoomType  room_type;
  gboolean    frozen;

  gpointer    dossier_record;
};

G_DEFINE_FINAL_TYPE (DpLine, dp_line, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROOM_TYPE,
  PROP_DESCRIPTION,
  PROP_CAPACITY,
  PROP_PRICE,
  PROP_DISCOUNT,
  PROP_NET_PRICE,
  PROP_PREVIOUS_PRICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
compute_net_price (gint64 price,
                   gint64 discount)
{
  return price == DP_CENTS_NONE ? DP_CENTS_NONE : price - discount;
}

static void
dp_line_finalize (GObject *object)
{
  DpLine *self = (DpLine *) object;

  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (dp_line_parent_class)->finalize (object);
}

static void
dp_line_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DpLine *self = DP_LINE (object);

  switch (prop_id)
    {
    case PROP_ROOM_TYPE:
      g_value_set_enum (value, self->room_type);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_CAPACITY:
      g_value_set_uint (value, self->capacity);
      break;
    case PROP_PRICE:
      g_value_set_int64 (value, self->price);
      break;
    case PROP_DISCOUNT:
      g_value_set_int64 (value, self->discount);
      break;
    case PROP_NET_PRICE:
      g_value_set_int64 (value, dp_line_get_net_price (self));
      break;
    case PROP_PREVIOUS_PRICE:
      g_value_set_int64 (value, self->previous_price);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_line_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  DpLine *self = DP_LINE (object);

  switch (prop_id)
    {
    case PROP_ROOM_TYPE:
      dp_line_set_room_type (self, g_value_get_enum (value));
      break;
    case PROP_DESCRIPTION:
      dp_line_set_description (self, g_value_get_string (value));
      break;
    case PROP_CAPACITY:
      dp_line_set_capacity (self, g_value_get_uint (value));
      break;
    case PROP_PRICE:
      dp_line_set_price (self, g_value_get_int64 (value));
      break;
    case PROP_DISCOUNT:
      dp_line_set_discount (self, g_value_get_int64 (value));
      break;
    case PROP_PREVIOUS_PRICE:
      dp_line_set_previous_price (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_line_class_init (DpLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dp_line_finalize;
  object_class->get_property = dp_line_get_property;
  object_class->set_property = dp_line_set_property;

  properties[PROP_ROOM_TYPE] =
    g_param_spec_enum ("room-type", NULL, NULL,
                       DP_TYPE_ROOM_TYPE, DP_ROOM_TYPE_SINGLE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAPACITY] =
    g_param_spec_uint ("capacity", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRICE] =
    g_param_spec_int64 ("price", NULL, NULL,
                        G_MININT64, G_MAXINT64, DP_CENTS_NONE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISCOUNT] =
    g_param_spec_int64 ("discount", NULL, NULL,
                        0, DP_CENTS_MAX, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NET_PRICE] =
    g_param_spec_int64 ("net-price", NULL, NULL,
                        G_MININT64, G_MAXINT64, DP_CENTS_NONE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREVIOUS_PRICE] =
    g_param_spec_int64 ("previous-price", NULL, NULL,
                        G_MININT64, G_MAXINT64, DP_CENTS_NONE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dp_line_init (DpLine *self)
{
  self->description = g_strdup ("");
  self->room_type = DP_ROOM_TYPE_SINGLE;
  self->price = DP_CENTS_NONE;
  self->previous_price = DP_CENTS_NONE;
}

DpLine *
dp_line_new (DpRoomType  room_type,
             const char *description,
             guint       capacity,
             gint64      price)
{
  return g_object_new (DP_TYPE_LINE,
                       "room-type", room_type,
                       "description", description != NULL ? description : "",
                       "capacity", capacity,
                       "price", price,
                       NULL);
}

DpLine *
dp_line_copy (DpLine *self)
{
  g_return_val_if_fail (DP_IS_LINE (self), NULL);

  return dp_line_new (self->room_type, self->description, self->capacity, self->price);
}

DpRoomType
dp_line_get_room_type (DpLine *self)
{
  g_return_val_if_fail (DP_IS_LINE (self), DP_ROOM_TYPE_SINGLE);
  return self->room_type;
}

void
dp_line_set_room_type (DpLine     *self,
                       DpRoomType  room_type)
{
  g_return_if_fail (DP_IS_LINE (self));
  g_return_if_fail (room_type == DP_ROOM_TYPE_SINGLE || room_type == DP_ROOM_TYPE_DOUBLE);
  g_return_if_fail (!self->frozen);

  if (self->room_type == room_type)
    return;

  self->room_type = room_type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOM_TYPE]);
}

const char *
dp_line_get_description (DpLine *self)
{
  g_return_val_if_fail (DP_IS_LINE (self), NULL);
  return self->description;
}

void
dp_line_set_description (DpLine     *self,
                         const char *description)
{
  g_return_if_fail (DP_IS_LINE (self));
  g_return_if_fail (!self->frozen);

  if (description == NULL)
    description = "";

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

guint
dp_line_get_capacity (DpLine *self)
{
  g_return_val_if_fail (DP_IS_LINE (self), 0);
  return self->capacity;
}

void
dp_line_set_capacity (DpLine *self,
                      guint   capacity)
{
  g_return_if_fail (DP_IS_LINE (self));
  g_return_if_fail (!self->frozen);

  if (self->capacity == capacity)
    return;

  self->capacity = capacity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPACITY]);
}

gint64
dp_line_get_price (DpLine *self)
{
  g_return_val_if_fail (DP_IS_LINE (self), DP_CENTS_NONE);
  return self->price;
}

void
dp_line_set_price (DpLine *self,
                   gint64  price)
{
  g_return_if_fail (DP_IS_LINE (self));
  /* Bounded so that sums and differences of prices never overflow. */
  g_return_if_fail (price == DP_CENTS_NONE || (price >= -DP_CENTS_MAX && price <= DP_CENTS_MAX));
  g_return_if_fail (!self->frozen);

  if (self->price == price)
    return;

  /* Price then net price, under one freeze so a listener sees both new values. */
  g_object_freeze_notify (G_OBJECT (self));
  self->price = price;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRICE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET_PRICE]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
dp_line_has_price (DpLine *self)
{
  g_return_val_if_fail (DP_IS_LINE (self), FALSE);
  return self->price != DP_CENTS_NONE;
}

gint64
dp_line_get_discount (DpLine *self)
{
  g_return_val_if_fail (DP_IS_LINE (self), 0);
  return self->discount;
}

void
dp_line_set_discount (DpLine *self,
                      gint64  discount)
{
  gint64 old_net;

  g_return_if_fail (DP_IS_LINE (self));
  g_return_if_fail (discount >= 0 && discount <= DP_CENTS_MAX);
  g_return_if_fail (!self->frozen);

  if (self->discount == discount)
    return;

  old_net = dp_line_get_net_price (self);

  g_object_freeze_notify (G_OBJECT (self));
  self->discount = discount;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCOUNT]);
  /* Without a price the net price stays "none": no change, no notification. */
  if (old_net != dp_line_get_net_price (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET_PRICE]);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
dp_line_get_net_price (DpLine *self)
{
  g_return_val_if_fail (DP_IS_LINE (self), DP_CENTS_NONE);
  return compute_net_price (self->price, self->discount);
}

gint64
dp_line_get_previous_price (DpLine *self)
{
  g_return_val_if_fail (DP_IS_LINE (self), DP_CENTS_NONE);
  return self->previous_price;
}

void
dp_line_set_previous_price (DpLine *self,
                            gint64  previous_price)
{
  g_return_if_fail (DP_IS_LINE (self));
  g_return_if_fail (!self->frozen);

  if (self->previous_price == previous_price)
    return;

  self->previous_price = previous_price;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREVIOUS_PRICE]);
}

char *
dp_line_dup_kind_key (DpLine *self)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *normal = NULL;

  g_return_val_if_fail (DP_IS_LINE (self), NULL);

  trimmed = g_strstrip (g_strdup (self->description));
  /* Normalise first so that "é" typed as one or as two code points compare equal. */
  normal = g_utf8_normalize (trimmed, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  folded = g_utf8_casefold (normal != NULL ? normal : trimmed, -1);

  /* The unit separator cannot be typed in a description, so keys never collide. */
  return g_strconcat (self->room_type == DP_ROOM_TYPE_DOUBLE ? "2" : "1", "\x1f", folded, NULL);
}

gboolean
dp_line_same_kind (DpLine *a,
                   DpLine *b)
{
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;

  g_return_val_if_fail (DP_IS_LINE (a), FALSE);
  g_return_val_if_fail (DP_IS_LINE (b), FALSE);

  if (a->room_type != b->room_type)
    return FALSE;

  key_a = dp_line_dup_kind_key (a);
  key_b = dp_line_dup_kind_key (b);
  return strcmp (key_a, key_b) == 0;
}

gpointer
_dp_line_get_dossier_record (DpLine *self)
{
  return self->dossier_record;
}

void
_dp_line_set_dossier_record (DpLine   *self,
                             gpointer  record)
{
  self->dossier_record = record;
}

void
_dp_line_set_frozen (DpLine   *self,
                     gboolean  frozen)
{
  self->frozen = !!frozen;
}

gboolean
_dp_line_get_frozen (DpLine *self)
{
  return self->frozen;
}
