package dev.gatehouse.gateway.plugin;

import dev.gatehouse.gateway.log.RequestLog;

/**
 * The runtime behaviour of one configured plugin, created once per configuration version by
 * {@link PluginDefinition#handler} and shared by every request (so it must be thread-safe). Phases run on the
 * proxy's event loop and must never block; they follow Kong's order: {@code access} (plugins by descending
 * priority; a plugin may end the request), {@code header_filter} (on the response about to be sent, proxied or
 * not), then {@code log} (after the response, off the latency path). As Kong runs a handler in a phase only if it
 * has that phase's function, a handler runs only in the phases whose method its class overrides.
 */
public interface PluginHandler {

    /** Kong's access phase. */
    default void access(PluginContext ctx) {}

    /** Kong's header_filter phase. */
    default void headerFilter(PluginContext ctx) {}

    /**
     * Asked after header_filter, for a response with a body about to be forwarded: true when {@link #bodyFilter} needs
     * this response's whole body. Only then is the body held back and buffered (up to
     * {@code ClientResponse.MAX_HELD_BODY}); a response no handler asks for streams through as before.
     */
    default boolean buffersResponseBody(PluginContext ctx) {
        return false;
    }

    /**
     * Kong's body_filter, on the whole response body (Kong's {@code kong.response.get_raw_body}); returns the body to
     * send ({@code set_raw_body}), or {@code body} unchanged. Runs only when {@link #buffersResponseBody} said so.
     */
    default byte[] bodyFilter(PluginContext ctx, byte[] body) {
        return body;
    }

    /** Kong's log phase: receives the finished request; must only enqueue work. */
    default void log(RequestLog log) {}

    /** True when {@link #access} reads the request body (key-auth's {@code key_in_body}). */
    default boolean readsRequestBody() {
        return false;
    }
}
