package dev.gatehouse.gateway.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.schema.EntityCheck;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldPatch;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Shorthand;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.List;

/** The {@code services} entity (Kong's {@code kong/db/schema/entities/services.lua}). */
public final class ServicesSchema {

    private static final Field NONZERO_TIMEOUT =
            Field.integer().between(1, 2147483646L).build();

    public static final Schema SCHEMA = build();

    private ServicesSchema() {}

    private static Schema build() {
        Schema.Builder b = Schema.builder("services")
                .endpointKey("name")
                .field("id", Typedefs.UUID)
                .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
                .field("updated_at", Typedefs.AUTO_TIMESTAMP_S)
                .field("name", Typedefs.UTF8_NAME)
                .field(
                        "retries",
                        Field.integer()
                                .defaultValue(5)
                                .between(0, 32767)
                                .description("The number of retries to execute upon failure to proxy."))
                .field("protocol", Typedefs.protocol().required(true).defaultValue("http"))
                .field("host", Typedefs.HOST.with().required(true))
                .field("port", Typedefs.PORT.with().required(true).defaultValue(80))
                .field("path", Typedefs.PATH)
                .field(
                        "connect_timeout",
                        NONZERO_TIMEOUT
                                .with()
                                .defaultValue(60000)
                                .description(
                                        "The timeout in milliseconds for establishing a connection to the upstream server."))
                .field(
                        "write_timeout",
                        NONZERO_TIMEOUT
                                .with()
                                .defaultValue(60000)
                                .description(
                                        "The timeout in milliseconds between two successive write operations for transmitting a"
                                                + " request to the upstream server."))
                .field(
                        "read_timeout",
                        NONZERO_TIMEOUT
                                .with()
                                .defaultValue(60000)
                                .description(
                                        "The timeout in milliseconds between two successive read operations for transmitting a"
                                                + " request to the upstream server."))
                .field("tags", Typedefs.TAGS)
                .field(
                        "client_certificate",
                        Field.builder(FieldType.FOREIGN)
                                .reference("certificates")
                                .description(
                                        "Certificate to be used as client certificate while TLS handshaking to the upstream"
                                                + " server."))
                .field(
                        "tls_verify",
                        Field.bool()
                                .description(
                                        "Whether to enable verification of upstream server TLS certificate. If not set, the global"
                                                + " level config `proxy_ssl_verify` will be used."))
                .field(
                        "tls_verify_depth",
                        Field.integer()
                                .defaultValue(Json.nullNode())
                                .between(0, 64)
                                .description(
                                        "Maximum depth of chain while verifying Upstream server's TLS certificate."))
                .field(
                        "ca_certificates",
                        Field.builder(FieldType.ARRAY)
                                .elements(Field.string().uuid().build())
                                .description(
                                        "Array of CA Certificate object UUIDs that are used to build the trust store while"
                                                + " verifying upstream server's TLS certificate."))
                .field(
                        "enabled",
                        Field.bool().required(true).defaultValue(true).description("Whether the Service is active. "));

        b.entityCheck(protocolConditional(List.of("tcp", "tls", "udp", "grpc", "grpcs"), true, "path"));
        for (String f : List.of("client_certificate", "tls_verify", "tls_verify_depth", "ca_certificates")) {
            b.entityCheck(protocolConditional(List.of("https", "tls"), false, f));
        }
        b.shorthand(new Shorthand("url", Field.string().build(), ServicesSchema::expandUrl));
        return b.build();
    }

    private static EntityCheck protocolConditional(List<String> protocols, boolean oneOf, String thenField) {
        ObjectNode ifJson = Json.object();
        var arr = ifJson.putArray(oneOf ? "one_of" : "not_one_of");
        protocols.forEach(arr::add);
        FieldPatch ifMatch = new FieldPatch(
                ifJson,
                f -> oneOf
                        ? f.oneOf(protocols.toArray())
                        : f.notOneOf(protocols.toArray()).oneOf(Typedefs.PROTOCOLS.toArray()));
        ObjectNode thenJson = Json.object();
        thenJson.putNull("eq");
        FieldPatch thenMatch = new FieldPatch(thenJson, Field.Builder::eqNull);
        return new EntityCheck.Conditional("protocol", ifMatch, thenField, thenMatch, null);
    }

    /** The {@code url} shorthand: scheme, host, port and path, as Kong's services.lua derives them. */
    static ObjectNode expandUrl(JsonNode value) {
        String text = value.isNull() ? "userdata: NULL" : value.asText();
        SocketUrl url = SocketUrl.parse(text);
        if (url == null) {
            return null;
        }
        Integer port = null;
        if (url.port() != null) {
            try {
                port = Integer.parseInt(url.port());
            } catch (NumberFormatException e) {
                port = null;
            }
        }
        String implied = port == null ? null : port == 80 ? "http" : port == 443 ? "https" : null;
        String protocol = url.scheme() != null ? url.scheme() : implied != null ? implied : "http";
        ObjectNode out = Json.object();
        out.put("protocol", protocol);
        if (url.host() != null) {
            out.put("host", url.host());
        } else {
            out.putNull("host");
        }
        if (port != null) {
            out.put("port", port);
        } else if (url.port() != null) {
            out.put("port", url.port());
        } else {
            out.put("port", protocol.equals("https") ? 443 : 80);
        }
        if (url.path() != null) {
            out.put("path", url.path());
        } else {
            out.putNull("path");
        }
        return out;
    }
}
