package dev.gatehouse.app.tour;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One step row's state: its status, the last check's sentence, a note (why it failed), and the YAML it writes. */
public final class TourStepModel {

    /** Where a step stands. */
    public enum Status {
        TODO,
        WORKING,
        DONE,
        /** True on the platform before the tour did it (the seed, the forms, the graph). */
        ALREADY_TRUE,
        FAILED,
        /** The connection has no gateway (or no mesh) for this step. */
        UNAVAILABLE
    }

    private final TourStep step;
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.TODO);
    private final ReadOnlyStringWrapper check = new ReadOnlyStringWrapper(this, "check", "");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
    private final ReadOnlyBooleanWrapper enabled = new ReadOnlyBooleanWrapper(this, "enabled");
    private final ReadOnlyBooleanWrapper checkable = new ReadOnlyBooleanWrapper(this, "checkable");

    TourStepModel(TourStep step) {
        this.step = step;
    }

    public TourStep step() {
        return step;
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What the last live check saw, e.g. "401 as expected: no key". */
    public ReadOnlyStringProperty checkProperty() {
        return check.getReadOnlyProperty();
    }

    /** Why the step failed or cannot be done here, or what happened since it was done. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** The YAML the step writes on this platform. */
    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Whether "Do it" may be pressed: every earlier step is complete and nothing else is running. */
    public ReadOnlyBooleanProperty enabledProperty() {
        return enabled.getReadOnlyProperty();
    }

    /** Whether "Check" may be pressed: the step holds on the platform. */
    public ReadOnlyBooleanProperty checkableProperty() {
        return checkable.getReadOnlyProperty();
    }

    /** Done by the tour or found already true. */
    public boolean isComplete() {
        return status.get() == Status.DONE || status.get() == Status.ALREADY_TRUE;
    }

    void setPreview(String yaml) {
        preview.set(yaml);
    }

    void set(Status status, String check, String note) {
        this.status.set(status);
        this.check.set(check);
        this.note.set(note);
    }

    void clear() {
        set(Status.TODO, "", "");
    }

    void setEnabled(boolean enabled) {
        this.enabled.set(enabled);
    }

    void setCheckable(boolean checkable) {
        this.checkable.set(checkable);
    }
}
