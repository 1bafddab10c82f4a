package dev.gatehouse.app.kubernetes.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connect-to-cluster wizard's work, one call per step, with this machine's environment ({@code KUBECONFIG},
 * {@code PATH}) and home directory. Every call blocks on files, plugins or the API server: call them off the FX
 * thread. Failures of the API server come back as {@link IllegalStateException}s with a sentence.
 */
public final class ClusterDiscovery {

    private final Map<String, String> env;
    private final Path home;
    private final Duration timeout;
    private final ExecPlugin plugins;
    private final ContextProbe probe;

    public ClusterDiscovery(Map<String, String> env, Path home, Duration timeout, Clock clock) {
        this(env, home, timeout, clock, new ExecPlugin(env.get("PATH"), home, Duration.ofSeconds(60)));
    }

    /** With the plugin search given (tests keep it away from the machine's own plugins). */
    public ClusterDiscovery(Map<String, String> env, Path home, Duration timeout, Clock clock, ExecPlugin plugins) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.timeout = timeout;
        this.plugins = plugins;
        this.probe = new ContextProbe(plugins, timeout, clock);
    }

    /** The machine's own: {@code System.getenv()} and {@code user.home}. */
    public static ClusterDiscovery ofThisMachine(Duration timeout) {
        return new ClusterDiscovery(
                System.getenv(), Path.of(System.getProperty("user.home")), timeout, Clock.systemUTC());
    }

    /** The kubeconfig kubectl would use here, if any. */
    public Optional<Kubeconfig> discover() {
        return Kubeconfigs.discover(env, home);
    }

    /** Where {@link #discover} looks, for the sentence shown when it finds nothing. */
    public String whereDiscoveryLooks() {
        String variable = env.getOrDefault("KUBECONFIG", "");
        return variable.isBlank() ? home.resolve(".kube").resolve("config").toString() : "KUBECONFIG=" + variable;
    }

    public Kubeconfig file(Path file) {
        return Kubeconfigs.file(file);
    }

    public Kubeconfig pasted(String yaml) {
        return Kubeconfigs.pasted(yaml, home);
    }

    public ContextStatus probe(Kubeconfig kubeconfig, String context) {
        return probe.probe(kubeconfig, context);
    }

    public Namespaces.Listing namespaces(Kubeconfig kubeconfig, String context) {
        try (KubernetesClient client = ClusterClients.open(kubeconfig, context, plugins, timeout)) {
            return Namespaces.list(client);
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("Listing namespaces failed: " + e.getMessage(), e);
        }
    }

    public Installation installation(Kubeconfig kubeconfig, String context, List<String> namespaces) {
        try (KubernetesClient client = ClusterClients.open(kubeconfig, context, plugins, timeout)) {
            return InstallationScan.scan(client, namespaces);
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("Looking for Kong and Kuma failed: " + e.getMessage(), e);
        }
    }
}
