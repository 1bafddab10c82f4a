package dev.gatehouse.app.declarative.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.PlanKind;
import java.util.Optional;

/**
 * One step of a plan. {@code before} and {@code after} are the entity as compared (defaults filled, references by
 * name), for the field-level diff; {@code request} is what is sent, with references still as names that apply
 * turns into ids; {@code liveId} is the entity being updated or deleted.
 */
public record Change(
        Op op,
        PlanKind kind,
        String name,
        Optional<String> liveId,
        ObjectNode before,
        ObjectNode after,
        ObjectNode request) {

    /** decK's plan line: {@code creating service demo-app}. */
    public String line() {
        return op.verb() + " " + kind.word() + " " + name;
    }
}
