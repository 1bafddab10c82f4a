package dev.gatehouse.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A consumer as plugins and the log serializer see it ({@code logJson}: stored fields without nulls, with ws_id). */
public record ProxyConsumer(String id, String username, String customId, ObjectNode logJson) {}
