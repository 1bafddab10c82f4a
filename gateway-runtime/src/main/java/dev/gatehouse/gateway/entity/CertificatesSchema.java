package dev.gatehouse.gateway.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.schema.EntityCheck;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import dev.gatehouse.gateway.tls.Pem;
import java.security.cert.X509Certificate;
import java.util.List;

/** The {@code certificates} entity (Kong's {@code kong/db/schema/entities/certificates.lua}). */
public final class CertificatesSchema {

    public static final String MISMATCH = "certificate does not match key";
    public static final String ALT_MISMATCH = "alternative certificate does not match key";
    public static final String SAME_TYPE = "certificate and alternative certificate need to have different type (e.g."
            + " RSA and ECDSA), the provided certificates were both of the same type";

    public static final Schema SCHEMA = Schema.builder("certificates")
            .field("id", Typedefs.UUID)
            .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("updated_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("cert", Typedefs.CERTIFICATE.with().required(true).referenceable())
            .field("key", Typedefs.KEY.with().required(true).referenceable().encrypted())
            .field("cert_alt", Typedefs.CERTIFICATE.with().required(false).referenceable())
            .field(
                    "key_alt",
                    Typedefs.KEY.with().required(false).referenceable().encrypted())
            .field("tags", Typedefs.TAGS)
            .field(
                    "snis",
                    Field.builder(FieldType.ARRAY)
                            .elements(Typedefs.WILDCARD_HOST)
                            .required(false)
                            .transientField())
            .entityCheck(new EntityCheck.MutuallyRequired(List.of("cert_alt", "key_alt")))
            .entityCheck(new EntityCheck.Custom(
                    List.of("cert", "key"), false, e -> pairError(e.get("cert"), e.get("key"), MISMATCH)))
            .entityCheck(new EntityCheck.Custom(
                    List.of("cert_alt", "key_alt"),
                    false,
                    e -> pairError(e.get("cert_alt"), e.get("key_alt"), ALT_MISMATCH)))
            .entityCheck(new EntityCheck.Custom(List.of("cert", "cert_alt"), false, CertificatesSchema::sameType))
            .build();

    private CertificatesSchema() {}

    /** The message when both are PEM text and the key is not the certificate's; null otherwise. */
    private static String pairError(JsonNode cert, JsonNode key, String message) {
        if (cert == null || key == null || !cert.isTextual() || !key.isTextual()) {
            return null;
        }
        try {
            X509Certificate leaf = Pem.certificates(cert.textValue()).get(0);
            return Pem.matches(leaf.getPublicKey(), Pem.privateKey(key.textValue())) ? null : message;
        } catch (Pem.PemException e) {
            return message;
        }
    }

    private static String sameType(ObjectNode e) {
        JsonNode cert = e.get("cert");
        JsonNode alt = e.get("cert_alt");
        if (cert == null || alt == null || !cert.isTextual() || !alt.isTextual()) {
            return null;
        }
        try {
            String a = Pem.family(
                    Pem.certificates(cert.textValue()).get(0).getPublicKey().getAlgorithm());
            String b = Pem.family(
                    Pem.certificates(alt.textValue()).get(0).getPublicKey().getAlgorithm());
            return a.equals(b) ? SAME_TYPE : null;
        } catch (Pem.PemException ex) {
            return null;
        }
    }
}
