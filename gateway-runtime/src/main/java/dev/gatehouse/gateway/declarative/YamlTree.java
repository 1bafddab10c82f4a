package dev.gatehouse.gateway.declarative;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.gatehouse.gateway.json.Json;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * Reads the first YAML document into a Jackson tree as Kong's lyaml does ({@code lyaml/init.lua} 6.2.8, which
 * Kong's {@code kong/db/declarative/init.lua} uses): an alias is its anchored value, an unknown alias is an
 * {@code invalid reference}, and a {@code <<} key merges mappings, explicit keys winning. Jackson alone reads
 * an alias as the anchor's name. lyaml shares the anchored table; here it is copied, so the copies are bounded
 * ({@link #MAX_ALIASED_NODES}) and so is the depth they reach: a billion-laughs document is refused at once.
 * Scalars keep Jackson's typing.
 */
final class YamlTree {

    /** Nodes that aliases may add to a document; decK files alias small fragments, if at all. */
    static final int MAX_ALIASED_NODES = 100_000;
    /** The depth Jackson allows a document (its default {@code maxNestingDepth}); aliases may not exceed it. */
    static final int MAX_DEPTH = 1000;

    private static final AnchorFactory FACTORY =
            new AnchorFactory(YAMLFactory.builder().loaderOptions(options()));

    private final AnchorParser parser;
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private final Set<String> open = new HashSet<>();
    private int aliased;

    private YamlTree(AnchorParser parser) {
        this.parser = parser;
    }

    private static LoaderOptions options() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(64 * 1024 * 1024);
        return o;
    }

    /** The first document's value, or null when there is none. */
    static JsonNode read(String text) throws IOException {
        try (AnchorParser p = (AnchorParser) FACTORY.createParser(new StringReader(text))) {
            JsonToken t = p.nextToken();
            return t == null ? null : new YamlTree(p).value(t, 1);
        }
    }

    private JsonNode value(JsonToken t, int depth) throws IOException {
        String anchor = parser.isCurrentAlias() ? null : parser.anchor();
        if (anchor != null) {
            anchors.remove(anchor); // a redefined anchor: aliases inside its node refer to the node (lyaml: a cycle)
            open.add(anchor);
        }
        JsonNode v = switch (t) {
            case START_OBJECT -> mapping(depth);
            case START_ARRAY -> sequence(depth);
            case VALUE_STRING ->
                parser.isCurrentAlias() ? alias(parser.getText(), depth) : TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> Json.NODES.numberNode(parser.getIntValue());
                    case LONG -> Json.NODES.numberNode(parser.getLongValue());
                    default -> Json.NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT ->
                parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                        ? Json.NODES.numberNode(parser.getDecimalValue())
                        : Json.NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> Json.nullNode();
            // !!binary: lyaml knows no such tag and keeps the text
            case VALUE_EMBEDDED_OBJECT -> TextNode.valueOf(parser.getText());
            default -> throw error("unexpected " + t);
        };
        if (anchor != null) {
            open.remove(anchor);
            anchors.put(anchor, v);
        }
        return v;
    }

    private ObjectNode mapping(int depth) throws IOException {
        ObjectNode o = Json.object();
        List<JsonNode> merges = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            JsonToken vt = parser.nextToken();
            if (key.equals("<<")) {
                merges.add(mergeSource(vt, depth));
            } else {
                o.set(key, value(vt, depth + 1));
            }
        }
        for (JsonNode m : merges) {
            for (JsonNode source : m.isArray() ? m : List.of(m)) {
                for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!o.has(e.getKey())) {
                        o.set(e.getKey(), e.getValue());
                    }
                }
            }
        }
        return o;
    }

    /** The value of a {@code <<} key: a mapping, or a sequence of mappings (lyaml's messages otherwise). */
    private JsonNode mergeSource(JsonToken t, int depth) throws IOException {
        String line = position();
        JsonNode v = value(t, depth + 1);
        if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isObject()) {
                    throw error(line + "invalid '<<' sequence element " + (i + 1) + ": "
                            + v.get(i).asText());
                }
            }
        } else if (!v.isObject()) {
            throw error(line + "invalid '<<' merge event: " + (v.isValueNode() ? v.asText() : v.getNodeType()));
        }
        return v;
    }

    private ArrayNode sequence(int depth) throws IOException {
        ArrayNode a = Json.array();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            a.add(value(t, depth + 1));
        }
        return a;
    }

    private JsonNode alias(String name, int depth) throws IOException {
        JsonNode target = anchors.get(name);
        if (target == null) {
            throw error(position() + (open.contains(name) ? "recursive reference: " : "invalid reference: ") + name);
        }
        return copy(target, depth);
    }

    /** A copy of an anchored value, counted against the alias budget and the depth bound. */
    private JsonNode copy(JsonNode n, int depth) throws IOException {
        if (++aliased > MAX_ALIASED_NODES) {
            throw error(position() + "aliases expand to more than " + MAX_ALIASED_NODES + " nodes");
        }
        if (depth > MAX_DEPTH) {
            throw error(position() + "aliases nest deeper than " + MAX_DEPTH + " levels");
        }
        if (n.isObject()) {
            ObjectNode o = Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                o.set(e.getKey(), copy(e.getValue(), depth + 1));
            }
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = Json.array();
            for (JsonNode c : n) {
                a.add(copy(c, depth + 1));
            }
            return a;
        }
        return n; // value nodes are immutable
    }

    /** lyaml's {@code line:column: } prefix (1-based) for the current token. */
    private String position() {
        var l = parser.currentTokenLocation();
        return l.getLineNr() + ":" + l.getColumnNr() + ": ";
    }

    private JsonParseException error(String message) {
        return new JsonParseException(parser, message);
    }

    /** Makes {@link AnchorParser}s. */
    private static final class AnchorFactory extends YAMLFactory {
        AnchorFactory(YAMLFactoryBuilder b) {
            super(b);
        }

        @Override
        protected YAMLParser _createParser(Reader r, IOContext ctxt) {
            return new AnchorParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, r);
        }
    }

    /** Jackson's YAML parser reports the anchor of mappings only; the event it just read has every anchor. */
    private static final class AnchorParser extends YAMLParser {
        AnchorParser(IOContext ctxt, int features, int yamlFeatures, LoaderOptions options, Reader r) {
            super(ctxt, features, yamlFeatures, options, null, r);
        }

        String anchor() {
            return _lastEvent instanceof NodeEvent e ? e.getAnchor() : null;
        }
    }
}
