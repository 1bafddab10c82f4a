package dev.gatehouse.app.page;

import dev.gatehouse.app.connection.EndpointHealth;
import dev.gatehouse.app.icon.AppIcon;
import java.util.Locale;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.control.Label;

/** Health of one endpoint: an icon and a sentence, never colour alone. */
public final class HealthBadge extends Label {

    private static final String[] STATUS_CLASSES = {
        "health-unknown", "health-checking", "health-up", "health-down", "health-absent"
    };

    public HealthBadge(ReadOnlyObjectProperty<EndpointHealth> health, StringBinding text) {
        getStyleClass().add("health-badge");
        textProperty().bind(text);
        show(health.get());
        // Badges are rebuilt with their panel; the health they show lives as long as the window.
        NodeListeners.onChange(this, health, (obs, old, now) -> show(now));
    }

    private void show(EndpointHealth health) {
        getStyleClass().removeAll(STATUS_CLASSES);
        getStyleClass().add("health-" + health.status().name().toLowerCase(Locale.ROOT));
        setGraphic(
                switch (health.status()) {
                    case UP -> AppIcon.HEALTHY.node();
                    case DOWN -> AppIcon.UNHEALTHY.node();
                    case UNKNOWN, CHECKING -> AppIcon.PENDING.node();
                    // Not a fault and nothing to wait for: no spinner, no warning.
                    case ABSENT -> AppIcon.ABSENT.node();
                });
    }
}
