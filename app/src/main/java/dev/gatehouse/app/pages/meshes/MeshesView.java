package dev.gatehouse.app.pages.meshes;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.EmptyStateView;
import dev.gatehouse.app.page.PageView;
import dev.gatehouse.app.pages.entities.NaturalOrder;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Meshes page: the meshes with their mTLS state and backends in a table, and beside it the selected mesh's
 * form: its certificate authorities, turning mTLS on or off, adding a builtin CA, each control-plane reason shown
 * under the field it concerns.
 */
public final class MeshesView extends PageView {

    public MeshesView(MeshesViewModel model, Messages messages) {
        super(model, new Content(model, messages));
    }

    private static final class Content extends StackPane {

        private final MeshesViewModel model;
        private final Messages messages;
        private final TableView<MeshRow> table = new TableView<>();
        private final VBox side = new VBox(14);
        private final BooleanExpression locked;

        Content(MeshesViewModel model, Messages messages) {
            this.model = model;
            this.messages = messages;
            this.locked = model.readOnlyProperty().or(model.busyProperty());
            buildTable();
            side.getStyleClass().add("side-panel");
            side.setId("mesh-side");
            ScrollPane sideScroll = new ScrollPane(side);
            sideScroll.setFitToWidth(true);
            sideScroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
            sideScroll.setMinWidth(380);
            SplitPane split = new SplitPane(table, sideScroll);
            split.setOrientation(Orientation.HORIZONTAL);
            split.setDividerPositions(0.5);
            SplitPane.setResizableWithParent(sideScroll, false);
            VBox.setVgrow(split, Priority.ALWAYS);

            model.selectedProperty().addListener((obs, old, now) -> {
                if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                    table.getSelectionModel().select(now);
                } else if (now == null) {
                    table.getSelectionModel().clearSelection();
                }
                showSide();
            });

            VBox main = new VBox(10, toolbar(), readOnlyBanner(), errorLine(), split);
            main.visibleProperty().bind(model.requirementMetBinding());
            EmptyStateView empty = new EmptyStateView(model, messages);
            empty.visibleProperty().bind(model.requirementMetBinding().not());
            getChildren().addAll(main, empty);
            showSide();
        }

        private void buildTable() {
            SortedList<MeshRow> sorted = new SortedList<>(model.meshes());
            sorted.comparatorProperty().bind(table.comparatorProperty());
            table.setItems(sorted);
            table.setId("meshes-table");
            table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
            table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            TableColumn<MeshRow, String> name = new TableColumn<>(messages.get("column.name"));
            name.setPrefWidth(140);
            name.setCellValueFactory(
                    cell -> new SimpleStringProperty(cell.getValue().name()));
            name.setComparator(NaturalOrder.INSTANCE);
            TableColumn<MeshRow, MeshRow> mtls = new TableColumn<>(messages.get("column.mtls"));
            mtls.setPrefWidth(150);
            mtls.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
            mtls.setComparator(java.util.Comparator.comparing(MeshRow::mtlsEnabled));
            mtls.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(MeshRow row, boolean empty) {
                    super.updateItem(row, empty);
                    setText(null);
                    setGraphic(empty || row == null ? null : mtlsBadge(row));
                }
            });
            TableColumn<MeshRow, String> backends = new TableColumn<>(messages.get("column.backends"));
            backends.setPrefWidth(200);
            backends.setCellValueFactory(cell -> new SimpleStringProperty(backendsText(cell.getValue())));
            table.getColumns().addAll(List.of(name, mtls, backends));
            table.getSortOrder().add(name);
            Label placeholder = new Label();
            placeholder
                    .textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> model.loadingProperty().get()
                                    ? messages.get("entity.loading")
                                    : messages.get("mesh.none"),
                            model.loadingProperty()));
            table.setPlaceholder(placeholder);
            table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
                if (now != null) {
                    model.selectedProperty().set(now);
                }
            });
        }

        private String backendsText(MeshRow row) {
            return row.backends().isEmpty()
                    ? messages.get("mesh.backends.none")
                    : String.join(
                            ", ",
                            row.backends().stream()
                                    .map(b -> b.name() + " (" + b.type() + ")")
                                    .toList());
        }

        /** A closed lock and "mTLS on (ca-1)", or an open one and "mTLS off": never colour alone. */
        private Node mtlsBadge(MeshRow row) {
            Label badge = new Label(
                    row.mtlsEnabled()
                            ? messages.get("mesh.mtls.on", row.enabledBackend().orElseThrow())
                            : messages.get("mesh.mtls.off"),
                    (row.mtlsEnabled() ? AppIcon.LOCK : AppIcon.UNLOCK).node());
            badge.getStyleClass().add(row.mtlsEnabled() ? "keyauth-on" : "keyauth-off");
            return badge;
        }

        private Node toolbar() {
            Label count = new Label();
            count.setId("meshes-count");
            count.getStyleClass().add(Styles.TEXT_MUTED);
            count.textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> messages.get("entity.count", model.meshes().size()), model.meshes()));
            ProgressIndicator spinner = new ProgressIndicator();
            spinner.setPrefSize(18, 18);
            spinner.visibleProperty().bind(model.loadingProperty().or(model.busyProperty()));
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            Button reload = new Button(null, AppIcon.REFRESH.node());
            reload.setId("meshes-reload");
            reload.getStyleClass().add(Styles.BUTTON_ICON);
            reload.setTooltip(new Tooltip(messages.get("dataplane.reload")));
            reload.setAccessibleText(messages.get("dataplane.reload"));
            reload.setOnAction(e -> model.reload());
            HBox bar = new HBox(8, count, spinner, gap, reload);
            bar.setAlignment(Pos.CENTER_LEFT);
            bar.getStyleClass().add("entity-toolbar");
            return bar;
        }

        /** Why nothing here can be changed, when the control plane takes no writes. */
        private Node readOnlyBanner() {
            Label banner = new Label();
            banner.setId("meshes-read-only");
            banner.setGraphic(AppIcon.LOCK.node());
            banner.setWrapText(true);
            banner.getStyleClass().add("mesh-read-only");
            banner.textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> messages.get(
                                    "mesh.readonly",
                                    model.readOnlyReasonProperty().get()),
                            model.readOnlyReasonProperty()));
            banner.visibleProperty().bind(model.readOnlyProperty());
            banner.managedProperty().bind(model.readOnlyProperty());
            banner.setMaxWidth(Double.MAX_VALUE);
            return banner;
        }

        private Node errorLine() {
            Label error = new Label();
            error.setId("meshes-error");
            error.getStyleClass().add(Styles.DANGER);
            error.setWrapText(true);
            error.textProperty().bind(model.loadErrorProperty());
            error.managedProperty().bind(model.loadErrorProperty().isNotEmpty());
            error.visibleProperty().bind(model.loadErrorProperty().isNotEmpty());
            return error;
        }

        private void showSide() {
            MeshRow mesh = model.selectedProperty().get();
            if (mesh == null) {
                Label none = new Label(messages.get("mesh.pick"));
                none.getStyleClass().add(Styles.TEXT_MUTED);
                side.getChildren().setAll(none);
                return;
            }
            Label title = new Label(mesh.name());
            title.setId("mesh-title");
            title.getStyleClass().add(Styles.TITLE_3);
            Label state = new Label(
                    mesh.mtlsEnabled()
                            ? messages.get(
                                    "mesh.state.on", mesh.enabledBackend().orElseThrow())
                            : messages.get("mesh.state.off"),
                    (mesh.mtlsEnabled() ? AppIcon.LOCK : AppIcon.UNLOCK).node());
            state.setId("mesh-state");
            state.setWrapText(true);
            // The lock takes the colour of the words (keyauth-on/off colour icons as the tables do).
            state.getStyleClass()
                    .addAll(
                            mesh.mtlsEnabled() ? Styles.SUCCESS : Styles.WARNING,
                            mesh.mtlsEnabled() ? "keyauth-on" : "keyauth-off");

            side.getChildren()
                    .setAll(
                            title,
                            state,
                            formError(),
                            section("mesh.section.backends", backendList(mesh)),
                            section("mesh.section.mtls", mtlsControls(mesh)),
                            section("mesh.section.add", addControls()));
        }

        private Node section(String titleKey, Node body) {
            Label title = new Label(messages.get(titleKey));
            title.getStyleClass().add(Styles.TITLE_4);
            return new VBox(8, title, body);
        }

        private Node formError() {
            Label error = fieldError("mesh-form-error", model.formErrorProperty());
            error.getStyleClass().add("form-error");
            return error;
        }

        /** Each backend with its type and mode, the enabled one marked; the control plane's reason about them below. */
        private Node backendList(MeshRow mesh) {
            VBox list = new VBox(4);
            list.setId("mesh-backends");
            if (mesh.backends().isEmpty()) {
                Label none = new Label(messages.get("mesh.backends.none.long"));
                none.getStyleClass().add(Styles.TEXT_MUTED);
                none.setWrapText(true);
                list.getChildren().add(none);
            }
            for (MeshRow.Backend backend : mesh.backends()) {
                Label name = new Label(backend.name(), AppIcon.KEY.node());
                name.getStyleClass().add(Styles.TEXT_BOLD);
                Label type = new Label(backend.type() + (backend.mode().isEmpty() ? "" : " \u00b7 " + backend.mode()));
                type.getStyleClass().add(Styles.TEXT_MUTED);
                HBox line = new HBox(10, name, type);
                line.setAlignment(Pos.CENTER_LEFT);
                if (mesh.enabledBackend().filter(backend.name()::equals).isPresent()) {
                    Label enabled = new Label(messages.get("mesh.backend.enabled"));
                    enabled.getStyleClass().add("active-badge");
                    line.getChildren().add(enabled);
                }
                line.getStyleClass().add("credential-row");
                list.getChildren().add(line);
            }
            list.getChildren().add(fieldError("mesh-backends-error", model.backendsErrorProperty()));
            return list;
        }

        /** Off: which backend to enable and "Turn on mTLS". On: "Turn off mTLS". */
        private Node mtlsControls(MeshRow mesh) {
            Label error = fieldError("mesh-enable-error", model.enableErrorProperty());
            if (mesh.mtlsEnabled()) {
                Button off = new Button(messages.get("mesh.mtls.off.action"), AppIcon.UNLOCK.node());
                off.setId("mesh-mtls-off");
                off.getStyleClass().add(Styles.DANGER);
                off.disableProperty().bind(locked);
                off.setOnAction(e -> model.disableMtls());
                Label note = new Label(messages.get("mesh.mtls.off.note"));
                note.getStyleClass().add(Styles.TEXT_MUTED);
                note.setWrapText(true);
                return new VBox(8, note, off, error);
            }
            ComboBox<String> backend = new ComboBox<>();
            backend.setId("mesh-enable-backend");
            backend.getItems().setAll(model.enableChoices());
            backend.setValue(model.backendToEnableProperty().get());
            backend.valueProperty()
                    .addListener(
                            (obs, old, now) -> model.backendToEnableProperty().set(now));
            backend.setCellFactory(list -> backendCell());
            backend.setButtonCell(backendCell());
            backend.disableProperty().bind(locked);
            backend.setAccessibleText(messages.get("mesh.enable.backend"));
            Label backendLabel = new Label(messages.get("mesh.enable.backend"));
            backendLabel.setLabelFor(backend);
            Button on = new Button(messages.get("mesh.mtls.on.action"), AppIcon.LOCK.node());
            on.setId("mesh-mtls-on");
            on.getStyleClass().add(Styles.ACCENT);
            on.disableProperty().bind(locked);
            on.setOnAction(e -> model.enableMtls());
            Label note = new Label(messages.get("mesh.mtls.on.note"));
            note.getStyleClass().add(Styles.TEXT_MUTED);
            note.setWrapText(true);
            HBox line = new HBox(8, backendLabel, backend, on);
            line.setAlignment(Pos.CENTER_LEFT);
            return new VBox(8, note, line, error);
        }

        private ListCell<String> backendCell() {
            return new ListCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(
                            empty || item == null
                                    ? null
                                    : model.existingBackend(item) ? item : messages.get("mesh.backend.new", item));
                }
            };
        }

        /** A name and "Add": one more builtin CA; the control plane decides whether the mesh may have it. */
        private Node addControls() {
            TextField name = new TextField();
            name.setId("mesh-new-backend");
            name.setPromptText(messages.get("mesh.backend.name.prompt"));
            name.setPrefColumnCount(14);
            name.textProperty().bindBidirectional(model.newBackendProperty());
            name.disableProperty().bind(locked);
            name.setOnAction(e -> model.addBuiltinBackend());
            Label label = new Label(messages.get("mesh.backend.name"));
            label.setLabelFor(name);
            Button add = new Button(messages.get("mesh.backend.add"), AppIcon.ADD.node());
            add.setId("mesh-add-backend");
            add.disableProperty().bind(locked);
            add.setOnAction(e -> model.addBuiltinBackend());
            HBox line = new HBox(8, label, name, add);
            line.setAlignment(Pos.CENTER_LEFT);
            return new VBox(6, line, fieldError("mesh-new-backend-error", model.newBackendErrorProperty()));
        }

        /** A reason under a field: red, wrapped, and taking no room while there is none. */
        private static Label fieldError(String id, StringProperty reason) {
            Label error = new Label();
            error.setId(id);
            error.getStyleClass().add(Styles.DANGER);
            error.setWrapText(true);
            error.textProperty().bind(reason);
            error.visibleProperty().bind(reason.isNotEmpty());
            error.managedProperty().bind(reason.isNotEmpty());
            return error;
        }
    }
}
