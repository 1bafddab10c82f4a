package dev.gatehouse.app.traffic.embedded;

import dev.gatehouse.app.traffic.KongLogEntries;
import dev.gatehouse.app.traffic.TrafficSink;
import dev.gatehouse.app.traffic.TrafficSource;
import dev.gatehouse.app.traffic.TrafficWatch;
import dev.gatehouse.gateway.log.RequestEvent;
import dev.gatehouse.gateway.log.RequestEventSubscription;
import dev.gatehouse.gateway.log.RequestEvents;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded sandbox's traffic, in-process: the gateway's request events (Kong's log serializer JSON, the http-log
 * payload) read through a subscription of its own. Nothing is added to the gateway's configuration; the gateway
 * captures requests only while a subscription is open, so an unwatched sandbox pays nothing.
 */
public final class EmbeddedTrafficSource implements TrafficSource {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTrafficSource.class);

    /** The subscription's own queue: about a second of a busy sandbox between two reads. */
    static final int QUEUE_CAPACITY = 8_192;

    /** Events one read takes at most before handing them on. */
    private static final int BATCH = 1_024;

    private static final Duration POLL = Duration.ofMillis(100);

    private final RequestEvents gatewayEvents;

    public EmbeddedTrafficSource(RequestEvents gatewayEvents) {
        this.gatewayEvents = gatewayEvents;
    }

    @Override
    public TrafficWatch start(TrafficSink sink) {
        RequestEventSubscription subscription = gatewayEvents.subscribe(QUEUE_CAPACITY);
        Thread reader =
                Thread.ofPlatform().daemon().name("embedded-traffic-gateway").start(() -> read(subscription, sink));
        return new TrafficWatch() {
            @Override
            public String summary() {
                return "In-process: the sandbox gateway's request events; nothing was added to its configuration";
            }

            @Override
            public void close() {
                subscription.close();
                reader.interrupt();
            }
        };
    }

    /** Moves the gateway's events into the sink until the subscription closes, reporting what it dropped. */
    private static void read(RequestEventSubscription subscription, TrafficSink sink) {
        long reportedDrops = 0;
        while (!subscription.closed()) {
            try {
                RequestEvent first = subscription.poll(POLL);
                if (first != null) {
                    deliver(first, sink);
                    List<RequestEvent> more = subscription.drain(BATCH);
                    for (RequestEvent e : more) {
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

    private static void deliver(RequestEvent event, TrafficSink sink) {
        sink.accept(KongLogEntries.parse(event.json(), System.nanoTime()));
    }
}
