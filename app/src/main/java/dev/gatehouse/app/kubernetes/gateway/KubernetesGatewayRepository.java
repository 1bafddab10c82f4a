package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.kubernetes.GatewayRef;
import dev.gatehouse.app.kubernetes.cluster.ApiServerVersion;
import dev.gatehouse.app.kubernetes.cluster.InstallationScan;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntityOwner;
import dev.gatehouse.app.repository.gateway.EntityPage;
import dev.gatehouse.app.repository.gateway.EntitySchema;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.gateway.GatewayNode;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.gateway.GatewayWatch;
import dev.gatehouse.app.repository.gateway.LoadedConfiguration;
import dev.gatehouse.app.repository.gateway.TargetHealth;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The gateway repository over a cluster running the Kong Ingress Controller (KIC), through Fabric8: Kong-shaped
 * entities read from and written to the Kubernetes objects KIC turns into Kong's configuration, all in one
 * namespace but for global plugins (KongClusterPlugins). The mapping is KIC's, shared with the Kubernetes export
 * ({@link dev.gatehouse.app.declarative.kubernetes.KongManifests}):
 *
 * <ul>
 *   <li>service: a Service (every Service of the namespace can be a backend); one made here is an ExternalName;
 *   <li>route: an Ingress of class {@code kong}, or an HTTPRoute attached to a Gateway of KIC's GatewayClass, its
 *       backend the route's service (new routes are HTTPRoutes when the connection names a Gateway for them);
 *   <li>plugin: a KongPlugin named by {@code konghq.com/plugins} on its Ingress, HTTPRoute, Service or KongConsumer; a global
 *       one a KongClusterPlugin labelled {@code global: "true"};
 *   <li>consumer: a KongConsumer; its key-auth keys and ACL groups Secrets labelled {@code konghq.com/credential}.
 * </ul>
 *
 * An entity's id is its object's {@code metadata.uid}. Lists are read whole and paged here, in uid order (as Kong
 * pages in id order), the offset being the last uid given: routes and plugins are joined and filtered client-side, so
 * the API server's own chunks would not be the console's pages.
 *
 * <p>Schemas: Kong serves its entity and plugin schemas on its Admin API, and the API server does not; KIC's Kong
 * keeps its Admin API inside the cluster. So {@code schema}, {@code pluginSchema}, {@code validate} and
 * {@code enabledPlugins} go to the Kong Admin API the caller gives ({@code schemas}: a port-forward to KIC's Kong
 * answers for the very Kong that runs, a Kong-compatible gateway such as the embedded one for the Kong version it
 * follows); without one they fail, saying so, rather than guess a schema.
 *
 * <p>Fabric8 blocks, so every call runs on {@code executor}, never on the caller's (FX) thread.
 */
public final class KubernetesGatewayRepository implements GatewayRepository {

    private static final int LIST_PAGE = 100;

    private final Cluster cluster;
    private final Executor executor;
    private final Optional<GatewayRepository> schemas;
    private final String schemasMissing;
    private final Map<EntityKind, KindMapping> kinds = new EnumMap<>(EntityKind.class);

    public KubernetesGatewayRepository(
            KubernetesClient client, String namespace, Executor executor, Optional<GatewayRepository> schemas) {
        this(client, namespace, executor, schemas, "no Kong Admin API was given");
    }

    /** With {@code schemasMissing}: why there is no {@code schemas} (what was looked for), for the 501 sentence. */
    public KubernetesGatewayRepository(
            KubernetesClient client,
            String namespace,
            Executor executor,
            Optional<GatewayRepository> schemas,
            String schemasMissing) {
        this(client, namespace, executor, schemas, schemasMissing, Optional.empty());
    }

    /** With {@code routesGateway}: new routes are HTTPRoutes attached to that Gateway, rather than Ingresses. */
    public KubernetesGatewayRepository(
            KubernetesClient client,
            String namespace,
            Executor executor,
            Optional<GatewayRepository> schemas,
            String schemasMissing,
            Optional<GatewayRef> routesGateway) {
        this.cluster = new Cluster(client, namespace, routesGateway);
        this.executor = executor;
        this.schemas = schemas;
        this.schemasMissing = schemasMissing;
        kinds.put(EntityKind.SERVICES, new ServiceMapping());
        kinds.put(EntityKind.ROUTES, new RouteMapping());
        kinds.put(EntityKind.CONSUMERS, new ConsumerMapping());
        kinds.put(EntityKind.PLUGINS, new PluginMapping());
        kinds.put(EntityKind.KEY_AUTH_CREDENTIALS, CredentialMapping.keyAuth());
        kinds.put(EntityKind.ACL_GROUPS, CredentialMapping.acl());
    }

    /** The cluster's API server. */
    @Override
    public URI address() {
        return cluster.server();
    }

    /**
     * Kubernetes and its version, and whether KIC's IngressClass is there: KIC's own version is not published
     * through the API server.
     */
    @Override
    public CompletableFuture<GatewayNode> node() {
        return async(() -> {
            KubernetesClient client = cluster.client();
            String version;
            try {
                version = ApiServerVersion.of(client);
            } catch (KubernetesClientException e) {
                throw KubernetesErrors.version(e, cluster.server());
            }
            // The controller's own version when its Deployment is visible here, else the cluster's.
            String controller = InstallationScan.controllerVersion(client, cluster.namespace())
                    .map(v -> "KIC " + v)
                    .orElse("Kubernetes " + version);
            return new GatewayNode("Kong Ingress Controller", controller, ingressClass(client));
        });
    }

    private String ingressClass(KubernetesClient client) {
        try {
            IngressClass kong =
                    client.network().v1().ingressClasses().withName("kong").get();
            return kong == null
                    ? "no IngressClass kong: the Kong Ingress Controller does not seem to be installed"
                    : "IngressClass kong, controller " + kong.getSpec().getController();
        } catch (KubernetesClientException e) {
            return "IngressClasses cannot be read (" + e.getCode() + ")";
        }
    }

    @Override
    public CompletableFuture<EntityPage> page(EntityKind kind, int size, Optional<String> offset) {
        return async(() -> {
            List<ObjectNode> all = sorted(kind);
            int from = 0;
            if (offset.isPresent()) {
                String after = offset.get();
                from = (int) all.stream()
                        .filter(e -> e.path("id").asText().compareTo(after) <= 0)
                        .count();
            }
            int to = Math.min(all.size(), from + Math.max(1, size));
            List<ObjectNode> page = List.copyOf(all.subList(from, to));
            Optional<String> next =
                    to < all.size() ? Optional.of(page.getLast().path("id").asText()) : Optional.empty();
            return new EntityPage(page, next);
        });
    }

    @Override
    public CompletableFuture<List<ObjectNode>> listAll(EntityKind kind, Consumer<List<ObjectNode>> onPage) {
        return async(() -> {
            List<ObjectNode> all = sorted(kind);
            for (int from = 0; from < all.size(); from += LIST_PAGE) {
                onPage.accept(List.copyOf(all.subList(from, Math.min(all.size(), from + LIST_PAGE))));
            }
            return all;
        });
    }

    @Override
    public CompletableFuture<List<ObjectNode>> listAll(EntityOwner owner, EntityKind kind) {
        return async(() -> {
            Snapshot snapshot = new Snapshot(cluster);
            String ownerId = find(snapshot, owner.kind(), owner.id()).path("id").asText();
            String field = ownerField(owner.kind());
            return mapping(kind).list(snapshot).stream()
                    .filter(e -> ownerId.equals(e.path(field).path("id").asText()))
                    .sorted(Comparator.comparing(e -> e.path("id").asText()))
                    .toList();
        });
    }

    @Override
    public CompletableFuture<ObjectNode> get(EntityKind kind, String idOrName) {
        return async(() -> find(new Snapshot(cluster), kind, idOrName));
    }

    @Override
    public CompletableFuture<ObjectNode> create(EntityKind kind, ObjectNode entity) {
        return async(() -> {
            String id = mapping(kind).create(new Snapshot(cluster), entity);
            return find(new Snapshot(cluster), kind, id);
        });
    }

    @Override
    public CompletableFuture<ObjectNode> create(EntityOwner owner, EntityKind kind, ObjectNode entity) {
        return async(() -> {
            Snapshot snapshot = new Snapshot(cluster);
            String ownerId = find(snapshot, owner.kind(), owner.id()).path("id").asText();
            ObjectNode owned = entity.deepCopy();
            owned.set(ownerField(owner.kind()), KubeObjects.ref(ownerId));
            String id = mapping(kind).create(snapshot, owned);
            return find(new Snapshot(cluster), kind, id);
        });
    }

    @Override
    public CompletableFuture<ObjectNode> update(EntityKind kind, String id, ObjectNode changes) {
        return async(() -> {
            Snapshot snapshot = new Snapshot(cluster);
            ObjectNode current = find(snapshot, kind, id);
            ObjectNode merged = current.deepCopy();
            merged.setAll(changes);
            merged.put("id", current.path("id").asText());
            mapping(kind).update(snapshot, current, merged);
            return find(new Snapshot(cluster), kind, current.path("id").asText());
        });
    }

    @Override
    public CompletableFuture<Void> delete(EntityKind kind, String id) {
        return async(() -> {
            Snapshot snapshot = new Snapshot(cluster);
            mapping(kind).delete(snapshot, find(snapshot, kind, id));
            return null;
        });
    }

    @Override
    public CompletableFuture<ObjectNode> update(EntityOwner owner, EntityKind kind, String id, ObjectNode changes) {
        return update(kind, id, changes);
    }

    @Override
    public CompletableFuture<Void> delete(EntityOwner owner, EntityKind kind, String id) {
        return delete(kind, id);
    }

    @Override
    public CompletableFuture<List<TargetHealth>> targetHealth(String upstream) {
        return CompletableFuture.failedFuture(notOffered(EntityKind.UPSTREAMS));
    }

    @Override
    public CompletableFuture<Void> setTargetHealth(String upstream, String target, boolean healthy) {
        return CompletableFuture.failedFuture(notOffered(EntityKind.UPSTREAMS));
    }

    @Override
    public CompletableFuture<EntitySchema> schema(EntityKind kind) {
        return schemas.map(s -> s.schema(kind)).orElseGet(this::noSchemas);
    }

    @Override
    public CompletableFuture<EntitySchema> pluginSchema(String plugin) {
        return schemas.map(s -> s.pluginSchema(plugin)).orElseGet(this::noSchemas);
    }

    @Override
    public CompletableFuture<Void> validate(EntityKind kind, ObjectNode entity) {
        return schemas.map(s -> s.validate(kind, entity)).orElseGet(this::noSchemas);
    }

    @Override
    public CompletableFuture<List<String>> enabledPlugins() {
        return schemas.map(GatewayRepository::enabledPlugins).orElseGet(this::noSchemas);
    }

    /**
     * Informers on every kind of object the pages show, so that changes made with kubectl or by a controller reach
     * the console without polling, and a lost API server is noticed when the watches break.
     */
    @Override
    public Optional<GatewayWatch> watch(GatewayWatch.Listener listener) {
        return Optional.of(new GatewayInformers(cluster, listener).start());
    }

    /**
     * What the controller's Kong loaded, through the Kong Admin API given for schemas (the port-forward to KIC's Kong
     * on a real connection), compared with the namespace's objects.
     */
    @Override
    public Optional<LoadedConfiguration> loadedConfiguration() {
        return schemas.map(kong -> new KongLoadedCheck(
                cluster,
                snapshot -> {
                    Map<EntityKind, List<ObjectNode>> shown = new EnumMap<>(EntityKind.class);
                    for (EntityKind kind :
                            List.of(EntityKind.ROUTES, EntityKind.SERVICES, EntityKind.PLUGINS, EntityKind.CONSUMERS)) {
                        shown.put(kind, mapping(kind).list(snapshot));
                    }
                    return shown;
                },
                kong,
                executor));
    }

    private <T> CompletableFuture<T> noSchemas() {
        return CompletableFuture.failedFuture(new GatewayException(
                501,
                null,
                "Kong's schemas are served by Kong's Admin API, not by the Kubernetes API server, and the Kong"
                        + " Admin API of the Kong Ingress Controller could not be reached through a port-forward ("
                        + schemasMissing + "), so there are no forms or checks here.",
                Map.of()));
    }

    private List<ObjectNode> sorted(EntityKind kind) {
        List<ObjectNode> all = new ArrayList<>(mapping(kind).list(new Snapshot(cluster)));
        all.sort(Comparator.comparing(e -> e.path("id").asText()));
        return all;
    }

    /**
     * How a kind is kept in the cluster; upstreams, targets and certificates are not managed here (KIC derives
     * upstreams from Services and certificates from TLS Secrets), so those kinds are not offered.
     */
    private KindMapping mapping(EntityKind kind) {
        KindMapping mapping = kinds.get(kind);
        if (mapping == null) {
            throw notOffered(kind);
        }
        return mapping;
    }

    private static GatewayException notOffered(EntityKind kind) {
        return GatewayException.notOffered("A Kubernetes connection manages Services, Ingresses, HTTPRoutes,"
                + " KongPlugins and KongConsumers; " + plural(kind) + " are not offered here.");
    }

    private static String plural(EntityKind kind) {
        return switch (kind) {
            case UPSTREAMS -> "upstreams";
            case TARGETS -> "targets";
            case CERTIFICATES -> "certificates";
            case SNIS -> "SNIs";
            case CA_CERTIFICATES -> "CA certificates";
            default -> singular(kind) + "s";
        };
    }

    private ObjectNode find(Snapshot snapshot, EntityKind kind, String idOrName) {
        return mapping(kind)
                .find(snapshot, idOrName)
                .orElseThrow(() -> Refusals.notFound(singular(kind) + " " + idOrName));
    }

    /** The field an owned entity names its owner in: a route's {@code service}, a key's {@code consumer}. */
    private static String ownerField(EntityKind owner) {
        return switch (owner) {
            case SERVICES -> "service";
            case ROUTES -> "route";
            case CONSUMERS -> "consumer";
            default -> throw new IllegalArgumentException(owner + " owns no entities");
        };
    }

    private static String singular(EntityKind kind) {
        return switch (kind) {
            case SERVICES -> "Service";
            case ROUTES -> "Route";
            case CONSUMERS -> "Consumer";
            case PLUGINS -> "Plugin";
            case KEY_AUTH_CREDENTIALS -> "Key-auth credential";
            case ACL_GROUPS -> "ACL group";
            case UPSTREAMS -> "Upstream";
            case TARGETS -> "Target";
            case CERTIFICATES -> "Certificate";
            case SNIS -> "SNI";
            case CA_CERTIFICATES -> "CA certificate";
        };
    }

    private <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }
}
