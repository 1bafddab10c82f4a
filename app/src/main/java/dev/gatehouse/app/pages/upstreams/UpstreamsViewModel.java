package dev.gatehouse.app.pages.upstreams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.form.FormLayout;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.entities.EntityPageViewModel;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.gateway.TargetHealth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * The Upstreams page: Kong's upstreams with their balancing settings and health checks in the schema form, each
 * one's targets and their health beside the list, and the selected upstream's targets to add, delete and mark.
 */
public final class UpstreamsViewModel extends EntityPageViewModel {

    private final ObservableMap<String, List<TargetHealth>> healthByUpstream = FXCollections.observableHashMap();
    private final TargetsModel targets;

    public UpstreamsViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            DialogService dialogs,
            UiExecutor ui) {
        super(UpstreamsPage.DESCRIPTOR, EntityKind.UPSTREAMS, messages, connection, navigator, dialogs, ui);
        this.targets = new TargetsModel(messages, dialogs, ui, this::gateway, this::targetsChanged);
        selectedProperty()
                .addListener((obs, old, now) -> targets.upstreamProperty().set(now));
        // What the selected upstream's list shows is what its row summarises.
        targets.targets().addListener((javafx.collections.ListChangeListener<TargetHealth>) change -> {
            ObjectNode upstream = targets.upstreamProperty().get();
            if (upstream != null && targets.loadedProperty().get()) {
                List<TargetHealth> now = List.copyOf(targets.targets());
                String id = Rows.text(upstream, "id");
                if (!now.equals(healthByUpstream.get(id))) {
                    healthByUpstream.put(id, now);
                }
            }
        });
    }

    /** The selected upstream's targets. */
    public TargetsModel targets() {
        return targets;
    }

    /** Each upstream's targets with their health, by upstream id; filled after each load. */
    public ObservableMap<String, List<TargetHealth>> healthByUpstream() {
        return healthByUpstream;
    }

    public List<TargetHealth> targetsOf(ObjectNode upstream) {
        return healthByUpstream.getOrDefault(Rows.text(upstream, "id"), List.of());
    }

    @Override
    public String noun() {
        return messages().get("noun.upstream");
    }

    @Override
    protected List<String> searchTexts(ObjectNode row) {
        List<String> texts = new ArrayList<>(
                List.of(Rows.text(row, "name"), Rows.text(row, "algorithm"), Rows.text(row, "hash_on")));
        texts.addAll(Rows.list(row, "tags"));
        targetsOf(row).forEach(t -> texts.add(t.target()));
        return texts;
    }

    /**
     * Kong Manager's order (src/pages/upstreams/Form.vue through the entities-upstreams form): name, algorithm and
     * hashing first, then slots and the rest; health checks are a nested record, shown as a sub-form.
     */
    @Override
    protected FormLayout formLayout() {
        return new FormLayout(
                List.of(
                        "name",
                        "algorithm",
                        "hash_on",
                        "hash_fallback",
                        "hash_on_header",
                        "hash_fallback_header",
                        "hash_on_cookie",
                        "hash_on_cookie_path",
                        "hash_on_query_arg",
                        "hash_fallback_query_arg",
                        "hash_on_uri_capture",
                        "hash_fallback_uri_capture",
                        "slots",
                        "host_header",
                        "tags",
                        "healthchecks"),
                FormLayout.AUTO);
    }

    /** Kong deletes an upstream's targets with it (kong/db/schema/entities/targets.lua: on_delete cascade). */
    @Override
    protected String cascadeNote(List<ObjectNode> rows) {
        int count = rows.stream().mapToInt(r -> targetsOf(r).size()).sum();
        return count == 0 ? "" : messages().get("upstream.delete.targets", count);
    }

    @Override
    protected void onLoaded(GatewayRepository gateway, List<ObjectNode> all) {
        tasks().run("health", () -> healthOfAll(gateway, all), this::showHealth, this::relatedLoadFailed);
    }

    /**
     * Follows the gateway, and the selected upstream's health with it: health changes without any entity
     * changing (a health check failed), so it is read again on every poll.
     */
    @Override
    public void follow(Capability runtime) {
        super.follow(runtime);
        if (runtime == Capability.GATEWAY) {
            targets.refresh();
        }
    }

    private void targetsChanged(String upstreamId) {
        gateway().ifPresent(gateway -> onLoaded(gateway, List.copyOf(items())));
    }

    private void showHealth(Map<String, List<TargetHealth>> health) {
        if (!healthByUpstream.equals(health)) {
            healthByUpstream.clear();
            healthByUpstream.putAll(health);
        }
    }

    /** Every upstream's targets with their health; an upstream deleted meanwhile is left out. */
    private static CompletableFuture<Map<String, List<TargetHealth>>> healthOfAll(
            GatewayRepository gateway, List<ObjectNode> upstreams) {
        Map<String, CompletableFuture<List<TargetHealth>>> calls = new HashMap<>();
        for (ObjectNode upstream : upstreams) {
            String id = Rows.text(upstream, "id");
            calls.put(id, gateway.targetHealth(id).exceptionally(failure -> null));
        }
        return CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    Map<String, List<TargetHealth>> health = new HashMap<>();
                    calls.forEach((id, call) -> {
                        List<TargetHealth> targets = call.join();
                        if (targets != null) {
                            health.put(id, targets);
                        }
                    });
                    return health;
                });
    }

    /** Whether active or passive health checks are on: Kong's HEALTHCHECKS_OFF when neither is. */
    static boolean activeChecksOn(JsonNode upstream) {
        JsonNode active = upstream.path("healthchecks").path("active");
        return active.path("healthy").path("interval").asDouble() > 0
                || active.path("unhealthy").path("interval").asDouble() > 0;
    }

    /** Passive checks count what proxied requests met; on when any threshold is above zero. */
    static boolean passiveChecksOn(JsonNode upstream) {
        JsonNode passive = upstream.path("healthchecks").path("passive");
        return passive.path("healthy").path("successes").asInt() > 0
                || passive.path("unhealthy").path("tcp_failures").asInt() > 0
                || passive.path("unhealthy").path("timeouts").asInt() > 0
                || passive.path("unhealthy").path("http_failures").asInt() > 0;
    }
}
