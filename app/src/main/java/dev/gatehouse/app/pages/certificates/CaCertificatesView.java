package dev.gatehouse.app.pages.certificates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.pages.entities.DetailGrid;
import dev.gatehouse.app.pages.entities.EntityPageView;
import dev.gatehouse.app.pages.entities.Rows;
import java.util.List;
import javafx.scene.Node;

/** The CA certificates page. */
public final class CaCertificatesView extends EntityPageView {

    /** Hex characters of the digest the list shows; the details show it whole. */
    private static final int DIGEST_SHOWN = 16;

    public CaCertificatesView(CaCertificatesViewModel model, Messages messages) {
        super(
                model,
                messages,
                List.of(
                        new Column(
                                messages.get("column.subject"),
                                320,
                                r -> CertificatesViewModel.info(r)
                                        .map(CertificateInfo::commonName)
                                        .orElse("")),
                        new Column(
                                messages.get("column.expires"),
                                240,
                                r -> ExpiryChip.text(
                                        messages,
                                        CertificatesViewModel.info(r),
                                        model.clock().instant()),
                                r -> ExpiryChip.of(
                                        messages,
                                        CertificatesViewModel.info(r),
                                        model.clock().instant())),
                        new Column(messages.get("column.digest"), 200, CaCertificatesView::shortDigest),
                        new Column(TAGS, 0, r -> "")),
                row -> details(model, messages, row));
    }

    private static String shortDigest(ObjectNode row) {
        String digest = CaCertificatesViewModel.digest(row);
        return digest.length() > DIGEST_SHOWN ? digest.substring(0, DIGEST_SHOWN) + "\u2026" : digest;
    }

    private static Node details(CaCertificatesViewModel model, Messages messages, ObjectNode row) {
        DetailGrid grid = new DetailGrid();
        CertificatesView.certificateRows(
                grid, messages, CertificatesViewModel.info(row), model.clock().instant());
        grid.add(messages.get("column.tags"), Rows.joined(row, "tags"));
        return grid;
    }
}
