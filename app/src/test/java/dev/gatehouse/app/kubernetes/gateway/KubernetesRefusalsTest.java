package dev.gatehouse.app.kubernetes.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.http.ApiUnreachableException;
import dev.gatehouse.app.http.ConnectionProblem;
import dev.gatehouse.app.kubernetes.testing.GatewayMockCluster;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API server's refusals as the sentences the console shows: the mock server answers the statuses a real one
 * sends (apiserver's Status objects) where an expectation is set, and stores everything else.
 */
class KubernetesRefusalsTest {

    private static final String NS = GatewayMockCluster.NAMESPACE;
    private static final String INGRESSES = "/apis/networking.k8s.io/v1/namespaces/" + NS + "/ingresses";

    private GatewayMockCluster cluster;
    private KubernetesGatewayRepository gateway;

    @BeforeEach
    void start() {
        cluster = GatewayMockCluster.start();
        gateway = cluster.repository(Optional.empty());
        gateway.create(
                        EntityKind.SERVICES,
                        JsonNodeFactory.instance
                                .objectNode()
                                .put("name", "orders")
                                .put("host", "orders.internal"))
                .join();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder()
                .withStatus("Failure")
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .build();
    }

    private static ObjectNode route(String name) {
        ObjectNode route = JsonNodeFactory.instance.objectNode().put("name", name);
        route.putArray("paths").add("/orders");
        route.putObject("service").put("name", "orders");
        return route;
    }

    private static Throwable failure(CompletableFuture<?> call) {
        try {
            call.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }

    private static GatewayException refusal(CompletableFuture<?> call) {
        Throwable e = failure(call);
        assertThat(e).isInstanceOf(GatewayException.class);
        return (GatewayException) e;
    }

    @Test
    void forbiddenNamesTheVerbTheResourceAndTheNamespace() {
        cluster.server()
                .expect()
                .post()
                .withPath(INGRESSES)
                .andReturn(
                        403,
                        status(
                                403,
                                "Forbidden",
                                "ingresses.networking.k8s.io is forbidden: User \"system:serviceaccount:shop:gatehouse\""
                                        + " cannot create resource \"ingresses\" in API group \"networking.k8s.io\" in"
                                        + " the namespace \"shop\""))
                .once();

        GatewayException refused = refusal(gateway.create(EntityKind.ROUTES, route("orders-rt")));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.getMessage())
                .contains("not allow this connection's account to create ingresses.networking.k8s.io in namespace shop")
                .contains("RBAC")
                .contains("system:serviceaccount:shop:gatehouse");
    }

    @Test
    void aConflictAsksToReload() {
        gateway.create(EntityKind.ROUTES, route("orders-rt")).join();
        cluster.server()
                .expect()
                .put()
                .withPath(INGRESSES + "/orders-rt")
                .andReturn(
                        409,
                        status(
                                409,
                                "Conflict",
                                "Operation cannot be fulfilled on ingresses.networking.k8s.io \"orders-rt\": the object"
                                        + " has been modified; please apply your changes to the latest version and try"
                                        + " again"))
                .once();

        GatewayException refused = refusal(gateway.update(
                EntityKind.ROUTES,
                "orders-rt",
                JsonNodeFactory.instance.objectNode().put("strip_path", false)));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.isUniqueViolation()).isFalse();
        assertThat(refused.getMessage())
                .isEqualTo(
                        "The Ingress orders-rt was changed by someone else since it was read; reload and try again.");
    }

    @Test
    void aStaleResourceVersionIsTheSameConflict() {
        Cluster direct = new Cluster(cluster.client(), NS, java.util.Optional.empty());
        ObjectNode read = direct.list(KubeType.SERVICE).getFirst();
        ObjectNode first = read.deepCopy();
        ((ObjectNode) first.get("spec")).put("externalName", "first.internal");
        direct.update(KubeType.SERVICE, first);
        ObjectNode second = read.deepCopy();
        ((ObjectNode) second.get("spec")).put("externalName", "second.internal");

        try {
            direct.update(KubeType.SERVICE, second);
            throw new AssertionError("the stale update succeeded");
        } catch (GatewayException e) {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.getMessage()).contains("Service orders was changed by someone else");
        }
    }

    @Test
    void aNameTakenIsKongsUniqueViolation() {
        gateway.create(EntityKind.ROUTES, route("orders-rt")).join();

        GatewayException refused = refusal(gateway.create(EntityKind.ROUTES, route("orders-rt")));

        assertThat(refused.isUniqueViolation()).isTrue();
        assertThat(refused.getMessage()).isEqualTo("An Ingress named orders-rt already exists in namespace shop.");
    }

    @Test
    void anAdmissionWebhookDenialGivesTheWebhooksMessage() {
        cluster.server()
                .expect()
                .post()
                .withPath("/apis/configuration.konghq.com/v1/namespaces/" + NS + "/kongplugins")
                .andReturn(
                        400,
                        status(
                                400,
                                "BadRequest",
                                "admission webhook \"validations.kong.konghq.com\" denied the request: plugin failed"
                                        + " schema validation: schema violation (config.minute: expected a number)"))
                .once();
        ObjectNode plugin = JsonNodeFactory.instance.objectNode().put("name", "rate-limiting");
        plugin.putObject("service").put("name", "orders");
        plugin.putObject("config").put("minute", "often");

        GatewayException refused = refusal(gateway.create(EntityKind.PLUGINS, plugin));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.getMessage())
                .startsWith(
                        "The admission webhook validations.kong.konghq.com refused the KongPlugin orders-rate-limiting:")
                .endsWith("schema violation (config.minute: expected a number)");
        assertThat(refused.fieldErrors()).containsKey(GatewayException.ENTITY_FIELD);
    }

    @Test
    void anInvalidObjectListsTheApiServersCauses() {
        Status invalid = new StatusBuilder(status(422, "Invalid", "Ingress.networking.k8s.io \"orders-rt\" is invalid"))
                .withNewDetails()
                .addNewCause()
                .withField("spec.rules[0].host")
                .withMessage("Invalid value: \"-bad\": a lowercase RFC 1123 subdomain must consist of ...")
                .endCause()
                .endDetails()
                .build();
        cluster.server()
                .expect()
                .post()
                .withPath(INGRESSES)
                .andReturn(422, invalid)
                .once();

        GatewayException refused = refusal(gateway.create(EntityKind.ROUTES, route("orders-rt")));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.getMessage())
                .isEqualTo("Kubernetes found the Ingress orders-rt invalid: spec.rules[0].host: Invalid value:"
                        + " \"-bad\": a lowercase RFC 1123 subdomain must consist of ...");
    }

    @Test
    void noAnswerIsAConnectionProblemNotARefusal() {
        try (KubernetesClient nowhere = new KubernetesClientBuilder()
                        .withConfig(new ConfigBuilder()
                                .withMasterUrl("https://127.0.0.1:1")
                                .withRequestRetryBackoffLimit(0)
                                .withConnectionTimeout(2000)
                                .build())
                        .build();
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            KubernetesGatewayRepository unreachable =
                    new KubernetesGatewayRepository(nowhere, NS, executor, Optional.empty());

            Throwable e = failure(unreachable.listAll(EntityKind.SERVICES));

            assertThat(e).isInstanceOf(ApiUnreachableException.class);
            assertThat(((ApiUnreachableException) e).problem()).isEqualTo(ConnectionProblem.REFUSED);
        }
    }
}
