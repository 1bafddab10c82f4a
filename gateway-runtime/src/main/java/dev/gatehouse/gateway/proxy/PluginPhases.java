package dev.gatehouse.gateway.proxy;

import dev.gatehouse.gateway.http.HeaderEscaping;
import dev.gatehouse.gateway.log.RequestLog;
import dev.gatehouse.gateway.plugin.Credential;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.runtime.PlanEntry;
import dev.gatehouse.gateway.runtime.ProxyConsumer;
import dev.gatehouse.gateway.runtime.ProxyRoute;
import dev.gatehouse.gateway.runtime.ProxyService;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin side of one exchange: runs the access phase of the route's plan (by priority, each handler resolved for
 * the consumer authenticated so far), keeps the handlers that have a header_filter or log phase for later, and is
 * the {@link PluginContext} those handlers see.
 */
final class PluginPhases implements PluginContext {

  private static final Logger LOG = LoggerFactory.getLogger(PluginPhases.class);

  /** How a plugin ended the request in the access phase: Kong's error body, or an exit without a body. */
  record Exit(int status, String message, boolean withBody, Map<String, String> headers) {
  }

  private final Exchange x;
  private int collected;
  private String[] collectedNames;
  private PluginHandler[] headerFilters;
  private PluginHandler[] loggers;
  private String currentPlugin;
  private Map<String, Map<String, Object>> pluginCtx;
  private ProxyConsumer consumer;
  private Credential credential;
  private Exit exit;
  private LinkedHashMap<String, String> pendingResponseHeaders;
  private HttpHeaders filteringHeaders;
  private Map<String, List<String>> queryArgs;
  private boolean queryChanged;
  private Map<String, Object> body;
  private byte[] replacementBody;

  PluginPhases(Exchange x) {
    this.x = x;
  }

  // ---------------------------------------------------------------- phases

  /** Kong's access phase; returns how a plugin ended the request, or null to go on. */
  Exit access() {
    for (PlanEntry e : x.plan.entries()) {
      PluginHandler handler = e.resolve(consumer == null ? null : consumer.id());
      if (handler == null) {
        continue;
      }
      collect(e.name(), handler);
      if (exit == null && handler.hasAccess()) {
        currentPlugin = e.name();
        try {
          handler.access(this);
        } catch (RuntimeException ex) {
          LOG.error("plugin {} failed in access: {}", e.name(), ex.toString(), ex);
          if (exit == null) {
            error(500, "An unexpected error occurred", null);
          }
        }
        currentPlugin = null;
      }
    }
    return exit;
  }

  /** For answers given before the access phase: the plan's handlers as resolved without a consumer. */
  void collectWithoutAccess() {
    for (PlanEntry e : x.plan.entries()) {
      PluginHandler handler = e.resolve(null);
      if (handler != null) {
        collect(e.name(), handler);
      }
    }
  }

  /** Keeps a handler that has a header_filter or log phase (a handler only runs in the phases it has). */
  private void collect(String name, PluginHandler h) {
    if (!h.hasHeaderFilter() && !h.hasLog()) {
      return;
    }
    if (collectedNames == null) {
      collectedNames = new String[4];
      headerFilters = new PluginHandler[4];
      loggers = new PluginHandler[4];
    } else if (collected == collectedNames.length) {
      collectedNames = Arrays.copyOf(collectedNames, collected * 2);
      headerFilters = Arrays.copyOf(headerFilters, collected * 2);
      loggers = Arrays.copyOf(loggers, collected * 2);
    }
    collectedNames[collected] = name;
    headerFilters[collected] = h.hasHeaderFilter() ? h : null;
    loggers[collected] = h.hasLog() ? h : null;
    collected++;
  }

  /** True when the header_filter phase may change the response headers. */
  boolean filtersHeaders() {
    return pendingResponseHeaders != null || collected > 0;
  }

  /** Kong's header_filter phase on the response about to be sent: headers set in access first, then the handlers. */
  void headerFilter(HttpHeaders h) {
    if (pendingResponseHeaders != null) {
      pendingResponseHeaders.forEach((k, v) -> {
        if (v == null) {
          h.remove(k);
        } else {
          h.set(k, v);
        }
      });
    }
    if (collected == 0) {
      return;
    }
    filteringHeaders = h;
    for (int i = 0; i < collected; i++) {
      PluginHandler f = headerFilters[i];
      if (f != null) {
        currentPlugin = collectedNames[i];
        try {
          f.headerFilter(this);
        } catch (RuntimeException ex) {
          LOG.error("plugin {} failed in header_filter: {}", currentPlugin, ex.toString());
        }
      }
    }
    currentPlugin = null;
    filteringHeaders = null;
  }

  boolean hasLoggers() {
    for (int i = 0; i < collected; i++) {
      if (loggers[i] != null) {
        return true;
      }
    }
    return false;
  }

  /** Kong's log phase. */
  void log(RequestLog log) {
    for (int i = 0; i < collected; i++) {
      if (loggers[i] != null) {
        try {
          loggers[i].log(log);
        } catch (RuntimeException ex) {
          LOG.error("plugin {} failed in log: {}", collectedNames[i], ex.toString());
        }
      }
    }
  }

  boolean queryChanged() {
    return queryChanged;
  }

  byte[] replacementBody() {
    return replacementBody;
  }

  // ---------------------------------------------------------------- PluginContext

  @Override
  public String method() {
    return x.request.method().name();
  }

  @Override
  public String path() {
    return x.path;
  }

  @Override
  public String header(String name) {
    HttpHeaders h = x.request.headers();
    String v = h.get(name);
    if (v == null && (name.indexOf('_') >= 0 || name.indexOf('-') >= 0)) {
      v = h.get(name.indexOf('_') >= 0 ? name.replace('_', '-') : name.replace('-', '_'));
    }
    return v;
  }

  @Override
  public List<String> headerValues(String name) {
    HttpHeaders h = x.request.headers();
    List<String> v = h.getAll(name);
    if (name.indexOf('_') >= 0 || name.indexOf('-') >= 0) {
      List<String> other = h.getAll(name.indexOf('_') >= 0 ? name.replace('_', '-') : name.replace('-', '_'));
      if (!other.isEmpty()) {
        v = new ArrayList<>(v);
        v.addAll(other);
      }
    }
    return v;
  }

  @Override
  public Map<String, List<String>> queryArgs() {
    if (queryArgs == null) {
      queryArgs = QueryArgs.parse(x.rawQuery);
    }
    return queryArgs;
  }

  @Override
  public Map<String, Object> body() {
    if (body == null) {
      if (x.buffered == null || x.bufferOverflow) {
        body = Map.of();
      } else {
        byte[] bytes = new byte[x.buffered.readableBytes()];
        x.buffered.getBytes(x.buffered.readerIndex(), bytes);
        body = RequestBodies.decode(x.request.headers().get(HttpHeaderNames.CONTENT_TYPE), bytes);
      }
    }
    return body;
  }

  @Override
  public String clientIp() {
    return x.conn.clientIp;
  }

  @Override
  public String scheme() {
    return x.scheme();
  }

  @Override
  public ProxyRoute route() {
    return x.route;
  }

  @Override
  public ProxyService service() {
    return x.service;
  }

  @Override
  public ProxyConsumer consumer() {
    return consumer;
  }

  @Override
  public Credential credential() {
    return credential;
  }

  @Override
  public void authenticate(ProxyConsumer consumer, Credential credential) {
    this.consumer = consumer;
    this.credential = credential;
  }

  @Override
  public List<String> authenticatedGroups() {
    return null; // no bundled plugin sets authenticated groups (ldap-auth, oauth2 introspection... are not here)
  }

  @Override
  public ProxyConsumer findConsumer(String idOrUsername) {
    return x.cfg.consumerByIdOrUsername(idOrUsername);
  }

  @Override
  public void setUpstreamHeader(String name, String value) {
    x.request.headers().set(HeaderEscaping.name(name), HeaderEscaping.value(value));
  }

  @Override
  public void clearUpstreamHeader(String name) {
    x.request.headers().remove(name);
  }

  @Override
  public void clearUpstreamQueryArg(String name) {
    if (queryArgs().remove(name) != null) {
      queryChanged = true;
    }
  }

  @Override
  public void setUpstreamBody(Map<String, Object> fields) {
    replacementBody = RequestBodies.encode(x.request.headers().get(HttpHeaderNames.CONTENT_TYPE), fields);
  }

  @Override
  public void error(int status, String message, Map<String, String> headers) {
    exit = new Exit(status, message, true, headers);
  }

  @Override
  public void exit(int status, Map<String, String> headers) {
    exit = new Exit(status, null, false, headers);
  }

  @Override
  public boolean exited() {
    return exit != null;
  }

  @Override
  public void setResponseHeader(String name, String value) {
    name = HeaderEscaping.name(name);
    value = HeaderEscaping.value(value);
    if (filteringHeaders != null) {
      filteringHeaders.set(name, value);
    } else {
      if (pendingResponseHeaders == null) {
        pendingResponseHeaders = new LinkedHashMap<>();
      }
      pendingResponseHeaders.put(name, value);
    }
  }

  @Override
  public void addResponseHeader(String name, String value) {
    if (filteringHeaders != null) {
      filteringHeaders.add(HeaderEscaping.name(name), HeaderEscaping.value(value));
    } else {
      setResponseHeader(name, value);
    }
  }

  @Override
  public void clearResponseHeader(String name) {
    if (filteringHeaders != null) {
      filteringHeaders.remove(name);
    } else {
      if (pendingResponseHeaders == null) {
        pendingResponseHeaders = new LinkedHashMap<>();
      }
      pendingResponseHeaders.put(name, null);
    }
  }

  @Override
  public String responseHeader(String name) {
    return filteringHeaders == null ? null : filteringHeaders.get(name);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T index() {
    return currentPlugin == null ? null : (T) x.cfg.index(currentPlugin);
  }

  @Override
  public Map<String, Object> pluginContext() {
    if (pluginCtx == null) {
      pluginCtx = new HashMap<>();
    }
    return pluginCtx.computeIfAbsent(currentPlugin == null ? "" : currentPlugin, k -> new HashMap<>());
  }
}
