package dev.gatehouse.app.pages.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.form.FormLayout;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.entities.EntityPageViewModel;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntityOwner;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.gateway.SchemaField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/** The Services page: Kong services, with the routes that lead to each. */
public final class ServicesViewModel extends EntityPageViewModel {

    /** Kong's write-only shorthand (kong/db/schema/entities/services.lua shorthand_fields): sets protocol, host, port, path. */
    static final SchemaField URL_SHORTHAND = SchemaField.parse(
            "url",
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                    .objectNode()
                    .put("type", "string")
                    .put(
                            "description",
                            "Shorthand: protocol, host, port and path in one, e.g. http://demo-app.mesh:80"));

    private final ObservableMap<String, List<ObjectNode>> routesByService = FXCollections.observableHashMap();

    public ServicesViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            DialogService dialogs,
            UiExecutor ui) {
        super(ServicesPage.DESCRIPTOR, EntityKind.SERVICES, messages, connection, navigator, dialogs, ui);
    }

    /** Routes of each service, by service id; filled after each load. */
    public ObservableMap<String, List<ObjectNode>> routesByService() {
        return routesByService;
    }

    public List<ObjectNode> routesOf(ObjectNode service) {
        return routesByService.getOrDefault(Rows.text(service, "id"), List.of());
    }

    @Override
    protected List<String> searchTexts(ObjectNode row) {
        List<String> texts = new ArrayList<>(List.of(
                Rows.text(row, "name"), Rows.text(row, "host"), Rows.text(row, "path"), Rows.text(row, "protocol")));
        texts.addAll(Rows.list(row, "tags"));
        return texts;
    }

    @Override
    protected FormLayout formLayout() {
        return new FormLayout(
                List.of(
                        "name",
                        "url",
                        "protocol",
                        "host",
                        "port",
                        "path",
                        "enabled",
                        "tags",
                        "retries",
                        "connect_timeout",
                        "write_timeout",
                        "read_timeout"),
                FormLayout.AUTO,
                List.of(),
                List.of(new FormLayout.Shorthand("url", List.of("protocol", "host", "port", "path"))));
    }

    @Override
    protected CompletableFuture<List<SchemaField>> formSchema(GatewayRepository gateway) {
        return super.formSchema(gateway).thenApply(fields -> {
            List<SchemaField> withUrl = new ArrayList<>(fields);
            withUrl.add(URL_SHORTHAND);
            return withUrl;
        });
    }

    @Override
    public String noun() {
        return messages().get("noun.service");
    }

    @Override
    protected void onLoaded(GatewayRepository gateway, List<ObjectNode> all) {
        tasks().run(
                        "routes",
                        () -> gateway.listAll(EntityKind.ROUTES).thenApply(ServicesViewModel::byService),
                        grouped -> {
                            if (!routesByService.equals(grouped)) {
                                routesByService.clear();
                                routesByService.putAll(grouped);
                            }
                        },
                        this::relatedLoadFailed);
    }

    private static Map<String, List<ObjectNode>> byService(List<ObjectNode> routes) {
        Map<String, List<ObjectNode>> grouped = new HashMap<>();
        for (ObjectNode route : routes) {
            String service = Rows.refId(route, "service");
            if (!service.isEmpty()) {
                grouped.computeIfAbsent(service, k -> new ArrayList<>()).add(route);
            }
        }
        return grouped;
    }

    @Override
    protected String cascadeNote(List<ObjectNode> rows) {
        List<String> routes = rows.stream()
                .flatMap(s -> routesOf(s).stream())
                .map(Rows::label)
                .toList();
        if (routes.isEmpty()) {
            return messages().get("service.delete.plugins");
        }
        return messages()
                .get(
                        "service.delete.routes",
                        routes.size(),
                        String.join(", ", routes.subList(0, Math.min(5, routes.size()))));
    }

    /** Kong refuses to delete a service that routes still use (foreign key violation), so its routes go first. */
    @Override
    protected CompletableFuture<Void> deleteOne(GatewayRepository gateway, ObjectNode row) {
        String id = Rows.text(row, "id");
        return gateway.listAll(new EntityOwner(EntityKind.SERVICES, id), EntityKind.ROUTES)
                .thenCompose(routes -> CompletableFuture.allOf(routes.stream()
                        .map(r -> gateway.delete(EntityKind.ROUTES, Rows.text(r, "id")))
                        .toArray(CompletableFuture[]::new)))
                .thenCompose(done -> gateway.delete(EntityKind.SERVICES, id));
    }
}
