package dev.gatehouse.app.pages.export;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.declarative.plan.Op;
import dev.gatehouse.app.declarative.plan.Plan;
import dev.gatehouse.app.declarative.sync.FileTarget;
import dev.gatehouse.app.declarative.sync.Sync;
import dev.gatehouse.app.i18n.Messages;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Drift: whether each runtime of the active connection still matches the last file saved from or applied on this
 * page for that connection, and by how many entities it differs. It is the plan of that file against the live
 * state, so an entity added since shows as one applying would delete. Measured when the page opens, when its
 * runtime changes while it is in view, and after a save or an apply; the lines come back together.
 */
public final class DriftViewModel {

    private static final String CHECK = "drift";

    /** One runtime's drift: its last file, and the plan against it or why there is none. */
    public record Line(LastFile file, Optional<Plan> plan, String sentence) {

        /** True when the live state no longer matches the file, or could not be compared with it. */
        public boolean differs() {
            return plan.map(p -> !p.isEmpty()).orElse(true);
        }
    }

    private final Messages messages;
    private final ActiveConnection connection;
    private final UiTasks tasks;
    private final Executor background;
    private final LastFiles lastFiles;
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final DateTimeFormatter when;
    private boolean checking;

    public DriftViewModel(
            Messages messages,
            ActiveConnection connection,
            UiExecutor ui,
            Executor background,
            LastFiles lastFiles,
            ZoneId zone) {
        this.messages = messages;
        this.connection = connection;
        this.tasks = new UiTasks(ui);
        this.background = background;
        this.lastFiles = lastFiles;
        this.when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(messages.locale())
                .withZone(zone);
        connection.apisProperty().addListener((obs, old, now) -> {
            tasks.dropPending();
            checking = false;
            lines.clear();
            if (now != null) {
                check();
            }
        });
    }

    /** A line per runtime that has a last file on this connection, gateway first; replaced as a whole. */
    public ObservableList<Line> lines() {
        return lines;
    }

    /** Measures drift again, in the background; an answer still on its way is dropped. */
    public CompletableFuture<Void> check() {
        ConnectedApis apis = connection.apis();
        if (apis == null) {
            return CompletableFuture.completedFuture(null);
        }
        String id = connection.profile().id();
        checking = true;
        return tasks.run(
                CHECK,
                () -> CompletableFuture.supplyAsync(() -> measure(apis, id), background),
                measured -> {
                    checking = false;
                    lines.setAll(measured);
                },
                failure -> {
                    checking = false;
                    lines.clear();
                });
    }

    /**
     * Measures again unless a measure is still running: the page's polls come every few seconds, and a large
     * gateway's plan may take longer than that, so they must not pile up.
     */
    public void refresh() {
        if (!checking) {
            check();
        }
    }

    private List<Line> measure(ConnectedApis apis, String connectionId) {
        List<Line> measured = new ArrayList<>();
        if (apis.gateway().isPresent()) {
            lastFiles.read(connectionId, FileTarget.GATEWAY).ifPresent(last -> measured.add(line(last, apis)));
        }
        if (apis.mesh().isPresent()) {
            lastFiles.read(connectionId, FileTarget.MESH).ifPresent(last -> measured.add(line(last, apis)));
        }
        return measured;
    }

    private Line line(LastFile last, ConnectedApis apis) {
        String runtime = messages.get(last.target() == FileTarget.GATEWAY ? "drift.gateway" : "drift.mesh");
        String how = messages.get(
                last.how() == LastFile.How.APPLIED ? "drift.applied" : "drift.exported", when.format(last.at()));
        try {
            Sync sync = Sync.of(last.target(), last.text(), apis.gateway(), apis.mesh());
            Plan plan = sync.plan();
            String sentence = plan.isEmpty()
                    ? messages.get("drift.matches", runtime, last.name(), how)
                    : messages.get(
                            "drift.differs",
                            runtime,
                            last.name(),
                            how,
                            plan.changes().size(),
                            plan.count(Op.DELETE),
                            plan.count(Op.UPDATE),
                            plan.count(Op.CREATE));
            return new Line(last, Optional.of(plan), sentence);
        } catch (RuntimeException e) {
            return new Line(
                    last,
                    Optional.empty(),
                    messages.get("drift.failed", runtime, last.name(), FileFailures.sentence(messages, e)));
        }
    }
}
