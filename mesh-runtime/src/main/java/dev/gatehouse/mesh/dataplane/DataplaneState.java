package dev.gatehouse.mesh.dataplane;

import dev.gatehouse.mesh.policy.InboundPermissions;
import java.util.List;

/**
 * Everything a new connection is decided with, swapped atomically on every policy, endpoint or certificate change:
 * open connections keep the state they started with, new ones take the current one.
 *
 * @param identity null when the mesh has mTLS off (or no certificate has been issued yet)
 * @param inbound  the permission state of each of our inbounds, by inbound index
 */
record DataplaneState(MeshView view, TlsIdentity identity, List<InboundPermissions> inbound) {

    boolean mtls() {
        return view.mtls();
    }
}
