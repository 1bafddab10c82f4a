package dev.gatehouse.app.kubernetes.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kubernetes.testing.MeshMockCluster;
import dev.gatehouse.app.meshpolicy.EditHistory;
import dev.gatehouse.app.meshpolicy.PolicyChange;
import dev.gatehouse.app.meshpolicy.PolicyChanges;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import dev.gatehouse.app.testing.MeshSeed;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The graph's permission edits (an allow from the editor, undo, redo through the {@link EditHistory} the Topology
 * page uses) over Kubernetes: a name the console chooses ({@code allow-redis-to-demo-app}) is stored in the control
 * plane's namespace and read back as Kuma names it ({@code ....kuma-system}), and the history still finds it.
 */
class KubernetesMeshEditsTest {

    private final Messages messages = new Messages(Locale.ROOT);
    private MeshMockCluster cluster;
    private KubernetesMeshRepository repository;
    private EditHistory history;

    @BeforeEach
    void seed() throws Exception {
        cluster = MeshMockCluster.start();
        repository = cluster.repository();
        cluster.kumaDefaults();
        cluster.dataplane("kong-5f6b", "gateway", 0, true);
        cluster.dataplane("demo-app-7d9c", "demo-app", 5000, false);
        cluster.dataplane("redis-0", "redis", 6379, false);
        MeshSeed.seed(repository);
        history = new EditHistory(repository, messages, UiExecutor.DIRECT);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private ServiceAccess.Access redisToApp() {
        PermissionMatrix matrix = repository.permissionMatrix("default").join();
        return matrix.pair("redis", "demo-app").orElseThrow().access();
    }

    private GenericKubernetesResource stored(String name) {
        return cluster.kuma("MeshTrafficPermission", "meshtrafficpermissions", true)
                .inNamespace(MeshMockCluster.CONTROL_PLANE)
                .withName(name)
                .get();
    }

    @Test
    void anAllowIsAppliedUndoneAndRedoneAsCustomResources() {
        assertThat(redisToApp()).isEqualTo(ServiceAccess.Access.DENIED);
        PolicyChange allow = new PolicyChanges(messages).allow("default", "redis", "demo-app", true);

        history.apply(allow).join();
        GenericKubernetesResource created = stored("allow-redis-to-demo-app");
        assertThat(created).isNotNull();
        assertThat(created.getMetadata().getLabels()).containsEntry("kuma.io/mesh", "default");
        assertThat(redisToApp()).isEqualTo(ServiceAccess.Access.ALLOWED);

        history.undo().join();
        assertThat(stored("allow-redis-to-demo-app")).isNull();
        assertThat(redisToApp()).isEqualTo(ServiceAccess.Access.DENIED);

        history.redo().join();
        assertThat(stored("allow-redis-to-demo-app")).isNotNull();
        assertThat(redisToApp()).isEqualTo(ServiceAccess.Access.ALLOWED);
    }
}
