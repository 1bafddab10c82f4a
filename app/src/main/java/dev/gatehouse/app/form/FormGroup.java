package dev.gatehouse.app.form;

import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Fields shown together under one heading, with the one error that is about them together (an entity check). */
public final class FormGroup {

    private final String titleKey;
    private final List<FormField> fields;
    private final StringProperty error = new SimpleStringProperty(this, "error", "");

    public FormGroup(String titleKey, List<FormField> fields) {
        this.titleKey = titleKey;
        this.fields = List.copyOf(fields);
    }

    /** Bundle key of the group's heading. */
    public String titleKey() {
        return titleKey;
    }

    public List<FormField> fields() {
        return fields;
    }

    /** The gateway's complaint about these fields together; empty when none. */
    public StringProperty errorProperty() {
        return error;
    }

    public boolean contains(FormField field) {
        return fields.contains(field);
    }
}
