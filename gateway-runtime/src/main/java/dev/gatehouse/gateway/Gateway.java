package dev.gatehouse.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.admin.AdminApi;
import dev.gatehouse.gateway.admin.AdminServer;
import dev.gatehouse.gateway.dao.EntityDao;
import dev.gatehouse.gateway.declarative.ConfigEndpoint;
import dev.gatehouse.gateway.declarative.DeclarativeLoader;
import dev.gatehouse.gateway.entity.EntitySchemas;
import dev.gatehouse.gateway.error.KongException;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.plugin.PluginDefinition;
import dev.gatehouse.gateway.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a gateway in this JVM: the embeddable entry point used by {@link GatewayMain}, tests and the console. */
public final class Gateway {

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private Gateway() {
  }

  /**
   * Opens the store, loads the declarative file if one is configured (all or nothing), and starts the Admin
   * API. The returned handle knows the bound addresses; close it to stop.
   */
  public static RunningGateway start(GatewayConfig config) {
    EntitySchemas schemas = EntitySchemas.standard();
    Store store = Store.open(config.dataDir(), schemas);
    try {
      String nodeId = store.meta("node_id");
      if (nodeId == null) {
        nodeId = UUID.randomUUID().toString();
        store.putMeta("node_id", nodeId);
      }
      if (config.declarativeConfig() != null) {
        loadDeclarative(config, schemas, store);
      }
      EntityDao dao = new EntityDao(schemas);
      AdminApi api = new AdminApi(store, dao, config.adminToken(), configuration(config, schemas), nodeId,
          List.of(new ConfigEndpoint(store, dao)));
      AdminServer admin = AdminServer.start(config.adminListen(), api);
      LOG.info("admin API listening on {}", ListenAddress.url(admin.address()));
      return new RunningGateway(config, store, admin, schemas);
    } catch (RuntimeException | InterruptedException e) {
      store.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof GatewayStartException gs ? gs
          : new GatewayStartException("gateway failed to start: " + e.getMessage(), e);
    }
  }

  private static void loadDeclarative(GatewayConfig config, EntitySchemas schemas, Store store) {
    byte[] content;
    try {
      content = Files.readAllBytes(config.declarativeConfig());
    } catch (IOException e) {
      throw new GatewayStartException("cannot read declarative config " + config.declarativeConfig() + ": "
          + e.getMessage(), e);
    }
    DeclarativeLoader loader = new DeclarativeLoader(schemas);
    try {
      DeclarativeLoader.Parsed parsed = loader.parse(DeclarativeLoader.read(content), false);
      store.write(tx -> {
        loader.replace(tx, parsed);
        return null;
      });
      LOG.info("declarative config loaded from {}: {} entities", config.declarativeConfig(), parsed.size());
    } catch (KongException e) {
      throw new GatewayStartException("declarative config " + config.declarativeConfig() + " is invalid: "
          + Json.write(e.error().toJson()), e);
    }
  }

  /** The {@code configuration} object of {@code GET /}: Kong's names, no secrets. */
  private static ObjectNode configuration(GatewayConfig config, EntitySchemas schemas) {
    ObjectNode c = Json.object();
    c.putArray("admin_listen").add(hostPort(config.adminListen()));
    c.putArray("proxy_listen").add(hostPort(config.proxyListen()));
    c.put("database", "sqlite");
    c.put("prefix", config.dataDir().toAbsolutePath().toString());
    c.put("router_flavor", "traditional_compatible");
    ArrayNode plugins = c.putArray("plugins");
    plugins.add("bundled");
    ObjectNode loaded = c.putObject("loaded_plugins");
    for (PluginDefinition d : schemas.plugins().all()) {
      loaded.put(d.name(), true);
    }
    c.put("admin_token_required", config.adminToken() != null);
    return c;
  }

  private static String hostPort(java.net.InetSocketAddress a) {
    return a.getHostString() + ":" + a.getPort();
  }
}
