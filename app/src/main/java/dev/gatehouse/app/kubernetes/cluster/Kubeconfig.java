package dev.gatehouse.app.kubernetes.cluster;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A kubeconfig ready to use: the files it was merged from (none when pasted) and the merged configuration, in which
 * every file path is absolute, resolved against the file that named it, as kubectl resolves them.
 */
public record Kubeconfig(String origin, List<Path> files, Config config) {

    public Kubeconfig {
        files = List.copyOf(files);
    }

    /** The contexts' names, in the order the files list them. */
    public List<String> contexts() {
        return config.getContexts() == null
                ? List.of()
                : config.getContexts().stream().map(NamedContext::getName).toList();
    }

    /** The context kubectl would use. */
    public Optional<String> currentContext() {
        return Optional.ofNullable(config.getCurrentContext()).filter(c -> !c.isBlank());
    }

    public Optional<Context> context(String name) {
        return named(config.getContexts(), name, NamedContext::getName).map(NamedContext::getContext);
    }

    /** The namespace {@code contextName} works in by default, if it names one. */
    public Optional<String> defaultNamespace(String contextName) {
        return context(contextName).map(Context::getNamespace).filter(n -> !n.isBlank());
    }

    public Optional<Cluster> clusterOf(String contextName) {
        return context(contextName)
                .flatMap(c -> named(config.getClusters(), c.getCluster(), NamedCluster::getName))
                .map(NamedCluster::getCluster);
    }

    public Optional<AuthInfo> userOf(String contextName) {
        return context(contextName)
                .flatMap(c -> named(config.getUsers(), c.getUser(), NamedAuthInfo::getName))
                .map(NamedAuthInfo::getUser);
    }

    /** The merged configuration as YAML, the form Fabric8 builds a client from. */
    public String yaml() {
        return Serialization.asYaml(config);
    }

    private static <T> Optional<T> named(List<T> items, String name, java.util.function.Function<T, String> nameOf) {
        if (items == null || name == null) {
            return Optional.empty();
        }
        return items.stream().filter(i -> name.equals(nameOf.apply(i))).findFirst();
    }
}
