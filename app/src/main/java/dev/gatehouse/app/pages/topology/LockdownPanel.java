package dev.gatehouse.app.pages.topology;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.meshpolicy.lockdown.LockdownProposal;
import dev.gatehouse.app.meshpolicy.lockdown.ProposedPermission;
import dev.gatehouse.app.policyeditor.YamlArea;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.fxmisc.flowless.VirtualizedScrollPane;

/**
 * The Topology page's "Lock down" side panel, bound to the connection's {@link LockdownViewModel}: the mesh and the
 * window of traffic, Propose, the proposed permissions by destination service with the YAML each is written as, the
 * impact preview (observed pairs that would be denied, each explained), the pairs left out, Apply (or why not), the
 * rollout step by step, and Undo, which is the graph's undo of the lock-down.
 */
final class LockdownPanel extends VBox {

    /** The windows offered, in minutes. */
    static final List<Integer> WINDOWS = List.of(1, 5, 15, 30, 60);

    private static final double YAML_LINE = 20;
    private static final int YAML_LINES_SHOWN = 22;

    private final TopologyViewModel model;
    private final LockdownSession session;
    private final Messages messages;
    private final BooleanBinding readOnly;
    /** Made once: it follows the page's meshes across connections. */
    private final ComboBox<String> mesh = new ComboBox<>();
    /** What is read (pickers, proposal, impact) scrolls; the header and the actions stay in view. */
    private final ScrollPane scroll = new ScrollPane();

    LockdownPanel(TopologyViewModel model, Messages messages) {
        this.model = model;
        this.session = model.lockdown();
        this.messages = messages;
        GraphEditing editing = model.editing();
        readOnly = Bindings.createBooleanBinding(
                () -> editing.capabilitiesProperty().get().readOnly(), editing.capabilitiesProperty());
        setId("topology-lockdown");
        getStyleClass().addAll("topology-side", "topology-lockdown");
        setSpacing(10);
        setPrefWidth(440);
        setMinWidth(380);
        scroll.setId("topology-lockdown-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("topology-side");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        mesh.setId("topology-lockdown-mesh");
        mesh.setAccessibleText(messages.get("topology.lockdown.mesh"));
        model.meshes().addListener((ListChangeListener<MeshSummary>) c -> fillMeshes());
        fillMeshes();
        session.currentProperty().addListener((obs, old, now) -> show(now));
        show(session.currentProperty().get());
    }

    private void show(LockdownViewModel lockdown) {
        List<Node> parts = new ArrayList<>();
        if (lockdown == null) {
            parts.add(wrapped(messages.get("topology.lockdown.unavailable"), "topology-lockdown-unavailable"));
        } else {
            // The impact first: whether anything observed would be denied decides; the YAML is the detail.
            parts.add(controls(lockdown));
            parts.add(impact(lockdown));
            parts.add(notes(lockdown));
            parts.add(proposal(lockdown));
        }
        VBox content = new VBox(12, parts.toArray(Node[]::new));
        content.getStyleClass().add("topology-side-content");
        scroll.setContent(content);
        getChildren().setAll(header(), scroll);
        if (lockdown != null) {
            VBox actions = new VBox(apply(lockdown));
            actions.getStyleClass().add("topology-lockdown-actions");
            getChildren().add(actions);
        }
    }

    private Node header() {
        Label title = new Label(messages.get("topology.lockdown.title"), AppIcon.LOCK.node());
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        Button close = new Button(null, AppIcon.CLOSE.node());
        close.setId("topology-lockdown-close");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        close.setAccessibleText(messages.get("topology.lockdown.close"));
        close.setTooltip(new javafx.scene.control.Tooltip(messages.get("topology.lockdown.close")));
        close.setOnAction(e -> session.openProperty().set(false));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, title, gap, close);
        top.setAlignment(Pos.CENTER_LEFT);
        Label about = wrapped(messages.get("topology.lockdown.about"), "topology-lockdown-about");
        about.getStyleClass().add(Styles.TEXT_MUTED);
        VBox header = new VBox(4, top, about);
        header.getStyleClass().add("topology-lockdown-header");
        return header;
    }

    private void fillMeshes() {
        List<String> names = model.meshes().stream().map(MeshSummary::name).toList();
        if (!mesh.getItems().equals(names)) {
            String kept = mesh.getValue();
            mesh.getItems().setAll(names);
            mesh.setValue(names.contains(kept) ? kept : names.isEmpty() ? null : names.getFirst());
        }
    }

    /** Mesh, window, Propose and Discard, and the summary and error lines. */
    private Node controls(LockdownViewModel lockdown) {
        ComboBox<Integer> window = new ComboBox<>();
        window.setId("topology-lockdown-window");
        window.setAccessibleText(messages.get("topology.lockdown.window"));
        window.getItems().setAll(WINDOWS);
        window.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer minutes) {
                return minutes == null ? "" : messages.get("topology.lockdown.window.minutes", minutes);
            }

            @Override
            public Integer fromString(String text) {
                return null;
            }
        });
        window.setValue(lockdown.windowMinutesProperty().get());
        window.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                lockdown.windowMinutesProperty().set(now);
            }
        });
        lockdown.windowMinutesProperty().addListener((obs, old, now) -> window.setValue(now.intValue()));

        Button propose = new Button(messages.get("topology.lockdown.propose"), AppIcon.EYE.node());
        propose.setId("topology-lockdown-propose");
        propose.getStyleClass().add(Styles.ACCENT);
        BooleanBinding working = lockdown.stageProperty()
                .isEqualTo(LockdownViewModel.Stage.PROPOSING)
                .or(lockdown.stageProperty().isEqualTo(LockdownViewModel.Stage.APPLYING));
        propose.disableProperty().bind(working.or(mesh.valueProperty().isNull()));
        propose.setOnAction(e -> lockdown.propose(mesh.getValue()));
        Button discard = new Button(messages.get("topology.lockdown.discard"));
        discard.setId("topology-lockdown-discard");
        discard.disableProperty()
                .bind(lockdown.stageProperty()
                        .isNotEqualTo(LockdownViewModel.Stage.PROPOSED)
                        .and(lockdown.stageProperty().isNotEqualTo(LockdownViewModel.Stage.PROPOSING)));
        discard.setOnAction(e -> lockdown.discardProposal());

        Label meshLabel = new Label(messages.get("topology.lockdown.mesh"));
        Label windowLabel = new Label(messages.get("topology.lockdown.window"));
        meshLabel.setLabelFor(mesh);
        windowLabel.setLabelFor(window);
        GridPane pickers = new GridPane(8, 6);
        pickers.addRow(0, meshLabel, mesh);
        pickers.addRow(1, windowLabel, window);
        for (Region control : List.of(meshLabel, windowLabel, mesh, window)) {
            control.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox buttons = new HBox(8, propose, discard);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label proposing = wrapped(messages.get("topology.lockdown.proposing"), "topology-lockdown-proposing");
        proposing.getStyleClass().add(Styles.TEXT_MUTED);
        showWhen(proposing, lockdown.stageProperty().isEqualTo(LockdownViewModel.Stage.PROPOSING));
        Label summary = wrapped("", "topology-lockdown-summary");
        summary.setId("topology-lockdown-summary");
        summary.textProperty().bind(lockdown.summaryProperty());
        showWhen(summary, lockdown.summaryProperty().isNotEmpty());
        Label error = wrapped("", "topology-lockdown-error");
        error.setId("topology-lockdown-error");
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(lockdown.errorProperty());
        showWhen(error, lockdown.errorProperty().isNotEmpty());
        return section(null, pickers, buttons, proposing, summary, error);
    }

    /** The proposed permissions, one per destination service, each with its YAML. */
    private Node proposal(LockdownViewModel lockdown) {
        VBox list = new VBox(10);
        list.setId("topology-lockdown-permissions");
        Runnable fill = () -> {
            LockdownProposal shown = lockdown.proposalProperty().get();
            List<Node> rows = new ArrayList<>();
            if (shown != null) {
                for (ProposedPermission permission : shown.permissions()) {
                    rows.add(permission(permission));
                }
                if (shown.permissions().isEmpty()) {
                    rows.add(wrapped(messages.get("topology.lockdown.permissions.none"), "topology-lockdown-none"));
                }
            }
            list.getChildren().setAll(rows);
        };
        lockdown.proposalProperty().addListener((obs, old, now) -> fill.run());
        fill.run();
        VBox box = section(messages.get("topology.lockdown.permissions"), list);
        showWhen(box, lockdown.proposalProperty().isNotNull());
        return box;
    }

    private Node permission(ProposedPermission permission) {
        Label to = new Label(messages.get(
                "topology.lockdown.permission", permission.destination(), String.join(", ", permission.sources())));
        to.setId("topology-lockdown-permission-" + permission.destination());
        to.getStyleClass().add(Styles.TEXT_BOLD);
        to.setWrapText(true);
        to.setMinHeight(Region.USE_PREF_SIZE);
        Label policy = new Label(
                messages.get("topology.lockdown.policy", permission.type().name(), permission.name()));
        policy.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        policy.setWrapText(true);
        policy.setMinHeight(Region.USE_PREF_SIZE);
        YamlArea yaml = YamlArea.readOnly(permission.policy());
        yaml.setId("topology-lockdown-yaml-" + permission.destination());
        yaml.setAccessibleText(messages.get("topology.lockdown.yaml", permission.name()));
        VirtualizedScrollPane<YamlArea> scroll = new VirtualizedScrollPane<>(yaml);
        int lines = Math.min(YAML_LINES_SHOWN, yaml.getParagraphs().size());
        // Tall enough for the whole policy (a long one scrolls): the panel itself scrolls, not each YAML.
        scroll.setPrefHeight(lines * YAML_LINE + 12);
        scroll.setMinHeight(Region.USE_PREF_SIZE);
        scroll.getStyleClass().add("topology-lockdown-yaml");
        return new VBox(4, to, policy, scroll);
    }

    /** The replay: observed pairs that would be denied, each explained, and the pairs the lock-down denies. */
    private Node impact(LockdownViewModel lockdown) {
        Label none = new Label(messages.get("topology.lockdown.impact.none"), AppIcon.HEALTHY.node());
        none.setId("topology-lockdown-impact-none");
        none.getStyleClass().addAll(Styles.SUCCESS, "topology-lockdown-ok");
        none.setWrapText(true);
        none.setMinHeight(Region.USE_PREF_SIZE);
        showWhen(none, Bindings.isEmpty(lockdown.denied()));
        VBox denied = lines(lockdown.denied(), "topology-lockdown-denied", AppIcon.UNHEALTHY);
        denied.getStyleClass().add("topology-lockdown-denied-list");
        Label willLabel = new Label(messages.get("topology.lockdown.will.deny"));
        willLabel.setWrapText(true);
        willLabel.setMinHeight(Region.USE_PREF_SIZE);
        willLabel.getStyleClass().add(Styles.TEXT_MUTED);
        VBox will = lines(lockdown.willBeDenied(), "topology-lockdown-will-deny", AppIcon.DENY);
        VBox willBox = new VBox(4, willLabel, will);
        showWhen(willBox, Bindings.isNotEmpty(lockdown.willBeDenied()));
        VBox box = section(messages.get("topology.lockdown.impact"), none, denied, willBox);
        box.setId("topology-lockdown-impact");
        showWhen(box, lockdown.impactProperty().isNotNull());
        return box;
    }

    /** The observed pairs the proposal leaves out, and why. */
    private Node notes(LockdownViewModel lockdown) {
        VBox box = section(
                messages.get("topology.lockdown.notes"),
                lines(lockdown.notes(), "topology-lockdown-note", AppIcon.ABSENT));
        box.setId("topology-lockdown-notes");
        showWhen(box, Bindings.isNotEmpty(lockdown.notes()));
        return box;
    }

    /** Apply (or why not), the rollout's steps, and Undo. */
    private Node apply(LockdownViewModel lockdown) {
        GraphEditing editing = model.editing();
        Button apply = new Button(messages.get("topology.lockdown.apply"), AppIcon.LOCK.node());
        apply.setId("topology-lockdown-apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.disableProperty()
                .bind(lockdown.canApplyProperty()
                        .not()
                        .or(editing.busyProperty())
                        .or(readOnly));
        apply.setOnAction(e -> lockdown.apply());
        Button undo = new Button(messages.get("topology.lockdown.undo"), AppIcon.UNDO.node());
        undo.setId("topology-lockdown-undo");
        undo.disableProperty()
                .bind(lockdown.canUndoProperty()
                        .not()
                        .or(editing.busyProperty())
                        .or(readOnly));
        undo.setOnAction(e -> lockdown.undo());
        HBox buttons = new HBox(8, apply, undo);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label hint = wrapped("", "topology-lockdown-apply-hint");
        hint.setId("topology-lockdown-apply-hint");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> readOnly.get()
                                ? editing.readOnlyReason()
                                : lockdown.applyHintProperty().get(),
                        readOnly,
                        lockdown.applyHintProperty()));
        showWhen(hint, hint.textProperty().isNotEmpty());
        VBox progress = lines(lockdown.progress(), "topology-lockdown-step", AppIcon.ARROW_RIGHT);
        progress.setId("topology-lockdown-progress");
        showWhen(progress, Bindings.isNotEmpty(lockdown.progress()));
        return section(messages.get("topology.lockdown.rollout"), buttons, hint, progress);
    }

    /** A sentence a line, each with {@code icon}, following {@code sentences}. */
    private static VBox lines(ObservableList<String> sentences, String styleClass, AppIcon icon) {
        VBox box = new VBox(4);
        Runnable fill = () -> box.getChildren()
                .setAll(sentences.stream()
                        .map(sentence -> {
                            Label line = new Label(sentence, icon.node());
                            line.setWrapText(true);
                            line.setMinHeight(Region.USE_PREF_SIZE);
                            line.getStyleClass().add(styleClass);
                            return (Node) line;
                        })
                        .toList());
        sentences.addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        return box;
    }

    private static VBox section(String heading, Node... children) {
        VBox box = new VBox(6);
        if (heading != null) {
            Label title = new Label(heading);
            title.getStyleClass().add(Styles.TITLE_4);
            box.getChildren().add(title);
        }
        box.getChildren().addAll(children);
        box.getStyleClass().add("topology-side-section");
        return box;
    }

    private static Label wrapped(String text, String styleClass) {
        Label label = new Label(text);
        label.setWrapText(true);
        // A wrapped label in a VBox is otherwise given one line's height and cut with an ellipsis.
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.getStyleClass().add(styleClass);
        return label;
    }

    private static void showWhen(Node node, javafx.beans.value.ObservableBooleanValue shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(shown);
    }
}
