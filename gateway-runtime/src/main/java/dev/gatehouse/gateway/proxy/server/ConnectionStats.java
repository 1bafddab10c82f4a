package dev.gatehouse.gateway.proxy.server;

/** nginx's stub_status counters of the proxy ({@code kong.nginx.get_statistics()} field by field). */
public record ConnectionStats(
        long accepted, long handled, long active, long reading, long writing, long waiting, long totalRequests) {}
