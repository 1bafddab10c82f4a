package dev.gatehouse.app.pages.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.form.FormField;
import dev.gatehouse.app.form.ListFormField;
import dev.gatehouse.app.form.SchemaFormModel;
import dev.gatehouse.app.form.TextFormField;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.testing.TestCertificates;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Certificates and CA certificates pages' view-models against the real embedded gateway: a certificate with
 * SNIs created through the schema form, listed by subject with its expiry, edited without its key ever coming
 * back into the form; a CA certificate listed with Kong's digest. Field names and the cascade are Kong's
 * (kong/db/schema/entities/certificates.lua, snis.lua, ca_certificates.lua).
 */
class CertificatesViewModelTest {

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private RunningGateway gateway;
    private ActiveConnection connection;
    private KongAdminClient kong;

    @BeforeEach
    void start() {
        gateway = TestRuntimes.gateway(dir.resolve("gw"));
        connection = TestConnections.connected(
                dir, TestConnections.remoteKong("gw", URI.create(gateway.adminUrl()), Optional.empty()));
        kong = TestRuntimes.kong(gateway);
    }

    @AfterEach
    void stop() {
        kong.close();
        connection.close();
        gateway.close();
    }

    private static void eventually(Runnable assertion) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(assertion::run);
    }

    private static TextFormField text(SchemaFormModel form, String path) {
        return (TextFormField) form.field(path).orElseThrow();
    }

    private static SchemaFormModel openForm(dev.gatehouse.app.pages.entities.EntityPageViewModel model, Runnable open) {
        open.run();
        eventually(() -> assertThat(model.formProperty().get()).isNotNull());
        return model.formProperty().get();
    }

    @Test
    void createsACertificateWithSnisAndNeverBringsItsKeyBackIntoTheForm() throws Exception {
        TestCertificates pair = TestCertificates.selfSigned(dir, "shop.example.com", Duration.ofDays(12));
        String cert = Files.readString(pair.certificate());
        String key = Files.readString(pair.privateKey());
        CertificatesViewModel model =
                new CertificatesViewModel(messages, connection, page -> {}, dialogs, UiExecutor.DIRECT);
        model.reload();
        eventually(() -> assertThat(model.loadingProperty().get()).isFalse());
        assertThat(model.unavailableProperty().get()).isEmpty();

        SchemaFormModel form = openForm(model, model::startCreate);
        assertThat(form.primaryFields()).extracting(FormField::name).startsWith("cert", "key", "snis", "tags");
        assertThat(form.isMultiline(form.field("cert").orElseThrow())).isTrue();
        assertThat(form.field("key").orElseThrow().schema().isSecret()).isTrue();
        text(form, "cert").textProperty().set(cert);
        text(form, "key").textProperty().set(key);
        ListFormField snis = (ListFormField) form.field("snis").orElseThrow();
        snis.add("shop.example.com");
        snis.add("*.shop.example.com");
        model.submit();
        eventually(() -> assertThat(model.formProperty().get()).isNull());

        ObjectNode saved = model.selectedProperty().get();
        assertThat(model.label(saved)).isEqualTo("shop.example.com");
        ObjectNode stored = kong.get("/certificates/" + Rows.text(saved, "id")).join();
        assertThat(Rows.list(stored, "snis")).containsExactlyInAnyOrder("shop.example.com", "*.shop.example.com");
        assertThat(kong.get("/snis/shop.example.com")
                        .join()
                        .path("certificate")
                        .path("id")
                        .asText())
                .isEqualTo(Rows.text(saved, "id"));

        model.reload();
        eventually(() -> assertThat(model.items()).hasSize(1));
        ObjectNode row = model.items().getFirst();
        CertificateInfo info = CertificatesViewModel.info(row).orElseThrow();
        assertThat(info.commonName()).isEqualTo("shop.example.com");
        assertThat(info.keyType()).isEqualTo("EC P-256");
        assertThat(info.expiry(model.clock().instant())).isEqualTo(CertificateInfo.Expiry.EXPIRES_SOON);
        assertThat(ExpiryChip.text(messages, Optional.of(info), model.clock().instant()))
                .matches("\\d{4}-\\d{2}-\\d{2}, in 1[12] days");
        assertThat(Rows.list(row, "snis")).contains("*.shop.example.com");

        // The filter finds it by SNI and subject, never by a piece of the key.
        model.filterProperty().set("*.shop");
        assertThat(model.filtered()).hasSize(1);
        String keyBody =
                key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        model.filterProperty().set(keyBody.substring(8, 30));
        assertThat(model.filtered()).isEmpty();
        model.filterProperty().set("");

        // Editing: the key is not in the form; saving other changes leaves the stored key as it was.
        model.selectedProperty().set(row);
        SchemaFormModel edit = openForm(model, model::startEdit);
        assertThat(text(edit, "key").textProperty().get()).isNullOrEmpty();
        assertThat(text(edit, "cert").textProperty().get()).contains("BEGIN CERTIFICATE");
        assertThat(edit.patchBody().has("key")).isFalse();
        ((ListFormField) edit.field("snis").orElseThrow()).add("api.shop.example.com");
        assertThat(edit.patchBody().has("key")).isFalse();
        model.submit();
        eventually(() -> assertThat(model.formProperty().get()).isNull());
        ObjectNode after = kong.get("/certificates/" + Rows.text(saved, "id")).join();
        assertThat(Rows.list(after, "snis")).contains("api.shop.example.com");
        assertThat(after.path("key").asText().strip()).isEqualTo(key.strip());

        // Days later the same certificate has expired, and says so.
        CertificatesViewModel later = new CertificatesViewModel(
                messages,
                connection,
                page -> {},
                dialogs,
                UiExecutor.DIRECT,
                Clock.fixed(info.notAfter().plus(Duration.ofDays(1)), ZoneOffset.UTC));
        assertThat(info.expiry(later.clock().instant())).isEqualTo(CertificateInfo.Expiry.EXPIRED);
        assertThat(ExpiryChip.text(messages, Optional.of(info), later.clock().instant()))
                .endsWith(", expired");
    }

    @Test
    void listsCaCertificatesBySubjectExpiryAndKongsDigest() throws Exception {
        TestCertificates ca = TestCertificates.selfSigned(dir, "Shop Root CA", Duration.ofDays(400));
        String cert = Files.readString(ca.certificate());
        CaCertificatesViewModel model =
                new CaCertificatesViewModel(messages, connection, page -> {}, dialogs, UiExecutor.DIRECT);
        model.reload();
        eventually(() -> assertThat(model.loadingProperty().get()).isFalse());

        SchemaFormModel form = openForm(model, model::startCreate);
        assertThat(form.field("cert_digest")).isEmpty();
        text(form, "cert").textProperty().set(cert);
        model.submit();
        eventually(() -> assertThat(model.formProperty().get()).isNull());

        ObjectNode row = model.selectedProperty().get();
        assertThat(model.label(row)).isEqualTo("Shop Root CA");
        String digest = kong.get("/ca_certificates/" + Rows.text(row, "id"))
                .join()
                .path("cert_digest")
                .asText();
        assertThat(digest).hasSize(64);
        assertThat(CaCertificatesViewModel.digest(row)).isEqualTo(digest);
        assertThat(CertificatesViewModel.info(row).orElseThrow().sha256()).isEqualTo(digest);
        assertThat(CertificatesViewModel.info(row)
                        .orElseThrow()
                        .expiry(model.clock().instant()))
                .isEqualTo(CertificateInfo.Expiry.VALID);
        model.filterProperty().set(digest.substring(0, 10));
        assertThat(model.filtered()).hasSize(1);
    }
}
