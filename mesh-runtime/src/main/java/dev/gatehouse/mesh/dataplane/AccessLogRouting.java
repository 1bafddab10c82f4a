package dev.gatehouse.mesh.dataplane;

import dev.gatehouse.mesh.policy.AccessLogPolicies.ProxyAccessLogs;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogSpec;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogSpec.Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one data plane's access-log records go: the sender of its configuration ({@code --access-log-address}), the
 * in-process {@link AccessLogTap}, and one bounded sender per MeshAccessLog backend that applies to it. The backends
 * are swapped in by the sync thread when policies change (senders of unchanged backends are kept, those of removed
 * ones closed); connections read them without locks.
 */
final class AccessLogRouting implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLogRouting.class);

    /** The backends of the current policies and their senders. */
    private record Routes(ProxyAccessLogs plan, Map<Backend, AccessLogSender> senders) {}

    private final AccessLogSender configured;
    private final AccessLogTap tap;
    private final int capacity;
    private final LongAdder built = new LongAdder();
    private volatile Routes routes = new Routes(ProxyAccessLogs.none(), Map.of());
    private volatile boolean closed;

    AccessLogRouting(AccessLogSender configured, AccessLogTap tap, int capacity) {
        this.configured = configured;
        this.tap = tap;
        this.capacity = capacity;
    }

    AccessLogSender configured() {
        return configured;
    }

    /** Whether a record of a connection starting now would go anywhere (else none is built). */
    boolean active() {
        return configured.enabled() || !routes.senders().isEmpty() || (tap != null && tap.active());
    }

    /** Records built (for the proof that an inactive data plane builds none). */
    long built() {
        return built.sum();
    }

    /** Sends one record to every destination that wants it: {@code inbound} is the inbound index, -1 outbound. */
    void emit(AccessLogEntry e, int inbound) {
        built.increment();
        configured.offer(e);
        if (tap != null && tap.active()) {
            try {
                tap.accept(e);
            } catch (RuntimeException ex) { // the tap is someone else's code: it must not break the connection
                LOG.debug("access log tap failed: {}", ex.toString());
            }
        }
        Routes r = routes;
        if (r.senders().isEmpty()) {
            return;
        }
        Collection<Backend> backends = inbound >= 0
                ? r.plan().inbound(inbound, e.sourceService())
                : r.plan().outbound(e.destinationService());
        for (Backend b : backends) {
            AccessLogSender s = r.senders().get(b);
            if (s != null) {
                s.offer(e);
            }
        }
    }

    /** Applies the MeshAccessLog backends of the current policies (sync thread). */
    synchronized void update(ProxyAccessLogs plan) {
        if (closed || plan.equals(routes.plan())) {
            return;
        }
        Map<Backend, AccessLogSender> old = routes.senders();
        Map<Backend, AccessLogSender> next = new HashMap<>();
        for (Backend b : plan.all()) {
            AccessLogSender s = old.get(b);
            if (s == null) {
                s = start(b);
            }
            if (s != null) {
                next.put(b, s);
            }
        }
        routes = new Routes(plan, Map.copyOf(next));
        old.forEach((b, s) -> {
            if (!next.containsKey(b)) {
                s.close();
            }
        });
    }

    private AccessLogSender start(Backend b) {
        try {
            switch (b.type()) {
                case MeshAccessLogSpec.TCP -> {
                    HostAndPort to = HostAndPort.parse(b.tcp().address());
                    return AccessLogSender.tcp(
                            InetSocketAddress.createUnresolved(to.host(), to.port()),
                            capacity,
                            AccessLogFormat.of(b.tcp().format())::render);
                }
                case MeshAccessLogSpec.FILE -> {
                    return AccessLogSender.file(
                            Path.of(b.file().path()),
                            capacity,
                            AccessLogFormat.of(b.file().format())::render);
                }
                default -> {
                    LOG.debug("MeshAccessLog backend of type {} is accepted but not exported by Gatehouse", b.type());
                    return null;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("MeshAccessLog backend {} not usable: {}", b.type(), e.getMessage());
            return null;
        }
    }

    /** Records lost by the MeshAccessLog senders (queue full, receiver absent or slow). */
    long policyDropped() {
        return routes.senders().values().stream()
                .mapToLong(AccessLogSender::dropped)
                .sum();
    }

    /** Records written by the MeshAccessLog senders. */
    long policySent() {
        return routes.senders().values().stream()
                .mapToLong(AccessLogSender::sent)
                .sum();
    }

    @Override
    public synchronized void close() {
        closed = true;
        configured.close();
        routes.senders().values().forEach(AccessLogSender::close);
        routes = new Routes(ProxyAccessLogs.none(), Map.of());
    }

    /** A Tcp backend's {@code address}: {@code host:port}, {@code [v6]:port}, optionally {@code tcp://host:port}. */
    record HostAndPort(String host, int port) {
        static HostAndPort parse(String address) {
            String a = address.contains("://") ? address.substring(address.indexOf("://") + 3) : address;
            int slash = a.indexOf('/');
            if (slash >= 0) {
                a = a.substring(0, slash);
            }
            int colon = a.lastIndexOf(':');
            if (colon <= 0 || colon == a.length() - 1) {
                throw new IllegalArgumentException("address " + address + " has no port");
            }
            String host = a.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new HostAndPort(host, Integer.parseInt(a.substring(colon + 1)));
        }
    }
}
