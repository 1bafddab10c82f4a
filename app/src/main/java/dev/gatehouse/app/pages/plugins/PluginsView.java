package dev.gatehouse.app.pages.plugins;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.form.SchemaFormView;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.pages.entities.DetailGrid;
import dev.gatehouse.app.pages.entities.EntityPageView;
import dev.gatehouse.app.pages.entities.Rows;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The Plugins page: instances with their scope; "Add" creates the plugin chosen beside it. */
public final class PluginsView extends EntityPageView {

    public PluginsView(PluginsViewModel model, Messages messages) {
        this(model, messages, configPane(model, messages));
    }

    private PluginsView(PluginsViewModel model, Messages messages, Node config) {
        super(
                model,
                messages,
                List.of(
                        new Column(messages.get("column.plugin"), 220, r -> Rows.text(r, "name")),
                        new Column(messages.get("column.scope"), 360, model::scope),
                        new Column(messages.get("column.enabled"), 100, r -> Rows.text(r, "enabled")),
                        new Column(messages.get("column.protocols"), 260, r -> Rows.joined(r, "protocols")),
                        new Column(TAGS, 0, r -> "")),
                row -> details(model, messages, row, config),
                chooser(model, messages));
        refreshWhen(model.namesProperty());
    }

    /** Which plugin New creates: the gateway's enabled plugins, so a remote Kong's custom ones appear too. */
    private static Node chooser(PluginsViewModel model, Messages messages) {
        ComboBox<String> box = new ComboBox<>(model.enabledPlugins());
        box.setId("plugin-choice");
        box.setPromptText(messages.get("plugin.choose"));
        box.valueProperty().bindBidirectional(model.pluginToAddProperty());
        box.setMinWidth(150);
        Label label = new Label(messages.get("plugin.new.label"));
        label.setLabelFor(box);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.HBox chooser = new javafx.scene.layout.HBox(6, label, box);
        chooser.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return chooser;
    }

    private static Node details(PluginsViewModel model, Messages messages, ObjectNode plugin, Node config) {
        DetailGrid grid = new DetailGrid()
                .add(messages.get("column.plugin"), Rows.text(plugin, "name"))
                .add(messages.get("column.scope"), model.scope(plugin))
                .add(messages.get("column.enabled"), Rows.text(plugin, "enabled"))
                .add(messages.get("column.protocols"), Rows.joined(plugin, "protocols"))
                .add(messages.get("column.tags"), Rows.joined(plugin, "tags"));
        // One pane, moved into each new details panel: it follows the selected plugin's configuration by itself.
        return new VBox(12, grid, config);
    }

    /** The selected plugin's configuration in the same form as editing it, read-only. */
    private static Node configPane(PluginsViewModel model, Messages messages) {
        VBox pane = new VBox();
        pane.setId("plugin-config");
        Runnable render = () -> {
            PluginsViewModel.ShownConfig shown = model.shownConfigProperty().get();
            ObjectNode selected = model.selectedProperty().get();
            if (shown != null && selected != null && shown.pluginId().equals(Rows.text(selected, "id"))) {
                pane.getChildren().setAll(SchemaFormView.readOnly(shown.form(), messages));
            } else {
                Label loading = new Label(messages.get("entity.loading"));
                loading.getStyleClass().add(Styles.TEXT_MUTED);
                pane.getChildren().setAll(loading);
            }
        };
        model.shownConfigProperty().addListener((obs, old, now) -> render.run());
        model.selectedProperty().addListener((obs, old, now) -> render.run());
        render.run();
        return pane;
    }
}
