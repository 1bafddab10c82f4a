package dev.gatehouse.gateway.plugin;

import dev.gatehouse.gateway.runtime.ProxyConsumer;

/**
 * What an authentication plugin does on success (Kong's {@code set_consumer} in the auth plugins' handlers): records
 * the consumer and credential and sets, or clears, the {@code X-Consumer-*}, {@code X-Credential-Identifier} and
 * {@code X-Anonymous-Consumer} upstream headers ({@code kong/constants.lua} HEADERS).
 */
public final class ConsumerHeaders {

  private ConsumerHeaders() {
  }

  public static void set(PluginContext ctx, ProxyConsumer consumer, Credential credential) {
    ctx.authenticate(consumer, credential);
    setOrClear(ctx, "X-Consumer-ID", consumer == null ? null : consumer.id());
    setOrClear(ctx, "X-Consumer-Custom-ID", consumer == null ? null : consumer.customId());
    setOrClear(ctx, "X-Consumer-Username", consumer == null ? null : consumer.username());
    setOrClear(ctx, "X-Credential-Identifier", credential == null ? null : credential.id());
    setOrClear(ctx, "X-Anonymous-Consumer", credential == null ? "true" : null);
  }

  private static void setOrClear(PluginContext ctx, String name, String value) {
    if (value != null) {
      ctx.setUpstreamHeader(name, value);
    } else {
      ctx.clearUpstreamHeader(name);
    }
  }
}
