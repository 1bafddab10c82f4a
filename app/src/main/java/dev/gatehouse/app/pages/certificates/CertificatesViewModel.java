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
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Certificates page: Kong's certificates with their SNIs, read from the certificate itself (subject, expiry,
 * key type). The private key is a secret: no column, filter, label or details panel reads it, and the form shows
 * it only while a new one is being pasted (kong/db/schema/entities/certificates.lua marks it {@code encrypted}).
 */
public final class CertificatesViewModel extends EntityPageViewModel {

    private final Clock clock;

    public CertificatesViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            DialogService dialogs,
            UiExecutor ui) {
        this(messages, connection, navigator, dialogs, ui, Clock.systemUTC());
    }

    CertificatesViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            DialogService dialogs,
            UiExecutor ui,
            Clock clock) {
        super(CertificatesPage.DESCRIPTOR, EntityKind.CERTIFICATES, messages, connection, navigator, dialogs, ui);
        this.clock = clock;
    }

    /** The instant expiries are judged at. */
    public Clock clock() {
        return clock;
    }

    /** The main certificate, parsed; empty when it is not readable PEM. */
    public static Optional<CertificateInfo> info(ObjectNode row) {
        return CertificateInfo.of(Rows.text(row, "cert"));
    }

    /** The alternative certificate (Kong's {@code cert_alt}, of the other key type), parsed. */
    public static Optional<CertificateInfo> alternative(ObjectNode row) {
        return CertificateInfo.of(Rows.text(row, "cert_alt"));
    }

    @Override
    public String noun() {
        return messages().get("noun.certificate");
    }

    /** A certificate by its subject's common name, as Kong Manager lists it; its id when unreadable. */
    @Override
    public String label(ObjectNode row) {
        return info(row).map(CertificateInfo::commonName).orElseGet(() -> Rows.text(row, "id"));
    }

    @Override
    protected List<String> searchTexts(ObjectNode row) {
        List<String> texts = new ArrayList<>(Rows.list(row, "snis"));
        info(row).ifPresent(info -> {
            texts.add(info.subject());
            texts.add(info.keyType());
            texts.addAll(info.alternativeNames());
        });
        texts.addAll(Rows.list(row, "tags"));
        return texts;
    }

    @Override
    protected FormLayout formLayout() {
        return new FormLayout(List.of("cert", "key", "snis", "tags"), FormLayout.AUTO)
                .withMultiline(Set.of("cert", "key", "cert_alt", "key_alt"));
    }

    /** Kong deletes a certificate's SNIs with it (kong/db/schema/entities/snis.lua: on_delete cascade). */
    @Override
    protected String cascadeNote(List<ObjectNode> rows) {
        int snis = rows.stream().mapToInt(r -> Rows.list(r, "snis").size()).sum();
        return snis == 0 ? "" : messages().get("certificate.delete.snis", snis);
    }
}
