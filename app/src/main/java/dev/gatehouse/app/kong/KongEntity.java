package dev.gatehouse.app.kong;

/**
 * The Kong entities the console manages, with their Admin API names (kong/api/endpoints.lua generates the
 * endpoints from these) and the endpoint key that may stand in for the id in a URL.
 */
public enum KongEntity {
    SERVICES("services", "services", "name"),
    ROUTES("routes", "routes", "name"),
    CONSUMERS("consumers", "consumers", "username"),
    PLUGINS("plugins", "plugins", "instance_name"),
    /** kong/plugins/key-auth/daos.lua: admin_api_name "key-auths", nested name "key-auth", endpoint_key "key". */
    KEY_AUTHS("key-auths", "keyauth_credentials", "key");

    private final String path;
    private final String schemaName;
    private final String endpointKey;

    KongEntity(String path, String schemaName, String endpointKey) {
        this.path = path;
        this.schemaName = schemaName;
        this.endpointKey = endpointKey;
    }

    /** The collection's path segment, e.g. {@code routes}. */
    public String path() {
        return path;
    }

    /** The DAO name used by {@code /schemas/{name}} and declarative files. */
    public String schemaName() {
        return schemaName;
    }

    /** The field that identifies an entity by name in URLs: name, username, instance_name or key. */
    public String endpointKey() {
        return endpointKey;
    }
}
