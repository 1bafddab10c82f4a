package dev.gatehouse.app.pages.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.form.FormLayout;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.entities.EntityPageViewModel;
import dev.gatehouse.app.pages.entities.KeyAuthCoverage;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The Routes page: Kong routes with their service, whether key-auth protects them, and how to call them. */
public final class RoutesViewModel extends EntityPageViewModel {

    /**
     * The route form: Kong's routes entity check wants at least one of the matchers, so they form one group
     * (kong/db/schema/entities/routes.lua).
     */
    public static final FormLayout FORM_LAYOUT = new FormLayout(
            List.of(
                    "name",
                    "service",
                    "protocols",
                    "paths",
                    "hosts",
                    "methods",
                    "headers",
                    "strip_path",
                    "preserve_host",
                    "tags"),
            FormLayout.AUTO,
            List.of(new FormLayout.FieldGroup(
                    "form.group.route.match", List.of("paths", "hosts", "methods", "headers"))),
            List.of());

    private final ObjectProperty<Map<String, ObjectNode>> services =
            new SimpleObjectProperty<>(this, "services", Map.of());
    private final ObjectProperty<KeyAuthCoverage> coverage =
            new SimpleObjectProperty<>(this, "coverage", new KeyAuthCoverage(List.of()));
    private final BooleanProperty unprotectedOnly = new SimpleBooleanProperty(this, "unprotectedOnly");
    private final RequestTesterModel tester;

    /** What {@link #show} takes to list only the routes no key-auth protects (the Overview links here with it). */
    public static final String UNPROTECTED = "unprotected";

    public RoutesViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            DialogService dialogs,
            UiExecutor ui) {
        super(RoutesPage.DESCRIPTOR, EntityKind.ROUTES, messages, connection, navigator, dialogs, ui);
        this.tester = new RequestTesterModel(messages, ui);
        unprotectedOnly.addListener((obs, was, is) -> refilter());
        // Which routes are protected is known only once the plugins are here.
        coverage.addListener((obs, old, now) -> {
            if (unprotectedOnly.get()) {
                refilter();
            }
        });
        selectedProperty().addListener((obs, old, now) -> {
            if (now != null) {
                prepareTester(now);
            }
        });
        coverage.addListener((obs, old, now) -> {
            ObjectNode route = selectedProperty().get();
            if (route != null) {
                tester.keyNameProperty().set(keyName(route));
                // Key-auth put on or taken off the route after its answer: the answer no longer says what happens.
                if (!old.protecting(route).equals(now.protecting(route))) {
                    tester.configurationChanged();
                }
            }
        });
        connection.apisProperty().addListener((obs, old, now) -> tester.reset());
    }

    private void prepareTester(ObjectNode route) {
        ConnectedApis apis = connection().apis();
        tester.prepareFor(
                route,
                apis == null ? Optional.empty() : apis.proxy(),
                apis == null ? Optional.empty() : apis.mesh(),
                serviceHost(route));
        tester.keyNameProperty().set(keyName(route));
    }

    /** The header key-auth reads for {@code route}: the protecting plugin's first key name; empty when open. */
    private String keyName(JsonNode route) {
        return coverage.get()
                .protecting(route)
                .map(plugin -> plugin.path("config").path("key_names").path(0).asText("apikey"))
                .orElse("");
    }

    /** Opening the page again starts the tester afresh: an old answer would describe an old configuration. */
    @Override
    public void activated() {
        tester.clearAnswer();
        super.activated();
    }

    /** The filter chip "Unprotected": only routes that no key-auth plugin protects. */
    public BooleanProperty unprotectedOnlyProperty() {
        return unprotectedOnly;
    }

    /** {@link #UNPROTECTED} shows only the routes nothing protects, whatever the filter said before. */
    @Override
    public void show(String what) {
        if (UNPROTECTED.equals(what)) {
            filterProperty().set("");
            unprotectedOnly.set(true);
        }
    }

    @Override
    protected boolean passesFacets(ObjectNode row) {
        return !unprotectedOnly.get() || !coverage.get().isProtected(row);
    }

    @Override
    protected void clearFacets() {
        unprotectedOnly.set(false);
    }

    /** The word the Key-auth column shows for {@code route}, "protected" or "open"; the filter finds it too. */
    public String keyAuthWord(JsonNode route) {
        return messages().get(coverage.get().isProtected(route) ? "route.protected" : "route.open");
    }

    /** Services by id, for the Service column and the tester. */
    public ObjectProperty<Map<String, ObjectNode>> servicesProperty() {
        return services;
    }

    /** Which routes key-auth protects. */
    public ObjectProperty<KeyAuthCoverage> coverageProperty() {
        return coverage;
    }

    public RequestTesterModel tester() {
        return tester;
    }

    public String serviceName(JsonNode route) {
        String id = Rows.refId(route, "service");
        ObjectNode service = services.get().get(id);
        return id.isEmpty() ? "" : service == null ? id : Rows.label(service);
    }

    /** The host of the service {@code route} leads to; empty when unknown. */
    private String serviceHost(JsonNode route) {
        ObjectNode service = services.get().get(Rows.refId(route, "service"));
        return service == null ? "" : Rows.text(service, "host");
    }

    @Override
    protected List<String> searchTexts(ObjectNode row) {
        List<String> texts = new ArrayList<>();
        texts.add(Rows.text(row, "name"));
        texts.addAll(Rows.list(row, "paths"));
        texts.addAll(Rows.list(row, "hosts"));
        texts.addAll(Rows.list(row, "methods"));
        texts.add(serviceName(row));
        texts.addAll(Rows.list(row, "tags"));
        texts.add(keyAuthWord(row));
        return texts;
    }

    @Override
    protected FormLayout formLayout() {
        return FORM_LAYOUT;
    }

    @Override
    public String noun() {
        return messages().get("noun.route");
    }

    @Override
    protected void onLoaded(GatewayRepository gateway, List<ObjectNode> all) {
        tasks().run(
                        "services",
                        () -> gateway.listAll(EntityKind.SERVICES).thenApply(list -> {
                            Map<String, ObjectNode> byId = new HashMap<>();
                            list.forEach(s -> byId.put(Rows.text(s, "id"), s));
                            return Map.copyOf(byId);
                        }),
                        loaded -> {
                            services.set(loaded);
                            // The tester learns where the selected route leads (into the mesh or not) once services are
                            // here.
                            ObjectNode route = selectedProperty().get();
                            if (route != null) {
                                prepareTester(route);
                            }
                        },
                        this::relatedLoadFailed);
        tasks().run(
                        "coverage",
                        () -> gateway.listAll(EntityKind.PLUGINS).thenApply(KeyAuthCoverage::new),
                        coverage::set,
                        this::relatedLoadFailed);
    }
}
