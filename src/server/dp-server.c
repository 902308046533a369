/* dp-server.c: the e-loket dossier service over HTTP(S).
 *
 * Requests are answered on the main thread, one at a time, each from start to end: the
 * work per request (a few SQLite statements and the checks of one dossier) is short, and
 * doing it in order makes every request atomic without locks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-server.h"

#include <libsoup/soup.h>
#include <string.h>

#include "dp-auth.h"

struct _DpServer
{
  GObject     parent_instance;

  DpStore    *store;
  SoupServer *soup;
  GDate       today;       /* invalid: the real local date */
  gint64      session_lifetime;
};

G_DEFINE_FINAL_TYPE (DpServer, dp_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION_LIFETIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One request being answered. */
typedef struct {
  DpServer          *self;
  SoupServerMessage *msg;
  gint64             user_id;     /* 0 before authentication */
  char              *params[2];   /* the {erkenningsnummer} and {jaar} of the path */
} DpRequest;

typedef void (*DpRouteHandler) (DpRequest *request);

typedef struct {
  const char     *method;
  const char     *path;
  gboolean        authenticated;
  DpRouteHandler  handler;
} DpRoute;

static void handle_login         (DpRequest *request);
static void handle_campaigns     (DpRequest *request);
static void handle_facilities    (DpRequest *request);
static void handle_get_meting    (DpRequest *request);
static void handle_put_meting    (DpRequest *request);
static void handle_submit        (DpRequest *request);
static void handle_dossiers      (DpRequest *request);

/* The API: data/openapi.yaml describes exactly these (tests/server compares them). */
static const DpRoute routes[] = {
  { "POST", "/api/v1/sessies", FALSE, handle_login },
  { "GET", "/api/v1/campagnes", TRUE, handle_campaigns },
  { "GET", "/api/v1/voorzieningen", TRUE, handle_facilities },
  { "GET", "/api/v1/voorzieningen/{erkenningsnummer}/metingen/{jaar}", TRUE, handle_get_meting },
  { "PUT", "/api/v1/voorzieningen/{erkenningsnummer}/metingen/{jaar}", TRUE, handle_put_meting },
  { "POST", "/api/v1/voorzieningen/{erkenningsnummer}/metingen/{jaar}/indiening", TRUE,
    handle_submit },
  { "GET", "/api/v1/dossiers", TRUE, handle_dossiers },
};

char **
dp_server_list_routes (void)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **list;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_autofree char *line = g_strdup_printf ("%s %s", routes[i].method, routes[i].path);

      g_strv_builder_add (builder, line);
    }
  list = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return list;
}

/* Responses. */

static void
respond_node (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *data;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, length);
}

static void respond_error (SoupServerMessage *msg,
                           guint              status,
                           const char        *code,
                           const char        *format,
                           ...) G_GNUC_PRINTF (4, 5);

/* Every refusal: {"code": "stable-code", "bericht": "what happened"}. */
static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *format,
               ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "bericht");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  respond_node (msg, status, node);
}

static void
respond_internal_error (SoupServerMessage *msg,
                        const GError      *error)
{
  g_warning ("%s %s: %s", soup_server_message_get_method (msg),
             g_uri_get_path (soup_server_message_get_uri (msg)), error->message);
  respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "interne-fout",
                 "The service could not complete the request; nothing was changed");
}

static void
set_etag (SoupServerMessage *msg,
          gint64             revision)
{
  g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", revision);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
}

/* Dates and times. */

/* Now, on the server's day: with --today the date is that day, the time of day real. In
 * whole seconds, as the dossier format writes it. */
static GDateTime *
dup_now (DpServer *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  int year = g_date_time_get_year (now);
  int month = g_date_time_get_month (now);
  int day = g_date_time_get_day_of_month (now);

  if (g_date_valid (&self->today))
    {
      year = g_date_get_year (&self->today);
      month = g_date_get_month (&self->today);
      day = g_date_get_day (&self->today);
    }
  return g_date_time_new (zone, year, month, day, g_date_time_get_hour (now),
                          g_date_time_get_minute (now), g_date_time_get_second (now));
}

static gint64
unix_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Bodies. */

/* The body as JSON, through the core's guarded parser (a deeply nested body would
 * otherwise overflow json-glib's recursive parser); answers 400 itself when it is not. */
static gboolean
read_body_json (DpRequest   *request,
                JsonNode   **out_root)
{
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (length == 0)
    {
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "ongeldig-document",
                     "The request has no body; a JSON document was expected");
      return FALSE;
    }
  *out_root = dp_format_parse_data (data, (gssize) length, &error);
  if (*out_root == NULL)
    {
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "ongeldig-document", "%s",
                     error->message);
      return FALSE;
    }
  return TRUE;
}

/* Authentication. */

static gboolean
authenticate (DpRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  SoupMessageHeaders *response_headers;

  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    {
      const char *token = authorization + 7;

      while (*token == ' ')
        token++;
      request->user_id = dp_auth_check_token (request->self->store, token, unix_now ());
      if (request->user_id != 0)
        return TRUE;
    }

  response_headers = soup_server_message_get_response_headers (request->msg);
  soup_message_headers_replace (response_headers, "WWW-Authenticate",
                                authorization == NULL ? "Bearer realm=\"dagprijzen\""
                                : "Bearer realm=\"dagprijzen\", error=\"invalid_token\"");
  respond_error (request->msg, SOUP_STATUS_UNAUTHORIZED,
                 authorization == NULL ? "niet-aangemeld" : "sessie-ongeldig",
                 authorization == NULL ? "Log in first (POST /api/v1/sessies)"
                 : "The session is unknown or has expired; log in again");
  return FALSE;
}

/* The string member @key of @object, or NULL when either is missing or it is no string. */
static const char *
string_member (JsonObject *object,
               const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* POST /api/v1/sessies */
static void
handle_login (DpRequest *request)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *expires_iso = NULL;
  JsonObject *object;
  const char *user;
  const char *code;
  gint64 expires_at = 0;

  if (!read_body_json (request, &root))
    return;

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  user = string_member (object, "gebruiker");
  code = string_member (object, "totp");
  if (user == NULL || code == NULL)
    {
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "ongeldig-document",
                     "Expected {\"gebruiker\": \"name\", \"totp\": \"123456\"}");
      return;
    }

  switch (dp_auth_login (request->self->store, user, code, unix_now (),
                         request->self->session_lifetime, &token, &expires_at, &error))
    {
    case DP_LOGIN_OK:
      break;

    case DP_LOGIN_REFUSED:
      respond_error (request->msg, SOUP_STATUS_UNAUTHORIZED, "code-ongeldig",
                     "The user name or the code is wrong, or the code was used already");
      return;

    case DP_LOGIN_LOCKED:
      {
        g_autofree char *retry = g_strdup_printf ("%d", DP_AUTH_FAILURE_WINDOW);

        soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                      "Retry-After", retry);
        respond_error (request->msg, 429, "te-veel-pogingen",
                       "Too many wrong codes: try again in %d minutes",
                       DP_AUTH_FAILURE_WINDOW / 60);
        return;
      }

    case DP_LOGIN_FAILED:
    default:
      respond_internal_error (request->msg, error);
      return;
    }

  expires = g_date_time_new_from_unix_utc (expires_at);
  expires_iso = g_date_time_format_iso8601 (expires);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "verloopt_op");
  json_builder_add_string_value (builder, expires_iso);
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  respond_node (request->msg, SOUP_STATUS_CREATED, answer);
}

/* GET /api/v1/campagnes */
static void
handle_campaigns (DpRequest *request)
{
  g_autoptr(GPtrArray) campaigns = dp_store_list_campaigns (request->self->store);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today_iso = NULL;
  GDate today;

  now = dup_now (request->self);
  dp_date_of_time (now, &today);
  today_iso = dp_date_to_iso (&today);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "vandaag");
  json_builder_add_string_value (builder, today_iso);
  json_builder_set_member_name (builder, "campagnes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < campaigns->len; i++)
    {
      DpCampaign *campaign = g_ptr_array_index (campaigns, i);
      g_autofree char *measured = dp_date_to_iso (dp_campaign_get_measurement_date (campaign));
      g_autofree char *deadline = dp_date_to_iso (dp_campaign_get_deadline (campaign));
      guint year = dp_campaign_get_year (campaign);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "jaar");
      json_builder_add_int_value (builder, year);
      json_builder_set_member_name (builder, "meetdatum");
      json_builder_add_string_value (builder, measured);
      json_builder_set_member_name (builder, "deadline");
      json_builder_add_string_value (builder, deadline);
      json_builder_set_member_name (builder, "korting_infrastructuurforfait_cent");
      json_builder_add_int_value (builder, dp_campaign_get_discount (campaign));
      /* Open: the campaign of this year, and its deadline not yet past. */
      json_builder_set_member_name (builder, "open");
      json_builder_add_boolean_value (builder, g_date_get_year (&today) == year &&
                                      dp_campaign_is_open_on (campaign, &today));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  respond_node (request->msg, SOUP_STATUS_OK, answer);
}

/* GET /api/v1/voorzieningen */
static void
handle_facilities (DpRequest *request)
{
  g_autoptr(GPtrArray) facilities = dp_store_list_facilities (request->self->store,
                                                              request->user_id);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) answer = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "voorzieningen");
  json_builder_begin_array (builder);
  for (guint i = 0; i < facilities->len; i++)
    {
      DpFacility *facility = g_ptr_array_index (facilities, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "erkenningsnummer");
      json_builder_add_string_value (builder, dp_facility_get_registration_number (facility));
      json_builder_set_member_name (builder, "naam");
      json_builder_add_string_value (builder, dp_facility_get_name (facility));
      json_builder_set_member_name (builder, "erkende_capaciteit");
      json_builder_add_int_value (builder, dp_facility_get_recognised_capacity (facility));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  respond_node (request->msg, SOUP_STATUS_OK, answer);
}

/* GET /api/v1/dossiers */
static void
handle_dossiers (DpRequest *request)
{
  g_autoptr(GPtrArray) rows = dp_store_list_dossiers (request->self->store, request->user_id);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) answer = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dossiers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      DpDossierRow *row = g_ptr_array_index (rows, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "meting-dagprijzen");
      json_builder_set_member_name (builder, "jaar");
      json_builder_add_int_value (builder, row->year);
      json_builder_set_member_name (builder, "voorziening");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "erkenningsnummer");
      json_builder_add_string_value (builder, row->registration_number);
      json_builder_set_member_name (builder, "naam");
      json_builder_add_string_value (builder, row->facility_name);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, dp_status_to_wire (row->status));
      json_builder_set_member_name (builder, "ingediend_op");
      if (row->submitted_at != NULL)
        json_builder_add_string_value (builder, row->submitted_at);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "referentie");
      if (row->reference != NULL)
        json_builder_add_string_value (builder, row->reference);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  respond_node (request->msg, SOUP_STATUS_OK, answer);
}

/* Measurements. */

/* What a measurement request is about: the granted facility and the campaign of the
 * year in the path. Answers 404 itself when either is missing. */
typedef struct {
  DpFacility *facility;
  gint64      facility_id;
  DpCampaign *campaign;
  guint       year;
} DpMetingTarget;

static void
dp_meting_target_clear (DpMetingTarget *target)
{
  g_clear_object (&target->facility);
  g_clear_object (&target->campaign);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DpMetingTarget, dp_meting_target_clear)

static gboolean
resolve_target (DpRequest      *request,
                DpMetingTarget *target)
{
  const char *erk = request->params[0];
  const char *jaar = request->params[1];
  g_autoptr(GError) error = NULL;
  guint64 year = 0;

  memset (target, 0, sizeof *target);

  target->facility = dp_store_get_granted_facility (request->self->store, request->user_id,
                                                    erk, &target->facility_id, &error);
  if (target->facility == NULL)
    {
      if (!g_error_matches (error, DP_STORE_ERROR, DP_STORE_ERROR_NOT_FOUND))
        respond_internal_error (request->msg, error);
      else
        respond_error (request->msg, SOUP_STATUS_NOT_FOUND, "niet-gevonden",
                       "You have no facility “%s”", erk);
      return FALSE;
    }

  if (strlen (jaar) != 4 || !g_ascii_string_to_unsigned (jaar, 10, 1900, 9999, &year, NULL))
    {
      respond_error (request->msg, SOUP_STATUS_NOT_FOUND, "niet-gevonden",
                     "“%s” is not a campaign year", jaar);
      return FALSE;
    }
  target->year = (guint) year;

  g_clear_error (&error);
  target->campaign = dp_store_get_campaign (request->self->store, target->year, &error);
  if (target->campaign == NULL)
    {
      if (!g_error_matches (error, DP_STORE_ERROR, DP_STORE_ERROR_NOT_FOUND))
        respond_internal_error (request->msg, error);
      else
        respond_error (request->msg, SOUP_STATUS_NOT_FOUND, "niet-gevonden",
                       "There is no campaign %u", target->year);
      return FALSE;
    }

  return TRUE;
}

static GListModel *
copy_lines (GListModel *lines)
{
  GListStore *copy = g_list_store_new (DP_TYPE_LINE);
  guint n = g_list_model_get_n_items (lines);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DpLine) line = g_list_model_get_item (lines, i);
      g_autoptr(DpLine) line_copy = dp_line_copy (line);

      g_list_store_append (copy, line_copy);
    }
  return G_LIST_MODEL (copy);
}

/* The facility's submitted measurement of the year before, or NULL when it has none. */
static DpDossier *
load_previous (DpServer        *self,
               DpMetingTarget  *target,
               GError         **error)
{
  g_auto(DpStoredMeasurement) stored = { 0 };

  if (!dp_store_get_measurement (self->store, target->facility_id, target->year - 1, &stored,
                                 error))
    return NULL;
  if (stored.document == NULL || stored.status != DP_STATUS_SUBMITTED)
    return NULL;

  return dp_format_load_data (stored.document, -1, error);
}

/* A draft on the server's own campaign and facility (so that the discount, the dates and
 * the recognised capacity are the department's, whatever a client sent), with the lines
 * of @source, or, without a source, those of last year's submission (the prefill), and
 * last year's lines as vorig_jaar. */
static DpDossier *
build_draft (DpServer        *self,
             DpMetingTarget  *target,
             DpDossier       *source,
             GError         **error)
{
  g_autoptr(DpDossier) dossier = dp_dossier_new (target->campaign, target->facility);
  g_autoptr(DpDossier) previous = NULL;
  g_autoptr(GError) local_error = NULL;

  previous = load_previous (self, target, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint p = 0; p < DP_N_PARTS; p++)
    {
      DpDossier *from = source != NULL ? source : previous;

      if (previous != NULL)
        {
          g_autoptr(GListModel) previous_lines = copy_lines (dp_dossier_get_lines (previous, p));

          dp_dossier_set_previous_lines (dossier, p, previous_lines);
        }

      if (from != NULL)
        {
          GListModel *lines = dp_dossier_get_lines (from, p);
          guint n = g_list_model_get_n_items (lines);

          for (guint i = 0; i < n; i++)
            {
              g_autoptr(DpLine) line = g_list_model_get_item (lines, i);
              g_autoptr(DpLine) line_copy = dp_line_copy (line);

              dp_dossier_append_line (dossier, p, line_copy);
            }
        }
    }

  return g_steal_pointer (&dossier);
}

static void
respond_dossier (SoupServerMessage *msg,
                 guint              status,
                 DpDossier         *dossier,
                 gint64             revision)
{
  gsize length = 0;
  char *data = dp_format_save_data (dossier, &length);

  set_etag (msg, revision);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, length);
}

/* GET /api/v1/voorzieningen/{erkenningsnummer}/metingen/{jaar} */
static void
handle_get_meting (DpRequest *request)
{
  g_auto(DpMetingTarget) target = { 0 };
  g_auto(DpStoredMeasurement) stored = { 0 };
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;

  if (!resolve_target (request, &target))
    return;

  if (!dp_store_get_measurement (request->self->store, target.facility_id, target.year,
                                 &stored, &error))
    {
      respond_internal_error (request->msg, error);
      return;
    }

  if (stored.document != NULL)
    {
      gsize length = strlen (stored.document);

      /* The stored bytes as they are: what was saved is what is read back. */
      set_etag (request->msg, stored.revision);
      soup_server_message_set_status (request->msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (request->msg, "application/json", SOUP_MEMORY_TAKE,
                                        g_steal_pointer (&stored.document), length);
      return;
    }

  dossier = build_draft (request->self, &target, NULL, &error);
  if (dossier == NULL)
    {
      respond_internal_error (request->msg, error);
      return;
    }
  /* Revision 0: nothing stored yet; a PUT with If-Match "0" creates it. */
  respond_dossier (request->msg, SOUP_STATUS_OK, dossier, 0);
}

/* If-Match: the revision the client saw, -1 for "*" (any stored one), or -2 for a value
 * that names no revision of ours (a weak or foreign tag), which never matches. */
static gint64
parse_if_match (const char *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value));
  gsize len = strlen (trimmed);
  guint64 revision;

  if (g_str_equal (trimmed, "*"))
    return -1;
  if (len < 3 || trimmed[0] != '"' || trimmed[len - 1] != '"')
    return -2;
  trimmed[len - 1] = '\0';
  if (!g_ascii_string_to_unsigned (trimmed + 1, 10, 0, G_MAXINT64, &revision, NULL))
    return -2;
  return (gint64) revision;
}

/* PUT /api/v1/voorzieningen/{erkenningsnummer}/metingen/{jaar} */
static void
handle_put_meting (DpRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *if_match = soup_message_headers_get_one (headers, "If-Match");
  g_auto(DpMetingTarget) target = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DpDossier) source = NULL;
  g_autoptr(DpDossier) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;
  const char *erk;
  gint64 expected;
  gint64 revision = 0;
  guint year;

  if (!resolve_target (request, &target))
    return;
  if (!read_body_json (request, &root))
    return;

  source = dp_format_load_node (root, &error);
  if (source == NULL)
    {
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "ongeldig-document", "%s",
                     error->message);
      return;
    }

  erk = dp_facility_get_registration_number (dp_dossier_get_facility (source));
  if (g_strcmp0 (erk, dp_facility_get_registration_number (target.facility)) != 0)
    {
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "ongeldig-document",
                     "voorziening.erkenningsnummer: expected \"%s\" (the facility in the "
                     "address), found \"%s\"",
                     dp_facility_get_registration_number (target.facility), erk);
      return;
    }
  year = dp_campaign_get_year (dp_dossier_get_campaign (source));
  if (year != target.year)
    {
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "ongeldig-document",
                     "campagne.jaar: expected %u (the year in the address), found %u",
                     target.year, year);
      return;
    }

  /* The server keeps a draft: whatever status the body claims, submitting is a request
   * of its own (…/indiening). */
  draft = build_draft (request->self, &target, source, &error);
  if (draft == NULL)
    {
      respond_internal_error (request->msg, error);
      return;
    }
  document = dp_format_save_data (draft, NULL);

  /* Without If-Match only a first save is allowed: overwriting a stored draft blindly
   * could lose another save (428 Precondition Required, RFC 6585). */
  expected = if_match != NULL ? parse_if_match (if_match) : 0;
  if (expected == -2)
    expected = G_MAXINT64;

  if (!dp_store_put_draft (request->self->store, target.facility_id, target.year, expected,
                           document, &revision, &error))
    {
      if (g_error_matches (error, DP_STORE_ERROR, DP_STORE_ERROR_SUBMITTED))
        respond_error (request->msg, SOUP_STATUS_CONFLICT, "reeds-ingediend",
                       "The measurement %u is submitted and can no longer change", target.year);
      else if (g_error_matches (error, DP_STORE_ERROR, DP_STORE_ERROR_STALE) && if_match == NULL)
        respond_error (request->msg, 428, "if-match-vereist",
                       "A draft is stored already: send If-Match with the ETag you read");
      else if (g_error_matches (error, DP_STORE_ERROR, DP_STORE_ERROR_STALE))
        respond_error (request->msg, SOUP_STATUS_PRECONDITION_FAILED, "gewijzigd",
                       "The draft was saved elsewhere in the meantime; read it again");
      else
        respond_internal_error (request->msg, error);
      return;
    }

  set_etag (request->msg, revision);
  soup_server_message_set_status (request->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (request->msg, "application/json", SOUP_MEMORY_COPY,
                                    document, strlen (document));
}

/* "MDP-2025-PE1234-7K3Q": the measurement, year, facility, and four characters of the
 * Crockford alphabet (no I, L, O, U: nothing to misread on the phone). */
static char *
new_reference (DpServer   *self,
               const char *registration_number,
               guint       year)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  g_autoptr(GString) facility = g_string_new (NULL);

  for (const char *p = registration_number; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (facility, g_ascii_toupper (*p));

  for (;;)
    {
      guint8 random[4];
      char suffix[5];
      g_autofree char *reference = NULL;

      dp_auth_random_bytes (random, sizeof random);
      for (guint i = 0; i < 4; i++)
        suffix[i] = alphabet[random[i] & 0x1f];
      suffix[4] = '\0';

      reference = g_strdup_printf ("MDP-%u-%s-%s", year, facility->str, suffix);
      if (!dp_store_reference_exists (self->store, reference))
        return g_steal_pointer (&reference);
    }
}

static gboolean
valid_idempotency_key (const char *key)
{
  gsize len;

  if (key == NULL)
    return FALSE;
  len = strlen (key);
  if (len == 0 || len > 200)
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isgraph (*p))
      return FALSE;
  return TRUE;
}

/* POST /api/v1/voorzieningen/{erkenningsnummer}/metingen/{jaar}/indiening
 *
 * Submits the stored draft (the last PUT), or the new draft GET shows when none is
 * stored: the client saves first. Only an accepted submission is remembered with its
 * key; a refused one changes nothing, so it may be retried with the same key. */
static void
handle_submit (DpRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");
  g_auto(DpMetingTarget) target = { 0 };
  g_auto(DpStoredMeasurement) stored = { 0 };
  g_autoptr(DpDossier) source = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *submitted_at = NULL;
  g_autofree char *document = NULL;
  g_autofree char *response = NULL;
  gboolean is_stored;
  guint n_errors = 0;
  guint n_late = 0;
  GDate today;

  if (!valid_idempotency_key (key))
    {
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "idempotency-key-vereist",
                     "Send an Idempotency-Key header (1 to 200 visible characters), the "
                     "same one when repeating this submission");
      return;
    }
  if (!resolve_target (request, &target))
    return;

  if (!dp_store_get_measurement (request->self->store, target.facility_id, target.year,
                                 &stored, &error))
    {
      respond_internal_error (request->msg, error);
      return;
    }
  is_stored = stored.document != NULL;

  if (is_stored && stored.status == DP_STATUS_SUBMITTED)
    {
      if (g_strcmp0 (stored.idempotency_key, key) == 0 && stored.response != NULL)
        {
          /* A repeat of the accepted submission (its answer may have been lost). */
          soup_server_message_set_status (request->msg, SOUP_STATUS_CREATED, NULL);
          soup_server_message_set_response (request->msg, "application/json",
                                            SOUP_MEMORY_COPY, stored.response,
                                            strlen (stored.response));
          return;
        }
      respond_error (request->msg, SOUP_STATUS_CONFLICT, "reeds-ingediend",
                     "The measurement %u was submitted already, with reference %s",
                     target.year, stored.reference);
      return;
    }

  if (is_stored)
    {
      source = dp_format_load_data (stored.document, -1, &error);
      if (source == NULL)
        {
          respond_internal_error (request->msg, error);
          return;
        }
    }
  dossier = build_draft (request->self, &target, source, &error);
  if (dossier == NULL)
    {
      respond_internal_error (request->msg, error);
      return;
    }

  /* One moment decides both the deadline and the time written down, even at midnight. */
  now = dup_now (request->self);
  dp_date_of_time (now, &today);
  findings = dp_dossier_check_submission (dossier, &today);
  warnings = g_ptr_array_new ();
  for (guint i = 0; i < findings->len; i++)
    {
      DpFinding *finding = g_ptr_array_index (findings, i);

      if (dp_finding_get_severity (finding) != DP_SEVERITY_ERROR)
        g_ptr_array_add (warnings, finding);
      else
        {
          n_errors++;
          if (g_str_equal (dp_finding_get_code (finding), DP_CHECK_INDIENTERMIJN_VERSTREKEN))
            n_late++;
        }
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  if (n_errors > 0)
    {
      /* Late and nothing else wrong: 403, the deadline forbids it; otherwise 422 with
       * every finding, so that the client can show them all at once. */
      gboolean only_late = n_late == n_errors;

      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, only_late ? DP_CHECK_INDIENTERMIJN_VERSTREKEN
                                                        : "controles-mislukt");
      json_builder_set_member_name (builder, "bericht");
      json_builder_add_string_value (builder, only_late
                                     ? "The submission period of this campaign has ended"
                                     : "The checks found errors; nothing was submitted");
      json_builder_set_member_name (builder, "bevindingen");
      json_builder_add_value (builder, dp_format_findings_to_node (findings, dossier));
      json_builder_end_object (builder);
      answer = json_builder_get_root (builder);
      respond_node (request->msg, only_late ? SOUP_STATUS_FORBIDDEN
                                            : SOUP_STATUS_UNPROCESSABLE_ENTITY, answer);
      return;
    }

  reference = new_reference (request->self, dp_facility_get_registration_number (target.facility),
                             target.year);
  submitted_at = dp_time_to_iso (now);

  json_builder_set_member_name (builder, "referentie");
  json_builder_add_string_value (builder, reference);
  json_builder_set_member_name (builder, "ingediend_op");
  json_builder_add_string_value (builder, submitted_at);
  json_builder_set_member_name (builder, "bevindingen");
  json_builder_add_value (builder, dp_format_findings_to_node (warnings, dossier));
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  response = json_to_string (answer, FALSE);

  /* The findings point at the dossier's lines: done with them before it turns read-only. */
  g_clear_pointer (&warnings, g_ptr_array_unref);
  g_clear_pointer (&findings, g_ptr_array_unref);

  dp_dossier_mark_submitted (dossier, now, reference);
  document = dp_format_save_data (dossier, NULL);

  if (!dp_store_submit (request->self->store, target.facility_id, target.year,
                        stored.revision, document, reference, submitted_at, key,
                        response, &error))
    {
      if (g_error_matches (error, DP_STORE_ERROR, DP_STORE_ERROR_SUBMITTED) ||
          g_error_matches (error, DP_STORE_ERROR, DP_STORE_ERROR_STALE))
        respond_error (request->msg, SOUP_STATUS_CONFLICT, "gewijzigd",
                       "The measurement changed while it was being submitted; try again");
      else
        respond_internal_error (request->msg, error);
      return;
    }

  soup_server_message_set_status (request->msg, SOUP_STATUS_CREATED, NULL);
  soup_server_message_set_response (request->msg, "application/json", SOUP_MEMORY_COPY,
                                    response, strlen (response));
}

/* Routing. */

static gboolean
match_route (const DpRoute  *route,
             char          **segments,
             char          **out_params)
{
  g_auto(GStrv) pattern = g_strsplit (route->path, "/", -1);
  guint n_params = 0;

  if (g_strv_length (pattern) != g_strv_length (segments))
    return FALSE;

  for (guint i = 0; pattern[i] != NULL; i++)
    {
      if (pattern[i][0] == '{')
        {
          if (segments[i][0] == '\0')
            return FALSE;
          if (out_params != NULL && n_params < 2)
            out_params[n_params] = segments[i];
          n_params++;
        }
      else if (!g_str_equal (pattern[i], segments[i]))
        return FALSE;
    }
  return TRUE;
}

static void
server_callback (SoupServer        *soup,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  DpServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  g_autoptr(GString) allow = g_string_new (NULL);
  SoupMessageHeaders *response_headers;
  DpRequest request = { 0 };

  g_assert (DP_IS_SERVER (self));

  response_headers = soup_server_message_get_response_headers (msg);
  /* Dossiers are personal: no cache in between keeps them. */
  soup_message_headers_replace (response_headers, "Cache-Control", "no-store");

  request.self = self;
  request.msg = msg;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      char *params[2] = { NULL, NULL };

      if (!match_route (&routes[i], segments, params))
        continue;
      if (!g_str_equal (routes[i].method, method))
        {
          if (allow->len > 0)
            g_string_append (allow, ", ");
          g_string_append (allow, routes[i].method);
          continue;
        }

      request.params[0] = params[0];
      request.params[1] = params[1];
      if (routes[i].authenticated && !authenticate (&request))
        return;
      routes[i].handler (&request);
      return;
    }

  if (allow->len > 0)
    {
      soup_message_headers_replace (response_headers, "Allow", allow->str);
      respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "methode-niet-toegestaan",
                     "%s is not allowed here; allowed: %s", method, allow->str);
      return;
    }
  respond_error (msg, SOUP_STATUS_NOT_FOUND, "niet-gevonden", "No such resource: %s", path);
}

/* Body limits: refused as soon as the size is known, and the bytes that still arrive are
 * dropped instead of kept, so that a large body costs no memory. A client that goes on
 * sending far beyond the limit is cut off: reading it to the end would let one request
 * keep the server busy for as long as it likes. */

#define DRAIN_LIMIT (4 * DP_SERVER_MAX_BODY)

static void
refuse_oversized (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
  respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "te-groot",
                 "The body is larger than %d bytes", DP_SERVER_MAX_BODY);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  gsize total = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), "dp-body-size"));

  total += g_bytes_get_size (chunk);
  g_object_set_data (G_OBJECT (msg), "dp-body-size", GSIZE_TO_POINTER (total));

  if (total > DRAIN_LIMIT)
    {
      g_autoptr(GIOStream) stream = NULL;

      g_signal_handlers_disconnect_by_func (msg, got_chunk_cb, user_data);
      stream = soup_server_message_steal_connection (msg);
      if (stream != NULL)
        g_io_stream_close (stream, NULL, NULL);
      return;
    }

  if (total > DP_SERVER_MAX_BODY && soup_server_message_get_status (msg) == 0)
    refuse_oversized (msg);
}

static void
early_callback (SoupServer        *soup,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);

  if (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > DP_SERVER_MAX_BODY)
    refuse_oversized (msg);

  /* Count what arrives: a chunked body's size is known only while reading, and the
   * drained rest of a refused body is cut off past DRAIN_LIMIT. */
  if (encoding == SOUP_ENCODING_CHUNKED || encoding == SOUP_ENCODING_EOF ||
      soup_server_message_get_status (msg) != 0)
    g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), NULL);
}

/* The object. */

static void
dp_server_constructed (GObject *object)
{
  DpServer *self = (DpServer *)object;

  G_OBJECT_CLASS (dp_server_parent_class)->constructed (object);

  self->soup = soup_server_new ("server-header", "dagprijzen-server/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (self->soup, NULL, early_callback, self, NULL);
  soup_server_add_handler (self->soup, NULL, server_callback, self, NULL);
}

static void
dp_server_dispose (GObject *object)
{
  DpServer *self = (DpServer *)object;

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dp_server_parent_class)->dispose (object);
}

static void
dp_server_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DpServer *self = DP_SERVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SESSION_LIFETIME:
      g_value_set_int64 (value, self->session_lifetime);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_server_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DpServer *self = DP_SERVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SESSION_LIFETIME:
      dp_server_set_session_lifetime (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_server_class_init (DpServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dp_server_constructed;
  object_class->dispose = dp_server_dispose;
  object_class->get_property = dp_server_get_property;
  object_class->set_property = dp_server_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DP_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SESSION_LIFETIME] =
    g_param_spec_int64 ("session-lifetime", NULL, NULL,
                        1, G_MAXINT32, DP_AUTH_SESSION_LIFETIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dp_server_init (DpServer *self)
{
  g_date_clear (&self->today, 1);
  self->session_lifetime = DP_AUTH_SESSION_LIFETIME;
}

DpServer *
dp_server_new (DpStore *store)
{
  g_return_val_if_fail (DP_IS_STORE (store), NULL);

  return g_object_new (DP_TYPE_SERVER, "store", store, NULL);
}

DpStore *
dp_server_get_store (DpServer *self)
{
  g_return_val_if_fail (DP_IS_SERVER (self), NULL);
  return self->store;
}

void
dp_server_set_today (DpServer    *self,
                     const GDate *today)
{
  g_return_if_fail (DP_IS_SERVER (self));

  if (today != NULL && g_date_valid (today))
    self->today = *today;
  else
    g_date_clear (&self->today, 1);
}

void
dp_server_set_session_lifetime (DpServer *self,
                                gint64    seconds)
{
  g_return_if_fail (DP_IS_SERVER (self));
  g_return_if_fail (seconds > 0);

  if (self->session_lifetime == seconds)
    return;
  self->session_lifetime = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_LIFETIME]);
}

gboolean
dp_server_listen (DpServer         *self,
                  const char       *address,
                  guint             port,
                  GTlsCertificate  *tls_certificate,
                  GError          **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;

  g_return_val_if_fail (DP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);

  inet = g_inet_address_new_from_string (address != NULL ? address : "127.0.0.1");
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address", address);
      return FALSE;
    }

  /* Tokens and dossiers travel in the clear over HTTP: only on this machine. */
  if (tls_certificate == NULL && !g_inet_address_get_is_loopback (inet))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "Plain HTTP is served on loopback only; give --tls-cert and --tls-key "
                   "to listen on %s", address);
      return FALSE;
    }

  if (tls_certificate != NULL)
    soup_server_set_tls_certificate (self->soup, tls_certificate);

  socket_address = g_inet_socket_address_new (inet, (guint16) port);
  return soup_server_listen (self->soup, socket_address,
                             tls_certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, error);
}

char *
dp_server_dup_uri (DpServer *self)
{
  GSList *listeners;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *host = NULL;
  char *text = NULL;

  g_return_val_if_fail (DP_IS_SERVER (self), NULL);

  /* From the listening socket itself: soup_server_get_uris() of libsoup 3.2 leaks the
   * address it asks for. */
  listeners = soup_server_get_listeners (self->soup);
  if (listeners != NULL)
    address = g_socket_get_local_address (listeners->data, NULL);
  g_slist_free (listeners);

  if (G_IS_INET_SOCKET_ADDRESS (address))
    {
      GInetSocketAddress *inet = G_INET_SOCKET_ADDRESS (address);
      GInetAddress *ip = g_inet_socket_address_get_address (inet);

      host = g_inet_address_to_string (ip);
      text = g_strdup_printf ("%s://%s%s%s:%u/",
                              soup_server_is_https (self->soup) ? "https" : "http",
                              g_inet_address_get_family (ip) == G_SOCKET_FAMILY_IPV6 ? "[" : "",
                              host,
                              g_inet_address_get_family (ip) == G_SOCKET_FAMILY_IPV6 ? "]" : "",
                              g_inet_socket_address_get_port (inet));
    }
  return text;
}
