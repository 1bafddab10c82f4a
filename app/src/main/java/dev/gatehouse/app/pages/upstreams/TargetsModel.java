package dev.gatehouse.app.pages.upstreams;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Failures;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntityOwner;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.gateway.TargetHealth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected upstream's targets with their health ({@code GET /upstreams/{u}/health}): add one, delete one, and
 * mark one healthy or unhealthy by hand, as Kong Manager's target list does.
 */
public final class TargetsModel {

    private final Messages messages;
    private final DialogService dialogs;
    private final UiTasks tasks;
    private final Supplier<Optional<GatewayRepository>> gateway;
    private final Consumer<String> changed;
    private final ObjectProperty<ObjectNode> upstream = new SimpleObjectProperty<>(this, "upstream");
    private final ObservableList<TargetHealth> targets = FXCollections.observableArrayList();
    private final StringProperty newTarget = new SimpleStringProperty(this, "newTarget", "");
    private final StringProperty newWeight = new SimpleStringProperty(this, "newWeight", "");
    private final StringProperty targetError = new SimpleStringProperty(this, "targetError", "");
    private final StringProperty weightError = new SimpleStringProperty(this, "weightError", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty loaded = new SimpleBooleanProperty(this, "loaded");

    /** {@code changed} hears the id of an upstream whose targets or health just changed here. */
    public TargetsModel(
            Messages messages,
            DialogService dialogs,
            UiExecutor ui,
            Supplier<Optional<GatewayRepository>> gateway,
            Consumer<String> changed) {
        this.messages = messages;
        this.dialogs = dialogs;
        this.tasks = new UiTasks(ui);
        this.gateway = gateway;
        this.changed = changed;
        upstream.addListener((obs, old, now) -> {
            if (old != null && now != null && Rows.text(old, "id").equals(Rows.text(now, "id"))) {
                // The same upstream reloaded: its targets stay, and the form keeps what was typed.
                return;
            }
            // Answers still on their way belong to the upstream shown before.
            tasks.dropPending();
            busy.set(false);
            loaded.set(false);
            targets.clear();
            newTarget.set("");
            newWeight.set("");
            clearErrors();
            status.set("");
            if (now != null) {
                refresh();
            }
        });
    }

    public ObjectProperty<ObjectNode> upstreamProperty() {
        return upstream;
    }

    /** The upstream's targets with their health, in the order the gateway lists them. */
    public ObservableList<TargetHealth> targets() {
        return targets;
    }

    /** The address of a target to add: host or IP, with an optional port (Kong adds :8000). */
    public StringProperty newTargetProperty() {
        return newTarget;
    }

    /** Its weight, 0 to 65535; empty for Kong's default of 100. */
    public StringProperty newWeightProperty() {
        return newWeight;
    }

    public StringProperty targetErrorProperty() {
        return targetError;
    }

    public StringProperty weightErrorProperty() {
        return weightError;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** The targets of the current upstream have been read at least once. */
    public BooleanProperty loadedProperty() {
        return loaded;
    }

    private String upstreamId() {
        return Rows.text(upstream.get(), "id");
    }

    /** Reads the targets and their health again, quietly: the list changes only where the gateway's did. */
    public void refresh() {
        if (upstream.get() == null) {
            return;
        }
        String id = upstreamId();
        gateway.get()
                .ifPresent(g -> tasks.run(
                        "health",
                        () -> g.targetHealth(id),
                        now -> {
                            loaded.set(true);
                            if (!targets.equals(now)) {
                                targets.setAll(now);
                            }
                        },
                        failure -> status.set(Failures.sentence(messages, failure))));
    }

    /** Command: add the target as typed. */
    public void create() {
        Optional<GatewayRepository> client = gateway.get();
        if (client.isEmpty() || upstream.get() == null) {
            return;
        }
        clearErrors();
        if (newTarget.get().isBlank()) {
            targetError.set(messages.get("targets.target.required"));
            return;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("target", newTarget.get().strip());
        if (!newWeight.get().isBlank()) {
            try {
                body.put("weight", Integer.parseInt(newWeight.get().strip()));
            } catch (NumberFormatException e) {
                weightError.set(messages.get("targets.weight.invalid"));
                return;
            }
        }
        busy.set(true);
        String id = upstreamId();
        tasks.run(
                "create",
                () -> client.get().create(new EntityOwner(EntityKind.UPSTREAMS, id), EntityKind.TARGETS, body),
                created -> {
                    busy.set(false);
                    newTarget.set("");
                    newWeight.set("");
                    status.set(messages.get("targets.created", Rows.text(created, "target")));
                    refresh();
                    changed.accept(id);
                },
                failure -> {
                    busy.set(false);
                    Optional<GatewayException> error = Failures.gatewayError(failure);
                    Map<String, String> fields =
                            error.map(GatewayException::fieldErrors).orElse(Map.of());
                    if (fields.containsKey("target")) {
                        targetError.set(fields.get("target"));
                    } else if (fields.containsKey("weight")) {
                        weightError.set(fields.get("weight"));
                    } else if (error.map(GatewayException::isUniqueViolation).orElse(false)) {
                        targetError.set(error.get().getMessage());
                    } else {
                        status.set(Failures.sentence(messages, failure));
                    }
                });
    }

    /** Command: give a target another weight (0 takes it out of the balancer without deleting it). */
    public void setWeight(TargetHealth target, String weight) {
        Optional<GatewayRepository> client = gateway.get();
        if (client.isEmpty() || upstream.get() == null) {
            return;
        }
        int value;
        try {
            value = Integer.parseInt(weight.strip());
        } catch (NumberFormatException e) {
            status.set(messages.get("targets.weight.invalid"));
            return;
        }
        if (value == target.weight()) {
            return;
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode().put("weight", value);
        String id = upstreamId();
        tasks.run(
                "weight:" + target.id(),
                () -> client.get()
                        .update(new EntityOwner(EntityKind.UPSTREAMS, id), EntityKind.TARGETS, target.id(), patch),
                saved -> {
                    status.set(messages.get("targets.weight.set", target.target(), value));
                    refresh();
                    changed.accept(id);
                },
                failure -> {
                    status.set(Failures.gatewayError(failure)
                            .map(e -> e.fieldErrors().getOrDefault("weight", Failures.sentence(messages, failure)))
                            .orElseGet(() -> Failures.sentence(messages, failure)));
                    // The field shows the stored weight again.
                    targets.setAll(List.copyOf(targets));
                });
    }

    /** Command: delete a target after confirmation (the balancer stops sending it traffic at once). */
    public void delete(TargetHealth target) {
        Optional<GatewayRepository> client = gateway.get();
        if (client.isEmpty() || upstream.get() == null) {
            return;
        }
        if (!dialogs.confirm(
                messages.get("targets.delete.title"),
                messages.get("targets.delete.message", target.target(), Rows.label(upstream.get())),
                messages.get("action.delete"))) {
            return;
        }
        String id = upstreamId();
        tasks.run(
                "delete",
                () -> client.get().delete(new EntityOwner(EntityKind.UPSTREAMS, id), EntityKind.TARGETS, target.id()),
                ok -> {
                    status.set(messages.get("targets.deleted", target.target()));
                    refresh();
                    changed.accept(id);
                },
                failure -> status.set(Failures.sentence(messages, failure)));
    }

    /** Command: mark a target healthy or unhealthy by hand, until the health checks say otherwise. */
    public void mark(TargetHealth target, boolean healthy) {
        Optional<GatewayRepository> client = gateway.get();
        if (client.isEmpty() || upstream.get() == null) {
            return;
        }
        String id = upstreamId();
        tasks.run(
                "mark:" + target.id(),
                () -> client.get().setTargetHealth(id, target.id(), healthy),
                ok -> {
                    status.set(messages.get(
                            healthy ? "targets.marked.healthy" : "targets.marked.unhealthy", target.target()));
                    refresh();
                    changed.accept(id);
                },
                failure -> status.set(Failures.sentence(messages, failure)));
    }

    /**
     * Whether marking a target by hand means anything: only while health checks are on, as Kong Manager offers it
     * (tests/playwright/specs/upstreams/02-UpstreamTargets.spec.ts "mark healthy/unhealthy should not appear").
     */
    public static boolean canMark(TargetHealth target) {
        return target.health() != TargetHealth.Health.HEALTHCHECKS_OFF;
    }

    /** How many targets are in each state, for the upstream list's summary. */
    public static Map<TargetHealth.Health, Long> counts(List<TargetHealth> targets) {
        Map<TargetHealth.Health, Long> counts = new java.util.EnumMap<>(TargetHealth.Health.class);
        for (TargetHealth target : targets) {
            counts.merge(target.health(), 1L, Long::sum);
        }
        return counts;
    }

    private void clearErrors() {
        targetError.set("");
        weightError.set("");
    }
}
