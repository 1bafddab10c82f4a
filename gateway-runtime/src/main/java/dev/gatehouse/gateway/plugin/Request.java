package dev.gatehouse.gateway.plugin;

import java.util.List;
import java.util.Map;

/** The client's request as a plugin reads it (Kong's {@code kong.request}, {@code kong/pdk/request.lua}). */
public interface Request {

    /** {@code get_method()}. */
    String method();

    /** {@code get_path()}: the normalised request path. */
    String path();

    /** {@code get_scheme()}: {@code http} or {@code https}. */
    String scheme();

    /** {@code get_host()}: the {@code Host} header without its port, lower-cased (empty when absent). */
    String host();

    /** {@code get_port()}: the port of the listener the request came in on. */
    int port();

    /** {@code get_path_with_query()}: the request target as the client sent it (nginx's {@code $request_uri}). */
    String pathWithQuery();

    /** {@code get_http_version()}: {@code 1.0} or {@code 1.1}. */
    double httpVersion();

    /** nginx's {@code $server_addr}: the local address the request came in on. */
    String serverAddress();

    /** nginx's {@code $connection}: the serial number of the client connection. */
    long connectionSerial();

    /** nginx's {@code $connection_requests}: how many requests the client connection has carried, this one included. */
    long connectionRequests();

    /** {@code get_headers()}: every request header, names lower-cased, in order. */
    Map<String, List<String>> headers();

    /** {@code get_header(name)}: the first value (names case-insensitive; {@code _} and {@code -} alike), or null. */
    String header(String name);

    /** Every value of a request header, as {@code get_headers()[name]} (empty when absent). */
    List<String> headerValues(String name);

    /**
     * {@code get_query()}: the query arguments in order; a name given without {@code =} has a null value (Kong's
     * {@code true}).
     */
    Map<String, List<String>> queryArgs();

    /**
     * {@code get_body()}: the request body decoded by content type ({@code application/x-www-form-urlencoded},
     * {@code application/json} objects, {@code multipart/form-data} fields); empty when there is none, it cannot be
     * decoded, or it is larger than the body buffer (8 KiB, Kong's {@code client_body_buffer_size}). Only available
     * to plugins whose handler {@link PluginHandler#readsRequestBody() reads the body}.
     */
    Map<String, Object> body();

    /**
     * {@code get_raw_body()}: the request body as text; null when it is larger than the body buffer, and empty when
     * there is none. Only available to plugins whose handler {@link PluginHandler#readsRequestBody() reads the body}.
     */
    String rawBody();

    /**
     * The matched regex path's captures (Kong's {@code ngx.ctx.router_matches.uri_captures}): {@code "0"} the whole
     * match, {@code "1"}... the groups, and named groups by name; empty when there are none.
     */
    Map<String, String> uriCaptures();
}
