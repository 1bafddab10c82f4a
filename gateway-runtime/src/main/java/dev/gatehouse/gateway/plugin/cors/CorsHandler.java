package dev.gatehouse.gateway.plugin.cors;

import dev.gatehouse.gateway.json.LuaNumber;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.Request;
import dev.gatehouse.gateway.plugin.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * cors as Kong runs it ({@code kong/plugins/cors/handler.lua}): a preflight ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) is answered 200 with the allow headers unless {@code preflight_continue};
 * other responses get {@code Access-Control-Allow-Origin} (and credentials / expose headers) in header_filter.
 */
final class CorsHandler implements PluginHandler {

    private static final Pattern PLAIN_ORIGIN = Pattern.compile("^[A-Za-z0-9.:/-]+$");
    private static final Pattern REGEX_CHARS = Pattern.compile("[^A-Za-z0-9.:/-]");
    private static final String SKIP = "skip_response_headers";

    private record Domain(Pattern regex, String domain, boolean byHost) {}

    private record Origin(String domain, String host) {}

    private final List<String> origins;
    private final List<Domain> domains = new ArrayList<>();
    private final boolean anyOrigin;
    private final String headers;
    private final String exposedHeaders;
    private final String methods;
    private final String maxAge;
    private final boolean credentials;
    private final boolean privateNetwork;
    private final boolean preflightContinue;
    private final boolean allowOriginAbsent;

    CorsHandler(CorsConfig c) {
        this.origins = c.origins();
        boolean any = false;
        for (String entry : origins) {
            if (entry.equals("*")) {
                any = true;
                break;
            }
            if (REGEX_CHARS.matcher(entry).find()) {
                String e = entry.endsWith("$") ? entry : entry + "$";
                if (e.startsWith("^")) {
                    e = e.substring(1);
                }
                domains.add(new Domain(Pattern.compile(e), null, !entry.contains(":")));
            } else {
                domains.add(new Domain(null, normalize(entry).domain(), !entry.contains(":")));
            }
        }
        this.anyOrigin = any;
        this.headers = c.headers().isEmpty() ? null : String.join(",", c.headers());
        this.exposedHeaders = c.exposedHeaders().isEmpty() ? null : String.join(",", c.exposedHeaders());
        this.methods = String.join(",", c.methods());
        Double age = c.maxAge();
        this.maxAge = age == null ? null : LuaNumber.format(age);
        this.credentials = c.credentials();
        this.privateNetwork = c.privateNetwork();
        this.preflightContinue = c.preflightContinue();
        this.allowOriginAbsent = c.allowOriginAbsent();
    }

    @Override
    public void access(PluginContext ctx) {
        Request request = ctx.request();
        String origin = request.header("Origin");
        if (!"OPTIONS".equals(request.method())
                || origin == null
                || origin.isEmpty()
                || request.header("Access-Control-Request-Method") == null) {
            return;
        }
        ctx.pluginContext().put(SKIP, Boolean.TRUE);
        if (preflightContinue) {
            return;
        }
        Response response = ctx.response();
        boolean allowAll = configureOrigin(response, false, origin);
        configureCredentials(response, allowAll, false, origin);
        if (headers != null) {
            response.setHeader("Access-Control-Allow-Headers", headers);
        } else {
            String requested = request.header("Access-Control-Request-Headers");
            if (requested != null) {
                response.setHeader("Access-Control-Allow-Headers", requested);
            } else {
                response.clearHeader("Access-Control-Allow-Headers");
            }
        }
        response.setHeader("Access-Control-Allow-Methods", methods);
        if (maxAge != null) {
            response.setHeader("Access-Control-Max-Age", maxAge);
        }
        if (privateNetwork && "true".equals(request.header("Access-Control-Request-Private-Network"))) {
            response.setHeader("Access-Control-Allow-Private-Network", "true");
        }
        response.exit(200, null);
    }

    @Override
    public void headerFilter(PluginContext ctx) {
        if (Boolean.TRUE.equals(ctx.pluginContext().get(SKIP))) {
            return;
        }
        String origin = ctx.request().header("Origin");
        boolean provided = origin != null && !origin.isEmpty();
        if (!provided && !allowOriginAbsent) {
            return;
        }
        Response response = ctx.response();
        boolean allowAll = configureOrigin(response, true, origin);
        configureCredentials(response, allowAll, true, origin);
        if (exposedHeaders != null) {
            response.setHeader("Access-Control-Expose-Headers", exposedHeaders);
        }
    }

    private boolean configureOrigin(Response response, boolean headerFilter, String reqOrigin) {
        if (origins.isEmpty() || (origins.size() == 1 && origins.get(0).equals("*"))) {
            response.setHeader("Access-Control-Allow-Origin", "*");
            return true;
        }
        vary(response, headerFilter);
        if (origins.size() == 1 && PLAIN_ORIGIN.matcher(origins.get(0)).find()) {
            response.setHeader("Access-Control-Allow-Origin", origins.get(0));
            return false;
        }
        if (reqOrigin != null && !reqOrigin.isEmpty()) {
            if (anyOrigin) {
                response.setHeader("Access-Control-Allow-Origin", "*");
                return true;
            }
            Origin req = normalize(reqOrigin);
            for (Domain d : domains) {
                boolean found;
                if (d.regex() != null) {
                    String subject = d.byHost() ? req.host() : req.domain();
                    found = subject != null && d.regex().matcher(subject).lookingAt();
                } else {
                    found = req.domain().equals(d.domain());
                }
                if (found) {
                    response.setHeader("Access-Control-Allow-Origin", req.domain());
                    return false;
                }
            }
        }
        response.clearHeader("Access-Control-Allow-Origin");
        return false;
    }

    private void configureCredentials(Response response, boolean allowAll, boolean headerFilter, String reqOrigin) {
        if (!credentials) {
            return;
        }
        if (!allowAll) {
            response.setHeader("Access-Control-Allow-Credentials", "true");
            return;
        }
        if (reqOrigin != null && !reqOrigin.isEmpty()) {
            vary(response, headerFilter);
            response.setHeader("Access-Control-Allow-Origin", reqOrigin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
        }
    }

    private static void vary(Response response, boolean headerFilter) {
        if (headerFilter) {
            response.addHeader("Vary", "Origin");
        } else {
            response.setHeader("Vary", "Origin");
        }
    }

    /** Kong's {@code normalize_origin} (LuaSocket's url.parse): scheme://host[:port], default ports dropped. */
    static Origin normalize(String value) {
        try {
            URI u = new URI(value);
            if (u.getHost() == null) {
                return new Origin(value, value);
            }
            int port = u.getPort();
            String scheme = u.getScheme();
            boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            String domain = (scheme != null ? scheme + "://" : "")
                    + u.getHost()
                    + (port >= 0 && !defaultPort ? ":" + port : "");
            return new Origin(domain, u.getHost());
        } catch (java.net.URISyntaxException e) {
            return new Origin(value, value);
        }
    }
}
