package dev.gatehouse.app.kubernetes.cluster;

import dev.gatehouse.app.kubernetes.testing.PodTunnels;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * Fabric8's mock API server over HTTPS, in CRUD mode with expectations on top (set with {@link #server()}'s
 * {@code expect()}), pods' port-forwards bridged to real sockets ({@link #tunnels()}), and the PEM of its self-signed certificate, so a kubeconfig can trust it as a real one would.
 */
public final class MockCluster implements AutoCloseable {

    /** Held so the setting lasts: the mock server logs every request at INFO, burying test output. */
    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final MockWebServer web = new MockWebServer();
    private final KubernetesMockServer server;
    private final PodTunnels tunnels;

    public MockCluster(String major, String minor) throws Exception {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        tunnels = new PodTunnels(responses);
        server = new KubernetesMockServer(new Context(), web, responses, tunnels, true);
        server.init();
        server.setVersionInfo(new VersionInfo.Builder()
                .withMajor(major)
                .withMinor(minor)
                .withGitVersion("v" + major + "." + minor + ".2")
                .build());
    }

    public KubernetesMockServer server() {
        return server;
    }

    /** Where pods' port-forwards go. */
    public PodTunnels tunnels() {
        return tunnels;
    }

    public String url() {
        return "https://localhost:" + web.getPort();
    }

    /** The server's certificate, as a kubeconfig's certificate-authority file would hold it. */
    public Path writeCertificate(Path file) throws Exception {
        Files.copy(Path.of(web.getSelfSignedCertificate().certificatePath()), file);
        return file;
    }

    /** A client that trusts any certificate, for setting up and reading the cluster behind the code's back. */
    public KubernetesClient admin() {
        return server.createClient();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
