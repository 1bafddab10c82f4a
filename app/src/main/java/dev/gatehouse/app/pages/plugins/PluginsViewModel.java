package dev.gatehouse.app.pages.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.form.FormLayout;
import dev.gatehouse.app.form.SchemaFormModel;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.entities.EntityPageViewModel;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntitySchema;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.gateway.SchemaField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Plugins page: every plugin instance with its scope (global, service, route, consumer). Forms come from the
 * gateway's own {@code /schemas/plugins/{name}}, so any plugin a remote Kong runs can be configured.
 */
public final class PluginsViewModel extends EntityPageViewModel {

    /** Fields the plugin's own schema defines; the rest come from the generic plugins entity. */
    private static final Set<String> FROM_PLUGIN_SCHEMA = Set.of("config", "protocols", "consumer", "service", "route");

    private final ObservableList<String> enabledPlugins = FXCollections.observableArrayList();
    private final StringProperty pluginToAdd = new SimpleStringProperty(this, "pluginToAdd");
    private final ObjectProperty<Map<String, String>> names = new SimpleObjectProperty<>(this, "names", Map.of());
    private final ObjectProperty<ShownConfig> shownConfig = new SimpleObjectProperty<>(this, "shownConfig");

    /** The selected plugin's configuration as a read-only form: the plugin's id and the form filled with it. */
    public record ShownConfig(String pluginId, SchemaFormModel form) {}

    public PluginsViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            DialogService dialogs,
            UiExecutor ui) {
        super(PluginsPage.DESCRIPTOR, EntityKind.PLUGINS, messages, connection, navigator, dialogs, ui);
        selectedProperty().addListener((obs, old, now) -> showConfig(now));
    }

    /**
     * The selected plugin's configuration in the same form as editing it (read-only), built from the plugin's
     * schema; null until that schema is here, or when nothing is selected.
     */
    public ObjectProperty<ShownConfig> shownConfigProperty() {
        return shownConfig;
    }

    private void showConfig(ObjectNode plugin) {
        Optional<GatewayRepository> gateway = gateway();
        if (plugin == null || gateway.isEmpty()) {
            tasks().drop("config-form");
            shownConfig.set(null);
            return;
        }
        String id = Rows.text(plugin, "id");
        tasks().run(
                        "config-form",
                        () -> schemas().plugin(gateway.get(), Rows.text(plugin, "name")),
                        schema -> {
                            List<SchemaField> config =
                                    schema.field("config").map(List::of).orElse(List.of());
                            SchemaFormModel form =
                                    new SchemaFormModel(config, new FormLayout(List.of("config"), Set.of()));
                            form.loadEntity(plugin);
                            shownConfig.set(new ShownConfig(id, form));
                        },
                        failure -> {
                            shownConfig.set(null);
                            relatedLoadFailed(failure);
                        });
    }

    /** "New key-auth plugin", "Edit key-auth plugin (Route demo-rt)": the heading names the plugin. */
    @Override
    public String formTitle() {
        return editing() == null
                ? messages().get("plugin.create.title", formPlugin)
                : messages().get("plugin.edit.title", Rows.text(editing(), "name"), scope(editing()));
    }

    /** The plugins this gateway can run ({@code /plugins/enabled}). */
    public ObservableList<String> enabledPlugins() {
        return enabledPlugins;
    }

    /** Which plugin "Add" creates. */
    public StringProperty pluginToAddProperty() {
        return pluginToAdd;
    }

    /** Names of services, routes and consumers by id, for the Scope column. */
    public ObjectProperty<Map<String, String>> namesProperty() {
        return names;
    }

    /** "Global", or "Service demo", "Route demo-rt", "Consumer bob" (combined when scoped to several). */
    public String scope(JsonNode plugin) {
        List<String> parts = new ArrayList<>();
        for (String ref : List.of("service", "route", "consumer")) {
            String id = Rows.refId(plugin, ref);
            if (!id.isEmpty()) {
                String key = switch (ref) {
                    case "service" -> "plugin.scope.service";
                    case "route" -> "plugin.scope.route";
                    default -> "plugin.scope.consumer";
                };
                parts.add(messages().get(key, names.get().getOrDefault(id, id)));
            }
        }
        return parts.isEmpty() ? messages().get("plugin.scope.global") : String.join(" + ", parts);
    }

    @Override
    protected List<String> searchTexts(ObjectNode row) {
        List<String> texts =
                new ArrayList<>(List.of(Rows.text(row, "name"), Rows.text(row, "instance_name"), scope(row)));
        // What the Protocols column shows is searchable too.
        texts.addAll(Rows.list(row, "protocols"));
        texts.addAll(Rows.list(row, "tags"));
        return texts;
    }

    @Override
    protected FormLayout formLayout() {
        return new FormLayout(
                List.of("service", "route", "consumer", "config", "enabled", "instance_name", "protocols", "tags"),
                Set.of("id", "created_at", "updated_at", "name", "ordering"));
    }

    @Override
    public String noun() {
        return messages().get("noun.plugin");
    }

    /** The plugin the open form is for: the one chosen for "Add", or the selected one being edited. */
    private String formPlugin = "";

    @Override
    public void startCreate() {
        if (pluginToAdd.get() == null || pluginToAdd.get().isEmpty()) {
            statusProperty().set(messages().get("plugin.choose.first"));
            return;
        }
        formPlugin = pluginToAdd.get();
        super.startCreate();
    }

    @Override
    public void startEdit() {
        if (selectedProperty().get() != null) {
            formPlugin = Rows.text(selectedProperty().get(), "name");
            super.startEdit();
        }
    }

    /**
     * The generic plugin entity's fields (enabled, instance_name, tags, ...) with the plugin's own config,
     * protocols and scope fields; a scope the plugin forbids ({@code consumer = typedefs.no_consumer}, which
     * serialises with {@code "eq": null}) is left out.
     */
    @Override
    protected CompletableFuture<List<SchemaField>> formSchema(GatewayRepository gateway) {
        String name = formPlugin;
        CompletableFuture<EntitySchema> entity = schemas().entity(gateway, EntityKind.PLUGINS);
        CompletableFuture<EntitySchema> plugin = schemas().plugin(gateway, name);
        return entity.thenCombine(plugin, (generic, own) -> {
            List<SchemaField> fields = new ArrayList<>();
            for (SchemaField field : generic.fields()) {
                Optional<SchemaField> override = own.field(field.name());
                if (FROM_PLUGIN_SCHEMA.contains(field.name()) && override.isPresent()) {
                    if (!forbidden(override.get())) {
                        fields.add(override.get());
                    }
                } else {
                    fields.add(field);
                }
            }
            return fields;
        });
    }

    private static boolean forbidden(SchemaField field) {
        return field.raw().has("eq") && field.raw().get("eq").isNull();
    }

    @Override
    protected ObjectNode completeCreateBody(ObjectNode body) {
        body.put("name", formPlugin);
        return body;
    }

    @Override
    protected void onLoaded(GatewayRepository gateway, List<ObjectNode> all) {
        tasks().run(
                        "enabled-plugins",
                        gateway::enabledPlugins,
                        list -> {
                            // Unchanged on most reloads (the page follows the gateway): leave the list the user may be
                            // looking at.
                            if (!enabledPlugins.equals(list)) {
                                enabledPlugins.setAll(list);
                            }
                            if (pluginToAdd.get() == null && list.contains("key-auth")) {
                                pluginToAdd.set("key-auth");
                            }
                        },
                        this::relatedLoadFailed);
        tasks().run(
                        "scope-names",
                        () -> {
                            CompletableFuture<List<ObjectNode>> services = gateway.listAll(EntityKind.SERVICES);
                            CompletableFuture<List<ObjectNode>> routes = gateway.listAll(EntityKind.ROUTES);
                            CompletableFuture<List<ObjectNode>> consumers = gateway.listAll(EntityKind.CONSUMERS);
                            return CompletableFuture.allOf(services, routes, consumers)
                                    .thenApply(done -> {
                                        Map<String, String> byId = new HashMap<>();
                                        for (List<ObjectNode> list :
                                                List.of(services.join(), routes.join(), consumers.join())) {
                                            list.forEach(e -> byId.put(Rows.text(e, "id"), Rows.label(e)));
                                        }
                                        return Map.copyOf(byId);
                                    });
                        },
                        names::set,
                        this::relatedLoadFailed);
    }
}
