package dev.gatehouse.app.kong;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** One page of a Kong list: {@code data}, and the offset of the next page when there is one. */
public record KongPage(List<ObjectNode> data, Optional<String> nextOffset) {
}
