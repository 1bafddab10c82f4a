package dev.gatehouse.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console starts the sandbox before its window exists; the window's status bar joins the progress later. */
class ProgressRelayTest {

    @Test
    void aLateListenerHearsTheLatestLineThenEveryLaterOne() {
        ProgressRelay relay = new ProgressRelay();
        List<String> early = new ArrayList<>();
        List<String> late = new ArrayList<>();
        relay.join(early::add);
        relay.accept("Starting the gateway");
        relay.accept("Starting the mesh control plane");
        relay.join(late::add);
        relay.accept("Embedded sandbox ready");

        assertThat(early)
                .containsExactly("Starting the gateway", "Starting the mesh control plane", "Embedded sandbox ready");
        assertThat(late).containsExactly("Starting the mesh control plane", "Embedded sandbox ready");
    }

    @Test
    void onceFinishedNobodyIsKept() {
        ProgressRelay relay = new ProgressRelay();
        List<String> heard = new ArrayList<>();
        relay.accept("Embedded sandbox ready");
        relay.finish();
        relay.join(heard::add);
        relay.accept("a line after the end");

        assertThat(heard).isEmpty();
    }
}
