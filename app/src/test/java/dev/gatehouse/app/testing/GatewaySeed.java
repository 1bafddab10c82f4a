package dev.gatehouse.app.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntityOwner;
import dev.gatehouse.app.repository.gateway.GatewayRepository;

/**
 * The seed walkthrough's gateway (README "The sandbox"), made through the repository: service {@code demo-app}
 * with route {@code demo-rt}, key-auth on the route reading {@code apiKey}, consumer {@code demo-user} with key
 * {@code 123test} and ACL group {@code demo}, a global cors plugin, and tags.
 */
public final class GatewaySeed {

    public static final String KEY = "123test";

    private GatewaySeed() {}

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static void seed(GatewayRepository gateway) {
        ObjectNode service = object().put("name", "demo-app").put("url", "http://demo-app.mesh:80");
        service.putArray("tags").add("seed").add("demo");
        String serviceId =
                gateway.create(EntityKind.SERVICES, service).join().path("id").asText();
        ObjectNode route = object().put("name", "demo-rt");
        route.putArray("paths").add("/");
        route.putArray("tags").add("seed");
        route.putObject("service").put("id", serviceId);
        String routeId =
                gateway.create(EntityKind.ROUTES, route).join().path("id").asText();
        ObjectNode keyAuth = object().put("name", "key-auth");
        keyAuth.putObject("route").put("id", routeId);
        keyAuth.putObject("config").putArray("key_names").add("apiKey");
        keyAuth.putArray("tags").add("seed");
        gateway.create(EntityKind.PLUGINS, keyAuth).join();
        ObjectNode consumer = object().put("username", "demo-user");
        consumer.putArray("tags").add("seed");
        String consumerId =
                gateway.create(EntityKind.CONSUMERS, consumer).join().path("id").asText();
        EntityOwner owner = new EntityOwner(EntityKind.CONSUMERS, consumerId);
        ObjectNode key = object().put("key", KEY);
        key.putArray("tags").add("seed");
        gateway.create(owner, EntityKind.KEY_AUTH_CREDENTIALS, key).join();
        ObjectNode group = object().put("group", "demo");
        group.putArray("tags").add("seed");
        gateway.create(owner, EntityKind.ACL_GROUPS, group).join();
        ObjectNode cors = object().put("name", "cors");
        cors.putArray("tags").add("seed");
        gateway.create(EntityKind.PLUGINS, cors).join();
    }
}
