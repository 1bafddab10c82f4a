package dev.gatehouse.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.AdminClient.Resp;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.TestPki;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Certificates and SNIs on the Admin API and in decK files, after Kong's
 * {@code spec/02-integration/04-admin_api/06-certificates_routes_spec.lua} (messages, status codes, the {@code snis}
 * shorthand) and {@code kong/db/dao/certificates.lua}.
 */
class CertificatesAdminTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private static final TestPki.Issued RSA = TestPki.selfSigned(true, "rsa.test");
    private static final TestPki.Issued EC = TestPki.selfSigned(false, "ec.test");
    private static final TestPki.Issued OTHER_EC = TestPki.selfSigned(false, "other.test");

    private final AdminClient api = GW.admin();

    private static String name() {
        return "n-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    private Resp create(Object... snis) {
        return api.post("/certificates", Map.of("cert", RSA.certPem(), "key", RSA.keyPem(), "snis", List.of(snis)));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void createsACertificateWithSortedSnisAndFindsItByIdOrSni() {
        String a = "b-" + name();
        String b = "a-" + name();
        Resp r = create(a, b);
        assertThat(r.status()).isEqualTo(201);
        String id = r.json().get("id").asText();
        assertThat(texts(r.json().get("snis"))).containsExactly(b, a);
        assertThat(r.json().get("cert").asText()).isEqualTo(RSA.certPem());
        assertThat(r.json().get("key").asText()).isEqualTo(RSA.keyPem()); // Kong returns the key too
        assertThat(r.json().get("cert_alt").isNull()).isTrue();

        Resp byId = api.get("/certificates/" + id);
        Resp bySni = api.get("/certificates/" + a);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(bySni.json()).isEqualTo(byId.json());
        assertThat(texts(byId.json().get("snis"))).containsExactly(b, a);

        Resp sni = api.get("/snis/" + a);
        assertThat(sni.status()).isEqualTo(200);
        assertThat(sni.json().get("certificate").get("id").asText()).isEqualTo(id);

        JsonNode listed = null;
        for (JsonNode c : api.get("/certificates?size=1000").json().get("data")) {
            if (c.get("id").asText().equals(id)) {
                listed = c;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(texts(listed.get("snis"))).containsExactly(b, a);

        Resp none = api.post("/certificates", Map.of("cert", RSA.certPem(), "key", RSA.keyPem()));
        assertThat(none.status()).isEqualTo(201);
        assertThat(none.text()).contains("\"snis\":[]");
    }

    @Test
    void formsAndMultipartBodiesAndSchemaValidation() {
        String n1 = "b-" + name();
        String n2 = "a-" + name();
        Resp form = api.form(
                "POST", "/certificates", "cert", EC.certPem(), "key", EC.keyPem(), "snis[1]", n1, "snis[2]", n2);
        assertThat(form.status()).as(form.text()).isEqualTo(201);
        assertThat(texts(form.json().get("snis"))).containsExactly(n2, n1);
        String n3 = name();
        Resp multipart = api.multipart("POST", "/certificates", "cert", EC.certPem(), "key", EC.keyPem(), "snis", n3);
        assertThat(multipart.status()).as(multipart.text()).isEqualTo(201);
        assertThat(texts(multipart.json().get("snis"))).containsExactly(n3);

        Resp valid = api.post("/schemas/certificates/validate", Map.of("cert", RSA.certPem(), "key", RSA.keyPem()));
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.json().get("message").asText()).isEqualTo("schema validation successful");
        Resp invalid = api.post("/schemas/certificates/validate", Map.of("cert", RSA.certPem(), "key", EC.keyPem()));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(api.get("/schemas/certificates").json().toString()).contains("\"transient\":true");
    }

    @Test
    void refusesDuplicatedAndTakenSnis() {
        String n1 = name();
        String n2 = name();
        Resp dup = create(n1, n2, n1);
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.json().get("message").asText()).isEqualTo("schema violation (snis: " + n1 + " is duplicated)");
        assertThat(api.get("/snis/" + n2).status()).isEqualTo(404);

        Resp first = create(n1);
        assertThat(first.status()).isEqualTo(201);
        Resp taken = create(n1, n2);
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.json().get("message").asText())
                .isEqualTo("schema violation (snis: " + n1 + " already associated with existing certificate '"
                        + first.json().get("id").asText() + "')");
        assertThat(api.get("/snis/" + n2).status()).isEqualTo(404);

        Resp nested = api.post("/certificates/" + first.json().get("id").asText() + "/snis", Map.of("name", n1));
        assertThat(nested.status()).isEqualTo(409);
        assertThat(nested.json().get("name").asText()).isEqualTo("unique constraint violation");
    }

    @Test
    void validatesPemAndKeyPairsWithKongsMessages() {
        Resp empty = api.put("/certificates/" + UUID.randomUUID(), Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("message").asText())
                .isEqualTo("2 schema violations (cert: required field missing; key: required field missing)");

        Resp mismatch = api.post("/certificates", Map.of("cert", RSA.certPem(), "key", EC.keyPem()));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().get("message").asText())
                .isEqualTo("schema violation (certificate does not match key)");
        assertThat(texts(mismatch.json().get("fields").get("@entity")))
                .containsExactly("certificate does not match key");

        Resp altAlone =
                api.post("/certificates", Map.of("cert", RSA.certPem(), "key", RSA.keyPem(), "cert_alt", EC.certPem()));
        assertThat(altAlone.json().get("message").asText())
                .isEqualTo("schema violation (all or none of these fields must be set: 'cert_alt', 'key_alt')");

        Resp altMismatch = api.post(
                "/certificates",
                Map.of(
                        "cert",
                        RSA.certPem(),
                        "key",
                        RSA.keyPem(),
                        "cert_alt",
                        EC.certPem(),
                        "key_alt",
                        OTHER_EC.keyPem()));
        assertThat(altMismatch.json().get("message").asText())
                .isEqualTo("schema violation (alternative certificate does not match key)");

        Resp sameType = api.post(
                "/certificates",
                Map.of(
                        "cert",
                        EC.certPem(),
                        "key",
                        EC.keyPem(),
                        "cert_alt",
                        OTHER_EC.certPem(),
                        "key_alt",
                        OTHER_EC.keyPem()));
        assertThat(sameType.json().get("message").asText())
                .isEqualTo("schema violation (certificate and alternative certificate need to have different type"
                        + " (e.g. RSA and ECDSA), the provided certificates were both of the same type)");

        Resp both = api.post(
                "/certificates",
                Map.of("cert", RSA.certPem(), "key", RSA.keyPem(), "cert_alt", EC.certPem(), "key_alt", EC.keyPem()));
        assertThat(both.status()).isEqualTo(201);
        assertThat(both.json().get("key_alt").asText()).isEqualTo(EC.keyPem());

        Resp garbage = api.post("/certificates", Map.of("cert", "not a certificate", "key", "not a key"));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("fields").get("cert").asText()).startsWith("invalid certificate: ");
        assertThat(garbage.json().get("fields").get("key").asText()).startsWith("invalid key: ");
    }

    @Test
    void putAndPatchBySniKeepTheListAsKongDoes() {
        Resp missing = api.get("/certificates/" + name());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("message").asText()).isEqualTo("SNI not found");

        String n1 = name();
        String n2 = name();
        Resp put =
                api.put("/certificates/" + n1, Map.of("cert", RSA.certPem(), "key", RSA.keyPem(), "snis", List.of(n2)));
        assertThat(put.status()).isEqualTo(200);
        List<String> expected = new ArrayList<>(List.of(n1, n2));
        expected.sort(null);
        assertThat(texts(put.json().get("snis"))).containsExactlyElementsOf(expected);
        String id = put.json().get("id").asText();

        String n3 = name();
        Resp patch = api.patch("/certificates/" + n1, Map.of("snis", List.of(n3)));
        assertThat(patch.status()).isEqualTo(200);
        assertThat(texts(patch.json().get("snis"))).containsExactly(n3);
        assertThat(api.get("/snis/" + n1).status()).isEqualTo(404);
        assertThat(api.get("/certificates/" + n3).json().get("id").asText()).isEqualTo(id);

        Resp unchanged = api.patch("/certificates/" + id, Map.of("tags", List.of("edge")));
        assertThat(texts(unchanged.json().get("snis"))).containsExactly(n3);
        assertThat(texts(api.get("/certificates?tags=edge")
                        .json()
                        .get("data")
                        .get(0)
                        .get("tags")))
                .containsExactly("edge");

        Resp replaced = api.put("/certificates/" + id, Map.of("cert", EC.certPem(), "key", EC.keyPem()));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("snis")).isEmpty();
        assertThat(api.get("/snis/" + n3).status()).isEqualTo(404);
    }

    @Test
    void wildcardSnisAndTheDisabledCertificateEndpoint() {
        String cert = create().json().get("id").asText();
        String base = name();
        Resp prefix = api.post("/snis", Map.of("name", "*." + base, "certificate", Map.of("id", cert)));
        assertThat(prefix.status()).isEqualTo(201);
        Resp suffix = api.post("/snis", Map.of("name", base + ".*", "certificate", Map.of("id", cert)));
        assertThat(suffix.status()).isEqualTo(201);
        Resp bad = api.post("/snis", Map.of("name", "*.wildcard.*", "certificate", Map.of("id", cert)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("name").asText()).isEqualTo("only one wildcard must be specified");
        Resp middle = api.post("/snis", Map.of("name", "a.*.test", "certificate", Map.of("id", cert)));
        assertThat(middle.json().get("fields").get("name").asText())
                .isEqualTo("wildcard must be leftmost or rightmost character");
        assertThat(api.get("/snis/%2A." + base).json().get("name").asText()).isEqualTo("*." + base);
        assertThat(api.get("/snis/" + prefix.json().get("id").asText() + "/certificate")
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/certificates/" + cert + "/snis").json().get("data"))
                .hasSize(2);
    }

    @Test
    void deletingACertificateDeletesItsSnis() {
        String n1 = name();
        String n2 = name();
        String id = create(n1, n2).json().get("id").asText();
        assertThat(api.delete("/certificates/" + n1).status()).isEqualTo(204);
        assertThat(api.get("/certificates/" + id).status()).isEqualTo(404);
        assertThat(api.get("/snis/" + n2).status()).isEqualTo(404);

        String inUse = create().json().get("id").asText();
        Resp svc = api.post(
                "/services",
                Map.of(
                        "name",
                        "mtls-" + UUID.randomUUID(),
                        "url",
                        "https://example.test",
                        "client_certificate",
                        Map.of("id", inUse)));
        assertThat(svc.status()).isEqualTo(201);
        Resp refused = api.delete("/certificates/" + inUse);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText())
                .isEqualTo("an existing 'services' entity references this 'certificates' entity");
        assertThat(api.delete("/services/" + svc.json().get("id").asText()).status())
                .isEqualTo(204);
    }

    @Test
    void decKFilesNestSnisUnderTheirCertificate() throws Exception {
        String n1 = name();
        String yaml = "_format_version: \"3.0\"\ncertificates:\n- cert: |\n" + indent(RSA.certPem()) + "  key: |\n"
                + indent(RSA.keyPem()) + "  tags: [deck]\n  snis:\n  - name: " + n1 + "\n  - name: \"*.wild-" + n1
                + "\"\n";
        Resp loaded = api.raw("POST", "/config", "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(loaded.status()).as(loaded.text()).isEqualTo(201);
        Resp cert = api.get("/certificates/" + n1);
        assertThat(cert.status()).isEqualTo(200);
        assertThat(texts(cert.json().get("snis"))).containsExactly("*.wild-" + n1, n1);
        assertThat(cert.json().get("key").asText()).isEqualTo(RSA.keyPem());

        JsonNode export = new YAMLMapper()
                .readTree(api.get("/config").json().get("config").asText());
        JsonNode exported = export.get("certificates").get(0);
        assertThat(exported.has("snis")).isTrue();
        assertThat(exported.get("snis").get(0).get("name").asText()).isEqualTo("*.wild-" + n1);
        assertThat(exported.get("snis").get(0).has("certificate")).isFalse();

        String again = api.get("/config").json().get("config").asText();
        Resp reloaded = api.raw("POST", "/config", "application/yaml", again.getBytes(StandardCharsets.UTF_8));
        assertThat(reloaded.status()).as(reloaded.text()).isEqualTo(201);
        ObjectNode reread = (ObjectNode) api.get("/certificates/" + n1).json();
        ObjectNode before = (ObjectNode) cert.json().deepCopy();
        reread.remove("updated_at"); // a reload is a new write: decK files carry no updated_at
        before.remove("updated_at");
        assertThat(reread).isEqualTo(before);

        String dup = yaml + "- cert: |\n" + indent(EC.certPem()) + "  key: |\n" + indent(EC.keyPem())
                + "  snis:\n  - name: " + n1 + "\n";
        Resp clash = api.raw("POST", "/config", "application/yaml", dup.getBytes(StandardCharsets.UTF_8));
        assertThat(clash.status()).isEqualTo(400);
        assertThat(clash.text()).contains("uniqueness violation: 'snis' entity with name set to '" + n1 + "'");
    }

    private static String indent(String pem) {
        StringBuilder b = new StringBuilder();
        for (String line : pem.split("\n")) {
            b.append("    ").append(line.stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
