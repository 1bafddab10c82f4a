package dev.gatehouse.gateway.log;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One finished request, as a live event: a sequence number (gaps mean events were dropped) and Kong's log serializer
 * JSON, the same payload http-log sends. Each subscriber gets its own JSON tree.
 */
public record RequestEvent(long sequence, ObjectNode json) {}
