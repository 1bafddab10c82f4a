package dev.gatehouse.gateway.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.gateway.entity.VaultsSchema;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.StoredEntity;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Resolves vault references as Kong's {@code kong.vault.get} does ({@code kong/pdk/vault.lua}): the reference's host
 * is a bundled vault's name ({@code env}, with its default configuration) or the {@code prefix} of a {@code vaults}
 * entity of the configuration (with that entity's {@code config}); the reference's query overrides that
 * configuration; the {@code env} vault ({@code kong/vaults/env/init.lua}) reads the environment variable named by
 * {@code config.prefix} and the resource, upper-cased with dashes as underscores ({@code _PREVIOUS} for version 2);
 * a key reads one string of a flat JSON secret.
 */
public final class Vaults {

    /** Kong's env vault's {@code prefix} rule. */
    private static final Pattern ENV_PREFIX = Pattern.compile("^[A-Za-z_-][A-Za-z0-9_-]*$");

    private final UnaryOperator<String> environment;

    /** @param environment the process environment ({@code System::getenv}) */
    public Vaults(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** The secret a reference names in this configuration, or a {@link VaultException} with Kong's reason. */
    public String get(String reference, Snapshot snapshot) {
        VaultReference ref;
        try {
            ref = VaultReference.parse(reference);
        } catch (IllegalArgumentException e) {
            throw new VaultException(e.getMessage());
        }
        String prefix = null;
        if (!VaultsSchema.BUNDLED.contains(ref.name())) {
            StoredEntity vault = snapshot.findUnique("vaults", "prefix", TextNode.valueOf(ref.name()));
            if (vault == null) {
                throw new VaultException("could not find vault (" + ref.name() + ")");
            }
            String name = vault.body().path("name").asText();
            if (!VaultsSchema.BUNDLED.contains(name)) {
                throw new VaultException("vault " + name + " is not installed");
            }
            JsonNode p = vault.body().path("config").get("prefix");
            prefix = p == null || p.isNull() ? null : p.asText();
        }
        String override = ref.config().get("prefix");
        if (override != null && ENV_PREFIX.matcher(override).matches()) {
            prefix = override; // Kong keeps only the query parameters its schema validates
        }
        String variable = ((prefix == null ? "" : prefix) + ref.resource())
                .replace('-', '_')
                .toUpperCase(Locale.ROOT);
        if (ref.version() != null && ref.version() == 2) {
            variable += "_PREVIOUS";
        }
        String value = environment.apply(variable);
        if (value == null) {
            throw new VaultException("no value found");
        }
        return ref.key() == null ? value : subfield(value, ref.key());
    }

    /** Kong's {@code extract_key_from_json_string}: a string at the top level of a JSON object. */
    private static String subfield(String json, String key) {
        JsonNode doc;
        try {
            doc = Json.parse(json);
        } catch (RuntimeException e) {
            doc = null;
        }
        if (doc == null || !doc.isObject()) {
            throw new VaultException("could not get subfield value: unable to json decode value");
        }
        JsonNode v = doc.get(key);
        if (v == null || v.isNull()) {
            throw new VaultException("could not get subfield value: subfield " + key + " not found in JSON secret");
        }
        if (!v.isTextual()) {
            throw new VaultException("could not get subfield value: unexpected " + luaType(v) + " value in JSON secret"
                    + " for subfield " + key);
        }
        return v.textValue();
    }

    private static String luaType(JsonNode v) {
        return v.isNumber() ? "number" : v.isBoolean() ? "boolean" : "table";
    }
}
