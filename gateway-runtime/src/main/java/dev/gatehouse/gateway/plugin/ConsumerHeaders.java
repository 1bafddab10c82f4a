package dev.gatehouse.gateway.plugin;

import dev.gatehouse.gateway.proxy.Credential;
import dev.gatehouse.gateway.proxy.ProxyConsumer;

/**
 * What an authentication plugin does on success (Kong's {@code set_consumer} in the auth plugins' handlers): records
 * the consumer and credential and sets, or clears, the {@code X-Consumer-*}, {@code X-Credential-Identifier} and
 * {@code X-Anonymous-Consumer} upstream headers ({@code kong/constants.lua} HEADERS).
 */
public final class ConsumerHeaders {

    private ConsumerHeaders() {}

    public static void set(PluginContext ctx, ProxyConsumer consumer, Credential credential) {
        ctx.client().authenticate(consumer, credential);
        ServiceRequest upstream = ctx.serviceRequest();
        setOrClear(upstream, "X-Consumer-ID", consumer == null ? null : consumer.id());
        setOrClear(upstream, "X-Consumer-Custom-ID", consumer == null ? null : consumer.customId());
        setOrClear(upstream, "X-Consumer-Username", consumer == null ? null : consumer.username());
        setOrClear(upstream, "X-Credential-Identifier", credential == null ? null : credential.id());
        setOrClear(upstream, "X-Anonymous-Consumer", credential == null ? "true" : null);
    }

    private static void setOrClear(ServiceRequest upstream, String name, String value) {
        if (value != null) {
            upstream.setHeader(name, value);
        } else {
            upstream.clearHeader(name);
        }
    }
}
