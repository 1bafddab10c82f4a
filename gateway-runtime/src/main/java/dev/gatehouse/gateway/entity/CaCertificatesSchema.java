package dev.gatehouse.gateway.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.schema.EntityCheck;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Transformation;
import dev.gatehouse.gateway.schema.Typedefs;
import dev.gatehouse.gateway.tls.Pem;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** The {@code ca_certificates} entity (Kong's {@code kong/db/schema/entities/ca_certificates.lua}). */
public final class CaCertificatesSchema {

    private static final String CERT_TAG = "-----BEGIN CERTIFICATE-----";

    public static final Schema SCHEMA = Schema.builder("ca_certificates")
            .field("id", Typedefs.UUID)
            .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("updated_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("cert", Typedefs.CERTIFICATE.with().required(true))
            .field("cert_digest", Field.string().unique())
            .field("tags", Typedefs.TAGS)
            .transformation(new Transformation(List.of("cert"), List.of(), CaCertificatesSchema::digest))
            .entityCheck(new EntityCheck.Custom(List.of("cert"), false, CaCertificatesSchema::check))
            .build();

    private CaCertificatesSchema() {}

    /** Kong's {@code on_write}: {@code cert_digest} is the hex SHA-256 of the certificate. */
    private static ObjectNode digest(List<JsonNode> args) {
        ObjectNode out = Json.object();
        try {
            out.put(
                    "cert_digest",
                    Pem.sha256Hex(Pem.certificates(args.get(0).asText()).get(0)));
        } catch (Pem.PemException e) {
            out.putNull("cert_digest"); // the validator has refused it already
        }
        return out;
    }

    private static String check(ObjectNode e) {
        JsonNode cert = e.get("cert");
        if (cert == null || !cert.isTextual()) {
            return null;
        }
        String pem = cert.textValue();
        int seen = pem.indexOf(CERT_TAG);
        if (seen >= 0 && pem.indexOf(CERT_TAG, seen + CERT_TAG.length() + 1) >= 0) {
            return "please submit only one certificate at a time";
        }
        X509Certificate x509;
        try {
            x509 = Pem.certificates(pem).get(0);
        } catch (Pem.PemException ex) {
            return null;
        }
        if (x509.getNotAfter().toInstant().isBefore(Instant.now())) {
            return "certificate expired, \"Not After\" time is in the past";
        }
        if (x509.getBasicConstraints() < 0) {
            return "certificate does not appear to be a CA because it is missing the \"CA\" basic constraint";
        }
        return null;
    }
}
