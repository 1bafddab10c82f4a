package dev.gatehouse.app.pages.upstreams;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.repository.gateway.TargetHealth;
import javafx.scene.control.Label;

/** A target's health as a coloured chip with an icon and Kong's word for it, so colour is never alone. */
final class HealthChip {

    private HealthChip() {}

    static Label of(Messages messages, TargetHealth.Health health) {
        Label chip = new Label(text(messages, health), icon(health).node());
        chip.getStyleClass().addAll("status-chip", styleClass(health));
        return chip;
    }

    /** How many targets are in one state: the state's icon and the count, its word in the tooltip. */
    static Label counted(Messages messages, TargetHealth.Health health, long count) {
        Label chip = of(messages, health);
        String word = chip.getText();
        chip.setText(String.valueOf(count));
        chip.setTooltip(new javafx.scene.control.Tooltip(count + " " + word));
        chip.setAccessibleText(count + " " + word);
        return chip;
    }

    static String text(Messages messages, TargetHealth.Health health) {
        return switch (health) {
            case HEALTHY -> messages.get("health.target.healthy");
            case UNHEALTHY -> messages.get("health.target.unhealthy");
            case DNS_ERROR -> messages.get("health.target.dns_error");
            case HEALTHCHECKS_OFF -> messages.get("health.target.healthchecks_off");
            case UNKNOWN -> messages.get("health.target.unknown");
        };
    }

    private static AppIcon icon(TargetHealth.Health health) {
        return switch (health) {
            case HEALTHY -> AppIcon.HEALTHY;
            case UNHEALTHY, DNS_ERROR -> AppIcon.UNHEALTHY;
            case HEALTHCHECKS_OFF -> AppIcon.ABSENT;
            case UNKNOWN -> AppIcon.PENDING;
        };
    }

    private static String styleClass(TargetHealth.Health health) {
        return switch (health) {
            case HEALTHY -> "status-success";
            case UNHEALTHY -> "status-danger";
            case DNS_ERROR -> "status-warning";
            case HEALTHCHECKS_OFF, UNKNOWN -> "status-neutral";
        };
    }
}
