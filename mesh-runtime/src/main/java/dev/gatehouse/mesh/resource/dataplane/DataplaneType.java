package dev.gatehouse.mesh.resource.dataplane;

import static dev.gatehouse.mesh.resource.KnownFields.BOOL;
import static dev.gatehouse.mesh.resource.KnownFields.DURATION;
import static dev.gatehouse.mesh.resource.KnownFields.ENUM;
import static dev.gatehouse.mesh.resource.KnownFields.MAP;
import static dev.gatehouse.mesh.resource.KnownFields.STRING;
import static dev.gatehouse.mesh.resource.KnownFields.STRUCT;
import static dev.gatehouse.mesh.resource.KnownFields.UINT32;
import static dev.gatehouse.mesh.resource.KnownFields.f;
import static dev.gatehouse.mesh.resource.KnownFields.list;
import static dev.gatehouse.mesh.resource.KnownFields.proto;

import dev.gatehouse.mesh.resource.KnownFields;
import dev.gatehouse.mesh.resource.KubernetesType;
import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.resource.ResourceScope;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;

/**
 * The Dataplane type: {@code DataplaneResourceTypeDescriptor} (pkg/core/resources/apis/mesh/zz_generated.resources.go)
 * and the fields of api/mesh/v1alpha1/{dataplane,envoy_admin}.proto, @v2.14.3. Namespaced on Kubernetes.
 */
public final class DataplaneType {
    private static final KnownFields.Message FIELDS = proto(
            f(
                    "networking",
                    proto(
                            f("address", STRING),
                            f("advertisedAddress", STRING),
                            f(
                                    "inbound",
                                    list(proto(
                                            f("port", UINT32),
                                            f("servicePort", UINT32),
                                            f("serviceAddress", STRING),
                                            f("address", STRING),
                                            f("tags", MAP),
                                            f("health", proto(f("ready", BOOL))),
                                            f(
                                                    "serviceProbe",
                                                    proto(
                                                            f("interval", DURATION),
                                                            f("timeout", DURATION),
                                                            f("unhealthyThreshold", "unhealthy_threshold", UINT32),
                                                            f("healthyThreshold", "healthy_threshold", UINT32),
                                                            f("tcp", proto()))),
                                            f("state", ENUM),
                                            f("name", STRING),
                                            f("protocol", STRING)))),
                            f(
                                    "outbound",
                                    list(proto(
                                            f("address", STRING),
                                            f("port", UINT32),
                                            f("tags", MAP),
                                            f(
                                                    "backendRef",
                                                    proto(
                                                            f("kind", STRING),
                                                            f("name", STRING),
                                                            f("port", UINT32),
                                                            f("labels", MAP)))))),
                            f("gateway", proto(f("tags", MAP), f("type", ENUM))),
                            f(
                                    "transparentProxying",
                                    "transparent_proxying",
                                    proto(
                                            f("redirectPortInbound", "redirect_port_inbound", UINT32),
                                            f("redirectPortOutbound", "redirect_port_outbound", UINT32),
                                            f("directAccessServices", "direct_access_services", list(STRING)),
                                            f("reachableServices", "reachable_services", list(STRING)),
                                            f("ipFamilyMode", "ip_family_mode", ENUM),
                                            f(
                                                    "reachableBackends",
                                                    "reachable_backends",
                                                    proto(f(
                                                            "refs",
                                                            list(proto(
                                                                    f("kind", STRING),
                                                                    f("name", STRING),
                                                                    f("namespace", STRING),
                                                                    f("port", UINT32),
                                                                    f("labels", MAP)))))))),
                            f("admin", proto(f("port", UINT32))),
                            f(
                                    "listeners",
                                    list(proto(
                                            f("type", ENUM),
                                            f("address", STRING),
                                            f("port", UINT32),
                                            f("name", STRING),
                                            f("state", ENUM)))))),
            f("metrics", proto(f("name", STRING), f("type", STRING), f("conf", STRUCT))),
            f(
                    "probes",
                    proto(
                            f("port", UINT32),
                            f(
                                    "endpoints",
                                    list(proto(
                                            f("inboundPort", "inbound_port", UINT32),
                                            f("inboundPath", "inbound_path", STRING),
                                            f("path", STRING)))))));

    public static final ResourceTypeDescriptor DESCRIPTOR = ResourceTypeDescriptor.builder("Dataplane")
            .wsPath("dataplanes")
            .kumactlArgs("dataplane", "dataplanes")
            .scope(ResourceScope.MESH)
            .displayNames("Dataplane", "Dataplanes")
            .shortName("dp")
            .fields(FIELDS)
            .validator(r -> DataplaneRules.validate(DataplaneSpec.of(r)))
            .kubernetes(KubernetesType.kuma("Dataplane", "dataplanes", KubernetesType.Scope.NAMESPACED))
            .build();

    private DataplaneType() {}

    /** The key of dataplane {@code name} in {@code mesh}. */
    public static ResourceKey key(String mesh, String name) {
        return new ResourceKey(DESCRIPTOR, mesh, name);
    }
}
