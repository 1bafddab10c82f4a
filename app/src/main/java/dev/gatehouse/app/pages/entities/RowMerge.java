package dev.gatehouse.app.pages.entities;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ObservableList;

/**
 * Brings a loaded list up to date with a fresh one, row by row (by id): unchanged rows stay the same objects, so
 * the table keeps its selection and scroll position while a page follows the gateway.
 */
final class RowMerge {

    private RowMerge() {}

    /** Replaces changed rows, removes gone ones, appends new ones; true when anything changed. */
    static boolean merge(ObservableList<ObjectNode> items, List<ObjectNode> fresh) {
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        fresh.forEach(row -> byId.put(Rows.text(row, "id"), row));
        boolean changed = false;
        for (int i = items.size() - 1; i >= 0; i--) {
            ObjectNode now = byId.remove(Rows.text(items.get(i), "id"));
            if (now == null) {
                items.remove(i);
                changed = true;
            } else if (!now.equals(items.get(i))) {
                items.set(i, now);
                changed = true;
            }
        }
        if (!byId.isEmpty()) {
            items.addAll(byId.values());
            changed = true;
        }
        return changed;
    }
}
