package dev.gatehouse.app.pages.dataplanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One data plane as the table shows it, read from Kuma's DataplaneOverview (dataplane + dataplaneInsight,
 * api/mesh/v1alpha1/dataplane_overview.proto): its services, address, inbounds and outbounds, whether it is a
 * gateway, whether it is online (its last xDS subscription has no {@code disconnectTime}) and its certificate.
 */
public record DataplaneRow(
        String mesh,
        String name,
        List<String> services,
        String address,
        List<Inbound> inbounds,
        List<String> outbounds,
        Optional<String> gateway,
        boolean online,
        Optional<Certificate> certificate) {

    public DataplaneRow {
        services = List.copyOf(services);
        inbounds = List.copyOf(inbounds);
        outbounds = List.copyOf(outbounds);
    }

    /** One inbound: the port the proxy listens on, the application's port, and what it offers. */
    public record Inbound(int port, int servicePort, String service, String protocol) {

        /** {@code 10001 → 8080 demo-app (tcp)}. */
        public String text() {
            return ports() + " " + service + (protocol.isEmpty() ? "" : " (" + protocol + ")");
        }

        /** {@code 10001 → 8080}: the proxy's port and the application's, or one port when they are the same. */
        public String ports() {
            return port + (servicePort == port ? "" : " \u2192 " + servicePort);
        }
    }

    /** The identity certificate the control plane issued ({@code dataplaneInsight.mTLS}). */
    public record Certificate(Instant expires, String backend, int regenerations) {}

    /** The node the Topology page draws for a service ({@code service:<kuma.io/service>}). */
    public static String graphNode(String service) {
        return "service:" + service;
    }

    /** Whether the data plane is a gateway (Kuma's {@code networking.gateway}), delegated or builtin. */
    public boolean isGateway() {
        return gateway.isPresent();
    }

    /** The service the graph shows this data plane under: its first. */
    public Optional<String> primaryService() {
        return services.isEmpty() ? Optional.empty() : Optional.of(services.get(0));
    }

    /** Reads one item of {@code GET /meshes/{mesh}/dataplanes+insights} (or a bare Dataplane). */
    public static DataplaneRow of(String mesh, JsonNode overview) {
        JsonNode dataplane = overview.has("dataplane") ? overview.path("dataplane") : overview;
        JsonNode networking = dataplane.path("networking");
        List<String> services = new ArrayList<>();
        List<Inbound> inbounds = new ArrayList<>();
        for (JsonNode in : networking.path("inbound")) {
            String service = in.path("tags").path("kuma.io/service").asText("");
            add(services, service);
            int port = in.path("port").asInt();
            inbounds.add(new Inbound(
                    port,
                    in.path("servicePort").asInt(port),
                    service,
                    in.path("tags").path("kuma.io/protocol").asText("")));
        }
        JsonNode gatewayNode = networking.path("gateway");
        Optional<String> gateway = Optional.empty();
        if (gatewayNode.isObject()) {
            add(services, gatewayNode.path("tags").path("kuma.io/service").asText(""));
            gateway = Optional.of(gatewayNode.path("type").asText("DELEGATED"));
        }
        List<String> outbounds = new ArrayList<>();
        for (JsonNode out : networking.path("outbound")) {
            // Kuma takes the service from tags, or from the older "service" field.
            String service = out.path("tags")
                    .path("kuma.io/service")
                    .asText(out.path("service").asText(""));
            outbounds.add(service
                    + (out.path("port").asInt() > 0 ? " :" + out.path("port").asInt() : ""));
        }
        JsonNode insight = overview.path("dataplaneInsight");
        JsonNode subscriptions = insight.path("subscriptions");
        boolean online = subscriptions.isArray()
                && !subscriptions.isEmpty()
                && !subscriptions.get(subscriptions.size() - 1).hasNonNull("disconnectTime");
        return new DataplaneRow(
                overview.path("mesh").asText(mesh),
                overview.path("name").asText(),
                services,
                networking.path("address").asText(""),
                inbounds,
                outbounds,
                gateway,
                online,
                certificate(insight.path("mTLS")));
    }

    private static Optional<Certificate> certificate(JsonNode mtls) {
        String expires = mtls.path("certificateExpirationTime").asText("");
        if (expires.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Certificate(
                    Instant.parse(expires),
                    mtls.path("issuedBackend").asText(""),
                    mtls.path("certificateRegenerations").asInt()));
        } catch (DateTimeParseException e) {
            // A time in a shape we do not read is no certificate we can speak for.
            return Optional.empty();
        }
    }

    private static void add(List<String> services, String service) {
        if (!service.isEmpty() && !services.contains(service)) {
            services.add(service);
        }
    }
}
