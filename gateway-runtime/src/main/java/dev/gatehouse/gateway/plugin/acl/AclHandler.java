package dev.gatehouse.gateway.plugin.acl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.plugin.Client;
import dev.gatehouse.gateway.plugin.Credential;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import java.util.ArrayList;
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

  AclHandler(ObjectNode config) {
    JsonNode denyNode = config.get("deny");
    this.deny = denyNode != null && denyNode.isArray() && !denyNode.isEmpty();
    List<String> g = new ArrayList<>();
    (deny ? denyNode : config.path("allow")).forEach(n -> g.add(n.asText()));
    this.groups = List.copyOf(g);
    this.hideGroupsHeader = config.path("hide_groups_header").asBoolean(false);
    this.alwaysUseAuthenticatedGroups = config.path("always_use_authenticated_groups").asBoolean(false);
  }

  @Override
  public void access(PluginContext ctx) {
    Client client = ctx.client();
    Credential credential = client.credential();
    String consumerId = client.consumer() != null ? client.consumer().id()
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
      List<String> auth = (credential == null || alwaysUseAuthenticatedGroups) ? client.authenticatedGroups() : null;
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
      ctx.serviceRequest().setHeader(authenticatedGroups ? "X-Authenticated-Groups" : "X-Consumer-Groups",
          String.join(", ", memberOf));
    }
  }
}
