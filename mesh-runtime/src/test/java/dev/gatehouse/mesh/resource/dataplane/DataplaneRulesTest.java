package dev.gatehouse.mesh.resource.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.validation.InvalidResourceException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Dataplane validator against Kuma's own table: every case below is an entry of kumahq/kuma
 * {@code pkg/core/resources/apis/mesh/dataplane_validator_test.go} @v2.14.3 (named as there), run through the same
 * decoding a REST body gets, with Kuma's field paths and messages expected exactly. The rules are in
 * {@code dataplane_validator.go} of the same tag.
 */
class DataplaneRulesTest {

    /** Decodes a Universal Dataplane as the API does and returns "field: message" per violation. */
    static List<String> violations(String yaml) {
        Resource r = ResourceCodec.fromRest(
                DataplaneType.DESCRIPTOR,
                ResourceCodec.parseBody(yaml.getBytes(StandardCharsets.UTF_8), DataplaneType.DESCRIPTOR));
        return DataplaneType.DESCRIPTOR.validate(r).list().stream()
                .map(v -> v.field() + ": " + v.message())
                .toList();
    }

    private static Arguments valid(String entry, String yaml) {
        return Arguments.of(entry, yaml, List.of());
    }

    private static Arguments invalid(String entry, String yaml, String... expected) {
        return Arguments.of(entry, yaml, Arrays.asList(expected));
    }

    static Stream<Arguments> kumaTable() {
        return Stream.of(
                // ---- DescribeTable("should pass validation")
                valid("dataplane with inbounds", """
                        type: Dataplane
                        name: dp-1
                        mesh: default
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              tags:
                                kuma.io/service: backend
                                version: "1"
                          outbound:
                            - port: 3333
                              tags:
                                kuma.io/service: redis
                        """),
                valid("dataplane with full inbounds and outbounds ipv6", """
                        networking:
                          address: 0:0:0:0:0:FFFF:C0A8:0001
                          inbound:
                            - port: 8080
                              servicePort: 7777
                              address: ::1
                              tags:
                                kuma.io/service: backend
                                version: "1"
                          outbound:
                            - port: 3333
                              address: ::1
                              tags:
                                kuma.io/service: redis
                        """),
                valid("dataplane with gateway", """
                        networking:
                          address: 192.168.0.1
                          gateway:
                            tags:
                              kuma.io/service: backend
                              kuam.io/protocol: tcp
                              version: "1"
                          outbound:
                            - port: 3333
                              tags:
                                kuma.io/service: redis
                        """),
                valid("dataplane with valid tags", """
                        networking:
                          address: 192.168.0.1
                          gateway:
                            tags:
                              kuma.io/service: backend
                              version: "1"
                              kuma.io/valid: abc.0123-789.under_score:90
                          outbound:
                            - port: 3333
                              tags:
                                kuma.io/service: redis
                        """),
                valid("dataplane domain name in the address", """
                        networking:
                          address: example.com
                          inbound:
                            - port: 8080
                              tags:
                                kuma.io/service: backend
                        """),
                valid("dataplane with probes", """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              tags:
                                kuma.io/service: backend
                        probes:
                          port: 9000
                          endpoints:
                           - inboundPort: 8088
                             inboundPath: /healthz
                             path: /8080/healthz
                        """),
                valid("dataplane with service probes", """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              serviceProbe:
                                interval: 1s
                                unhealthyThreshold: 5
                                tcp: {}
                              tags:
                                kuma.io/service: backend
                        """),
                valid("dataplane with admin port equal to inbound and outbound but different network interfaces", """
                        networking:
                          address: 192.168.0.1
                          admin:
                            port: 8080
                          inbound:
                            - port: 8080
                              servicePort: 7777
                              address: 192.168.0.1
                              tags:
                                kuma.io/service: backend
                          outbound:
                            - port: 3333
                              address: 192.168.0.1
                              tags:
                                kuma.io/service: redis
                        """),
                valid("dataplane with metrics backend defined and unique aggregate entries", """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              servicePort: 7777
                              address: 192.168.0.1
                              tags:
                                kuma.io/service: backend
                        metrics:
                          type: prometheus
                          conf:
                            aggregate:
                            - name: app
                              port: 123
                              path: "/stats"
                            - name: sidecar
                              port: 999
                              path: "/metrics"
                        """),
                valid("dataplane with backend ref for MeshService", """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              tags:
                                kuma.io/service: backend
                          outbound:
                            - port: 3333
                              backendRef:
                                kind: MeshService
                                name: xyz
                                port: 80
                        """),
                valid("dataplane with backend ref for MeshExternalService", """
                        networking:
                          address: 192.168.0.1
                          outbound:
                            - port: 3333
                              backendRef:
                                kind: MeshExternalService
                                name: xyz
                        """),
                valid("dataplane with reachableBackendRefs", """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              tags:
                                kuma.io/service: backend
                          transparentProxying:
                            reachableBackends:
                              refs:
                              - kind: MeshService
                                name: a
                                port: 9090
                              - kind: MeshExternalService
                                name: es
                                namespace: es1
                              - kind: MeshService
                                labels:
                                  kuma.io/test: abc
                        """),
                valid("dataplane with backend ref with labels", """
                        networking:
                          address: 192.168.0.1
                          outbound:
                            - port: 3333
                              backendRef:
                                kind: MeshService
                                labels:
                                  kuma.io/display-name: redis
                                port: 8080
                        """),
                valid("no inbound with transparent proxy", """
                        networking:
                          address: 192.168.0.1
                          transparentProxying:
                            redirectPortInbound: 15006
                            redirectPortOutbound: 15001
                        """),
                valid("dataplane with a single zone-ingress listener", """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              name: http
                              tags:
                                kuma.io/service: backend
                          listeners:
                            - type: ZoneIngress
                              address: 192.168.0.1
                              port: 10001
                              name: zi-main
                        """),
                valid("dataplane with multiple listeners of the same type on distinct ports", """
                        networking:
                          address: 192.168.0.1
                          listeners:
                            - type: ZoneIngress
                              address: 192.168.0.1
                              port: 10001
                              name: zi-a
                            - type: ZoneIngress
                              address: 192.168.0.1
                              port: 10003
                              name: zi-b
                        """),
                valid("dataplane with listener without name", """
                        networking:
                          address: 192.168.0.1
                          listeners:
                            - type: ZoneEgress
                              address: 192.168.0.1
                              port: 10001
                        """),
                valid("inbound service address", """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 10001
                              serviceAddress: 192.168.0.2
                              servicePort: 5050
                              address: 1.1.1.1
                              tags:
                                kuma.io/service: backend
                        """),
                valid("inbound service address different inbound address and port", """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 10001
                              address: 192.168.0.2
                              serviceAddress: 192.168.0.2
                              servicePort: 10002
                              tags:
                                kuma.io/service: backend
                        """),
                valid("should allow dataplane with empty inbound tags (InboundTagsDisabled)", """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                        """),
                valid("should allow dataplane with empty gateway tags (InboundTagsDisabled)", """
                        networking:
                          address: 192.168.0.1
                          gateway:
                            type: DELEGATED
                            tags: {}
                        """),

                // ---- DescribeTable("should validate all fields and return as much individual errors as possible")
                invalid("networking.address: can't use 0.0.0.0", """
                        networking:
                          address: 0.0.0.0
                          inbound:
                            - port: 8080
                              tags:
                                kuma.io/service: backend
                        """, "networking.address: must not be 0.0.0.0 or ::"),
                invalid("networking.address: can't use ::", """
                        networking:
                          address: "::"
                          inbound:
                            - port: 8080
                              tags:
                                kuma.io/service: backend
                        """, "networking.address: must not be 0.0.0.0 or ::"),
                invalid("missing networking", """
                        type: Dataplane
                        name: dp-1
                        mesh: default
                        """, "networking: must be defined"),
                invalid("networking empty", """
                        networking: {}
                        """, "networking.address: address can't be empty"),
                invalid(
                        "networking.address: invalid format",
                        """
                        networking:
                          address: ..>_<..
                          inbound:
                            - port: 8080
                              tags:
                                kuma.io/service: backend
                        """,
                        "networking.address: address has to be valid IP address or domain name"),
                invalid(
                        "networking: both inbounds and gateway are defined",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              servicePort: 7777
                              tags:
                                kuma.io/service: backend
                          gateway:
                            tags:
                              kuma.io/service: kong
                          outbound:
                            - port: 3333
                              tags:
                                kuma.io/service: redis
                        """,
                        "networking.inbound: inbound cannot be defined for delegated gateways"),
                invalid(
                        "networking: delegated gateway must not have listeners",
                        """
                        networking:
                          address: 192.168.0.1
                          gateway:
                            tags:
                              kuma.io/service: kong
                          listeners:
                            - type: ZoneEgress
                              address: 192.168.0.1
                              port: 10002
                              name: ze-port
                        """,
                        "networking.listeners: listeners cannot be defined for delegated gateways"),
                invalid(
                        "networking: builtin gateway must not have inbounds",
                        """
                        networking:
                          address: 192.168.0.1
                          gateway:
                            type: BUILTIN
                            tags:
                              kuma.io/service: kong
                          inbound:
                            - port: 3333
                              tags:
                                kuma.io/service: kong
                        """,
                        "networking.inbound: inbound cannot be defined for builtin gateways"),
                invalid(
                        "networking: builtin gateway must not have outbounds",
                        """
                        networking:
                          address: 192.168.0.1
                          gateway:
                            type: BUILTIN
                            tags:
                              kuma.io/service: kong
                          outbound:
                            - port: 3333
                              tags:
                                kuma.io/service: kong
                        """,
                        "networking.outbound: outbound cannot be defined for builtin gateways"),
                invalid(
                        "networking: builtin gateway listeners and probes both rejected",
                        """
                        networking:
                          address: 192.168.0.1
                          gateway:
                            type: BUILTIN
                            tags:
                              kuma.io/service: kong
                          listeners:
                            - type: ZoneEgress
                              address: 192.168.0.1
                              port: 10002
                              name: ze-port
                        probes:
                          port: 0
                          endpoints:
                           - inboundPort: 8088
                             inboundPath: /healthz
                             path: /8080/healthz
                        """,
                        "networking.listeners: listeners cannot be defined for builtin gateways",
                        "networking.probes: probes cannot be defined for builtin gateways"),
                invalid(
                        "networking: builtin gateway must have a service tag",
                        """
                        networking:
                          address: 192.168.0.1
                          gateway:
                            type: BUILTIN
                            tags:
                              foo: bar
                        """,
                        "networking.gateway.tags: mandatory tag \"kuma.io/service\" is missing"),
                invalid(
                        "networking.inbound: port of the range",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - tags:
                                kuma.io/service: backend
                            - port: 65536
                              tags:
                                kuma.io/service: sub-backend
                        """,
                        "networking.inbound[0].port: port must be in the range [1, 65535]",
                        "networking.inbound[1].port: port must be in the range [1, 65535]"),
                invalid(
                        "networking.inbound: servicePort out of the range",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 1234
                              servicePort: 65536
                              tags:
                                kuma.io/service: backend
                        """,
                        "networking.inbound[0].servicePort: port must be in the range [1, 65535]"),
                invalid(
                        "networking.inbound: invalid address",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 1234
                              address: invalid-address
                              tags:
                                kuma.io/service: backend
                        """,
                        "networking.inbound[0].address: address has to be valid IP address"),
                invalid(
                        "networking.inbound: empty service tag",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 1234
                              tags:
                                version: "v1"
                        """,
                        "networking.inbound[0].tags[\"kuma.io/service\"]: tag has to exist"),
                invalid(
                        "networking.inbound: empty tag value",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 1234
                              tags:
                                kuma.io/service: backend
                                version:
                        """,
                        "networking.inbound[0].tags[\"version\"]: tag value must be non-empty"),
                invalid(
                        "networking.inbound: `protocol` tag with an empty value",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 1234
                              tags:
                                kuma.io/service: backend
                                kuma.io/protocol:
                        """,
                        "networking.inbound[0].tags[\"kuma.io/protocol\"]: tag \"kuma.io/protocol\" has an invalid value \"\". "
                                + "Allowed values: grpc, http, http2, kafka, tcp",
                        "networking.inbound[0].tags[\"kuma.io/protocol\"]: tag value must be non-empty"),
                invalid(
                        "networking.inbound: `protocol` tag with unsupported value",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 1234
                              tags:
                                kuma.io/service: backend
                                kuma.io/protocol: not-yet-supported-protocol
                        """,
                        "networking.inbound[0].tags[\"kuma.io/protocol\"]: tag \"kuma.io/protocol\" has an invalid value "
                                + "\"not-yet-supported-protocol\". Allowed values: grpc, http, http2, kafka, tcp"),
                invalid(
                        "networking.gateway: empty service tag",
                        """
                        networking:
                          address: 192.168.0.1
                          gateway:
                            tags:
                              version: "v1"
                        """,
                        "networking.gateway.tags: mandatory tag \"kuma.io/service\" is missing"),
                invalid(
                        "networking.gateway: empty tag value",
                        """
                        networking:
                          address: 192.168.0.1
                          gateway:
                            tags:
                              kuma.io/service: backend
                              version:
                        """,
                        "networking.gateway.tags[\"version\"]: tag value must be non-empty"),
                invalid(
                        "networking.gateway: protocol http",
                        """
                        networking:
                          address: 192.168.0.1
                          gateway:
                            tags:
                              kuma.io/service: backend
                              kuma.io/protocol: http
                        """,
                        "networking.gateway.tags[\"kuma.io/protocol\"]: other values than tcp are not allowed, provided value \"http\""),
                invalid(
                        "networking.outbound: empty service tag (no tags)",
                        """
                        networking:
                          address: 192.168.0.1
                          outbound:
                            - port: 3333
                        """,
                        "networking.outbound[0].tags: mandatory tag \"kuma.io/service\" is missing"),
                invalid(
                        "networking.outbound: empty service tag (other tags)",
                        """
                        networking:
                          address: 192.168.0.1
                          outbound:
                            - port: 3333
                              tags:
                                version: v1
                        """,
                        "networking.outbound[0].tags: mandatory tag \"kuma.io/service\" is missing"),
                invalid(
                        "networking.outbound: port out of the range",
                        """
                        networking:
                          address: 192.168.0.1
                          outbound:
                            - tags:
                                kuma.io/service: redis
                            - port: 65536
                              tags:
                                kuma.io/service: elastic
                        """,
                        "networking.outbound[0].port: port must be in the range [1, 65535]",
                        "networking.outbound[1].port: port must be in the range [1, 65535]"),
                invalid(
                        "networking.outbound: invalid address",
                        """
                        networking:
                          address: 192.168.0.1
                          outbound:
                            - port: 3333
                              address: invalid
                              tags:
                                kuma.io/service: elastic
                        """,
                        "networking.outbound[0].address: address has to be valid IP address"),
                invalid(
                        "networking.inbound: tag name with invalid characters",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 1234
                              tags:
                                kuma.io/service: backend
                                inv@lidT/gN%me: value
                        """,
                        "networking.inbound[0].tags[\"inv@lidT/gN%me\"]: tag name must consist of alphanumeric characters, dots, "
                                + "dashes, slashes and underscores"),
                invalid(
                        "networking.inbound: tag value with invalid characters",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 1234
                              tags:
                                kuma.io/service: backend
                                invalidTagValue: inv@lid+t@g
                        """,
                        "networking.inbound[0].tags[\"invalidTagValue\"]: tag value must consist of alphanumeric characters, "
                                + "dots, dashes and underscores"),
                invalid(
                        "inbound service address invalid",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 10001
                              serviceAddress: INVALID
                              tags:
                                kuma.io/service: backend
                        """,
                        "networking.inbound[0].serviceAddress: serviceAddress has to be valid IP address"),
                invalid(
                        "inbound service address overlap address",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 10001
                              serviceAddress: 192.168.0.1
                              tags:
                                kuma.io/service: backend
                        """,
                        "networking.inbound[0].serviceAddress: serviceAddress and servicePort has to differ from address and port"),
                invalid(
                        "inbound service address overlap inbound address",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 10001
                              address: 192.168.0.2
                              serviceAddress: 192.168.0.2
                              tags:
                                kuma.io/service: backend
                        """,
                        "networking.inbound[0].serviceAddress: serviceAddress and servicePort has to differ from address and port"),
                invalid(
                        "dataplane with virtual probe",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              tags:
                                kuma.io/service: backend
                        probes:
                          port: 0
                          endpoints:
                           - inboundPort: 8088
                             inboundPath: /healthz
                             path: /8080/healthz
                           - inboundPort: 99999999
                             inboundPath: healthz
                             path: 8080/healthz
                           - inboundPort: 1000
                             inboundPath:
                             path:
                        """,
                        "probes.port: port must be in the range [1, 65535]",
                        "probes.endpoints[1].inboundPort: port must be in the range [1, 65535]",
                        "probes.endpoints[1].inboundPath: should be a valid URL Path",
                        "probes.endpoints[1].path: should be a valid URL Path",
                        "probes.endpoints[2].inboundPath: should be a valid URL Path",
                        "probes.endpoints[2].path: should be a valid URL Path"),
                invalid(
                        "dataplane with service probe",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              serviceProbe:
                                timeout: 1s
                                interval: "0"
                                healthyThreshold: 5
                                unhealthyThreshold: 0
                                tcp: {}
                              tags:
                                kuma.io/service: backend
                        """,
                        "networking.inbound[0].serviceProbe.interval: must have a positive value",
                        "networking.inbound[0].serviceProbe.unhealthyThreshold: must have a positive value"),
                invalid(
                        "dataplane with admin port equal to inbound",
                        """
                        networking:
                          address: 192.168.0.1
                          admin:
                            port: 8080
                          inbound:
                            - port: 8080
                              servicePort: 7777
                              address: 127.0.0.1
                              tags:
                                kuma.io/service: backend
                          outbound:
                            - port: 3333
                              address: 127.0.0.1
                              tags:
                                kuma.io/service: redis
                        """,
                        "networking.admin.port: must differ from inbound"),
                invalid(
                        "dataplane with admin port equal to outbound",
                        """
                        networking:
                          address: 192.168.0.1
                          admin:
                            port: 3333
                          inbound:
                            - port: 8080
                              servicePort: 7777
                              address: 127.0.0.1
                              tags:
                                kuma.io/service: backend
                          outbound:
                            - port: 3333
                              address: 127.0.0.1
                              tags:
                                kuma.io/service: redis
                        """,
                        "networking.admin.port: must differ from outbound"),
                invalid(
                        "dataplane with duplicate metrics entry",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              servicePort: 7777
                              address: 192.168.0.1
                              tags:
                                kuma.io/service: backend
                        metrics:
                          type: prometheus
                          conf:
                            aggregate:
                            - name: app
                              port: 123
                              path: "/stats"
                            - name: app
                              port: 999
                              path: "/metrics"
                            - name: duplicate-app
                              port: 12366
                              path: "/duplicate"
                            - name: duplicate-app
                              port: 12345
                              path: "/other"
                        """,
                        "metrics.conf.aggregate[1].name: duplicate entry: app, values have to be unique",
                        "metrics.conf.aggregate[3].name: duplicate entry: duplicate-app, values have to be unique"),
                invalid(
                        "dataplane with not supported metrics type",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              tags:
                                kuma.io/service: backend
                        metrics:
                          type: custom-backend
                        """,
                        "metrics.type: unknown backend type. Available backends: \"prometheus\""),
                invalid(
                        "dataplane with empty backend ref",
                        """
                        networking:
                          address: 192.168.0.1
                          outbound:
                            - port: 3333
                              backendRef: {}
                        """,
                        "networking.outbound[0].backendRef.kind: invalid value. Available values are: "
                                + "MeshExternalService,MeshMultiZoneService,MeshService",
                        "networking.outbound[0].backendRef: either 'name' or 'labels' should be specified",
                        "networking.outbound[0].backendRef.port: port must be in the range [1, 65535]"),
                invalid(
                        "backend ref clashes with tags or service and missing port",
                        """
                        networking:
                          address: 192.168.0.1
                          outbound:
                            - port: 3333
                              tags:
                                kuma.io/service: xyz
                              backendRef:
                                kind: MeshService
                                name: xyz
                                port: 8080
                            - port: 3334
                              tags:
                                service: xyz
                              backendRef:
                                kind: MeshService
                                name: xyz
                        """,
                        "networking.outbound[0].backendRef: both backendRef and tags/service cannot be defined",
                        "networking.outbound[1].backendRef.port: port must be in the range [1, 65535]",
                        "networking.outbound[1].backendRef: both backendRef and tags/service cannot be defined"),
                invalid(
                        "transparent proxy with reachable backend refs",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              tags:
                                kuma.io/service: backend
                          transparentProxying:
                            reachableBackends:
                              refs:
                              - kind: Something
                                name: first
                                labels:
                                  kuma.io/test: test
                              - kind: MeshService
                                name: second
                                namespace: not-valid
                                labels:
                                  kuma.io/test: test
                              - kind: MeshService
                                name: third
                                labels:
                                  kuma.io/test: test
                              - kind: MeshService
                                name: first$-.kuma
                              - kind: MeshService
                              - kind: MeshService
                                namespace: xyz
                        """,
                        "networking.transparentProxing.reachableBackends.refs[0].kind: invalid value. Available values are: "
                                + "MeshExternalService,MeshMultiZoneService,MeshService",
                        "networking.transparentProxing.reachableBackends.refs[0].labels: labels cannot be defined when name is specified",
                        "networking.transparentProxing.reachableBackends.refs[1].labels: labels cannot be defined when name is specified",
                        "networking.transparentProxing.reachableBackends.refs[2].labels: labels cannot be defined when name is specified",
                        "networking.transparentProxing.reachableBackends.refs[3].name: invalid characters. A lowercase RFC 1123 subdomain "
                                + "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                        "networking.transparentProxing.reachableBackends.refs[4].name: name or labels are required",
                        "networking.transparentProxing.reachableBackends.refs[5].name: name is required, when namespace is defined"),
                invalid("listener missing address", """
                        networking:
                          address: 192.168.0.1
                          listeners:
                            - type: ZoneIngress
                              port: 10001
                              name: zi-main
                        """, "networking.listeners[0].address: address can't be empty"),
                invalid(
                        "listener with port 0",
                        """
                        networking:
                          address: 192.168.0.1
                          listeners:
                            - type: ZoneIngress
                              address: 192.168.0.1
                              port: 0
                              name: zi-main
                        """,
                        "networking.listeners[0].port: port must be in the range [1, 65535]"),
                invalid(
                        "listener with invalid address",
                        """
                        networking:
                          address: 192.168.0.1
                          listeners:
                            - type: ZoneIngress
                              address: not-valid!
                              port: 10001
                              name: zi-main
                        """,
                        "networking.listeners[0].address: address has to be valid IP address or domain name"),
                invalid(
                        "listener name collides with inbound name",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              name: http
                              tags:
                                kuma.io/service: backend
                          listeners:
                            - type: ZoneIngress
                              address: 192.168.0.1
                              port: 10001
                              name: http
                        """,
                        "networking.listeners[0].name: name \"http\" must be unique across inbounds and listeners"),
                invalid(
                        "two listeners with same name",
                        """
                        networking:
                          address: 192.168.0.1
                          listeners:
                            - type: ZoneIngress
                              address: 192.168.0.1
                              port: 10001
                              name: zi-main
                            - type: ZoneIngress
                              address: 192.168.0.1
                              port: 10002
                              name: zi-main
                        """,
                        "networking.listeners[1].name: name \"zi-main\" must be unique across inbounds and listeners"),
                invalid(
                        "two listeners on same address:port with different types",
                        """
                        networking:
                          address: 192.168.0.1
                          listeners:
                            - type: ZoneIngress
                              address: 192.168.0.1
                              port: 10001
                              name: zi-main
                            - type: ZoneEgress
                              address: 192.168.0.1
                              port: 10001
                              name: ze-main
                        """,
                        "networking.listeners[1]: address:port 192.168.0.1:10001 is used by listeners of different types"),
                invalid(
                        "two listeners of the same type on same address:port",
                        """
                        networking:
                          address: 192.168.0.1
                          listeners:
                            - type: ZoneIngress
                              address: 192.168.0.1
                              port: 10001
                              name: zi-main
                            - type: ZoneIngress
                              address: 192.168.0.1
                              port: 10001
                              name: zi-secondary
                        """,
                        "networking.listeners[1]: address:port 192.168.0.1:10001 is already used by another listener"),
                invalid(
                        "listener address:port collides with inbound",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              name: http
                              tags:
                                kuma.io/service: backend
                          listeners:
                            - type: ZoneIngress
                              address: 192.168.0.1
                              port: 8080
                              name: zi-main
                        """,
                        "networking.listeners[0]: address:port 192.168.0.1:8080 collides with an inbound listener"),
                invalid(
                        "should require service tag when inbound has other tags",
                        """
                        networking:
                          address: 192.168.0.1
                          inbound:
                            - port: 8080
                              tags:
                                version: "1"
                        """,
                        "networking.inbound[0].tags[\"kuma.io/service\"]: tag has to exist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kumaTable")
    void matchesKumasTable(String entry, String yaml, List<String> expected) {
        String body = yaml.startsWith("type:") ? yaml : "type: Dataplane\nname: dp-1\nmesh: default\n" + yaml;
        assertThat(violations(body)).as(entry).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDurations")
    void aDurationGoCannotParseIsRefusedWhenDecoded(String interval, String message) {
        // jsonpb reads google.protobuf.Duration with time.ParseDuration (golang/protobuf jsonpb/decode.go) and
        // api-server wraps its error as "invalid Dataplane object: %q" (pkg/core/resources/model/rest/unmarshaller.go).
        String body = "type: Dataplane\nname: dp-1\nmesh: default\nnetworking:\n  address: 192.168.0.1\n  inbound:\n"
                + "    - port: 8080\n      serviceProbe:\n        interval: " + interval
                + "\n      tags:\n        kuma.io/service: web\n";
        assertThatThrownBy(() -> violations(body))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> badDurations() {
        return Stream.of(
                Arguments.of("abc", "invalid Dataplane object: \"bad Duration: time: invalid duration \\\"abc\\\"\""),
                Arguments.of(
                        "\"5\"",
                        "invalid Dataplane object: \"bad Duration: time: missing unit in duration \\\"5\\\"\""),
                Arguments.of(
                        "1d",
                        "invalid Dataplane object: \"bad Duration: time: unknown unit \\\"d\\\" in duration \\\"1d\\\"\""),
                Arguments.of(
                        "5",
                        "invalid Dataplane object: \"json: cannot unmarshal number into Go value of type string\""));
    }
}
