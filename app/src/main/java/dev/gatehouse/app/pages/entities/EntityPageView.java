package dev.gatehouse.app.pages.entities;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.form.SchemaFormModel;
import dev.gatehouse.app.form.SchemaFormView;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.EmptyStateView;
import dev.gatehouse.app.page.PageView;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The layout every gateway page shares: a toolbar (filter, count, bulk actions, New), a virtualised sortable
 * table with multi-select, and a side panel with the selected entity's details or the create/edit form. When the
 * gateway is not reachable, the page's empty state takes the place of all of it.
 */
public class EntityPageView extends PageView {

    /**
     * One table column: title, preferred width, the text of a row (also its sort key), and optionally a graphic
     * drawn beside that text.
     */
    public record Column(String title, double width, Function<ObjectNode, String> text,
                         Function<ObjectNode, Node> graphic) {

        public Column(String title, double width, Function<ObjectNode, String> text) {
            this(title, width, text, null);
        }
    }

    /** A column of tags, drawn as chips that filter the table when clicked. */
    public static final String TAGS = "\u0000tags";

    public EntityPageView(EntityPageViewModel model, Messages messages, List<Column> columns,
                          Function<ObjectNode, Node> details, Node... toolbarExtras) {
        super(model, new Content(model, messages, columns, details, toolbarExtras));
    }

    /** Redraws the table and the side panel when data that cells show (but rows do not hold) arrives later. */
    protected final void refreshWhen(javafx.beans.Observable... sources) {
        for (javafx.beans.Observable source : sources) {
            source.addListener(o -> ((Content) getCenter()).refresh());
        }
    }

    private static final class Content extends StackPane {

        private final EntityPageViewModel model;
        private final Messages messages;
        private final Function<ObjectNode, Node> details;
        private final VBox side = new VBox(12);
        private final TableView<ObjectNode> table = new TableView<>();

        Content(EntityPageViewModel model, Messages messages, List<Column> columns, Function<ObjectNode, Node> details,
                Node[] toolbarExtras) {
            this.model = model;
            this.messages = messages;
            this.details = details;

            SortedList<ObjectNode> sorted = new SortedList<>(model.filtered());
            sorted.comparatorProperty().bind(table.comparatorProperty());
            table.setItems(sorted);
            table.setId("table");
            table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
            table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
            for (Column column : columns) {
                table.getColumns().add(column.title().equals(TAGS) ? tagsColumn() : textColumn(column));
            }
            // Sorted by name until the user picks another column: Kong lists in id order, which means nothing to people.
            table.getSortOrder().add(table.getColumns().get(0));
            Label placeholder = new Label();
            placeholder.setId("table-placeholder");
            placeholder.textProperty().bind(Bindings.createStringBinding(() -> model.loadingProperty().get()
                            ? messages.get("entity.loading") : model.items().isEmpty()
                            ? messages.get("entity.none", model.noun()) : messages.get("entity.no.match"),
                    model.loadingProperty(), model.items(), model.filterProperty()));
            table.setPlaceholder(placeholder);
            table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
                if (now != null) {
                    model.selectedProperty().set(now);
                }
            });
            model.selectedProperty().addListener((obs, old, now) -> {
                if (now != null && table.getSelectionModel().getSelectedItems().size() <= 1
                        && table.getSelectionModel().getSelectedItem() != now) {
                    table.getSelectionModel().clearSelection();
                    table.getSelectionModel().select(now);
                    table.scrollTo(now);
                } else if (now == null) {
                    // Filtered away, deleted or gone with the connection: the table agrees with the page.
                    table.getSelectionModel().clearSelection();
                }
                showSide();
            });
            model.formProperty().addListener((obs, old, now) -> showSide());
            table.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.DELETE) {
                    model.delete(List.copyOf(table.getSelectionModel().getSelectedItems()));
                } else if (e.getCode() == KeyCode.ENTER) {
                    model.startEdit();
                }
            });

            side.getStyleClass().add("side-panel");
            side.setId("side");
            ScrollPane sideScroll = new ScrollPane(side);
            sideScroll.setFitToWidth(true);
            sideScroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
            SplitPane split = new SplitPane(table, sideScroll);
            split.setOrientation(Orientation.HORIZONTAL);
            split.setDividerPositions(0.6);
            VBox.setVgrow(split, Priority.ALWAYS);

            VBox main = new VBox(10, toolbar(toolbarExtras), statusLine(), split);
            main.visibleProperty().bind(model.requirementMetBinding());
            EmptyStateView empty = new EmptyStateView(model, messages);
            empty.visibleProperty().bind(model.requirementMetBinding().not());
            getChildren().addAll(main, empty);
            showSide();

        }

        private Node toolbar(Node[] extras) {
            CustomTextField filter = new CustomTextField();
            filter.setId("filter");
            filter.setPromptText(messages.get("entity.filter.prompt"));
            filter.setLeft(AppIcon.SEARCH.node());
            filter.setPrefColumnCount(18);
            filter.textProperty().bindBidirectional(model.filterProperty());

            Label count = new Label();
            count.setId("count");
            count.getStyleClass().add(Styles.TEXT_MUTED);
            count.textProperty().bind(Bindings.createStringBinding(() -> model.filtered().size() == model.items().size()
                            ? messages.get("entity.count", model.items().size())
                            : messages.get("entity.count.filtered", model.filtered().size(), model.items().size()),
                    model.filtered(), model.items()));

            ProgressIndicator spinner = new ProgressIndicator();
            spinner.setPrefSize(18, 18);
            spinner.visibleProperty().bind(model.loadingProperty());

            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            var selection = table.getSelectionModel().getSelectedItems();
            var none = Bindings.isEmpty(selection);
            Button tags = button("bulk-tags", "entity.action.tags", AppIcon.TAG, () -> model.dialogs()
                    .askTagChange(messages.get("entity.tags.title", selection.size(), model.noun()), model.allTags())
                    .ifPresent(change -> model.editTags(List.copyOf(selection), change.add(), change.remove())));
            tags.disableProperty().bind(none);
            Button delete = button("bulk-delete", "action.delete", AppIcon.DELETE,
                    () -> model.delete(List.copyOf(selection)));
            delete.disableProperty().bind(none);
            delete.textProperty().bind(Bindings.createStringBinding(() -> selection.size() > 1
                    ? messages.get("entity.action.delete.n", selection.size()) : messages.get("action.delete"),
                    selection));
            Button reload = button("reload", null, AppIcon.REFRESH, model::reload);
            reload.getStyleClass().addAll(Styles.BUTTON_ICON);
            reload.setTooltip(new Tooltip(messages.get("entity.action.reload")));
            Button create = button("create", "entity.action.create", AppIcon.ADD, model::startCreate);
            create.getStyleClass().add(Styles.ACCENT);
            create.setTooltip(new Tooltip(messages.get("entity.action.create.tooltip")));

            for (Button button : List.of(tags, delete, reload, create)) {
                button.setMinWidth(Region.USE_PREF_SIZE);
            }
            count.setMinWidth(Region.USE_PREF_SIZE);
            HBox bar = new HBox(8, filter, count, spinner, spacer);
            bar.getChildren().addAll(extras);
            bar.getChildren().addAll(tags, delete, reload, create);
            bar.setAlignment(Pos.CENTER_LEFT);
            bar.getStyleClass().add("entity-toolbar");
            return bar;
        }

        private Node statusLine() {
            Label status = new Label();
            status.setId("entity-status");
            status.getStyleClass().add(Styles.TEXT_MUTED);
            status.textProperty().bind(model.statusProperty());
            Label error = new Label();
            error.setId("entity-error");
            error.getStyleClass().add(Styles.DANGER);
            error.setWrapText(true);
            error.textProperty().bind(model.loadErrorProperty());
            HBox line = new HBox(12, status, error);
            line.managedProperty().bind(model.statusProperty().isNotEmpty().or(model.loadErrorProperty().isNotEmpty()));
            return line;
        }

        private Button button(String id, String textKey, AppIcon icon, Runnable action) {
            Button button = new Button(textKey == null ? null : messages.get(textKey), icon.node());
            button.setId(id);
            button.setOnAction(e -> action.run());
            return button;
        }

        private TableColumn<ObjectNode, String> textColumn(Column column) {
            TableColumn<ObjectNode, String> col = new TableColumn<>(column.title());
            col.setPrefWidth(column.width());
            col.setCellValueFactory(cell -> new SimpleStringProperty(column.text().apply(cell.getValue())));
            if (column.graphic() != null) {
                // Badges (icon and word) do not shrink well; keep their column at its width.
                col.setMinWidth(column.width());
                col.setCellFactory(c -> new TableCell<>() {
                    @Override
                    protected void updateItem(String text, boolean empty) {
                        super.updateItem(text, empty);
                        ObjectNode row = empty || getTableRow() == null ? null : getTableRow().getItem();
                        setText(null);
                        setGraphic(row == null ? null : column.graphic().apply(row));
                    }
                });
            }
            return col;
        }

        private TableColumn<ObjectNode, ObjectNode> tagsColumn() {
            TableColumn<ObjectNode, ObjectNode> col = new TableColumn<>(messages.get("column.tags"));
            col.setPrefWidth(160);
            col.setSortable(false);
            col.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
            col.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(ObjectNode row, boolean empty) {
                    super.updateItem(row, empty);
                    setText(null);
                    setGraphic(empty || row == null ? null : tagChips(Rows.list(row, "tags")));
                }
            });
            return col;
        }

        /** Tags as chips; clicking one filters the table to that tag. */
        private Node tagChips(List<String> tags) {
            FlowPane chips = new FlowPane(4, 4);
            chips.setAlignment(Pos.CENTER_LEFT);
            for (String tag : tags) {
                Label chip = new Label(tag);
                chip.getStyleClass().add("tag-chip");
                chip.setOnMouseClicked(e -> model.filterProperty().set(tag));
                chips.getChildren().add(chip);
            }
            return chips;
        }

        void refresh() {
            table.refresh();
            if (model.formProperty().get() == null) {
                showSide();
            }
        }

        private void showSide() {
            SchemaFormModel form = model.formProperty().get();
            ObjectNode selected = model.selectedProperty().get();
            if (form != null) {
                side.getChildren().setAll(formPanel(form));
            } else if (selected != null) {
                side.getChildren().setAll(detailPanel(selected));
            } else {
                Label hint = new Label(messages.get("entity.select.hint", model.noun()));
                hint.getStyleClass().add(Styles.TEXT_MUTED);
                hint.setWrapText(true);
                side.getChildren().setAll(hint);
            }
        }

        private List<Node> formPanel(SchemaFormModel form) {
            Label title = new Label(model.formTitle());
            title.getStyleClass().add(Styles.TITLE_3);
            title.setId("form-title");
            Button save = new Button(messages.get("action.save"), AppIcon.SAVE.node());
            save.setId("form-save");
            save.getStyleClass().add(Styles.ACCENT);
            save.setDefaultButton(true);
            save.disableProperty().bind(model.savingProperty());
            save.setOnAction(e -> model.submit());
            Button cancel = new Button(messages.get("action.cancel"));
            cancel.setId("form-cancel");
            cancel.setCancelButton(true);
            cancel.setOnAction(e -> model.cancelEdit());
            // Save and Cancel sit beside the title, so a long form never hides them (Enter and Esc work too).
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox header = new HBox(8, title, gap, save, cancel);
            header.setAlignment(Pos.CENTER_LEFT);
            SchemaFormView view = new SchemaFormView(form, messages);
            // Typing starts in the first field, so a form can be filled and saved without the mouse.
            javafx.application.Platform.runLater(view::focusFirstInput);
            return List.of(header, view);
        }

        private List<Node> detailPanel(ObjectNode selected) {
            Label title = new Label(Rows.label(selected));
            title.getStyleClass().add(Styles.TITLE_3);
            title.setId("detail-title");
            Button edit = new Button(messages.get("action.edit"), AppIcon.EDIT.node());
            edit.setId("edit");
            edit.setOnAction(e -> model.startEdit());
            Button delete = new Button(messages.get("action.delete"), AppIcon.DELETE.node());
            delete.setId("delete");
            delete.getStyleClass().add(Styles.DANGER);
            delete.setOnAction(e -> model.delete(List.of(selected)));
            HBox actions = new HBox(8, edit, delete);
            Label id = new Label(Rows.text(selected, "id"));
            id.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL, "monospace");
            return List.of(title, id, actions, details.apply(selected));
        }
    }
}
