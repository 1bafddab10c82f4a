package dev.gatehouse.gateway;

import dev.gatehouse.gateway.admin.AdminServer;
import dev.gatehouse.gateway.entity.EntitySchemas;
import dev.gatehouse.gateway.store.ChangeEvent;
import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.Store;
import dev.gatehouse.gateway.store.Subscription;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started gateway: its bound addresses, its store's snapshot and change feed, and {@link #close()}. */
public final class RunningGateway implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunningGateway.class);

  private final GatewayConfig config;
  private final Store store;
  private final AdminServer admin;
  private final EntitySchemas schemas;
  private final ScheduledExecutorService housekeeping;
  private volatile boolean closed;

  RunningGateway(GatewayConfig config, Store store, AdminServer admin, EntitySchemas schemas) {
    this.config = config;
    this.store = store;
    this.admin = admin;
    this.schemas = schemas;
    this.housekeeping = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("gateway-ttl-purge").factory());
    housekeeping.scheduleWithFixedDelay(this::purge, 5, 5, TimeUnit.SECONDS);
  }

  private void purge() {
    try {
      int n = store.purgeExpired();
      if (n > 0) {
        LOG.debug("purged {} expired entities", n);
      }
    } catch (RuntimeException e) {
      LOG.warn("ttl purge failed: {}", e.getMessage());
    }
  }

  public GatewayConfig config() {
    return config;
  }

  /** The Admin API's bound address (the real port when 0 was asked). */
  public InetSocketAddress adminAddress() {
    return admin.address();
  }

  /** {@code http://host:port} of the Admin API. */
  public String adminUrl() {
    return ListenAddress.url(adminAddress());
  }

  /** The configured proxy address; the proxy listener itself arrives with the proxy issue. */
  public InetSocketAddress proxyListen() {
    return config.proxyListen();
  }

  public EntitySchemas schemas() {
    return schemas;
  }

  public Store store() {
    return store;
  }

  /** The current immutable configuration snapshot. */
  public Snapshot snapshot() {
    return store.snapshot();
  }

  /** Subscribes to committed changes (see {@link Store#subscribe}). */
  public Subscription subscribe(Consumer<ChangeEvent> listener) {
    return store.subscribe(listener);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    housekeeping.shutdownNow();
    admin.close();
    store.close();
    LOG.info("gateway stopped");
  }
}
