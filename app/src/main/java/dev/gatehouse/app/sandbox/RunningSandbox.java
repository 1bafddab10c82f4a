package dev.gatehouse.app.sandbox;

import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.gateway.log.RequestEvents;
import dev.gatehouse.mesh.RunningControlPlane;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;

/** A started sandbox: its public addresses, how long it took, and {@link #close()}. */
public final class RunningSandbox implements AutoCloseable {

    private final RunningGateway gateway;
    private final RunningControlPlane controlPlane;
    private final SandboxAccessLog accessLog;
    private final long startMillis;
    private final Deque<AutoCloseable> parts;

    RunningSandbox(
            RunningGateway gateway,
            RunningControlPlane controlPlane,
            SandboxAccessLog accessLog,
            long startMillis,
            Deque<AutoCloseable> parts) {
        this.gateway = gateway;
        this.controlPlane = controlPlane;
        this.accessLog = accessLog;
        this.startMillis = startMillis;
        this.parts = new ArrayDeque<>(parts);
    }

    public URI proxy() {
        return URI.create(gateway.proxyUrl());
    }

    public URI admin() {
        return URI.create(gateway.adminUrl());
    }

    public URI controlPlane() {
        return controlPlane.apiUri();
    }

    /** The gateway's live request stream (the console watches the sandbox's traffic through it, in-process). */
    public RequestEvents gatewayRequestEvents() {
        return gateway.requestEvents();
    }

    /** The data planes' access-log records, in-process, while opened. */
    public SandboxAccessLog accessLog() {
        return accessLog;
    }

    /** Time from the first start call to ready. */
    public long startMillis() {
        return startMillis;
    }

    @Override
    public synchronized void close() {
        Sandbox.closeAll(parts);
    }
}
