package dev.gatehouse.gateway.plugin;

import dev.gatehouse.gateway.runtime.ProxyConsumer;
import dev.gatehouse.gateway.runtime.ProxyRoute;
import dev.gatehouse.gateway.runtime.ProxyService;
import java.util.List;
import java.util.Map;

/**
 * What a plugin phase may read and change, after Kong's PDK: the request ({@code kong.request}), the request sent
 * upstream ({@code kong.service.request}), the client's identity ({@code kong.client}), the response
 * ({@code kong.response}) and the plugin's own in-memory view of its entities.
 */
public interface PluginContext {

  // kong.request

  String method();

  /** The normalised request path. */
  String path();

  /** The first value of a request header (names are case-insensitive; {@code _} and {@code -} equivalent), or null. */
  String header(String name);

  /** Every value of a request header (empty when absent). */
  List<String> headerValues(String name);

  /** The query arguments in order; a name given without {@code =} has a null value (Kong's {@code true}). */
  Map<String, List<String>> queryArgs();

  /**
   * The request body decoded by content type ({@code application/x-www-form-urlencoded}, {@code application/json}
   * objects, {@code multipart/form-data} fields) as Kong's {@code kong.request.get_body()}; empty when there is none,
   * it cannot be decoded, or it is larger than the body buffer (8 KiB, Kong's {@code client_body_buffer_size}).
   * Only available to plugins whose handler {@link PluginHandler#readsRequestBody() reads the body}.
   */
  Map<String, Object> body();

  /** The client address (Kong's {@code kong.client.get_forwarded_ip()}; no trusted proxies are configured). */
  String clientIp();

  /** The request's scheme: {@code http} or {@code https}. */
  String scheme();

  // kong.router

  /** The matched route, or null in phases that run for unrouted requests. */
  ProxyRoute route();

  /** The matched route's service, or null. */
  ProxyService service();

  // kong.client

  ProxyConsumer consumer();

  Credential credential();

  /** Kong's {@code kong.client.authenticate}: sets the consumer and credential (either may be null). */
  void authenticate(ProxyConsumer consumer, Credential credential);

  /** Groups set by an authentication plugin ({@code authenticated_groups}), or null. */
  List<String> authenticatedGroups();

  /** A consumer by id or username (Kong's {@code kong.client.load_consumer(x, true)}), or null. */
  ProxyConsumer findConsumer(String idOrUsername);

  // kong.service.request

  void setUpstreamHeader(String name, String value);

  void clearUpstreamHeader(String name);

  void clearUpstreamQueryArg(String name);

  /** Replaces the upstream body with re-encoded form or JSON fields (key-auth's {@code hide_credentials}). */
  void setUpstreamBody(Map<String, Object> fields);

  // kong.response

  /**
   * Kong's {@code kong.response.error}: ends the request with {@code status} and Kong's error body (JSON, HTML, XML or
   * text following {@code Accept}, with the request id); a null message uses the status's default message.
   */
  void error(int status, String message, Map<String, String> headers);

  /** Kong's {@code kong.response.exit} without a body. */
  void exit(int status, Map<String, String> headers);

  /** True once a plugin ended the request. */
  boolean exited();

  /**
   * Sets a header on the response to the client: in access, on whatever response follows (proxied or not); in
   * header_filter, on the response being sent.
   */
  void setResponseHeader(String name, String value);

  /** Adds a response header value (in header_filter; in access it behaves as {@link #setResponseHeader}). */
  void addResponseHeader(String name, String value);

  void clearResponseHeader(String name);

  /** A header of the response being sent (header_filter only), or null. */
  String responseHeader(String name);

  // plugin support

  /** The plugin's in-memory view of its entities ({@link PluginDefinition#index}), or null. */
  <T> T index();

  /** Per-request storage for this plugin (Kong's {@code kong.ctx.plugin}). */
  Map<String, Object> pluginContext();
}
