package dev.gatehouse.app.kubernetes.cluster;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds, reads and merges kubeconfigs as kubectl does (k8s.io/client-go tools/clientcmd loader.go): {@code KUBECONFIG}
 * is a list of files joined by the platform's path separator, missing ones skipped; the first file to name a
 * cluster, user or context wins, and so does the first {@code current-context}; without {@code KUBECONFIG},
 * {@code ~/.kube/config}. Relative paths in a file are resolved against that file's directory. Reading a file that
 * does not parse fails with a sentence naming it.
 */
public final class Kubeconfigs {

    private Kubeconfigs() {}

    /** The kubeconfig kubectl would use with {@code env} and home directory {@code home}; empty when there is none. */
    public static Optional<Kubeconfig> discover(Map<String, String> env, Path home) {
        String variable = env.getOrDefault("KUBECONFIG", "");
        if (!variable.isBlank()) {
            List<Path> files = new ArrayList<>();
            for (String part : variable.split(File.pathSeparator)) {
                if (!part.isBlank() && !files.contains(Path.of(part)) && Files.isRegularFile(Path.of(part))) {
                    files.add(Path.of(part));
                }
            }
            return files.isEmpty() ? Optional.empty() : Optional.of(merge("KUBECONFIG", files));
        }
        Path fallback = home.resolve(".kube").resolve("config");
        return Files.isRegularFile(fallback)
                ? Optional.of(merge(fallback.toString(), List.of(fallback)))
                : Optional.empty();
    }

    /** Files saved with a connection, merged in their order as KUBECONFIG would merge them. */
    public static Kubeconfig files(List<Path> files) {
        return merge(files.size() == 1 ? files.getFirst().toString() : "KUBECONFIG", files);
    }

    /** One file the user picked. */
    public static Kubeconfig file(Path file) {
        return merge(file.toString(), List.of(file));
    }

    /** A kubeconfig pasted as YAML; relative paths in it are resolved against {@code base} (the home directory). */
    public static Kubeconfig pasted(String yaml, Path base) {
        Config config = parse(yaml, "The pasted kubeconfig");
        absolutize(config, base);
        return new Kubeconfig("pasted", List.of(), config);
    }

    /** The files merged in order, the first to set a name winning. */
    static Kubeconfig merge(String origin, List<Path> files) {
        Map<String, NamedCluster> clusters = new LinkedHashMap<>();
        Map<String, NamedAuthInfo> users = new LinkedHashMap<>();
        Map<String, NamedContext> contexts = new LinkedHashMap<>();
        String current = null;
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("The kubeconfig " + file + " cannot be read: " + e.getMessage());
            }
            Config config = parse(text, "The kubeconfig " + file);
            absolutize(config, file.toAbsolutePath().getParent());
            putFirst(clusters, config.getClusters(), NamedCluster::getName);
            putFirst(users, config.getUsers(), NamedAuthInfo::getName);
            putFirst(contexts, config.getContexts(), NamedContext::getName);
            if (current == null
                    && config.getCurrentContext() != null
                    && !config.getCurrentContext().isBlank()) {
                current = config.getCurrentContext();
            }
        }
        Config merged = new Config();
        merged.setApiVersion("v1");
        merged.setKind("Config");
        merged.setClusters(new ArrayList<>(clusters.values()));
        merged.setUsers(new ArrayList<>(users.values()));
        merged.setContexts(new ArrayList<>(contexts.values()));
        merged.setCurrentContext(current);
        return new Kubeconfig(origin, files, merged);
    }

    private static Config parse(String yaml, String what) {
        try {
            Config config = KubeConfigUtils.parseConfigFromString(yaml);
            if (config == null) {
                throw new IllegalArgumentException(what + " is empty.");
            }
            return config;
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException
                    && e.getMessage() != null
                    && e.getMessage().startsWith(what)) {
                throw e;
            }
            throw new IllegalArgumentException(what + " is not a kubeconfig: " + firstLine(e), e);
        }
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static <T> void putFirst(Map<String, T> into, List<T> items, Function<T, String> name) {
        if (items != null) {
            items.forEach(item -> into.putIfAbsent(name.apply(item), item));
        }
    }

    /** Paths in a kubeconfig are relative to its own directory (clientcmd ResolvePaths). */
    private static void absolutize(Config config, Path dir) {
        if (config.getClusters() != null) {
            for (NamedCluster named : config.getClusters()) {
                Cluster cluster = named.getCluster();
                if (cluster != null) {
                    cluster.setCertificateAuthority(resolve(dir, cluster.getCertificateAuthority()));
                }
            }
        }
        if (config.getUsers() != null) {
            for (NamedAuthInfo named : config.getUsers()) {
                AuthInfo user = named.getUser();
                if (user == null) {
                    continue;
                }
                user.setClientCertificate(resolve(dir, user.getClientCertificate()));
                user.setClientKey(resolve(dir, user.getClientKey()));
                user.setTokenFile(resolve(dir, user.getTokenFile()));
                // An exec command with a slash is a path relative to the file; a bare name is looked up on PATH.
                if (user.getExec() != null
                        && user.getExec().getCommand() != null
                        && user.getExec().getCommand().contains("/")) {
                    user.getExec().setCommand(resolve(dir, user.getExec().getCommand()));
                }
            }
        }
    }

    private static String resolve(Path dir, String path) {
        if (path == null || path.isBlank() || dir == null) {
            return path;
        }
        Path p = Path.of(path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path);
        return p.isAbsolute() ? p.toString() : dir.resolve(p).normalize().toString();
    }
}
