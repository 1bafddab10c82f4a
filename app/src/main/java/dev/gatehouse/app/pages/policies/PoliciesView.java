package dev.gatehouse.app.pages.policies;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.EmptyStateView;
import dev.gatehouse.app.page.PageView;
import dev.gatehouse.app.pages.entities.DetailGrid;
import dev.gatehouse.app.policyeditor.PolicyEditorModel;
import dev.gatehouse.app.policyeditor.PolicyEditorView;
import dev.gatehouse.app.policyeditor.YamlArea;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.fxmisc.flowless.VirtualizedScrollPane;

/**
 * The Policies page: a toolbar (filter, mesh, reload), a line that creates a permission from a template, the table
 * of policies, and a side panel with the selected policy or the editor.
 */
public final class PoliciesView extends PageView {

    public PoliciesView(PoliciesViewModel model, Messages messages) {
        super(model, new Content(model, messages));
    }

    private static final class Content extends StackPane {

        private final PoliciesViewModel model;
        private final Messages messages;
        private final TableView<PolicyRow> table = new TableView<>();
        private final SplitPane split = new SplitPane();
        private final VBox side = new VBox(12);
        /** The table with its side panel, or the editor in their place while one is open. */
        private final StackPane body = new StackPane();

        private final BooleanBinding readOnly;

        Content(PoliciesViewModel model, Messages messages) {
            this.model = model;
            this.messages = messages;
            this.readOnly = Bindings.createBooleanBinding(
                    () -> model.capabilitiesProperty().get().readOnly(), model.capabilitiesProperty());
            SortedList<PolicyRow> sorted = new SortedList<>(model.filtered());
            sorted.comparatorProperty().bind(table.comparatorProperty());
            table.setItems(sorted);
            table.setId("table");
            table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
            table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
            // Minimums keep a type, a name and a time whole; what is left goes to all columns alike.
            table.getColumns()
                    .add(column("policies.column.type", 165, r -> r.type().name()));
            table.getColumns().add(column("column.name", 150, PolicyRow::name));
            table.getColumns().add(column("policies.column.mesh", 55, PolicyRow::mesh));
            table.getColumns().add(column("policies.column.summary", 120, PolicyRow::summary));
            table.getColumns().add(column("policies.column.modified", 145, r -> when(r.modified())));
            table.getSortOrder().add(table.getColumns().get(0));
            Label placeholder = new Label();
            placeholder.setId("table-placeholder");
            placeholder
                    .textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> model.loadingProperty().get()
                                    ? messages.get("entity.loading")
                                    : model.rows().isEmpty()
                                            ? messages.get("policies.none")
                                            : messages.get("entity.no.match"),
                            model.loadingProperty(),
                            model.rows(),
                            model.filterProperty()));
            table.setPlaceholder(placeholder);
            table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
                if (now != null) {
                    model.selectedProperty().set(now);
                }
            });
            model.selectedProperty().addListener((obs, old, now) -> {
                if (now == null) {
                    table.getSelectionModel().clearSelection();
                } else if (table.getSelectionModel().getSelectedItem() != now) {
                    table.getSelectionModel().select(now);
                    table.scrollTo(now);
                }
                showSide();
            });
            model.editorProperty().addListener((obs, old, now) -> showSide());
            model.capabilitiesProperty().addListener((obs, old, now) -> showSide());
            table.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.DELETE && !readOnly.get()) {
                    model.deleteSelected();
                } else if (e.getCode() == KeyCode.ENTER) {
                    model.startEdit();
                }
            });

            side.setId("side");
            side.getStyleClass().add("side-panel");
            side.setMinWidth(340);
            split.getItems().add(table);
            SplitPane.setResizableWithParent(side, false);
            VBox.setVgrow(body, Priority.ALWAYS);
            body.getChildren().add(split);

            VBox main = new VBox(10, toolbar(), templateBar(), readOnlyLine(), statusLine(), body);
            main.visibleProperty().bind(model.requirementMetBinding());
            EmptyStateView empty = new EmptyStateView(model, messages);
            empty.visibleProperty().bind(model.requirementMetBinding().not());
            getChildren().addAll(main, empty);
            showSide();
        }

        private TableColumn<PolicyRow, String> column(String titleKey, double width, Function<PolicyRow, String> text) {
            TableColumn<PolicyRow, String> col = new TableColumn<>(messages.get(titleKey));
            col.setMinWidth(width);
            col.setPrefWidth(width);
            col.setCellValueFactory(cell -> new SimpleStringProperty(text.apply(cell.getValue())));
            return col;
        }

        private Node toolbar() {
            CustomTextField filter = new CustomTextField();
            filter.setId("filter");
            filter.setPromptText(messages.get("policies.filter.prompt"));
            filter.setLeft(AppIcon.SEARCH.node());
            filter.setPrefColumnCount(26);
            filter.textProperty().bindBidirectional(model.filterProperty());

            Label count = new Label();
            count.setId("count");
            count.getStyleClass().add(Styles.TEXT_MUTED);
            count.setMinWidth(Region.USE_PREF_SIZE);
            count.textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> model.filtered().size() == model.rows().size()
                                    ? messages.get("entity.count", model.rows().size())
                                    : messages.get(
                                            "entity.count.filtered",
                                            model.filtered().size(),
                                            model.rows().size()),
                            model.filtered(),
                            model.rows()));

            Label meshLabel = new Label(messages.get("policies.mesh"));
            ChoiceBox<String> mesh = new ChoiceBox<>(model.meshes());
            mesh.setId("policies-mesh");
            meshLabel.setLabelFor(mesh);
            mesh.valueProperty().bindBidirectional(model.meshProperty());

            ProgressIndicator spinner = new ProgressIndicator();
            spinner.setPrefSize(18, 18);
            spinner.visibleProperty().bind(model.loadingProperty());
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            Button reload = new Button(null, AppIcon.REFRESH.node());
            reload.setId("reload");
            reload.getStyleClass().add(Styles.BUTTON_ICON);
            reload.setTooltip(new Tooltip(messages.get("policies.reload")));
            reload.setOnAction(e -> model.reload());
            HBox bar = new HBox(8, filter, count, spinner, spacer, meshLabel, mesh, reload);
            bar.setAlignment(Pos.CENTER_LEFT);
            bar.getStyleClass().add("entity-toolbar");
            return bar;
        }

        /** "New: [Allow] [source] → [destination] [Open in editor]": the three templates, services from the mesh. */
        private Node templateBar() {
            Label title = new Label(messages.get("policies.template.title"));
            title.getStyleClass().add(Styles.TEXT_MUTED);
            ChoiceBox<PolicyTemplate> template = new ChoiceBox<>();
            template.setId("template");
            template.getItems().setAll(PolicyTemplate.values());
            template.setValue(PolicyTemplate.ALLOW);
            template.setConverter(new StringConverter<>() {
                @Override
                public String toString(PolicyTemplate t) {
                    return t == null ? "" : messages.get(t.labelKey());
                }

                @Override
                public PolicyTemplate fromString(String s) {
                    return null;
                }
            });
            ComboBox<String> source = new ComboBox<>(model.services());
            source.setId("template-source");
            source.setEditable(true);
            source.setPromptText(messages.get("policies.template.source"));
            ComboBox<String> destination = new ComboBox<>(model.services());
            destination.setId("template-destination");
            destination.setEditable(true);
            destination.setPromptText(messages.get("policies.template.destination"));
            destination
                    .disableProperty()
                    .bind(Bindings.createBooleanBinding(
                            () -> template.getValue() != null
                                    && !template.getValue().needsDestination(),
                            template.valueProperty()));
            Label arrow = new Label("\u2192");
            Button create = new Button(messages.get("policies.template.create"), AppIcon.ADD.node());
            // "create": Ctrl+N fires the page's New button (MainWindow).
            create.setId("create");
            create.getStyleClass().add(Styles.ACCENT);
            create.disableProperty()
                    .bind(readOnly.or(Bindings.createBooleanBinding(
                            () -> {
                                PolicyTemplate t = template.getValue();
                                return t == null
                                        || !model.offers(t)
                                        || blank(source.getEditor().getText())
                                        || t.needsDestination()
                                                && blank(destination.getEditor().getText());
                            },
                            template.valueProperty(),
                            source.getEditor().textProperty(),
                            destination.getEditor().textProperty(),
                            model.capabilitiesProperty())));
            create.setOnAction(e -> model.startCreate(
                    template.getValue(),
                    source.getEditor().getText().strip(),
                    destination.getEditor().getText().strip()));
            HBox bar = new HBox(8, title, template, source, arrow, destination, create);
            bar.setAlignment(Pos.CENTER_LEFT);
            bar.setId("template-bar");
            return bar;
        }

        /** An RFC 3339 time as local date and time to the second, as people read it; as given when it is not one. */
        private static String when(String time) {
            try {
                return java.time.OffsetDateTime.parse(time)
                        .atZoneSameInstant(java.time.ZoneId.systemDefault())
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
            } catch (java.time.format.DateTimeParseException e) {
                return time;
            }
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }

        private Node readOnlyLine() {
            Label line = new Label(null, AppIcon.LOCK.node());
            line.setId("policies-readonly");
            line.setWrapText(true);
            line.getStyleClass().add(Styles.WARNING);
            line.textProperty().bind(Bindings.createStringBinding(model::readOnlyReason, model.capabilitiesProperty()));
            line.visibleProperty().bind(readOnly);
            line.managedProperty().bind(readOnly);
            return line;
        }

        private Node statusLine() {
            Label status = new Label();
            status.setId("policies-status");
            status.getStyleClass().add(Styles.TEXT_MUTED);
            status.textProperty().bind(model.statusProperty());
            Label error = new Label();
            error.setId("policies-error");
            error.getStyleClass().add(Styles.DANGER);
            error.setWrapText(true);
            error.textProperty().bind(model.loadErrorProperty());
            HBox line = new HBox(12, status, error);
            line.managedProperty()
                    .bind(model.statusProperty()
                            .isNotEmpty()
                            .or(model.loadErrorProperty().isNotEmpty()));
            return line;
        }

        /**
         * The editor, when one is open, in place of the table (form and YAML side by side need the width); else the
         * table, with the selected policy beside it.
         */
        private void showSide() {
            PolicyEditorModel editor = model.editorProperty().get();
            PolicyRow row = model.selectedProperty().get();
            if (editor != null) {
                body.getChildren().setAll(editorPanel(editor));
                return;
            }
            body.getChildren().setAll(split);
            side.getChildren().setAll(row == null ? List.of() : List.of(details(row)));
            if (row != null && !split.getItems().contains(side)) {
                split.getItems().add(side);
                split.setDividerPositions(0.7);
            } else if (row == null) {
                split.getItems().remove(side);
            }
        }

        private Node editorPanel(PolicyEditorModel editor) {
            Label title = new Label(editor.originalName()
                    .map(n -> messages.get("policies.editor.edit", n))
                    .orElse(messages.get("policies.editor.new")));
            title.setId("editor-title");
            title.getStyleClass().add(Styles.TITLE_4);
            PolicyEditorView view = new PolicyEditorView(editor, messages);
            VBox.setVgrow(view, Priority.ALWAYS);
            Button apply = new Button(messages.get("action.apply"), AppIcon.SAVE.node());
            apply.setId("editor-apply");
            apply.getStyleClass().add(Styles.ACCENT);
            apply.setDefaultButton(false);
            apply.disableProperty()
                    .bind(editor.validProperty()
                            .not()
                            .or(model.savingProperty())
                            .or(readOnly));
            apply.setOnAction(e -> model.apply());
            Button cancel = new Button(messages.get("action.cancel"));
            cancel.setId("editor-cancel");
            cancel.setOnAction(e -> model.cancelEdit());
            Label invalid = new Label(messages.get("policies.editor.invalid"));
            invalid.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            invalid.visibleProperty().bind(editor.validProperty().not());
            HBox buttons = new HBox(8, apply, cancel, invalid);
            buttons.setAlignment(Pos.CENTER_LEFT);
            VBox panel = new VBox(10, title, view, buttons);
            VBox.setVgrow(panel, Priority.ALWAYS);
            return panel;
        }

        private Node details(PolicyRow row) {
            Label title = new Label(row.name(), AppIcon.POLICY.node());
            title.setId("details-title");
            title.getStyleClass().add(Styles.TITLE_4);
            DetailGrid grid = new DetailGrid()
                    .add(messages.get("policies.column.type"), row.type().name())
                    .add(messages.get("policies.column.mesh"), row.mesh())
                    .add(messages.get("policies.column.summary"), row.summary())
                    .add(messages.get("policies.column.modified"), when(row.modified()));
            YamlArea yaml = YamlArea.readOnly(row.policy());
            yaml.setId("details-yaml");
            VirtualizedScrollPane<YamlArea> yamlScroll = new VirtualizedScrollPane<>(yaml);
            yamlScroll.setPrefHeight(320);
            VBox.setVgrow(yamlScroll, Priority.ALWAYS);
            Button edit = new Button(messages.get("action.edit"), AppIcon.EDIT.node());
            edit.setId("details-edit");
            edit.setOnAction(e -> model.startEdit());
            Button delete = new Button(messages.get("action.delete"), AppIcon.DELETE.node());
            delete.setId("details-delete");
            delete.getStyleClass().add(Styles.DANGER);
            delete.setOnAction(e -> model.deleteSelected());
            delete.disableProperty().bind(readOnly);
            HBox buttons = new HBox(8, edit, delete);
            VBox details = new VBox(12, title, grid, buttons, yamlScroll);
            VBox.setVgrow(details, Priority.ALWAYS);
            return details;
        }
    }
}
