package dev.gatehouse.mesh.resource;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Reads one YAML document into a JSON tree the way kumactl's parser (sigs.k8s.io/yaml over go-yaml) resolves it:
 * aliases become a copy of their anchor's value, merge keys ({@code <<: *base}) merge mappings with explicit keys
 * winning. Jackson's own YAML tree reader turns an alias into its anchor's name, which is why this exists. Limits:
 * aliases may add at most {@value #MAX_ALIAS_NODES} nodes (billion laughs); tags other than YAML's core ones
 * ({@code !!str}, {@code !!java.lang.Runtime}, {@code !local}) and a second document are refused. Errors carry go-yaml's
 * wording where it has one.
 */
public final class YamlTreeReader {
    /** How many nodes aliases may add to a document, in total. */
    public static final int MAX_ALIAS_NODES = 10_000;

    private static final YAMLFactory FACTORY = new EventAwareFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String CORE = "tag:yaml.org,2002:";
    private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq", "merge");
    private static final String MERGE_KEY = "<<";

    private final EventAwareParser parser;
    private final Map<String, Anchored> anchors = new HashMap<>();
    private final Set<String> open = new HashSet<>();
    private int aliasNodes;

    private record Anchored(JsonNode value, int size) {}

    private YamlTreeReader(EventAwareParser parser) {
        this.parser = parser;
    }

    /** The tree of the only document in {@code text}; null for an empty document. */
    public static JsonNode read(String text) throws IOException {
        try (EventAwareParser p = (EventAwareParser) FACTORY.createParser(new StringReader(text))) {
            YamlTreeReader r = new YamlTreeReader(p);
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            JsonNode root = r.value(first);
            if (p.nextToken() != null) {
                throw r.error("expected a single document in the body, found another one");
            }
            return root;
        }
    }

    private JsonNode value(JsonToken token) throws IOException {
        checkTag();
        if (parser.isCurrentAlias()) {
            return alias(parser.getText());
        }
        String anchor = parser.anchor();
        if (anchor != null) {
            open.add(anchor);
        }
        JsonNode node = switch (token) {
            case START_OBJECT -> object();
            case START_ARRAY -> array();
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> finite(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw error("cannot decode " + token + " " + parser.getText());
        };
        if (anchor != null) {
            open.remove(anchor);
            anchors.put(anchor, new Anchored(node, size(node)));
        }
        return node;
    }

    private ObjectNode object() throws IOException {
        ObjectNode explicit = NODES.objectNode();
        List<ObjectNode> merged = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonNode v = value(parser.nextToken());
            if (key.equals(MERGE_KEY)) {
                merged.addAll(mergeSources(v));
            } else {
                explicit.set(key, v);
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw error("unexpected " + t + " in a mapping");
        }
        if (merged.isEmpty()) {
            return explicit;
        }
        // YAML merge keys: explicit keys win, then the merged mappings in the order they are listed.
        ObjectNode out = NODES.objectNode();
        out.setAll(explicit);
        for (ObjectNode m : merged) {
            m.properties().forEach(e -> {
                if (!out.has(e.getKey())) {
                    out.set(e.getKey(), e.getValue());
                }
            });
        }
        return out;
    }

    private List<ObjectNode> mergeSources(JsonNode v) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        if (v instanceof ObjectNode o) {
            out.add(o);
            return out;
        }
        if (v instanceof ArrayNode a) {
            for (JsonNode item : a) {
                if (!(item instanceof ObjectNode o)) {
                    throw error("map merge requires map or sequence of maps as the value");
                }
                out.add(o);
            }
            return out;
        }
        throw error("map merge requires map or sequence of maps as the value");
    }

    private ArrayNode array() throws IOException {
        ArrayNode out = NODES.arrayNode();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw error("unexpected end of a sequence");
            }
            out.add(value(t));
        }
        return out;
    }

    private JsonNode alias(String name) throws IOException {
        Anchored a = anchors.get(name);
        if (a == null) {
            throw error(
                    open.contains(name)
                            ? "anchor '" + name + "' value contains itself"
                            : "unknown anchor '" + name + "' referenced");
        }
        aliasNodes += a.size();
        if (aliasNodes > MAX_ALIAS_NODES) {
            throw error("document contains excessive aliasing");
        }
        return a.value().deepCopy();
    }

    private void checkTag() throws IOException {
        String tag = parser.tag();
        if (tag == null || tag.equals("!")) {
            return;
        }
        if (!tag.startsWith(CORE) || !CORE_TAGS.contains(tag.substring(CORE.length()))) {
            throw error("unsupported tag " + (tag.startsWith(CORE) ? "!!" + tag.substring(CORE.length()) : tag));
        }
    }

    private JsonNode finite(double d) throws IOException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            // sigs.k8s.io/yaml converts to JSON, which has no such numbers.
            throw error("json: unsupported value: " + parser.getText());
        }
        return NODES.numberNode(d);
    }

    private static int size(JsonNode n) {
        int s = 1;
        for (JsonNode child : n) {
            s += size(child);
        }
        return s;
    }

    private JsonParseException error(String message) {
        return new JsonParseException(parser, "yaml: " + message);
    }

    /**
     * Jackson's YAML parser reports the anchors of collections only, and tags with some delay; the SnakeYAML event
     * behind the current token has both, exactly.
     */
    private static final class EventAwareParser extends YAMLParser {
        EventAwareParser(
                IOContext ctxt,
                int parserFeatures,
                int formatFeatures,
                LoaderOptions options,
                ObjectCodec codec,
                Reader reader) {
            super(ctxt, parserFeatures, formatFeatures, options, codec, reader);
        }

        String anchor() {
            return _lastEvent instanceof NodeEvent n ? n.getAnchor() : null;
        }

        String tag() {
            return switch (_lastEvent) {
                case ScalarEvent e -> e.getTag();
                case CollectionStartEvent e -> e.getTag();
                case null, default -> null;
            };
        }
    }

    /** Creates {@link EventAwareParser}s for readers, the only input this class gives it. */
    private static final class EventAwareFactory extends YAMLFactory {
        @Override
        protected YAMLParser _createParser(Reader r, IOContext ctxt) {
            return new EventAwareParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
        }
    }
}
