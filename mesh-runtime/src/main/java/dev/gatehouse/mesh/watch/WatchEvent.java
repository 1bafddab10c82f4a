package dev.gatehouse.mesh.watch;

/** One server-sent event: its SSE {@code event} name, {@code id} and JSON {@code data}, plus routing facts. */
public record WatchEvent(String name, long id, String mesh, String type, String dataplane, String json) {

    /** The text of the event on the wire. */
    public String wireFormat() {
        return "id: " + id + "\nevent: " + name + "\ndata: " + json + "\n\n";
    }
}
