package dev.gatehouse.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.dao.EntityDao;
import dev.gatehouse.gateway.entity.EntitySchemas;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.listen.ListenSpec;
import dev.gatehouse.gateway.plugin.PluginRegistry;
import dev.gatehouse.gateway.store.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any {@link Throwable} while handling a request, a {@link StackOverflowError} or another {@link Error} included,
 * is Kong's 500 {@code {"message":"An unexpected error occurred"}} and the connection keeps serving. Before, an
 * Error killed the handler thread silently: no answer, and the connection (queued requests too) hung open.
 */
class UnexpectedErrorTest {

    @TempDir
    static Path dir;

    private static Store store;
    private static AdminServer server;

    @BeforeAll
    static void start() throws Exception {
        PluginRegistry plugins = PluginRegistry.discover();
        EntitySchemas schemas = plugins.entitySchemas();
        store = Store.open(dir, schemas);
        AdminApi.Extension failing = r -> {
            r.add(
                    "/fail/overflow",
                    "GET",
                    (req, uri, post, json) ->
                            AdminResponse.of(200, Json.nullNode().get(recurse(0))));
            r.add("/fail/error", "GET", (req, uri, post, json) -> {
                throw new AssertionError("an Error that is not a RuntimeException");
            });
        };
        AdminApi api = new AdminApi(
                store, new EntityDao(schemas), plugins, null, Json::object, "node", List.of(failing), List.of());
        server = AdminServer.start(
                List.of(new AdminServer.Listener(ListenSpec.plain(new InetSocketAddress("127.0.0.1", 0)), null)), api);
    }

    /** Recurses until the stack overflows: a real StackOverflowError, as a 2,000-level form key caused. */
    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    @Test
    void errorsAre500AndTheConnectionCarriesOn() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(server.address());
            s.setSoTimeout(10_000); // the old code never answered
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            for (String path : List.of("/fail/overflow", "/fail/error", "/status")) {
                out.write(("GET " + path + " HTTP/1.1\r\nHost: admin\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = in.readLine();
                int length = 0;
                for (String h = in.readLine(); !h.isEmpty(); h = in.readLine()) {
                    if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                char[] body = new char[length];
                for (int read = 0; read < length; ) {
                    read += in.read(body, read, length - read);
                }
                if (path.equals("/status")) {
                    assertThat(status).isEqualTo("HTTP/1.1 200 OK");
                } else {
                    assertThat(status).as(path).isEqualTo("HTTP/1.1 500 Internal Server Error");
                    assertThat(new String(body)).isEqualTo("{\"message\":\"An unexpected error occurred\"}");
                }
            }
        }
    }
}
