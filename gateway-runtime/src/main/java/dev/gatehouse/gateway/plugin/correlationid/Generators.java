package dev.gatehouse.gateway.plugin.correlationid;

import dev.gatehouse.gateway.plugin.Request;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The handler's generators ({@code kong/plugins/correlation-id/handler.lua}): {@code uuid}, {@code uuid#counter}
 * (one UUID for the process, Kong's per-worker one, and a counter) and {@code tracker}
 * ({@code server_addr-server_port-pid-connection-connection_requests-now}). One instance lives as long as the
 * plugin, so counters survive configuration changes as Kong's survive until the worker restarts.
 */
final class Generators {

    private final String processUuid = uuid();
    private final AtomicLong counter = new AtomicLong();
    private final long pid = ProcessHandle.current().pid();

    String generate(String generator, Request request) {
        return switch (generator) {
            case "uuid" -> uuid();
            case "tracker" ->
                String.format(
                        Locale.ROOT,
                        "%s-%d-%d-%d-%d-%.3f",
                        request.serverAddress(),
                        request.port(),
                        pid,
                        request.connectionSerial(),
                        request.connectionRequests(),
                        System.currentTimeMillis() / 1000.0);
            default -> processUuid + "#" + counter.incrementAndGet();
        };
    }

    /**
     * A random (version 4) UUID, lower-case as Kong's {@code uuid()}; ThreadLocalRandom because the id only has to
     * be unique, and the event loop must never wait for the system's entropy.
     */
    static String uuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(msb, lsb).toString();
    }
}
