package dev.gatehouse.gateway.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.admin.AdminApi;
import dev.gatehouse.gateway.admin.AdminRequest;
import dev.gatehouse.gateway.admin.AdminResponse;
import dev.gatehouse.gateway.dao.EntityDao;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.store.Store;
import dev.gatehouse.gateway.store.StoredEntity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /config} (the configuration as a decK YAML document in {@code {"config": ...}}) and
 * {@code POST /config} (replace everything, all or nothing; 201 with the loaded entities by type and id), with
 * Kong's {@code flatten_errors} and {@code check_hash} options ({@code kong/api/routes/config.lua}).
 */
public final class ConfigEndpoint implements AdminApi.Extension {

    static final String HASH_KEY = "config_hash";

    private final Store store;
    private final EntityDao dao;
    private final DeclarativeLoader loader;
    private final DeclarativeExporter exporter;

    public ConfigEndpoint(Store store, EntityDao dao) {
        this.store = store;
        this.dao = dao;
        this.loader = new DeclarativeLoader(dao.schemas(), store.clock());
        this.exporter = new DeclarativeExporter(dao.schemas());
    }

    @Override
    public void register(AdminApi.Registrar r) {
        r.add("/config", "GET", (req, uri, post, json) -> {
            ObjectNode o = Json.object();
            o.put("config", exporter.exportYaml(store.snapshot()));
            return AdminResponse.of(200, o);
        });
        r.add("/config", "POST", this::post);
    }

    private AdminResponse post(AdminRequest req, ObjectNode uri, ObjectNode post, boolean json) {
        ObjectNode params = post.deepCopy();
        boolean flatten = truthy(params.remove("flatten_errors")) || truthy(uri.get("flatten_errors"));
        JsonNode checkHashArg = params.remove("check_hash");
        boolean checkHash = "1".equals(text(checkHashArg)) || "1".equals(text(uri.get("check_hash")));

        ObjectNode config;
        String hash = null;
        if (params.has("_format_version")) {
            config = params;
            hash = md5(Json.writeBytes(params));
        } else if (params.has("config") && params.get("config").isTextual()) {
            byte[] content = params.get("config").textValue().getBytes(StandardCharsets.UTF_8);
            hash = md5(content);
            config = DeclarativeLoader.read(content);
        } else if (json) {
            config = params; // Kong then reports the missing _format_version
            hash = md5(req.body());
        } else if (req.body().length > 0 && params.isEmpty()) {
            hash = md5(req.body());
            config = DeclarativeLoader.read(req.body());
        } else {
            return AdminResponse.message(400, "expected a declarative configuration");
        }
        if (checkHash && hash.equals(store.contentMeta(HASH_KEY))) {
            return AdminResponse.empty(304);
        }
        DeclarativeLoader.Parsed parsed = loader.parse(config, flatten);
        String fileHash = hash;
        // the answer is built before the transaction commits: if that fails, nothing was replaced
        return store.write(tx -> {
            loader.replace(tx, parsed);
            tx.contentMeta(HASH_KEY, fileHash); // any later change (Admin API, TTL purge) forgets it: no stale 304
            ObjectNode out = Json.object();
            for (Map.Entry<String, List<StoredEntity>> e : parsed.entities().entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                Schema s = dao.schemas().get(e.getKey());
                ObjectNode byId = out.putObject(e.getKey());
                for (StoredEntity se : e.getValue()) {
                    byId.set(se.id(), dao.render(s, se, tx.nowSeconds()));
                }
            }
            return AdminResponse.of(201, out);
        });
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isArray() && n.size() > 0 ? n.get(0).asText() : n.asText();
    }

    /** Kong's {@code truthy}: true, 1, "true", "1", "on", "yes". */
    static boolean truthy(JsonNode n) {
        if (n == null || n.isNull()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber()) {
            return n.intValue() == 1;
        }
        String s = text(n);
        return s != null && List.of("true", "1", "on", "yes").contains(s.toLowerCase(java.util.Locale.ROOT));
    }

    static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
