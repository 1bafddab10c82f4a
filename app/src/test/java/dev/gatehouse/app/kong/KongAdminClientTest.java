package dev.gatehouse.app.kong;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.testing.RealGatewayTest;
import dev.gatehouse.app.testing.TestRuntimes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The Kong client against the real embedded gateway, over HTTP; expectations from Kong's Admin API specs. */
class KongAdminClientTest extends RealGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static KongApiException failure(Runnable call) {
        try {
            call.run();
        } catch (CompletionException e) {
            if (e.getCause() instanceof KongApiException kongError) {
                return kongError;
            }
            throw e;
        }
        throw new AssertionError("expected a Kong error");
    }

    @Test
    void nodeIdentifiesTheEmbeddedGatewayBehindKongsRootDocument() {
        KongAdminClient.NodeInfo node = kong.node().join();
        // kong/api/routes/kong.lua: tagline "Welcome to kong"; our Server header says who really answers.
        assertThat(node.root().path("tagline").asText()).isEqualTo("Welcome to kong");
        assertThat(node.product()).isEqualTo("Gatehouse gateway");
    }

    @Test
    void createGetUpdateUpsertAndDeleteAService() throws Exception {
        ObjectNode created = kong.create(
                        "/services", json("{\"name\":\"crud-svc\",\"url\":\"http://crud.test:8080/v1\"}"))
                .join();
        assertThat(created.path("host").asText()).isEqualTo("crud.test");
        assertThat(created.path("port").asInt()).isEqualTo(8080);
        String id = created.path("id").asText();

        assertThat(kong.get(KongPaths.entity(EntityKind.SERVICES, "crud-svc"))
                        .join()
                        .path("id")
                        .asText())
                .isEqualTo(id);
        ObjectNode patched = kong.update(KongPaths.entity(EntityKind.SERVICES, id), json("{\"retries\":9}"))
                .join();
        assertThat(patched.path("retries").asInt()).isEqualTo(9);
        assertThat(patched.path("host").asText()).isEqualTo("crud.test");

        // PUT replaces wholly (Kong: 200 for create and for replace).
        ObjectNode replaced = kong.upsert(
                        KongPaths.entity(EntityKind.SERVICES, id),
                        json("{\"name\":\"crud-svc\",\"host\":\"other.test\"}"))
                .join();
        assertThat(replaced.path("retries").asInt()).isEqualTo(5);
        assertThat(replaced.path("id").asText()).isEqualTo(id);

        kong.delete(KongPaths.entity(EntityKind.SERVICES, id)).join();
        KongApiException gone = failure(
                () -> kong.get(KongPaths.entity(EntityKind.SERVICES, id)).join());
        assertThat(gone.isNotFound()).isTrue();
        assertThat(gone.getMessage()).isEqualTo("Not found");
    }

    @Test
    void schemaViolationsComeBackPerField() throws Exception {
        // 09-routes_routes_spec.lua: POST /routes {} → schema violation with fields["@entity"]
        KongApiException empty =
                failure(() -> kong.create("/routes", JSON.createObjectNode()).join());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.code()).contains(2);
        assertThat(empty.fieldErrors()).containsKey("@entity");
        assertThat(empty.fieldErrors().get("@entity"))
                .contains("must set one of 'methods', 'hosts', 'headers', 'paths'");

        KongApiException typed = failure(
                () -> kong.create("/services", json("{\"name\":\"typed\",\"host\":\"x.test\",\"port\":\"eighty\"}"))
                        .join());
        assertThat(typed.fieldErrors()).containsEntry("port", "expected an integer");
    }

    @Test
    void nestedPluginConfigErrorsAreFlattenedToDottedPaths() throws Exception {
        kong.create("/services", json("{\"name\":\"plug-svc\",\"host\":\"p.test\"}"))
                .join();
        // spec/03-plugins/09-key-auth/01-api_spec.lua: bad header name in config.key_names
        KongApiException error = failure(() -> kong.create(
                        "/services/plug-svc/plugins",
                        json("{\"name\":\"key-auth\",\"config\":{\"key_names\":[\"hello\\\\world\"]}}"))
                .join());
        assertThat(error.fieldErrors()).containsKey("config.key_names");
        assertThat(error.fieldErrors().get("config.key_names")).contains("bad header name");
    }

    @Test
    void uniqueViolationsAre409WithCode5() throws Exception {
        kong.create("/consumers", json("{\"username\":\"dup-user\"}")).join();
        KongApiException dup = failure(() ->
                kong.create("/consumers", json("{\"username\":\"dup-user\"}")).join());
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.code()).contains(5);
        assertThat(dup.getMessage()).isEqualTo("UNIQUE violation detected on '{username=\"dup-user\"}'");
    }

    @Test
    void listAllFollowsPaginationTransparently() throws Exception {
        StringBuilder yaml = new StringBuilder("_format_version: \"3.0\"\nconsumers:\n");
        for (int i = 0; i < 2500; i++) {
            yaml.append("- username: page-user-").append(i).append('\n');
        }
        TestRuntimes.loadConfig(gateway, yaml.toString());
        List<Integer> pageSizes = new ArrayList<>();
        List<ObjectNode> all =
                kong.listAll("/consumers", page -> pageSizes.add(page.size())).join();
        assertThat(all).hasSize(2500);
        assertThat(pageSizes).containsExactly(1000, 1000, 500);
        assertThat(all.stream().map(c -> c.path("username").asText()).distinct())
                .hasSize(2500);
    }

    @Test
    void offsetIsTakenFromNextLinks() {
        assertThat(KongAdminClient.offsetOf("/routes?offset=abc%3D%3D&size=3")).contains("abc==");
        assertThat(KongAdminClient.offsetOf("/routes")).isEmpty();
    }
}
