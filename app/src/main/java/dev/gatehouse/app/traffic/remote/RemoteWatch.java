package dev.gatehouse.app.traffic.remote;

import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.traffic.TrafficWatch;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Kong and Kuma watches share: the ledger names what a watch adds before it is added and forgets it once it
 * is removed (or was gone already); a removal that fails leaves it there for the next connection's sweep. The
 * collector stops either way.
 */
public final class RemoteWatch implements TrafficWatch {

    /** How long one Admin API or REST call may take before the watch gives up. */
    public static final long CALL_TIMEOUT_SECONDS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(RemoteWatch.class);

    /** Adds the plugin or policy to the remote runtime. */
    @FunctionalInterface
    public interface Addition {
        Added add() throws Exception;
    }

    /** A plugin or policy a watch added, and how to take it away. */
    public interface Added {
        /** What the watch added and where it sends to, for the user. */
        String summary();

        /** Names it in the log, e.g. "http-log plugin 3f2…". */
        String describe();

        /** Deletes it; throws what the runtime answered. */
        void remove() throws Exception;

        /** True when {@code failure} says it was gone already. */
        boolean gone(Throwable failure);

        /** {@code failure} in the runtime's own words. */
        String reason(Throwable failure);
    }

    private final WatchLedger ledger;
    private final LedgerEntry entry;
    private final AutoCloseable collector;
    private final Added added;
    private boolean closed;

    private RemoteWatch(WatchLedger ledger, LedgerEntry entry, AutoCloseable collector, Added added) {
        this.ledger = ledger;
        this.entry = entry;
        this.collector = collector;
        this.added = added;
    }

    /**
     * Records {@code entry}, then adds; when adding fails the entry is forgotten, the collector stopped, and the
     * failure thrown on.
     */
    public static RemoteWatch open(WatchLedger ledger, LedgerEntry entry, AutoCloseable collector, Addition addition)
            throws Exception {
        try {
            ledger.record(entry);
            return new RemoteWatch(ledger, entry, collector, addition.add());
        } catch (Exception e) {
            ledger.remove(entry);
            collector.close();
            throw e;
        }
    }

    /** The runtime's own words where it gave some (its message and each field's error), else the failure's message. */
    public static String reason(Throwable failure, Function<Throwable, Map<String, String>> fieldErrors) {
        Throwable t = UiTasks.unwrap(failure);
        Map<String, String> errors = fieldErrors.apply(t);
        if (!errors.isEmpty()) {
            StringBuilder s = new StringBuilder(String.valueOf(t.getMessage()));
            errors.forEach(
                    (field, error) -> s.append("; ").append(field).append(": ").append(error));
            return s.toString();
        }
        return t instanceof TimeoutException
                ? "no answer in " + CALL_TIMEOUT_SECONDS + " s"
                : String.valueOf(t.getMessage());
    }

    @Override
    public String summary() {
        return added.summary();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            added.remove();
            ledger.remove(entry);
        } catch (Exception e) {
            if (added.gone(UiTasks.unwrap(e))) {
                ledger.remove(entry);
            } else {
                // stays in the ledger: the next connection to this runtime removes it
                ledger.release(entry);
                LOG.warn("could not delete {}: {}", added.describe(), added.reason(e));
            }
        } finally {
            try {
                collector.close();
            } catch (Exception e) {
                LOG.warn("could not stop the collector: {}", e.getMessage());
            }
        }
    }
}
