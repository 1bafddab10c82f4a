package dev.gatehouse.gateway.plugin.iprestriction;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.util.List;

/**
 * ip-restriction's {@code config} ({@code kong/plugins/ip-restriction/schema.lua}), read once per configuration
 * version: the parsed allow and deny ranges (empty when unset), and the optional {@code status} and {@code message}
 * of a rejection (null when unset: the handler then answers 403 {@code IP address not allowed: <ip>}).
 */
record IpRestrictionConfig(List<Cidr> allow, List<Cidr> deny, Integer status, String message) {

    static IpRestrictionConfig of(ObjectNode c) {
        return new IpRestrictionConfig(
                ranges(c, "allow"),
                ranges(c, "deny"),
                Json.isNull(c.get("status")) ? null : c.get("status").asInt(),
                Json.text(c.get("message")));
    }

    private static List<Cidr> ranges(ObjectNode c, String field) {
        return Json.strings(c.get(field)).stream().map(Cidr::parse).toList();
    }
}
