package dev.gatehouse.app.pages.connections;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionManager;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.ConnectionTestResult;
import dev.gatehouse.app.connection.EndpointHealth;
import dev.gatehouse.app.connection.HealthChecker;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.HealthText;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The Connections page: saved profiles (the embedded sandbox first), an editor for the selected or new one, and
 * the commands Test, Save, Use, Delete. Test answers with product, version and latency, or a sentence per failure.
 */
public final class ConnectionsViewModel extends PageViewModel {

    private final Messages messages;
    private final ConnectionManager manager;
    private final DialogService dialogs;
    private final UiTasks tasks;
    private final ObjectProperty<ConnectionProfile> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<ProfileDraft> draft = new SimpleObjectProperty<>(this, "draft");
    private final BooleanProperty testing = new SimpleBooleanProperty(this, "testing");
    private final StringProperty gatewayTestText = new SimpleStringProperty(this, "gatewayTestText", "");
    private final StringProperty meshTestText = new SimpleStringProperty(this, "meshTestText", "");
    private final ObjectProperty<EndpointHealth> gatewayTestHealth =
            new SimpleObjectProperty<>(this, "gatewayTestHealth", EndpointHealth.unknown());
    private final ObjectProperty<EndpointHealth> meshTestHealth =
            new SimpleObjectProperty<>(this, "meshTestHealth", EndpointHealth.unknown());
    private final StringProperty formError = new SimpleStringProperty(this, "formError", "");
    private final StringProperty formErrorField = new SimpleStringProperty(this, "formErrorField", "");
    private final IntegerProperty sandboxLook = new SimpleIntegerProperty(this, "sandboxLook");

    public ConnectionsViewModel(
            Messages messages,
            ConnectionManager manager,
            DialogService dialogs,
            UiExecutor ui,
            Consumer<PageId> navigator) {
        super(ConnectionsPage.DESCRIPTOR, messages, manager.active(), navigator);
        this.messages = messages;
        this.manager = manager;
        this.dialogs = dialogs;
        this.tasks = new UiTasks(ui);
        selected.addListener((obs, old, now) -> {
            draft.set(now == null || now.isEmbedded() ? null : ProfileDraft.of(now));
            // A test still running is about the profile shown before.
            tasks.drop("test");
            testing.set(false);
            clearTest();
        });
        selected.set(manager.active().profile());
    }

    public ObservableList<ConnectionProfile> profiles() {
        return manager.profiles();
    }

    public ObjectProperty<ConnectionProfile> selectedProperty() {
        return selected;
    }

    /** The editor's content; null for the embedded sandbox, which has nothing to edit. */
    public ObjectProperty<ProfileDraft> draftProperty() {
        return draft;
    }

    public BooleanProperty testingProperty() {
        return testing;
    }

    public StringProperty gatewayTestTextProperty() {
        return gatewayTestText;
    }

    public StringProperty meshTestTextProperty() {
        return meshTestText;
    }

    public ObjectProperty<EndpointHealth> gatewayTestHealthProperty() {
        return gatewayTestHealth;
    }

    public ObjectProperty<EndpointHealth> meshTestHealthProperty() {
        return meshTestHealth;
    }

    public StringProperty formErrorProperty() {
        return formError;
    }

    /** Which field {@link #formErrorProperty()} concerns, so the view can mark it. */
    public StringProperty formErrorFieldProperty() {
        return formErrorField;
    }

    /** The profile the console uses now; the list marks it "active". */
    public ReadOnlyObjectProperty<ConnectionProfile> activeProfileProperty() {
        return manager.active().profileProperty();
    }

    /** True when the selected profile is the one the console uses now. */
    public BooleanBinding selectedIsActiveBinding() {
        return Bindings.createBooleanBinding(
                () -> selected.get() != null
                        && selected.get().id().equals(manager.active().profile().id()),
                selected,
                manager.active().profileProperty());
    }

    public boolean isActive(ConnectionProfile profile) {
        return profile.id().equals(manager.active().profile().id());
    }

    /** True for the embedded sandbox while it runs without being the active connection. */
    public boolean runsInBackground(ConnectionProfile profile) {
        return profile.isEmbedded()
                && !isActive(profile)
                && manager.sandboxAddresses().isPresent();
    }

    /** Where the sandbox keeps its data, and where settings and saved connections are. */
    public String dataLocations() {
        return messages.get(
                "connection.embedded.data",
                manager.sandboxDataDir(),
                manager.storeFile().toAbsolutePath().getParent());
    }

    /** The sentence about where tokens are kept (keyring, or an owner-only file). */
    public String tokenStorageNote() {
        return manager.secrets().isKeyring()
                ? messages.get("connection.tokens.keyring", manager.secrets().location())
                : messages.get("connection.tokens.file", manager.secrets().location());
    }

    /**
     * For the embedded profile: where its runtimes listen, or what they are doing. The sandbox keeps running after
     * a switch to another connection (switching back is then instant), and this says so.
     */
    public StringBinding embeddedStatusBinding() {
        ActiveConnection active = manager.active();
        return Bindings.createStringBinding(
                () -> {
                    if (!active.profile().isEmbedded()) {
                        return manager.sandboxAddresses()
                                .map(addresses -> messages.get(
                                        "connection.embedded.background",
                                        addresses.gatewayAdmin(),
                                        addresses.gatewayProxy(),
                                        addresses
                                                .meshApi()
                                                .map(Object::toString)
                                                .orElse(messages.get("connection.endpoint.none")),
                                        active.profile().name()))
                                .orElse(messages.get("connection.embedded.idle"));
                    }
                    return switch (active.stateProperty().get()) {
                        case CONNECTING ->
                            messages.get(
                                    "connection.embedded.starting",
                                    active.progressProperty().get());
                        case FAILED ->
                            messages.get(
                                    "connection.embedded.failed",
                                    active.progressProperty().get());
                        case CONNECTED ->
                            messages.get(
                                    "connection.embedded.running",
                                    active.apis()
                                            .gateway()
                                            .map(g -> g.address().toString())
                                            .orElse("-"),
                                    active.apis()
                                            .proxy()
                                            .map(p -> p.address().toString())
                                            .orElse("-"),
                                    active.apis()
                                            .mesh()
                                            .map(m -> m.address().toString())
                                            .orElse(messages.get("connection.endpoint.none")));
                    };
                },
                active.profileProperty(),
                active.stateProperty(),
                active.progressProperty(),
                active.apisProperty(),
                sandboxLook);
    }

    /** Opening the page looks at the sandbox again: a start left under way in the background may have finished. */
    @Override
    public void activated() {
        sandboxLook.set(sandboxLook.get() + 1);
    }

    /** Command: start a new remote Kong connection in the editor. */
    public void newRemoteKong() {
        startNew(ConnectionKind.REMOTE_KONG);
    }

    /** Command: start a new remote Kuma connection in the editor. */
    public void newRemoteKuma() {
        startNew(ConnectionKind.REMOTE_KUMA);
    }

    private void startNew(ConnectionKind kind) {
        selected.set(null);
        draft.set(ProfileDraft.create(kind));
        clearTest();
    }

    /**
     * Command: save the editor's profile. It is tested first: one that answers is saved at once; for one that does
     * not, the failing result stays on screen and the user is asked whether to save it anyway.
     */
    public void save() {
        validDraft().ifPresent(profile -> {
            ProfileDraft current = draft.get();
            startTest();
            tasks.run(
                    "test",
                    () -> manager.test(profile, current.typedGatewayToken(), current.typedMeshToken()),
                    result -> saveIfWanted(profile, current, result),
                    failure -> saveIfWanted(
                            profile,
                            current,
                            new ConnectionTestResult(HealthChecker.health(failure), EndpointHealth.unknown())));
        });
    }

    private void saveIfWanted(ConnectionProfile profile, ProfileDraft current, ConnectionTestResult result) {
        showTest(profile, result);
        boolean answers = (profile.gateway().isEmpty() || result.gateway().isUp())
                && (profile.mesh().isEmpty() || result.mesh().isUp());
        if (!answers) {
            List<String> lines = new ArrayList<>();
            if (!gatewayTestText.get().isEmpty()) {
                lines.add(messages.get("connection.test.gateway", gatewayTestText.get()));
            }
            if (!meshTestText.get().isEmpty()) {
                lines.add(messages.get("connection.test.mesh", meshTestText.get()));
            }
            if (!dialogs.confirm(
                    messages.get("connection.save.failed.title"),
                    messages.get("connection.save.failed.message", profile.name(), String.join("\n", lines)),
                    messages.get("connection.save.anyway"))) {
                return;
            }
        }
        tasks.run(
                "save",
                () -> manager.save(profile, current.typedGatewayToken(), current.typedMeshToken()),
                ok -> {
                    current.gatewayTokenProperty().set("");
                    current.meshTokenProperty().set("");
                    selected.set(profile);
                    // Selecting clears test results; the one just taken is about this very profile, so it stays.
                    showTest(profile, result);
                },
                failure -> formError.set(messages.get("connection.error.save", rootMessage(failure))));
    }

    /** Command: test the editor's profile (or the embedded sandbox) without saving. */
    public void test() {
        ConnectionProfile target;
        Optional<String> gatewayToken = Optional.empty();
        Optional<String> meshToken = Optional.empty();
        if (draft.get() == null) {
            target = selected.get();
            if (target == null) {
                return;
            }
        } else {
            Optional<ConnectionProfile> valid = validDraft();
            if (valid.isEmpty()) {
                return;
            }
            target = valid.get();
            gatewayToken = draft.get().typedGatewayToken();
            meshToken = draft.get().typedMeshToken();
        }
        startTest();
        ConnectionProfile tested = target;
        Optional<String> typedGateway = gatewayToken;
        Optional<String> typedMesh = meshToken;
        tasks.run(
                "test",
                () -> manager.test(tested, typedGateway, typedMesh),
                result -> showTest(tested, result),
                failure -> showTest(
                        tested, new ConnectionTestResult(HealthChecker.health(failure), EndpointHealth.unknown())));
    }

    private void startTest() {
        testing.set(true);
        gatewayTestHealth.set(EndpointHealth.checking());
        meshTestHealth.set(EndpointHealth.checking());
        gatewayTestText.set(messages.get("health.checking"));
        meshTestText.set(messages.get("health.checking"));
    }

    private void showTest(ConnectionProfile tested, ConnectionTestResult shown) {
        testing.set(false);
        gatewayTestHealth.set(shown.gateway());
        meshTestHealth.set(shown.mesh());
        gatewayTestText.set(testSentence(
                shown.gateway(), tested.isEmbedded() || tested.gateway().isPresent()));
        meshTestText.set(
                testSentence(shown.mesh(), tested.isEmbedded() || tested.mesh().isPresent()));
    }

    /** Command: make the selected profile the active connection. */
    public void activate() {
        ConnectionProfile profile = selected.get();
        if (profile != null) {
            activate(profile);
        }
    }

    /** Command: make {@code profile} the active connection (from the page or the palette). */
    public void activate(ConnectionProfile profile) {
        tasks.run(
                "activate",
                () -> manager.activate(profile),
                ok -> {},
                failure -> formError.set(messages.get("connection.error.save", rootMessage(failure))));
    }

    /** Command: delete the selected profile after confirmation. */
    public void delete() {
        ConnectionProfile profile = selected.get();
        if (profile == null || profile.isEmbedded()) {
            return;
        }
        if (dialogs.confirm(
                messages.get("connection.delete.title"),
                messages.get("connection.delete.message", profile.name()),
                messages.get("action.delete"))) {
            tasks.run(
                    "delete",
                    () -> manager.delete(profile),
                    ok -> selected.set(manager.active().profile()),
                    failure -> formError.set(rootMessage(failure)));
        }
    }

    private Optional<ConnectionProfile> validDraft() {
        ProfileDraft current = draft.get();
        if (current == null) {
            return Optional.empty();
        }
        Optional<ProfileDraft.Problem> problem = current.problem();
        formErrorField.set(problem.map(ProfileDraft.Problem::field).orElse(""));
        formError.set(problem.map(p -> messages.get(p.messageKey())).orElse(""));
        return problem.isPresent() ? Optional.empty() : Optional.of(current.toProfile());
    }

    private String testSentence(EndpointHealth health, boolean configured) {
        if (!configured) {
            return ""; // a Kong-only profile has no mesh line at all, and the reverse
        }
        return HealthText.testResult(messages, health);
    }

    private void clearTest() {
        gatewayTestText.set("");
        meshTestText.set("");
        gatewayTestHealth.set(EndpointHealth.unknown());
        meshTestHealth.set(EndpointHealth.unknown());
        formError.set("");
        formErrorField.set("");
    }

    private static String rootMessage(Throwable failure) {
        Throwable e = failure;
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return String.valueOf(e.getMessage());
    }

    /** Bundle key naming a connection kind. */
    public static String kindKey(ConnectionKind kind) {
        return "connection.kind." + kind.name().toLowerCase(Locale.ROOT);
    }
}
