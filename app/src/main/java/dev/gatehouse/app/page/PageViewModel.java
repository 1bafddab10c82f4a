package dev.gatehouse.app.page;

import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.connection.EndpointHealth;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kubernetes.portforward.ForwardTarget;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.StringProperty;

/**
 * What every page shows before it has content of its own: its title, what will appear on it, and whether the
 * runtime it needs is connected, with a way to get there.
 */
public class PageViewModel {

    private final PageDescriptor page;
    private final Messages messages;
    private final ActiveConnection connection;
    private final Consumer<PageId> navigator;
    private final BooleanBinding requirementMet;

    public PageViewModel(
            PageDescriptor page, Messages messages, ActiveConnection connection, Consumer<PageId> navigator) {
        this.page = page;
        this.messages = messages;
        this.connection = connection;
        this.navigator = navigator;
        this.requirementMet = Bindings.createBooleanBinding(
                this::isRequirementMet,
                connection.profileProperty(),
                connection.gatewayHealthProperty(),
                connection.meshHealthProperty());
    }

    public PageDescriptor page() {
        return page;
    }

    /**
     * On a Kubernetes connection, what this page's entities are there and where (the gateway's resources in the
     * first namespace, Kuma's in the control plane namespace), and a line per port-forward the page depends on
     * (Kong's Admin API, where forms come from; the control plane's API) with its state; empty on any other
     * connection or page.
     */
    public StringBinding kubernetesNoteBinding() {
        return Bindings.createStringBinding(
                () -> connection
                        .profile()
                        .cluster()
                        .map(cluster -> {
                            boolean gateway = page.needs().contains(Capability.GATEWAY);
                            boolean mesh = page.needs().contains(Capability.MESH);
                            String namespace = cluster.gatewayNamespace().orElse("default");
                            if (gateway && mesh) {
                                return messages.get(
                                                "page.kubernetes.both",
                                                cluster.context(),
                                                namespace,
                                                cluster.meshNamespace())
                                        + forwardLines(Set.of(ForwardTarget.Serves.GATEWAY, ForwardTarget.Serves.MESH));
                            }
                            if (gateway) {
                                return cluster.routesGateway()
                                                .map(routes -> messages.get(
                                                        "page.kubernetes.gateway_api",
                                                        cluster.context(),
                                                        namespace,
                                                        routes))
                                                .orElseGet(() -> messages.get(
                                                        "page.kubernetes.gateway", cluster.context(), namespace))
                                        + forwardLines(Set.of(ForwardTarget.Serves.GATEWAY));
                            }
                            if (mesh) {
                                return messages.get("page.kubernetes.mesh", cluster.context(), cluster.meshNamespace())
                                        + forwardLines(Set.of(ForwardTarget.Serves.MESH));
                            }
                            return "";
                        })
                        .orElse(""),
                connection.profileProperty(),
                connection.forwardsProperty());
    }

    private String forwardLines(Set<ForwardTarget.Serves> sides) {
        return connection.forwardsProperty().get().stream()
                .filter(state -> sides.contains(state.target().serves()))
                .map(state -> "\n" + state.sentence())
                .collect(java.util.stream.Collectors.joining());
    }

    public String title() {
        return messages.get(page.titleKey());
    }

    public String subtitle() {
        return messages.get(page.subtitleKey());
    }

    public String emptyHeading() {
        return messages.get(page.emptyHeadingKey());
    }

    public String emptyBody() {
        return messages.get(page.emptyBodyKey());
    }

    /** True when the runtime this page needs answers on the active connection. */
    public BooleanBinding requirementMetBinding() {
        return requirementMet;
    }

    /** One sentence naming the runtime this page needs. */
    public String requirementText() {
        return messages.get(requirementKey(page.needs()));
    }

    /** The endpoints of the active connection this page depends on, each with a live status sentence. */
    public List<EndpointStatus> neededEndpoints() {
        List<EndpointStatus> needed = new ArrayList<>();
        if (page.needs().contains(Capability.GATEWAY)) {
            needed.add(endpointStatus(
                    "connection.endpoint.gateway",
                    "requirement.absent.gateway",
                    apis -> apis.gateway().map(GatewayRepository::address),
                    connection.gatewayHealthProperty()));
        }
        if (page.needs().contains(Capability.MESH)) {
            needed.add(endpointStatus(
                    "connection.endpoint.mesh",
                    "requirement.absent.mesh",
                    apis -> apis.mesh().map(MeshRepository::address),
                    connection.meshHealthProperty()));
        }
        return needed;
    }

    /** One endpoint a page needs: its health and a sentence such as "Gateway Admin API at …: connection refused". */
    public record EndpointStatus(ReadOnlyObjectProperty<EndpointHealth> health, StringBinding text) {}

    private EndpointStatus endpointStatus(
            String labelKey,
            String absentKey,
            Function<ConnectedApis, Optional<URI>> endpoint,
            ReadOnlyObjectProperty<EndpointHealth> health) {
        StringBinding text = Bindings.createStringBinding(
                () -> {
                    String label = messages.get(labelKey);
                    ConnectedApis apis = connection.apis();
                    if (health.get().status() == EndpointHealth.Status.ABSENT) {
                        return messages.get(absentKey, connection.profile().name());
                    }
                    return switch (connection.stateProperty().get()) {
                        case CONNECTING ->
                            messages.get(
                                    "requirement.connecting",
                                    label,
                                    connection.profile().name(),
                                    connection.progressProperty().get());
                        case FAILED ->
                            messages.get(
                                    "requirement.failed",
                                    label,
                                    connection.progressProperty().get());
                        case CONNECTED ->
                            endpoint.apply(apis)
                                    .map(uri -> messages.get(
                                            "requirement.endpoint", label, uri, HealthText.of(messages, health.get())))
                                    .orElseGet(() -> messages.get(
                                            absentKey, connection.profile().name()));
                    };
                },
                connection.apisProperty(),
                connection.stateProperty(),
                connection.progressProperty(),
                health);
        return new EndpointStatus(health, text);
    }

    /**
     * Shows what a link into this page asks for ({@link PageLink#show()}), before the page opens; pages with nothing
     * to show on request ignore it.
     */
    public void show(String what) {}

    /** Called when the user opens the page (or asks to refresh it); pages with data reload it here. */
    public void activated() {}

    /**
     * The {@code runtime} behind this page may have changed (a poll fell due, the mesh reported a change, the
     * runtime answers again): show it as it is now, quietly, keeping the selection and any open form. Called for
     * the page in view only; the others reload when opened.
     */
    public void follow(Capability runtime) {}

    /**
     * Short messages about what just happened ("Created service …"); the console clears them after a while and
     * when the connection changes, so none outlives the page and connection that made it.
     */
    public List<StringProperty> notices() {
        return List.of();
    }

    /** Whether the page offers a way to the Connections page (every page that needs a connection). */
    public boolean offersConnections() {
        return !page.id().equals(PageId.CONNECTIONS) && !page.needs().isEmpty();
    }

    /** Command: go to the Connections page. */
    public void openConnections() {
        navigator.accept(PageId.CONNECTIONS);
    }

    /** Goes to another page. */
    protected void navigate(PageId target) {
        navigator.accept(target);
    }

    /** The connection this page works against. */
    protected ActiveConnection connection() {
        return connection;
    }

    protected Messages messages() {
        return messages;
    }

    private boolean isRequirementMet() {
        if (page.needs().isEmpty()) {
            return true;
        }
        return page.needs().contains(Capability.GATEWAY)
                        && connection.gatewayHealthProperty().get().isUp()
                || page.needs().contains(Capability.MESH)
                        && connection.meshHealthProperty().get().isUp();
    }

    /** Bundle key of the sentence naming what a page needs. */
    public static String requirementKey(java.util.Set<Capability> needs) {
        if (needs.isEmpty()) {
            return "requirement.none";
        }
        if (needs.size() > 1) {
            return "requirement.any";
        }
        return needs.contains(Capability.GATEWAY) ? "requirement.gateway" : "requirement.mesh";
    }
}
