package dev.gatehouse.gateway.plugin.basicauth;

import dev.gatehouse.gateway.plugin.ConsumerHeaders;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.proxy.Credential;
import dev.gatehouse.gateway.proxy.ProxyConsumer;
import java.util.Map;

/**
 * basic-auth's access phase ({@code kong/plugins/basic-auth/access.lua}): credentials from
 * {@code Proxy-Authorization}, then {@code Authorization}; every failure is 401 {@code Unauthorized} with
 * {@code WWW-Authenticate: Basic realm="<realm>"}; {@code X-Credential-Identifier} is the credential's username;
 * the anonymous consumer as a logical OR; {@code hide_credentials} removes both headers.
 */
final class BasicAuthHandler implements PluginHandler {

    static final String UNAUTHORIZED = "Unauthorized";

    private final BasicAuthConfig config;
    private final Map<String, String> challenge;

    BasicAuthHandler(BasicAuthConfig config) {
        this.config = config;
        this.challenge = Map.of("WWW-Authenticate", "Basic realm=\"" + config.realm() + "\"");
    }

    @Override
    public void access(PluginContext ctx) {
        String anonymous = config.anonymous();
        if (anonymous != null && ctx.client().credential() != null) {
            return; // already authenticated by another plugin: logical OR
        }
        if (authenticate(ctx)) {
            return;
        }
        if (anonymous == null) {
            ctx.response().error(401, UNAUTHORIZED, challenge);
            return;
        }
        ProxyConsumer c = ctx.client().loadConsumer(anonymous);
        if (c == null) {
            ctx.response().error(500, "anonymous consumer " + anonymous + " is configured but doesn't exist", null);
            return;
        }
        ConsumerHeaders.set(ctx, c, null);
    }

    private boolean authenticate(PluginContext ctx) {
        String authorization = ctx.request().header("authorization");
        String proxyAuthorization = ctx.request().header("proxy-authorization");
        if (authorization == null && proxyAuthorization == null) {
            return false;
        }
        BasicAuthIndex index = ctx.index();
        BasicCredentials given = retrieve(ctx, "proxy-authorization", proxyAuthorization);
        BasicAuthIndex.Entry credential = given == null || index == null ? null : index.get(given.username());
        if (credential == null) {
            given = retrieve(ctx, "authorization", authorization);
            if (given == null) {
                return false;
            }
            credential = index == null ? null : index.get(given.username());
        }
        if (credential == null
                || !PasswordHash.matches(credential.passwordHash(), credential.consumerId(), given.password())) {
            return false;
        }
        ConsumerHeaders.set(
                ctx,
                ctx.client().loadConsumer(credential.consumerId()),
                new Credential(credential.id(), credential.consumerId()));
        // basic-auth names the credential by its username, not its id
        ctx.serviceRequest().setHeader("X-Credential-Identifier", credential.username());
        return true;
    }

    private BasicCredentials retrieve(PluginContext ctx, String header, String value) {
        BasicCredentials c = BasicCredentials.parse(value);
        if (config.hideCredentials()) {
            ctx.serviceRequest().clearHeader(header);
        }
        return c;
    }
}
