package dev.gatehouse.app.pages.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.form.FormLayout;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.entities.EntityPageViewModel;
import dev.gatehouse.app.pages.entities.KeyAuthCoverage;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayProxy;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import java.net.URI;
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

    private final ObjectProperty<Map<String, String>> serviceNames =
            new SimpleObjectProperty<>(this, "serviceNames", Map.of());
    private final ObjectProperty<KeyAuthCoverage> coverage =
            new SimpleObjectProperty<>(this, "coverage", new KeyAuthCoverage(List.of()));
    private final BooleanProperty unprotectedOnly = new SimpleBooleanProperty(this, "unprotectedOnly");
    private final RequestTesterModel tester;

    /** What {@link #show} takes to list only the routes no key-auth protects (the Overview links here with it). */
    public static final String UNPROTECTED = "unprotected";

    public RoutesViewModel(Messages messages, ActiveConnection connection, Consumer<PageId> navigator,
                           DialogService dialogs, UiExecutor ui) {
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
                tester.prepareFor(now, connection().apis() == null ? Optional.empty() : connection().apis().proxy());
            }
        });
    }

    /** Service names by id, for the Service column. */
    public ObjectProperty<Map<String, String>> serviceNamesProperty() {
        return serviceNames;
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

    /** Which routes key-auth protects. */
    public ObjectProperty<KeyAuthCoverage> coverageProperty() {
        return coverage;
    }

    public RequestTesterModel tester() {
        return tester;
    }

    public String serviceName(JsonNode route) {
        String id = Rows.refId(route, "service");
        return id.isEmpty() ? "" : serviceNames.get().getOrDefault(id, id);
    }

    /** The gateway's proxy address, when the connection knows it. */
    public Optional<URI> proxy() {
        return connection().apis() == null ? Optional.empty()
                : connection().apis().proxy().map(GatewayProxy::address);
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
        // Kong's routes entity check: at least one of these must be set (kong/db/schema/entities/routes.lua).
        return new FormLayout(List.of("name", "service", "protocols", "paths", "hosts", "methods", "headers",
                "strip_path", "preserve_host", "tags"), FormLayout.AUTO,
                List.of(new FormLayout.FieldGroup("form.group.route.match",
                        List.of("paths", "hosts", "methods", "headers"))), List.of());
    }

    @Override
    public String noun() {
        return messages().get("noun.route");
    }

    @Override
    protected void onLoaded(GatewayRepository gateway, List<ObjectNode> all) {
        tasks().run("service-names", () -> gateway.listAll(EntityKind.SERVICES).thenApply(services -> {
            Map<String, String> names = new HashMap<>();
            services.forEach(s -> names.put(Rows.text(s, "id"), Rows.label(s)));
            return Map.copyOf(names);
        }), serviceNames::set, this::relatedLoadFailed);
        tasks().run("coverage", () -> gateway.listAll(EntityKind.PLUGINS).thenApply(KeyAuthCoverage::new),
                coverage::set, this::relatedLoadFailed);
    }

    /** A ready curl line for the selected route: the right Host, a path it matches, and the key header if needed. */
    public String curlLine(JsonNode route) {
        return tester.curlFor(route, proxy(), coverage.get().protecting(route));
    }
}
