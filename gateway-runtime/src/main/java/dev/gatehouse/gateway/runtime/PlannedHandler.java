package dev.gatehouse.gateway.runtime;

import dev.gatehouse.gateway.log.RequestLog;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;

/**
 * A configured plugin's handler as plans hold it, with the phases it defines. Kong runs a handler in a phase only
 * if the handler has that phase's function ({@code kong/runloop/plugins_iterator.lua}: {@code if handler[phase]});
 * here, only if its class overrides the phase's method. Found once when the handler is built, never per request.
 */
public record PlannedHandler(
        PluginHandler handler, boolean access, boolean headerFilter, boolean bodyFilter, boolean log) {

    /** {@code handler} with the phases its class (or a superclass) defines. */
    public static PlannedHandler of(PluginHandler handler) {
        Class<?> c = handler.getClass();
        return new PlannedHandler(
                handler,
                defines(c, "access", PluginContext.class),
                defines(c, "headerFilter", PluginContext.class),
                defines(c, "bodyFilter", PluginContext.class, byte[].class),
                defines(c, "log", RequestLog.class));
    }

    /** True when some phase may read the request body (only access can). */
    public boolean readsRequestBody() {
        return access && handler.readsRequestBody();
    }

    private static boolean defines(Class<?> c, String method, Class<?>... parameters) {
        try {
            return c.getMethod(method, parameters).getDeclaringClass() != PluginHandler.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e); // PluginHandler declares each phase method
        }
    }
}
