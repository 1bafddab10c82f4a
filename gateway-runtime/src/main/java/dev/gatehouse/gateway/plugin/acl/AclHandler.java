package dev.gatehouse.gateway.plugin.acl;

import dev.gatehouse.gateway.plugin.Client;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.proxy.Credential;
import java.util.List;

/**
 * acl's access phase ({@code kong/plugins/acl/handler.lua}): 401 without an identified consumer, 403
 * {@code You cannot consume this service} when the consumer's groups (or the authenticated groups) are denied or not
 * allowed; otherwise passes the groups upstream in {@code X-Consumer-Groups} (or {@code X-Authenticated-Groups}).
 */
final class AclHandler implements PluginHandler {

    static final String FORBIDDEN = "You cannot consume this service";

    private final boolean deny;
    private final List<String> groups;
    private final boolean hideGroupsHeader;
    private final boolean alwaysUseAuthenticatedGroups;

    AclHandler(AclConfig config) {
        this.deny = config.denies();
        this.groups = deny ? config.deny() : config.allow();
        this.hideGroupsHeader = config.hideGroupsHeader();
        this.alwaysUseAuthenticatedGroups = config.alwaysUseAuthenticatedGroups();
    }

    @Override
    public void access(PluginContext ctx) {
        Client client = ctx.client();
        Credential credential = client.credential();
        String consumerId = client.consumer() != null
                ? client.consumer().id()
                : credential != null ? credential.consumerId() : null;
        List<String> memberOf;
        boolean authenticatedGroups = false;
        if (consumerId == null) {
            memberOf = client.authenticatedGroups();
            if (memberOf == null) {
                if (credential != null) {
                    ctx.response().error(403, FORBIDDEN, null);
                } else {
                    ctx.response().error(401, null, null);
                }
                return;
            }
            authenticatedGroups = true;
        } else {
            List<String> auth =
                    (credential == null || alwaysUseAuthenticatedGroups) ? client.authenticatedGroups() : null;
            if (auth != null) {
                memberOf = auth;
                authenticatedGroups = true;
            } else {
                AclGroups index = ctx.index();
                memberOf = index == null ? null : index.of(consumerId);
                if (memberOf == null) {
                    if (!deny) {
                        if (credential != null) {
                            ctx.response().error(403, FORBIDDEN, null);
                        } else {
                            ctx.response().error(401, null, null);
                        }
                        return;
                    }
                    memberOf = List.of();
                }
            }
        }
        boolean inGroup = false;
        for (String g : groups) {
            if (memberOf.contains(g)) {
                inGroup = true;
                break;
            }
        }
        boolean blocked = deny == inGroup;
        if (blocked) {
            ctx.response().error(403, FORBIDDEN, null);
            return;
        }
        if (!hideGroupsHeader) {
            ctx.serviceRequest()
                    .setHeader(
                            authenticatedGroups ? "X-Authenticated-Groups" : "X-Consumer-Groups",
                            String.join(", ", memberOf));
        }
    }
}
