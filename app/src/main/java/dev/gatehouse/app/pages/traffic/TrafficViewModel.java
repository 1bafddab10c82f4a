package dev.gatehouse.app.pages.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageViewModel;
import dev.gatehouse.app.traffic.HopLinks;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.Origin;
import dev.gatehouse.app.traffic.TrafficBatch;
import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.TrafficListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Live traffic page: the request log over the console's traffic feed. Each frame's batch is turned into rows
 * (gateway requests, and mesh hops no request claimed), linked hops are attached to their request's row, and only
 * the new rows are filtered and appended; the list is rebuilt only when a filter changes. The rows are bounded by
 * the feed's ring: what the ring overwrote leaves from the head. The table takes the changes ten times a second at
 * most ({@link #TABLE_INTERVAL_NANOS}): every change makes it update each visible cell, and a log that moves with
 * every frame is unreadable anyway. Pause freezes the table while the feed keeps filling; the rows waiting are
 * counted and appended on resume.
 */
public final class TrafficViewModel extends PageViewModel implements TrafficListener {

    /** The gateway's own mesh service in the sandbox (its delegated gateway data plane). */
    static final String GATEWAY_SERVICE = "gateway";

    /** The table takes changes this often at most: rows reach the screen within a tenth of a second. */
    static final long TABLE_INTERVAL_NANOS = 100_000_000L;

    /** A filter choice meaning "any". */
    public static final String ANY = "";

    private static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter();

    private final LiveTraffic traffic;
    private final TrafficFeed feed;
    private final HopLinks links = new HopLinks(GATEWAY_SERVICE);
    private final ArrayDeque<TrafficRow> entries = new ArrayDeque<>();
    private final ObservableList<TrafficRow> visible = FXCollections.observableArrayList();
    private final List<TrafficRow> waiting = new ArrayList<>();
    private final List<TrafficRow> waitingRemovals = new ArrayList<>();
    /** Changes the table has not taken yet (it takes them every {@link #TABLE_INTERVAL_NANOS}). */
    private final List<TrafficRow> pendingFresh = new ArrayList<>();

    private final List<TrafficRow> pendingAbsorbed = new ArrayList<>();
    private final Set<TrafficRow> pendingTouched = Collections.newSetFromMap(new IdentityHashMap<>());
    private final LongSupplier clock;
    private final long intervalNanos;
    private long lastShown;
    /** Rows by their event, for linking; kept as long as the links can still arrive. */
    private final Map<TrafficEvent, TrafficRow> rowOf = new IdentityHashMap<>();

    private final ArrayDeque<TrafficRow> rowOfOrder = new ArrayDeque<>();
    /** Rows in {@link #visible} (searching for one that is not would scan the whole list). */
    private final Set<TrafficRow> shown = Collections.newSetFromMap(new IdentityHashMap<>());

    private final ObjectProperty<StatusFilter> status = new SimpleObjectProperty<>(this, "status", StatusFilter.ALL);
    private final StringProperty consumer = new SimpleStringProperty(this, "consumer", ANY);
    private final StringProperty route = new SimpleStringProperty(this, "route", ANY);
    private final StringProperty service = new SimpleStringProperty(this, "service", ANY);
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final BooleanProperty meshHops = new SimpleBooleanProperty(this, "meshHops", true);
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final ReadOnlyIntegerWrapper waitingCount = new ReadOnlyIntegerWrapper(this, "waitingCount");
    private final ReadOnlyStringWrapper buffer = new ReadOnlyStringWrapper(this, "buffer", "");
    private final ObjectProperty<TrafficRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final ObservableList<String> consumers = FXCollections.observableArrayList(ANY);
    private final ObservableList<String> routes = FXCollections.observableArrayList(ANY);
    private final ObservableList<String> services = FXCollections.observableArrayList(ANY);
    private final Set<String> seenConsumers = new TreeSet<>();
    private final Set<String> seenRoutes = new TreeSet<>();
    private final Set<String> seenServices = new TreeSet<>();
    private final Map<HopWordsKey, String> hopWords = new java.util.HashMap<>();
    /** Sequence numbers below this one were overwritten in the ring. */
    private long oldestKept;

    private Predicate<TrafficRow> predicate = row -> true;

    public TrafficViewModel(
            Messages messages, ActiveConnection connection, Consumer<PageId> navigator, LiveTraffic traffic) {
        this(messages, connection, navigator, traffic, System::nanoTime, TABLE_INTERVAL_NANOS);
    }

    /** With the table's pace and the clock it is measured by (tests). */
    TrafficViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            LiveTraffic traffic,
            LongSupplier clock,
            long intervalNanos) {
        super(TrafficPage.DESCRIPTOR, messages, connection, navigator);
        this.traffic = traffic;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.lastShown = clock.getAsLong() - intervalNanos;
        this.feed = traffic.feed();
        feed.addListener(this);
        status.addListener((obs, old, now) -> refilter());
        consumer.addListener((obs, old, now) -> refilter());
        route.addListener((obs, old, now) -> refilter());
        service.addListener((obs, old, now) -> refilter());
        text.addListener((obs, old, now) -> refilter());
        meshHops.addListener((obs, old, now) -> refilter());
        paused.addListener((obs, was, now) -> {
            if (now) {
                showPending(); // what arrived before the pause is shown, then the table holds still
            } else {
                resume();
            }
        });
        selected.addListener((obs, old, now) -> showDetails());
        showBuffer(0);
    }

    // --- what the view binds to

    /** The rows the table shows, oldest first. */
    public ObservableList<TrafficRow> rows() {
        return visible;
    }

    public ObjectProperty<StatusFilter> statusProperty() {
        return status;
    }

    public StringProperty consumerProperty() {
        return consumer;
    }

    public StringProperty routeProperty() {
        return route;
    }

    public StringProperty serviceProperty() {
        return service;
    }

    /** Free text: every word must appear in the row. */
    public StringProperty textProperty() {
        return text;
    }

    /** Whether mesh hops that belong to no gateway request are listed. */
    public BooleanProperty meshHopsProperty() {
        return meshHops;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** Whether the table scrolls to the newest row as rows arrive. */
    public BooleanProperty followProperty() {
        return follow;
    }

    /** Rows that arrived while paused. */
    public ReadOnlyIntegerProperty waitingCountProperty() {
        return waitingCount.getReadOnlyProperty();
    }

    /** "12,034 of 100,000 · 0 dropped". */
    public ReadOnlyStringProperty bufferProperty() {
        return buffer.getReadOnlyProperty();
    }

    public ObjectProperty<TrafficRow> selectedProperty() {
        return selected;
    }

    /** Every field of the selected entry and of its linked hops, credentials masked. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ObservableList<String> consumers() {
        return consumers;
    }

    public ObservableList<String> routes() {
        return routes;
    }

    public ObservableList<String> services() {
        return services;
    }

    /** Whether traffic is being watched (the table's empty text says what to do otherwise). */
    public ReadOnlyObjectProperty<LiveTraffic.State> watchStateProperty() {
        return traffic.stateProperty();
    }

    /** Command: the table again as it is now (resumes if paused). */
    public void togglePaused() {
        paused.set(!paused.get());
    }

    // --- the feed

    @Override
    public void added(TrafficBatch batch) {
        List<TrafficRow> fresh = new ArrayList<>(batch.added().size());
        List<TrafficRow> absorbed = new ArrayList<>();
        Set<TrafficRow> touched = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean choicesChanged = false;
        for (TrafficEvent event : batch.added()) {
            List<HopLinks.Link> linked = links.add(event);
            if (event.origin() == Origin.GATEWAY) {
                fresh.add(remember(new TrafficRow(event)));
                choicesChanged |= note(event);
            } else if (event.countsAsHop() && linked.isEmpty()) {
                TrafficRow row = remember(new TrafficRow(event));
                row.hopsText(hopText(row, null));
                fresh.add(row);
                choicesChanged |= seenServices.add(event.destination());
            }
            for (HopLinks.Link link : linked) {
                attach(link, touched, absorbed);
            }
        }
        for (TrafficRow row : touched) {
            row.hopsText(hopsText(row));
        }
        if (!batch.added().isEmpty()) {
            long last = batch.added().getLast().sequence();
            oldestKept = last - feed.size() + 1;
        }
        while (!entries.isEmpty() && entries.peekFirst().event().sequence() < oldestKept) {
            entries.pollFirst();
        }
        entries.addAll(fresh);
        forgetOldRows();
        if (choicesChanged) {
            sync(consumers, seenConsumers);
            sync(routes, seenRoutes);
            sync(services, seenServices);
        }
        if (paused.get()) {
            waiting.addAll(fresh);
            waitingRemovals.addAll(absorbed);
            waitingCount.set(waiting.size());
        } else {
            pendingFresh.addAll(fresh);
            pendingAbsorbed.addAll(absorbed);
            pendingTouched.addAll(touched);
            if (clock.getAsLong() - lastShown >= intervalNanos) {
                showPending();
            }
        }
        if (selected.get() != null && touched.contains(selected.get())) {
            showDetails();
        }
        showBuffer(batch.dropped());
    }

    @Override
    public void pulsed(boolean last) {
        if (last || clock.getAsLong() - lastShown >= intervalNanos) {
            showPending();
        }
    }

    /** The table takes the changes held back since it last did. */
    private void showPending() {
        if (pendingFresh.isEmpty() && pendingAbsorbed.isEmpty() && pendingTouched.isEmpty()) {
            return;
        }
        lastShown = clock.getAsLong();
        apply(pendingFresh, pendingAbsorbed);
        recheck(pendingTouched);
        pendingFresh.clear();
        pendingAbsorbed.clear();
        pendingTouched.clear();
    }

    private TrafficRow remember(TrafficRow row) {
        rowOf.put(row.event(), row);
        rowOfOrder.addLast(row);
        return row;
    }

    /** Rows are found by event only while HopLinks may still link them. */
    private void forgetOldRows() {
        long now = rowOfOrder.isEmpty() ? 0 : rowOfOrder.peekLast().event().receivedNanos();
        while (!rowOfOrder.isEmpty()
                && now - rowOfOrder.peekFirst().event().receivedNanos() > 2 * HopLinks.HORIZON_NANOS) {
            rowOf.remove(rowOfOrder.pollFirst().event());
        }
    }

    private void attach(HopLinks.Link link, Set<TrafficRow> touched, List<TrafficRow> absorbed) {
        TrafficRow request = rowOf.get(link.request());
        if (request == null) {
            return;
        }
        link.movedFrom().map(rowOf::get).ifPresent(previous -> {
            previous.mutableHops().removeIf(l -> l.hop() == link.hop());
            touched.add(previous);
        });
        request.mutableHops().add(link);
        touched.add(request);
        TrafficRow hopRow = rowOf.get(link.hop());
        if (hopRow != null && !hopRow.absorbed()) {
            hopRow.absorb();
            absorbed.add(hopRow);
        }
    }

    /** Puts new rows on screen and takes absorbed and overwritten ones off it, in as few list changes as can be. */
    private void apply(List<TrafficRow> fresh, List<TrafficRow> absorbed) {
        for (TrafficRow row : absorbed) {
            if (shown.remove(row)) {
                int at = visible.lastIndexOf(row);
                if (at >= 0) {
                    visible.remove(at);
                }
            }
        }
        int gone = 0;
        while (gone < visible.size() && visible.get(gone).event().sequence() < oldestKept) {
            shown.remove(visible.get(gone));
            gone++;
        }
        if (gone > 0) {
            visible.remove(0, gone);
        }
        List<TrafficRow> passing = new ArrayList<>(fresh.size());
        for (TrafficRow row : fresh) {
            // rows that waited behind a pause may have been overwritten in the ring meanwhile
            if (!row.absorbed() && row.event().sequence() >= oldestKept && predicate.test(row)) {
                passing.add(row);
            }
        }
        if (!passing.isEmpty()) {
            shown.addAll(passing);
            visible.addAll(passing);
        }
    }

    /**
     * Rows whose hops changed may now pass the filter or fail it (mesh-denied, free text over the hops): put them in
     * their place, or take them out. Only the rows a batch touched, a handful per frame.
     */
    private void recheck(Set<TrafficRow> touched) {
        for (TrafficRow row : touched) {
            // not paused here, so nothing is waiting: every kept row is the table's
            if (row.absorbed() || row.event().sequence() < oldestKept) {
                continue;
            }
            boolean passes = predicate.test(row);
            if (passes && shown.add(row)) {
                visible.add(insertionPoint(row.event().sequence()), row);
            } else if (!passes && shown.remove(row)) {
                visible.remove(row);
            }
        }
    }

    /** Where a row of this sequence number goes in the visible rows (they are in sequence order). */
    private int insertionPoint(long sequence) {
        int low = 0;
        int high = visible.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (visible.get(mid).event().sequence() < sequence) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private void resume() {
        List<TrafficRow> fresh = new ArrayList<>(waiting);
        List<TrafficRow> absorbed = new ArrayList<>(waitingRemovals);
        waiting.clear();
        waitingRemovals.clear();
        waitingCount.set(0);
        apply(fresh, absorbed);
    }

    /** A filter changed: the one full pass, over the rows kept (those waiting behind a pause stay waiting). */
    private void refilter() {
        predicate = predicate();
        // the kept rows include those held back: the pass below shows them
        pendingFresh.clear();
        pendingAbsorbed.clear();
        pendingTouched.clear();
        Set<TrafficRow> held = Collections.newSetFromMap(new IdentityHashMap<>());
        held.addAll(waiting);
        List<TrafficRow> passing = new ArrayList<>();
        for (TrafficRow row : entries) {
            if (!row.absorbed() && !held.contains(row) && predicate.test(row)) {
                passing.add(row);
            }
        }
        shown.clear();
        shown.addAll(passing);
        visible.setAll(passing);
        if (selected.get() != null && !shown.contains(selected.get())) {
            selected.set(null);
        }
    }

    private Predicate<TrafficRow> predicate() {
        StatusFilter statusClass = status.get() == null ? StatusFilter.ALL : status.get();
        String wantedConsumer = value(consumer);
        String wantedRoute = value(route);
        String wantedService = value(service);
        boolean hops = meshHops.get();
        String typed = text.get() == null ? "" : text.get().strip().toLowerCase(Locale.ROOT);
        String[] words = typed.isEmpty() ? new String[0] : typed.split("\\s+");
        return row -> {
            TrafficEvent e = row.event();
            if (!hops && !row.isRequest()) {
                return false;
            }
            if (!statusClass.accepts(row)
                    || !wantedConsumer.isEmpty() && !wantedConsumer.equals(e.consumer())
                    || !wantedRoute.isEmpty() && !wantedRoute.equals(e.route())
                    || !wantedService.isEmpty() && !wantedService.equals(e.destination())) {
                return false;
            }
            if (words.length == 0) {
                return true;
            }
            String haystack = searchText(row);
            for (String word : words) {
                if (!haystack.contains(word)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static String value(StringProperty p) {
        return p.get() == null ? ANY : p.get();
    }

    /** What free text looks in: the columns, the request id and the hops (kept: typing filters 100,000 rows). */
    private static String searchText(TrafficRow row) {
        String kept = row.searchText();
        if (kept != null) {
            return kept;
        }
        TrafficEvent e = row.event();
        String text = String.join(
                        "\n",
                        e.source(),
                        e.consumer(),
                        e.route(),
                        e.destination(),
                        e.method(),
                        e.path(),
                        String.valueOf(e.status()),
                        e.requestId(),
                        e.upstreamHost(),
                        row.hopsTextProperty().get())
                .toLowerCase(Locale.ROOT);
        row.searchText(text);
        return text;
    }

    private boolean note(TrafficEvent e) {
        boolean changed = false;
        if (!e.consumer().isEmpty()) {
            changed |= seenConsumers.add(e.consumer());
        }
        if (!e.route().isEmpty()) {
            changed |= seenRoutes.add(e.route());
        }
        if (!e.destination().isEmpty()) {
            changed |= seenServices.add(e.destination());
        }
        return changed;
    }

    /** Adds the values seen for the first time in order, never replacing the list (a choice made stays made). */
    private static void sync(ObservableList<String> choices, Set<String> seen) {
        if (choices.size() == seen.size() + 1) {
            return;
        }
        int at = 1;
        for (String value : seen) {
            if (at >= choices.size() || !choices.get(at).equals(value)) {
                choices.add(at, value);
            }
            at++;
        }
    }

    private void showBuffer(long dropped) {
        buffer.set(messages().get("traffic.buffer", feed.size(), feed.capacity(), dropped));
    }

    // --- words

    /**
     * "gateway→demo-app ✓, ≈demo-app→redis ✓": each hop, "≈" where it was linked by time (probable); the same hop
     * repeated (the gateway retrying a denied connection) is counted, "≈denied at demo-app ×5".
     */
    String hopsText(TrafficRow row) {
        Map<String, Integer> counted = new java.util.LinkedHashMap<>();
        for (HopLinks.Link link : row.mutableHops()) {
            counted.merge(hopText(row, link), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>(counted.size());
        counted.forEach(
                (text, times) -> parts.add(times == 1 ? text : messages().get("traffic.hop.times", text, times)));
        return String.join(", ", parts);
    }

    /** One hop in words; {@code link} null for a hop row's own hop. */
    private String hopText(TrafficRow row, HopLinks.Link link) {
        TrafficEvent hop = link == null ? row.event() : link.hop();
        String source = hop.source();
        if (source.isEmpty() && link != null) {
            // an inbound without mTLS cannot name its client; the link says who it was
            String upstream = HopLinks.serviceOfHost(row.event().upstreamHost());
            source = hop.destination().equals(upstream) ? GATEWAY_SERVICE : upstream;
        }
        String probable = link != null && link.match() == HopLinks.Match.BY_TIME ? "\u2248" : "";
        if (hop.meshDenied()) {
            return probable + hopWords("traffic.hop.denied", "", hop.destination());
        }
        String from = source.isEmpty() ? messages().get("traffic.hop.unknown") : source;
        return probable
                + hopWords(hop.outcome().failed() ? "traffic.hop.failed" : "traffic.hop.ok", from, hop.destination());
    }

    /** A hop's words, formatted once per pair and outcome: a message format per hop was most of the log's garbage. */
    private String hopWords(String key, String from, String to) {
        if (hopWords.size() > 4096) {
            hopWords.clear();
        }
        return hopWords.computeIfAbsent(
                new HopWordsKey(key, from, to),
                k -> k.from().isEmpty()
                        ? messages().get(k.key(), k.to())
                        : messages().get(k.key(), k.from(), k.to()));
    }

    private record HopWordsKey(String key, String from, String to) {}

    /** The status column: the HTTP status, or "TCP" for a connection. */
    public String statusText(TrafficRow row) {
        TrafficEvent e = row.event();
        if (e.status() > 0) {
            return String.valueOf(e.status());
        }
        return e.meshDenied()
                ? messages().get("traffic.status.denied")
                : messages().get("traffic.status.tcp");
    }

    /** The source column: the consumer, else the client address (requests); the source service (hops). */
    public String sourceText(TrafficRow row) {
        String source = row.event().source();
        return source.isEmpty() ? messages().get("traffic.hop.unknown") : source;
    }

    /** Words for a status class in the filter. */
    public String statusFilterText(StatusFilter filter) {
        return switch (filter) {
            case ALL -> messages().get("traffic.filter.status.all");
            case SUCCESS -> messages().get("traffic.filter.status.success");
            case AUTH_DENIED -> messages().get("traffic.filter.status.auth");
            case CLIENT_ERROR -> messages().get("traffic.filter.status.client");
            case SERVER_ERROR -> messages().get("traffic.filter.status.server");
            case MESH_DENIED -> messages().get("traffic.filter.status.mesh");
        };
    }

    private void showDetails() {
        TrafficRow row = selected.get();
        if (row == null) {
            details.set("");
            return;
        }
        StringBuilder out = new StringBuilder(pretty(row.event().details()));
        for (HopLinks.Link link : row.mutableHops()) {
            out.append("\n\n")
                    .append(messages()
                            .get(
                                    link.match() == HopLinks.Match.EXACT
                                            ? "traffic.details.hop.exact"
                                            : "traffic.details.hop.time",
                                    hopText(row, link)))
                    .append('\n')
                    .append(pretty(link.hop().details()));
        }
        details.set(out.toString());
    }

    private static String pretty(ObjectNode json) {
        try {
            return PRETTY.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            return String.valueOf(json);
        }
    }
}
