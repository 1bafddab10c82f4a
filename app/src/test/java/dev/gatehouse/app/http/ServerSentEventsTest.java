package dev.gatehouse.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event-stream parsing per the WHATWG HTML standard, "9.2.6 Interpreting an event stream". */
class ServerSentEventsTest {

    @Test
    void eventsSplitAnywhereAcrossPiecesComeOutWhole() {
        List<ServerSentEvents.Event> events = new ArrayList<>();
        ServerSentEvents parser = new ServerSentEvents(events::add);
        String stream = "retry: 1000\n\nid: 7\nevent: hello\ndata: {\"revision\":7}\n\n: keepalive\n\n"
                + "id: 8\r\nevent: change\r\ndata: {\"a\":\r\ndata: 1}\r\n\r\ndata: plain\n\n";
        for (int i = 0; i < stream.length(); i += 3) {
            parser.feed(stream.substring(i, Math.min(stream.length(), i + 3)));
        }
        assertThat(events)
                .containsExactly(
                        new ServerSentEvents.Event("7", "hello", "{\"revision\":7}"),
                        new ServerSentEvents.Event("8", "change", "{\"a\":\n1}"),
                        new ServerSentEvents.Event("8", "message", "plain"));
    }

    @Test
    void anEventWithoutTheBlankLineAfterItIsNotDispatchedYet() {
        List<ServerSentEvents.Event> events = new ArrayList<>();
        ServerSentEvents parser = new ServerSentEvents(events::add);
        parser.feed("event: change\ndata: x\n");
        assertThat(events).isEmpty();
        parser.feed("\r");
        parser.feed("\n");
        assertThat(events).extracting(ServerSentEvents.Event::data).containsExactly("x");
    }
}
