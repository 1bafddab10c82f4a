package dev.gatehouse.app.form;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.app.i18n.Messages;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Renders a {@link SchemaFormModel}: a label per field (required ones marked), an input that suits the type,
 * the default or range as help, and the gateway's error in red right under the field, group or shorthand it
 * concerns. Read-only, the same form shows a stored entity (a plugin's configuration) without inputs to type in.
 */
public final class SchemaFormView extends VBox {

    private static final PseudoClass READ_ONLY = PseudoClass.getPseudoClass("readonly");

    private final Messages messages;
    private final SchemaFormModel model;
    private final boolean readOnly;

    public SchemaFormView(SchemaFormModel model, Messages messages) {
        this(model, messages, false);
    }

    private SchemaFormView(SchemaFormModel model, Messages messages, boolean readOnly) {
        super(12);
        this.messages = messages;
        this.model = model;
        this.readOnly = readOnly;
        getStyleClass().add("schema-form");
        pseudoClassStateChanged(READ_ONLY, readOnly);
        Label formError = new Label();
        formError.setId("form-error");
        formError.getStyleClass().addAll(Styles.DANGER, "form-error");
        formError.setWrapText(true);
        formError.textProperty().bind(model.formErrorProperty());
        formError.visibleProperty().bind(model.formErrorProperty().isNotEmpty());
        formError.managedProperty().bind(formError.visibleProperty());
        model.formErrorProperty().addListener((obs, old, now) -> {
            if (!now.isEmpty()) {
                revealFirstErrorSoon();
            }
        });
        getChildren().addAll(formError, grid(model.primaryFields()));
        if (!model.advancedFields().isEmpty()) {
            TitledPane advanced = new TitledPane(messages.get("form.advanced"), grid(model.advancedFields()));
            advanced.setExpanded(false);
            advanced.setId("form-advanced");
            // A hidden field with an error opens the section, so the message is never out of sight.
            for (FormField field : model.advancedFields()) {
                field.errorProperty().addListener((obs, old, now) -> {
                    if (!now.isEmpty()) {
                        advanced.setExpanded(true);
                    }
                });
            }
            getChildren().add(advanced);
        }
    }

    private boolean revealing;

    /**
     * Scrolls the form's scroll pane to the topmost error once the errors of a save have all arrived (a pulse later,
     * after an Advanced section they opened has its height): a field marked red below the fold would look like a
     * save that did nothing.
     */
    private void revealFirstErrorSoon() {
        if (revealing || readOnly) {
            return;
        }
        revealing = true;
        javafx.application.Platform.runLater(() -> {
            revealing = false;
            javafx.scene.control.ScrollPane pane = enclosingScrollPane();
            if (pane == null || pane.getContent() == null) {
                return;
            }
            pane.getContent().applyCss();
            pane.layout();
            Node first = null;
            double firstY = Double.MAX_VALUE;
            java.util.List<Node> errors = new java.util.ArrayList<>(lookupAll(".form-error"));
            errors.addAll(lookupAll(".field-error"));
            for (Node n : errors) {
                if (n.isVisible() && n instanceof Label l && !l.getText().isEmpty()) {
                    double y = n.localToScene(n.getBoundsInLocal()).getMinY();
                    if (y < firstY) {
                        firstY = y;
                        first = n;
                    }
                }
            }
            if (first != null) {
                // the box of input, help and error: the input the message is about shows with it
                ScrollReveal.reveal(pane, first.getParent() != null ? first.getParent() : first);
            }
        });
    }

    private javafx.scene.control.ScrollPane enclosingScrollPane() {
        for (javafx.scene.Parent p = getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.ScrollPane sp) {
                return sp;
            }
        }
        return null;
    }

    /** The same form as editing, showing what is stored: nothing to type in, no help, no errors. */
    public static SchemaFormView readOnly(SchemaFormModel model, Messages messages) {
        return new SchemaFormView(model, messages, true);
    }

    /** Puts the caret in the first input of the form, once the form is in a window. */
    public void focusFirstInput() {
        if (getScene() == null) {
            // A panel shown for the first time gets its content into the scene with its skin, a pulse later.
            sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(
                        javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> obs,
                        javafx.scene.Scene old,
                        javafx.scene.Scene now) {
                    if (now != null) {
                        sceneProperty().removeListener(this);
                        javafx.application.Platform.runLater(SchemaFormView.this::focusFirstInput);
                    }
                }
            });
            return;
        }
        for (javafx.scene.Node node : lookupAll(".text-input")) {
            if (node.isVisible() && !node.isDisabled()) {
                node.requestFocus();
                return;
            }
        }
    }

    private GridPane grid(List<FormField> fields) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("form-grid");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(readOnly ? 100 : 110);
        labels.setPrefWidth(readOnly ? 150 : 170);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        inputs.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, inputs);
        int row = 0;
        java.util.Set<FormGroup> shown = new java.util.HashSet<>();
        for (FormField field : fields) {
            java.util.Optional<FormGroup> group = model.groupOf(field);
            if (group.isPresent()) {
                if (shown.add(group.get())) {
                    grid.add(group(group.get(), fields), 0, row++, 2, 1);
                }
                continue;
            }
            if (field instanceof RecordFormField record) {
                Label heading = new Label(title(field));
                heading.getStyleClass().addAll(Styles.TITLE_4, "form-section");
                grid.add(heading, 0, row++, 2, 1);
                VBox nested = new VBox(4, grid(record.children()));
                nested.getStyleClass().add("form-record");
                if (!readOnly) {
                    // An error about the record as a whole (its own entity check) sits right under its heading.
                    nested.getChildren().add(0, errorLabel("error-" + field.path(), field.errorProperty()));
                }
                grid.add(nested, 0, row++, 2, 1);
                continue;
            }
            // A saved secret is kept when left empty, so editing does not require it.
            boolean required = field.schema().required() && !(field.schema().isSecret() && model.isEditing());
            Label label = new Label(title(field) + (required && !readOnly ? " *" : ""));
            label.getStyleClass().add("form-label");
            if (required) {
                label.getStyleClass().add("form-required");
            }
            Node input = input(field);
            label.setLabelFor(input);
            topAligned(label);
            grid.add(label, 0, row);
            grid.add(readOnly ? input : withHelpAndError(field, input), 1, row++);
        }
        return grid;
    }

    /** A group's heading, its one error (an entity check about its fields together), then its fields. */
    private Node group(FormGroup group, List<FormField> fields) {
        Label heading = new Label(messages.get(group.titleKey()));
        heading.getStyleClass().addAll(Styles.TEXT_BOLD, "form-group-title");
        List<FormField> members = fields.stream().filter(group::contains).toList();
        VBox box = new VBox(6, heading);
        box.getStyleClass().add("form-group");
        if (!readOnly) {
            Label error = errorLabel("error-group-" + group.titleKey(), group.errorProperty());
            box.getChildren().add(error);
            group.errorProperty()
                    .addListener((obs, old, now) -> box.pseudoClassStateChanged(Styles.STATE_DANGER, !now.isEmpty()));
        }
        // The members are laid out without asking for their group again.
        GridPane inner = new GridPane();
        inner.getStyleClass().add("form-grid");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(readOnly ? 88 : 98);
        labels.setPrefWidth(readOnly ? 138 : 158);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        inputs.setFillWidth(true);
        inner.getColumnConstraints().addAll(labels, inputs);
        int row = 0;
        for (FormField field : members) {
            Label label = new Label(title(field));
            label.getStyleClass().add("form-label");
            Node input = input(field);
            label.setLabelFor(input);
            topAligned(label);
            inner.add(label, 0, row);
            inner.add(readOnly ? input : withHelpAndError(field, input), 1, row++);
        }
        box.getChildren().add(inner);
        return box;
    }

    /** A label sits level with the top of its input, not floating beside the help and error under it. */
    private static void topAligned(Label label) {
        GridPane.setValignment(label, javafx.geometry.VPos.TOP);
        label.setWrapText(true);
        label.setPadding(new javafx.geometry.Insets(6, 0, 0, 0));
    }

    private Label errorLabel(String id, javafx.beans.property.StringProperty text) {
        Label error = new Label();
        text.addListener((obs, old, now) -> {
            if (!now.isEmpty()) {
                revealFirstErrorSoon();
            }
        });
        error.setId(id);
        error.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL, "field-error");
        error.setWrapText(true);
        error.textProperty().bind(text);
        error.visibleProperty().bind(text.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }

    private Node withHelpAndError(FormField field, Node input) {
        VBox box = new VBox(4, input);
        String help = help(field);
        if (!help.isEmpty()) {
            Label hint = new Label(help);
            hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            hint.setWrapText(true);
            box.getChildren().add(hint);
        }
        if (field instanceof ListFormField list && !list.defaultText().isEmpty()) {
            // An emptied list is not "none": the gateway stores its default, so say so before Save.
            Label note = new Label(messages.get("form.default.applies", list.defaultText()));
            note.setId("default-note-" + field.path());
            note.getStyleClass().addAll(Styles.WARNING, Styles.TEXT_SMALL);
            note.setWrapText(true);
            note.visibleProperty().bind(list.defaultAppliesBinding());
            note.managedProperty().bind(note.visibleProperty());
            box.getChildren().add(note);
        }
        // Set by a shorthand (a service's url): not sent, so not editable either, and the form says why.
        Label setBy = new Label();
        setBy.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        setBy.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> field.isSetByShorthand()
                                ? messages.get(
                                        "form.set.by",
                                        shorthandTitle(field.setByProperty().get()))
                                : "",
                        field.setByProperty()));
        setBy.visibleProperty().bind(field.setByProperty().isNotEmpty());
        setBy.managedProperty().bind(setBy.visibleProperty());
        input.disableProperty().bind(field.setByProperty().isNotEmpty());
        box.getChildren().add(setBy);
        Label error = errorLabel("error-" + field.path(), field.errorProperty());
        field.errorProperty()
                .addListener((obs, old, now) -> input.pseudoClassStateChanged(Styles.STATE_DANGER, !now.isEmpty()));
        box.getChildren().add(error);
        return box;
    }

    private Node input(FormField field) {
        String id = "field-" + field.path();
        Node node = switch (field) {
            case TextFormField text
            when model.isMultiline(field) -> {
                TextArea area = new TextArea();
                area.getStyleClass().add("monospace");
                area.setPrefRowCount(field.schema().isSecret() && model.isEditing() ? 3 : 5);
                area.setWrapText(field.schema().isSecret() && model.isEditing());
                area.textProperty().bindBidirectional(text.textProperty());
                if (field.schema().isSecret()) {
                    area.setPromptText(
                            model.isEditing() ? messages.get("form.secret.kept") : messages.get("form.secret.new"));
                }
                area.setEditable(!readOnly);
                yield area;
            }
            case TextFormField text
            when field.schema().isSecret() -> {
                PasswordField input = new PasswordField();
                input.textProperty().bindBidirectional(text.textProperty());
                input.setPromptText(
                        model.isEditing() ? messages.get("form.secret.kept") : messages.get("form.secret.new"));
                input.setEditable(!readOnly);
                yield input;
            }
            case TextFormField text -> {
                TextField input = new TextField();
                input.textProperty().bindBidirectional(text.textProperty());
                if (field.schema().hasDefault()
                        && !field.schema().defaultValue().isNull()
                        && !readOnly) {
                    input.setPromptText(field.schema().defaultValue().asText());
                }
                input.setEditable(!readOnly);
                yield input;
            }
            case BooleanFormField bool
            when bool.isNullable() -> {
                ComboBox<Boolean> box = new ComboBox<>();
                box.getItems().addAll(null, Boolean.TRUE, Boolean.FALSE);
                box.setButtonCell(new BooleanCell(messages));
                box.setCellFactory(list -> new BooleanCell(messages));
                box.valueProperty().bindBidirectional(bool.valueProperty());
                yield locked(box);
            }
            case BooleanFormField bool -> {
                ToggleSwitch toggle = new ToggleSwitch();
                toggle.setSelected(Boolean.TRUE.equals(bool.valueProperty().get()));
                toggle.selectedProperty()
                        .addListener((obs, was, is) -> bool.valueProperty().set(is));
                bool.valueProperty().addListener((obs, was, is) -> toggle.setSelected(Boolean.TRUE.equals(is)));
                yield locked(toggle);
            }
            case ChoiceFormField choice -> {
                ComboBox<String> box = new ComboBox<>();
                if (!field.schema().required()) {
                    box.getItems().add("");
                }
                box.getItems().addAll(choice.options());
                box.valueProperty().bindBidirectional(choice.choiceProperty());
                // unset, a box would shrink to its arrow: a required choice with no default must still look like one
                box.setMinWidth(180);
                yield locked(box);
            }
            case ListFormField list when !list.options().isEmpty() -> locked(toggles(list));
            case ListFormField list -> {
                ChipsInput chips = new ChipsInput(list.items(), list::add, messages.get("form.chips.prompt"));
                chips.editor().setId(id + "-editor");
                chips.setReadOnly(readOnly);
                yield chips;
            }
            case MapFormField map -> {
                TextArea area = new TextArea();
                area.setPrefRowCount(
                        readOnly ? Math.max(1, map.textProperty().get().split("\\R").length) : 3);
                area.setPromptText(messages.get("form.map.prompt"));
                area.textProperty().bindBidirectional(map.textProperty());
                area.setEditable(!readOnly);
                yield area;
            }
            case ForeignFormField foreign -> {
                ComboBox<EntityRef> box = new ComboBox<>(foreign.options());
                box.valueProperty().bindBidirectional(foreign.selectedProperty());
                // One word for "no reference", in the list and in the box alike.
                box.setCellFactory(list -> new RefCell(messages));
                box.setButtonCell(new RefCell(messages));
                // With no value at all the box shows its prompt, so that says "None" too.
                box.setPromptText(messages.get("form.foreign.none"));
                box.setMaxWidth(Double.MAX_VALUE);
                yield locked(box);
            }
            case JsonFormField json -> {
                TextArea area = new TextArea();
                area.getStyleClass().add("monospace");
                area.setPrefRowCount(4);
                area.textProperty().bindBidirectional(json.textProperty());
                area.setEditable(!readOnly);
                yield area;
            }
            default -> new Label(field.path());
        };
        node.setId(id);
        return node;
    }

    /** Read-only, a control that cannot just stop taking typing is disabled, but drawn at full strength. */
    private Node locked(Node control) {
        if (readOnly) {
            control.setDisable(true);
            control.getStyleClass().add("read-only-input");
        }
        return control;
    }

    /** A foreign key's choice: the entity's name, or "None" for no reference. */
    private static final class RefCell extends javafx.scene.control.ListCell<EntityRef> {
        private final Messages messages;

        RefCell(Messages messages) {
            this.messages = messages;
        }

        @Override
        protected void updateItem(EntityRef item, boolean empty) {
            super.updateItem(item, empty);
            boolean none = empty || item == null || item.id().isEmpty();
            setText(none ? messages.get("form.foreign.none") : item.label());
            pseudoClassStateChanged(PseudoClass.getPseudoClass("none"), none);
        }
    }

    /** Shows a tri-state boolean as "not set", "true", "false". */
    private static final class BooleanCell extends javafx.scene.control.ListCell<Boolean> {
        private final Messages messages;

        BooleanCell(Messages messages) {
            this.messages = messages;
        }

        @Override
        protected void updateItem(Boolean item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item == null ? messages.get("form.unset") : item.toString());
        }
    }

    /** Toggle chips over the allowed values, e.g. a route's protocols. */
    private static FlowPane toggles(ListFormField list) {
        FlowPane pane = new FlowPane(6, 6);
        pane.setAlignment(Pos.CENTER_LEFT);
        for (String option : list.options()) {
            ToggleButton toggle = new ToggleButton(option);
            // Values such as tls_passthrough keep their underscore: it is not a mnemonic marker here.
            toggle.setMnemonicParsing(false);
            toggle.getStyleClass().addAll("chip-toggle", Styles.SMALL);
            toggle.setSelected(list.items().contains(option));
            toggle.selectedProperty().addListener((obs, was, is) -> {
                if (is && !list.items().contains(option)) {
                    list.items().add(option);
                } else if (!is) {
                    list.items().remove(option);
                }
            });
            list.items().addListener((ListChangeListener<String>)
                    c -> toggle.setSelected(list.items().contains(option)));
            pane.getChildren().add(toggle);
        }
        return pane;
    }

    private String help(FormField field) {
        StringBuilder help = new StringBuilder();
        field.schema().description().ifPresent(help::append);
        // Kong's descriptions often state the range already; say it only when they do not.
        if (!help.toString().toLowerCase(Locale.ROOT).contains("between")) {
            field.schema()
                    .between()
                    .ifPresent(range ->
                            append(help, messages.get("form.help.between", format(range[0]), format(range[1]))));
        }
        JsonNode defaultValue = field.schema().defaultValue();
        if (field.schema().hasDefault()
                && !defaultValue.isNull()
                && !(field instanceof TextFormField)
                && !(field instanceof BooleanFormField)) {
            append(
                    help,
                    messages.get(
                            "form.help.default",
                            defaultValue.isTextual() ? defaultValue.asText() : defaultValue.toString()));
        }
        return help.toString();
    }

    private static void append(StringBuilder help, String text) {
        if (!help.isEmpty()) {
            help.append(' ');
        }
        help.append(text);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** "url" → "URL", as the field's own label says it. */
    private static String shorthandTitle(String name) {
        return titleOf(name);
    }

    private static final java.util.Map<String, String> ACRONYMS = java.util.Map.of(
            "url", "URL", "id", "ID", "tls", "TLS", "ttl", "TTL", "snis", "SNIs", "ca", "CA", "http", "HTTP", "https",
            "HTTPS", "ip", "IP");

    /** "key_names" → "Key names", "tls_verify" → "TLS verify". */
    static String title(FormField field) {
        return titleOf(field.name());
    }

    private static String titleOf(String name) {
        StringBuilder title = new StringBuilder();
        for (String word : name.split("_")) {
            String shown = ACRONYMS.getOrDefault(word, word);
            if (title.isEmpty() && shown.equals(word) && !word.isEmpty()) {
                shown = word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
            }
            title.append(title.isEmpty() ? "" : " ").append(shown);
        }
        return title.toString();
    }
}
