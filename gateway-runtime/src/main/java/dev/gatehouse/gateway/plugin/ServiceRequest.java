package dev.gatehouse.gateway.plugin;

import java.util.List;
import java.util.Map;

/**
 * The request as it will be sent upstream (Kong's {@code kong.service.request}, {@code kong/pdk/service/request.lua}).
 * Header names and values are escaped as the setters are called (CR/LF and other control characters cannot reach
 * the upstream).
 */
public interface ServiceRequest {

    /** {@code set_header(name, value)}. */
    void setHeader(String name, String value);

    /** {@code clear_header(name)}. */
    void clearHeader(String name);

    /** {@code clear_query_arg(name)}. */
    void clearQueryArg(String name);

    /** {@code add_header(name, value)}: one more value of the header. */
    void addHeader(String name, String value);

    /** {@code set_method(method)}. */
    void setMethod(String method);

    /** {@code set_path(path)}: the upstream path, as given (the route's stripping and the service's path no longer apply). */
    void setPath(String path);

    /** {@code set_query(args)}: the whole query, encoded in the map's order (a null value is a flag without {@code =}). */
    void setQuery(Map<String, List<String>> args);

    /** {@code set_raw_body(body)}: the body sent upstream, with its {@code Content-Length}. */
    void setRawBody(byte[] body);

    /** {@code set_body(fields)}: the body re-encoded in the request's content type (form or JSON). */
    void setBody(Map<String, Object> fields);
}
