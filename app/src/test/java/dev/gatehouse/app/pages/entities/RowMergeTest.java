package dev.gatehouse.app.pages.entities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class RowMergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode row(String id, String name) {
        return JSON.createObjectNode().put("id", id).put("name", name);
    }

    @Test
    void unchangedRowsStayTheSameObjectsAndOnlyDifferencesAreApplied() {
        ObjectNode a = row("1", "a");
        ObjectNode b = row("2", "b");
        ObjectNode c = row("3", "c");
        ObservableList<ObjectNode> items = FXCollections.observableArrayList(a, b, c);

        assertThat(RowMerge.merge(items, List.of(row("1", "a"), row("2", "b"), row("3", "c"))))
                .isFalse();
        assertThat(items.get(0)).isSameAs(a);

        boolean changed = RowMerge.merge(items, List.of(row("1", "a"), row("3", "c2"), row("4", "d")));
        assertThat(changed).isTrue();
        assertThat(items).extracting(r -> r.path("name").asText()).containsExactly("a", "c2", "d");
        assertThat(items.get(0))
                .as("untouched row keeps its identity, so the table keeps it selected")
                .isSameAs(a);
    }
}
