package dev.gatehouse.gateway.proxy;

import dev.gatehouse.gateway.http.HeaderEscaping;
import dev.gatehouse.gateway.http.HeaderFieldRules;
import dev.gatehouse.gateway.http.NginxErrorPage;
import dev.gatehouse.gateway.http.RequestHeadRejected;
import dev.gatehouse.gateway.log.RequestLog;
import dev.gatehouse.gateway.log.UpstreamTry;
import dev.gatehouse.gateway.plugin.Credential;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.router.RouteMatch;
import dev.gatehouse.gateway.router.RouteRequest;
import dev.gatehouse.gateway.router.UpstreamPath;
import dev.gatehouse.gateway.runtime.PlanEntry;
import dev.gatehouse.gateway.runtime.PluginPlan;
import dev.gatehouse.gateway.runtime.ProxyConsumer;
import dev.gatehouse.gateway.runtime.ProxyRoute;
import dev.gatehouse.gateway.runtime.ProxyService;
import dev.gatehouse.gateway.runtime.RuntimeConfig;
import dev.gatehouse.gateway.uri.UriNormalizer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * One request through the proxy, on its connection's event loop from start to end: routing, the access phase of
 * the route's plugin plan, then either a Kong-generated response or the upstream exchange (pooled connection or a
 * new one through the {@link UpstreamConnector}, retries, timeouts, streaming both bodies with backpressure), the
 * header_filter phase, and the log phase. It is also the {@link PluginContext} handed to plugins.
 */
final class Exchange extends Timeouts.Entry implements PluginContext {

  /** Kong's client_body_buffer_size: bodies up to this size are readable by plugins. */
  static final int BODY_BUFFER = 8192;
  /** Request bodies up to this size are kept to replay on a retry. */
  private static final int REPLAY_LIMIT = 64 * 1024;
  /** A body still unread after a Kong-generated response is read and dropped up to this size, else we close. */
  private static final long DISCARD_LIMIT = 256 * 1024;
  private static final String VIA_TOKEN = "1.1 " + ProxyServer.SERVER_HEADER;

  private enum State { ROUTING, BUFFERING, CONNECTING, PROXYING, LOCAL, DONE }

  private final ClientConnection conn;
  private final ProxyServer server;
  private final HttpRequest request;
  private final String requestId;
  private final long startNanos;
  private final RuntimeConfig cfg;
  private final String rawUri;
  private final String rawPath;
  private final String rawQuery;
  private final boolean keepAliveRequested;
  private final String clientHost;
  private State state = State.ROUTING;
  private String path;

  // routing and plugins
  private RouteMatch match;
  private ProxyRoute route;
  private ProxyService service;
  private PluginPlan plan;
  private PluginHandler[] headerFilters = new PluginHandler[0];
  private PluginHandler[] loggers = new PluginHandler[0];
  private int collected;
  private String[] collectedNames;
  private String currentPlugin;
  private Map<String, Map<String, Object>> pluginCtx;
  private ProxyConsumer consumer;
  private Credential credential;
  private boolean exited;
  private int exitStatus;
  private String exitMessage;
  private boolean exitWithBody;
  private Map<String, String> exitHeaders;
  private LinkedHashMap<String, String> pendingResponseHeaders;
  private HttpHeaders filteringHeaders;
  private Map<String, List<String>> queryArgs;
  private boolean queryChanged;
  private Map<String, Object> body;
  private byte[] replacementBody;
  private Map<String, Object> logRequestHeaders;

  // request body
  private ArrayDeque<HttpContent> pending;
  private CompositeByteBuf buffered;
  private boolean bufferOverflow;
  private boolean requestComplete;
  private long requestBodyBytes;
  private long discarded;
  private List<ByteBuf> replay;
  private long replayBytes;
  private boolean replayable = true;

  // upstream
  private UpstreamConnection upstream;
  private int tries;
  private List<UpstreamTry> tryLog;
  private UpstreamConnection answeringTry;
  private long dispatchNanos;
  private long tryStartNanos;
  private boolean requestWritten;
  private boolean bodyStartedUpstream;
  private boolean reusedConnection;
  private boolean upstreamResponded;
  private boolean upstreamKeepAlive;
  private long firstByteNanos = -1;
  private String upstreamStatus = "";
  private String upstreamUri = "";
  private long deadline;
  private long timeoutMillis;
  private int timeoutKind; // 0 none, 1 write, 2 read

  // response
  private boolean responseStarted;
  private boolean responseComplete;
  private boolean closeAfter;
  private int status;
  private long responseBytes;
  private long proxyLatency = -1;
  private long waitingTime = -1;
  private long kongResponseLatency = -1;
  private HttpHeaders sentHeaders;
  private HttpResponseStatus sentStatus;
  private boolean proxied;

  Exchange(ClientConnection conn, HttpRequest request) {
    this.conn = conn;
    this.server = conn.server;
    this.request = request;
    this.startNanos = System.nanoTime();
    this.requestId = RequestIds.next();
    this.cfg = server.config.current();
    this.rawUri = request.uri();
    int q = rawUri.indexOf('?');
    this.rawPath = q < 0 ? rawUri : rawUri.substring(0, q);
    this.rawQuery = q < 0 ? null : rawUri.substring(q + 1);
    this.keepAliveRequested = HttpUtil.isKeepAlive(request);
    this.clientHost = request.headers().get(HttpHeaderNames.HOST);
  }

  // ---------------------------------------------------------------- request side

  void start() {
    server.inFlight.increment();
    if (!request.decoderResult().isSuccess()) {
      Throwable cause = request.decoderResult().cause();
      int code = cause instanceof RequestHeadRejected r ? r.status() : cause instanceof TooLongHttpLineException ? 414
          : cause instanceof TooLongHttpHeaderException ? 494 : 400;
      requestComplete = true; // nothing of this connection is read after a refused head
      closeAfter = true;
      plan = cfg.globalPlan();
      if (code == 501 || code == 505) {
        respondNginxPage(code); // not in Kong's error_page lists
      } else {
        respondError(code == 494 ? 400 : code, KongErrors.defaultMessage(code), true);
      }
      return;
    }
    String target = rawPath;
    if (!target.startsWith("/")) {
      int scheme = target.indexOf("://");
      int slash = scheme < 0 ? -1 : target.indexOf('/', scheme + 3);
      target = slash < 0 ? "/" : target.substring(slash);
    }
    path = UriNormalizer.normalize(target, true);
    HttpHeaders h = request.headers();
    match = cfg.match(new RouteRequest(request.method().name(), path, clientHost, conn.listenerPort, scheme(),
        conn.sni(), sink -> h.forEach(e -> sink.accept(e.getKey(), e.getValue()))));
    if (match == null) {
      plan = cfg.globalPlan();
      collectGlobals();
      respondKongError(404, "no Route matched with those values", null);
      return;
    }
    route = match.route();
    service = route.service();
    plan = cfg.plan(route);
    if (plan.readsBody() && !requestComplete && hasBody()) {
      state = State.BUFFERING;
      buffered = Unpooled.compositeBuffer(16);
      conn.resume();
      return;
    }
    access();
  }

  private ArrayDeque<HttpContent> pending() {
    if (pending == null) {
      pending = new ArrayDeque<>(4);
    }
    return pending;
  }

  private boolean hasBody() {
    return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
  }

  private void collectGlobals() {
    for (PlanEntry e : plan.entries()) {
      PluginHandler handler = e.resolve(null);
      if (handler != null) {
        collect(e.name(), handler);
      }
    }
  }

  private void access() {
    // Kong's https-only routes and gRPC routes (kong/runloop/handler.lua, before the plugins)
    if (!route.acceptsHttp() && !"https".equals(scheme())) {
      collectGlobals();
      if (route.httpsRedirectStatusCode() == 426) {
        respondKongError(426, "Please use HTTPS protocol", Map.of("Connection", "Upgrade",
            "Upgrade", "TLS/1.2, HTTP/1.1"));
      } else {
        respondExit(route.httpsRedirectStatusCode(),
            Map.of("Location", "https://" + forwardedHost(clientHost) + rawUri));
      }
      return;
    }
    if (route.grpc()) {
      collectGlobals();
      String ct = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
      if (ct != null && ct.startsWith("application/grpc")) {
        respondKongError(426, "Please use HTTP2 protocol", Map.of("connection", "Upgrade", "upgrade", "HTTP/2"));
      } else {
        respondKongError(415, "Non-gRPC request matched gRPC route", null);
      }
      return;
    }
    for (PlanEntry e : plan.entries()) {
      PluginHandler handler = e.resolve(consumer == null ? null : consumer.id());
      if (handler == null) {
        continue;
      }
      collect(e.name(), handler);
      if (!exited && handler.hasAccess()) {
        currentPlugin = e.name();
        try {
          handler.access(this);
        } catch (RuntimeException ex) {
          org.slf4j.LoggerFactory.getLogger(Exchange.class).error("plugin {} failed in access: {}", e.name(),
              ex.toString(), ex);
          if (!exited) {
            error(500, "An unexpected error occurred", null);
          }
        }
        currentPlugin = null;
      }
    }
    if (exited) {
      if (exitWithBody) {
        respondKongError(exitStatus, exitMessage, exitHeaders);
      } else {
        respondExit(exitStatus, exitHeaders);
      }
      return;
    }
    if (service == null) {
      respondKongError(503, "no Service found with those values", null);
      return;
    }
    dispatchNanos = System.nanoTime();
    proxyLatency = millis(dispatchNanos - startNanos);
    boolean expectContinue = HttpUtil.is100ContinueExpected(request);
    prepareUpstreamRequest();
    if (expectContinue && !requestComplete) {
      conn.channel.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    }
    connect();
  }

  private void collect(String name, PluginHandler h) {
    if (!h.hasHeaderFilter() && !h.hasLog()) {
      return;
    }
    if (collectedNames == null) {
      collectedNames = new String[4];
      headerFilters = new PluginHandler[4];
      loggers = new PluginHandler[4];
    } else if (collected == collectedNames.length) {
      collectedNames = java.util.Arrays.copyOf(collectedNames, collected * 2);
      headerFilters = java.util.Arrays.copyOf(headerFilters, collected * 2);
      loggers = java.util.Arrays.copyOf(loggers, collected * 2);
    }
    collectedNames[collected] = name;
    headerFilters[collected] = h.hasHeaderFilter() ? h : null;
    loggers[collected] = h.hasLog() ? h : null;
    collected++;
  }

  /** True until the request's last content arrived. */
  boolean acceptsRequestContent() {
    return !requestComplete;
  }

  /** Whether reading the client should go on now (false: pause for backpressure). */
  boolean wantsRequestContent() {
    if (requestComplete) {
      return true; // only pipelined requests or a close can come; they are queued
    }
    return switch (state) {
      case BUFFERING, LOCAL, DONE, ROUTING -> true;
      case PROXYING -> requestWritten && upstream != null && upstream.channel.isWritable();
      case CONNECTING -> !hasBody(); // body chunks wait in memory: read no more until connected
    };
  }

  void onRequestContent(HttpContent c) {
    if (!c.decoderResult().isSuccess()) {
      requestBodyRefused(c);
      return;
    }
    boolean last = c instanceof LastHttpContent;
    int n = c.content().readableBytes();
    requestBodyBytes += n;
    if (last) {
      requestComplete = true;
    }
    switch (state) {
      case BUFFERING -> {
        if (!bufferOverflow && buffered.readableBytes() + n <= BODY_BUFFER) {
          buffered.addComponent(true, c.content().retainedSlice());
        } else {
          bufferOverflow = true;
        }
        pending().add(c);
        if (last || bufferOverflow) {
          state = State.ROUTING;
          access();
        }
      }
      case PROXYING -> {
        if (requestWritten && replacementBody == null) {
          writeBody(c);
          if (last) {
            upstream.channel.flush();
            requestSent();
          }
        } else if (replacementBody != null) {
          c.release();
        } else {
          pending().add(c);
        }
      }
      case LOCAL, DONE -> {
        discarded += n;
        c.release();
        if (last) {
          maybeFinish();
        } else if (discarded > DISCARD_LIMIT) {
          closeAfter = true;
          requestComplete = true; // stop reading: the connection closes after the response
          maybeFinish();
        }
      }
      default -> pending().add(c);
    }
  }

  /**
   * The decoder refused the chunked body (a chunk size that overflows, a NUL in a chunk extension, bare-LF framing):
   * nginx answers 400 and closes. Nothing more is read; an upstream connection that got part of the request is
   * closed, never pooled, so the upstream never sees the request complete.
   */
  private void requestBodyRefused(HttpContent c) {
    c.release();
    requestComplete = true;
    closeAfter = true;
    if (state == State.LOCAL || state == State.DONE) {
      maybeFinish(); // already answered or answering: the connection closes after that answer
      return;
    }
    cancelTimer();
    releasePending();
    if (upstream != null) {
      upstream.exchange = null;
      upstream.channel.close();
      upstream = null;
    }
    if (responseStarted) {
      conn.channel.close(); // the upstream's answer is partly out: cut it, as for an upstream failure
      return;
    }
    respondError(400, KongErrors.defaultMessage(400), true);
  }

  void onClientReadComplete() {
    if (state == State.PROXYING && upstream != null && requestWritten) {
      upstream.channel.flush();
    }
  }

  void onClientWritabilityChanged() {
    if (upstream != null && state == State.PROXYING && upstreamResponded) {
      upstream.channel.config().setAutoRead(conn.channel.isWritable());
    }
  }

  void onClientClosed() {
    if (state == State.DONE) {
      return;
    }
    releasePending();
    if (upstream != null) {
      upstream.exchange = null;
      upstream.channel.close();
      upstream = null;
    }
    cancelTimer();
    if (!responseComplete) {
      status = responseStarted ? status : 499; // nginx's "client closed request"
    }
    state = State.DONE;
    closeAfter = true;
    logPhase();
    server.inFlight.decrement();
  }

  // ---------------------------------------------------------------- upstream request

  private static final HeaderScan REQUEST_SCAN = new HeaderScan(HttpHeaderNames.CONNECTION, HttpHeaderNames.TE,
      KongHeaders.KEEP_ALIVE, HttpHeaderNames.UPGRADE, KongHeaders.PROXY, KongHeaders.PROXY_CONNECTION,
      HttpHeaderNames.VIA, KongHeaders.X_FORWARDED_FOR, KongHeaders.X_FORWARDED_PROTO, KongHeaders.X_FORWARDED_HOST,
      KongHeaders.X_FORWARDED_PORT, KongHeaders.X_FORWARDED_PATH, KongHeaders.X_FORWARDED_PREFIX,
      KongHeaders.X_REAL_IP, KongHeaders.X_KONG_REQUEST_ID, HttpHeaderNames.HOST, HttpHeaderNames.EXPECT);

  /** Sets a header, or adds it when the scan saw none (no removal pass). */
  private static void put(HttpHeaders h, long found, int index, AsciiString name, Object value) {
    if (HeaderScan.has(found, index)) {
      h.set(name, value);
    } else {
      h.add(name, value);
    }
  }

  private void prepareUpstreamRequest() {
    HttpHeaders h = request.headers();
    if (plan.hasLog() || server.events.active()) {
      logRequestHeaders = kongShape(h);
    }
    long found = REQUEST_SCAN.scan(h);
    String remote = conn.clientIp;
    String host = clientHost;
    // hop-by-hop request headers (kong/runloop/handler.lua access.after)
    if (HeaderScan.has(found, 0)) {
      String connection = h.get(HttpHeaderNames.CONNECTION);
      for (String token : connection.split(",")) {
        String t = token.strip().toLowerCase(Locale.ROOT);
        if (!t.isEmpty() && !t.equals("keep-alive") && !t.equals("close") && !t.equals("upgrade")) {
          h.remove(t);
        }
      }
      found = REQUEST_SCAN.scan(h); // the listed headers may have included some of ours
    }
    if (HeaderScan.has(found, 1)) {
      String te = h.get(HttpHeaderNames.TE);
      h.remove(HttpHeaderNames.TE);
      if (te != null && te.toLowerCase(Locale.ROOT).contains("trailers")) {
        h.set(HttpHeaderNames.TE, "trailers");
      }
    }
    if (HeaderScan.has(found, 2)) {
      h.remove(KongHeaders.KEEP_ALIVE);
    }
    if (HeaderScan.has(found, 3)) {
      h.remove(HttpHeaderNames.UPGRADE);
    }
    if (HeaderScan.has(found, 4)) {
      h.remove(KongHeaders.PROXY);
    }
    if (HeaderScan.has(found, 5)) {
      h.remove(KongHeaders.PROXY_CONNECTION);
    }
    if (HeaderScan.has(found, 16)) {
      h.remove(HttpHeaderNames.EXPECT); // answered here with 100 Continue when needed
    }
    if (HeaderScan.has(found, 0) && h.contains(HttpHeaderNames.CONNECTION)) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    } else {
      h.add(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    put(h, found, 15, HttpHeaderNames.HOST, route.preserveHost() && host != null ? host : service.hostHeader());
    if (HeaderScan.has(found, 6)) {
      h.set(HttpHeaderNames.VIA, h.get(HttpHeaderNames.VIA) + ", " + viaToken());
    } else {
      h.add(HttpHeaderNames.VIA, viaToken());
    }
    if (HeaderScan.has(found, 7)) {
      h.set(KongHeaders.X_FORWARDED_FOR, h.get(KongHeaders.X_FORWARDED_FOR) + ", " + remote);
    } else {
      h.add(KongHeaders.X_FORWARDED_FOR, remote);
    }
    put(h, found, 8, KongHeaders.X_FORWARDED_PROTO, scheme());
    put(h, found, 9, KongHeaders.X_FORWARDED_HOST, forwardedHost(host));
    put(h, found, 10, KongHeaders.X_FORWARDED_PORT, conn.listenerPortText);
    put(h, found, 11, KongHeaders.X_FORWARDED_PATH, rawPath);
    String prefix = match.strippedPrefix();
    if (prefix != null && !prefix.equals("/")) {
      put(h, found, 12, KongHeaders.X_FORWARDED_PREFIX, prefix);
    } else if (HeaderScan.has(found, 12)) {
      h.remove(KongHeaders.X_FORWARDED_PREFIX);
    }
    put(h, found, 13, KongHeaders.X_REAL_IP, remote);
    put(h, found, 14, KongHeaders.X_KONG_REQUEST_ID, requestId);
    if (replacementBody != null) {
      h.remove(HttpHeaderNames.TRANSFER_ENCODING);
      h.setInt(HttpHeaderNames.CONTENT_LENGTH, replacementBody.length);
    }
    String uri = UpstreamPath.of(route.stripPath(), match.strippedPrefix(), path, service.path());
    String query = queryChanged ? QueryArgs.encode(queryArgs) : rawQuery;
    if (query != null && (!query.isEmpty() || rawUri.endsWith("?"))) {
      uri = uri + "?" + query;
    }
    upstreamUri = uri;
    request.setUri(uri);
  }

  private String viaToken() {
    HttpVersion v = request.protocolVersion();
    return v.majorVersion() == 1 && v.minorVersion() == 1 ? VIA_TOKEN
        : v.majorVersion() + "." + v.minorVersion() + " " + ProxyServer.SERVER_HEADER;
  }

  /** nginx's {@code $host}: the Host header's name, lower-cased, else the listener's address. */
  private String forwardedHost(String host) {
    if (host == null || host.isEmpty()) {
      return conn.channel.localAddress() instanceof java.net.InetSocketAddress a ? a.getHostString() : "localhost";
    }
    int colon = host.lastIndexOf(':');
    String name = colon > host.lastIndexOf(']') && colon >= 0 ? host.substring(0, colon) : host;
    return name.toLowerCase(Locale.ROOT);
  }

  // ---------------------------------------------------------------- connecting and sending

  /**
   * How upstream responses are decoded: headers unvalidated, as the response header scan checks them (a header nginx
   * would call "upstream sent invalid header", with NUL or a bare CR in a value, is a 502); trailers validated.
   */
  private static final HttpDecoderConfig UPSTREAM_DECODING = new HttpDecoderConfig().setMaxInitialLineLength(4096)
      .setMaxHeaderSize(65536).setMaxChunkSize(65536).setValidateHeaders(false)
      .setTrailersFactory(HeaderFieldRules.TRAILERS);

  private void connect() {
    state = State.CONNECTING;
    tries++;
    tryStartNanos = tries == 1 ? dispatchNanos : System.nanoTime();
    UpstreamTarget target = service.target();
    boolean verify = service.verifiesTls();
    UpstreamPool.Key key = new UpstreamPool.Key(target, verify);
    if (tries == 1) {
      UpstreamConnection pooled = conn.pool.poll(key);
      if (pooled != null) {
        reusedConnection = true;
        attach(pooled);
        return;
      }
    }
    reusedConnection = false;
    if (!requestComplete && hasBody()) {
      conn.pause(); // body chunks wait in memory until connected: read no more meanwhile
    }
    UpstreamConnection uc = new UpstreamConnection(key, conn.pool);
    SslContext tls = target.tls() ? (verify ? server.upstreamTlsVerified : server.upstreamTls) : null;
    Bootstrap b = new Bootstrap()
        .group(conn.channel.eventLoop())
        .channel(server.transport.socketChannel())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, service.connectTimeoutMs())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            uc.channel = ch;
            if (tls != null) {
              ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), target.host(), target.port()));
            }
            ch.pipeline().addLast("http", new HttpClientCodec(UPSTREAM_DECODING, false, false))
                .addLast("upstream", uc);
          }
        });
    Future<Channel> f;
    try {
      f = server.connector.connect(target, b);
    } catch (RuntimeException e) {
      upstreamFailed(null, e, false);
      return;
    }
    f.addListener(x -> {
      if (state != State.CONNECTING) { // the client went away meanwhile
        if (x.isSuccess()) {
          ((Channel) x.getNow()).close();
        }
        return;
      }
      if (!x.isSuccess()) {
        upstreamFailed(null, x.cause(), false);
        return;
      }
      Channel ch = (Channel) x.getNow();
      uc.channel = ch;
      SslHandler ssl = ch.pipeline().get(SslHandler.class);
      if (ssl == null) {
        attach(uc);
      } else {
        ssl.handshakeFuture().addListener(hs -> {
          if (state != State.CONNECTING) {
            ch.close();
          } else if (hs.isSuccess()) {
            attach(uc);
          } else {
            ch.close();
            upstreamFailed(null, hs.cause(), false);
          }
        });
      }
    });
  }

  private void attach(UpstreamConnection uc) {
    upstream = uc;
    uc.exchange = this;
    uc.requests++;
    state = State.PROXYING;
    upstreamResponded = false;
    bodyStartedUpstream = false;
    Channel ch = uc.channel;
    ch.write(request, ch.voidPromise());
    requestWritten = true;
    if (replacementBody != null) {
      releasePending();
      ch.write(new DefaultLastHttpContent(Unpooled.wrappedBuffer(replacementBody)), ch.voidPromise());
      requestComplete = true;
    } else {
      boolean replaying = (replay != null && !replay.isEmpty())
          || (tries > 1 && requestComplete && (pending == null || pending.isEmpty()));
      if (replay != null) {
        for (ByteBuf b : replay) {
          ch.write(new DefaultHttpContent(b.retainedDuplicate()), ch.voidPromise());
          bodyStartedUpstream = true;
        }
      }
      HttpContent c;
      while (pending != null && (c = pending.poll()) != null) {
        writeBody(c);
        replaying = false;
      }
      if (replaying && requestComplete) {
        // the original last chunk went to the failed try
        ch.write(LastHttpContent.EMPTY_LAST_CONTENT, ch.voidPromise());
      }
    }
    ch.flush();
    if (requestComplete) {
      requestSent();
    } else {
      arm(service.writeTimeoutMs(), 1);
      if (ch.isWritable()) {
        conn.resume();
      }
    }
    if (requestComplete || !hasBody()) {
      conn.resume(); // a no-op unless reading was paused
    }
  }

  private void writeBody(HttpContent c) {
    bodyStartedUpstream = true;
    if (replayable) {
      int n = c.content().readableBytes();
      if (replayBytes + n <= REPLAY_LIMIT) {
        if (n > 0) {
          if (replay == null) {
            replay = new ArrayList<>(4);
          }
          replay.add(c.content().retainedDuplicate());
          replayBytes += n;
        }
      } else {
        replayable = false;
        releaseReplay();
      }
    }
    upstream.channel.write(c, upstream.channel.voidPromise());
    deadline = deadlineIn(service.writeTimeoutMs());
  }

  private void requestSent() {
    arm(service.readTimeoutMs(), 2);
  }

  void onUpstreamWritabilityChanged(UpstreamConnection uc) {
    if (uc != upstream) {
      return;
    }
    if (requestComplete || state != State.PROXYING) {
      return;
    }
    if (uc.channel.isWritable()) {
      deadline = deadlineIn(service.writeTimeoutMs());
      conn.resume();
    } else {
      conn.pause();
    }
  }

  // ---------------------------------------------------------------- upstream response

  void onUpstreamMessage(UpstreamConnection uc, Object msg) {
    if (uc != upstream || state != State.PROXYING) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (timeoutKind == 2) {
      deadline = deadlineIn(timeoutMillis);
    }
    if (msg instanceof HttpResponse resp) {
      if (!resp.decoderResult().isSuccess()) {
        ReferenceCountUtil.release(msg);
        upstreamFailed(uc, resp.decoderResult().cause(), true);
        return;
      }
      if (resp.status().code() == 100) {
        return; // interim response: the real one follows
      }
      long found = RESPONSE_SCAN.scanChecked(resp.headers());
      if (found == HeaderScan.INVALID) {
        ReferenceCountUtil.release(msg);
        upstreamFailed(uc, new DecoderException("upstream sent invalid header"), true);
        return;
      }
      upstreamResponded = true;
      firstByteNanos = System.nanoTime();
      waitingTime = millis(firstByteNanos - dispatchNanos);
      releaseReplay();
      answeringTry = uc;
      upstreamStatus = Integer.toString(resp.status().code());
      upstreamKeepAlive = HttpUtil.isKeepAlive(resp);
      if (!requestComplete) {
        closeAfter = true; // answered before the whole body arrived
      }
      forwardResponseHead(resp, found);
      if (msg instanceof LastHttpContent) { // a complete response in one object
        responseComplete = true;
        cancelTimer();
        conn.channel.writeAndFlush(resp, conn.channel.voidPromise());
        upstreamDone();
      } else {
        conn.channel.write(resp, conn.channel.voidPromise());
      }
      return;
    }
    if (msg instanceof HttpContent c) {
      if (!upstreamResponded) {
        c.release();
        return;
      }
      forwardResponseContent(c);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  private static final HeaderScan RESPONSE_SCAN = new HeaderScan(HttpHeaderNames.CONNECTION, KongHeaders.KEEP_ALIVE,
      HttpHeaderNames.UPGRADE, KongHeaders.PROXY_CONNECTION, HttpHeaderNames.TRAILER, HttpHeaderNames.VIA,
      HttpHeaderNames.SERVER, HttpHeaderNames.DATE, HttpHeaderNames.CONTENT_LENGTH, HttpHeaderNames.TRANSFER_ENCODING,
      KongHeaders.X_KONG_UPSTREAM_LATENCY, KongHeaders.X_KONG_PROXY_LATENCY, KongHeaders.X_KONG_REQUEST_ID);

  private void forwardResponseHead(HttpResponse resp, long found) {
    status = resp.status().code();
    HttpHeaders h = resp.headers();
    if (HeaderScan.has(found, 0)) {
      String connection = h.get(HttpHeaderNames.CONNECTION);
      for (String token : connection.split(",")) {
        String t = token.strip().toLowerCase(Locale.ROOT);
        if (!t.isEmpty() && !t.equals("close") && !t.equals("upgrade") && !t.equals("keep-alive")) {
          h.remove(t);
        }
      }
      h.remove(HttpHeaderNames.CONNECTION);
      found = RESPONSE_SCAN.scan(h);
    }
    if (HeaderScan.has(found, 1)) {
      h.remove(KongHeaders.KEEP_ALIVE);
    }
    if (HeaderScan.has(found, 2)) {
      h.remove(HttpHeaderNames.UPGRADE);
    }
    if (HeaderScan.has(found, 3)) {
      h.remove(KongHeaders.PROXY_CONNECTION);
    }
    if (HeaderScan.has(found, 4) && !"trailers".equals(request.headers().get(HttpHeaderNames.TE))) {
      h.remove(HttpHeaderNames.TRAILER);
    }
    boolean bodyless = request.method().equals(HttpMethod.HEAD) || status == 204 || status == 304
        || status / 100 == 1;
    boolean chunked = HeaderScan.has(found, 9) && HttpUtil.isTransferEncodingChunked(resp);
    boolean framed = HeaderScan.has(found, 8) || chunked;
    boolean http11Client = request.protocolVersion().equals(HttpVersion.HTTP_1_1);
    if (!bodyless && !framed) {
      if (http11Client) {
        HttpUtil.setTransferEncodingChunked(resp, true);
      } else {
        closeAfter = true;
      }
      upstreamKeepAlive = false; // close-delimited upstream body
    } else if (!http11Client && chunked) {
      h.remove(HttpHeaderNames.TRANSFER_ENCODING);
      closeAfter = true;
    }
    proxied = true;
    resp.setProtocolVersion(HttpVersion.HTTP_1_1);
    if (pendingResponseHeaders != null || collected > 0) {
      runHeaderFilters(h);
      found = RESPONSE_SCAN.scan(h); // plugins may have changed any header
    }
    put(h, found, 10, KongHeaders.X_KONG_UPSTREAM_LATENCY, (int) waitingTime);
    put(h, found, 11, KongHeaders.X_KONG_PROXY_LATENCY, (int) Math.max(0, proxyLatency));
    if (HeaderScan.has(found, 5)) {
      h.set(HttpHeaderNames.VIA, h.get(HttpHeaderNames.VIA) + ", " + VIA_TOKEN);
    } else {
      h.add(HttpHeaderNames.VIA, KongHeaders.VIA_11);
    }
    if (!HeaderScan.has(found, 6)) {
      h.add(HttpHeaderNames.SERVER, KongHeaders.SERVER_TOKEN);
    }
    if (!HeaderScan.has(found, 7)) {
      h.add(HttpHeaderNames.DATE, HttpDate.now());
    }
    put(h, found, 12, KongHeaders.X_KONG_REQUEST_ID, requestId);
    applyConnectionHeader(h);
    sentHeaders = h;
    responseStarted = true;
    if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
      resp.setProtocolVersion(request.protocolVersion());
    }
    sentStatus = resp.status();
  }

  private void forwardResponseContent(HttpContent c) {
    responseBytes += c.content().readableBytes();
    if (c instanceof LastHttpContent) {
      responseComplete = true;
      cancelTimer();
      // a failed client write closes the client channel (onClientClosed); the upstream side is done either way
      conn.channel.writeAndFlush(c, conn.channel.voidPromise());
      upstreamDone();
    } else {
      conn.channel.write(c, conn.channel.voidPromise());
    }
  }

  void onUpstreamReadComplete(UpstreamConnection uc) {
    if (uc != upstream || state != State.PROXYING) {
      return;
    }
    if (upstreamResponded) {
      conn.channel.flush();
      if (!conn.channel.isWritable()) {
        uc.channel.config().setAutoRead(false); // the client is slower than the upstream
      }
    }
  }

  /** The upstream side of a proxied exchange is over: return the connection to the pool when it can be reused. */
  private void upstreamDone() {
    UpstreamConnection uc = upstream;
    upstream = null;
    if (uc != null) {
      uc.exchange = null;
      if (upstreamKeepAlive && requestComplete && server.connector.reusesConnections(service.target())) {
        uc.pool.release(uc);
      } else {
        uc.channel.close();
      }
    }
    maybeFinish();
  }

  void onUpstreamClosed(UpstreamConnection uc, Throwable cause) {
    if (uc != upstream) {
      return;
    }
    if (responseComplete) {
      return;
    }
    upstreamFailed(uc, cause, true);
  }

  /**
   * A failure before or during the response: retry when Kong/nginx would (nothing sent yet, or a replayable request
   * that got no response byte), else answer 502/503/504, or cut the client connection when the response already
   * started.
   */
  private void upstreamFailed(UpstreamConnection uc, Throwable cause, boolean afterConnect) {
    cancelTimer();
    if (uc != null) {
      uc.exchange = null;
      uc.channel.close();
    }
    upstream = null;
    if (responseStarted) {
      closeAfter = true;
      conn.channel.close();
      return;
    }
    int code = failureStatus(cause, afterConnect);
    recordTry(uc, code);
    boolean sentSomething = afterConnect && requestWritten;
    boolean canReplay = !bodyStartedUpstream || (replayable && requestComplete);
    boolean idempotent = !(request.method().equals(HttpMethod.POST) || request.method().equals(HttpMethod.PATCH)
        || request.method().name().equals("LOCK"));
    boolean staleReused = reusedConnection && afterConnect && !upstreamResponded;
    boolean retry = canReplay && (!sentSomething || idempotent || staleReused)
        && (tries <= service.retries() || (staleReused && tries == 1));
    if (cause instanceof UnknownHostException) {
      retry = false;
    }
    if (retry) {
      requestWritten = false;
      connect(); // sets state = CONNECTING first
      return;
    }
    state = State.ROUTING;
    String message = code == 503 && cause instanceof UnknownHostException ? "name resolution failed"
        : KongErrors.defaultMessage(code);
    respondError(code, message, false);
  }

  private int failureStatus(Throwable cause, boolean afterConnect) {
    if (cause instanceof UpstreamTimeout || cause instanceof ConnectTimeoutException) {
      return 504;
    }
    if (cause instanceof UnknownHostException) {
      return 503;
    }
    if (cause instanceof ConnectException || afterConnect) {
      return server.connector.failureStatus(service.target());
    }
    return 502;
  }

  /** Records a failed try (the answering one is described at log time, from {@link #answeringTry}). */
  private void recordTry(UpstreamConnection uc, Integer failedCode) {
    if (tryLog == null) {
      tryLog = new ArrayList<>(2);
    }
    tryLog.add(describeTry(uc, wallMillis(tryStartNanos)).failed(failedCode));
    upstreamStatus = upstreamStatus.isEmpty() ? Integer.toString(failedCode) : upstreamStatus + ", " + failedCode;
  }

  private UpstreamTry describeTry(UpstreamConnection uc, long startMillis) {
    String ip = uc != null && uc.channel != null ? uc.peerIp() : service.target().host();
    int port = uc != null && uc.channel != null ? uc.peerPort() : service.target().port();
    return new UpstreamTry(startMillis, startMillis * 1_000_000L, 0, 0, ip, port, null, null);
  }

  private List<UpstreamTry> tries() {
    if (answeringTry == null) {
      return tryLog == null ? null : List.copyOf(tryLog);
    }
    List<UpstreamTry> all = tryLog == null ? new ArrayList<>(1) : new ArrayList<>(tryLog);
    all.add(describeTry(answeringTry, wallMillis(tryStartNanos)));
    return all;
  }

  // ---------------------------------------------------------------- timeouts

  private static final class UpstreamTimeout extends Exception {
    UpstreamTimeout() {
      super("upstream timed out", null, false, false);
    }
  }

  private void arm(int ms, int kind) {
    timeoutMillis = ms;
    timeoutKind = kind;
    deadline = deadlineIn(ms);
    conn.timeouts.add(this);
  }

  /** The deadline {@code ms} from now; deadlines run on the loop's coarse clock: a tick late at worst. */
  private long deadlineIn(long ms) {
    return conn.timeouts.now() + TimeUnit.MILLISECONDS.toNanos(ms + Timeouts.TICK_MILLIS);
  }

  @Override
  long deadlineNanos() {
    return deadline;
  }

  @Override
  void expired(long now) {
    if (state != State.PROXYING || timeoutKind == 0 || responseComplete) {
      cancelTimer();
      return;
    }
    boolean notWaitingOnUpstream = timeoutKind == 1 ? upstream != null && upstream.channel.isWritable()
        : upstreamResponded && !conn.channel.isWritable(); // the client is slow, not the upstream
    if (notWaitingOnUpstream) {
      deadline = now + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      return;
    }
    upstreamFailed(upstream, new UpstreamTimeout(), true);
  }

  private void cancelTimer() {
    timeoutKind = 0;
    conn.timeouts.remove(this);
  }

  // ---------------------------------------------------------------- Kong-generated responses

  private void respondKongError(int code, String message, Map<String, String> headers) {
    String type = KongErrors.responseType(request.headers().get(HttpHeaderNames.ACCEPT));
    respond(code, type, KongErrors.body(type, message == null ? KongErrors.defaultMessage(code) : message, requestId),
        headers);
  }

  /** nginx-level errors (502, 504, bad requests) use error_handlers.lua's type rules. */
  private void respondError(int code, String message, boolean badRequest) {
    String type = KongErrors.errorHandlerType(request.headers().get(HttpHeaderNames.ACCEPT),
        request.headers().get(HttpHeaderNames.CONTENT_TYPE));
    respond(code, type, KongErrors.body(type, message, requestId), null);
    if (badRequest) {
      closeAfter = true;
    }
  }

  private void respondExit(int code, Map<String, String> headers) {
    respond(code, null, null, headers);
  }

  private void respond(int code, String contentType, String body, Map<String, String> headers) {
    state = State.LOCAL;
    releasePending();
    if (buffered != null) {
      buffered.release();
      buffered = null;
    }
    status = code;
    kongResponseLatency = millisSince(startNanos);
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code),
        Unpooled.wrappedBuffer(bytes));
    HttpHeaders h = r.headers();
    h.set(HttpHeaderNames.DATE, HttpDate.now());
    if (contentType != null) {
      h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    h.setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    if (headers != null) {
      headers.forEach((k, v) -> h.set(HeaderEscaping.name(k), HeaderEscaping.value(v)));
    }
    runHeaderFilters(h);
    h.set(HttpHeaderNames.SERVER, ProxyServer.SERVER_HEADER);
    h.setInt(KongHeaders.X_KONG_RESPONSE_LATENCY, (int) kongResponseLatency);
    h.set(KongHeaders.X_KONG_REQUEST_ID, requestId);
    if (!requestComplete && hasUnboundedBody()) {
      closeAfter = true;
    }
    applyConnectionHeader(h);
    if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
      r.setProtocolVersion(request.protocolVersion());
    }
    send(r);
  }

  /**
   * nginx's own error page, for the statuses Kong's {@code error_page} directives leave to nginx (501, 505): Kong's
   * Lua phases do not run, so there are no Kong headers and no plugins; the connection closes.
   */
  private void respondNginxPage(int code) {
    state = State.LOCAL;
    status = code;
    kongResponseLatency = millisSince(startNanos);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        new HttpResponseStatus(code, NginxErrorPage.reason(code)),
        Unpooled.wrappedBuffer(NginxErrorPage.html(code).getBytes(StandardCharsets.US_ASCII)));
    HttpHeaders h = r.headers();
    h.set(HttpHeaderNames.SERVER, NginxErrorPage.SERVER);
    h.set(HttpHeaderNames.DATE, HttpDate.now());
    h.set(HttpHeaderNames.CONTENT_TYPE, "text/html");
    h.setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
    h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    closeAfter = true;
    send(r);
  }

  /** Writes a Kong- or nginx-generated response; the exchange finishes once it is out. */
  private void send(FullHttpResponse r) {
    sentHeaders = r.headers();
    responseStarted = true;
    sentStatus = r.status();
    responseBytes = r.content().readableBytes();
    if (request.method().equals(HttpMethod.HEAD)) {
      r.content().clear();
      responseBytes = 0;
    }
    conn.channel.writeAndFlush(r).addListener(f -> {
      responseComplete = true;
      if (!f.isSuccess()) {
        closeAfter = true;
      }
      maybeFinish();
    });
    if (!requestComplete) {
      conn.resume(); // read and drop the rest of the body (or close once the response is out)
    }
  }

  private boolean hasUnboundedBody() {
    long len = HttpUtil.getContentLength(request, -1L);
    return len < 0 ? HttpUtil.isTransferEncodingChunked(request) : len - requestBodyBytes > DISCARD_LIMIT;
  }

  private void applyConnectionHeader(HttpHeaders h) {
    boolean keep = keepAliveRequested && !closeAfter && !server.closing();
    if (!keep) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      closeAfter = true;
    } else if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
  }

  private void runHeaderFilters(HttpHeaders h) {
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
          org.slf4j.LoggerFactory.getLogger(Exchange.class).error("plugin {} failed in header_filter: {}",
              currentPlugin, ex.toString());
        }
      }
    }
    currentPlugin = null;
    filteringHeaders = null;
  }

  // ---------------------------------------------------------------- completion

  private void maybeFinish() {
    if (state == State.DONE || !responseComplete || upstream != null) {
      return;
    }
    if (!requestComplete && !closeAfter) {
      return; // still draining the request body
    }
    state = State.DONE;
    cancelTimer();
    releasePending();
    releaseReplay();
    logPhase();
    server.inFlight.decrement();
    conn.exchangeDone(this, !closeAfter && requestComplete);
  }

  private void releasePending() {
    HttpContent c;
    while (pending != null && (c = pending.poll()) != null) {
      c.release();
    }
  }

  private void releaseReplay() {
    if (replay != null) {
      replay.forEach(ByteBuf::release);
      replay.clear();
    }
  }

  private void logPhase() {
    if (buffered != null) {
      buffered.release();
      buffered = null;
    }
    boolean anyLogger = false;
    for (int i = 0; i < collected; i++) {
      anyLogger |= loggers[i] != null;
    }
    boolean events = server.events.active();
    if (!anyLogger && !events) {
      return;
    }
    RequestLog log = requestLog();
    for (int i = 0; i < collected; i++) {
      if (loggers[i] != null) {
        try {
          loggers[i].log(log);
        } catch (RuntimeException ex) {
          org.slf4j.LoggerFactory.getLogger(Exchange.class).error("plugin {} failed in log: {}", collectedNames[i],
              ex.toString());
        }
      }
    }
    if (events) {
      server.events.offer(log);
    }
  }

  private RequestLog requestLog() {
    String url = scheme() + "://" + forwardedHost(clientHost) + ":" + conn.listenerPort + rawUri;
    Map<String, Object> reqHeaders = logRequestHeaders != null ? logRequestHeaders : kongShape(request.headers());
    long now = System.nanoTime();
    long receive = proxied && firstByteNanos > 0 ? millis(now - firstByteNanos) : 0;
    RequestLog.Tls tls = null;
    SSLSession session = conn.tls ? conn.tlsSession() : null;
    if (session != null) {
      // Java names the cipher suite (IANA name); nginx reports OpenSSL's name, identical for TLS 1.3 suites
      tls = new RequestLog.Tls(session.getProtocol(), session.getCipherSuite(), "NONE");
    }
    return new RequestLog(requestId, rawUri, url, QueryArgs.kongShape(queryArgs()), request.method().name(),
        reqHeaders, requestSize(), tls, proxied || tryLog != null ? upstreamUri : "", upstreamStatus,
        status, sentHeaders == null ? Map.of() : kongShape(sentHeaders), responseBytes + headBytes(),
        proxied ? Math.max(0, proxyLatency) : Math.max(0, kongResponseLatency), proxied ? waitingTime : -1,
        millis(now - startNanos), receive, tries(), credential,
        route == null ? null : route.logJson(), service == null ? null : service.logJson(),
        consumer == null ? null : consumer.logJson(), conn.clientIp,
        System.currentTimeMillis() - millis(now - startNanos), proxied ? "upstream" : "kong",
        cfg.workspaceId(), "default");
  }

  private long requestSize() {
    long size = request.method().name().length() + 1 + rawUri.length() + 1 + request.protocolVersion().text().length()
        + 2;
    for (Map.Entry<String, String> e : request.headers()) {
      size += e.getKey().length() + 2 + e.getValue().length() + 2;
    }
    return size + 2 + requestBodyBytes;
  }

  private long headBytes() {
    return sentStatus == null ? 0 : headerSize(sentStatus, sentHeaders);
  }

  private static long headerSize(HttpResponseStatus s, HttpHeaders h) {
    long size = 9 + 3 + 1 + s.reasonPhrase().length() + 2;
    for (Map.Entry<String, String> e : h) {
      size += e.getKey().length() + 2 + e.getValue().length() + 2;
    }
    return size + 2;
  }

  /** Kong's {@code get_headers()} shape: lower-case names, a list for repeated headers. */
  private static Map<String, Object> kongShape(HttpHeaders h) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : h) {
      String k = e.getKey().toLowerCase(Locale.ROOT);
      Object old = out.get(k);
      if (old == null) {
        out.put(k, e.getValue());
      } else if (old instanceof List<?> l) {
        @SuppressWarnings("unchecked")
        List<String> ls = (List<String>) l;
        ls.add(e.getValue());
      } else {
        List<String> ls = new ArrayList<>(2);
        ls.add((String) old);
        ls.add(e.getValue());
        out.put(k, ls);
      }
    }
    return out;
  }

  /** Epoch milliseconds of a {@link System#nanoTime()} instant of this request. */
  private static long wallMillis(long nanoInstant) {
    return System.currentTimeMillis() - millis(System.nanoTime() - nanoInstant);
  }

  private static long millisSince(long startNanos) {
    return millis(System.nanoTime() - startNanos);
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  // ---------------------------------------------------------------- PluginContext

  @Override
  public String method() {
    return request.method().name();
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String header(String name) {
    String v = request.headers().get(name);
    if (v == null && (name.indexOf('_') >= 0 || name.indexOf('-') >= 0)) {
      v = request.headers().get(name.indexOf('_') >= 0 ? name.replace('_', '-') : name.replace('-', '_'));
    }
    return v;
  }

  @Override
  public List<String> headerValues(String name) {
    List<String> v = request.headers().getAll(name);
    if (name.indexOf('_') >= 0 || name.indexOf('-') >= 0) {
      List<String> other = request.headers().getAll(
          name.indexOf('_') >= 0 ? name.replace('_', '-') : name.replace('-', '_'));
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
      queryArgs = QueryArgs.parse(rawQuery);
    }
    return queryArgs;
  }

  @Override
  public Map<String, Object> body() {
    if (body == null) {
      if (buffered == null || bufferOverflow) {
        body = Map.of();
      } else {
        byte[] bytes = new byte[buffered.readableBytes()];
        buffered.getBytes(buffered.readerIndex(), bytes);
        body = RequestBodies.decode(request.headers().get(HttpHeaderNames.CONTENT_TYPE), bytes);
      }
    }
    return body;
  }

  @Override
  public String clientIp() {
    return conn.clientIp;
  }

  @Override
  public String scheme() {
    return conn.tls ? "https" : "http";
  }

  @Override
  public ProxyRoute route() {
    return route;
  }

  @Override
  public ProxyService service() {
    return service;
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
    return cfg.consumerByIdOrUsername(idOrUsername);
  }

  @Override
  public void setUpstreamHeader(String name, String value) {
    request.headers().set(HeaderEscaping.name(name), HeaderEscaping.value(value));
  }

  @Override
  public void clearUpstreamHeader(String name) {
    request.headers().remove(name);
  }

  @Override
  public void clearUpstreamQueryArg(String name) {
    if (queryArgs().remove(name) != null) {
      queryChanged = true;
    }
  }

  @Override
  public void setUpstreamBody(Map<String, Object> fields) {
    replacementBody = RequestBodies.encode(request.headers().get(HttpHeaderNames.CONTENT_TYPE), fields);
  }

  @Override
  public void error(int status, String message, Map<String, String> headers) {
    exited = true;
    exitStatus = status;
    exitMessage = message;
    exitWithBody = true;
    exitHeaders = headers;
  }

  @Override
  public void exit(int status, Map<String, String> headers) {
    exited = true;
    exitStatus = status;
    exitWithBody = false;
    exitHeaders = headers;
  }

  @Override
  public boolean exited() {
    return exited;
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
    return currentPlugin == null ? null : (T) cfg.index(currentPlugin);
  }

  @Override
  public Map<String, Object> pluginContext() {
    if (pluginCtx == null) {
      pluginCtx = new HashMap<>();
    }
    return pluginCtx.computeIfAbsent(currentPlugin == null ? "" : currentPlugin, k -> new HashMap<>());
  }
}
