package dev.gatehouse.app.kubernetes.cluster;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The namespaces a user may use: listed when the user may list them, otherwise typed by the user, as Freelens's
 * "accessible namespaces" setting does for users without cluster-wide list rights.
 */
public final class Namespaces {

    /** What listing gave: the names, or why the user must type them. */
    public record Listing(List<String> names, Optional<String> typeThemBecause) {}

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private Namespaces() {}

    public static Listing list(KubernetesClient client) {
        try {
            return new Listing(
                    client.namespaces().list().getItems().stream()
                            .map(Namespace::getMetadata)
                            .map(m -> m.getName())
                            .sorted()
                            .toList(),
                    Optional.empty());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return new Listing(
                        List.of(),
                        Optional.of("This user may not list namespaces (403 Forbidden); type the ones you may use."));
            }
            throw e;
        }
    }

    /** The names in {@code typed} (separated by commas, spaces or lines), each checked as a namespace name. */
    public static List<String> parse(String typed) {
        List<String> names = java.util.Arrays.stream(typed.split("[,\\s]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
        for (String name : names) {
            if (name.length() > 63 || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("\u201c" + name + "\u201d is not a namespace name: lower-case"
                        + " letters, digits and '-', at most 63 characters.");
            }
        }
        return names;
    }
}
