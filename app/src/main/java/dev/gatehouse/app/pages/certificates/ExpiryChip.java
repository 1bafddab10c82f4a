package dev.gatehouse.app.pages.certificates;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javafx.scene.control.Label;

/**
 * A certificate's expiry: its date, and a warning chip (icon and words, never colour alone) when it expires within
 * 30 days or has expired.
 */
final class ExpiryChip {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneId.systemDefault());

    private ExpiryChip() {}

    /** The words the chip shows, also the column's sort key prefix (the date comes first, so dates sort). */
    static String text(Messages messages, Optional<CertificateInfo> info, Instant now) {
        if (info.isEmpty()) {
            return messages.get("certificate.unreadable");
        }
        CertificateInfo cert = info.get();
        String date = DATE.format(cert.notAfter());
        return switch (cert.expiry(now)) {
            case VALID -> date;
            case EXPIRES_SOON -> messages.get("certificate.expires.soon", date, cert.daysLeft(now));
            case EXPIRED -> messages.get("certificate.expired", date);
        };
    }

    static Label of(Messages messages, Optional<CertificateInfo> info, Instant now) {
        Label label = new Label(text(messages, info, now));
        if (info.isEmpty()) {
            label.getStyleClass().addAll("status-chip", "status-neutral");
            return label;
        }
        switch (info.get().expiry(now)) {
            case VALID -> {}
            case EXPIRES_SOON -> {
                label.setGraphic(AppIcon.UNHEALTHY.node());
                label.getStyleClass().addAll("status-chip", "status-warning");
            }
            case EXPIRED -> {
                label.setGraphic(AppIcon.UNHEALTHY.node());
                label.getStyleClass().addAll("status-chip", "status-danger");
            }
        }
        return label;
    }
}
