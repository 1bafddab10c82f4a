package dev.gatehouse.app.pages.certificates;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.pages.entities.DetailGrid;
import dev.gatehouse.app.pages.entities.EntityPageView;
import dev.gatehouse.app.pages.entities.Rows;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The Certificates page; nothing here reads the private key. */
public final class CertificatesView extends EntityPageView {

    static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    public CertificatesView(CertificatesViewModel model, Messages messages) {
        super(
                model,
                messages,
                List.of(
                        new Column(
                                messages.get("column.subject"),
                                280,
                                r -> CertificatesViewModel.info(r)
                                        .map(CertificateInfo::commonName)
                                        .orElse("")),
                        new Column(messages.get("column.snis"), 320, r -> Rows.joined(r, "snis")),
                        new Column(
                                messages.get("column.expires"),
                                240,
                                r -> ExpiryChip.text(messages, CertificatesViewModel.info(r), now(model)),
                                r -> ExpiryChip.of(messages, CertificatesViewModel.info(r), now(model))),
                        new Column(
                                messages.get("column.key.type"),
                                120,
                                r -> CertificatesViewModel.info(r)
                                        .map(CertificateInfo::keyType)
                                        .orElse("")),
                        new Column(TAGS, 0, r -> "")),
                row -> details(model, messages, row));
    }

    private static Instant now(CertificatesViewModel model) {
        return model.clock().instant();
    }

    private static Node details(CertificatesViewModel model, Messages messages, ObjectNode row) {
        Optional<CertificateInfo> info = CertificatesViewModel.info(row);
        DetailGrid grid = new DetailGrid();
        grid.add(messages.get("column.snis"), snis(messages, Rows.list(row, "snis")));
        certificateRows(grid, messages, info, now(model));
        CertificatesViewModel.alternative(row)
                .ifPresent(alt -> grid.add(
                        messages.get("column.alternative"),
                        messages.get(
                                "certificate.alternative",
                                alt.keyType(),
                                ExpiryChip.text(messages, Optional.of(alt), now(model)))));
        grid.add(messages.get("column.tags"), Rows.joined(row, "tags"));
        Label keyNote = new Label(messages.get("certificate.key.hidden"));
        keyNote.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        keyNote.setWrapText(true);
        return new VBox(12, grid, keyNote);
    }

    /** Subject, issuer, validity, key type, alternative names and digest, shared with the CA certificates page. */
    static void certificateRows(DetailGrid grid, Messages messages, Optional<CertificateInfo> info, Instant now) {
        if (info.isEmpty()) {
            grid.add(messages.get("column.subject"), messages.get("certificate.unreadable"));
            return;
        }
        CertificateInfo cert = info.get();
        grid.add(messages.get("column.subject"), cert.subject())
                .add(messages.get("column.issuer"), cert.issuer())
                .add(
                        messages.get("column.valid"),
                        messages.get(
                                "certificate.validity",
                                DATE_TIME.format(cert.notBefore()),
                                DATE_TIME.format(cert.notAfter())))
                .add(messages.get("column.expires"), ExpiryChip.of(messages, info, now))
                .add(messages.get("column.key.type"), cert.keyType())
                .add(messages.get("column.alt.names"), String.join(", ", cert.alternativeNames()));
        Label digest = new Label(cert.sha256());
        digest.getStyleClass().addAll("monospace", Styles.TEXT_SMALL);
        digest.setWrapText(true);
        grid.add(messages.get("column.digest"), digest);
    }

    private static Node snis(Messages messages, List<String> snis) {
        if (snis.isEmpty()) {
            Label none = new Label(messages.get("certificate.snis.none"));
            none.getStyleClass().add(Styles.TEXT_MUTED);
            none.setWrapText(true);
            return none;
        }
        FlowPane chips = new FlowPane(4, 4);
        for (String sni : snis) {
            Label chip = new Label(sni);
            chip.getStyleClass().add("chip-static");
            chips.getChildren().add(chip);
        }
        return chips;
    }
}
