package dev.gatehouse.app.pages.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.form.FormLayout;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Failures;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.entities.EntityPageViewModel;
import dev.gatehouse.app.pages.entities.KeyAuthCoverage;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntitySchema;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.routeauth.KeyAuthProposal;
import dev.gatehouse.app.routeauth.RouteAuthentication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Routes page: Kong routes with their service, which authentication plugins apply to them (routes none applies
 * to are flagged, with a one-click key-auth after a preview), and how to call them.
 */
public final class RoutesViewModel extends EntityPageViewModel {

    /**
     * The route form: Kong's routes entity check wants at least one of the matchers, so they form one group
     * (kong/db/schema/entities/routes.lua). A Kong on the expressions router adds {@code expression} (a matcher
     * too) and {@code priority} to its schema; on others they are not in the schema and so not in the form.
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
                    "expression",
                    "priority",
                    "strip_path",
                    "preserve_host",
                    "tags"),
            FormLayout.AUTO,
            List.of(new FormLayout.FieldGroup(
                    "form.group.route.match", List.of("paths", "hosts", "methods", "headers", "expression"))),
            List.of());

    private final ObjectProperty<Map<String, ObjectNode>> services =
            new SimpleObjectProperty<>(this, "services", Map.of());
    private final ObjectProperty<KeyAuthCoverage> coverage =
            new SimpleObjectProperty<>(this, "coverage", new KeyAuthCoverage(List.of()));
    private final ObjectProperty<RouteAuthentication> authentication =
            new SimpleObjectProperty<>(this, "authentication", new RouteAuthentication(List.of()));
    private final IntegerProperty anonymousCount = new SimpleIntegerProperty(this, "anonymousCount");
    private final BooleanProperty unprotectedOnly = new SimpleBooleanProperty(this, "unprotectedOnly");
    /** The open "Require key-auth" preview, or null. */
    private final ObjectProperty<KeyAuthProposal> proposal = new SimpleObjectProperty<>(this, "proposal");
    /** True while the preview is prepared or the plugin created. */
    private final BooleanProperty proposing = new SimpleBooleanProperty(this, "proposing");

    private final StringProperty proposalError = new SimpleStringProperty(this, "proposalError", "");
    /** The id of the route the preview (open or on its way) is for; empty when none. */
    private String proposalFor = "";

    private final RequestTesterModel tester;

    /** What {@link #show} takes to list only the routes no authentication protects (the Overview links here). */
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
        // Which routes are anonymous is known only once the plugins are here.
        authentication.addListener((obs, old, now) -> {
            countAnonymous();
            if (unprotectedOnly.get()) {
                refilter();
            }
        });
        items().addListener((javafx.collections.ListChangeListener<ObjectNode>) change -> countAnonymous());
        selectedProperty().addListener((obs, old, now) -> {
            if (now != null) {
                prepareTester(now);
            }
            // A preview belongs to its route: another route, or none, closes it (or drops it while on its way).
            if (!proposalFor.isEmpty() && (now == null || !proposalFor.equals(Rows.text(now, "id")))) {
                closeProposal();
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
        connection.apisProperty().addListener((obs, old, now) -> {
            tester.reset();
            closeProposal();
        });
    }

    private void countAnonymous() {
        anonymousCount.set((int) authentication.get().anonymousCount(items()));
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

    /** The filter chip "N routes accept anonymous requests": only routes no authentication plugin applies to. */
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
        return !unprotectedOnly.get() || authentication.get().isAnonymous(row);
    }

    @Override
    protected void clearFacets() {
        unprotectedOnly.set(false);
    }

    /**
     * What the Authentication column says of {@code route}: the authentication plugins in effect ("basic-auth,
     * key-auth"), or "No authentication"; the filter finds it too.
     */
    public String authWord(JsonNode route) {
        List<RouteAuthentication.Applied> applied = authentication.get().applying(route);
        return applied.isEmpty()
                ? messages().get("route.auth.none")
                : String.join(
                        ", ",
                        applied.stream()
                                .map(RouteAuthentication.Applied::plugin)
                                .toList());
    }

    /** Which authentication plugins apply to each route (Kong's precedence). */
    public ObjectProperty<RouteAuthentication> authenticationProperty() {
        return authentication;
    }

    /** How many loaded routes accept anonymous requests. */
    public IntegerProperty anonymousCountProperty() {
        return anonymousCount;
    }

    /** The open "Require key-auth" preview, or null. */
    public ObjectProperty<KeyAuthProposal> proposalProperty() {
        return proposal;
    }

    public BooleanProperty proposingProperty() {
        return proposing;
    }

    /** Why the preview could not be prepared, or the plugin not created; empty otherwise. */
    public StringProperty proposalErrorProperty() {
        return proposalError;
    }

    /**
     * Command: prepare the "Require key-auth" preview for the selected route: the plugin as the gateway's schema
     * fills it, and the consumers that have keys (counted in the background; key values never reach the page).
     */
    public void proposeKeyAuth() {
        ObjectNode route = selectedProperty().get();
        Optional<GatewayRepository> gateway = gateway();
        if (route == null || gateway.isEmpty()) {
            return;
        }
        proposalFor = Rows.text(route, "id");
        proposing.set(true);
        proposalError.set("");
        tasks().run(
                        "keyauth",
                        () -> {
                            // Without the gateway's schema (KIC without its Admin API forward) the plugin goes
                            // without config and the gateway fills its defaults; the preview says so.
                            CompletableFuture<Optional<EntitySchema>> schema = gateway.get()
                                    .pluginSchema("key-auth")
                                    .handle((found, failed) -> Optional.ofNullable(failed == null ? found : null));
                            var consumers = gateway.get().listAll(EntityKind.CONSUMERS);
                            var keys = gateway.get().listAll(EntityKind.KEY_AUTH_CREDENTIALS);
                            return CompletableFuture.allOf(schema, consumers, keys)
                                    .thenApply(done ->
                                            KeyAuthProposal.of(route, schema.join(), consumers.join(), keys.join()));
                        },
                        ready -> {
                            proposing.set(false);
                            proposal.set(ready);
                        },
                        failure -> {
                            proposing.set(false);
                            proposalError.set(messages()
                                    .get("route.keyauth.preview.failed", Failures.sentence(messages(), failure)));
                        });
    }

    /**
     * Command: create the previewed plugin. The page then loads again, so the route's flag goes once the gateway
     * has the plugin; a refusal stays in the preview as a sentence.
     */
    public void confirmKeyAuth() {
        KeyAuthProposal open = proposal.get();
        Optional<GatewayRepository> gateway = gateway();
        if (open == null || gateway.isEmpty() || proposing.get()) {
            return;
        }
        proposing.set(true);
        proposalError.set("");
        // Its own purpose: moving to another route while the plugin is created must not lose the outcome.
        tasks().run(
                        "keyauth-create",
                        () -> gateway.get().create(EntityKind.PLUGINS, open.plugin()),
                        created -> {
                            proposing.set(false);
                            if (open.equals(proposal.get())) {
                                proposal.set(null);
                                proposalFor = "";
                            }
                            statusProperty().set(messages().get("route.keyauth.done", open.routeName()));
                            reload();
                        },
                        failure -> {
                            proposing.set(false);
                            // Shown in the preview when it is still open, else in the page's status line.
                            (open.equals(proposal.get()) ? proposalError : statusProperty())
                                    .set(messages()
                                            .get(
                                                    "route.keyauth.failed",
                                                    open.routeName(),
                                                    Failures.sentence(messages(), failure)));
                        });
    }

    /** Command: close the preview without creating anything. */
    public void closeProposal() {
        tasks().drop("keyauth");
        proposalFor = "";
        proposing.set(false);
        proposalError.set("");
        proposal.set(null);
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
        texts.add(authWord(row));
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
                        () -> gateway.listAll(EntityKind.PLUGINS),
                        plugins -> {
                            coverage.set(new KeyAuthCoverage(plugins));
                            // Equal values fire no change: unchanged plugins (the page follows the gateway) redraw
                            // nothing.
                            authentication.set(new RouteAuthentication(plugins));
                        },
                        this::relatedLoadFailed);
    }
}
