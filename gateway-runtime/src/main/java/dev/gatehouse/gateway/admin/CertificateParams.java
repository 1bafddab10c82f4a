package dev.gatehouse.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gatehouse.gateway.dao.EntityDao;
import dev.gatehouse.gateway.dao.EntityKey;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.store.Store;
import dev.gatehouse.gateway.store.StoredEntity;
import java.util.Map;
import java.util.UUID;

/**
 * Kong's {@code kong/api/routes/certificates.lua} and {@code snis.lua}: a certificate is named in a path by its id
 * or by one of its SNIs ({@code prepare_params}; an unknown SNI is a 404 {@code SNI not found}, except that PUT
 * creates a certificate with that SNI), a PUT or PATCH body's {@code snis} is completed with that name
 * ({@code prepare_args}), and {@code /snis/{sni}/certificate} is disabled.
 */
final class CertificateParams {

    private static final String PARAM = "certificates";

    private final Store store;
    private final EntityDao dao;

    CertificateParams(Store store, EntityDao dao) {
        this.store = store;
        this.dao = dao;
    }

    void register(Router router) {
        if (dao.schemas().get(PARAM) == null || dao.schemas().get("snis") == null) {
            return;
        }
        for (String template : router.templates()) {
            if (template.equals("/certificates/:certificates") || template.startsWith("/certificates/:certificates/")) {
                boolean entity = template.equals("/certificates/:certificates");
                Map<String, Router.Handler> methods = router.endpoint(template).methods;
                methods.replaceAll((method, h) -> c -> {
                    String name = resolve(c, method);
                    if (c.param(PARAM) == null) {
                        return AdminResponse.message(404, "SNI not found");
                    }
                    if (entity && (method.equals("PUT") || method.equals("PATCH"))) {
                        completeSnis(c, method, name);
                    }
                    return h.handle(c);
                });
            }
        }
        for (String method : new String[] {"GET", "PUT", "PATCH", "DELETE"}) {
            router.add("/snis/:snis/certificate", method, c -> AdminResponse.notFound());
        }
    }

    /** Replaces an SNI in the path with its certificate's id; returns the SNI name, or null for an id. */
    private String resolve(Call c, String method) {
        String raw = c.param(PARAM);
        if (EntityKey.isUuid(raw)) {
            return null;
        }
        StoredEntity sni = dao.select(store.snapshot(), dao.schemas().get("snis"), EntityKey.parse(raw));
        if (sni != null) {
            c.params.put(PARAM, sni.body().path("certificate").path("id").asText());
        } else if (method.equals("PUT")) {
            c.params.put(PARAM, UUID.randomUUID().toString());
        } else {
            c.params.remove(PARAM);
        }
        return raw;
    }

    /** Kong's {@code prepare_args}: a string becomes a list, and a PUT by SNI keeps that SNI (absent: null). */
    private static void completeSnis(Call c, String method, String name) {
        boolean put = method.equals("PUT");
        JsonNode snis = c.postArgs.get("snis");
        if (snis != null && snis.isArray()) {
            boolean found = false;
            for (JsonNode n : snis) {
                found |= name != null && name.equals(n.asText());
            }
            if (!found && name != null && put) {
                ((ArrayNode) snis).add(name);
            }
        } else if (snis != null && snis.isTextual()) {
            ArrayNode list = Json.array().add(snis.textValue());
            if (name != null && put && !name.equals(snis.textValue())) {
                list.add(name);
            }
            c.postArgs.set("snis", list);
        } else if (snis == null && put) {
            c.postArgs.putNull("snis");
        }
    }
}
