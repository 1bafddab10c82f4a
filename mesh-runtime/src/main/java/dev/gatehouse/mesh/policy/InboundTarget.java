package dev.gatehouse.mesh.policy;

import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.dataplane.DataplaneSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The receiving side of a connection: one inbound of one dataplane. */
public record InboundTarget(
        String dataplane,
        Map<String, String> dataplaneLabels,
        Map<String, String> inboundTags,
        String inboundName,
        long port) {
    public InboundTarget {
        dataplaneLabels = Map.copyOf(dataplaneLabels);
        inboundTags = Map.copyOf(inboundTags);
    }

    /** A stand-in inbound of a service with no dataplane (for "what if" questions about services). */
    public static InboundTarget ofService(String service) {
        return new InboundTarget("", Map.of(), Map.of(ClientIdentity.SERVICE_TAG, service), null, 0);
    }

    public String service() {
        return inboundTags.get(ClientIdentity.SERVICE_TAG);
    }

    /** Every inbound of a Dataplane resource (a delegated gateway has none). */
    public static List<InboundTarget> of(Resource dataplane) {
        DataplaneSpec spec = DataplaneSpec.of(dataplane);
        List<InboundTarget> out = new ArrayList<>();
        for (DataplaneSpec.Inbound in : spec.net().inbounds()) {
            out.add(new InboundTarget(
                    dataplane.name(),
                    dataplane.labels(),
                    in.tagsOrEmpty(),
                    in.name(),
                    in.port() == null ? 0 : in.port()));
        }
        return out;
    }
}
