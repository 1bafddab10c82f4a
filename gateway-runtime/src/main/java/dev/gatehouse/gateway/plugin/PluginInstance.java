package dev.gatehouse.gateway.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * One configured plugin (a {@code plugins} entity): its id, name, optional instance name, scope (route, service,
 * consumer ids; null when unscoped), the protocols it runs on and its validated {@code config} record.
 */
public record PluginInstance(
        String id,
        String name,
        String instanceName,
        String routeId,
        String serviceId,
        String consumerId,
        Set<String> protocols,
        ObjectNode config) {}
