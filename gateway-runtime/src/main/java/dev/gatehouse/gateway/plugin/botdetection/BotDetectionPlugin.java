package dev.gatehouse.gateway.plugin.botdetection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The bot-detection plugin (Kong's {@code kong/plugins/bot-detection}, priority 2500): refuses requests by their
 * {@code User-Agent}, with Kong's schema ({@code allow} and {@code deny} regex lists) and Kong's order of decision
 * ({@link BotDetectionHandler}); the built-in patterns are this project's own ({@link KnownBots}).
 */
public final class BotDetectionPlugin extends BundledPlugin {

    public static final String NAME = "bot-detection";

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("consumer", Typedefs.NO_CONSUMER)
            .field("protocols", Typedefs.PROTOCOLS_HTTP)
            .field(
                    "config",
                    Field.record(List.of(
                                    NamedField.of(
                                            "allow",
                                            regexes("An array of regular expressions that should be allowed. The"
                                                    + " regular expressions will be checked against the `User-Agent`"
                                                    + " header.")),
                                    NamedField.of(
                                            "deny",
                                            regexes("An array of regular expressions that should be denied. The"
                                                    + " regular expressions will be checked against the `User-Agent`"
                                                    + " header."))))
                            .build())
            .build();

    public BotDetectionPlugin() {
        super(NAME, 2500, SCHEMA, List.of());
    }

    private static Field.Builder regexes(String description) {
        return Field.builder(FieldType.ARRAY)
                .elements(Field.string()
                        .customValidator(v -> isRegex(v.textValue()))
                        .build())
                .defaultValue(Field.stringArray())
                .description(description);
    }

    /** Kong's {@code is_regex} validator ({@code kong/db/schema/init.lua}, message {@code IS_REGEX}). */
    static String isRegex(String value) {
        try {
            Pattern.compile(value);
            return null;
        } catch (PatternSyntaxException e) {
            return "not a valid regex: " + value;
        }
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        return new BotDetectionHandler(
                patterns(instance.config().get("allow")),
                patterns(instance.config().get("deny")));
    }

    private static List<Pattern> patterns(JsonNode list) {
        List<Pattern> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(e -> out.add(Pattern.compile(e.asText())));
        }
        return List.copyOf(out);
    }
}
