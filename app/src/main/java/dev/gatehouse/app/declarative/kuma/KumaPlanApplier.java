package dev.gatehouse.app.declarative.kuma;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.deck.Futures;
import dev.gatehouse.app.declarative.plan.ApplyException;
import dev.gatehouse.app.declarative.plan.Change;
import dev.gatehouse.app.declarative.plan.Op;
import dev.gatehouse.app.declarative.plan.Plan;
import dev.gatehouse.app.declarative.plan.ValidationTarget;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Applies a Kuma plan: first every resource of the file through the control plane's validation (nothing changes if
 * one is invalid), then each change in the plan's order (a Mesh before its policies; on delete, policies before their
 * Mesh), stopping at the first the control plane refuses and saying what had been applied.
 */
public final class KumaPlanApplier {

    private final MeshRepository mesh;

    public KumaPlanApplier(MeshRepository mesh) {
        this.mesh = mesh;
    }

    /**
     * Every resource through {@link MeshRepository#validate} (our control plane's {@code POST /_validate}, the PUT's
     * own checks with nothing stored); all the problems in one message, nothing changed. Returns false when the
     * control plane offers no validation (a Kuma: it has no dry run), so only its PUTs will tell.
     */
    public boolean validate(Plan plan) {
        List<String> problems = new ArrayList<>();
        boolean checked = true;
        for (ValidationTarget target : plan.entities()) {
            if (target.refusal().isPresent()) {
                problems.add(target.refusal().get());
                continue;
            }
            try {
                checked &= Futures.join(mesh.validate(target.request()));
            } catch (MeshException e) {
                problems.add(target.kind().word() + " " + target.name() + " is invalid: " + reason(e));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApplyException(
                    "Nothing was applied: " + String.join("; ", problems)
                            + (problems.getLast().endsWith(".") ? "" : "."),
                    List.of());
        }
        return checked;
    }

    /** Applies a plan {@link #validate} accepted; {@code progress} sees each change once it is done. */
    public List<Change> execute(Plan plan, Consumer<Change> progress) {
        List<Change> applied = new ArrayList<>();
        for (Change change : plan.changes()) {
            MeshResourceType type = ((MeshKind) change.kind()).type();
            ObjectNode resource = change.request();
            MeshEdit edit = switch (change.op()) {
                case CREATE, UPDATE -> MeshEdit.put(type, resource);
                case DELETE ->
                    MeshEdit.delete(
                            type,
                            resource.path("mesh").asText(""),
                            resource.path("name").asText());
            };
            try {
                Futures.join(mesh.apply(edit));
            } catch (RuntimeException e) {
                if (!(e instanceof MeshException m) || m.status() != 404 || change.op() != Op.DELETE) {
                    throw new ApplyException(
                            "The control plane refused " + change.line() + ": " + reason(e) + ". "
                                    + ApplyException.appliedBefore(applied),
                            applied);
                }
                // Already gone: deleting a Mesh takes its policies with it.
            }
            applied.add(change);
            progress.accept(change);
        }
        return applied;
    }

    /** The control plane's words: its message, then each invalid field with its reason. */
    public static String reason(RuntimeException e) {
        if (!(e instanceof MeshException m)) {
            return "the control plane could not be reached (" + e.getMessage() + ")";
        }
        String fields = m.fieldErrors().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(f -> f.getKey() + ": " + f.getValue())
                .collect(Collectors.joining("; "));
        return fields.isEmpty() ? m.getMessage() : m.getMessage() + " (" + fields + ")";
    }
}
