package dev.gatehouse.mesh.validation;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Tag and selector checks of kumahq/kuma {@code pkg/core/resources/apis/mesh/validators.go} @v2.14.3
 * ({@code ValidateTags}, {@code ValidateSelector}, {@code validateTagKeyValues}), same messages.
 */
public final class TagRules {
    public static final String SERVICE_TAG = "kuma.io/service";
    private static final Pattern TAG_NAME = Pattern.compile("^[a-zA-Z0-9.\\-_:/]*$");
    private static final Pattern TAG_VALUE = Pattern.compile("^[a-zA-Z0-9.\\-_:]*$");
    private static final Pattern SELECTOR_VALUE = Pattern.compile("^([a-zA-Z0-9.\\-_:/]*|\\*)$");

    /** Options of {@code ValidateTagsOpts}. */
    public record Options(
            boolean requireAtLeastOneTag, boolean requireService, BiConsumer<FieldPath, Violations> extra) {
        public static Options none() {
            return new Options(false, false, null);
        }
    }

    private TagRules() {}

    /** Tags of a proxy or of a MeshSubset target: values are literal. */
    public static Violations tags(FieldPath path, Map<String, String> tags, Options opts) {
        return check(path, tags, opts, false);
    }

    /** Selector tags: values may be {@code *}. */
    public static Violations selector(FieldPath path, Map<String, String> tags, Options opts) {
        return check(path, tags, opts, true);
    }

    private static Violations check(FieldPath path, Map<String, String> tags, Options opts, boolean selector) {
        Violations v = new Violations();
        Map<String, String> sorted = new TreeMap<>(tags == null ? Map.of() : tags);
        if (opts.requireAtLeastOneTag() && sorted.isEmpty()) {
            v.add(path, "must have at least one tag");
        }
        if (opts.extra() != null) {
            opts.extra().accept(path, v);
        }
        sorted.forEach((key, value) -> {
            if (key.isEmpty()) {
                v.add(path, "tag name must be non-empty");
            }
            if (!TAG_NAME.matcher(key).matches()) {
                v.add(
                        path.key(key),
                        "tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores");
            }
            if (value == null || value.isEmpty()) {
                v.add(path.key(key), "tag value must be non-empty");
            }
            String val = value == null ? "" : value;
            if (selector && !SELECTOR_VALUE.matcher(val).matches()) {
                v.add(
                        path.key(key),
                        "tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be \"*\"");
            } else if (!selector && !TAG_VALUE.matcher(val).matches()) {
                v.add(path.key(key), "tag value must consist of alphanumeric characters, dots, dashes and underscores");
            }
        });
        if (opts.requireService() && !sorted.containsKey(SERVICE_TAG)) {
            v.add(path, "mandatory tag \"" + SERVICE_TAG + "\" is missing");
        }
        return v;
    }

    /** {@code ValidatePort}. */
    public static Violations port(FieldPath path, Long port) {
        Violations v = new Violations();
        if (port == null || port <= 0 || port > 65535) {
            v.add(path, "port must be in the range [1, 65535]");
        }
        return v;
    }
}
