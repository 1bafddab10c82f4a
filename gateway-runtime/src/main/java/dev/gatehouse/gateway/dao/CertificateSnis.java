package dev.gatehouse.gateway.dao;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.gateway.error.Errors;
import dev.gatehouse.gateway.error.KongException;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.store.EntityReader;
import dev.gatehouse.gateway.store.StoredEntity;
import dev.gatehouse.gateway.store.WriteTx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code snis} shorthand of certificates, as Kong's {@code kong/db/dao/certificates.lua} and {@code snis.lua}
 * keep it: a sorted list of names written as SNI entities of the certificate, checked for duplicates and for names
 * another certificate already has.
 */
final class CertificateSnis {

    static final String CERTIFICATES = "certificates";
    private static final String SNIS = "snis";

    private final EntityDao dao;

    CertificateSnis(EntityDao dao) {
        this.dao = dao;
    }

    static boolean applies(Schema schema) {
        return schema.name().equals(CERTIFICATES);
    }

    /** Kong's {@code parse_name_list}: null when absent, empty for null, sorted; a duplicate is a 400. */
    static List<String> names(JsonNode snis) {
        if (snis == null) {
            return null;
        }
        if (snis.isNull()) {
            return new ArrayList<>();
        }
        if (!snis.isArray()) {
            return null; // the schema reports the wrong type
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode n : snis) {
            String name = n.asText();
            if (!seen.add(name)) {
                throw new KongException(Errors.schemaViolation(SNIS, name + " is duplicated"));
            }
            out.add(name);
        }
        out.sort(null);
        return out;
    }

    /** Kong's {@code check_list_is_new}: each name is free or already this certificate's. */
    void checkNew(WriteTx tx, List<String> names, String certificateId) {
        for (String name : names) {
            StoredEntity row = tx.findUnique(SNIS, "name", TextNode.valueOf(name));
            if (row != null) {
                String owner = row.body().path("certificate").path("id").asText(null);
                if (!owner.equals(certificateId)) {
                    throw new KongException(Errors.schemaViolation(
                            SNIS, name + " already associated with existing certificate '" + owner + "'"));
                }
            }
        }
    }

    /** Kong's {@code update_list}: names added as SNIs of the certificate, the ones left out deleted. */
    void replace(WriteTx tx, String certificateId, List<String> names) {
        Schema snis = dao.schemas().get(SNIS);
        List<StoredEntity> current = tx.children(SNIS, "certificate", certificateId);
        Set<String> have = new HashSet<>();
        for (StoredEntity e : current) {
            String name = e.body().path("name").asText();
            if (names.contains(name)) {
                have.add(name);
            } else {
                tx.delete(SNIS, e.id());
            }
        }
        for (String name : names) {
            if (!have.contains(name)) {
                ObjectNode sni = Json.object();
                sni.put("name", name);
                sni.putObject("certificate").put("id", certificateId);
                dao.insert(tx, snis, sni, null);
            }
        }
    }

    /** Every SNI of the certificate goes with it (Kong's certificates DAO deletes them before the certificate). */
    static void deleteAll(WriteTx tx, String certificateId) {
        for (StoredEntity e : tx.children(SNIS, "certificate", certificateId)) {
            tx.delete(SNIS, e.id());
        }
    }

    /** Kong's {@code list_for_certificate}: the names, sorted. */
    static ArrayNode list(EntityReader r, String certificateId) {
        List<String> names = new ArrayList<>();
        for (StoredEntity e : r.children(SNIS, "certificate", certificateId)) {
            names.add(e.body().path("name").asText());
        }
        names.sort(null);
        ArrayNode a = Json.array();
        names.forEach(a::add);
        return a;
    }
}
