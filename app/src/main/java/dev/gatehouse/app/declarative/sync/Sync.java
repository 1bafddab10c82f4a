package dev.gatehouse.app.declarative.sync;

import dev.gatehouse.app.declarative.deck.DeckYaml;
import dev.gatehouse.app.declarative.kuma.KumaPlanApplier;
import dev.gatehouse.app.declarative.kuma.KumaPlanner;
import dev.gatehouse.app.declarative.kuma.KumaYaml;
import dev.gatehouse.app.declarative.plan.Change;
import dev.gatehouse.app.declarative.plan.Plan;
import dev.gatehouse.app.declarative.plan.PlanApplier;
import dev.gatehouse.app.declarative.plan.Planner;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import java.util.List;
import java.util.function.Consumer;

/**
 * One file against one runtime, as {@code deck gateway sync} and {@code kumactl apply} work: the plan, the
 * validation of every entity before anything changes, and the apply in dependency order. Every call blocks on the
 * runtime, so call them off the FX thread.
 */
public interface Sync {

    /** What applying the file would change now. */
    Plan plan();

    /**
     * Checks every entity of {@code plan} with the runtime; throws {@link
     * dev.gatehouse.app.declarative.plan.ApplyException} naming each invalid one (nothing changed). False when the
     * runtime offers no validation without writing (a Kuma control plane), so only the apply itself will tell.
     */
    boolean validate(Plan plan);

    /** Applies a validated plan, {@code progress} seeing each change once done; stops at a refusal, saying where. */
    List<Change> execute(Plan plan, Consumer<Change> progress);

    /**
     * {@code text} against the runtime {@code target} names: the gateway (a decK file) or the control plane (Kuma
     * YAML); the runtime must be there.
     */
    static Sync of(
            FileTarget target,
            String text,
            java.util.Optional<GatewayRepository> gateway,
            java.util.Optional<MeshRepository> mesh) {
        return switch (target) {
            case GATEWAY -> gateway(gateway.orElseThrow(), text, List.of());
            case MESH -> mesh(mesh.orElseThrow(), text);
            case KUBERNETES, UNKNOWN -> throw new IllegalArgumentException("not a file to apply: " + target);
        };
    }

    /** A decK file against a gateway, within {@code selectTags} (and the file's own {@code _info.select_tags}). */
    static Sync gateway(GatewayRepository gateway, String text, List<String> selectTags) {
        var file = DeckYaml.read(text);
        PlanApplier applier = new PlanApplier(gateway);
        return new Sync() {
            @Override
            public Plan plan() {
                return new Planner(gateway).plan(file, selectTags);
            }

            @Override
            public boolean validate(Plan plan) {
                applier.validate(plan);
                return true;
            }

            @Override
            public List<Change> execute(Plan plan, Consumer<Change> progress) {
                return applier.execute(plan, progress);
            }
        };
    }

    /** Kuma Universal YAML against a control plane. */
    static Sync mesh(MeshRepository mesh, String text) {
        var documents = KumaYaml.read(text);
        KumaPlanApplier applier = new KumaPlanApplier(mesh);
        return new Sync() {
            @Override
            public Plan plan() {
                return new KumaPlanner(mesh).plan(documents);
            }

            @Override
            public boolean validate(Plan plan) {
                return applier.validate(plan);
            }

            @Override
            public List<Change> execute(Plan plan, Consumer<Change> progress) {
                return applier.execute(plan, progress);
            }
        };
    }
}
