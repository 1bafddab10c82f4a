package dev.gatehouse.gateway.plugin.acl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.util.List;

/**
 * acl's {@code config} ({@code kong/plugins/acl/schema.lua}), read once per configuration version. An unset
 * {@code allow} or {@code deny} is an empty list; the schema lets only one of them be set.
 */
record AclConfig(
        List<String> allow, List<String> deny, boolean hideGroupsHeader, boolean alwaysUseAuthenticatedGroups) {

    static AclConfig of(ObjectNode c) {
        return new AclConfig(
                Json.strings(c.get("allow")),
                Json.strings(c.get("deny")),
                c.path("hide_groups_header").asBoolean(false),
                c.path("always_use_authenticated_groups").asBoolean(false));
    }

    /** Kong's handler: a non-empty {@code deny} list denies its groups; otherwise {@code allow} allows its groups. */
    boolean denies() {
        return !deny.isEmpty();
    }
}
