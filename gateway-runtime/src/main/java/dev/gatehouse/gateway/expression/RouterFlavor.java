package dev.gatehouse.gateway.expression;

import java.util.Locale;

/**
 * Kong's {@code router_flavor}: {@code traditional_compatible} (Kong 3.x's default: routes by methods, hosts, paths,
 * headers and SNIs) or {@code expressions}, where a route may instead carry an ATC {@code expression} and a
 * {@code priority}. Kong's third flavor, {@code traditional} (the 2.x router), is not offered.
 */
public enum RouterFlavor {
    TRADITIONAL_COMPATIBLE,
    EXPRESSIONS;

    /** The name as Kong's configuration spells it. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses Kong's spelling; an unknown or unsupported flavor is refused with a sentence saying which exist. */
    public static RouterFlavor parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (RouterFlavor f : values()) {
            if (f.configName().equals(v)) {
                return f;
            }
        }
        if (v.equals("traditional")) {
            throw new IllegalArgumentException("router_flavor 'traditional' (Kong 2.x's router) is not supported:"
                    + " use 'traditional_compatible', which accepts the same routes, or 'expressions'");
        }
        throw new IllegalArgumentException(
                "router_flavor has an invalid value: '" + value + "' (traditional_compatible, expressions)");
    }
}
