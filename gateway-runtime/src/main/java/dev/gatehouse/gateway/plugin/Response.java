package dev.gatehouse.gateway.plugin;

import java.util.List;
import java.util.Map;

/**
 * The response to the client (Kong's {@code kong.response}, {@code kong/pdk/response.lua}). In the access phase a
 * header set here applies to whatever response follows, proxied or not; in header_filter, to the response being
 * sent. Header names and values are escaped as the setters are called.
 */
public interface Response {

    /**
     * {@code error(status, message, headers)}: ends the request with {@code status} and Kong's error body (JSON, HTML,
     * XML or text following {@code Accept}, with the request id); a null message uses the status's default message.
     */
    void error(int status, String message, Map<String, String> headers);

    /** {@code exit(status, nil, headers)}: ends the request without a body. */
    void exit(int status, Map<String, String> headers);

    /**
     * {@code exit(status, body, headers)} with a body already encoded: the plugin names its {@code Content-Type} in
     * {@code headers} (none is added), and a 204 or 304 carries neither body nor {@code Content-Length}.
     */
    void exit(int status, String body, Map<String, String> headers);

    /**
     * {@code exit(status, body, headers)} with raw bytes and headers of several values each (a response replayed from
     * a cache): no header is added but Kong's own; a 204 or 304 carries no body.
     */
    void exit(int status, byte[] body, Map<String, List<String>> headers);

    /** True once a plugin ended the request. */
    boolean exited();

    /** {@code set_header(name, value)}. */
    void setHeader(String name, String value);

    /** {@code add_header(name, value)} in header_filter; in access it behaves as {@link #setHeader}. */
    void addHeader(String name, String value);

    /** {@code clear_header(name)}. */
    void clearHeader(String name);

    /** {@code get_header(name)}: a header of the response being sent (header_filter only), or null. */
    String header(String name);

    /** {@code get_headers()}: the headers of the response being sent, names lower-cased (header_filter only). */
    Map<String, List<String>> headers();

    /** {@code ngx.resp.get_headers(0, true)}: the headers of the response being sent, names as written. */
    Map<String, List<String>> rawHeaders();

    /** {@code get_status()}: the status of the response being sent (header_filter and body_filter), else 0. */
    int status();
}
