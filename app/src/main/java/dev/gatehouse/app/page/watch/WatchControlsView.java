package dev.gatehouse.app.page.watch;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The watch controls as one toolbar strip: scope (service, mesh), collector address, Watch / Stop, and the state in a
 * sentence below; for the embedded sandbox only the sentence. Place it in a toolbar with
 * {@code new WatchControlsView(WatchControlsViewModel.of(context), context.messages())}.
 */
public final class WatchControlsView extends VBox {

    public WatchControlsView(WatchControlsViewModel model, Messages messages) {
        getStyleClass().add("watch-controls");
        setId("watch-controls");

        ComboBox<ServiceChoice> scope = new ComboBox<>(model.services());
        scope.setId("watch-scope");
        scope.valueProperty().bindBidirectional(model.serviceProperty());
        scope.setConverter(new StringConverter<>() {
            @Override
            public String toString(ServiceChoice choice) {
                return model.label(choice);
            }

            @Override
            public ServiceChoice fromString(String text) {
                return null;
            }
        });
        scope.setTooltip(new Tooltip(messages.get("page.traffic.watch.scope.tooltip")));
        show(scope, model.gatewayProperty());

        ComboBox<String> mesh = new ComboBox<>(model.meshes());
        mesh.setId("watch-mesh");
        mesh.valueProperty().bindBidirectional(model.meshNameProperty());
        mesh.setTooltip(new Tooltip(messages.get("page.traffic.watch.mesh.tooltip")));
        show(mesh, model.meshProperty());

        TextField address = new TextField();
        address.setId("watch-address");
        address.getStyleClass().add("watch-address");
        address.textProperty().bindBidirectional(model.addressProperty());
        address.setPromptText(messages.get("page.traffic.watch.address.prompt"));
        address.setTooltip(new Tooltip(messages.get("page.traffic.watch.address.tooltip")));
        address.disableProperty().bind(model.watchingBinding());
        address.pseudoClassStateChanged(Styles.STATE_DANGER, false);
        model.addressErrorProperty()
                .addListener((obs, old, now) -> address.pseudoClassStateChanged(Styles.STATE_DANGER, !now.isEmpty()));
        Label addressLabel = new Label(messages.get("page.traffic.watch.address"));
        addressLabel.setLabelFor(address);

        Button watch = new Button(messages.get("page.traffic.watch.start"), AppIcon.TRAFFIC.node());
        watch.setId("watch-start");
        watch.getStyleClass().add(Styles.ACCENT);
        watch.setOnAction(e -> model.watch());
        watch.disableProperty().bind(model.canWatchBinding().not());
        watch.visibleProperty().bind(model.watchingBinding().not());
        watch.managedProperty().bind(watch.visibleProperty());

        Button stop = new Button(messages.get("page.traffic.watch.stop"));
        stop.setId("watch-stop");
        stop.getStyleClass().add(Styles.DANGER);
        stop.setOnAction(e -> model.stop());
        stop.visibleProperty().bind(model.watchingBinding());
        stop.managedProperty().bind(stop.visibleProperty());

        HBox controls = new HBox(8, scope, mesh, addressLabel, address, watch, stop);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("watch-controls-row");
        controls.visibleProperty().bind(model.modeProperty().isEqualTo(WatchControlsViewModel.Mode.REMOTE));
        controls.managedProperty().bind(controls.visibleProperty());
        scope.disableProperty().bind(model.watchingBinding());
        mesh.disableProperty().bind(model.watchingBinding());

        Label status = new Label();
        status.setId("watch-status");
        status.getStyleClass().add("watch-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);

        Label error = new Label();
        error.setId("watch-error");
        error.getStyleClass().addAll("watch-error", Styles.DANGER);
        error.setWrapText(true);
        error.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.addressErrorProperty().get().isEmpty()
                                ? model.loadErrorProperty().get()
                                : model.addressErrorProperty().get(),
                        model.addressErrorProperty(),
                        model.loadErrorProperty()));
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        setSpacing(4);
        getChildren().addAll(controls, status, error);
    }

    private static void show(javafx.scene.Node node, javafx.beans.value.ObservableBooleanValue when) {
        node.visibleProperty().bind(Bindings.createBooleanBinding(when::get, when));
        node.managedProperty().bind(node.visibleProperty());
    }
}
