package dev.gatehouse.app.concurrent;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background calls of one view-model (JabRef's BackgroundTask and UiTaskExecutor are the model): a call names
 * its purpose and always brings both a success and a failure handler, and exactly one of them runs on the UI
 * executor, unless the answer went stale meanwhile. An answer is stale when a newer call of the same purpose has
 * started (the user reloaded, picked another route) or when {@link #dropPending()} was called (the connection
 * changed); stale answers are dropped, so an old answer never overwrites a newer one, whatever order they arrive in.
 */
public final class UiTasks {

    private static final Logger LOG = LoggerFactory.getLogger(UiTasks.class);

    /** One call while it runs: whether its answer still matters, and a way to show partial results. */
    public interface Ticket {

        /** False once a newer call of the same purpose started or pending calls were dropped. */
        boolean isCurrent();

        /** Runs {@code update} on the UI executor if the call is still current by then (rows as pages arrive). */
        void publish(Runnable update);
    }

    private final UiExecutor ui;
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();

    public UiTasks(UiExecutor ui) {
        this.ui = ui;
    }

    /**
     * Starts {@code work} and hands its answer to {@code onSuccess} or its failure (unwrapped) to {@code onFailure},
     * on the UI executor. The returned future completes once the handler has run or the answer was dropped.
     */
    public <T> CompletableFuture<Void> run(
            String purpose,
            Supplier<? extends CompletionStage<T>> work,
            Consumer<? super T> onSuccess,
            Consumer<? super Throwable> onFailure) {
        return start(purpose, ticket -> work.get(), onSuccess, onFailure, stale -> {});
    }

    /** As {@link #run}, for work that shows partial results through its {@link Ticket} while it runs. */
    public <T> CompletableFuture<Void> runWithProgress(
            String purpose,
            Function<Ticket, ? extends CompletionStage<T>> work,
            Consumer<? super T> onSuccess,
            Consumer<? super Throwable> onFailure) {
        return start(purpose, work, onSuccess, onFailure, stale -> {});
    }

    /** As {@link #run}, for answers that hold resources: a stale answer goes to {@code onStale} to be released. */
    public <T> CompletableFuture<Void> run(
            String purpose,
            Supplier<? extends CompletionStage<T>> work,
            Consumer<? super T> onSuccess,
            Consumer<? super Throwable> onFailure,
            Consumer<? super T> onStale) {
        return start(purpose, ticket -> work.get(), onSuccess, onFailure, onStale);
    }

    /** Makes every answer still on its way stale (the connection changed, the page was reset). */
    public void dropPending() {
        epoch.incrementAndGet();
    }

    /** Makes the answer of the call of {@code purpose} still on its way stale. */
    public void drop(String purpose) {
        generation(purpose).incrementAndGet();
    }

    private AtomicLong generation(String purpose) {
        return generations.computeIfAbsent(purpose, p -> new AtomicLong());
    }

    private <T> CompletableFuture<Void> start(
            String purpose,
            Function<Ticket, ? extends CompletionStage<T>> work,
            Consumer<? super T> onSuccess,
            Consumer<? super Throwable> onFailure,
            Consumer<? super T> onStale) {
        AtomicLong generation = generation(purpose);
        long mine = generation.incrementAndGet();
        long startEpoch = epoch.get();
        Ticket ticket = new Ticket() {
            @Override
            public boolean isCurrent() {
                return generation.get() == mine && epoch.get() == startEpoch;
            }

            @Override
            public void publish(Runnable update) {
                ui.execute(() -> {
                    if (isCurrent()) {
                        update.run();
                    }
                });
            }
        };
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletionStage<T> answer;
        try {
            answer = work.apply(ticket);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((value, failure) -> ui.execute(() -> {
            try {
                if (!ticket.isCurrent()) {
                    if (failure == null) {
                        onStale.accept(value);
                    }
                } else if (failure == null) {
                    onSuccess.accept(value);
                } else {
                    onFailure.accept(unwrap(failure));
                }
                done.complete(null);
            } catch (RuntimeException e) {
                LOG.warn("a handler of '{}' failed", purpose, e);
                done.completeExceptionally(e);
            }
        }));
        return done;
    }

    /** The failure itself, without the wrappers futures add around it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
