package dev.gatehouse.app.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class UiTasksTest {

    /** A UI thread the test drives: posted work waits until the test runs it. */
    private static final class QueuedUi implements UiExecutor {
        private final Deque<Runnable> queue = new ArrayDeque<>();

        @Override
        public void execute(Runnable command) {
            queue.add(command);
        }

        int runAll() {
            int ran = 0;
            while (!queue.isEmpty()) {
                queue.poll().run();
                ran++;
            }
            return ran;
        }
    }

    private final QueuedUi ui = new QueuedUi();
    private final UiTasks tasks = new UiTasks(ui);
    private final List<String> shown = new ArrayList<>();

    private CompletableFuture<Void> load(CompletableFuture<String> answer) {
        return tasks.run("list", () -> answer, shown::add, failure -> shown.add("failed: " + failure.getMessage()));
    }

    @Test
    void anOlderAnswerArrivingAfterTheNewerOneIsDropped() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        CompletableFuture<Void> firstDone = load(first);
        CompletableFuture<Void> secondDone = load(second);
        second.complete("2 services");
        ui.runAll();
        first.complete("1 service");
        ui.runAll();
        assertThat(shown).containsExactly("2 services");
        assertThat(firstDone).isCompleted();
        assertThat(secondDone).isCompleted();
    }

    @Test
    void anOlderAnswerArrivingFirstIsDroppedToo() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        load(first);
        load(second);
        first.complete("1 service");
        ui.runAll();
        assertThat(shown).isEmpty();
        second.complete("2 services");
        ui.runAll();
        assertThat(shown).containsExactly("2 services");
    }

    @Test
    void handlersRunOnTheUiExecutorAndOtherPurposesAreNotStale() {
        CompletableFuture<String> list = new CompletableFuture<>();
        load(list);
        tasks.run("schema", () -> CompletableFuture.completedFuture("schema"), shown::add, failure -> {});
        list.complete("list");
        assertThat(shown).as("nothing before the UI thread runs").isEmpty();
        ui.runAll();
        assertThat(shown).containsExactlyInAnyOrder("list", "schema");
    }

    @Test
    void aFailureReachesTheFailureHandlerUnwrappedAndTheSuccessHandlerNot() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        load(answer);
        answer.completeExceptionally(new CompletionException(new IOException("connection refused")));
        ui.runAll();
        assertThat(shown).containsExactly("failed: connection refused");
    }

    @Test
    void workThatThrowsBeforeReturningAFutureIsAFailureToo() {
        tasks.<String>run(
                "list",
                () -> {
                    throw new IllegalStateException("not connected");
                },
                shown::add,
                failure -> shown.add("failed: " + failure.getMessage()));
        ui.runAll();
        assertThat(shown).containsExactly("failed: not connected");
    }

    @Test
    void droppingPendingCallsHandsAStaleResourceToItsReleaser() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        List<String> released = new ArrayList<>();
        tasks.run("connect", () -> answer, shown::add, failure -> shown.add("failed"), released::add);
        tasks.dropPending();
        answer.complete("clients of the old profile");
        ui.runAll();
        assertThat(shown).isEmpty();
        assertThat(released).containsExactly("clients of the old profile");

        load(CompletableFuture.completedFuture("after the drop"));
        ui.runAll();
        assertThat(shown).containsExactly("after the drop");
    }

    @Test
    void partialResultsStopOnceTheCallIsStale() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        List<UiTasks.Ticket> tickets = new ArrayList<>();
        tasks.runWithProgress(
                "list",
                ticket -> {
                    tickets.add(ticket);
                    return answer;
                },
                shown::add,
                failure -> {});
        tickets.get(0).publish(() -> shown.add("page 1"));
        ui.runAll();
        tasks.drop("list");
        tickets.get(0).publish(() -> shown.add("page 2"));
        answer.complete("all");
        ui.runAll();
        assertThat(shown).containsExactly("page 1");
        assertThat(tickets.get(0).isCurrent()).isFalse();
    }
}
