package dev.gatehouse.gateway.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.proxy.Credential;
import java.util.List;
import java.util.Map;

/**
 * Everything Kong's basic log serializer ({@code kong.log.serialize()} in {@code kong/pdk/log.lua}) reports about one
 * finished request, captured immutably on the event loop so that the JSON can be built elsewhere (the http-log
 * sender, the live event dispatcher) without touching the proxy's latency path.
 *
 * <p>Header and query maps hold Kong's shapes: a name maps to a string, to a list of strings when repeated, or (query
 * arguments without a value) to {@code Boolean.TRUE}. Header names are lower-case.
 *
 * <p>{@code credentialNames} are the query arguments and headers a plugin read a credential from (key-auth's key
 * names), whose values logs written to files leave out ({@link CredentialRedaction}); Kong's serializer itself
 * prints them, so {@link #toJson} does too.
 */
public record RequestLog(
        String requestId,
        String requestUri,
        String url,
        Map<String, Object> querystring,
        String method,
        Map<String, Object> requestHeaders,
        long requestSize,
        Tls tls,
        String upstreamUri,
        String upstreamStatus,
        int status,
        Map<String, Object> responseHeaders,
        long responseSize,
        long kongLatency,
        long proxyLatency,
        long requestLatency,
        long receiveLatency,
        List<UpstreamTry> tries,
        Credential credential,
        ObjectNode route,
        ObjectNode service,
        ObjectNode consumer,
        String clientIp,
        long startedAt,
        String source,
        String workspace,
        String workspaceName,
        List<String> credentialNames) {

    /** Never null. */
    public RequestLog {
        credentialNames = credentialNames == null ? List.of() : credentialNames;
    }

    /** TLS facts of an HTTPS request ({@code request.tls}). */
    public record Tls(String version, String cipher, String clientVerify) {}

    /** Kong's serializer output for this request (a new tree each call; callers may change it). */
    public ObjectNode toJson() {
        return LogSerializer.serialize(this);
    }
}
