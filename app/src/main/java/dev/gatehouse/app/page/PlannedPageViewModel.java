package dev.gatehouse.app.page;

import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.gateway.GatewayProxy;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;

/**
 * A page that is not built yet says so plainly, says what it will do, and offers what works today: a command
 * against the active connection's own addresses (Kong's and Kuma's defaults when it has none) and the page that
 * comes closest.
 */
public final class PlannedPageViewModel extends PageViewModel {

    /** Kong's and Kuma's default addresses, for a connection that lacks the API a command needs. */
    static final String DEFAULT_GATEWAY = "http://localhost:8001";

    static final String DEFAULT_PROXY = "http://localhost:8000";
    static final String DEFAULT_MESH = "http://localhost:5681";

    private final PlannedPage plan;
    private final StringBinding command;

    public PlannedPageViewModel(
            PageDescriptor page, Messages messages, ActiveConnection connection, Consumer<PageId> navigator) {
        super(page, messages, connection, navigator);
        this.plan = page.planned().orElseThrow(() -> new IllegalArgumentException(page.id() + " is built"));
        this.command = Bindings.createStringBinding(() -> command(connection.apis()), connection.apisProperty());
    }

    /** "Topology is not built yet". */
    public String heading() {
        return messages().get("page.planned.heading", title());
    }

    /** What the page will do, and what to use until then. */
    public String body() {
        return messages().get(page().plannedKey());
    }

    /** The command to run today, with the active connection's addresses filled in. */
    public StringBinding commandBinding() {
        return command;
    }

    /** The connection is not what is missing here, so the page does not send anyone to Connections. */
    @Override
    public boolean offersConnections() {
        return false;
    }

    /** "Open Overview": the page that comes closest today. */
    public String insteadLabel() {
        return messages()
                .get(
                        "page.planned.open",
                        messages().get("page." + plan.instead().value() + ".title"));
    }

    /** Command: open the page that comes closest today. */
    public void openInstead() {
        navigate(plan.instead());
    }

    private String command(ConnectedApis apis) {
        String gateway = apis == null
                ? DEFAULT_GATEWAY
                : apis.gateway()
                        .map(GatewayRepository::address)
                        .map(Object::toString)
                        .orElse(DEFAULT_GATEWAY);
        String proxy = apis == null
                ? DEFAULT_PROXY
                : apis.proxy().map(GatewayProxy::address).map(Object::toString).orElse(DEFAULT_PROXY);
        String mesh = apis == null
                ? DEFAULT_MESH
                : apis.mesh().map(MeshRepository::address).map(Object::toString).orElse(DEFAULT_MESH);
        return plan.command()
                .replace("{gateway}", gateway)
                .replace("{proxy}", proxy)
                .replace("{mesh}", mesh);
    }
}
