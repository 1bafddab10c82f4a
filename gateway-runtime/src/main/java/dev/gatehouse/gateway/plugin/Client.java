package dev.gatehouse.gateway.plugin;

import dev.gatehouse.gateway.proxy.Credential;
import dev.gatehouse.gateway.proxy.ProxyConsumer;
import java.util.List;

/** Who sent the request, as authentication plugins set it (Kong's {@code kong.client}, {@code kong/pdk/client.lua}). */
public interface Client {

    /** {@code get_forwarded_ip()}: the client address (no trusted proxies are configured). */
    String ip();

    /** {@code get_consumer()}, or null. */
    ProxyConsumer consumer();

    /** {@code get_credential()}, or null. */
    Credential credential();

    /** {@code authenticate(consumer, credential)}: sets the consumer and credential (either may be null). */
    void authenticate(ProxyConsumer consumer, Credential credential);

    /** Groups set by an authentication plugin ({@code authenticated_groups}), or null. */
    List<String> authenticatedGroups();

    /** {@code load_consumer(idOrUsername, true)}: a consumer by id, else by username, or null. */
    ProxyConsumer loadConsumer(String idOrUsername);
}
