package dev.gatehouse.app.pages.traffic;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.EmptyStateView;
import dev.gatehouse.app.page.PageView;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.Outcome;
import dev.gatehouse.app.traffic.TrafficEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Live traffic page: a toolbar (a place for the watch controls, the buffer's fill and drops; the filters,
 * pause and follow), the request log, and the selected entry's every field beside it.
 */
public final class TrafficView extends PageView {

    /** Where the watch controls go (they belong to the remote watches); empty until they are placed. */
    public static final String WATCH_SLOT_ID = "traffic-watch-slot";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final HBox watchSlot;

    public TrafficView(TrafficViewModel model, Messages messages) {
        this(model, messages, new Content(model, messages));
    }

    private TrafficView(TrafficViewModel model, Messages messages, Content content) {
        super(model, content);
        this.watchSlot = content.watchSlot;
    }

    /** Where the watch controls go, left of the watch state in the toolbar ({@code #traffic-watch-slot}). */
    public HBox watchSlot() {
        return watchSlot;
    }

    private static final class Content extends StackPane {

        private final TrafficViewModel model;
        private final Messages messages;
        private final TableView<TrafficRow> table = new TableView<>();
        private boolean scrollPending;
        private final HBox watchSlot = new HBox(8);

        Content(TrafficViewModel model, Messages messages) {
            this.model = model;
            this.messages = messages;
            buildTable();
            TextArea details = new TextArea();
            details.setId("traffic-details");
            details.setEditable(false);
            details.setWrapText(false);
            details.getStyleClass().add("traffic-details");
            details.textProperty().bind(model.detailsProperty());
            details.setPromptText(messages.get("traffic.details.none"));
            // the details below the table: the log keeps the page's full width for its columns
            SplitPane split = new SplitPane(table, details);
            split.setOrientation(Orientation.VERTICAL);
            split.setDividerPositions(0.62);
            SplitPane.setResizableWithParent(details, false);
            VBox.setVgrow(split, Priority.ALWAYS);

            VBox main = new VBox(8, statusBar(), filterBar(), split);
            main.visibleProperty().bind(model.requirementMetBinding());
            EmptyStateView empty = new EmptyStateView(model, messages);
            empty.visibleProperty().bind(model.requirementMetBinding().not());
            getChildren().addAll(main, empty);
        }

        /** The watch controls' place on the left, the buffer on the right. */
        private HBox statusBar() {
            watchSlot.setId(WATCH_SLOT_ID);
            watchSlot.setAlignment(Pos.CENTER_LEFT);
            Label watching = new Label();
            watching.setId("traffic-watch-state");
            watching.getStyleClass().add(Styles.TEXT_MUTED);
            watching.textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> watchText(model.watchStateProperty().get()), model.watchStateProperty()));
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            Label buffer = new Label();
            buffer.setId("traffic-buffer");
            buffer.getStyleClass().add(Styles.TEXT_MUTED);
            buffer.textProperty().bind(model.bufferProperty());
            buffer.setMinWidth(Region.USE_PREF_SIZE); // the drop count is the figure that must never be cut off
            HBox bar = new HBox(12, watchSlot, watching, spacer, pauseButton(), followButton(), buffer);
            bar.setAlignment(Pos.CENTER_LEFT);
            bar.getStyleClass().add("traffic-status-bar");
            return bar;
        }

        private String watchText(LiveTraffic.State state) {
            return switch (state) {
                case IDLE -> messages.get("traffic.watch.idle");
                case STARTING -> messages.get("traffic.watch.starting");
                case WATCHING -> messages.get("traffic.watch.watching");
                case FAILED -> messages.get("traffic.watch.failed");
            };
        }

        private HBox filterBar() {
            ComboBox<StatusFilter> status = new ComboBox<>();
            status.setId("traffic-filter-status");
            status.getItems().setAll(StatusFilter.values());
            status.setConverter(new StringConverter<>() {
                @Override
                public String toString(StatusFilter filter) {
                    return filter == null ? "" : model.statusFilterText(filter);
                }

                @Override
                public StatusFilter fromString(String text) {
                    return null;
                }
            });
            status.valueProperty().bindBidirectional(model.statusProperty());
            ComboBox<String> consumer =
                    choice("traffic-filter-consumer", model.consumers(), messages.get("traffic.filter.consumer.all"));
            consumer.valueProperty().bindBidirectional(model.consumerProperty());
            ComboBox<String> route =
                    choice("traffic-filter-route", model.routes(), messages.get("traffic.filter.route.all"));
            route.valueProperty().bindBidirectional(model.routeProperty());
            ComboBox<String> service =
                    choice("traffic-filter-service", model.services(), messages.get("traffic.filter.service.all"));
            service.valueProperty().bindBidirectional(model.serviceProperty());
            CustomTextField text = new CustomTextField();
            text.setId("traffic-filter-text");
            text.setPromptText(messages.get("traffic.filter.text"));
            text.textProperty().bindBidirectional(model.textProperty());
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMinWidth(160);
            text.setMaxWidth(360);
            CheckBox meshHops = new CheckBox(messages.get("traffic.filter.mesh.hops"));
            meshHops.setId("traffic-filter-mesh-hops");
            meshHops.selectedProperty().bindBidirectional(model.meshHopsProperty());
            meshHops.setMinWidth(Region.USE_PREF_SIZE);

            HBox bar = new HBox(8, status, consumer, route, service, text, meshHops);
            bar.setAlignment(Pos.CENTER_LEFT);
            bar.getStyleClass().add("traffic-filter-bar");
            return bar;
        }

        private ToggleButton pauseButton() {
            ToggleButton pause = new ToggleButton();
            pause.setId("traffic-pause");
            pause.setMinWidth(Region.USE_PREF_SIZE);
            pause.selectedProperty().bindBidirectional(model.pausedProperty());
            pause.textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> model.pausedProperty().get()
                                    ? messages.get(
                                            "traffic.resume",
                                            model.waitingCountProperty().get())
                                    : messages.get("traffic.pause"),
                            model.pausedProperty(),
                            model.waitingCountProperty()));
            return pause;
        }

        private ToggleButton followButton() {
            ToggleButton follow = new ToggleButton(messages.get("traffic.follow"));
            follow.setId("traffic-follow");
            follow.setMinWidth(Region.USE_PREF_SIZE);
            follow.selectedProperty().bindBidirectional(model.followProperty());
            return follow;
        }

        /** A choice among the values seen so far; "" reads as {@code anyText}. */
        private static ComboBox<String> choice(
                String id, javafx.collections.ObservableList<String> items, String anyText) {
            ComboBox<String> box = new ComboBox<>(items);
            box.setId(id);
            box.setValue(TrafficViewModel.ANY);
            box.setButtonCell(new ListCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    // no value (the list was just refilled) reads as "any", as the model takes it
                    setText(item == null || item.isEmpty() ? anyText : item);
                }
            });
            box.setCellFactory(list -> anyCell(anyText));
            box.setPrefWidth(140);
            return box;
        }

        private static ListCell<String> anyCell(String anyText) {
            return new ListCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null : item.isEmpty() ? anyText : item);
                }
            };
        }

        private void buildTable() {
            table.setId("traffic-table");
            table.setItems(model.rows());
            table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
            table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            table.getColumns()
                    .addAll(java.util.List.of(
                            column(
                                    "traffic.column.time",
                                    126,
                                    r -> TIME.format(r.event().time())),
                            column("traffic.column.source", 128, model::sourceText),
                            column("traffic.column.route", 90, r -> r.event().route()),
                            column("traffic.column.service", 90, r -> r.event().destination()),
                            column("traffic.column.method", 78, r -> r.event().method()),
                            column("traffic.column.path", 140, r -> r.event().path()),
                            statusColumn(),
                            column("traffic.column.latency", 82, r -> latency(r.event())),
                            hopsColumn()));
            Label placeholder = new Label();
            placeholder.setId("traffic-placeholder");
            placeholder.setWrapText(true);
            placeholder
                    .textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> model.watchStateProperty().get() == LiveTraffic.State.WATCHING
                                    ? messages.get("traffic.none.watching")
                                    : messages.get("traffic.none.idle"),
                            model.watchStateProperty()));
            table.setPlaceholder(placeholder);
            table.getSelectionModel()
                    .selectedItemProperty()
                    .addListener((obs, old, now) -> model.selectedProperty().set(now));
            model.selectedProperty().addListener((obs, old, now) -> {
                if (now == null) {
                    table.getSelectionModel().clearSelection();
                } else if (table.getSelectionModel().getSelectedItem() != now) {
                    table.getSelectionModel().select(now);
                }
            });
            // once per batch (the feed batches per frame): keep the newest row in view while following
            model.rows().addListener((ListChangeListener<TrafficRow>) change -> scrollToNewestLater());
            model.followProperty().addListener((obs, was, now) -> scrollToNewestLater());
        }

        /**
         * Scrolls to the newest row after the table has taken in the change (its skin hears the list after this
         * view does, so scrolling at once would stop at the previous last row); at most once per pulse.
         */
        private void scrollToNewestLater() {
            if (scrollPending || !model.followProperty().get()) {
                return;
            }
            scrollPending = true;
            Platform.runLater(() -> {
                scrollPending = false;
                if (model.followProperty().get() && !model.rows().isEmpty()) {
                    table.scrollTo(model.rows().size() - 1);
                }
            });
        }

        private TableColumn<TrafficRow, String> column(String key, double width, Function<TrafficRow, String> value) {
            TableColumn<TrafficRow, String> col = new TableColumn<>(messages.get(key));
            col.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
            col.setPrefWidth(width);
            col.setMinWidth(width);
            // sorting 100,000 rows every frame is what the table must never do: the log is in arrival order
            col.setSortable(false);
            return col;
        }

        private TableColumn<TrafficRow, String> statusColumn() {
            TableColumn<TrafficRow, String> col = column("traffic.column.status", 76, model::statusText);
            col.setCellFactory(c -> new StatusCell());
            return col;
        }

        /**
         * The status, coloured by outcome. The colour is a pseudo-class, not a style class: cells are reused for
         * other rows many times a second while traffic flows, and a style class change makes JavaFX match the
         * cell's styles anew, where a pseudo-class only switches between styles already matched.
         */
        private static final class StatusCell extends TableCell<TrafficRow, String> {
            private Outcome shown;

            StatusCell() {
                getStyleClass().add("traffic-status-cell");
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                TrafficRow row =
                        empty || getTableRow() == null ? null : getTableRow().getItem();
                Outcome outcome = row == null
                        ? null
                        : row.meshDenied() ? Outcome.MESH_DENIED : row.event().outcome();
                setText(outcome == null ? null : item);
                if (outcome != shown) {
                    if (shown != null) {
                        pseudoClassStateChanged(OUTCOME_STATES.get(shown), false);
                    }
                    if (outcome != null) {
                        pseudoClassStateChanged(OUTCOME_STATES.get(outcome), true);
                    }
                    shown = outcome;
                }
            }
        }

        private TableColumn<TrafficRow, String> hopsColumn() {
            TableColumn<TrafficRow, String> col = new TableColumn<>(messages.get("traffic.column.hops"));
            col.setCellValueFactory(cell -> cell.getValue().hopsTextProperty());
            col.setPrefWidth(240);
            col.setMinWidth(160);
            col.setSortable(false);
            return col;
        }

        /** {@code :success}, {@code :auth-denied}, {@code :client-error}, {@code :server-error}, {@code :mesh-denied}. */
        private static final java.util.Map<Outcome, PseudoClass> OUTCOME_STATES = java.util.Arrays.stream(
                        Outcome.values())
                .collect(java.util.stream.Collectors.toMap(
                        o -> o,
                        o -> PseudoClass.getPseudoClass(
                                o.name().toLowerCase(Locale.ROOT).replace('_', '-')),
                        (a, b) -> a,
                        () -> new java.util.EnumMap<>(Outcome.class)));

        private static String latency(TrafficEvent e) {
            double ms = e.latencyMillis();
            return ms >= 10 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
        }
    }
}
