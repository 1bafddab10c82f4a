package dev.gatehouse.app.declarative.kuma;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.deck.Futures;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.traffic.remote.WatchLedger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The control plane's resources as a Kuma export sees them, fetched through the mesh repository: meshes, then the
 * resource types in {@code kumactl export}'s order, each type mesh by mesh, by name.
 *
 * <p>kumactl (app/kumactl/cmd/export/export.go, {@code resourcesTypesToDump}) takes the types of
 * {@code GET /_resources}, orders Mesh first, then Secret, then the others (Kuma lists them by name), and
 * GlobalSecret last; then it lists every mesh-scoped type mesh by mesh. Here the types are Mesh, Secret when the
 * control plane serves it, every policy type it serves, and Dataplane when asked for, the others by name. A console's
 * live-traffic MeshAccessLog is left out ({@link #consoleOwned}).
 */
public final class MeshState {

    private static final Comparator<ObjectNode> BY_MESH_AND_NAME = Comparator.<ObjectNode, String>comparing(
                    r -> r.path("mesh").asText(""))
            .thenComparing(r -> r.path("name").asText(""));

    private MeshState() {}

    /** The types an export holds and a plan manages, in kumactl's order. */
    public static List<MeshResourceType> types(MeshRepository mesh, boolean dataplanes) {
        List<MeshResourceType> served = Futures.join(mesh.capabilities()).resourceTypes();
        List<MeshResourceType> out = new ArrayList<>(List.of(MeshResourceType.MESH));
        served.stream().filter(t -> t.name().equals("Secret")).findFirst().ifPresent(out::add);
        List<MeshResourceType> rest = new ArrayList<>();
        for (MeshResourceType t : served) {
            boolean wanted = t.policy() || (dataplanes && t.name().equals(MeshResourceType.DATAPLANE.name()));
            if (wanted && out.stream().noneMatch(o -> o.name().equals(t.name()))) {
                rest.add(t);
            }
        }
        rest.sort(Comparator.comparing(MeshResourceType::name));
        out.addAll(rest);
        return out;
    }

    /**
     * A MeshAccessLog a console's live-traffic watch created ({@code gatehouse-live-traffic-<console>}): it belongs to
     * a running watch (which deletes it when it stops) and points at a loopback collector, so it is neither exported
     * nor deleted by an apply.
     */
    static boolean consoleOwned(ObjectNode resource) {
        return resource.path("type").asText().equals(MeshResourceType.MESH_ACCESS_LOG.name())
                && resource.path("name").asText().startsWith(WatchLedger.TAG + "-");
    }

    /** Every resource of {@code types} on the control plane, as its REST API gives them, in export order. */
    public static List<ObjectNode> load(MeshRepository mesh, List<MeshResourceType> types) {
        List<ObjectNode> meshes = new ArrayList<>(Futures.join(mesh.meshes()));
        meshes.sort(BY_MESH_AND_NAME);
        List<ObjectNode> out = new ArrayList<>(meshes);
        for (MeshResourceType type : types) {
            if (type.equals(MeshResourceType.MESH)) {
                continue;
            }
            List<ObjectNode> ofType = new ArrayList<>();
            for (ObjectNode m : meshes) {
                ofType.addAll(Futures.join(mesh.policies(m.path("name").asText(), type)));
            }
            ofType.removeIf(MeshState::consoleOwned);
            ofType.sort(BY_MESH_AND_NAME);
            out.addAll(ofType);
        }
        return out;
    }
}
