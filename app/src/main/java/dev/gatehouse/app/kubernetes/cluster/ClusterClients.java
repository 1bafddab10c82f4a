package dev.gatehouse.app.kubernetes.cluster;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Fabric8 clients for a context of a kubeconfig. The exec plugin's command is given as the absolute path the
 * console found it at ({@link ExecPlugin#locate}), so Fabric8 runs the same binary when it refreshes the credential;
 * for a probe the credential already obtained replaces the exec section, so the plugin runs once. Requests are not
 * retried: the wizard wants the first answer or failure, quickly.
 */
public final class ClusterClients {

    private ClusterClients() {}

    /** A client for {@code context}, its exec command made absolute by {@code plugins}. */
    public static KubernetesClient open(Kubeconfig kubeconfig, String context, ExecPlugin plugins, Duration timeout) {
        return open(kubeconfig, context, timeout, user -> {
            if (user.getExec() != null) {
                user.getExec()
                        .setCommand(plugins.locate(user.getExec().getCommand()).toString());
            }
            return user;
        });
    }

    /** A client for {@code context} whose user is {@code userEdit} applied to a copy of the kubeconfig's user. */
    static KubernetesClient open(
            Kubeconfig kubeconfig, String context, Duration timeout, UnaryOperator<AuthInfo> userEdit) {
        // A deep copy, so editing the user leaves the wizard's kubeconfig as read.
        Config copy = KubeConfigUtils.parseConfigFromString(Serialization.asYaml(kubeconfig.config()));
        String userName = kubeconfig.context(context).map(c -> c.getUser()).orElse(null);
        if (copy.getUsers() != null) {
            for (NamedAuthInfo named : copy.getUsers()) {
                if (named.getName().equals(userName) && named.getUser() != null) {
                    named.setUser(userEdit.apply(named.getUser()));
                }
            }
        }
        io.fabric8.kubernetes.client.Config config =
                io.fabric8.kubernetes.client.Config.fromKubeconfig(context, Serialization.asYaml(copy), null);
        int millis = (int) timeout.toMillis();
        io.fabric8.kubernetes.client.Config tuned = new ConfigBuilder(config)
                .withConnectionTimeout(millis)
                .withRequestTimeout(millis)
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(tuned).build();
    }
}
