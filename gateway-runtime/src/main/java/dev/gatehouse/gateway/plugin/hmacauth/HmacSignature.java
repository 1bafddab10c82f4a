package dev.gatehouse.gateway.plugin.hmacauth;

import dev.gatehouse.gateway.plugin.Request;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature parameters and check of Kong's {@code kong/plugins/hmac-auth/access.lua}: the
 * {@code hmac username="...", algorithm="...", headers="...", signature="..."} value, the signing string (each
 * named header as {@code name: value}, {@code @request-target}, {@code request-line}, joined by newlines) and its
 * HMAC compared with the Base64 signature.
 */
record HmacSignature(String username, String algorithm, List<String> headers, String signature) {

    private static final Pattern PARAMS = Pattern.compile(
            "\\s*[Hh]mac\\s*username=\"(.+)\",\\s*algorithm=\"(.+)\",\\s*headers=\"(.+)\",\\s*signature=\"(.+)\"");

    /** The parameters of an authorization value, or null when it does not have that form. */
    static HmacSignature parse(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = PARAMS.matcher(header);
        if (!m.find()) {
            return null;
        }
        return new HmacSignature(m.group(1), m.group(2), List.of(m.group(3).split(" ")), m.group(4));
    }

    /** True when the signature is the HMAC of the request's signing string under {@code secret}. */
    boolean matches(Request request, String secret) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String mac = "Hmac" + algorithm.substring("hmac-".length()).toUpperCase(Locale.ROOT);
        try {
            Mac m = Mac.getInstance(mac);
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            // the JCA refuses an empty HMAC key, which then never verifies
            if (key.length == 0) {
                return false;
            }
            m.init(new SecretKeySpec(key, mac));
            return MessageDigest.isEqual(m.doFinal(signingString(request).getBytes(StandardCharsets.UTF_8)), given);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private String signingString(Request request) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.get(i);
            String value = request.header(name);
            if (value != null) {
                sb.append(name).append(": ").append(value);
            } else if (name.equals("@request-target")) {
                sb.append(name)
                        .append(": ")
                        .append(request.method().toLowerCase(Locale.ROOT))
                        .append(' ')
                        .append(request.pathWithQuery());
            } else if (name.equals("request-line")) {
                sb.append(String.format(
                        Locale.ROOT,
                        "%s %s HTTP/%.1f",
                        request.method(),
                        request.pathWithQuery(),
                        request.httpVersion()));
            } else {
                sb.append(name).append(':');
            }
            if (i < headers.size() - 1) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
