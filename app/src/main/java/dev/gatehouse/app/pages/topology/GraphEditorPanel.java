package dev.gatehouse.app.pages.topology;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.meshpolicy.HistoryEntry;
import dev.gatehouse.app.policyeditor.PolicyEditorModel;
import dev.gatehouse.app.policyeditor.PolicyEditorView;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fxmisc.richtext.GenericStyledArea;

/**
 * The graph's side panel: the permission draft (form and YAML), the selected edge with its deciding policy and the
 * remove and deny actions, the selected service's instances, the what-if, and the history with undo and redo.
 */
final class GraphEditorPanel extends ScrollPane {

    private final TopologyViewModel model;
    private final GraphEditing editing;
    private final Messages messages;
    private final VBox draftBox = new VBox(8);
    private final VBox selectionBox = new VBox(6);
    private final BooleanBinding readOnly;

    GraphEditorPanel(TopologyViewModel model, Messages messages) {
        this.model = model;
        this.editing = model.editing();
        this.messages = messages;
        setId("topology-side");
        getStyleClass().add("topology-side");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setPrefWidth(420);
        setMinWidth(360);
        readOnly = Bindings.createBooleanBinding(
                () -> editing.capabilitiesProperty().get().readOnly(), editing.capabilitiesProperty());

        Label readOnlyLine = new Label();
        readOnlyLine.setId("topology-readonly");
        readOnlyLine.setWrapText(true);
        readOnlyLine.getStyleClass().add(Styles.WARNING);
        readOnlyLine
                .textProperty()
                .bind(Bindings.createStringBinding(editing::readOnlyReason, editing.capabilitiesProperty()));
        readOnlyLine.visibleProperty().bind(readOnly);
        readOnlyLine.managedProperty().bind(readOnly);

        Label status = new Label();
        status.setId("topology-edit-status");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(editing.statusProperty());
        status.managedProperty().bind(editing.statusProperty().isNotEmpty());

        draftBox.setId("topology-draft");
        draftBox.getStyleClass().add("topology-side-section");
        editing.draftProperty().addListener((obs, old, now) -> showDraft(now));
        showDraft(editing.draftProperty().get());

        selectionBox.setId("topology-selected");
        selectionBox.getStyleClass().add("topology-side-section");
        model.selectionProperty().addListener((obs, old, now) -> showSelection(now));
        readOnly.addListener(
                (obs, old, now) -> showSelection(model.selectionProperty().get()));
        showSelection(model.selectionProperty().get());

        VBox content = new VBox(14, readOnlyLine, status, draftBox, selectionBox, whatIf(), history());
        content.getStyleClass().add("topology-side-content");
        setContent(content);
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TITLE_4);
        return label;
    }

    private void showDraft(PolicyEditorModel draft) {
        if (draft == null) {
            draftBox.getChildren().clear();
            draftBox.setVisible(false);
            draftBox.setManaged(false);
            return;
        }
        ConnectRequest request = editing.draftRequestProperty().get();
        Label title = heading(
                request == null
                        ? messages.get("topology.edit.draft")
                        : messages.get("topology.edit.draft.pair", request.source(), request.destination()));
        title.setId("topology-draft-title");
        PolicyEditorView view = new PolicyEditorView(draft, messages);
        view.stack();
        view.setPrefHeight(480);
        Button apply = new Button(messages.get("action.apply"), AppIcon.SAVE.node());
        apply.setId("topology-draft-apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.disableProperty()
                .bind(draft.validProperty().not().or(editing.busyProperty()).or(readOnly));
        apply.setOnAction(e -> editing.applyDraft());
        Button cancel = new Button(messages.get("action.cancel"));
        cancel.setId("topology-draft-cancel");
        cancel.setOnAction(e -> editing.cancelDraft());
        Label keys = new Label(messages.get("topology.edit.draft.keys"));
        keys.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        keys.setWrapText(true);
        HBox buttons = new HBox(8, apply, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);
        // Apply and Cancel above the editor: the form and the YAML are taller than the panel.
        draftBox.getChildren().setAll(title, buttons, keys, view);
        draftBox.setVisible(true);
        draftBox.setManaged(true);
        // Enter applies (Ctrl+Enter inside the YAML, where Enter is a new line); Escape drops the draft.
        draftBox.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                editing.cancelDraft();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && (e.isShortcutDown() || !typingLines(e))) {
                if (!apply.isDisabled()) {
                    editing.applyDraft();
                }
                e.consume();
            }
        });
        // The keyboard lands on Apply: Enter applies, Tab reaches the form and the YAML, Escape drops the draft.
        javafx.application.Platform.runLater(apply::requestFocus);
    }

    private static boolean typingLines(KeyEvent e) {
        return e.getTarget() instanceof GenericStyledArea<?, ?, ?>
                || e.getTarget() instanceof javafx.scene.control.TextArea;
    }

    private void showSelection(TopologySelection selection) {
        List<Node> rows = new ArrayList<>();
        switch (selection) {
            case null -> {}
            case TopologySelection.EdgeSelected edge when edge.access().isPresent() -> rows.addAll(edgeRows(edge));
            case TopologySelection.EdgeSelected edge -> {
                rows.add(heading(messages.get("topology.edit.route")));
                rows.add(wrapped(EdgeView.describe(edge.edge(), messages), "topology-selected-text"));
            }
            case TopologySelection.NodeSelected node -> rows.addAll(nodeRows(node.node()));
        }
        selectionBox.getChildren().setAll(rows);
        selectionBox.setVisible(!rows.isEmpty());
        selectionBox.setManaged(!rows.isEmpty());
    }

    private List<Node> edgeRows(TopologySelection.EdgeSelected edge) {
        ServiceAccess access = edge.access().orElseThrow();
        List<Node> rows = new ArrayList<>();
        rows.add(heading(messages.get("topology.edit.edge", access.source(), access.destination())));
        rows.add(wrapped(
                messages.get("topology.edit.access", messages.get(EdgeView.accessKey(access.access()))),
                "topology-selected-access"));
        rows.add(wrapped(
                access.policy()
                        .map(p -> messages.get("topology.edit.policy", p.type(), p.name()))
                        .orElse(messages.get("topology.edit.policy.none")),
                "topology-selected-policy"));
        if (access.rule() != null && !access.rule().isBlank()) {
            rows.add(wrapped(messages.get("topology.edit.rule", access.rule()), "topology-selected-rule"));
        }
        Button remove = new Button(messages.get("topology.edit.remove"), AppIcon.DELETE.node());
        remove.setId("topology-remove");
        boolean removable = access.allowed()
                && access.policy().map(PolicyRef::type).isPresent()
                && access.access() != ServiceAccess.Access.NOT_ENFORCED;
        remove.setDisable(!removable || readOnly.get());
        remove.setOnAction(e -> editing.removePermission(edge));
        Button deny = new Button(messages.get("topology.edit.deny"), AppIcon.DENY.node());
        deny.setId("topology-deny");
        deny.getStyleClass().add(Styles.DANGER);
        deny.setDisable(!access.allowed() || readOnly.get());
        deny.setOnAction(e -> editing.deny(edge));
        HBox buttons = new HBox(8, remove, deny);
        buttons.setAlignment(Pos.CENTER_LEFT);
        rows.add(buttons);
        return rows;
    }

    private List<Node> nodeRows(TopologyNode node) {
        List<Node> rows = new ArrayList<>();
        rows.add(heading(NodeView.title(node, messages)));
        rows.add(wrapped(
                TopologyView.describe(new TopologySelection.NodeSelected(node), messages), "topology-node-count"));
        for (DataplaneInfo dp : node.dataplanes()) {
            String state = messages.get(dp.online() ? "topology.dataplane.online" : "topology.dataplane.offline");
            rows.add(wrapped(
                    dp.certificateExpiry()
                            .map(expiry ->
                                    messages.get("topology.dataplane.cert", dp.name(), dp.address(), state, expiry))
                            .orElseGet(() -> messages.get("topology.dataplane", dp.name(), dp.address(), state)),
                    "topology-instance"));
        }
        return rows;
    }

    private static Label wrapped(String text, String styleClass) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add(styleClass);
        return label;
    }

    /** Two lists of the mesh's services and the answer; hovering or selecting an edge fills them. */
    private Node whatIf() {
        ComboBox<String> source = serviceBox("topology-whatif-source", messages.get("topology.connect.source"));
        ComboBox<String> destination =
                serviceBox("topology-whatif-destination", messages.get("topology.connect.destination"));
        Runnable fill = () -> {
            String mesh = editing.whatIfMeshProperty().get();
            List<String> names = model.connectable().stream()
                    .filter(n -> mesh == null || mesh.isEmpty() || n.mesh().equals(mesh))
                    .map(TopologyNode::service)
                    .distinct()
                    .sorted()
                    .toList();
            for (ComboBox<String> box : List.of(source, destination)) {
                if (!box.getItems().equals(names)) {
                    String kept = box.getValue();
                    box.getItems().setAll(names);
                    box.setValue(kept);
                }
            }
            if ((mesh == null || mesh.isEmpty()) && !model.connectable().isEmpty()) {
                editing.whatIfMeshProperty().set(model.connectable().getFirst().mesh());
            }
        };
        model.connectable().addListener((ListChangeListener<TopologyNode>) c -> fill.run());
        editing.whatIfMeshProperty().addListener((obs, old, now) -> fill.run());
        fill.run();
        source.valueProperty().bindBidirectional(editing.whatIfSourceProperty());
        destination.valueProperty().bindBidirectional(editing.whatIfDestinationProperty());
        Label answer = wrapped("", "topology-whatif-answer");
        answer.setId("topology-whatif-answer");
        answer.textProperty().bind(editing.whatIfAnswerProperty());
        HBox pickers = new HBox(6, source, new Label("\u2192"), destination);
        pickers.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, heading(messages.get("topology.whatif")), pickers, answer);
        box.getStyleClass().add("topology-side-section");
        return box;
    }

    private static ComboBox<String> serviceBox(String id, String prompt) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.setPromptText(prompt);
        box.setAccessibleText(prompt);
        box.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }

    /** Undo, redo, and the list of what was done. */
    private Node history() {
        Button undo = new Button(messages.get("topology.edit.undo"), AppIcon.UNDO.node());
        undo.setId("topology-undo");
        undo.disableProperty()
                .bind(editing.canUndoProperty().not().or(editing.busyProperty()).or(readOnly));
        undo.setOnAction(e -> editing.undo());
        Button redo = new Button(messages.get("topology.edit.redo"), AppIcon.REDO.node());
        redo.setId("topology-redo");
        redo.disableProperty()
                .bind(editing.canRedoProperty().not().or(editing.busyProperty()).or(readOnly));
        redo.setOnAction(e -> editing.redo());
        HBox buttons = new HBox(8, undo, redo);
        ListView<HistoryEntry> list = new ListView<>(editing.entries());
        list.setId("topology-history");
        list.setPrefHeight(150);
        list.setPlaceholder(new Label(messages.get("topology.edit.history.empty")));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(HistoryEntry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.description());
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        editing.entries().addListener((ListChangeListener<HistoryEntry>) c -> {
            if (!editing.entries().isEmpty()) {
                list.scrollTo(editing.entries().size() - 1);
            }
        });
        VBox box = new VBox(6, heading(messages.get("topology.edit.history")), buttons, list);
        box.getStyleClass().add("topology-side-section");
        return box;
    }

    /** Whether the event is typed into a text input (the page's shortcuts leave those alone). */
    static boolean inTextInput(KeyEvent e) {
        return e.getTarget() instanceof TextInputControl || e.getTarget() instanceof GenericStyledArea<?, ?, ?>;
    }
}
