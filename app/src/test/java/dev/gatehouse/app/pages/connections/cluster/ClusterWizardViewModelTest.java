package dev.gatehouse.app.pages.connections.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.concurrent.DirectBackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ClusterSettings;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionManager;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.ConnectionStore;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kubernetes.cluster.ClusterDiscovery;
import dev.gatehouse.app.kubernetes.cluster.ContextStatus;
import dev.gatehouse.app.kubernetes.cluster.ExecPlugin;
import dev.gatehouse.app.kubernetes.cluster.MockCluster;
import dev.gatehouse.app.kubernetes.testing.ApiDiscovery;
import dev.gatehouse.app.pages.connections.cluster.ClusterWizardViewModel.Source;
import dev.gatehouse.app.pages.connections.cluster.ClusterWizardViewModel.Step;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.testing.TestConnections;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connect-to-cluster wizard's model, step by step against Fabric8's mock API server over HTTPS (no FX thread):
 * a kubeconfig file with a working and an unreachable context, namespaces listed and chosen, what is installed, and
 * the profile saved; a pasted kubeconfig kept in the secret store; namespaces typed when listing is forbidden.
 */
class ClusterWizardViewModelTest {

    @TempDir
    Path dir;

    private MockCluster cluster;
    private FileSecretStore secrets;
    private ConnectionStore store;
    private ConnectionManager manager;
    private InProcessPlatform sandbox;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster("1", "31");
        cluster.writeCertificate(dir.resolve("ca.crt"));
        try (KubernetesClient admin = cluster.admin()) {
            for (String ns : List.of("kong", "kuma-system", "default")) {
                admin.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(ns)
                                .endMetadata()
                                .build())
                        .create();
            }
        }
        secrets = new FileSecretStore(dir.resolve("config"));
        store = new ConnectionStore(dir.resolve("config"), secrets);
        sandbox = TestConnections.sandbox(dir);
        var resolver = TestConnections.resolver(secrets, sandbox);
        manager = new ConnectionManager(
                store,
                secrets,
                new ActiveConnection(ConnectionProfile.embedded(), resolver, UiExecutor.DIRECT),
                resolver,
                new DirectBackgroundExecutor(),
                UiExecutor.DIRECT,
                store.load().profiles());
    }

    @AfterEach
    void stop() {
        manager.active().close();
        sandbox.close();
        cluster.close();
    }

    private ClusterWizardViewModel wizard(Map<String, String> env) {
        ExecPlugin plugins = new ExecPlugin("", List.of(), Duration.ofSeconds(5));
        ClusterDiscovery discovery =
                new ClusterDiscovery(env, dir.resolve("home"), Duration.ofSeconds(5), Clock.systemUTC(), plugins);
        return new ClusterWizardViewModel(
                new Messages(Locale.ROOT), discovery, manager, UiExecutor.DIRECT, Runnable::run);
    }

    private String kubeconfig() {
        return """
                apiVersion: v1
                kind: Config
                current-context: down
                clusters:
                - name: mock
                  cluster: {server: "%s", certificate-authority: %s}
                - name: down
                  cluster: {server: "https://127.0.0.1:1", certificate-authority: %s}
                contexts:
                - name: mock
                  context: {cluster: mock, user: me, namespace: kong}
                - name: down
                  context: {cluster: down, user: me}
                users:
                - name: me
                  user: {token: abc}
                """.formatted(cluster.url(), dir.resolve("ca.crt"), dir.resolve("ca.crt"));
    }

    @Test
    void walksAKubeconfigFileToASavedKubernetesConnection() throws Exception {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, kubeconfig());
        ClusterWizardViewModel wizard = wizard(Map.of("KUBECONFIG", file.toString()));

        // 1. found through KUBECONFIG
        wizard.start().join();
        assertThat(wizard.foundProperty().get()).isEqualTo("KUBECONFIG: 2 contexts.");
        assertThat(wizard.sourceProperty().get()).isEqualTo(Source.FOUND);
        wizard.next().join();
        assertThat(wizard.errorProperty().get()).isEmpty();

        // 2. both contexts tried; the current one (down) is preselected and refused with its reason
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.CONTEXTS);
        assertThat(wizard.contexts())
                .extracting(ClusterWizardViewModel.ContextRow::name)
                .containsExactly("mock", "down");
        assertThat(wizard.contexts().get(0).status().map(ContextStatus::outcome))
                .contains(ContextStatus.Outcome.REACHABLE);
        assertThat(wizard.contexts().get(1).status().map(ContextStatus::outcome))
                .contains(ContextStatus.Outcome.UNREACHABLE);
        assertThat(wizard.contextProperty().get()).isEqualTo("down");
        wizard.next().join();
        assertThat(wizard.errorProperty().get())
                .isEqualTo("Context down does not work: The API server at https://127.0.0.1:1 cannot be reached:"
                        + " connection refused.");
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.CONTEXTS);
        wizard.contextProperty().set("mock");
        wizard.next().join();

        // 3. namespaces listed, the context's own chosen
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.NAMESPACES);
        assertThat(wizard.namespaces()).containsExactly("default", "kong", "kuma-system");
        assertThat(wizard.chosenNamespaces()).containsExactly("kong");
        wizard.chosenNamespaces().clear();
        wizard.next().join();
        assertThat(wizard.errorProperty().get()).isEqualTo("Choose at least one namespace.");
        wizard.chosenNamespaces().addAll(List.of("kong", "default"));
        wizard.next().join();

        // 4. what is installed: nothing on this cluster
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.INSTALLED);
        assertThat(wizard.installationProperty().get().kongIngressController().present())
                .isFalse();
        wizard.next().join();

        // 5. saved under the context's name
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.SAVE);
        assertThat(wizard.nameProperty().get()).isEqualTo("mock");
        wizard.nameProperty().set("Staging cluster");
        wizard.next().join();
        assertThat(wizard.savedProperty().get()).isTrue();
        ConnectionProfile saved = store.load().profiles().stream()
                .filter(p -> p.kind() == ConnectionKind.KUBERNETES)
                .findFirst()
                .orElseThrow();
        assertThat(saved.name()).isEqualTo("Staging cluster");
        assertThat(saved.cluster())
                .contains(new ClusterSettings(List.of(file), "mock", List.of("default", "kong"), "kuma-system"));
        assertThat(manager.profiles()).contains(saved);

        // the Connections page's editor renames it and keeps its cluster
        dev.gatehouse.app.pages.connections.ProfileDraft draft =
                dev.gatehouse.app.pages.connections.ProfileDraft.of(saved);
        draft.nameProperty().set("Renamed");
        assertThat(draft.problem()).isEmpty();
        assertThat(draft.toProfile().cluster()).isEqualTo(saved.cluster());
        assertThat(draft.toProfile().name()).isEqualTo("Renamed");
    }

    @Test
    void aPastedKubeconfigGoesToTheSecretStoreAndForbiddenNamespacesAreTyped() throws Exception {
        ApiDiscovery.forbidNamespaceList(cluster.server());
        ClusterWizardViewModel wizard = wizard(Map.of());
        wizard.start().join();
        assertThat(wizard.foundProperty().get())
                .isEqualTo(
                        "No kubeconfig found at " + dir.resolve("home/.kube/config") + ": pick a file or paste one.");
        assertThat(wizard.sourceProperty().get()).isEqualTo(Source.FILE);
        wizard.next().join();
        assertThat(wizard.errorProperty().get()).isEqualTo("Choose a kubeconfig file.");

        wizard.sourceProperty().set(Source.PASTED);
        wizard.pastedProperty().set("clusters: [");
        wizard.next().join();
        assertThat(wizard.errorProperty().get()).startsWith("The pasted kubeconfig is not a kubeconfig: ");
        wizard.pastedProperty().set(kubeconfig());
        wizard.next().join();
        wizard.contextProperty().set("mock");
        wizard.next().join();

        assertThat(wizard.stepProperty().get()).isEqualTo(Step.NAMESPACES);
        assertThat(wizard.typeNamespacesBecauseProperty().get())
                .isEqualTo("This user may not list namespaces (403 Forbidden); type the ones you may use.");
        wizard.typedNamespacesProperty().set("Team_A");
        wizard.next().join();
        assertThat(wizard.errorProperty().get()).startsWith("\u201cTeam_A\u201d is not a namespace name");
        wizard.typedNamespacesProperty().set("team-a, team-b");
        wizard.next().join();
        wizard.next().join();
        wizard.next().join();

        ConnectionProfile saved = store.load().profiles().stream()
                .filter(p -> p.kind() == ConnectionKind.KUBERNETES)
                .findFirst()
                .orElseThrow();
        assertThat(saved.cluster().orElseThrow().pasted()).isTrue();
        assertThat(saved.cluster().orElseThrow().namespaces()).containsExactly("team-a", "team-b");
        assertThat(secrets.get(saved.kubeconfigKey())).contains(kubeconfig());
        assertThat(Files.readString(store.file())).doesNotContain("token: abc").doesNotContain("clusters");
        assertThat(Optional.of(saved.cluster().orElseThrow().gatewayNamespace()))
                .contains(Optional.of("team-a"));
    }
}
