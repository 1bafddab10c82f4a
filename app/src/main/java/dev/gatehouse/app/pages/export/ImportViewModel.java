package dev.gatehouse.app.pages.export;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.declarative.plan.ApplyException;
import dev.gatehouse.app.declarative.plan.Change;
import dev.gatehouse.app.declarative.plan.Op;
import dev.gatehouse.app.declarative.plan.Plan;
import dev.gatehouse.app.declarative.sync.FileTarget;
import dev.gatehouse.app.declarative.sync.Sync;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.i18n.Messages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Export page's import half: a decK file or Kuma YAML opened, planned against the active connection's gateway
 * or control plane (what {@code gatehouse diff} prints, as a tree), and applied with progress, as
 * {@code gatehouse apply} does. Apply plans again first and stops if the live state moved since the plan shown;
 * an applied file becomes the connection's {@link LastFile}. Work runs in the background; answers for an older file
 * or another connection are dropped.
 */
public final class ImportViewModel {

    private static final String PLAN = "import-plan";
    private static final String APPLY = "import-apply";
    /** Far above any real configuration; a larger file is a mistake, not something to parse. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    /** A file read and planned: its name, its text, whom it is for and what applying it would change. */
    private record Planned(String name, String text, FileTarget target, Plan plan) {}

    /** How an apply ended: applied (then the plan once more), stopped midway, or refused because the plan moved. */
    private sealed interface Outcome {
        record Applied(List<Change> changes, Plan after, boolean validated) implements Outcome {}

        record Stopped(int applied, String reason) implements Outcome {}

        record Moved(Plan now) implements Outcome {}
    }

    private final Messages messages;
    private final ActiveConnection connection;
    private final UiTasks tasks;
    private final Executor background;
    private final DialogService dialogs;
    private final LastFiles lastFiles;
    private final Clock clock;
    private final Runnable applied;

    private Planned loaded;
    private final StringProperty fileName = new SimpleStringProperty(this, "fileName", "");
    private final ObjectProperty<FileTarget> target = new SimpleObjectProperty<>(this, "target");
    private final ObjectProperty<Plan> plan = new SimpleObjectProperty<>(this, "plan");
    private final StringProperty heading = new SimpleStringProperty(this, "heading", "");
    private final BooleanProperty planning = new SimpleBooleanProperty(this, "planning");
    private final BooleanProperty applying = new SimpleBooleanProperty(this, "applying");
    private final IntegerProperty appliedCount = new SimpleIntegerProperty(this, "appliedCount");
    private final IntegerProperty failedAt = new SimpleIntegerProperty(this, "failedAt", -1);
    private final BooleanProperty spent = new SimpleBooleanProperty(this, "spent");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");

    /** {@code applied} runs on the UI executor after a file was applied (the page measures drift again). */
    public ImportViewModel(
            Messages messages,
            ActiveConnection connection,
            UiExecutor ui,
            Executor background,
            DialogService dialogs,
            LastFiles lastFiles,
            Clock clock,
            Runnable applied) {
        this.messages = messages;
        this.connection = connection;
        this.tasks = new UiTasks(ui);
        this.background = background;
        this.dialogs = dialogs;
        this.lastFiles = lastFiles;
        this.clock = clock;
        this.applied = applied;
        connection.apisProperty().addListener((obs, old, now) -> {
            // The plan was for the runtime left behind; the file is planned again against the new one.
            tasks.dropPending();
            planning.set(false);
            applying.set(false);
            showPlan(null);
            error.set("");
            status.set("");
            if (now != null && loaded != null) {
                plan(loaded.name(), loaded.text());
            }
        });
    }

    /** The name of the file planned (or being planned); empty before the first. */
    public StringProperty fileNameProperty() {
        return fileName;
    }

    /** Whom the planned file is for; null before a plan. */
    public ObjectProperty<FileTarget> targetProperty() {
        return target;
    }

    /** What applying the file would change, in apply order; null before a plan or after a failure. */
    public ObjectProperty<Plan> planProperty() {
        return plan;
    }

    /** What the plan is of: "kong.yaml on the gateway of Sandbox". */
    public StringProperty headingProperty() {
        return heading;
    }

    public BooleanProperty planningProperty() {
        return planning;
    }

    public BooleanProperty applyingProperty() {
        return applying;
    }

    /** How many of the plan's changes are applied (the first ones, in order); updated in batches while applying. */
    public IntegerProperty appliedCountProperty() {
        return appliedCount;
    }

    /** The index of the change the runtime refused, or -1. */
    public IntegerProperty failedAtProperty() {
        return failedAt;
    }

    /**
     * True once the plan shown was applied, wholly or up to a refusal: it shows what was done, no longer what applying
     * would do, so it cannot be applied again until planned again.
     */
    public BooleanProperty spentProperty() {
        return spent;
    }

    /** Why the last open, plan or apply failed, as a sentence; empty otherwise. */
    public StringProperty errorProperty() {
        return error;
    }

    /** What the last apply did; empty otherwise. */
    public StringProperty statusProperty() {
        return status;
    }

    /** "2 to create, 1 to update, 0 to delete" for {@code plan}. */
    public String summary(Plan plan) {
        return messages.get("import.summary", plan.count(Op.CREATE), plan.count(Op.UPDATE), plan.count(Op.DELETE));
    }

    /** Command: reads {@code file} and plans it against the runtime it is for. */
    public CompletableFuture<Void> open(Path file) {
        String name = file.getFileName().toString();
        return plan(name, () -> read(file));
    }

    /** Command: plans a last file again (the drift bar's Review), to see or to restore it. */
    public CompletableFuture<Void> review(LastFile last) {
        return plan(last.name(), last.text());
    }

    /** Command: plans the open file again, against the live state as it is now. */
    public CompletableFuture<Void> replan() {
        return loaded == null ? CompletableFuture.completedFuture(null) : plan(loaded.name(), loaded.text());
    }

    private CompletableFuture<Void> plan(String name, String text) {
        return plan(name, () -> text);
    }

    private CompletableFuture<Void> plan(String name, java.util.function.Supplier<String> text) {
        tasks.drop(APPLY);
        applying.set(false);
        error.set("");
        status.set("");
        fileName.set(name);
        ConnectedApis apis = connection.apis();
        String where = connection.profile().name();
        planning.set(true);
        return tasks.run(
                PLAN,
                () -> CompletableFuture.supplyAsync(
                        () -> {
                            String content = text.get();
                            FileTarget of = targetOf(name, content, apis, where);
                            return new Planned(
                                    name, content, of, sync(of, content, apis).plan());
                        },
                        background),
                planned -> {
                    planning.set(false);
                    loaded = planned;
                    target.set(planned.target());
                    heading.set(messages.get(
                            planned.target() == FileTarget.GATEWAY ? "import.heading.gateway" : "import.heading.mesh",
                            planned.name(),
                            where));
                    showPlan(planned.plan());
                },
                failure -> {
                    planning.set(false);
                    showPlan(null);
                    error.set(messages.get("import.failed", name, FileFailures.sentence(messages, failure)));
                });
    }

    /** Command: asks, then applies the plan shown; nothing happens when there is nothing to apply. */
    public CompletableFuture<Void> apply() {
        Planned file = loaded;
        Plan shown = plan.get();
        if (file == null || shown == null || shown.isEmpty() || spent.get() || applying.get() || planning.get()) {
            return CompletableFuture.completedFuture(null);
        }
        String where = connection.profile().name();
        boolean confirmed = dialogs.confirm(
                messages.get("import.confirm.title", file.name()),
                messages.get(
                        file.target() == FileTarget.GATEWAY ? "import.confirm.gateway" : "import.confirm.mesh",
                        file.name(),
                        where,
                        summary(shown)),
                messages.get("import.apply"));
        if (!confirmed) {
            return CompletableFuture.completedFuture(null);
        }
        ConnectedApis apis = connection.apis();
        String connectionId = connection.profile().id();
        error.set("");
        status.set("");
        appliedCount.set(0);
        failedAt.set(-1);
        applying.set(true);
        return tasks.runWithProgress(
                APPLY,
                ticket -> CompletableFuture.supplyAsync(
                        () -> {
                            Sync sync = sync(file.target(), file.text(), apis);
                            Plan now = sync.plan();
                            if (!now.render().equals(shown.render())) {
                                return new Outcome.Moved(now);
                            }
                            boolean validated = sync.validate(now);
                            AtomicInteger done = new AtomicInteger();
                            AtomicBoolean queued = new AtomicBoolean();
                            List<Change> changes;
                            try {
                                changes = sync.execute(now, change -> {
                                    done.incrementAndGet();
                                    // One update in flight at most: the UI reads the latest count when it runs.
                                    if (queued.compareAndSet(false, true)) {
                                        ticket.publish(() -> {
                                            queued.set(false);
                                            appliedCount.set(done.get());
                                        });
                                    }
                                });
                            } catch (ApplyException e) {
                                return new Outcome.Stopped(e.applied().size(), e.getMessage());
                            }
                            lastFiles.write(
                                    connectionId,
                                    new LastFile(
                                            file.target(),
                                            LastFile.How.APPLIED,
                                            clock.instant(),
                                            file.name(),
                                            file.text()));
                            return new Outcome.Applied(changes, sync.plan(), validated);
                        },
                        background),
                outcome -> {
                    applying.set(false);
                    switch (outcome) {
                        case Outcome.Applied a -> {
                            spent.set(true);
                            appliedCount.set(a.changes().size());
                            status.set(appliedSentence(file, where, a));
                            applied.run();
                        }
                        case Outcome.Stopped s -> {
                            spent.set(s.applied() > 0);
                            appliedCount.set(s.applied());
                            failedAt.set(s.applied());
                            error.set(s.reason());
                            applied.run();
                        }
                        case Outcome.Moved m -> {
                            showPlan(m.now());
                            error.set(messages.get(
                                    file.target() == FileTarget.GATEWAY
                                            ? "import.moved.gateway"
                                            : "import.moved.mesh"));
                        }
                    }
                },
                failure -> {
                    applying.set(false);
                    error.set(FileFailures.sentence(messages, failure));
                });
    }

    private String appliedSentence(Planned file, String where, Outcome.Applied outcome) {
        String sentence = messages.get("import.applied", outcome.changes().size(), where, file.name());
        if (!outcome.after().isEmpty()) {
            sentence += " "
                    + messages.get(
                            "import.applied.remaining",
                            outcome.after().changes().size());
        }
        if (!outcome.validated()) {
            sentence += " " + messages.get("import.applied.unvalidated");
        }
        return sentence;
    }

    private void showPlan(Plan shown) {
        spent.set(false);
        appliedCount.set(0);
        failedAt.set(-1);
        if (shown == null) {
            target.set(null);
            heading.set("");
        }
        plan.set(shown);
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException("it is larger than " + MAX_BYTES / (1024 * 1024) + " MB.");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("it does not exist.");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException("it is not UTF-8 text.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whom {@code text} is for, refusing a file the connection has no runtime for, with a sentence. */
    private FileTarget targetOf(String name, String text, ConnectedApis apis, String where) {
        FileTarget of;
        try {
            of = FileTarget.of(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("it " + e.getMessage());
        }
        return switch (of) {
            case GATEWAY -> {
                if (apis == null || apis.gateway().isEmpty()) {
                    throw new IllegalArgumentException(messages.get("import.no_gateway", where));
                }
                yield of;
            }
            case MESH -> {
                if (apis == null || apis.mesh().isEmpty()) {
                    throw new IllegalArgumentException(messages.get("import.no_mesh", where));
                }
                yield of;
            }
            case KUBERNETES -> throw new IllegalArgumentException(messages.get("import.kubernetes"));
            case UNKNOWN -> throw new IllegalArgumentException(messages.get("import.unknown"));
        };
    }

    private static Sync sync(FileTarget target, String text, ConnectedApis apis) {
        return Sync.of(target, text, apis.gateway(), apis.mesh());
    }
}
