package dev.gatehouse.gateway.plugin.keyauth;

import dev.gatehouse.gateway.plugin.ConsumerHeaders;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.Request;
import dev.gatehouse.gateway.plugin.ServiceRequest;
import dev.gatehouse.gateway.proxy.Credential;
import dev.gatehouse.gateway.proxy.ProxyConsumer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * key-auth's access phase as Kong 3.7+ runs it ({@code kong/plugins/key-auth/handler.lua}): for each key name in
 * order, the header, then the query string, then the body; 401 {@code No API key found in request},
 * {@code Unauthorized} (unknown or expired key) or {@code Duplicate API key found}, each with
 * {@code WWW-Authenticate: Key[ realm="..."]}; the anonymous consumer as a logical OR; {@code hide_credentials}.
 */
final class KeyAuthHandler implements PluginHandler {

    static final String NO_KEY = "No API key found in request";
    static final String INVALID = "Unauthorized";
    static final String DUPLICATE = "Duplicate API key found";

    private final List<String> keyNames;
    private final boolean hideCredentials;
    private final String anonymous;
    private final boolean inHeader;
    private final boolean inQuery;
    private final boolean inBody;
    private final boolean runOnPreflight;
    private final Map<String, String> challenge;

    KeyAuthHandler(KeyAuthConfig config) {
        this.keyNames = config.keyNames();
        this.hideCredentials = config.hideCredentials();
        this.anonymous = config.anonymous();
        this.inHeader = config.keyInHeader();
        this.inQuery = config.keyInQuery();
        this.inBody = config.keyInBody();
        this.runOnPreflight = config.runOnPreflight();
        this.challenge =
                Map.of("WWW-Authenticate", config.realm() == null ? "Key" : "Key realm=\"" + config.realm() + "\"");
    }

    @Override
    public boolean readsRequestBody() {
        return inBody;
    }

    @Override
    public void access(PluginContext ctx) {
        if (!runOnPreflight && "OPTIONS".equals(ctx.request().method())) {
            return;
        }
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
        String failure = authenticate(ctx);
        if (failure != null) {
            ctx.response().error(401, failure, challenge);
        }
    }

    /** Null on success, else the 401 message. */
    private String authenticate(PluginContext ctx) {
        String key = null;
        Map<String, Object> body = null;
        Request request = ctx.request();
        for (String name : keyNames) {
            Object v = null;
            if (inHeader) {
                List<String> values = request.headerValues(name);
                v = values.isEmpty() ? null : values.size() == 1 ? values.get(0) : values;
            }
            if (v == null && inQuery) {
                List<String> values = request.queryArgs().get(name);
                // a name without a value is Kong's true: not a string, so not a key
                v = values == null
                        ? null
                        : values.size() == 1 ? (values.get(0) == null ? Boolean.TRUE : values.get(0)) : values;
            }
            if (v == null && inBody) {
                body = body == null ? request.body() : body;
                v = body.get(name);
            }
            if (v instanceof String s) {
                key = s;
                ctx.credentialRead(name);
                if (hideCredentials) {
                    ServiceRequest upstream = ctx.serviceRequest();
                    upstream.clearQueryArg(name);
                    upstream.clearHeader(name);
                    if (inBody) {
                        body = body == null ? request.body() : body;
                        if (!body.isEmpty()) {
                            Map<String, Object> rest = new LinkedHashMap<>(body);
                            rest.remove(name);
                            upstream.setBody(rest);
                        }
                    }
                }
                break;
            }
            if (v instanceof List<?> || v instanceof Map<?, ?>) {
                return DUPLICATE;
            }
        }
        if (key == null || key.isEmpty()) {
            return NO_KEY;
        }
        KeyAuthIndex index = ctx.index();
        KeyAuthIndex.Entry cred = index == null ? null : index.get(key);
        if (cred == null || cred.expired(index.nowSeconds())) {
            return INVALID;
        }
        ConsumerHeaders.set(
                ctx, ctx.client().loadConsumer(cred.consumerId()), new Credential(cred.id(), cred.consumerId()));
        return null;
    }
}
