package dev.gatehouse.app.pages.entities;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.gateway.LoadedConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Compare with what Kong loaded", on the gateway pages of a connection whose gateway sits behind a translating
 * controller (the Kong Ingress Controller, its Kong's Admin API reached through a port-forward): what Kong runs
 * against what the page shows, as a sentence and a row per difference.
 */
public final class KongLoadedViewModel {

    /** One difference: which kind, which object, and what is known of why. */
    public record Row(String kind, String object, String why, boolean missingFromKong) {}

    private final Messages messages;
    private final ActiveConnection connection;
    private final UiTasks tasks;
    private final BooleanProperty available = new SimpleBooleanProperty(this, "available");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final BooleanProperty inSync = new SimpleBooleanProperty(this, "inSync");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();

    public KongLoadedViewModel(Messages messages, ActiveConnection connection, UiExecutor ui) {
        this.messages = messages;
        this.connection = connection;
        this.tasks = new UiTasks(ui);
        connection.apisProperty().addListener((obs, old, now) -> connected(now));
        connected(connection.apis());
    }

    private void connected(ConnectedApis apis) {
        tasks.dropPending();
        running.set(false);
        hide();
        available.set(configuration(apis).isPresent());
    }

    private static Optional<LoadedConfiguration> configuration(ConnectedApis apis) {
        return apis == null ? Optional.empty() : apis.gateway().flatMap(GatewayRepository::loadedConfiguration);
    }

    /** True when there is a loaded configuration to compare with. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** True while a result (or a failure) is on show. */
    public ReadOnlyBooleanProperty shownProperty() {
        return shown;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    public ReadOnlyBooleanProperty inSyncProperty() {
        return inSync;
    }

    /** The differences, what Kong lacks first; replaced as a whole. */
    public ObservableList<Row> rows() {
        return rows;
    }

    /** Command: compares now. */
    public void compare() {
        Optional<LoadedConfiguration> configuration = configuration(connection.apis());
        if (configuration.isEmpty() || running.get()) {
            return;
        }
        running.set(true);
        tasks.run(
                "kong-loaded",
                () -> configuration.get().compare(),
                comparison -> {
                    running.set(false);
                    show(comparison);
                },
                failure -> {
                    running.set(false);
                    rows.clear();
                    inSync.set(false);
                    summary.set(messages.get("loaded.failed", String.valueOf(failure.getMessage())));
                    shown.set(true);
                });
    }

    /** Command: puts the result away. */
    public void hide() {
        shown.set(false);
        rows.clear();
        summary.set("");
    }

    private void show(LoadedConfiguration.Comparison comparison) {
        List<Row> found = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        for (LoadedConfiguration.KindComparison kind : comparison.kinds()) {
            String label = messages.get(kindKey(kind.kind()));
            counts.add(messages.get("loaded.count", label, kind.loaded(), kind.shown()));
            kind.notLoaded().forEach(m -> found.add(new Row(label, m.object(), m.why(), true)));
        }
        for (LoadedConfiguration.KindComparison kind : comparison.kinds()) {
            String label = messages.get(kindKey(kind.kind()));
            kind.notShown().forEach(m -> found.add(new Row(label, m.object(), m.why(), false)));
        }
        inSync.set(comparison.inSync());
        summary.set(messages.get(comparison.inSync() ? "loaded.in_sync" : "loaded.differs", String.join(", ", counts)));
        rows.setAll(found);
        shown.set(true);
    }

    private static String kindKey(EntityKind kind) {
        return switch (kind) {
            case ROUTES -> "loaded.kind.routes";
            case SERVICES -> "loaded.kind.services";
            case PLUGINS -> "loaded.kind.plugins";
            default -> "loaded.kind.consumers";
        };
    }
}
