package dev.gatehouse.app.policyeditor;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;

/**
 * The policy editor: the form on one side, the YAML with syntax highlighting on the other, each following the
 * other; problems are shown at the form's inputs and at the lines of the text. Embed it with a
 * {@link PolicyEditorModel}; it is a split pane, so a narrow host may stack the two halves
 * ({@code setOrientation(VERTICAL)}).
 */
public final class PolicyEditorView extends SplitPane {

    private final PolicyEditorModel model;
    private final Messages messages;
    private final YamlArea area = new YamlArea();
    private final VBox ruleRows = new VBox(10);
    private final VBox lineList = new VBox(2);
    private final Label formError = new Label();
    /** Each input by the Kuma field path it edits, with the label its reason goes to. */
    private final List<Slot> slots = new ArrayList<>();

    private final List<Slot> fixedSlots = new ArrayList<>();
    private boolean syncing;

    /** An input and where its reason is written. */
    private record Slot(String path, Control input, Label reason) {}

    public PolicyEditorView(PolicyEditorModel model, Messages messages) {
        this.model = model;
        this.messages = messages;
        getStyleClass().add("policy-editor");
        setId("policy-editor");
        getItems().addAll(formSide(), yamlSide());
        setDividerPositions(0.5);
        model.fieldErrors().addListener((MapChangeListener<String, String>) c -> showFieldErrors());
        model.lineErrors().addListener((ListChangeListener<LineError>) c -> showLineErrors());
        showFieldErrors();
        showLineErrors();
    }

    /** The YAML area, for hosts that move the focus to it. */
    public CodeArea yamlArea() {
        return area;
    }

    private Node formSide() {
        PermissionForm form = model.form();
        Label note = new Label(messages.get("policyeditor.form.unavailable"));
        note.setId("policy-form-unavailable");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.visibleProperty().bind(model.formShownProperty().not());
        note.managedProperty().bind(note.visibleProperty());

        GridPane head = new GridPane();
        head.setHgap(8);
        head.setVgap(4);
        int row = 0;
        TextField name = text("policy-name", form.nameProperty());
        row = addLine(head, row, "policyeditor.name", name, "name");
        TextField mesh = text("policy-mesh", form.meshProperty());
        row = addLine(head, row, "policyeditor.mesh", mesh, "mesh");

        Label targetTitle = new Label(messages.get("policyeditor.target"));
        targetTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Label targetHelp = new Label(messages.get("policyeditor.target.help"));
        targetHelp.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        targetHelp.setWrapText(true);
        Node target = refInputs("policy-target", "spec.targetRef", form.target(), null, fixedSlots);

        Label fromTitle = new Label(messages.get("policyeditor.from"));
        fromTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Button add = new Button(messages.get("policyeditor.rule.add"), AppIcon.ADD.node());
        add.setId("policy-add-rule");
        add.getStyleClass().add(Styles.SMALL);
        add.setOnAction(e -> form.addRule());
        form.rules().addListener((ListChangeListener<FromRule>) c -> buildRules());
        buildRules();

        formError.setId("policy-form-error");
        formError.setWrapText(true);
        formError.getStyleClass().add(Styles.DANGER);
        formError.managedProperty().bind(formError.textProperty().isNotEmpty());

        VBox inputs = new VBox(10, head, targetTitle, targetHelp, target, fromTitle, ruleRows, add);
        // While the text does not parse the form shows the last policy that did, and waits.
        inputs.disableProperty()
                .bind(model.formShownProperty()
                        .not()
                        .or(model.resourceProperty().isNull()));
        inputs.visibleProperty().bind(model.formShownProperty());
        inputs.managedProperty().bind(inputs.visibleProperty());
        VBox side = new VBox(10, note, formError, inputs);
        side.setPadding(new Insets(4, 12, 4, 4));
        ScrollPane scroll = new ScrollPane(side);
        scroll.setFitToWidth(true);
        scroll.setId("policy-form");
        return scroll;
    }

    private int addLine(GridPane grid, int row, String labelKey, Control input, String path) {
        Label label = new Label(messages.get(labelKey));
        label.setLabelFor(input);
        label.setMinWidth(Region.USE_PREF_SIZE);
        GridPane.setHgrow(input, Priority.ALWAYS);
        input.setMaxWidth(Double.MAX_VALUE);
        grid.add(label, 0, row);
        grid.add(input, 1, row);
        Label reason = reasonLabel(input.getId() + "-error");
        grid.add(reason, 1, row + 1);
        fixedSlots.add(new Slot(path, input, reason));
        return row + 2;
    }

    private void buildRules() {
        ruleRows.getChildren().clear();
        slots.clear();
        List<FromRule> rules = model.form().rules();
        for (int i = 0; i < rules.size(); i++) {
            FromRule rule = rules.get(i);
            String id = "policy-rule-" + i;
            ChoiceBox<String> action = new ChoiceBox<>();
            action.getItems().setAll(FromRule.ACTIONS);
            if (!FromRule.ACTIONS.contains(rule.actionProperty().get())) {
                action.getItems().add(rule.actionProperty().get());
            }
            action.setId(id + "-action");
            action.valueProperty().bindBidirectional(rule.actionProperty());
            Button remove = new Button(null, AppIcon.DELETE.node());
            remove.setId(id + "-remove");
            remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
            remove.setTooltip(new Tooltip(messages.get("policyeditor.rule.remove")));
            remove.setAccessibleText(messages.get("policyeditor.rule.remove"));
            remove.setOnAction(e -> model.form().removeRule(rule));
            Node inputs = refInputs(id, "spec.from[" + i + "].targetRef", rule.client(), action, slots);
            Label title = new Label(messages.get("policyeditor.rule", i + 1));
            title.getStyleClass().add(Styles.TEXT_MUTED);
            HBox heading = new HBox(8, title, new Region(), remove);
            HBox.setHgrow(heading.getChildren().get(1), Priority.ALWAYS);
            heading.setAlignment(Pos.CENTER_LEFT);
            VBox box = new VBox(4, heading, inputs);
            box.getStyleClass().add("policy-rule");
            ruleRows.getChildren().add(box);
        }
        showFieldErrors();
    }

    /** Kind, service and tags of a target ref (and an action, for a rule), with the line their reasons go to. */
    private Node refInputs(String id, String path, TargetRefForm ref, ChoiceBox<String> action, List<Slot> into) {
        ComboBox<String> kind = combo(id + "-kind", ref.kindProperty(), TargetRefForm.KINDS);
        ComboBox<String> service = combo(id + "-service", ref.serviceProperty(), List.of());
        service.setItems(model.services());
        service.setPromptText(messages.get("policyeditor.service.prompt"));
        // A whole mesh names no service.
        service.disableProperty().bind(ref.kindProperty().isEqualTo("Mesh"));
        TextField tags = text(id + "-tags", ref.tagsProperty());
        tags.setPromptText(messages.get("policyeditor.tags.prompt"));
        tags.disableProperty().bind(ref.kindProperty().isEqualTo("Mesh"));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        int row = 0;
        row = gridLine(grid, row, "policyeditor.kind", kind);
        row = gridLine(grid, row, "policyeditor.service", service);
        row = gridLine(grid, row, "policyeditor.tags", tags);
        Label reason = reasonLabel(id + "-error");
        into.add(new Slot(path + ".kind", kind, reason));
        into.add(new Slot(path + ".name", service, reason));
        into.add(new Slot(path + ".tags", service, reason));
        into.add(new Slot(path, kind, reason));
        if (action != null) {
            row = gridLine(grid, row, "policyeditor.action", action);
            String item = path.substring(0, path.length() - ".targetRef".length());
            into.add(new Slot(item + ".default.action", action, reason));
            into.add(new Slot(item + ".default", action, reason));
            into.add(new Slot(item, kind, reason));
        }
        grid.add(reason, 1, row);
        return grid;
    }

    private int gridLine(GridPane grid, int row, String labelKey, Control input) {
        Label label = new Label(messages.get(labelKey));
        label.setLabelFor(input);
        label.setMinWidth(Region.USE_PREF_SIZE);
        input.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(input, Priority.ALWAYS);
        grid.add(label, 0, row);
        grid.add(input, 1, row);
        return row + 1;
    }

    private Label reasonLabel(String id) {
        Label reason = new Label();
        reason.setId(id);
        reason.setWrapText(true);
        reason.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        reason.managedProperty().bind(reason.textProperty().isNotEmpty());
        reason.visibleProperty().bind(reason.managedProperty());
        return reason;
    }

    private TextField text(String id, StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private ComboBox<String> combo(String id, StringProperty value, List<String> items) {
        ComboBox<String> combo = new ComboBox<>();
        combo.setId(id);
        combo.setEditable(true);
        combo.getItems().setAll(items);
        combo.getEditor().textProperty().bindBidirectional(value);
        combo.valueProperty().addListener((obs, old, now) -> {
            if (now != null && !now.equals(value.get())) {
                value.set(now);
            }
        });
        return combo;
    }

    /**
     * Each reason at its input: the input whose path it names, else the nearest enclosing one (a reason about
     * {@code spec.from[0].targetRef} goes to that rule); what no input edits goes above the form.
     */
    private void showFieldErrors() {
        List<Slot> all = new ArrayList<>(fixedSlots);
        all.addAll(slots);
        for (Slot slot : all) {
            slot.reason().setText("");
            slot.input().pseudoClassStateChanged(Styles.STATE_DANGER, false);
        }
        List<String> unplaced = new ArrayList<>();
        for (Map.Entry<String, String> reason : new java.util.TreeMap<>(model.fieldErrors()).entrySet()) {
            Slot slot = placeOf(all, reason.getKey());
            String line = reason.getKey() + ": " + reason.getValue();
            if (slot == null) {
                unplaced.add(line);
                continue;
            }
            slot.input().pseudoClassStateChanged(Styles.STATE_DANGER, true);
            String before = slot.reason().getText();
            slot.reason().setText(before.isEmpty() ? line : before + "\n" + line);
        }
        if (!model.generalErrorProperty().get().isEmpty()) {
            unplaced.add(0, model.generalErrorProperty().get());
        }
        formError.setText(String.join("\n", unplaced));
    }

    private static Slot placeOf(List<Slot> all, String path) {
        Slot best = null;
        for (Slot slot : all) {
            boolean encloses = path.equals(slot.path())
                    || path.startsWith(slot.path() + ".")
                    || path.startsWith(slot.path() + "[");
            if (encloses && (best == null || slot.path().length() > best.path().length())) {
                best = slot;
            }
        }
        return best;
    }

    private Node yamlSide() {
        area.setId("policy-yaml");
        area.replaceText(model.yamlProperty().get());
        area.moveTo(0);
        area.textProperty().addListener((obs, old, now) -> {
            if (!syncing) {
                syncing = true;
                try {
                    model.yamlProperty().set(now);
                } finally {
                    syncing = false;
                }
                markLines();
            }
        });
        model.yamlProperty().addListener((obs, old, now) -> {
            if (!syncing && !now.equals(area.getText())) {
                syncing = true;
                try {
                    int caret = Math.min(area.getCaretPosition(), now.length());
                    area.replaceText(now);
                    area.moveTo(caret);
                } finally {
                    syncing = false;
                }
                markLines();
            }
        });
        model.generalErrorProperty().addListener((obs, old, now) -> showFieldErrors());
        VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        lineList.setId("policy-line-errors");
        Label title = new Label(messages.get("policyeditor.yaml"));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        VBox side = new VBox(6, title, scroll, lineList);
        side.setPadding(new Insets(4, 4, 4, 12));
        return side;
    }

    private void showLineErrors() {
        lineList.getChildren().clear();
        for (LineError error : model.lineErrors()) {
            Hyperlink link = new Hyperlink(messages.get("policyeditor.line", error.line(), error.message()));
            link.getStyleClass().addAll(Styles.DANGER, "policy-line-error");
            link.setWrapText(true);
            link.setOnAction(e -> {
                int paragraph = Math.min(error.line() - 1, area.getParagraphs().size() - 1);
                area.moveTo(Math.max(paragraph, 0), 0);
                area.requestFollowCaret();
                area.requestFocus();
            });
            lineList.getChildren().add(link);
        }
        markLines();
    }

    /** Marks the lines that have a problem, so they are seen in the text as well as in the list below it. */
    private void markLines() {
        java.util.Set<Integer> bad = new java.util.HashSet<>();
        model.lineErrors().forEach(e -> bad.add(e.line() - 1));
        for (int i = 0; i < area.getParagraphs().size(); i++) {
            area.setParagraphStyle(i, bad.contains(i) ? List.of("yaml-error-line") : List.of());
        }
    }

    /** Lines of the YAML marked as having a problem (0-based paragraphs); for tests and hosts. */
    public List<Integer> markedLines() {
        List<Integer> marked = new ArrayList<>();
        for (int i = 0; i < area.getParagraphs().size(); i++) {
            if (area.getParagraph(i).getParagraphStyle().contains("yaml-error-line")) {
                marked.add(i);
            }
        }
        return marked;
    }

    /** Orientation for a narrow host: the form above the YAML. */
    public void stack() {
        setOrientation(Orientation.VERTICAL);
    }
}
