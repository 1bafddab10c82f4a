package dev.gatehouse.app.policyeditor;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A policy as YAML text: written from Universal JSON, and read back with the line each field is on, so that an error
 * the control plane reports for {@code spec.from[0].targetRef.kind} (Kuma's field paths) is shown at its line.
 */
public final class PolicyYaml {

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build())
            .build();

    /** The text read: the resource when it is a YAML mapping, each field path's line, or the parse error. */
    public record Parsed(Optional<ObjectNode> resource, Map<String, Integer> lines, Optional<LineError> error) {

        public Parsed {
            lines = Map.copyOf(lines);
        }

        /**
         * The line {@code path} is on; for a path not in the text (a field the server says is missing), the line of
         * its nearest parent that is.
         */
        public Optional<Integer> lineOf(String path) {
            String at = path;
            while (!at.isEmpty()) {
                Integer line = lines.get(at);
                if (line != null) {
                    return Optional.of(line);
                }
                int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
                at = cut < 0 ? "" : at.substring(0, cut);
            }
            return Optional.empty();
        }
    }

    private PolicyYaml() {}

    /** The resource as YAML, its fields in their order. */
    public static String write(JsonNode resource) {
        try {
            return YAML.writeValueAsString(resource);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes as YAML", e);
        }
    }

    /** Reads {@code text}; a syntax error, or a document that is not a mapping, is an error at its line. */
    public static Parsed read(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            // Locations first, from the token stream; the tree is read from the same text after.
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                boolean inArrayValue = parser.getParsingContext().inArray()
                        || (token.isStructStart()
                                && parser.getParsingContext().getParent() != null
                                && parser.getParsingContext().getParent().inArray());
                if (token == JsonToken.FIELD_NAME || inArrayValue) {
                    String path = path(parser, token);
                    if (!path.isEmpty()) {
                        lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
                    }
                }
            }
        } catch (JsonProcessingException e) {
            return new Parsed(Optional.empty(), lines, Optional.of(error(e, text)));
        } catch (IOException e) {
            return new Parsed(Optional.empty(), lines, Optional.of(new LineError(1, e.getMessage())));
        }
        try {
            JsonNode tree = YAML.readTree(text);
            if (tree instanceof ObjectNode object) {
                return new Parsed(Optional.of(object), lines, Optional.empty());
            }
            return new Parsed(
                    Optional.empty(), lines, Optional.of(new LineError(1, "a policy is a mapping of fields")));
        } catch (JsonProcessingException e) {
            return new Parsed(Optional.empty(), lines, Optional.of(error(e, text)));
        }
    }

    /** Kuma's path of the current token: {@code spec.from[0].targetRef.kind}. */
    private static String path(JsonParser parser, JsonToken token) {
        // A struct start's context is the new struct; its place in the parent is what the path names.
        com.fasterxml.jackson.core.JsonStreamContext context =
                token.isStructStart() ? parser.getParsingContext().getParent() : parser.getParsingContext();
        StringBuilder out = new StringBuilder();
        append(context, out);
        return out.toString();
    }

    private static void append(com.fasterxml.jackson.core.JsonStreamContext context, StringBuilder out) {
        if (context == null || context.inRoot()) {
            return;
        }
        append(context.getParent(), out);
        if (context.inArray()) {
            out.append('[').append(Math.max(context.getCurrentIndex(), 0)).append(']');
        } else if (context.getCurrentName() != null) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(context.getCurrentName());
        }
    }

    /**
     * The parse error in one line, at the line to fix: where SnakeYAML found the problem, or, when it found it only
     * at the end of the text (a bracket or quote never closed), where the unfinished construct began; the message
     * names the line that construct began on either way.
     */
    private static LineError error(JsonProcessingException e, String text) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark problem = marked.getProblemMark();
            Mark context = marked.getContextMark();
            boolean atEnd = problem.getIndex() >= text.stripTrailing().length();
            int line = (atEnd && context != null ? context.getLine() : problem.getLine()) + 1;
            String what = marked.getProblem() == null ? e.getOriginalMessage() : marked.getProblem();
            if (marked.getContext() == null || context == null) {
                return new LineError(line, what);
            }
            if (context.getLine() + 1 == line) {
                return new LineError(line, marked.getContext() + ": " + what);
            }
            return new LineError(line, marked.getContext() + " (line " + (context.getLine() + 1) + "): " + what);
        }
        JsonLocation where = e.getLocation();
        int line = where == null || where.getLineNr() < 1 ? 1 : where.getLineNr();
        return new LineError(line, e.getOriginalMessage().lines().findFirst().orElse(""));
    }
}
