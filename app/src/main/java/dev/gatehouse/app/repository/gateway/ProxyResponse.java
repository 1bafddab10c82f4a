package dev.gatehouse.app.repository.gateway;

import java.util.List;
import java.util.Map;

/** What the proxy answered: status, headers (lower-case names), body as text, and how long it took. */
public record ProxyResponse(int status, Map<String, List<String>> headers, String body, long latencyMillis) {}
