package dev.gatehouse.app.pages.dataplanes;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.EmptyStateView;
import dev.gatehouse.app.page.PageView;
import dev.gatehouse.app.pages.entities.DetailGrid;
import dev.gatehouse.app.pages.entities.NaturalOrder;
import dev.gatehouse.app.repository.mesh.DataplanePermissions;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * The Data planes page: a toolbar (filter, mesh, count, reload), the table of data planes, and beside it the
 * selected one's facts, the policies that apply to each of its inbounds, and a link to its node on the graph.
 */
public final class DataplanesView extends PageView {

    private static final double SIDE_MIN = 360;
    /** What a cell and a heading add to their text (padding, the sort arrow), and a badge (its icon). */
    private static final double CELL_EXTRA = 24;

    private static final double HEADER_EXTRA = 30;
    private static final double BADGE_EXTRA = 24;
    /** The widest a column grows from its content, and up to which width it keeps short values whole. */
    private static final double COLUMN_MAX = 320;

    private static final double READABLE_MIN = 110;
    /** How many rows the widths are measured on. */
    private static final int SAMPLE = 500;

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    public DataplanesView(DataplanesViewModel model, Messages messages) {
        super(model, new Content(model, messages));
    }

    private static final class Content extends StackPane {

        private final DataplanesViewModel model;
        private final Messages messages;
        private final TableView<DataplaneRow> table = new TableView<>();
        private final VBox side = new VBox(12);
        private final ScrollPane sideScroll = new ScrollPane(side);
        private final SplitPane split = new SplitPane(table);
        private final List<Measured> measured = new ArrayList<>();
        private final Map<TableColumn<DataplaneRow, ?>, Double> contentWidths = new HashMap<>();
        private boolean sizingPending;

        Content(DataplanesViewModel model, Messages messages) {
            this.model = model;
            this.messages = messages;
            buildTable();
            side.getStyleClass().add("side-panel");
            side.setId("dataplane-side");
            sideScroll.setFitToWidth(true);
            sideScroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
            sideScroll.setMinWidth(SIDE_MIN);
            SplitPane.setResizableWithParent(sideScroll, false);
            split.setOrientation(Orientation.HORIZONTAL);
            VBox.setVgrow(split, Priority.ALWAYS);

            model.selectedProperty().addListener((obs, old, now) -> {
                if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                    table.getSelectionModel().select(now);
                    table.scrollTo(now);
                } else if (now == null) {
                    table.getSelectionModel().clearSelection();
                }
                showSide();
            });
            model.permissionsProperty().addListener((obs, old, now) -> showSide());
            model.permissionsErrorProperty().addListener((obs, old, now) -> showSide());

            VBox main = new VBox(10, toolbar(), errorLine(), split);
            main.visibleProperty().bind(model.requirementMetBinding());
            EmptyStateView empty = new EmptyStateView(model, messages);
            empty.visibleProperty().bind(model.requirementMetBinding().not());
            getChildren().addAll(main, empty);
            showSide();
        }

        private void buildTable() {
            SortedList<DataplaneRow> sorted = new SortedList<>(model.filtered());
            sorted.comparatorProperty().bind(table.comparatorProperty());
            table.setItems(sorted);
            table.setId("dataplanes-table");
            table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
            // Widths come from what the columns show (sizeColumns); a narrow table scrolls sideways rather than cut.
            table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
            TableColumn<DataplaneRow, String> name = text(messages.get("column.name"), DataplaneRow::name);
            TableColumn<DataplaneRow, String> mesh = text(messages.get("column.mesh"), DataplaneRow::mesh);
            // One mesh (the usual case) needs no column saying so on every row.
            mesh.visibleProperty().bind(Bindings.size(model.meshes()).greaterThan(1));
            table.getColumns()
                    .addAll(List.of(
                            name,
                            mesh,
                            text(messages.get("column.mesh.services"), r -> String.join(", ", r.services())),
                            text(messages.get("column.kind"), model::kindWord),
                            badge(messages.get("column.status"), model::statusWord, this::statusBadge),
                            badge(messages.get("column.certificate"), model::certificateText, this::certificateBadge),
                            text(messages.get("column.address"), DataplaneRow::address),
                            text(
                                    messages.get("column.inbounds"),
                                    r -> String.join(
                                            ", ",
                                            r.inbounds().stream()
                                                    .map(DataplaneRow.Inbound::ports)
                                                    .toList())),
                            text(messages.get("column.outbounds"), r -> String.join(", ", r.outbounds()))));
            table.getSortOrder().add(name);
            Label placeholder = new Label();
            placeholder.setId("dataplanes-placeholder");
            placeholder
                    .textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> model.loadingProperty().get()
                                    ? messages.get("entity.loading")
                                    : model.items().isEmpty()
                                            ? messages.get("dataplane.none")
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
            model.items().addListener((ListChangeListener<DataplaneRow>) c -> sizeColumnsLater());
            model.meshes().addListener((ListChangeListener<String>) c -> sizeColumnsLater());
            table.widthProperty().addListener((obs, old, now) -> fitColumns());
        }

        private TableColumn<DataplaneRow, String> text(String title, Function<DataplaneRow, String> value) {
            TableColumn<DataplaneRow, String> col = new TableColumn<>(title);
            col.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
            col.setComparator(NaturalOrder.INSTANCE);
            measured.add(new Measured(col, value, 0));
            return col;
        }

        /** A column drawn as a badge; its cells hold the row, so each draws the badge of the row it is given. */
        private TableColumn<DataplaneRow, DataplaneRow> badge(
                String title, Function<DataplaneRow, String> text, Function<DataplaneRow, Node> graphic) {
            TableColumn<DataplaneRow, DataplaneRow> col = new TableColumn<>(title);
            col.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
            col.setComparator(Comparator.comparing(text, NaturalOrder.INSTANCE));
            col.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(DataplaneRow row, boolean empty) {
                    super.updateItem(row, empty);
                    setText(null);
                    setGraphic(empty || row == null ? null : graphic.apply(row));
                }
            });
            measured.add(new Measured(col, text, BADGE_EXTRA));
            return col;
        }

        /** A column with the text its width is measured on, and what a badge adds to it. */
        private record Measured(
                TableColumn<DataplaneRow, ?> column, Function<DataplaneRow, String> text, double extra) {}

        /** Sizes the columns once per pulse, however many changes arrive in it. */
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
         * Each column as wide as its widest text, never narrower than its heading, up to {@link #COLUMN_MAX}; its
         * minimum keeps short values whole ({@link #READABLE_MIN}), so a table beside the details scrolls sideways
         * rather than cut every column to three letters.
         */
        private void sizeColumns() {
            Node cell = table.lookup(".table-row-cell .table-cell");
            Font font = cell instanceof javafx.scene.control.Labeled labeled ? labeled.getFont() : Font.getDefault();
            Font bold = Font.font(font.getFamily(), FontWeight.BOLD, font.getSize());
            List<DataplaneRow> rows = model.items().stream().limit(SAMPLE).toList();
            for (Measured m : measured) {
                double heading = textWidth(m.column().getText(), bold) + HEADER_EXTRA;
                double widest = 0;
                for (DataplaneRow row : rows) {
                    widest = Math.max(widest, textWidth(m.text().apply(row), font) + m.extra());
                }
                double width = Math.clamp(widest + CELL_EXTRA, heading, Math.max(heading, COLUMN_MAX));
                contentWidths.put(m.column(), width);
                m.column().setMinWidth(Math.max(heading, Math.min(width, READABLE_MIN)));
            }
            fitColumns();
        }

        /** Content widths fitted to the table: room to spare goes to the last column, too little is scrolled. */
        private void fitColumns() {
            if (contentWidths.isEmpty() || table.getWidth() <= 0) {
                return;
            }
            double available = table.getWidth() - 18;
            double used = 0;
            TableColumn<DataplaneRow, ?> last = null;
            for (TableColumn<DataplaneRow, ?> col : table.getColumns()) {
                if (!col.isVisible()) {
                    continue;
                }
                double width = Math.floor(contentWidths.getOrDefault(col, col.getPrefWidth()));
                col.setPrefWidth(width);
                used += width;
                last = col;
            }
            if (last != null && used < available) {
                last.setPrefWidth(last.getPrefWidth() + available - used);
            }
        }

        private static double textWidth(String text, Font font) {
            if (text == null || text.isEmpty()) {
                return 0;
            }
            Text measure = new Text(text);
            measure.setFont(font);
            return Math.ceil(measure.getLayoutBounds().getWidth());
        }

        /** A check and "Online", or a warning and "Offline": never colour alone. */
        private Node statusBadge(DataplaneRow row) {
            Label badge = new Label(model.statusWord(row), (row.online() ? AppIcon.HEALTHY : AppIcon.UNHEALTHY).node());
            badge.getStyleClass().add(row.online() ? "dataplane-online" : "dataplane-offline");
            return badge;
        }

        private Node certificateBadge(DataplaneRow row) {
            Label badge = new Label(
                    model.certificateText(row), (row.certificate().isPresent() ? AppIcon.LOCK : AppIcon.UNLOCK).node());
            badge.getStyleClass()
                    .add(
                            row.certificate().isEmpty()
                                    ? "dataplane-cert-none"
                                    : model.certificateUrgent(row) ? "dataplane-cert-urgent" : "dataplane-cert-ok");
            return badge;
        }

        private Node toolbar() {
            CustomTextField filter = new CustomTextField();
            filter.setId("dataplanes-filter");
            filter.setPromptText(messages.get("dataplane.filter.prompt"));
            filter.setLeft(AppIcon.SEARCH.node());
            filter.setPrefColumnCount(26);
            filter.setMinWidth(200);
            filter.textProperty().bindBidirectional(model.filterProperty());

            ComboBox<String> mesh = new ComboBox<>();
            mesh.setId("dataplanes-mesh");
            mesh.setAccessibleText(messages.get("dataplane.mesh.choice"));
            mesh.setTooltip(new Tooltip(messages.get("dataplane.mesh.choice")));
            Runnable options = () -> {
                List<String> all = new java.util.ArrayList<>();
                all.add(DataplanesViewModel.ALL_MESHES);
                all.addAll(model.meshes());
                if (!mesh.getItems().equals(all)) {
                    mesh.getItems().setAll(all);
                }
                mesh.setValue(model.meshProperty().get());
            };
            model.meshes().addListener((ListChangeListener<String>) c -> options.run());
            options.run();
            mesh.setCellFactory(list -> meshCell());
            mesh.setButtonCell(meshCell());
            mesh.valueProperty().addListener((obs, old, now) -> {
                if (now != null) {
                    model.meshProperty().set(now);
                }
            });
            model.meshProperty().addListener((obs, old, now) -> mesh.setValue(now));

            Label count = new Label();
            count.setId("dataplanes-count");
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
            count.setMinWidth(Region.USE_PREF_SIZE);
            ProgressIndicator spinner = new ProgressIndicator();
            spinner.setPrefSize(18, 18);
            spinner.visibleProperty().bind(model.loadingProperty());
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            Button reload = new Button(null, AppIcon.REFRESH.node());
            reload.setId("dataplanes-reload");
            reload.getStyleClass().add(Styles.BUTTON_ICON);
            reload.setTooltip(new Tooltip(messages.get("dataplane.reload")));
            reload.setAccessibleText(messages.get("dataplane.reload"));
            reload.setOnAction(e -> model.reload());
            HBox bar = new HBox(8, filter, mesh, count, spinner, gap, reload);
            bar.setAlignment(Pos.CENTER_LEFT);
            bar.getStyleClass().add("entity-toolbar");
            return bar;
        }

        private ListCell<String> meshCell() {
            return new ListCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null : item.isEmpty() ? messages.get("dataplane.mesh.all") : item);
                }
            };
        }

        private Node errorLine() {
            Label error = new Label();
            error.setId("dataplanes-error");
            error.getStyleClass().add(Styles.DANGER);
            error.setWrapText(true);
            error.textProperty().bind(model.loadErrorProperty());
            error.managedProperty().bind(model.loadErrorProperty().isNotEmpty());
            error.visibleProperty().bind(model.loadErrorProperty().isNotEmpty());
            return error;
        }

        private void showSide() {
            DataplaneRow row = model.selectedProperty().get();
            boolean showing = split.getItems().contains(sideScroll);
            if (row == null) {
                side.getChildren().clear();
                if (showing) {
                    split.getItems().remove(sideScroll);
                }
                return;
            }
            side.getChildren().setAll(details(row));
            if (!showing) {
                split.getItems().add(sideScroll);
                double width = split.getWidth();
                split.setDividerPositions(
                        width <= 0 ? 0.6 : Math.max(0.35, 1 - Math.clamp(width * 0.4, SIDE_MIN, 520) / width));
            }
        }

        private List<Node> details(DataplaneRow row) {
            Label title = new Label(row.name());
            title.getStyleClass().add(Styles.TITLE_3);
            title.setId("dataplane-title");
            title.setWrapText(true);
            Button close = new Button(null, AppIcon.CLOSE.node());
            close.setId("dataplane-close");
            close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
            close.setTooltip(new Tooltip(messages.get("entity.action.close.details")));
            close.setAccessibleText(messages.get("entity.action.close.details"));
            close.setOnAction(e -> model.selectedProperty().set(null));
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox header = new HBox(8, title, gap, close);
            header.setAlignment(Pos.CENTER_LEFT);

            Hyperlink graph = new Hyperlink(messages.get("dataplane.show.on.graph"), AppIcon.TOPOLOGY.node());
            graph.setId("dataplane-show-on-graph");
            graph.setDisable(row.primaryService().isEmpty());
            graph.setOnAction(e -> model.showOnGraph(row));

            DetailGrid grid = new DetailGrid()
                    .add(messages.get("column.mesh"), row.mesh())
                    .add(messages.get("column.mesh.services"), String.join(", ", row.services()))
                    .add(messages.get("column.address"), row.address())
                    .add(messages.get("column.kind"), model.kindDetail(row))
                    .add(messages.get("column.status"), statusBadge(row))
                    .add(
                            messages.get("column.inbounds"),
                            String.join(
                                    "\n",
                                    row.inbounds().stream()
                                            .map(DataplaneRow.Inbound::text)
                                            .toList()))
                    .add(messages.get("column.outbounds"), String.join("\n", row.outbounds()))
                    .add(messages.get("column.certificate"), certificateBadge(row));
            row.certificate()
                    .ifPresent(cert -> grid.add(messages.get("dataplane.cert.valid.until"), WHEN.format(cert.expires()))
                            .add(messages.get("dataplane.cert.backend"), cert.backend())
                            .add(messages.get("dataplane.cert.regenerations"), String.valueOf(cert.regenerations())));

            Label policiesTitle = new Label(messages.get("dataplane.policies.title"));
            policiesTitle.getStyleClass().add(Styles.TITLE_4);
            VBox policies = new VBox(10);
            policies.setId("dataplane-policies");
            DataplanePermissions permissions = model.permissionsProperty().get();
            String error = model.permissionsErrorProperty().get();
            if (!error.isEmpty()) {
                Label failed = new Label(error);
                failed.getStyleClass().add(Styles.DANGER);
                failed.setWrapText(true);
                policies.getChildren().add(failed);
            } else if (permissions == null) {
                Label wait = new Label(messages.get("entity.loading"));
                wait.getStyleClass().add(Styles.TEXT_MUTED);
                policies.getChildren().add(wait);
            } else if (permissions.inbounds().isEmpty()) {
                Label none = new Label(messages.get("dataplane.policies.no.inbound"));
                none.getStyleClass().add(Styles.TEXT_MUTED);
                none.setWrapText(true);
                policies.getChildren().add(none);
            } else {
                if (!permissions.mtlsEnabled()) {
                    Label off = new Label(messages.get("dataplane.policies.mtls.off"), AppIcon.UNLOCK.node());
                    off.getStyleClass().add(Styles.WARNING);
                    off.setWrapText(true);
                    policies.getChildren().add(off);
                }
                for (DataplanePermissions.Inbound inbound : permissions.inbounds()) {
                    policies.getChildren().add(inbound(inbound, permissions.mtlsEnabled()));
                }
            }
            return List.of(header, graph, grid, policiesTitle, policies);
        }

        /** One inbound: which policy family decides, the matched policies, the ordered rules, and each client's verdict. */
        private Node inbound(DataplanePermissions.Inbound inbound, boolean mtlsEnabled) {
            Label heading = new Label(messages.get(
                    "dataplane.policies.inbound",
                    String.valueOf(inbound.port()),
                    inbound.tags().getOrDefault("kuma.io/service", "")));
            heading.getStyleClass().add(Styles.TEXT_BOLD);
            Label mode = new Label(model.modeText(inbound.mode()));
            mode.getStyleClass().add(Styles.TEXT_MUTED);
            mode.setWrapText(true);
            // With mTLS off the warning above the inbounds already says it.
            mode.setManaged(!"MTLS_OFF".equals(inbound.mode()));
            mode.setVisible(mode.isManaged());
            VBox box = new VBox(4, heading, mode);
            // Nothing decides while mTLS is off: no empty Policies and Rules then, only what clients get.
            boolean enforced = !"MTLS_OFF".equals(inbound.mode());
            if (enforced || !inbound.policies().isEmpty()) {
                box.getChildren().add(caption("dataplane.policies.matched"));
                box.getChildren()
                        .add(line(
                                inbound.policies().isEmpty()
                                        ? "\u2014"
                                        : String.join(
                                                ", ",
                                                inbound.policies().stream()
                                                        .map(Content::policy)
                                                        .toList())));
            }
            if (enforced || !inbound.rules().isEmpty()) {
                box.getChildren().add(caption("dataplane.policies.rules"));
                if (inbound.rules().isEmpty()) {
                    box.getChildren().add(line("\u2014"));
                }
                for (DataplanePermissions.Rule rule : inbound.rules()) {
                    box.getChildren()
                            .add(line(messages.get(
                                    "dataplane.policies.rule",
                                    model.tagsText(rule.from()),
                                    rule.action(),
                                    rule.policy() == null ? "" : rule.policy().name())));
                }
            }
            box.getChildren().add(caption("dataplane.policies.clients"));
            if (inbound.clients().isEmpty()) {
                box.getChildren().add(line("\u2014"));
            }
            for (DataplanePermissions.ClientVerdict client : inbound.clients()) {
                Label verdict = line(messages.get(
                        "dataplane.policies.client",
                        model.tagsText(client.tags()),
                        client.verdict(),
                        client.policy().map(PolicyRef::name).orElse(model.noPolicyText(mtlsEnabled))));
                verdict.setGraphic((client.allowed() ? AppIcon.HEALTHY : AppIcon.UNHEALTHY).node());
                verdict.getStyleClass().add(client.allowed() ? "dataplane-online" : "dataplane-offline");
                box.getChildren().add(verdict);
            }
            box.getStyleClass().add("dataplane-inbound");
            return box;
        }

        /** A small muted heading inside an inbound. */
        private Label caption(String key) {
            Label caption = new Label(messages.get(key));
            caption.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            caption.setPadding(new javafx.geometry.Insets(4, 0, 0, 0));
            return caption;
        }

        private static Label line(String text) {
            Label line = new Label(text);
            line.setWrapText(true);
            return line;
        }

        private static String policy(PolicyRef ref) {
            return ref.type() + " " + ref.name();
        }
    }
}
