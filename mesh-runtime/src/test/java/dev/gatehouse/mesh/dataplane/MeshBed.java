package dev.gatehouse.mesh.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.Http;
import dev.gatehouse.mesh.RunningControlPlane;
import dev.gatehouse.mesh.TestControlPlanes;
import dev.gatehouse.mesh.ca.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real control plane plus data planes on one shared transport, all on loopback with free ports, for the data-plane
 * tests. Data planes register with port 0 and get the ports they bound.
 */
final class MeshBed implements AutoCloseable {
    static final String MTLS_MESH =
            "type: Mesh\nname: %s\nmtls:\n  enabledBackend: ca-1\n  backends:\n    - name: ca-1\n      type: builtin\n";
    final RunningControlPlane cp;
    final Http http;
    final DataplaneTransport transport = DataplaneTransport.create(2);
    private final List<AutoCloseable> started = new ArrayList<>();

    MeshBed(Path dir) {
        cp = TestControlPlanes.start(dir);
        http = new Http(cp.apiUri());
    }

    /** A mesh with the builtin CA enabled (the control plane also creates allow-all-&lt;mesh&gt;). */
    void mtlsMesh(String mesh) {
        assertThat(http.putYaml("/meshes/" + mesh, MTLS_MESH.formatted(mesh)).status())
                .isIn(200, 201);
    }

    void plainMesh(String mesh) {
        assertThat(http.putYaml("/meshes/" + mesh, "type: Mesh\nname: " + mesh + "\n")
                        .status())
                .isIn(200, 201);
    }

    /** Universal YAML of a sidecar: one inbound (port 0) for {@code service} in front of {@code appPort}, and outbounds. */
    static String yaml(String mesh, String name, String service, int appPort, String protocol, String... outbounds) {
        StringBuilder y = new StringBuilder("""
                type: Dataplane
                mesh: %s
                name: %s
                networking:
                  address: 127.0.0.1
                """.formatted(mesh, name));
        if (service != null) {
            y.append("""
                      inbound:
                        - port: 0
                          servicePort: %d
                          tags:
                            kuma.io/service: %s
                            kuma.io/protocol: %s
                            team: %s-team
                    """.formatted(appPort, service, protocol, service));
        } else {
            y.append("  gateway:\n    type: DELEGATED\n    tags:\n      kuma.io/service: " + name + "\n");
        }
        if (outbounds.length > 0) {
            y.append("  outbound:\n");
            for (String o : outbounds) {
                y.append("    - port: 0\n      tags:\n        kuma.io/service: ")
                        .append(o)
                        .append('\n');
            }
        }
        return y.toString();
    }

    RunningDataplane sidecar(
            String mesh, String name, String service, int appPort, String protocol, String... outbounds) {
        return start(DataplaneConfig.of(http.base(), yaml(mesh, name, service, appPort, protocol, outbounds)));
    }

    RunningDataplane start(DataplaneConfig config) {
        RunningDataplane dp = Dataplane.start(config, transport);
        started.add(dp);
        return dp;
    }

    /** Registers a Dataplane resource without running it, and fetches its identity with its own token. */
    JsonNode registerAndFetchIdentity(String mesh, String name, String service, int port) {
        String yaml = yaml(mesh, name, service, 1, "tcp").replace("port: 0", "port: " + port);
        assertThat(http.putYaml("/meshes/" + mesh + "/dataplanes/" + name, yaml).status())
                .isIn(200, 201);
        String token = http.post("/tokens/dataplane", "{\"name\":\"" + name + "\",\"mesh\":\"" + mesh + "\"}")
                .body();
        JsonNode id = http.get("/meshes/" + mesh + "/dataplanes/" + name + "/_identity", token)
                .json();
        assertThat(id.path("mtlsEnabled").asBoolean())
                .as("identity of %s", name)
                .isTrue();
        return id;
    }

    /** A JDK TLS context presenting {@code cert}/{@code key} and trusting {@code trusted}. */
    static SSLContext tls(X509Certificate cert, java.security.PrivateKey key, X509Certificate trusted)
            throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        if (cert != null) {
            ks.setKeyEntry("me", key, new char[0], new Certificate[] {cert});
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** The TLS context of an identity fetched from the control plane. */
    static SSLContext tls(JsonNode identity) throws Exception {
        return tls(
                Pem.certificate(identity.path("certificate").asText()),
                Pem.privateKey(identity.path("privateKey").asText()),
                Pem.certificate(identity.path("caCertificates").asText()));
    }

    /** Sends one line on a new plain connection and returns the echo, or null when the connection was refused/closed. */
    static String roundTrip(InetSocketAddress to, String message) {
        try (Conn c = new Conn(new Socket(to.getAddress(), to.getPort()))) {
            return c.send(message);
        } catch (IOException e) {
            return null;
        }
    }

    /** One open connection that sends lines and reads their echo. */
    static final class Conn implements AutoCloseable {
        final Socket socket;

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(3000);
        }

        static Conn open(InetSocketAddress to) throws IOException {
            return new Conn(new Socket(to.getAddress(), to.getPort()));
        }

        /** The echo of {@code message}, or null if the peer closed or reset the connection. */
        String send(String message) {
            try {
                byte[] out = message.getBytes(StandardCharsets.UTF_8);
                socket.getOutputStream().write(out);
                socket.getOutputStream().flush();
                return new String(readFully(socket.getInputStream(), out.length), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] buf = in.readNBytes(n);
        if (buf.length < n) {
            throw new IOException("closed after " + buf.length + " of " + n + " bytes");
        }
        return buf;
    }

    @Override
    public void close() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        transport.close();
        cp.close();
    }
}
