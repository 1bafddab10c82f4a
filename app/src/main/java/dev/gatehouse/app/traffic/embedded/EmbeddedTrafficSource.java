package dev.gatehouse.app.traffic.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.app.sandbox.SandboxAccessLog;
import dev.gatehouse.app.traffic.HopTwins;
import dev.gatehouse.app.traffic.KongLogEntries;
import dev.gatehouse.app.traffic.MeshAccessLogLines;
import dev.gatehouse.app.traffic.TrafficSink;
import dev.gatehouse.app.traffic.TrafficSource;
import dev.gatehouse.app.traffic.TrafficWatch;
import dev.gatehouse.gateway.log.RequestEvent;
import dev.gatehouse.gateway.log.RequestEventSubscription;
import dev.gatehouse.gateway.log.RequestEvents;
import dev.gatehouse.mesh.dataplane.AccessLogEntry;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded sandbox's traffic, in-process: the gateway's request events (Kong's log serializer JSON, the http-log
 * payload) through a subscription of its own, and the data planes' access-log records through the sandbox's tap,
 * read as the MeshAccessLog JSON lines they stand for (so, as in Kuma, an inbound names its source only through its
 * caller's twin record: {@link HopTwins}). Nothing is added to any configuration; the gateway captures
 * requests and the data planes build records only while watched, so an unwatched sandbox pays nothing.
 */
public final class EmbeddedTrafficSource implements TrafficSource {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTrafficSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The subscription's own queue: about a second of a busy sandbox between two reads. */
    static final int QUEUE_CAPACITY = 8_192;

    /** Events one read takes at most before handing them on. */
    private static final int BATCH = 1_024;

    private static final Duration POLL = Duration.ofMillis(100);

    private final RequestEvents gatewayEvents;
    private final SandboxAccessLog dataplaneRecords;

    public EmbeddedTrafficSource(RequestEvents gatewayEvents, SandboxAccessLog dataplaneRecords) {
        this.gatewayEvents = gatewayEvents;
        this.dataplaneRecords = dataplaneRecords;
    }

    @Override
    public TrafficWatch start(TrafficSink sink) {
        RequestEventSubscription subscription = gatewayEvents.subscribe(QUEUE_CAPACITY);
        dataplaneRecords.open();
        Thread gateway = Thread.ofPlatform()
                .daemon()
                .name("embedded-traffic-gateway")
                .start(() -> readGateway(subscription, sink));
        HopTwins hops = new HopTwins(sink);
        Thread mesh = Thread.ofPlatform().daemon().name("embedded-traffic-mesh").start(() -> readMesh(hops));
        return new TrafficWatch() {
            @Override
            public String summary() {
                return "In-process: the sandbox gateway's request events and its data planes' access logs;"
                        + " nothing was added to their configuration";
            }

            @Override
            public void close() {
                subscription.close();
                dataplaneRecords.close();
                gateway.interrupt();
                mesh.interrupt();
                hops.close();
            }
        };
    }

    /** Moves the gateway's events into the sink until the subscription closes, reporting what it dropped. */
    private static void readGateway(RequestEventSubscription subscription, TrafficSink sink) {
        long reportedDrops = 0;
        while (!subscription.closed()) {
            try {
                RequestEvent first = subscription.poll(POLL);
                if (first != null) {
                    deliver(first, sink);
                    for (RequestEvent e : subscription.drain(BATCH)) {
                        deliver(e, sink);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("reading the gateway's request events failed: {}", e.toString());
            }
            long drops = subscription.dropped();
            if (drops > reportedDrops) {
                sink.lost(drops - reportedDrops);
                reportedDrops = drops;
            }
        }
    }

    /** Moves the data planes' records into the sink while the tap is open, reporting what it dropped. */
    private void readMesh(TrafficSink sink) {
        long reportedDrops = dataplaneRecords.dropped();
        while (dataplaneRecords.active()) {
            try {
                AccessLogEntry first = dataplaneRecords.poll(POLL);
                if (first != null) {
                    deliver(first, sink);
                    for (AccessLogEntry e : dataplaneRecords.drain(BATCH)) {
                        deliver(e, sink);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("reading the data planes' access log failed: {}", e.toString());
            }
            long drops = dataplaneRecords.dropped();
            if (drops > reportedDrops) {
                sink.lost(drops - reportedDrops);
                reportedDrops = drops;
            }
        }
    }

    private static void deliver(RequestEvent event, TrafficSink sink) {
        sink.accept(KongLogEntries.parse(event.json(), System.nanoTime()));
    }

    /** One code path for every mesh record: the JSON line a MeshAccessLog TCP backend would receive. */
    private static void deliver(AccessLogEntry entry, TrafficSink sink) {
        try {
            sink.accept(MeshAccessLogLines.parse(JSON.readTree(entry.toJson()), System.nanoTime()));
        } catch (IOException e) {
            LOG.warn("unreadable access-log record: {}", e.getMessage());
        }
    }
}
