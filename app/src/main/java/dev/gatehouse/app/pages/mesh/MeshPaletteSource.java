package dev.gatehouse.app.pages.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageLink;
import dev.gatehouse.app.palette.PaletteEntry;
import dev.gatehouse.app.palette.PaletteSource;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Palette entries for what the active connection's mesh holds: its meshes (with their mTLS state), the services
 * the data planes offer, the data planes, and the traffic permissions. Fetched through the mesh repository when the
 * connection changes and each time the palette opens, so Ctrl+K finds "redis" or "mtls" like a route's name.
 */
public final class MeshPaletteSource implements PaletteSource {

    /** The policy types the palette lists. */
    private static final List<MeshResourceType> POLICY_TYPES =
            List.of(MeshResourceType.TRAFFIC_PERMISSION, MeshResourceType.MESH_TRAFFIC_PERMISSION);

    /** Where each kind of entry leads. */
    public record Targets(PageId meshes, PageId services, PageId dataplanes, PageId policies) {}

    /** What one mesh holds, as fetched. */
    private record MeshContents(ObjectNode mesh, List<ObjectNode> dataplanes, List<ObjectNode> policies) {}

    private final Messages messages;
    private final ActiveConnection connection;
    private final Consumer<PageLink> links;
    private final Targets targets;
    private final UiTasks tasks;
    private List<PaletteEntry> entries = List.of();

    public MeshPaletteSource(
            Messages messages, ActiveConnection connection, UiExecutor ui, Consumer<PageLink> links, Targets targets) {
        this.messages = messages;
        this.connection = connection;
        this.links = links;
        this.targets = targets;
        this.tasks = new UiTasks(ui);
        connection.apisProperty().addListener((obs, old, now) -> {
            // Entries of the connection just left would lead nowhere.
            tasks.dropPending();
            entries = List.of();
            refresh(() -> {});
        });
    }

    @Override
    public List<PaletteEntry> entries() {
        return entries;
    }

    @Override
    public void refresh(Runnable changed) {
        ConnectedApis apis = connection.apis();
        Optional<MeshRepository> mesh = apis == null ? Optional.empty() : apis.mesh();
        if (mesh.isEmpty()) {
            entries = List.of();
            return;
        }
        // A mesh that cannot be read now keeps the entries it had; the palette is no place for errors.
        tasks.run(
                "mesh-contents",
                () -> load(mesh.get()),
                contents -> {
                    entries = entries(contents);
                    changed.run();
                },
                failure -> {});
    }

    private static CompletableFuture<List<MeshContents>> load(MeshRepository repository) {
        return repository.meshes().thenCompose(meshes -> {
            List<CompletableFuture<MeshContents>> each = new ArrayList<>();
            for (ObjectNode mesh : meshes) {
                String name = mesh.path("name").asText();
                List<CompletableFuture<List<ObjectNode>>> policies = POLICY_TYPES.stream()
                        .map(type -> repository.policies(name, type))
                        .toList();
                each.add(repository
                        .dataplanes(name)
                        .thenCombine(
                                CompletableFuture.allOf(policies.toArray(CompletableFuture[]::new)),
                                (dataplanes, done) -> new MeshContents(
                                        mesh,
                                        dataplanes,
                                        policies.stream()
                                                .flatMap(p -> p.join().stream())
                                                .toList())));
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(
                            done -> each.stream().map(CompletableFuture::join).toList());
        });
    }

    private List<PaletteEntry> entries(List<MeshContents> contents) {
        List<PaletteEntry> out = new ArrayList<>();
        for (MeshContents one : contents) {
            String mesh = one.mesh().path("name").asText();
            String backend = one.mesh().path("mtls").path("enabledBackend").asText("");
            out.add(entry(
                    mesh,
                    backend.isEmpty()
                            ? messages.get("palette.mesh.mtls.off")
                            : messages.get("palette.mesh.mtls.on", backend),
                    AppIcon.LOCK,
                    targets.meshes()));
            Map<String, Integer> services = new TreeMap<>();
            for (ObjectNode overview : one.dataplanes()) {
                JsonNode dataplane = overview.has("dataplane") ? overview.path("dataplane") : overview;
                List<String> offered = services(dataplane.path("networking"));
                offered.forEach(service -> services.merge(service, 1, Integer::sum));
                out.add(entry(
                        overview.path("name").asText(),
                        messages.get("palette.detail.in.mesh", messages.get("palette.kind.dataplane"), mesh)
                                + (offered.isEmpty() ? "" : " \u00b7 " + String.join(", ", offered)),
                        AppIcon.DATAPLANE,
                        targets.dataplanes()));
            }
            services.forEach((service, count) -> out.add(entry(
                    service,
                    messages.get("palette.detail.in.mesh", messages.get("palette.kind.mesh.service"), mesh) + " \u00b7 "
                            + messages.get("palette.mesh.dataplanes", count),
                    AppIcon.TOPOLOGY,
                    targets.services())));
            for (ObjectNode policy : one.policies()) {
                out.add(entry(
                        policy.path("name").asText(),
                        messages.get(
                                "palette.detail.in.mesh", policy.path("type").asText(), mesh),
                        AppIcon.POLICY,
                        targets.policies()));
            }
        }
        return List.copyOf(out);
    }

    /** The {@code kuma.io/service} each inbound (or the gateway) of a data plane offers. */
    private static List<String> services(JsonNode networking) {
        List<String> services = new ArrayList<>();
        networking
                .path("inbound")
                .forEach(in ->
                        add(services, in.path("tags").path("kuma.io/service").asText("")));
        add(
                services,
                networking.path("gateway").path("tags").path("kuma.io/service").asText(""));
        return services;
    }

    private static void add(List<String> services, String service) {
        if (!service.isEmpty() && !services.contains(service)) {
            services.add(service);
        }
    }

    private PaletteEntry entry(String label, String detail, AppIcon icon, PageId page) {
        return new PaletteEntry(label, detail, icon, () -> links.accept(new PageLink(page, label)));
    }
}
