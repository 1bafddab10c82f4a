package dev.gatehouse.gateway.plugin;

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

    /** {@code set_body(fields)}: the body re-encoded in the request's content type (form or JSON). */
    void setBody(Map<String, Object> fields);
}
