package dev.gatehouse.mesh.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.store.ResourceChange;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans committed changes out to subscribers (SSE streams and in-process listeners). Delivery is a non-blocking hand
 * off: subscribers must not block (Netty channels queue the write on their event loop).
 */
public final class WatchHub {
    private static final Logger LOG = LoggerFactory.getLogger(WatchHub.class);
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong identitySequence = new AtomicLong();

    /** A registered receiver of events. */
    public record Subscriber(WatchFilter filter, Consumer<WatchEvent> sink) {}

    public Subscriber subscribe(WatchFilter filter, Consumer<WatchEvent> sink) {
        Subscriber s = new Subscriber(filter, sink);
        subscribers.add(s);
        return s;
    }

    public void unsubscribe(Subscriber s) {
        subscribers.remove(s);
    }

    /** Store listener: one {@code change} event per committed change. */
    public void onChanges(List<ResourceChange> changes) {
        for (ResourceChange c : changes) {
            ObjectNode data = ResourceCodec.JSON.createObjectNode();
            data.put("operation", c.operation().name());
            data.put("type", c.key().type().name());
            data.put("mesh", c.key().mesh());
            data.put("name", c.key().name());
            data.put("revision", c.revision());
            if (c.operation() != ResourceChange.Operation.DELETE) {
                data.set("resource", ResourceCodec.toRest(c.resource()));
            }
            String mesh = c.key().type().meshScoped() ? c.key().mesh() : c.key().name();
            publish(new WatchEvent("change", c.revision(), mesh, c.key().type().name(), null, data.toString()));
        }
    }

    /** Tells one data plane that its certificate changed (no key material in the event; it fetches _identity). */
    public void onIdentityChanged(ResourceKey dp) {
        ObjectNode data = ResourceCodec.JSON.createObjectNode();
        data.put("mesh", dp.mesh());
        data.put("name", dp.name());
        publish(new WatchEvent(
                "identity",
                identitySequence.incrementAndGet(),
                dp.mesh(),
                "DataplaneIdentity",
                dp.name(),
                data.toString()));
    }

    private void publish(WatchEvent e) {
        for (Subscriber s : subscribers) {
            if (s.filter().accepts(e)) {
                try {
                    s.sink().accept(e);
                } catch (RuntimeException ex) {
                    // One broken subscriber must not keep the event from the others.
                    LOG.warn("watch subscriber failed on {} event: {}", e.name(), ex.toString());
                }
            }
        }
    }
}
