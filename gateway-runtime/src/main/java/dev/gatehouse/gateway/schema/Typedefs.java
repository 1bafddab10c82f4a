package dev.gatehouse.gateway.schema;

import dev.gatehouse.gateway.json.Utf8Text;
import dev.gatehouse.gateway.tls.Pem;
import dev.gatehouse.gateway.uri.UriNormalizer;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Ready-made field types, after Kong's {@code kong/db/schema/typedefs.lua}. */
public final class Typedefs {

    /** Kong's {@code constants.PROTOCOLS} (OSS), sorted as Kong prints them. */
    public static final List<String> PROTOCOLS =
            List.of("grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp");
    /** The protocols of the http subsystem, the default of plugins' {@code protocols}. */
    public static final List<String> HTTP_PROTOCOLS = List.of("grpc", "grpcs", "http", "https");

    private static final Pattern PATH_CHARS = Pattern.compile("^/[A-Za-z0-9.\\-_~/%:@!$&'()*+,;=]*$");
    private static final Pattern PERCENT_TRIPLET = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final Pattern HEADER_NAME = Pattern.compile("^[a-zA-Z0-9\\-_]+$");
    private static final Pattern UTF8_NAME_ASCII = Pattern.compile("^[A-Za-z0-9.\\-_~\\x{80}-\\x{10FFFF}]+$");

    public static final Field UUID = Field.string()
            .uuid()
            .auto()
            .description("A string representing a UUID (universally unique identifier).")
            .build();

    public static final Field AUTO_TIMESTAMP_S = Field.integer()
            .timestamp()
            .auto()
            .description("An integer representing an automatic Unix timestamp in seconds.")
            .build();

    public static final Field UTF8_NAME = Field.string()
            .unique()
            .customValidator(v -> validateUtf8Name(v.textValue()))
            .description("A unique string representing a UTF-8 encoded name.")
            .build();

    public static final Field PROTOCOL = Field.string()
            .oneOf(PROTOCOLS.toArray())
            .description("A string representing a protocol, such as HTTP or HTTPS.")
            .build();

    public static final Field HOST = Field.string()
            .customValidator(v -> HostNames.validateHost(v.textValue()))
            .description("A string representing a host name, such as example.com.")
            .build();

    public static final Field HOST_WITH_OPTIONAL_PORT = Field.string()
            .customValidator(v -> HostNames.validateHostWithOptionalPort(v.textValue()))
            .description("A string representing a host name with an optional port number, such as example.com or"
                    + " example.com:8080.")
            .build();

    public static final Field SNI = Field.string()
            .customValidator(v -> HostNames.validateSni(v.textValue()))
            .description("A string representing an SNI (server name indication) value for TLS.")
            .build();

    public static final Field COOKIE_NAME = Field.string()
            .customValidator(v -> validateCookieName(v.textValue()))
            .description("A string representing an HTTP token defined by RFC 2616.")
            .build();

    public static final Field AUTO_TIMESTAMP_MS = Field.builder(FieldType.NUMBER)
            .timestamp()
            .auto()
            .description("A number representing an automatic Unix timestamp in milliseconds.")
            .build();

    public static final Field PORT = Field.integer()
            .between(0, 65535)
            .description("An integer representing a port number between 0 and 65535, inclusive.")
            .build();

    public static final Field PATH = Field.string()
            .startsWith("/")
            .matchNone("//", "must not have empty segments")
            .customValidator(v -> validatePath(v.textValue()).message())
            .description(
                    "A string representing a URL path, such as /path/to/resource. Must start with a forward slash (/)"
                            + " and must not contain empty segments (i.e., two consecutive forward slashes).")
            .build();

    public static final Field HEADER_NAME_FIELD = Field.string()
            .customValidator(v -> validateHeaderName(v.textValue()))
            .description("A string representing an HTTP header name.")
            .build();

    public static final Field TAG = Field.string()
            .required(true)
            .customValidator(v -> validateTag(v.textValue()))
            .description("A string representing a tag.")
            .build();

    public static final Field TAGS = Field.builder(FieldType.SET)
            .elements(TAG)
            .description("A set of strings representing tags.")
            .build();

    public static final Field PROTOCOLS_FIELD = Field.builder(FieldType.SET)
            .required(true)
            .defaultValue(Field.stringArray(HTTP_PROTOCOLS.toArray(String[]::new)))
            .elements(PROTOCOL)
            .description("A set of strings representing protocols.")
            .build();

    public static final Field PROTOCOLS_HTTP = Field.builder(FieldType.SET)
            .required(true)
            .defaultValue(Field.stringArray(HTTP_PROTOCOLS.toArray(String[]::new)))
            .elements(Field.string().oneOf(HTTP_PROTOCOLS.toArray()).build())
            .description("A set of strings representing HTTP protocols.")
            .build();

    public static final Field HTTP_METHOD = Field.string()
            .match("^%u+$")
            .description(
                    "A string representing an HTTP method, such as GET, POST, PUT, or DELETE. The string must contain"
                            + " only uppercase letters.")
            .build();

    public static final Field METHODS = Field.builder(FieldType.SET)
            .elements(HTTP_METHOD)
            .description("A set of strings representing HTTP methods. Each method must be a valid HTTP method.")
            .build();

    public static final Field HOSTS = Field.builder(FieldType.ARRAY)
            .elements(Field.string()
                    .matchAll("^[^*]*%*?[^*]*$", "invalid wildcard: must have at most one wildcard")
                    .matchAny(
                            "invalid wildcard: must be placed at leftmost or rightmost label",
                            "^%*%.",
                            "%.%*$",
                            "^[^*]*$")
                    .customValidator(v ->
                            HostNames.validateHostWithOptionalPort(v.textValue().replace("*", "abc")))
                    .build())
            .description(
                    "An array of strings representing hosts. A valid host is a string containing one or more labels"
                            + " separated by periods, with at most one wildcard label ('*')")
            .build();

    public static final Field ROUTER_PATH = Field.string()
            .matchAny("should start with: / (fixed path) or ~/ (regex path)", "^/", "^~/")
            .matchNone("//", "must not have empty segments")
            .customValidator(v -> validateRouterPath(v.textValue()))
            .description(
                    "A string representing a router path. It must start with a forward slash ('/') for a fixed path,"
                            + " or the sequence '~/' for a regex path. It must not have empty segments.")
            .build();

    public static final Field ROUTER_PATHS = Field.builder(FieldType.ARRAY)
            .elements(ROUTER_PATH)
            .description("An array of strings representing router paths.")
            .build();

    public static final Field HEADERS = Field.builder(FieldType.MAP)
            .keys(HEADER_NAME_FIELD)
            .values(Field.builder(FieldType.ARRAY)
                    .elements(Field.string().build())
                    .build())
            .description("A map of header names to arrays of header values.")
            .build();

    public static final Field IP_OR_CIDR = Field.string()
            .customValidator(v -> HostNames.isValidIpOrCidr(v.textValue())
                    ? null
                    : "invalid ip or cidr range: '" + v.textValue() + "'")
            .description("A string representing an IP address or CIDR block, such as 192.168.1.1 or 192.168.0.0/16.")
            .build();

    public static final Field SOURCES = Field.builder(FieldType.SET)
            .elements(Field.record(List.of(NamedField.of("ip", IP_OR_CIDR), NamedField.of("port", PORT)))
                    .entityChecks(List.of(new EntityCheck.AtLeastOneOf(List.of("ip", "port"))))
                    .build())
            .description("A set of sources, each of which is a record with at least one of 'ip' or 'port'.")
            .build();

    public static final Field DESTINATIONS = SOURCES.with()
            .description("A set of destinations, each of which is a record with at least one of 'ip' or 'port'.")
            .build();

    public static final Field WILDCARD_HOST = Field.string()
            .customValidator(v -> HostNames.validateWildcardHost(v.textValue()))
            .description("A string representing a wildcard host name, such as *.example.com.")
            .build();

    /** Kong's {@code typedefs.certificate}: PEM text OpenSSL can read as an X.509 certificate. */
    public static final Field CERTIFICATE = Field.string()
            .customValidator(v -> {
                try {
                    Pem.certificates(v.textValue());
                    return null;
                } catch (Pem.PemException e) {
                    return "invalid certificate: x509.new: " + e.getMessage();
                }
            })
            .description("A string representing a certificate.")
            .build();

    /** Kong's {@code typedefs.key}: PEM text OpenSSL can read as a private key. */
    public static final Field KEY = Field.string()
            .customValidator(v -> {
                try {
                    Pem.privateKey(v.textValue());
                    return null;
                } catch (Pem.PemException e) {
                    return "invalid key: pkey.new:load_key: " + e.getMessage();
                }
            })
            .description("A string representing a key.")
            .build();

    /**
     * The consumer a credential belongs to, as every Kong credential DAO declares it (each plugin's {@code daos.lua}:
     * {@code consumer = { type = "foreign", reference = "consumers", required = true, on_delete = "cascade" }}).
     */
    public static final Field CREDENTIAL_CONSUMER = Field.builder(FieldType.FOREIGN)
            .reference("consumers")
            .required(true)
            .onDelete("cascade")
            .build();

    public static final Field NO_CONSUMER = Field.builder(FieldType.FOREIGN)
            .reference("consumers")
            .eqNull()
            .description("Custom type for representing a foreign key with a null value allowed.")
            .build();

    public static final Field TTL = Field.builder(FieldType.NUMBER)
            .between(0, 100000000)
            .description("Time-to-live value for data")
            .build();

    private Typedefs() {}

    /** A variant that must stay null (Kong's {@code no_methods}, {@code no_hosts}, ...). */
    public static Field none(Field base, String err, String description) {
        return base.with().eqNull().err(err).description(description).build();
    }

    /** typedefs.protocol with overrides (services' {@code protocol}). */
    public static Field.Builder protocol() {
        return PROTOCOL.with();
    }

    static String validateUtf8String(String s) {
        int bad = Utf8Text.invalidPosition(s);
        return bad == 0 ? null : String.format(Messages.INVALID_UTF8, bad);
    }

    public static String validateUtf8Name(String name) {
        String err = validateUtf8String(name);
        if (err != null) {
            return err;
        }
        if (!UTF8_NAME_ASCII.matcher(name).matches()) {
            return "invalid value '" + name
                    + "': the only accepted ascii characters are alphanumerics or ., -, _, and ~";
        }
        return null;
    }

    public static String validateTag(String tag) {
        String err = validateUtf8String(tag);
        if (err != null) {
            return err;
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            boolean ok = c == ' '
                    || (c >= 0x21 && c <= 0x2B)
                    || c == 0x2D
                    || c == 0x2E
                    || (c >= 0x30 && c <= 0x7E)
                    || c >= 0x80;
            if (!ok) {
                return "invalid tag '" + tag
                        + "': expected printable ascii (except `,` and `/`) or valid utf-8 sequences";
            }
        }
        return null;
    }

    /** Kong's {@code tools.http.validate_cookie_name}: an RFC 2616 token. */
    public static String validateCookieName(String name) {
        if (name == null || name.isEmpty()) {
            return "no token provided";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
            if (!ok) {
                return "contains one or more invalid characters. ASCII control characters (0-31;127), space, tab"
                        + " and the characters ()<>@,;:\\\"/?={}[] are not allowed.";
            }
        }
        return null;
    }

    /**
     * Kong's {@code kong.tools.ip.normalize_ip} then {@code format_host}: {@code host:port} with the default port
     * when none is given (targets); null when the address is not a hostname or IP.
     */
    public static String formatHost(String address, int defaultPort) {
        HostNames.Normalized n = HostNames.normalize(address);
        if (n.error() != null) {
            return null;
        }
        int port = n.port() != null ? n.port() : defaultPort;
        String host = address;
        if (n.kind().equals("ipv6")) {
            String bare = address.startsWith("[") ? address.substring(1, address.indexOf(']')) : address;
            host = "[" + expandIpv6(bare) + "]";
        } else if (n.port() != null) {
            host = address.substring(0, address.lastIndexOf(':'));
        }
        return host + ":" + port;
    }

    /** Kong's {@code normalize_ipv6}: eight lower-case groups of four digits, {@code ::} expanded. */
    static String expandIpv6(String check) {
        if (check.startsWith(":")) {
            check = "0" + check;
        }
        if (check.endsWith(":")) {
            check = check + "0";
        }
        if (check.contains("::")) {
            long count = check.chars().filter(c -> c == ':').count();
            check = check.replaceFirst("::", ":" + "0:".repeat((int) Math.max(0, 8 - count)));
        }
        StringBuilder out = new StringBuilder(39);
        for (String group : check.split(":")) {
            if (!out.isEmpty()) {
                out.append(':');
            }
            out.append("0".repeat(4 - group.length())).append(group.toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }

    /** Kong's upstream name rule ({@code upstreams.lua validate_name}): a hostname, no IP, no port. */
    public static String validateUpstreamName(String name) {
        String shown = validateUtf8String(name) != null ? "Invalid name" : "Invalid name ('" + name + "')";
        HostNames.Normalized n = HostNames.normalize(name);
        if (n.error() != null) {
            return shown + "; must be a valid hostname";
        }
        if (!n.kind().equals("name")) {
            return shown + "; no ip addresses allowed";
        }
        if (n.port() != null) {
            return shown + "; no port allowed";
        }
        return null;
    }

    public static String validateHeaderName(String name) {
        if (name == null || name.isEmpty()) {
            return "no header name provided";
        }
        if (HEADER_NAME.matcher(name).matches()) {
            return null;
        }
        return "bad header name '" + name + "', allowed characters are A-Z, a-z, 0-9, '_', and '-'";
    }

    /** The result of Kong's {@code validate_path}: a message and its kind ({@code rfc3986} or {@code percent}). */
    record PathCheck(String message, String kind) {}

    static PathCheck validatePath(String path) {
        if (!PATH_CHARS.matcher(path).matches()) {
            return new PathCheck(
                    "invalid path: '" + path + "' (characters outside of the reserved list of RFC 3986 found)",
                    "rfc3986");
        }
        String raw = PERCENT_TRIPLET.matcher(path).replaceAll("___");
        int pct = raw.indexOf('%');
        if (pct >= 0) {
            return new PathCheck(
                    "invalid url-encoded value: '" + raw.substring(pct, Math.min(raw.length(), pct + 3)) + "'",
                    "percent");
        }
        return new PathCheck(null, null);
    }

    static String validateRouterPath(String path) {
        PathCheck pc = validatePath(path);
        if ("percent".equals(pc.kind())) {
            return pc.message();
        }
        if (!path.startsWith("~")) {
            String normalized = UriNormalizer.normalize(path, true);
            if (!normalized.equals(path)) {
                return "non-normalized path, consider use '" + normalized + "' instead";
            }
            return null;
        }
        String regex = path.substring(1);
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return String.format("invalid regex: '%s' (PCRE returned: %s)", regex, e.getDescription());
        }
        return null;
    }
}
