package dev.gatehouse.gateway.plugin.iprestriction;

import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import java.util.List;

/**
 * ip-restriction's access phase ({@code kong/plugins/ip-restriction/handler.lua}): the client address (the
 * connection's peer, Kong's {@code ngx.var.remote_addr}) is rejected when a deny range holds it, or when there are
 * allow ranges and none holds it; the rejection is {@code kong.response.error(status or 403, message or
 * "IP address not allowed: <ip>")}.
 */
final class IpRestrictionHandler implements PluginHandler {

    static final String NOT_ALLOWED = "IP address not allowed: ";
    static final String NO_ADDRESS = "Cannot identify the client IP address, unix domain sockets are not supported.";

    private final IpRestrictionConfig config;

    IpRestrictionHandler(IpRestrictionConfig config) {
        this.config = config;
    }

    @Override
    public void access(PluginContext ctx) {
        String ip = ctx.client().ip();
        byte[] address = Cidr.address(ip);
        if (address == null) {
            ctx.response().error(403, NO_ADDRESS, null);
            return;
        }
        boolean blocked =
                matches(config.deny(), address) || (!config.allow().isEmpty() && !matches(config.allow(), address));
        if (blocked) {
            ctx.response()
                    .error(
                            config.status() == null ? 403 : config.status(),
                            config.message() == null ? NOT_ALLOWED + ip : config.message(),
                            null);
        }
    }

    private static boolean matches(List<Cidr> ranges, byte[] address) {
        for (Cidr c : ranges) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
