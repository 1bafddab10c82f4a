package dev.gatehouse.gateway.plugin.hmacauth;

import dev.gatehouse.gateway.plugin.ConsumerHeaders;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.Request;
import dev.gatehouse.gateway.proxy.Credential;
import dev.gatehouse.gateway.proxy.ProxyConsumer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;

/**
 * hmac-auth's access phase ({@code kong/plugins/hmac-auth/access.lua}): a {@code Date} or {@code X-Date} within
 * {@code clock_skew}, then the signature from {@code Proxy-Authorization} or {@code Authorization}; 401
 * {@code Unauthorized}, {@code HMAC signature cannot be verified[, a valid date or x-date header is required for HMAC
 * Authentication]} or {@code HMAC signature does not match}, with {@code WWW-Authenticate: hmac[ realm="..."]};
 * {@code validate_request_body} checks {@code Digest: SHA-256=...}; the anonymous consumer as a logical OR.
 */
final class HmacAuthHandler implements PluginHandler {

    static final String NOT_VALID = "HMAC signature cannot be verified";
    static final String NOT_SAME = "HMAC signature does not match";
    static final String NO_DATE = NOT_VALID + ", a valid date or x-date header is required for HMAC Authentication";

    private final HmacAuthConfig config;
    private final Map<String, String> challenge;

    HmacAuthHandler(HmacAuthConfig config) {
        this.config = config;
        this.challenge =
                Map.of("WWW-Authenticate", config.realm() == null ? "hmac" : "hmac realm=\"" + config.realm() + "\"");
    }

    @Override
    public boolean readsRequestBody() {
        return config.validateRequestBody();
    }

    @Override
    public void access(PluginContext ctx) {
        String anonymous = config.anonymous();
        if (anonymous != null && ctx.client().credential() != null) {
            return; // already authenticated by another plugin: logical OR
        }
        String failure = authenticate(ctx);
        if (failure == null) {
            return;
        }
        if (anonymous == null) {
            ctx.response().error(401, failure, challenge);
            return;
        }
        ProxyConsumer c = ctx.client().loadConsumer(anonymous);
        if (c == null) {
            ctx.response().error(500, "anonymous consumer " + anonymous + " is configured but doesn't exist", null);
            return;
        }
        ConsumerHeaders.set(ctx, c, null);
    }

    /** Null on success, else the 401 message. */
    private String authenticate(PluginContext ctx) {
        Request request = ctx.request();
        String authorization = request.header("authorization");
        String proxyAuthorization = request.header("proxy-authorization");
        if (authorization == null && proxyAuthorization == null) {
            return "Unauthorized";
        }
        HmacCredentials credentials = ctx.index();
        long now = credentials == null ? System.currentTimeMillis() / 1000 : credentials.nowSeconds();
        if (!withinSkew(request.header("x-date"), now) && !withinSkew(request.header("date"), now)) {
            return NO_DATE;
        }
        HmacSignature params = HmacSignature.parse(proxyAuthorization);
        if (params == null) {
            params = HmacSignature.parse(authorization);
            if (config.hideCredentials()) {
                ctx.serviceRequest().clearHeader("authorization");
            }
        } else if (config.hideCredentials()) {
            ctx.serviceRequest().clearHeader("proxy-authorization");
        }
        if (params == null || !valid(params)) {
            return NOT_VALID;
        }
        HmacCredentials.Entry credential = credentials == null ? null : credentials.get(params.username());
        if (credential == null || credential.secret() == null) {
            return NOT_VALID;
        }
        if (!params.matches(request, credential.secret())) {
            return NOT_SAME;
        }
        if (config.validateRequestBody() && !bodyMatchesDigest(request)) {
            return NOT_SAME;
        }
        ConsumerHeaders.set(
                ctx,
                ctx.client().loadConsumer(credential.consumerId()),
                new Credential(credential.id(), credential.consumerId()));
        ctx.serviceRequest().setHeader("X-Credential-Identifier", credential.username()); // named by its username
        return null;
    }

    /** Kong's {@code validate_params}: every enforced header signed, and an allowed algorithm. */
    private boolean valid(HmacSignature params) {
        if (!params.headers().containsAll(config.enforceHeaders())) {
            return false;
        }
        return config.algorithms().contains(params.algorithm());
    }

    private boolean withinSkew(String date, long now) {
        if (date == null) {
            return false;
        }
        try {
            long t = ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toEpochSecond();
            return Math.abs(now - t) <= config.clockSkew();
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Kong's {@code validate_body}: {@code Digest: SHA-256=<base64>} of the raw body, or no digest and no body. */
    private static boolean bodyMatchesDigest(Request request) {
        String body = request.rawBody();
        if (body == null) {
            return false; // larger than the body buffer: it cannot be checked
        }
        String digest = request.header("digest");
        if (digest == null) {
            return body.isEmpty();
        }
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return ("SHA-256=" + Base64.getEncoder().encodeToString(sha)).equals(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
