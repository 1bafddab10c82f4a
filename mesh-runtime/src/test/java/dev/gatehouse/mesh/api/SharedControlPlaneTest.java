package dev.gatehouse.mesh.api;

import dev.gatehouse.mesh.Http;
import dev.gatehouse.mesh.RunningControlPlane;
import dev.gatehouse.mesh.TestControlPlanes;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Base of API test classes that share one real control plane (loopback, free port, temp data dir). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedControlPlaneTest {
    @TempDir
    static Path dir;

    RunningControlPlane cp;
    Http http;

    @BeforeAll
    void start() {
        cp = TestControlPlanes.start(dir);
        http = new Http(cp.apiUri());
    }

    @AfterAll
    void stop() {
        if (cp != null) {
            cp.close();
        }
    }
}
