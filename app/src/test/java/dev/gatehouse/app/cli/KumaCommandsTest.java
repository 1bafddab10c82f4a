package dev.gatehouse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.Launcher;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.mesh.RunningControlPlane;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gatehouse export|diff|apply --mesh-url} in-process against real control planes, the source seeded as the
 * walkthrough leaves the mesh (builtin mTLS, allow-all gone, a MeshTrafficPermission and a TrafficPermission): the
 * round trip to a fresh control plane, diff's exit codes and plan lines, validation before any change, a refusal
 * midway, data planes and the defaults a control plane creates with a mesh.
 */
class KumaCommandsTest {

    @TempDir
    Path dir;

    private RunningControlPlane source;
    private URI api;

    @BeforeEach
    void seed() throws Exception {
        source = TestRuntimes.controlPlane(dir.resolve("source"));
        api = source.apiUri();
        seed(api);
    }

    @AfterEach
    void stop() {
        source.close();
    }

    /** The walkthrough's mesh: mTLS on, the default allow-all gone, gateway to everything, demo-app to redis. */
    static void seed(URI api) throws Exception {
        TestRuntimes.kumaWrite(api, "PUT", "/meshes/default", """
                type: Mesh
                name: default
                mtls:
                  enabledBackend: ca-1
                  backends:
                  - name: ca-1
                    type: builtin
                """);
        TestRuntimes.kumaWrite(api, "DELETE", "/meshes/default/traffic-permissions/allow-all-default", null);
        TestRuntimes.kumaWrite(api, "PUT", "/meshes/default/meshtrafficpermissions/gateway-to-all", """
                type: MeshTrafficPermission
                mesh: default
                name: gateway-to-all
                spec:
                  targetRef:
                    kind: Mesh
                  from:
                  - targetRef:
                      kind: MeshSubset
                      tags:
                        kuma.io/service: gateway
                    default:
                      action: Allow
                """);
        TestRuntimes.kumaWrite(api, "PUT", "/meshes/default/traffic-permissions/demo-app-to-redis", """
                type: TrafficPermission
                mesh: default
                name: demo-app-to-redis
                sources:
                - match:
                    kuma.io/service: demo-app
                destinations:
                - match:
                    kuma.io/service: redis
                """);
    }

    private record Result(int exit, String out, String err) {}

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Launcher());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private Result with(URI url, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--mesh-url", url.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private String export(URI url, String... more) {
        List<String> args = new ArrayList<>(List.of("--format", "kuma"));
        args.addAll(List.of(more));
        Result export = with(url, "export", args.toArray(String[]::new));
        assertThat(export.exit()).as(export.err()).isZero();
        return export.out();
    }

    private Path file(String name, String text) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, text);
        return path;
    }

    /** The documents of {@code yaml} that do not mention {@code word}. */
    private static String without(String yaml, String word) {
        StringBuilder out = new StringBuilder();
        for (String doc : yaml.split("(?m)^---\n")) {
            if (!doc.isEmpty() && !doc.contains(word)) {
                out.append("---\n").append(doc);
            }
        }
        return out.toString();
    }

    private static String noChanges() {
        return "Summary:\n  Created: 0\n  Updated: 0\n  Deleted: 0\n";
    }

    @Test
    void exportWritesMeshesThenPoliciesAsKumactlDoes() {
        assertThat(export(api)).isEqualTo("""
                ---
                type: Mesh
                name: default
                mtls:
                  backends:
                  - name: ca-1
                    type: builtin
                  enabledBackend: ca-1
                skipCreatingInitialPolicies:
                - '*'
                ---
                type: MeshTrafficPermission
                name: gateway-to-all
                mesh: default
                spec:
                  from:
                  - default:
                      action: Allow
                    targetRef:
                      kind: MeshSubset
                      tags:
                        kuma.io/service: gateway
                  targetRef:
                    kind: Mesh
                ---
                type: TrafficPermission
                name: demo-app-to-redis
                mesh: default
                destinations:
                - match:
                    kuma.io/service: redis
                sources:
                - match:
                    kuma.io/service: demo-app
                """);
    }

    @Test
    void roundTripToAFreshControlPlaneGivesTheSameFile() throws Exception {
        String first = export(api, "--include-secrets");
        Path file = file("mesh.yaml", first);
        try (RunningControlPlane fresh = TestRuntimes.controlPlane(dir.resolve("fresh"))) {
            URI target = fresh.apiUri();
            Result diff = with(target, "diff", "--file", file.toString());
            assertThat(diff.exit()).as(diff.err()).isEqualTo(DiffCommand.CHANGES);
            // A fresh control plane has the default mesh with its allow-all: the mesh is updated, the allow-all goes.
            assertThat(diff.out())
                    .contains("updating Mesh default  {")
                    .contains(
                            "+  \"mtls\": {\"backends\":[{\"name\":\"ca-1\",\"type\":\"builtin\"}],\"enabledBackend\":\"ca-1\"}\n")
                    .contains("creating MeshTrafficPermission default/gateway-to-all\n")
                    .contains("creating TrafficPermission default/demo-app-to-redis\n")
                    .contains("deleting TrafficPermission default/allow-all-default\n")
                    .endsWith("Summary:\n  Created: 2\n  Updated: 1\n  Deleted: 1\n");

            Result apply = with(target, "apply", "--file", file.toString());
            assertThat(apply.exit()).as(apply.err()).isZero();
            assertThat(apply.out()).endsWith("Applied 4 changes.\n");

            assertThat(export(target, "--include-secrets")).isEqualTo(first);
            Result again = with(target, "diff", "--file", file.toString());
            assertThat(again.exit()).as(again.out() + again.err()).isZero();
            assertThat(again.out()).isEqualTo(noChanges());
        }
    }

    @Test
    void diffPrintsCreateUpdateAndDeleteWithExitCodes() throws Exception {
        Result same = with(api, "diff", "--file", file("same.yaml", export(api)).toString());
        assertThat(same.exit()).as(same.err()).isZero();
        assertThat(same.out()).isEqualTo(noChanges());

        String edited = export(api)
                        .replace("kuma.io/service: redis", "kuma.io/service: postgres")
                        .replace("name: gateway-to-all", "name: gateway-to-everything")
                + """
                ---
                type: Mesh
                name: shop
                """;
        Result diff = with(api, "diff", "--file", file("edited.yaml", edited).toString());
        assertThat(diff.exit()).as(diff.err()).isEqualTo(DiffCommand.CHANGES);
        assertThat(diff.out())
                .startsWith("creating Mesh shop\n")
                .contains("creating MeshTrafficPermission default/gateway-to-everything\n")
                .contains("updating TrafficPermission default/demo-app-to-redis  {\n")
                .contains("-  \"destinations\": [{\"match\":{\"kuma.io/service\":\"redis\"}}]\n"
                        + "+  \"destinations\": [{\"match\":{\"kuma.io/service\":\"postgres\"}}]\n")
                .contains("deleting MeshTrafficPermission default/gateway-to-all\n")
                .endsWith("Summary:\n  Created: 2\n  Updated: 1\n  Deleted: 1\n");
        // Deletes come last, after every create and update.
        assertThat(diff.out().indexOf("deleting")).isGreaterThan(diff.out().indexOf("updating"));
    }

    @Test
    void anInvalidFileChangesNothingAndSaysWhy() throws Exception {
        String before = export(api);
        String invalid = before.replace("action: Allow", "action: Maybe");
        Result apply =
                with(api, "apply", "--file", file("invalid.yaml", invalid).toString());
        assertThat(apply.exit()).isEqualTo(Commands.ERROR);
        assertThat(apply.err())
                .startsWith("gatehouse: Nothing was applied: MeshTrafficPermission default/gateway-to-all is invalid:")
                .contains("spec.from[0].default.action");
        assertThat(apply.out()).isEmpty();
        assertThat(export(api)).isEqualTo(before);
    }

    @Test
    void anApplyRefusedMidwaySaysWhatWasApplied() throws Exception {
        // Mesh "extra" has a data plane, so the control plane refuses to delete it; the file leaves it out.
        TestRuntimes.kumaWrite(api, "PUT", "/meshes/extra", "type: Mesh\nname: extra\n");
        TestRuntimes.kumaWrite(api, "PUT", "/meshes/extra/dataplanes/web-1", """
                type: Dataplane
                mesh: extra
                name: web-1
                networking:
                  address: 127.0.0.1
                  inbound:
                  - port: 8080
                    tags:
                      kuma.io/service: web
                """);
        String file = without(export(api), "extra").replace("kuma.io/service: redis", "kuma.io/service: postgres");
        assertThat(file).doesNotContain("extra");
        Result apply = with(api, "apply", "--file", file("partial.yaml", file).toString());
        assertThat(apply.exit()).isEqualTo(Commands.ERROR);
        assertThat(apply.out()).contains("updating TrafficPermission default/demo-app-to-redis");
        assertThat(apply.err())
                .startsWith("gatehouse: The control plane refused deleting Mesh extra: ")
                .contains("Applied before it (2): updating TrafficPermission default/demo-app-to-redis,"
                        + " deleting TrafficPermission extra/allow-all-extra.");
        assertThat(export(api)).contains("kuma.io/service: postgres").contains("name: extra");
    }

    @Test
    void dataplanesAreLeftOutUnlessAskedFor() throws Exception {
        TestRuntimes.kumaWrite(api, "PUT", "/meshes/default/dataplanes/redis-1", """
                type: Dataplane
                mesh: default
                name: redis-1
                networking:
                  address: 127.0.0.1
                  inbound:
                  - port: 6379
                    tags:
                      kuma.io/service: redis
                """);
        assertThat(export(api)).doesNotContain("Dataplane");
        String with = export(api, "--include-dataplanes");
        assertThat(with)
                .contains("---\ntype: Dataplane\nname: redis-1\nmesh: default\nnetworking:\n")
                .doesNotContain("DataplaneInsight");
        // Kumactl's order: Mesh, then the other types by name (Dataplane before MeshTrafficPermission).
        assertThat(with.indexOf("type: Dataplane")).isLessThan(with.indexOf("type: MeshTrafficPermission"));
        // A file without data planes leaves them alone; one with them manages them.
        assertThat(with(api, "diff", "--file", file("no-dp.yaml", export(api)).toString())
                        .exit())
                .isZero();
        Result withDp = with(api, "diff", "--file", file("dp.yaml", with).toString());
        assertThat(withDp.exit()).as(withDp.out() + withDp.err()).isZero();
        String replacedDp = without(with, "redis-1")
                + "---\ntype: Dataplane\nname: other\nmesh: default\nnetworking:\n  address: 127.0.0.1\n"
                + "  inbound:\n  - port: 1\n    tags:\n      kuma.io/service: other\n";
        Result replaced =
                with(api, "diff", "--file", file("dp2.yaml", replacedDp).toString());
        assertThat(replaced.out())
                .contains("creating Dataplane default/other\n")
                .contains("deleting Dataplane default/redis-1\n");
    }

    @Test
    void aMeshCreatedByApplyGetsNoDefaultPoliciesWhenTheFileSaysSo() throws Exception {
        // Exported Meshes carry skipCreatingInitialPolicies: ['*'] (as kumactl export writes them): the file holds
        // the policies, so the control plane must not add its allow-all-<mesh>.
        String withShop = export(api) + "---\ntype: Mesh\nname: shop\nskipCreatingInitialPolicies:\n- '*'\n";
        Path file = file("shop.yaml", withShop);
        assertThat(with(api, "apply", "--file", file.toString()).exit()).isZero();
        assertThat(with(api, "diff", "--file", file.toString()).exit()).isZero();
        assertThat(export(api)).doesNotContain("allow-all-shop");

        // A Mesh written without it gets the control plane's allow-all, which the next diff offers to delete.
        String plain = export(api) + "---\ntype: Mesh\nname: cart\n";
        Path second = file("cart.yaml", plain);
        Result apply = with(api, "apply", "--file", second.toString());
        assertThat(apply.exit()).as(apply.err()).isZero();
        Result diff = with(api, "diff", "--file", second.toString());
        assertThat(diff.exit()).isEqualTo(DiffCommand.CHANGES);
        assertThat(diff.out())
                .isEqualTo("deleting TrafficPermission cart/allow-all-cart\n"
                        + "Summary:\n  Created: 0\n  Updated: 0\n  Deleted: 1\n");
    }

    @Test
    void aFileIsForTheRuntimeItsContentNames() throws Exception {
        Path deck = file("kong.yaml", "_format_version: \"3.0\"\nservices: []\n");
        Result wrong = with(api, "diff", "--file", deck.toString());
        assertThat(wrong.exit()).isEqualTo(Commands.ERROR);
        assertThat(wrong.err()).contains("is a decK file").contains("--gateway-url");

        Result kumaNeedsMesh = run("export", "--format", "kuma", "--gateway-url", "http://127.0.0.1:1");
        assertThat(kumaNeedsMesh.exit()).isEqualTo(Commands.ERROR);
        assertThat(kumaNeedsMesh.err()).contains("--mesh-url");

        Result both = run(
                "diff", "--mesh-url", api.toString(), "--gateway-url", "http://127.0.0.1:1", "--file", deck.toString());
        assertThat(both.exit()).isEqualTo(Commands.ERROR);
        assertThat(both.err()).contains("not both");

        Result orphan = with(api, "diff", "--file", file("orphan.yaml", """
                type: TrafficPermission
                mesh: nowhere
                name: x
                sources: []
                destinations: []
                """).toString());
        assertThat(orphan.exit()).isEqualTo(Commands.ERROR);
        assertThat(orphan.err()).contains("is in mesh nowhere, which the file does not hold");

        Result unreachable = run("export", "--format", "kuma", "--mesh-url", "http://127.0.0.1:1");
        assertThat(unreachable.exit()).isEqualTo(Commands.ERROR);
        assertThat(unreachable.err()).startsWith("gatehouse: The control plane could not be reached");
    }

    @Test
    void exportRefusesSelectTagForTheMesh() {
        Result kuma = with(api, "export", "--format", "kuma", "--select-tag", "demo");
        assertThat(kuma.exit()).isEqualTo(Commands.ERROR);
        assertThat(kuma.out()).isEmpty();
        assertThat(kuma.err().strip())
                .isEqualTo("gatehouse: --select-tag selects gateway entities; Kuma resources carry no tags.");

        Result kubernetes = with(api, "export", "--format", "kubernetes", "--select-tag", "demo");
        assertThat(kubernetes.exit()).isEqualTo(Commands.ERROR);
        assertThat(kubernetes.out()).isEmpty();
        assertThat(kubernetes.err().strip()).isEqualTo("gatehouse: --select-tag goes with --format deck.");
    }

    @Test
    void aConsolesLiveTrafficAccessLogIsNeitherExportedNorDeleted() throws Exception {
        String before = export(api);
        TestRuntimes.kumaWrite(api, "PUT", "/meshes/default/meshaccesslogs/gatehouse-live-traffic-1234abcd", """
                type: MeshAccessLog
                mesh: default
                name: gatehouse-live-traffic-1234abcd
                spec:
                  targetRef:
                    kind: Mesh
                  to:
                  - targetRef:
                      kind: Mesh
                    default:
                      backends:
                      - type: Tcp
                        tcp:
                          address: 127.0.0.1:5000
                """);
        TestRuntimes.kumaWrite(api, "PUT", "/meshes/default/meshaccesslogs/audit", """
                type: MeshAccessLog
                mesh: default
                name: audit
                spec:
                  targetRef:
                    kind: Mesh
                  to:
                  - targetRef:
                      kind: Mesh
                    default:
                      backends:
                      - type: Tcp
                        tcp:
                          address: 10.0.0.1:5000
                """);
        String after = export(api);
        assertThat(after).contains("name: audit").doesNotContain("gatehouse-live-traffic");
        // MeshAccessLog sorts between Mesh and MeshTrafficPermission, as kumactl orders types by name.
        assertThat(after.indexOf("type: MeshAccessLog")).isLessThan(after.indexOf("type: MeshTrafficPermission"));
        Result diff = with(api, "diff", "--file", file("before.yaml", before).toString());
        assertThat(diff.out())
                .isEqualTo("deleting MeshAccessLog default/audit\n"
                        + "Summary:\n  Created: 0\n  Updated: 0\n  Deleted: 1\n");
    }

    @Test
    void aRedactedValueKeepsTheLiveOneAndCannotBeCreated() throws Exception {
        // Whatever reads <redacted> is a secret the export hid: the live value is kept, and nothing can be created
        // from it.
        String redacted = export(api).replace("kuma.io/service: demo-app", "kuma.io/service: <redacted>");
        Result same = with(api, "diff", "--file", file("kept.yaml", redacted).toString());
        assertThat(same.exit()).as(same.out() + same.err()).isZero();

        String created = redacted.replace("name: demo-app-to-redis", "name: copy");
        Result apply =
                with(api, "apply", "--file", file("created.yaml", created).toString());
        assertThat(apply.exit()).isEqualTo(Commands.ERROR);
        assertThat(apply.err())
                .isEqualTo("gatehouse: Nothing was applied: TrafficPermission default/copy holds a redacted secret"
                        + " (sources[0].match.kuma.io/service) and does not exist on the control plane, so there is"
                        + " no value to keep; export with --include-secrets to apply it.\n");
    }

    @Test
    void againstAKumaWithoutValidationEachPutDecidesAndTheTokenIsABearer() throws Exception {
        try (KumaLikeProxy kuma = new KumaLikeProxy(api)) {
            String invalid = export(api).replace("action: Allow", "action: Maybe");
            Result apply = run(
                    "apply",
                    "--mesh-url",
                    kuma.uri().toString(),
                    "--admin-token",
                    "t0k",
                    "--header",
                    "X-Team: mesh",
                    "--file",
                    file("invalid.yaml", invalid).toString());
            assertThat(apply.exit()).isEqualTo(Commands.ERROR);
            assertThat(apply.err())
                    .contains("offers no validation without writing (Kuma has no dry run)")
                    .contains("gatehouse: The control plane refused updating MeshTrafficPermission"
                            + " default/gateway-to-all: ")
                    .contains("spec.from[0].default.action")
                    .contains("Nothing had been applied before it.");
            assertThat(kuma.authorization).contains("Bearer t0k");
            assertThat(kuma.team).contains("mesh");
        }
    }

    /** A Kuma in front of our control plane: every request is passed on, except {@code /_validate} (Kuma's 404). */
    private static final class KumaLikeProxy implements AutoCloseable {
        private final com.sun.net.httpserver.HttpServer server;
        private final java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        final java.util.Set<String> authorization = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final java.util.Set<String> team = java.util.concurrent.ConcurrentHashMap.newKeySet();

        KumaLikeProxy(URI upstream) throws Exception {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    URI uri = exchange.getRequestURI();
                    java.util.Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
                            .ifPresent(authorization::add);
                    java.util.Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Team"))
                            .ifPresent(team::add);
                    if (uri.getPath().equals("/_validate")) {
                        byte[] body = "404: Page Not Found".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(404, body.length);
                        exchange.getResponseBody().write(body);
                        return;
                    }
                    byte[] requestBody = exchange.getRequestBody().readAllBytes();
                    java.net.http.HttpRequest.Builder forward = java.net.http.HttpRequest.newBuilder(upstream.resolve(
                                    uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                            .method(
                                    exchange.getRequestMethod(),
                                    java.net.http.HttpRequest.BodyPublishers.ofByteArray(requestBody));
                    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                    if (contentType != null) {
                        forward.header("Content-Type", contentType);
                    }
                    java.net.http.HttpResponse<byte[]> answer =
                            client.send(forward.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                    answer.headers()
                            .firstValue("Content-Type")
                            .ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
                    exchange.sendResponseHeaders(
                            answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                    exchange.getResponseBody().write(answer.body());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close() {
            server.stop(0);
            client.close();
        }
    }
}
