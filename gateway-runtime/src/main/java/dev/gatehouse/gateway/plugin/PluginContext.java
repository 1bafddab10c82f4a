package dev.gatehouse.gateway.plugin;

import dev.gatehouse.gateway.proxy.ProxyRoute;
import dev.gatehouse.gateway.proxy.ProxyService;
import java.util.Map;

/**
 * What a plugin phase is handed, after Kong's PDK: the client's request ({@code kong.request}), the client's
 * identity ({@code kong.client}), the request sent upstream ({@code kong.service.request}), the response to the
 * client ({@code kong.response}), the matched route and service ({@code kong.router}), and the plugin's own
 * in-memory view of its entities and per-request storage.
 */
public interface PluginContext {

    /** Kong's {@code kong.request}. */
    Request request();

    /** Kong's {@code kong.client}. */
    Client client();

    /** Kong's {@code kong.service.request}. */
    ServiceRequest serviceRequest();

    /** Kong's {@code kong.response}. */
    Response response();

    /** The matched route ({@code kong.router.get_route()}), or null in phases that run for unrouted requests. */
    ProxyRoute route();

    /** The matched route's service ({@code kong.router.get_service()}), or null. */
    ProxyService service();

    /** The plugin's in-memory view of its entities ({@link PluginDefinition#index}), or null. */
    <T> T index();

    /** Per-request storage for this plugin (Kong's {@code kong.ctx.plugin}). */
    Map<String, Object> pluginContext();

    /**
     * Names the query argument or header a credential was read from (no Kong equivalent), so that logs written to
     * files replace its value with {@code REDACTED}.
     */
    default void credentialRead(String name) {}
}
