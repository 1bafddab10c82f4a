package dev.gatehouse.app.page;

import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.connection.EndpointHealth;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;

/**
 * What every page shows before it has content of its own: its title, what will appear on it, and whether the
 * runtime it needs is connected, with a way to get there.
 */
public class PageViewModel {

    private final Page page;
    private final Messages messages;
    private final ActiveConnection connection;
    private final Consumer<Page> navigator;
    private final BooleanBinding requirementMet;

    public PageViewModel(Page page, Messages messages, ActiveConnection connection, Consumer<Page> navigator) {
        this.page = page;
        this.messages = messages;
        this.connection = connection;
        this.navigator = navigator;
        this.requirementMet = Bindings.createBooleanBinding(this::isRequirementMet,
                connection.profileProperty(), connection.gatewayHealthProperty(), connection.meshHealthProperty());
    }

    public Page page() {
        return page;
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
        return messages.get(switch (page.requirement()) {
            case NONE -> "requirement.none";
            case GATEWAY -> "requirement.gateway";
            case MESH -> "requirement.mesh";
            case ANY -> "requirement.any";
        });
    }

    /** The endpoints of the active connection this page depends on, each with a live status sentence. */
    public List<EndpointStatus> neededEndpoints() {
        List<EndpointStatus> needed = new ArrayList<>();
        if (page.requirement() == Requirement.GATEWAY || page.requirement() == Requirement.ANY) {
            needed.add(endpointStatus("connection.endpoint.gateway",
                    apis -> apis.gateway().map(GatewayRepository::address), connection.gatewayHealthProperty()));
        }
        if (page.requirement() == Requirement.MESH || page.requirement() == Requirement.ANY) {
            needed.add(endpointStatus("connection.endpoint.mesh",
                    apis -> apis.mesh().map(MeshRepository::address), connection.meshHealthProperty()));
        }
        return needed;
    }

    /** One endpoint a page needs: its health and a sentence such as "Gateway Admin API at …: connection refused". */
    public record EndpointStatus(ReadOnlyObjectProperty<EndpointHealth> health, StringBinding text) {
    }

    private EndpointStatus endpointStatus(String labelKey, Function<ConnectedApis, Optional<URI>> endpoint,
                                          ReadOnlyObjectProperty<EndpointHealth> health) {
        StringBinding text = Bindings.createStringBinding(() -> {
            String label = messages.get(labelKey);
            ConnectedApis apis = connection.apis();
            return switch (connection.stateProperty().get()) {
                case CONNECTING -> messages.get("requirement.connecting", label, connection.profile().name(),
                        connection.progressProperty().get());
                case FAILED -> messages.get("requirement.failed", label, connection.progressProperty().get());
                case CONNECTED -> endpoint.apply(apis)
                        .map(uri -> messages.get("requirement.endpoint", label, uri,
                                HealthText.of(messages, health.get())))
                        .orElseGet(() -> messages.get("requirement.absent", label, connection.profile().name()));
            };
        }, connection.apisProperty(), connection.stateProperty(), connection.progressProperty(), health);
        return new EndpointStatus(health, text);
    }

    /** Called when the user opens the page (or asks to refresh it); pages with data reload it here. */
    public void activated() {
    }

    /** Whether the page offers a way to the Connections page (every page but Connections itself). */
    public boolean offersConnections() {
        return page != Page.CONNECTIONS;
    }

    /** Command: go to the Connections page. */
    public void openConnections() {
        navigator.accept(Page.CONNECTIONS);
    }

    /** Goes to another page. */
    protected void navigate(Page target) {
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
        boolean gateway = connection.gatewayHealthProperty().get().isUp();
        boolean mesh = connection.meshHealthProperty().get().isUp();
        return switch (page.requirement()) {
            case NONE -> true;
            case GATEWAY -> gateway;
            case MESH -> mesh;
            case ANY -> gateway || mesh;
        };
    }
}
