package dev.gatehouse.gateway.plugin.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.plugin.ConsumerHeaders;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.Request;
import dev.gatehouse.gateway.proxy.Credential;
import dev.gatehouse.gateway.proxy.ProxyConsumer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jwt's access phase ({@code kong/plugins/jwt/handler.lua}): tokens from the query, cookies, then headers
 * ({@code Bearer}); 401 answers are Kong's {@code kong.response.exit} bodies ({@code {"message": ...}}, or the
 * claim errors such as {@code {"exp": "token expired"}}) with {@code WWW-Authenticate: Bearer[ realm="..."]}
 * ({@code , error="invalid_token"} once a token was found); the anonymous consumer as a logical OR.
 */
final class JwtHandler implements PluginHandler {

    private static final Pattern BEARER = Pattern.compile("\\s*[Bb]earer\\s+(.+)");
    private static final String JSON = "application/json; charset=utf-8";

    /** A failed authentication: Kong's {@code unauthorized(message, www_auth, errors)}. */
    private record Failure(String message, ObjectNode errors, String challenge) {}

    private final JwtConfig config;
    private final String challenge;
    private final String challengeWithError;

    JwtHandler(JwtConfig config) {
        this.config = config;
        if (config.realm() != null) {
            challenge = "Bearer realm=\"" + config.realm() + "\"";
            challengeWithError = challenge + ", error=\"invalid_token\"";
        } else {
            challenge = "Bearer";
            challengeWithError = "Bearer error=\"invalid_token\"";
        }
    }

    @Override
    public void access(PluginContext ctx) {
        if (!config.runOnPreflight() && "OPTIONS".equals(ctx.request().method())) {
            return;
        }
        String anonymous = config.anonymous();
        if (anonymous != null) {
            if (ctx.client().credential() != null) {
                return; // already authenticated by another plugin: logical OR
            }
            if (authenticate(ctx) != null) {
                ProxyConsumer c = ctx.client().loadConsumer(anonymous);
                if (c == null) {
                    ctx.response()
                            .error(500, "anonymous consumer " + anonymous + " is configured but doesn't exist", null);
                    return;
                }
                ConsumerHeaders.set(ctx, c, null);
            }
            return;
        }
        Failure f = authenticate(ctx);
        if (f != null) {
            ObjectNode body = f.errors() != null ? f.errors() : Json.object().put("message", f.message());
            Map<String, String> headers = new HashMap<>();
            headers.put("Content-Type", JSON);
            if (f.challenge() != null) {
                headers.put("WWW-Authenticate", f.challenge());
            }
            ctx.response().exit(401, Json.write(body), headers);
        }
    }

    /** Null on success, else why not. */
    private Failure authenticate(PluginContext ctx) {
        Set<Object> tokens = tokens(ctx);
        if (tokens.isEmpty()) {
            return new Failure("Unauthorized", null, challenge);
        }
        if (tokens.size() > 1) {
            return new Failure("Multiple tokens provided", null, challengeWithError);
        }
        if (!(tokens.iterator().next() instanceof String token)) {
            return new Failure("Unrecognizable token", null, challengeWithError); // a query name without a value
        }
        JwtToken jwt;
        try {
            jwt = JwtToken.parse(token);
        } catch (JwtToken.Invalid e) {
            return new Failure("Bad token; " + e.getMessage(), null, challengeWithError);
        }
        String claim = config.keyClaimName();
        JsonNode keyNode =
                jwt.claims().has(claim) ? jwt.claims().get(claim) : jwt.header().get(claim);
        if (keyNode == null) {
            return new Failure("No mandatory '" + claim + "' in claims", null, challengeWithError);
        }
        String key = keyNode.asText();
        if (key.isEmpty()) {
            return new Failure("Invalid '" + claim + "' in claims", null, challengeWithError);
        }
        JwtSecrets secrets = ctx.index();
        JwtSecrets.Entry secret = secrets == null ? null : secrets.get(key);
        if (secret == null) {
            return new Failure("No credentials found for given '" + claim + "'", null, challengeWithError);
        }
        if (!jwt.alg().equals(secret.algorithm())) {
            return new Failure("Invalid algorithm", null, challengeWithError);
        }
        byte[] verifyWith = verificationKey(secret);
        if (verifyWith == null) {
            return new Failure("Invalid key/secret", null, challengeWithError);
        }
        if (!JwtAlgorithms.verify(jwt.alg(), jwt.signedInput(), jwt.signature(), verifyWith)) {
            return new Failure("Invalid signature", null, challengeWithError);
        }
        long now = secrets.nowSeconds();
        ObjectNode errors = JwtClaims.verify(jwt.claims(), config.claimsToVerify(), now);
        if (errors == null && config.maximumExpiration() > 0) {
            errors = JwtClaims.checkMaximumExpiration(jwt.claims(), config.maximumExpiration(), now);
        }
        if (errors != null) {
            return new Failure(null, errors, challengeWithError);
        }
        ProxyConsumer consumer = ctx.client().loadConsumer(secret.consumerId());
        if (consumer == null) {
            return new Failure("Could not find consumer for '" + claim + "=" + key + "'", null, null);
        }
        ConsumerHeaders.set(ctx, consumer, new Credential(secret.id(), secret.consumerId()));
        ctx.serviceRequest().setHeader("X-Credential-Identifier", secret.key()); // jwt names it by its key
        return null;
    }

    private byte[] verificationKey(JwtSecrets.Entry secret) {
        if (JwtAlgorithms.symmetric(secret.algorithm())) {
            if (secret.secret() == null) {
                return null;
            }
            return config.secretIsBase64()
                    ? JwtToken.decode(secret.secret())
                    : secret.secret().getBytes(StandardCharsets.UTF_8);
        }
        return secret.rsaPublicKey() == null ? null : secret.rsaPublicKey().getBytes(StandardCharsets.US_ASCII);
    }

    /** Kong's {@code retrieve_tokens}: distinct non-empty tokens from query, cookies and headers, in that order. */
    private Set<Object> tokens(PluginContext ctx) {
        Request request = ctx.request();
        Set<Object> out = new LinkedHashSet<>();
        Map<String, List<String>> query = request.queryArgs();
        for (String name : config.uriParamNames()) {
            List<String> values = query.get(name);
            if (values != null) {
                ctx.credentialRead(name);
                for (String v : values) {
                    if (v == null) {
                        out.add(Boolean.TRUE);
                    } else if (!v.isEmpty()) {
                        out.add(v);
                    }
                }
            }
        }
        if (!config.cookieNames().isEmpty()) {
            String cookies = request.header("cookie");
            for (String name : config.cookieNames()) {
                String v = cookie(cookies, name);
                if (v != null && !v.isEmpty()) {
                    ctx.credentialRead("cookie"); // the token is one cookie among others: the header goes whole
                    out.add(v);
                }
            }
        }
        for (String name : config.headerNames()) {
            String v = request.header(name);
            if (v != null) {
                Matcher m = BEARER.matcher(v);
                if (m.find() && !m.group(1).isEmpty()) {
                    ctx.credentialRead(name);
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** nginx's {@code $cookie_<name>}: the first cookie of that name in the {@code Cookie} header. */
    private static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                return pair.substring(eq + 1).strip();
            }
        }
        return null;
    }
}
