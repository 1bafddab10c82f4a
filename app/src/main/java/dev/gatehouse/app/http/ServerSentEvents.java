package dev.gatehouse.app.http;

import java.util.function.Consumer;

/**
 * Reads a {@code text/event-stream} body piece by piece (the pieces may split lines anywhere) and hands over each
 * complete event: its {@code id}, {@code event} name and {@code data} (several data lines joined by newlines), as the
 * WHATWG HTML standard's "interpreting an event stream" describes. Comment lines (keep-alives) are skipped.
 */
public final class ServerSentEvents {

    /** One event. */
    public record Event(String id, String name, String data) {}

    private final Consumer<Event> onEvent;
    private final StringBuilder pending = new StringBuilder();
    private String id = "";
    private String name = "";
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    public ServerSentEvents(Consumer<Event> onEvent) {
        this.onEvent = onEvent;
    }

    /** Feeds the next piece of the stream. */
    public void feed(String text) {
        pending.append(text);
        int start = 0;
        for (int i = 0; i < pending.length(); i++) {
            char c = pending.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 == pending.length()) {
                    break; // a CR at the end of a piece may be half of a CRLF
                }
                line(pending.substring(start, i));
                if (c == '\r' && pending.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        pending.delete(0, start);
    }

    private void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            default -> {
                // retry and unknown fields do not concern the console
            }
        }
    }

    private void dispatch() {
        if (hasData) {
            onEvent.accept(new Event(id, name.isEmpty() ? "message" : name, data.toString()));
        }
        name = "";
        data.setLength(0);
        hasData = false;
    }
}
