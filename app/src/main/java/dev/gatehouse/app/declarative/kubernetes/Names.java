package dev.gatehouse.app.declarative.kubernetes;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kubernetes object names made from Kong and Kuma names. Objects are named as DNS-1123 subdomains (lower-case
 * letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters), namespaces as
 * DNS-1123 labels (no '.', at most 63).
 */
public final class Names {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** Service names are DNS-1035 labels: a label that starts with a letter. */
    private static final Pattern SERVICE = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    private final Set<String> taken = new HashSet<>();

    Names() {}

    /** Names that must not be given again: the objects a namespace already holds. */
    public Names(Collection<String> taken) {
        this.taken.addAll(taken);
    }

    /** {@code wanted} made valid, and unique among the names this instance gave (a suffix -2, -3, ... if not). */
    public String unique(String wanted) {
        String base = valid(wanted);
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = trim(base, 253 - ("-" + i).length()) + "-" + i;
        }
        return name;
    }

    /** {@code name} as a DNS-1123 subdomain: lower case, other characters as '-'. */
    public static String valid(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        String trimmed = trim(lower, 253);
        return trimmed.isEmpty() ? "unnamed" : trimmed;
    }

    private static String trim(String name, int max) {
        String cut = name.length() > max ? name.substring(0, max) : name;
        return cut.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
    }

    /** Whether {@code name} may name an object (a DNS-1123 subdomain). */
    public static boolean isObjectName(String name) {
        return name.length() <= 253 && SUBDOMAIN.matcher(name).matches();
    }

    /** Whether {@code name} may name a Service (a DNS-1035 label: at most 63, starting with a letter). */
    public static boolean isServiceName(String name) {
        return name.length() <= 63 && SERVICE.matcher(name).matches();
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
