package dev.gatehouse.gateway.plugin.cors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.LuaNumber;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
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

  private record Domain(Pattern regex, String domain, boolean byHost) {
  }

  private record Origin(String domain, String host) {
  }

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

  CorsHandler(ObjectNode c) {
    List<String> o = new ArrayList<>();
    c.path("origins").forEach(n -> o.add(n.asText()));
    this.origins = List.copyOf(o);
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
    this.headers = joined(c.get("headers"));
    this.exposedHeaders = joined(c.get("exposed_headers"));
    JsonNode m = c.get("methods");
    this.methods = m == null || m.isNull() ? "GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT" : joinAll(m);
    JsonNode age = c.get("max_age");
    this.maxAge = age == null || age.isNull() ? null : LuaNumber.format(age);
    this.credentials = c.path("credentials").asBoolean(false);
    this.privateNetwork = c.path("private_network").asBoolean(false);
    this.preflightContinue = c.path("preflight_continue").asBoolean(false);
    this.allowOriginAbsent = c.path("allow_origin_absent").asBoolean(true);
  }

  @Override
  public boolean hasAccess() {
    return true;
  }

  @Override
  public boolean hasHeaderFilter() {
    return true;
  }

  @Override
  public void access(PluginContext ctx) {
    String origin = ctx.header("Origin");
    if (!"OPTIONS".equals(ctx.method()) || origin == null || origin.isEmpty()
        || ctx.header("Access-Control-Request-Method") == null) {
      return;
    }
    ctx.pluginContext().put(SKIP, Boolean.TRUE);
    if (preflightContinue) {
      return;
    }
    boolean allowAll = configureOrigin(ctx, false, origin);
    configureCredentials(ctx, allowAll, false, origin);
    if (headers != null) {
      ctx.setResponseHeader("Access-Control-Allow-Headers", headers);
    } else {
      String requested = ctx.header("Access-Control-Request-Headers");
      if (requested != null) {
        ctx.setResponseHeader("Access-Control-Allow-Headers", requested);
      } else {
        ctx.clearResponseHeader("Access-Control-Allow-Headers");
      }
    }
    ctx.setResponseHeader("Access-Control-Allow-Methods", methods);
    if (maxAge != null) {
      ctx.setResponseHeader("Access-Control-Max-Age", maxAge);
    }
    if (privateNetwork && "true".equals(ctx.header("Access-Control-Request-Private-Network"))) {
      ctx.setResponseHeader("Access-Control-Allow-Private-Network", "true");
    }
    ctx.exit(200, null);
  }

  @Override
  public void headerFilter(PluginContext ctx) {
    if (Boolean.TRUE.equals(ctx.pluginContext().get(SKIP))) {
      return;
    }
    String origin = ctx.header("Origin");
    boolean provided = origin != null && !origin.isEmpty();
    if (!provided && !allowOriginAbsent) {
      return;
    }
    boolean allowAll = configureOrigin(ctx, true, origin);
    configureCredentials(ctx, allowAll, true, origin);
    if (exposedHeaders != null) {
      ctx.setResponseHeader("Access-Control-Expose-Headers", exposedHeaders);
    }
  }

  private boolean configureOrigin(PluginContext ctx, boolean headerFilter, String reqOrigin) {
    if (origins.isEmpty() || (origins.size() == 1 && origins.get(0).equals("*"))) {
      ctx.setResponseHeader("Access-Control-Allow-Origin", "*");
      return true;
    }
    vary(ctx, headerFilter);
    if (origins.size() == 1 && PLAIN_ORIGIN.matcher(origins.get(0)).find()) {
      ctx.setResponseHeader("Access-Control-Allow-Origin", origins.get(0));
      return false;
    }
    if (reqOrigin != null && !reqOrigin.isEmpty()) {
      if (anyOrigin) {
        ctx.setResponseHeader("Access-Control-Allow-Origin", "*");
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
          ctx.setResponseHeader("Access-Control-Allow-Origin", req.domain());
          return false;
        }
      }
    }
    ctx.clearResponseHeader("Access-Control-Allow-Origin");
    return false;
  }

  private void configureCredentials(PluginContext ctx, boolean allowAll, boolean headerFilter, String reqOrigin) {
    if (!credentials) {
      return;
    }
    if (!allowAll) {
      ctx.setResponseHeader("Access-Control-Allow-Credentials", "true");
      return;
    }
    if (reqOrigin != null && !reqOrigin.isEmpty()) {
      vary(ctx, headerFilter);
      ctx.setResponseHeader("Access-Control-Allow-Origin", reqOrigin);
      ctx.setResponseHeader("Access-Control-Allow-Credentials", "true");
    }
  }

  private static void vary(PluginContext ctx, boolean headerFilter) {
    if (headerFilter) {
      ctx.addResponseHeader("Vary", "Origin");
    } else {
      ctx.setResponseHeader("Vary", "Origin");
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
      String domain = (scheme != null ? scheme + "://" : "") + u.getHost() + (port >= 0 && !defaultPort ? ":" + port
          : "");
      return new Origin(domain, u.getHost());
    } catch (java.net.URISyntaxException e) {
      return new Origin(value, value);
    }
  }

  private static String joined(JsonNode n) {
    if (n == null || !n.isArray() || n.isEmpty()) {
      return null;
    }
    return joinAll(n);
  }

  private static String joinAll(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(v -> out.add(v.asText()));
    return String.join(",", out);
  }
}
