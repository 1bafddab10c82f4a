package dev.gatehouse.app.connection;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.HealthText;
import dev.gatehouse.app.page.Page;
import dev.gatehouse.app.page.PageViewModel;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;

/** The Connections page: the active connection, both of its endpoints and their health, and a re-check command. */
public final class ConnectionsViewModel extends PageViewModel {

    private final Messages messages;
    private final ActiveConnection connection;

    public ConnectionsViewModel(Messages messages, ActiveConnection connection, Consumer<Page> navigator) {
        super(Page.CONNECTIONS, messages, connection, navigator);
        this.messages = messages;
        this.connection = connection;
    }

    public StringBinding profileNameBinding() {
        return Bindings.createStringBinding(() -> connection.profile().name(), connection.profileProperty());
    }

    public StringBinding profileKindBinding() {
        return Bindings.createStringBinding(
                () -> messages.get(kindKey(connection.profile().kind())), connection.profileProperty());
    }

    public StringBinding gatewayEndpointBinding() {
        return endpoint(() -> connection.profile().gatewayAdmin());
    }

    public StringBinding meshEndpointBinding() {
        return endpoint(() -> connection.profile().meshApi());
    }

    public StringBinding gatewayHealthBinding() {
        return health(connection.gatewayHealthProperty());
    }

    public StringBinding meshHealthBinding() {
        return health(connection.meshHealthProperty());
    }

    public ReadOnlyObjectProperty<EndpointHealth> gatewayHealthProperty() {
        return connection.gatewayHealthProperty();
    }

    public ReadOnlyObjectProperty<EndpointHealth> meshHealthProperty() {
        return connection.meshHealthProperty();
    }

    /** Command: probe both endpoints again now. */
    public void checkAgain() {
        connection.refresh();
    }

    /** Bundle key naming a connection kind. */
    public static String kindKey(ConnectionKind kind) {
        return "connection.kind." + kind.name().toLowerCase(Locale.ROOT);
    }

    private StringBinding endpoint(java.util.function.Supplier<Optional<URI>> uri) {
        return Bindings.createStringBinding(
                () -> uri.get().map(URI::toString).orElse(messages.get("connection.endpoint.none")),
                connection.profileProperty());
    }

    private StringBinding health(ReadOnlyObjectProperty<EndpointHealth> property) {
        return Bindings.createStringBinding(() -> HealthText.of(messages, property.get()), property);
    }
}
