package dev.gatehouse.app.tour;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiScheduler;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Failures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Issue 18's guided tour, "Secure your platform", on the active connection: the seven steps of the seed walkthrough,
 * each detected on the platform, done in one click through the repositories, and checked live through the
 * gateway's proxy. Progress is kept per connection profile. Detection runs when the tour opens, every few seconds
 * while it is open (so a step done through the forms or the graph is seen), after each step, and on a new connection.
 */
public final class TourViewModel {

    /** How often the platform is read again while the tour is open. */
    static final Duration POLL = Duration.ofSeconds(3);

    private final Messages messages;
    private final ActiveConnection connection;
    private final TourProgressStore store;
    private final Executor files;
    private final UiScheduler scheduler;
    private final Duration checkPatience;
    private final Clock clock;
    private final UiTasks tasks;
    private final Map<TourStep, TourStepModel> steps = new EnumMap<>(TourStep.class);
    private final BooleanProperty open = new SimpleBooleanProperty(this, "open");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private Map<TourStep, StepRecord> progress = new EnumMap<>(TourStep.class);
    private Optional<PlatformState> state = Optional.empty();
    private UiScheduler.Cancellable polling = () -> {};
    private Runnable onChange = () -> {};

    public TourViewModel(
            Messages messages,
            ActiveConnection connection,
            TourProgressStore store,
            Executor files,
            UiExecutor ui,
            UiScheduler scheduler,
            Duration checkPatience,
            Clock clock) {
        this.messages = messages;
        this.connection = connection;
        this.store = store;
        this.files = files;
        this.scheduler = scheduler;
        this.checkPatience = checkPatience;
        this.clock = clock;
        this.tasks = new UiTasks(ui);
        for (TourStep step : TourStep.values()) {
            steps.put(step, new TourStepModel(step));
        }
        connection.apisProperty().addListener((obs, old, now) -> connectionChanged());
        open.addListener((obs, was, now) -> {
            polling.cancel();
            if (now) {
                refresh();
                polling = scheduler.every(POLL, this::poll);
            }
        });
        connectionChanged();
    }

    /** What to do once a step changed the platform: reload the page beside the tour, which may show it. */
    public void setOnChange(Runnable action) {
        onChange = action;
    }

    public BooleanProperty openProperty() {
        return open;
    }

    public List<TourStepModel> steps() {
        return List.copyOf(steps.values());
    }

    public TourStepModel step(TourStep step) {
        return steps.get(step);
    }

    /** True while a step is being done or checked: one at a time, in order. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** "3 of 7 steps done". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Why the platform could not be read, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    private String profileId() {
        return connection.profile().id();
    }

    private void connectionChanged() {
        tasks.dropPending();
        state = Optional.empty();
        // the previous connection's marks must not show on this one while its own are read
        progress = new EnumMap<>(TourStep.class);
        error.set("");
        busy.set(false);
        steps.values().forEach(TourStepModel::clear);
        String profile = profileId();
        tasks.run(
                "progress",
                () -> CompletableFuture.supplyAsync(() -> store.load(profile), files),
                loaded -> {
                    progress = new EnumMap<>(TourStep.class);
                    progress.putAll(loaded);
                    show();
                    // reading a whole gateway is not free on a large remote one: only for an open tour
                    if (open.get()) {
                        refresh();
                    }
                },
                failure -> error.set(Failures.sentence(messages, failure)));
    }

    private void poll() {
        if (!busy.get()) {
            refresh();
        }
    }

    /** Command: read the platform again and mark what is already true. */
    public void refresh() {
        ConnectedApis apis = connection.apis();
        if (apis == null) {
            error.set(messages.get("tour.no.connection"));
            return;
        }
        TourDetector detector = new TourDetector(apis.gateway(), apis.mesh());
        tasks.run(
                "detect",
                detector::detect,
                detected -> {
                    error.set("");
                    state = Optional.of(detected);
                    show();
                },
                failure -> error.set(messages.get("tour.detect.failed", Failures.sentence(messages, failure))));
    }

    /** Command: do {@code step} through the repositories, then check it live. */
    public void perform(TourStep step) {
        ConnectedApis apis = connection.apis();
        if (apis == null
                || state.isEmpty()
                || busy.get()
                || !steps.get(step).enabledProperty().get()) {
            return;
        }
        PlatformState before = state.get();
        if (!step.onGateway() && before.ms().meshResource().isEmpty()) {
            fail(step, messages.get("tour.no.default.mesh", TourSeed.MESH));
            return;
        }
        TourDetector detector = new TourDetector(apis.gateway(), apis.mesh());
        TourActions actions = new TourActions(apis.gateway(), apis.mesh());
        start(step, messages.get("tour.working.do"));
        tasks.run(
                "step",
                () -> actions.perform(step, before)
                        .thenCompose(done -> detector.detect())
                        .thenCompose(after -> checkOn(apis, step, after)),
                outcome -> finish(step, outcome),
                failure -> fail(step, messages.get("tour.do.failed", Failures.sentence(messages, failure))));
    }

    /** Command: send {@code step}'s request through the proxy now, and mark the step done if the answer is right. */
    public void check(TourStep step) {
        ConnectedApis apis = connection.apis();
        if (apis == null || busy.get()) {
            return;
        }
        TourDetector detector = new TourDetector(apis.gateway(), apis.mesh());
        start(step, messages.get("tour.working.check"));
        tasks.run(
                "step",
                () -> detector.detect().thenCompose(now -> checkOn(apis, step, now)),
                outcome -> finish(step, outcome),
                failure -> fail(step, messages.get("tour.check.failed", Failures.sentence(messages, failure))));
    }

    /** Command: forget this connection's progress; the platform stays as it is. */
    public void reset() {
        String profile = profileId();
        tasks.run(
                "progress",
                () -> CompletableFuture.runAsync(() -> store.reset(profile), files),
                done -> {
                    progress = new EnumMap<>(TourStep.class);
                    steps.values().forEach(TourStepModel::clear);
                    show();
                    refresh();
                },
                failure -> error.set(Failures.sentence(messages, failure)));
    }

    /** The platform after a step, and what its live check saw (none without a proxy). */
    private record Outcome(PlatformState state, Optional<CheckResult> check) {}

    private CompletableFuture<Outcome> checkOn(ConnectedApis apis, TourStep step, PlatformState now) {
        if (!now.holds(step)) {
            return CompletableFuture.completedFuture(new Outcome(now, Optional.empty()));
        }
        return apis.proxy()
                .map(proxy -> new LiveCheck(proxy, checkPatience)
                        .check(step, now)
                        .thenApply(result -> new Outcome(now, Optional.of(result))))
                .orElseGet(() -> CompletableFuture.completedFuture(new Outcome(now, Optional.empty())));
    }

    private void start(TourStep step, String working) {
        // a detection started before the change would land after it and show the platform as it was
        tasks.drop("detect");
        busy.set(true);
        TourStepModel model = steps.get(step);
        model.set(TourStepModel.Status.WORKING, model.checkProperty().get(), working);
        showEnabled();
    }

    private void finish(TourStep step, Outcome outcome) {
        busy.set(false);
        state = Optional.of(outcome.state());
        TourStepModel model = steps.get(step);
        if (!outcome.state().holds(step)) {
            model.set(TourStepModel.Status.FAILED, "", messages.get("tour.not.seen"));
        } else if (outcome.check().isEmpty()) {
            record(step, messages.get("tour.check.noproxy"));
        } else if (outcome.check().get().passed()) {
            record(step, sentence(outcome.check().get()));
        } else {
            model.set(TourStepModel.Status.FAILED, sentence(outcome.check().get()), "");
        }
        show();
        onChange.run();
    }

    private void fail(TourStep step, String why) {
        busy.set(false);
        steps.get(step).set(TourStepModel.Status.FAILED, "", why);
        show();
        refresh();
        // a step that failed half-way (a service made, its route refused) changed the platform too
        onChange.run();
    }

    private void record(TourStep step, String check) {
        StepRecord record = new StepRecord(clock.instant(), check);
        progress.put(step, record);
        steps.get(step).set(TourStepModel.Status.DONE, check, "");
        String profile = profileId();
        tasks.run(
                "save-" + step.id(),
                () -> CompletableFuture.runAsync(() -> store.done(profile, step, record), files),
                saved -> {},
                failure -> error.set(Failures.sentence(messages, failure)));
    }

    /** What a check saw, in the seed's words. */
    String sentence(CheckResult result) {
        if (result.status().isEmpty()) {
            return messages.get("tour.check.noanswer", result.failure());
        }
        String why = reason(result);
        if (result.passed()) {
            return messages.get("tour.check.passed", result.expected(), why);
        }
        return result.said().isEmpty()
                ? messages.get("tour.check.unexpected", result.status().get(), result.expected(), why)
                : messages.get(
                        "tour.check.unexpected.said", result.status().get(), result.expected(), why, result.said());
    }

    /** Why the seed expects what it expects at this point. */
    private String reason(CheckResult result) {
        return switch (result.expected()) {
            case 404 -> messages.get("tour.why.404");
            case 401 -> result.withKey() ? messages.get("tour.why.401.key") : messages.get("tour.why.401");
            case 503 -> messages.get("tour.why.503");
            case 500 -> messages.get("tour.why.500");
            default ->
                result.key()
                        .map(k -> messages.get(
                                "tour.why.200.key",
                                state.map(s -> s.gw().keyName()).orElse(TourSeed.KEY_NAME),
                                k.masked(),
                                k.owner()))
                        .orElseGet(() -> messages.get("tour.why.200"));
        };
    }

    /** Each step's state from the last detection and the recorded progress; steps being worked on keep theirs. */
    private void show() {
        int done = 0;
        for (TourStepModel model : steps.values()) {
            TourStep step = model.step();
            TourStepModel.Status status = model.statusProperty().get();
            state.ifPresent(s -> model.setPreview(TourChanges.preview(step, s)));
            if (status == TourStepModel.Status.WORKING) {
                continue;
            }
            Optional<StepRecord> record = Optional.ofNullable(progress.get(step));
            if (state.isEmpty()) {
                // not read yet: what was recorded is all there is to show
                record.ifPresent(r -> model.set(TourStepModel.Status.DONE, r.check(), ""));
            } else if (!state.get().reachable(step)) {
                model.set(
                        TourStepModel.Status.UNAVAILABLE,
                        "",
                        messages.get(step.onGateway() ? "tour.no.gateway" : "tour.no.mesh"));
            } else if (state.get().holds(step)) {
                if (record.isPresent()) {
                    model.set(TourStepModel.Status.DONE, record.get().check(), "");
                } else if (status != TourStepModel.Status.FAILED) {
                    model.set(
                            TourStepModel.Status.ALREADY_TRUE,
                            model.checkProperty().get(),
                            "");
                }
            } else if (status != TourStepModel.Status.FAILED) {
                model.set(TourStepModel.Status.TODO, "", record.isPresent() ? messages.get("tour.undone") : "");
            }
            if (model.isComplete()) {
                done++;
            }
        }
        summary.set(messages.get("tour.progress", done, steps.size()));
        showEnabled();
    }

    /** A step may be done or checked once every step before it is; detection still covers all of them. */
    private void showEnabled() {
        boolean earlierComplete = true;
        List<TourStepModel> ordered = new ArrayList<>(steps.values());
        for (TourStepModel model : ordered) {
            boolean reachable = state.map(s -> s.reachable(model.step())).orElse(false);
            boolean holds = state.map(s -> s.holds(model.step())).orElse(false);
            model.setEnabled(earlierComplete && reachable && !holds && !busy.get());
            model.setCheckable(reachable && holds && !busy.get());
            // a side this connection lacks (a Kuma without a gateway) does not block the other side's steps
            earlierComplete &= model.isComplete() || model.statusProperty().get() == TourStepModel.Status.UNAVAILABLE;
        }
    }
}
