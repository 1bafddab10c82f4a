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
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * The layout every gateway page shares: a toolbar (filter, count, bulk actions, New), a virtualised sortable
 * table with multi-select, and a side panel with the selected entity's details or the create/edit form. The table
 * comes first: its columns are as wide as what they show (never narrower than their heading), and the side panel
 * is there only while something is selected or a form is open. When the gateway is not reachable, the page's empty
 * state takes the place of all of it.
 */
public class EntityPageView extends PageView {

    /**
     * One table column: title, the widest it grows to from its content, the text of a row (also its sort key, and
     * what its width is measured from), and optionally a graphic drawn instead of that text.
     */
    public record Column(
            String title, double width, Function<ObjectNode, String> text, Function<ObjectNode, Node> graphic) {

        public Column(String title, double width, Function<ObjectNode, String> text) {
            this(title, width, text, null);
        }
    }

    /** A column of tags, drawn as chips that filter the table when clicked. */
    public static final String TAGS = "\u0000tags";

    /** The side panel's narrowest and its usual widest, and the narrowest the table gets beside it. */
    private static final double SIDE_MIN = 340;

    private static final double SIDE_PREF = 480;
    private static final double SIDE_FORM = 460;
    private static final double TABLE_MIN = 320;
    /** What a cell and a heading add to their text: padding, and the heading's sort arrow. */
    private static final double CELL_EXTRA = 28;

    private static final double HEADER_EXTRA = 34;
    /** What a badge adds to its word: its icon and the gap. */
    private static final double BADGE_EXTRA = 24;

    private static final double TAGS_MAX = 240;
    /** Up to this width a column keeps its content whole rather than shrink (then the table scrolls sideways). */
    private static final double READABLE_MIN = 140;
    /** The filter's narrowest; below this toolbar width, buttons show only their icons. */
    private static final double FILTER_MIN = 200;

    private static final double COMPACT_TOOLBAR = 1000;
    /** How many rows column widths are measured on; enough to find the wide ones among thousands. */
    private static final int SAMPLE = 600;

    public EntityPageView(
            EntityPageViewModel model,
            Messages messages,
            List<Column> columns,
            Function<ObjectNode, Node> details,
            Node... toolbarExtras) {
        super(model, new Content(model, messages, columns, details, toolbarExtras));
        addToHeader(new KongLoadedView(model.loaded(), messages));
    }

    /**
     * Redraws the table and the side panel when data that cells show (but rows do not hold) arrives later. A value
     * that is reloaded unchanged (the page follows the gateway every few seconds) redraws nothing, so the side panel
     * keeps its focus and what was typed into it.
     */
    protected final void refreshWhen(javafx.beans.Observable... sources) {
        for (javafx.beans.Observable source : sources) {
            if (source instanceof javafx.beans.value.ObservableValue<?> value) {
                value.addListener((obs, old, now) -> ((Content) getCenter()).refresh());
            } else {
                source.addListener(o -> ((Content) getCenter()).refresh());
            }
        }
    }

    /**
     * Redraws only the table when data its cells show changes often while the side panel holds its own live view of
     * it (an upstream's health, polled): the side panel keeps its focus and what is being typed.
     */
    protected final void refreshTableWhen(javafx.beans.Observable... sources) {
        for (javafx.beans.Observable source : sources) {
            source.addListener(o -> ((Content) getCenter()).refreshTable());
        }
    }

    private static final class Content extends StackPane {

        private final EntityPageViewModel model;
        private final Messages messages;
        private final Function<ObjectNode, Node> details;
        private final VBox side = new VBox(12);
        private final TableView<ObjectNode> table = new TableView<>();
        private final List<Column> columns;
        private final SplitPane split = new SplitPane();
        private final ScrollPane sideScroll = new ScrollPane(side);
        /** A form's title, Save and Cancel, above the scrolling form: scrolled to an error, they stay in sight. */
        private final VBox sideHeader = new VBox();

        private final VBox sideColumn = new VBox(sideHeader, sideScroll);
        /** The side panel's width when last shown, so a width the user dragged it to is kept. */
        private double sideWidth = -1;

        private boolean sizingPending;
        /** Each column's width from its content, before fitting to the table. */
        private final java.util.Map<TableColumn<ObjectNode, ?>, Double> contentWidths = new java.util.HashMap<>();

        Content(
                EntityPageViewModel model,
                Messages messages,
                List<Column> columns,
                Function<ObjectNode, Node> details,
                Node[] toolbarExtras) {
            this.model = model;
            this.messages = messages;
            this.details = details;
            this.columns = List.copyOf(columns);

            SortedList<ObjectNode> sorted = new SortedList<>(model.filtered());
            sorted.comparatorProperty().bind(table.comparatorProperty());
            table.setItems(sorted);
            table.setId("table");
            table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
            // Widths are set from content and fitted to the table here (sizeColumns, fitColumns), not by a policy.
            table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
            table.widthProperty().addListener((obs, old, now) -> fitColumns());
            table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
            for (Column column : columns) {
                table.getColumns().add(column.title().equals(TAGS) ? tagsColumn() : textColumn(column));
            }
            // Sorted by name until the user picks another column: Kong lists in id order, which means nothing to
            // people.
            table.getSortOrder().add(table.getColumns().get(0));
            Label placeholder = new Label();
            placeholder.setId("table-placeholder");
            placeholder
                    .textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> model.loadingProperty().get()
                                    ? messages.get("entity.loading")
                                    : model.items().isEmpty()
                                            ? messages.get("entity.none", model.noun())
                                            : messages.get("entity.no.match"),
                            model.loadingProperty(),
                            model.items(),
                            model.filterProperty()));
            table.setPlaceholder(placeholder);
            table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
                if (now != null) {
                    model.selectedProperty().set(now);
                }
            });
            model.selectedProperty().addListener((obs, old, now) -> {
                if (now != null
                        && table.getSelectionModel().getSelectedItems().size() <= 1
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
            sideHeader.getStyleClass().addAll("side-panel", "side-header");
            sideHeader.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(sideHeader.getChildren()));
            sideHeader.managedProperty().bind(sideHeader.visibleProperty());
            sideScroll.setFitToWidth(true);
            sideScroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
            VBox.setVgrow(sideScroll, Priority.ALWAYS);
            // the form scrolls, its header does not shrink (a long title keeps wrapping instead of being cut)
            sideHeader.setMinHeight(Region.USE_PREF_SIZE);
            sideScroll.setMinHeight(0);
            sideScroll.setPrefHeight(0);
            sideColumn.setMinWidth(SIDE_MIN);
            table.setMinWidth(TABLE_MIN);
            split.getItems().add(table);
            split.setOrientation(Orientation.HORIZONTAL);
            // A wider window widens the table; the side panel keeps its width.
            SplitPane.setResizableWithParent(sideColumn, false);
            VBox.setVgrow(split, Priority.ALWAYS);
            // Columns follow what they show: when rows arrive, and when the names cells show arrive.
            model.items().addListener((javafx.collections.ListChangeListener<ObjectNode>) c -> sizeColumnsLater());

            VBox main = new VBox(10, toolbar(toolbarExtras), statusLine(), split);
            var offered = model.unavailableProperty().isEmpty();
            main.visibleProperty().bind(model.requirementMetBinding().and(offered));
            EmptyStateView empty = new EmptyStateView(model, messages);
            empty.visibleProperty().bind(model.requirementMetBinding().not());
            getChildren().addAll(main, empty, unavailable(offered));
            showSide();
        }

        /** Said in place of the page when the connection does not offer its kind of entity: no table, no spinner. */
        private Node unavailable(javafx.beans.binding.BooleanBinding offered) {
            Label sentence = new Label();
            sentence.setId("entity-unavailable");
            sentence.setGraphic(AppIcon.ABSENT.node());
            sentence.getStyleClass().add(Styles.TITLE_4);
            sentence.setWrapText(true);
            sentence.setMaxWidth(640);
            sentence.textProperty().bind(model.unavailableProperty());
            Label reason = new Label();
            reason.setId("entity-unavailable-reason");
            reason.getStyleClass().add(Styles.TEXT_MUTED);
            reason.setWrapText(true);
            reason.setMaxWidth(640);
            reason.textProperty().bind(model.unavailableReasonProperty());
            VBox box = new VBox(8, sentence, reason);
            box.setAlignment(Pos.CENTER);
            box.setPadding(new javafx.geometry.Insets(24));
            box.visibleProperty().bind(model.requirementMetBinding().and(offered.not()));
            return box;
        }

        private Node toolbar(Node[] extras) {
            CustomTextField filter = new CustomTextField();
            filter.setId("filter");
            filter.setPromptText(messages.get("entity.filter.prompt"));
            filter.setLeft(AppIcon.SEARCH.node());
            // Wide enough for its whole placeholder, which says what the filter looks in.
            filter.setPrefColumnCount(26);
            filter.setMinWidth(FILTER_MIN);
            filter.textProperty().bindBidirectional(model.filterProperty());

            Label count = new Label();
            count.setId("count");
            count.getStyleClass().add(Styles.TEXT_MUTED);
            count.textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> model.filtered().size() == model.items().size()
                                    ? messages.get("entity.count", model.items().size())
                                    : messages.get(
                                            "entity.count.filtered",
                                            model.filtered().size(),
                                            model.items().size()),
                            model.filtered(),
                            model.items()));

            ProgressIndicator spinner = new ProgressIndicator();
            spinner.setPrefSize(18, 18);
            spinner.visibleProperty().bind(model.loadingProperty());

            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            var selection = table.getSelectionModel().getSelectedItems();
            var none = Bindings.isEmpty(selection);
            Button tags = button(
                    "bulk-tags",
                    "entity.action.tags",
                    AppIcon.TAG,
                    () -> model.dialogs()
                            .askTagChange(
                                    messages.get("entity.tags.title", selection.size(), model.noun()), model.allTags())
                            .ifPresent(
                                    change -> model.editTags(List.copyOf(selection), change.add(), change.remove())));
            tags.disableProperty().bind(none);
            Button delete =
                    button("bulk-delete", "action.delete", AppIcon.DELETE, () -> model.delete(List.copyOf(selection)));
            delete.disableProperty().bind(none);
            delete.textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> selection.size() > 1
                                    ? messages.get("entity.action.delete.n", selection.size())
                                    : messages.get("action.delete"),
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
            // On a narrow page the labelled buttons keep only their icons (and tooltips), so the filter keeps its room.
            List<javafx.scene.control.ButtonBase> compactable = new java.util.ArrayList<>(List.of(tags, delete));
            for (Node extra : extras) {
                if (extra instanceof javafx.scene.control.ButtonBase button) {
                    compactable.add(button);
                }
            }
            for (javafx.scene.control.ButtonBase button : compactable) {
                if (button.getTooltip() == null) {
                    Tooltip tip = new Tooltip();
                    tip.textProperty().bind(button.textProperty());
                    button.setTooltip(tip);
                }
            }
            bar.widthProperty().addListener((obs, old, now) -> {
                boolean compact = now.doubleValue() > 0 && now.doubleValue() < COMPACT_TOOLBAR;
                for (javafx.scene.control.ButtonBase button : compactable) {
                    button.setContentDisplay(
                            compact
                                    ? javafx.scene.control.ContentDisplay.GRAPHIC_ONLY
                                    : javafx.scene.control.ContentDisplay.LEFT);
                }
            });
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
            line.managedProperty()
                    .bind(model.statusProperty()
                            .isNotEmpty()
                            .or(model.loadErrorProperty().isNotEmpty()));
            return line;
        }

        private Button button(String id, String textKey, AppIcon icon, Runnable action) {
            Button button = new Button(textKey == null ? null : messages.get(textKey), icon.node());
            button.setId(id);
            button.setOnAction(e -> action.run());
            return button;
        }

        private TableColumn<ObjectNode, ?> textColumn(Column column) {
            if (column.graphic() != null) {
                return graphicColumn(column);
            }
            TableColumn<ObjectNode, String> col = new TableColumn<>(column.title());
            col.setPrefWidth(Math.min(column.width(), 120));
            col.setCellValueFactory(
                    cell -> new SimpleStringProperty(column.text().apply(cell.getValue())));
            col.setComparator(NaturalOrder.INSTANCE);
            return col;
        }

        /**
         * A column drawn as a graphic (a badge). Its cells hold the row itself, so a cell draws the badge of the row
         * it is given rather than reading its table row, whose item may not be updated yet while cells are.
         */
        private TableColumn<ObjectNode, ObjectNode> graphicColumn(Column column) {
            TableColumn<ObjectNode, ObjectNode> col = new TableColumn<>(column.title());
            col.setPrefWidth(Math.min(column.width(), 120));
            col.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
            col.setComparator(java.util.Comparator.comparing(column.text(), NaturalOrder.INSTANCE));
            col.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(ObjectNode row, boolean empty) {
                    super.updateItem(row, empty);
                    setText(null);
                    setGraphic(empty || row == null ? null : column.graphic().apply(row));
                }
            });
            return col;
        }

        /** Sizes the columns once per pulse, however many changes arrive in it (rows come page by page). */
        private void sizeColumnsLater() {
            if (!sizingPending) {
                sizingPending = true;
                javafx.application.Platform.runLater(() -> {
                    sizingPending = false;
                    sizeColumns();
                });
            }
        }

        /**
         * Each column as wide as its widest text (measured on up to {@link #SAMPLE} rows), between its heading's
         * width and the column's own maximum; its minimum is the heading's width, or its content's up to
         * {@link #READABLE_MIN}, so neither a heading nor a short name is ever cut.
         * Badge columns are as wide as their widest badge and do not shrink. What is left goes to the last column;
         * when the minimums do not fit, the table scrolls sideways rather than cut every column.
         */
        private void sizeColumns() {
            Font font = cellFont();
            Font bold = Font.font(font.getFamily(), FontWeight.BOLD, font.getSize());
            List<ObjectNode> rows = sample(model.items());
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                TableColumn<ObjectNode, ?> col = table.getColumns().get(i);
                double heading = textWidth(col.getText(), bold) + HEADER_EXTRA;
                double widest = 0;
                for (ObjectNode row : rows) {
                    widest = Math.max(
                            widest,
                            column.title().equals(TAGS)
                                    ? tagsWidth(row, font)
                                    : textWidth(column.text().apply(row), font)
                                            + (column.graphic() == null ? 0 : BADGE_EXTRA));
                }
                double max = column.title().equals(TAGS) ? TAGS_MAX : Math.max(column.width(), heading);
                double width = Math.clamp(widest + CELL_EXTRA, heading, Math.max(heading, max));
                contentWidths.put(col, width);
                // Short values (names, paths) stay whole even when the table is narrow; long ones may be cut.
                col.setMinWidth(column.graphic() == null ? Math.max(heading, Math.min(width, READABLE_MIN)) : width);
            }
            fitColumns();
        }

        /**
         * Fits the content widths to the table: room to spare goes to the last column; when there is too little,
         * columns wider than their minimum give up width in proportion, and only when even the minimums do not fit
         * does the table scroll sideways.
         */
        private void fitColumns() {
            if (contentWidths.isEmpty() || table.getWidth() <= 0) {
                return;
            }
            // The vertical scroll bar and the table's border take their share.
            double available = table.getWidth() - 18;
            List<TableColumn<ObjectNode, ?>> cols = table.getColumns();
            double wanted = 0;
            double slack = 0;
            for (TableColumn<ObjectNode, ?> col : cols) {
                double width = contentWidths.getOrDefault(col, col.getPrefWidth());
                wanted += width;
                slack += width - col.getMinWidth();
            }
            double shrink = wanted <= available || slack <= 0 ? 0 : Math.min(1, (wanted - available) / slack);
            double used = 0;
            for (TableColumn<ObjectNode, ?> col : cols) {
                double width = contentWidths.getOrDefault(col, col.getPrefWidth());
                double fitted = width - (width - col.getMinWidth()) * shrink;
                col.setPrefWidth(Math.floor(fitted));
                used += Math.floor(fitted);
            }
            TableColumn<ObjectNode, ?> last = cols.get(cols.size() - 1);
            if (used < available) {
                last.setPrefWidth(last.getPrefWidth() + available - used);
            }
        }

        private static List<ObjectNode> sample(List<ObjectNode> rows) {
            if (rows.size() <= SAMPLE) {
                return List.copyOf(rows);
            }
            List<ObjectNode> sample = new java.util.ArrayList<>(SAMPLE);
            double step = rows.size() / (double) SAMPLE;
            for (int i = 0; i < SAMPLE; i++) {
                sample.add(rows.get((int) (i * step)));
            }
            return sample;
        }

        private static double tagsWidth(ObjectNode row, Font font) {
            double width = 0;
            for (String tag : Rows.list(row, "tags")) {
                width += textWidth(tag, font) * 0.85 + 20;
            }
            return width;
        }

        /** The font table cells are drawn in (the theme's), read from the table once it is styled. */
        private Font cellFont() {
            Node cell = table.lookup(".table-row-cell .table-cell");
            return cell instanceof javafx.scene.control.Labeled labeled ? labeled.getFont() : Font.getDefault();
        }

        private static double textWidth(String text, Font font) {
            if (text == null || text.isEmpty()) {
                return 0;
            }
            Text measure = new Text(text);
            measure.setFont(font);
            return Math.ceil(measure.getLayoutBounds().getWidth());
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

        void refreshTable() {
            table.refresh();
            sizeColumnsLater();
        }

        void refresh() {
            table.refresh();
            sizeColumnsLater();
            if (model.formProperty().get() == null) {
                showSide();
            }
        }

        private void showSide() {
            SchemaFormModel form = model.formProperty().get();
            ObjectNode selected = model.selectedProperty().get();
            if (form != null) {
                List<Node> panel = formPanel(form);
                sideHeader.getChildren().setAll(panel.get(0));
                side.getChildren().setAll(panel.subList(1, panel.size()));
            } else if (selected != null) {
                sideHeader.getChildren().clear();
                side.getChildren().setAll(detailPanel(selected));
            } else {
                sideHeader.getChildren().clear();
                side.getChildren().clear();
            }
            placeSide(form != null || selected != null);
            if (form != null) {
                widenSideTo(SIDE_FORM);
            }
        }

        /** Gives the side panel at least {@code width} (a form needs more than details), if the table keeps its least. */
        private void widenSideTo(double width) {
            double total = split.getWidth();
            if (total <= 0 || split.getDividers().isEmpty()) {
                return;
            }
            double side = total * (1 - split.getDividerPositions()[0]);
            double wanted = Math.min(width, total - TABLE_MIN);
            if (side < wanted) {
                split.setDividerPositions(1 - wanted / total);
            }
        }

        /** Puts the side panel beside the table while it has something to show, and away when it has not. */
        private void placeSide(boolean shown) {
            boolean showing = split.getItems().contains(sideColumn);
            if (shown && !showing) {
                split.getItems().add(sideColumn);
                double width = split.getWidth();
                double wanted = sideWidth > 0 ? sideWidth : Math.clamp(width * 0.4, SIDE_MIN, SIDE_PREF);
                split.setDividerPositions(width <= 0 ? 0.6 : Math.max(0.3, 1 - wanted / width));
            } else if (!shown && showing) {
                sideWidth = sideColumn.getWidth();
                split.getItems().remove(sideColumn);
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
            // Save and Cancel sit beside the title, above the scrolling form, so a long form never hides them (Enter
            // and Esc work too).
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            save.setMinWidth(Region.USE_PREF_SIZE);
            cancel.setMinWidth(Region.USE_PREF_SIZE);
            title.setWrapText(true);
            HBox header = new HBox(8, title, gap, save, cancel);
            header.setAlignment(Pos.CENTER_LEFT);
            SchemaFormView view = new SchemaFormView(form, messages);
            // Typing starts in the first field, so a form can be filled and saved without the mouse.
            javafx.application.Platform.runLater(view::focusFirstInput);
            return List.of(header, view);
        }

        private List<Node> detailPanel(ObjectNode selected) {
            Label title = new Label(model.label(selected));
            title.getStyleClass().add(Styles.TITLE_3);
            title.setId("detail-title");
            Button edit = new Button(messages.get("action.edit"), AppIcon.EDIT.node());
            edit.setId("edit");
            edit.setOnAction(e -> model.startEdit());
            Button delete = new Button(messages.get("action.delete"), AppIcon.DELETE.node());
            delete.setId("delete");
            delete.getStyleClass().add(Styles.DANGER);
            delete.setOnAction(e -> model.delete(List.of(selected)));
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            Button close = new Button(null, AppIcon.CLOSE.node());
            close.setId("detail-close");
            close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
            close.setTooltip(new Tooltip(messages.get("entity.action.close.details")));
            close.setAccessibleText(messages.get("entity.action.close.details"));
            close.setOnAction(e -> model.selectedProperty().set(null));
            HBox actions = new HBox(8, edit, delete, gap, close);
            actions.setAlignment(Pos.CENTER_LEFT);
            Label id = new Label(Rows.text(selected, "id"));
            id.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL, "monospace");
            return List.of(title, id, actions, details.apply(selected));
        }
    }
}
