package dev.gatehouse.app.declarative.kubernetes;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kubernetes object names made from Kong and Kuma names. Objects are named as DNS-1123 subdomains (lower-case
 * letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters), namespaces as
 * DNS-1123 labels (no '.', at most 63).
 */
final class Names {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private final Set<String> taken = new HashSet<>();

    /** {@code wanted} made valid, and unique among the names this instance gave (a suffix -2, -3, ... if not). */
    String unique(String wanted) {
        String base = valid(wanted);
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = trim(base, 253 - ("-" + i).length()) + "-" + i;
        }
        return name;
    }

    /** {@code name} as a DNS-1123 subdomain: lower case, other characters as '-'. */
    static String valid(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        String trimmed = trim(lower, 253);
        return trimmed.isEmpty() ? "unnamed" : trimmed;
    }

    private static String trim(String name, int max) {
        String cut = name.length() > max ? name.substring(0, max) : name;
        return cut.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
    }

    static String checkedNamespace(String namespace, String option) {
        if (namespace == null
                || namespace.length() > 63
                || !LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException(option + " " + namespace
                    + " is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63).");
        }
        return namespace;
    }
}
