package dev.gatehouse.app.pages.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.settings.SettingsStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The positions the user dragged vertices to, kept in the console's settings per connection and per mesh (one
 * entry for the vertices outside any mesh), so each connection's picture comes back as it was left.
 */
public final class PinnedPositions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "topology.pins.";

    private final SettingsStore settings;

    public PinnedPositions(SettingsStore settings) {
        this.settings = settings;
    }

    /** The pins of {@code connection} in the given meshes and outside any mesh. */
    public Map<String, Point> load(String connection, Collection<String> meshes) {
        Map<String, Point> pins = new HashMap<>();
        read(connection, "", pins);
        meshes.forEach(mesh -> read(connection, mesh, pins));
        return pins;
    }

    /** Replaces the pins of {@code connection} in {@code mesh} ("" for vertices outside any mesh). */
    public void save(String connection, String mesh, Map<String, Point> pins) {
        ObjectNode out = JSON.createObjectNode();
        new TreeMap<>(pins)
                .forEach((id, p) -> out.putArray(id).add(round(p.x())).add(round(p.y())));
        settings.put(key(connection, mesh), out.toString());
    }

    private void read(String connection, String mesh, Map<String, Point> into) {
        settings.get(key(connection, mesh)).ifPresent(text -> {
            try {
                JsonNode saved = JSON.readTree(text);
                saved.properties().forEach(e -> {
                    JsonNode xy = e.getValue();
                    if (xy.size() == 2 && xy.get(0).isNumber() && xy.get(1).isNumber()) {
                        into.put(
                                e.getKey(),
                                new Point(xy.get(0).asDouble(), xy.get(1).asDouble()));
                    }
                });
            } catch (JsonProcessingException e) {
                // A damaged entry only loses the pins; the layout places the vertices again.
            }
        });
    }

    private static String key(String connection, String mesh) {
        return PREFIX + connection + "." + mesh;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
