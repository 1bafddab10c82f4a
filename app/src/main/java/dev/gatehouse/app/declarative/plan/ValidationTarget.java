package dev.gatehouse.app.declarative.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.PlanKind;
import java.util.Optional;

/**
 * One entity of the file as the gateway's validation sees it, with what blocks it: {@code refusal} when its key is
 * redacted and there is no live key to keep.
 */
public record ValidationTarget(PlanKind kind, String name, ObjectNode request, Optional<String> refusal) {}
