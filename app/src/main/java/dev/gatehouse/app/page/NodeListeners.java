package dev.gatehouse.app.page;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.WeakListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.TextInputControl;

/**
 * Listeners from a node that is rebuilt often (a detail panel, a test result) to a view-model that lives as long as
 * the window. The view-model holds them weakly and the node strongly, so a node that is thrown away is collected
 * with its listeners instead of being kept alive, and kept notified, by them.
 */
public final class NodeListeners {

    private static final String KEY = NodeListeners.class.getName();

    private NodeListeners() {}

    /** Calls {@code listener} on every change of {@code source} for as long as {@code owner} lives. */
    public static <T> void onChange(Node owner, ObservableValue<T> source, ChangeListener<? super T> listener) {
        keep(owner, listener);
        source.addListener(new WeakChangeListener<>(listener));
    }

    /** Calls {@code listener} on every change of {@code source} for as long as {@code owner} lives. */
    public static <E> void onChange(Node owner, ObservableList<E> source, ListChangeListener<? super E> listener) {
        keep(owner, listener);
        source.addListener(new WeakListChangeListener<>(listener));
    }

    /**
     * Shows {@code source} in a text field or area for as long as the control lives. Not {@code textProperty().bind}:
     * a text control's own binding listens strongly (TextInputControl.TextProperty.Listener), so a long-lived
     * source kept every control ever bound to it.
     */
    public static void showText(TextInputControl control, ObservableValue<String> source) {
        control.setText(source.getValue());
        onChange(control, source, (obs, old, now) -> control.setText(now));
    }

    @SuppressWarnings("unchecked")
    private static void keep(Node owner, Object listener) {
        ((List<Object>) owner.getProperties().computeIfAbsent(KEY, key -> new ArrayList<>())).add(listener);
    }
}
