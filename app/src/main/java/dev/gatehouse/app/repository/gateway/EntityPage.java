package dev.gatehouse.app.repository.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** One page of a list of entities, and the offset of the next page when there is one. */
public record EntityPage(List<ObjectNode> data, Optional<String> nextOffset) {}
