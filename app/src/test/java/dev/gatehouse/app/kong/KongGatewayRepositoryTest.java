package dev.gatehouse.app.kong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.http.ApiEndpoint;
import dev.gatehouse.app.http.ApiTransport;
import dev.gatehouse.app.http.ApiUnreachableException;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntityOwner;
import dev.gatehouse.app.repository.gateway.EntityPage;
import dev.gatehouse.app.repository.gateway.EntitySchema;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.gateway.GatewayNode;
import dev.gatehouse.app.repository.gateway.SchemaField;
import dev.gatehouse.app.testing.RealGatewayTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The gateway repository over the real embedded gateway's Admin API: typed kinds, owned entities, paging, schemas,
 * and Kong's errors as field paths. Expected shapes from Kong's Admin API specs (spec/02-integration/04-admin_api).
 */
class KongGatewayRepositoryTest extends RealGatewayTest {

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static Throwable failureOf(CompletableFuture<?> call) {
        try {
            call.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the call to fail");
    }

    @Test
    void theNodeSaysWhoAnswersBehindKongsTagline() {
        GatewayNode node = repository.node().join();
        // kong/api/routes/kong.lua: tagline "Welcome to kong"; the Server header says who really answers.
        assertThat(node.tagline()).isEqualTo("Welcome to kong");
        assertThat(node.product()).isEqualTo("Gatehouse gateway");
        assertThat(node.version()).isNotEmpty();
        assertThat(repository.address()).isEqualTo(kong.baseUri());
    }

    @Test
    void createGetUpdateAndDeleteByKind() {
        ObjectNode created = repository
                .create(EntityKind.SERVICES, object().put("name", "repo-svc").put("url", "http://repo.test:8080"))
                .join();
        String id = created.path("id").asText();
        assertThat(repository
                        .get(EntityKind.SERVICES, "repo-svc")
                        .join()
                        .path("id")
                        .asText())
                .isEqualTo(id);
        assertThat(repository
                        .update(EntityKind.SERVICES, id, object().put("retries", 3))
                        .join()
                        .path("retries")
                        .asInt())
                .isEqualTo(3);
        repository.delete(EntityKind.SERVICES, id).join();
        Throwable gone = failureOf(repository.get(EntityKind.SERVICES, id));
        assertThat(gone)
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void pagesCarryTheOffsetOfTheNextPage() {
        for (int i = 0; i < 3; i++) {
            repository
                    .create(EntityKind.CONSUMERS, object().put("username", "paged-" + i))
                    .join();
        }
        EntityPage first =
                repository.page(EntityKind.CONSUMERS, 2, Optional.empty()).join();
        assertThat(first.data()).hasSize(2);
        assertThat(first.nextOffset()).isPresent();
        EntityPage rest =
                repository.page(EntityKind.CONSUMERS, 1000, first.nextOffset()).join();
        assertThat(rest.data())
                .extracting(c -> c.path("username").asText())
                .doesNotContainAnyElementsOf(first.data().stream()
                        .map(c -> c.path("username").asText())
                        .toList());
    }

    @Test
    void aConsumersKeysAndGroupsBelongToIt() {
        ObjectNode consumer = repository
                .create(EntityKind.CONSUMERS, object().put("username", "owner"))
                .join();
        EntityOwner owner =
                new EntityOwner(EntityKind.CONSUMERS, consumer.path("id").asText());
        // kong/plugins/key-auth/daos.lua: nested endpoint /consumers/{c}/key-auth.
        ObjectNode key = repository
                .create(owner, EntityKind.KEY_AUTH_CREDENTIALS, object().put("key", "k-owner"))
                .join();
        // kong/plugins/acl/daos.lua: nested endpoint /consumers/{c}/acls.
        repository
                .create(owner, EntityKind.ACL_GROUPS, object().put("group", "admins"))
                .join();

        assertThat(repository.listAll(owner, EntityKind.KEY_AUTH_CREDENTIALS).join())
                .extracting(k -> k.path("key").asText())
                .containsExactly("k-owner");
        assertThat(repository.listAll(EntityKind.KEY_AUTH_CREDENTIALS).join())
                .extracting(k -> k.path("consumer").path("id").asText())
                .contains(owner.id());
        assertThat(repository.listAll(owner, EntityKind.ACL_GROUPS).join())
                .extracting(a -> a.path("group").asText())
                .containsExactly("admins");

        repository
                .delete(EntityKind.KEY_AUTH_CREDENTIALS, key.path("id").asText())
                .join();
        assertThat(repository.listAll(owner, EntityKind.KEY_AUTH_CREDENTIALS).join())
                .isEmpty();
    }

    @Test
    void aServicesRoutesAreListedThroughItsOwner() {
        ObjectNode service = repository
                .create(EntityKind.SERVICES, object().put("name", "owned-svc").put("host", "o.test"))
                .join();
        ObjectNode route = object().put("name", "owned-rt");
        route.putArray("paths").add("/owned");
        route.putObject("service").put("id", service.path("id").asText());
        repository.create(EntityKind.ROUTES, route).join();
        assertThat(repository
                        .listAll(new EntityOwner(EntityKind.SERVICES, "owned-svc"), EntityKind.ROUTES)
                        .join())
                .extracting(r -> r.path("name").asText())
                .containsExactly("owned-rt");
    }

    @Test
    void refusalsCarryKongsFieldsFlattenedToPaths() {
        // 09-routes_routes_spec.lua: POST /routes {} is a schema violation about the whole entity.
        Throwable empty = failureOf(repository.create(EntityKind.ROUTES, object()));
        assertThat(empty).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).contains(2);
            assertThat(e.fieldErrors().get(GatewayException.ENTITY_FIELD)).contains("must set one of");
        });
        // spec/03-plugins/09-key-auth/01-api_spec.lua: a bad header name in config.key_names.
        ObjectNode plugin = object().put("name", "key-auth");
        plugin.putObject("config").putArray("key_names").add("hello\\world");
        Throwable nested = failureOf(repository.create(EntityKind.PLUGINS, plugin));
        assertThat(((GatewayException) nested).fieldErrors().get("config.key_names"))
                .contains("bad header name");

        repository
                .create(EntityKind.CONSUMERS, object().put("username", "twice"))
                .join();
        Throwable dup = failureOf(repository.create(EntityKind.CONSUMERS, object().put("username", "twice")));
        assertThat(dup).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.isUniqueViolation()).isTrue();
        });
    }

    @Test
    void schemasParseIntoFieldsWithTypesDefaultsAndReferences() {
        EntitySchema routes = repository.schema(EntityKind.ROUTES).join();
        SchemaField protocols = routes.field("protocols").orElseThrow();
        assertThat(protocols.type()).isEqualTo("set");
        assertThat(protocols.elements().orElseThrow().oneOf()).contains("http", "https", "grpc");
        assertThat(routes.field("strip_path").orElseThrow().defaultValue().asBoolean())
                .isTrue();
        assertThat(routes.field("service").orElseThrow().referencedKind()).contains(EntityKind.SERVICES);
        assertThat(repository.schema(EntityKind.KEY_AUTH_CREDENTIALS).join().field("key"))
                .isPresent();

        EntitySchema keyAuth = repository.pluginSchema("key-auth").join();
        JsonNode keyNames = keyAuth.field("config")
                .orElseThrow()
                .field("key_names")
                .orElseThrow()
                .defaultValue();
        assertThat(keyNames.get(0).asText()).isEqualTo("apikey");
        assertThat(repository.enabledPlugins().join()).contains("key-auth", "acl");
    }

    @Test
    void aMissingPluginSchemaIsARefusalAndANoAnswerStaysAConnectionProblem() throws Exception {
        assertThatThrownBy(() -> repository.pluginSchema("no-such-plugin").join())
                .hasCauseInstanceOf(GatewayException.class);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ApiEndpoint closedPort = ApiEndpoint.of(URI.create("http://127.0.0.1:" + port));
        try (KongAdminClient nowhere =
                new KongAdminClient(new ApiTransport(closedPort, Duration.ofSeconds(2), Duration.ofSeconds(2)))) {
            assertThat(failureOf(new KongGatewayRepository(nowhere).listAll(EntityKind.ROUTES)))
                    .isInstanceOf(ApiUnreachableException.class);
        }
    }
}
