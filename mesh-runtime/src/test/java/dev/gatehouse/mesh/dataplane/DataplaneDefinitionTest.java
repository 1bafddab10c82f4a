package dev.gatehouse.mesh.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.validation.InvalidResourceException;
import org.junit.jupiter.api.Test;

/** Reading a kuma-dp {@code --dataplane-file} (Universal Dataplane, reference 1.2). */
class DataplaneDefinitionTest {

    @Test
    void kumaDefaultsForAddressesAndServicePort() {
        DataplaneDefinition d = DataplaneDefinition.parse("""
                type: Dataplane
                mesh: default
                name: web-01
                networking:
                  address: 10.0.0.5
                  inbound:
                    - port: 15000
                      servicePort: 5000
                      tags:
                        kuma.io/service: web
                        kuma.io/protocol: http
                    - port: 15001
                      serviceAddress: 127.0.0.1
                      tags:
                        kuma.io/service: metrics
                  outbound:
                    - port: 16379
                      tags:
                        kuma.io/service: redis
                """);
        assertThat(d.mesh()).isEqualTo("default");
        assertThat(d.service()).isEqualTo("web");
        DataplaneDefinition.Inbound web = d.inbounds().get(0);
        assertThat(web.listenHost()).isEqualTo("10.0.0.5"); // inbound.address defaults to networking.address
        assertThat(web.serviceHost()).isEqualTo("10.0.0.5"); // serviceAddress defaults to the inbound address
        assertThat(web.servicePort()).isEqualTo(5000);
        assertThat(web.http()).isTrue();
        DataplaneDefinition.Inbound metrics = d.inbounds().get(1);
        assertThat(metrics.servicePort()).isEqualTo(15001); // servicePort defaults to port
        assertThat(metrics.serviceHost()).isEqualTo("127.0.0.1");
        assertThat(metrics.http()).isFalse();
        assertThat(d.outbounds().get(0).listenHost()).isEqualTo("127.0.0.1"); // outbound.address default
        assertThat(d.outbounds().get(0).service()).isEqualTo("redis");
    }

    @Test
    void portZeroIsReplacedByTheBoundPortInTheRegisteredResource() {
        DataplaneDefinition d = DataplaneDefinition.parse(MeshBed.yaml("m", "a-1", "a", 8080, "tcp", "b"));
        ObjectNode registered = d.withBoundPorts(new int[] {40001}, new int[] {40002});
        assertThat(registered
                        .path("networking")
                        .path("inbound")
                        .get(0)
                        .path("port")
                        .asInt())
                .isEqualTo(40001);
        assertThat(registered
                        .path("networking")
                        .path("inbound")
                        .get(0)
                        .path("servicePort")
                        .asInt())
                .isEqualTo(8080);
        assertThat(registered
                        .path("networking")
                        .path("outbound")
                        .get(0)
                        .path("port")
                        .asInt())
                .isEqualTo(40002);
        assertThat(d.resource()
                        .path("networking")
                        .path("inbound")
                        .get(0)
                        .path("port")
                        .asInt())
                .as("original untouched")
                .isZero();
    }

    @Test
    void delegatedGatewayHasOnlyOutbounds() {
        DataplaneDefinition d =
                DataplaneDefinition.parse(MeshBed.yaml("default", "gateway", null, 0, "tcp", "demo-app"));
        assertThat(d.inbounds()).isEmpty();
        assertThat(d.service()).isEqualTo("gateway");
        assertThat(d.outbounds())
                .extracting(DataplaneDefinition.Outbound::service)
                .containsExactly("demo-app");
    }

    @Test
    void clearErrorsForWhatASidecarCannotServe() {
        assertThatThrownBy(() -> DataplaneDefinition.parse("type: Mesh\nname: default\n"))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("type Dataplane");
        assertThatThrownBy(() ->
                        DataplaneDefinition.parse("type: Dataplane\nname: x\nnetworking:\n  address: 127.0.0.1\n"))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("at least one inbound");
        assertThatThrownBy(() -> DataplaneDefinition.parse("""
                type: Dataplane
                name: x
                networking:
                  address: 127.0.0.1
                  inbound:
                    - port: 0
                      tags:
                        kuma.io/service: web
                """))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("servicePort");
        assertThatThrownBy(() -> DataplaneDefinition.parse("""
                type: Dataplane
                name: x
                networking:
                  address: 127.0.0.1
                  inbound:
                    - port: 1000
                      tags:
                        kuma.io/service: web
                  outbound:
                    - port: 1001
                      tags:
                        team: x
                """))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("outbound[0]");
        assertThatThrownBy(() -> DataplaneDefinition.parse("type: Dataplane\nname: [oops"))
                .isInstanceOf(InvalidResourceException.class);
    }
}
