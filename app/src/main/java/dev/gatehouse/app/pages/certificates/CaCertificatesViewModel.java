package dev.gatehouse.app.pages.certificates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.form.FormLayout;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.entities.EntityPageViewModel;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.repository.gateway.EntityKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The CA certificates page: Kong's trusted CAs (for services' {@code tls_verify} and mTLS plugins), by subject,
 * expiry and digest; the form takes the PEM certificate alone (Kong computes {@code cert_digest}).
 */
public final class CaCertificatesViewModel extends EntityPageViewModel {

    private final Clock clock;

    public CaCertificatesViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            DialogService dialogs,
            UiExecutor ui) {
        super(CaCertificatesPage.DESCRIPTOR, EntityKind.CA_CERTIFICATES, messages, connection, navigator, dialogs, ui);
        this.clock = Clock.systemUTC();
    }

    public Clock clock() {
        return clock;
    }

    /** Kong's own digest when it sent one (it computes it on write), else the certificate's. */
    public static String digest(ObjectNode row) {
        String digest = Rows.text(row, "cert_digest");
        return digest.isEmpty()
                ? CertificatesViewModel.info(row).map(CertificateInfo::sha256).orElse("")
                : digest;
    }

    @Override
    public String noun() {
        return messages().get("noun.ca.certificate");
    }

    @Override
    public String label(ObjectNode row) {
        return CertificatesViewModel.info(row).map(CertificateInfo::commonName).orElseGet(() -> Rows.text(row, "id"));
    }

    @Override
    protected List<String> searchTexts(ObjectNode row) {
        List<String> texts = new ArrayList<>();
        CertificatesViewModel.info(row).ifPresent(info -> texts.add(info.subject()));
        texts.add(digest(row));
        texts.addAll(Rows.list(row, "tags"));
        return texts;
    }

    @Override
    protected FormLayout formLayout() {
        // cert_digest is Kong's to compute from the certificate.
        return new FormLayout(List.of("cert", "tags"), Set.of("id", "created_at", "updated_at", "cert_digest"))
                .withMultiline(Set.of("cert"));
    }
}
