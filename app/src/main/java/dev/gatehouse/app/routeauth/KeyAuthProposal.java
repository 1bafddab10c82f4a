package dev.gatehouse.app.routeauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.EntitySchema;
import dev.gatehouse.app.repository.gateway.SchemaField;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What "Require key-auth" on one route creates, and which consumers could call the route afterwards: the key-auth
 * plugin on the route with the gateway's own defaults, and each consumer's number of keys (never the keys).
 * {@code defaultsShown} is false when the gateway's schema could not be read (a Kubernetes connection without its
 * Kong Admin API forward): the plugin then goes without {@code config}, which the gateway fills with its defaults.
 */
public record KeyAuthProposal(
        String routeId, String routeName, ObjectNode plugin, List<ConsumerKeys> consumers, boolean defaultsShown) {

    /** A consumer that has key-auth credentials, and how many. */
    public record ConsumerKeys(String consumer, int keys) {}

    public KeyAuthProposal {
        plugin = plugin.deepCopy();
        consumers = List.copyOf(consumers);
    }

    /**
     * The proposal for {@code route}: the plugin body {@code name}, {@code route} and a {@code config} holding every
     * non-null default of {@code keyAuthSchema}'s config (the gateway's {@code /schemas/plugins/key-auth}, so a
     * remote Kong's defaults are the ones shown; no config when the schema is unknown), and the consumers among
     * {@code consumers} that own at least one of {@code credentials}. Only the count of credentials is kept: key
     * values never leave this method.
     */
    public static KeyAuthProposal of(
            JsonNode route,
            Optional<EntitySchema> keyAuthSchema,
            List<? extends JsonNode> consumers,
            List<? extends JsonNode> credentials) {
        String routeId = route.path("id").asText();
        ObjectNode plugin = JsonNodeFactory.instance.objectNode();
        plugin.put("name", "key-auth");
        plugin.putObject("route").put("id", routeId);
        keyAuthSchema.ifPresent(schema -> {
            ObjectNode config = plugin.putObject("config");
            schema.field("config").map(SchemaField::fields).orElse(List.of()).stream()
                    .filter(f -> f.hasDefault() && !f.defaultValue().isNull())
                    .forEach(f -> config.set(f.name(), f.defaultValue().deepCopy()));
        });

        Map<String, Integer> keysByConsumer = new HashMap<>();
        for (JsonNode credential : credentials) {
            keysByConsumer.merge(credential.path("consumer").path("id").asText(""), 1, Integer::sum);
        }
        List<ConsumerKeys> holders = consumers.stream()
                .filter(c -> keysByConsumer.containsKey(c.path("id").asText()))
                .map(c -> new ConsumerKeys(
                        label(c), keysByConsumer.get(c.path("id").asText())))
                .sorted(Comparator.comparing(ConsumerKeys::consumer, String.CASE_INSENSITIVE_ORDER))
                .toList();
        String name = route.path("name").asText("");
        return new KeyAuthProposal(
                routeId, name.isEmpty() ? routeId : name, plugin, holders, keyAuthSchema.isPresent());
    }

    /** True when no consumer has a key: once the plugin exists, every request to the route gets 401. */
    public boolean nobodyCanCall() {
        return consumers.isEmpty();
    }

    /** The header (and query parameter) name clients send their key in, the first of {@code config.key_names}. */
    public Optional<String> keyName() {
        JsonNode first = plugin.path("config").path("key_names").path(0);
        return first.isTextual() ? Optional.of(first.asText()) : Optional.empty();
    }

    /** A consumer as people know it: username, else custom_id, else id. */
    private static String label(JsonNode consumer) {
        for (String field : List.of("username", "custom_id", "id")) {
            String value = consumer.path(field).asText("");
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }
}
