package dev.gatehouse.app.kong;

import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntityOwner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Admin API paths of each kind of entity, with ids and names percent-encoded the way Kong decodes them. Kong
 * generates the endpoints from each DAO's names (kong/api/endpoints.lua): key-auth's DAO is
 * {@code keyauth_credentials} with admin_api_name {@code key-auths} and nested name {@code key-auth}
 * (kong/plugins/key-auth/daos.lua); the ACL plugin's is {@code acls} (kong/plugins/acl/daos.lua). Targets have no
 * top-level endpoint: kong/api/routes/upstreams.lua reaches them through their upstream.
 */
final class KongPaths {

    private KongPaths() {}

    /** {@code /routes}. */
    static String collection(EntityKind kind) {
        return "/"
                + switch (kind) {
                    case SERVICES -> "services";
                    case ROUTES -> "routes";
                    case CONSUMERS -> "consumers";
                    case PLUGINS -> "plugins";
                    case KEY_AUTH_CREDENTIALS -> "key-auths";
                    case ACL_GROUPS -> "acls";
                    case UPSTREAMS -> "upstreams";
                    // Kong has no top-level /targets: a target is reached through its upstream (owned()).
                    case TARGETS -> "targets";
                    case CERTIFICATES -> "certificates";
                    case SNIS -> "snis";
                    case CA_CERTIFICATES -> "ca_certificates";
                };
    }

    /** {@code /routes/{id-or-name}}. */
    static String entity(EntityKind kind, String idOrName) {
        return collection(kind) + "/" + segment(idOrName);
    }

    /** {@code /services/{s}/routes}, {@code /consumers/{c}/key-auth}, {@code /routes/{r}/plugins}. */
    static String owned(EntityOwner owner, EntityKind kind) {
        return entity(owner.kind(), owner.id()) + "/"
                + switch (kind) {
                    case KEY_AUTH_CREDENTIALS -> "key-auth";
                    default -> collection(kind).substring(1);
                };
    }

    /** {@code /upstreams/{u}/targets/{t}}: an owned entity through its owner. */
    static String ownedEntity(EntityOwner owner, EntityKind kind, String idOrName) {
        return owned(owner, kind) + "/" + segment(idOrName);
    }

    /** {@code /upstreams/{u}/health}: each target's health (kong/api/routes/upstreams.lua). */
    static String upstreamHealth(String upstream) {
        return entity(EntityKind.UPSTREAMS, upstream) + "/health";
    }

    /** {@code /upstreams/{u}/targets/{t}/healthy} or {@code .../unhealthy}, which Kong takes as a PUT. */
    static String targetHealth(String upstream, String target, boolean healthy) {
        return ownedEntity(new EntityOwner(EntityKind.UPSTREAMS, upstream), EntityKind.TARGETS, target)
                + (healthy ? "/healthy" : "/unhealthy");
    }

    /** The name {@code /schemas/{name}} knows the kind by: its DAO name. */
    static String schemaName(EntityKind kind) {
        return switch (kind) {
            case KEY_AUTH_CREDENTIALS -> "keyauth_credentials";
            default -> collection(kind).substring(1);
        };
    }

    /** One path segment, percent-encoded (spaces as %20, not '+'). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
