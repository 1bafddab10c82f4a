package dev.gatehouse.mesh.bench;

import dev.gatehouse.mesh.policy.ClientIdentity;
import dev.gatehouse.mesh.policy.Decision;
import dev.gatehouse.mesh.policy.InboundTarget;
import dev.gatehouse.mesh.policy.PermissionEngine;
import dev.gatehouse.mesh.policy.PolicySnapshot;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.mesh.MeshType;
import dev.gatehouse.mesh.resource.meshtrafficpermission.MeshTrafficPermissionType;
import dev.gatehouse.mesh.resource.trafficpermission.TrafficPermissionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decision cost with 1,000 services and 5,000 policies (2,500 TrafficPermissions incl. allow-all, 2,500
 * MeshTrafficPermissions of every top-level kind). Run with {@code mesh-runtime/bench/policy-bench.sh}.
 * <ul>
 *   <li>{@code decide}: per connection, what a data plane pays (inbound permissions already computed);</li>
 *   <li>{@code decideFirstConnection}: the same without the per-inbound memo (first connection after a change);</li>
 *   <li>{@code compile}: indexing the 5,000 policies after a change.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PermissionEngineBenchmark {
    static final int SERVICES = 1000;
    static final int POLICIES = 5000;

    PolicySnapshot snapshot;
    PermissionEngine engine;
    InboundTarget[] targets;
    ClientIdentity[] clients;
    int next;

    @Setup
    public void setUp() {
        snapshot = snapshot(new SplittableRandom(42));
        engine = PermissionEngine.compile(snapshot);
        SplittableRandom r = new SplittableRandom(7);
        targets = new InboundTarget[4096];
        clients = new ClientIdentity[4096];
        for (int i = 0; i < targets.length; i++) {
            int s = r.nextInt(SERVICES);
            targets[i] = new InboundTarget(
                    "dp-" + s,
                    Map.of("app", "svc-" + s, "team", "t" + (s % 20)),
                    Map.of("kuma.io/service", "svc-" + s, "version", "v" + (s % 3)),
                    null,
                    15000);
            int c = r.nextInt(SERVICES);
            clients[i] = ClientIdentity.ofTags(Map.of("kuma.io/service", "svc-" + c, "version", "v" + (c % 3)));
        }
    }

    static PolicySnapshot snapshot(SplittableRandom r) {
        List<Resource> policies = new ArrayList<>();
        policies.add(legacy("allow-all-default", "*", "*"));
        for (int i = 1; i < POLICIES / 2; i++) {
            policies.add(legacy("tp-" + i, "svc-" + r.nextInt(SERVICES), "svc-" + r.nextInt(SERVICES)));
        }
        for (int i = 0; i < POLICIES / 2; i++) {
            int s = r.nextInt(SERVICES);
            int pick = r.nextInt(100);
            String target = pick < 1
                    ? "{\"kind\":\"Mesh\"}"
                    : pick < 41
                            ? "{\"kind\":\"MeshService\",\"name\":\"svc-" + s + "\"}"
                            : pick < 71
                                    ? "{\"kind\":\"MeshSubset\",\"tags\":{\"kuma.io/service\":\"svc-" + s
                                            + "\",\"version\":\"v" + (s % 3) + "\"}}"
                                    : "{\"kind\":\"Dataplane\",\"labels\":{\"app\":\"svc-" + s + "\"}}";
            StringBuilder from = new StringBuilder();
            int items = 1 + r.nextInt(3);
            for (int j = 0; j < items; j++) {
                int c = r.nextInt(SERVICES);
                String ref = j == 0 && r.nextBoolean()
                        ? "{\"kind\":\"Mesh\"}"
                        : r.nextBoolean()
                                ? "{\"kind\":\"MeshSubset\",\"tags\":{\"kuma.io/service\":\"svc-" + c + "\"}}"
                                : "{\"kind\":\"MeshServiceSubset\",\"name\":\"svc-" + c + "\",\"tags\":{\"version\":\"v"
                                        + (c % 3) + "\"}}";
                String action = new String[] {"Allow", "Deny", "AllowWithShadowDeny"}[r.nextInt(3)];
                from.append(j == 0 ? "" : ",")
                        .append("{\"targetRef\":")
                        .append(ref)
                        .append(",\"default\":{\"action\":\"")
                        .append(action)
                        .append("\"}}");
            }
            String spec = "{\"targetRef\":" + target + ",\"from\":[" + from + "]}";
            policies.add(new Resource(
                    MeshTrafficPermissionType.DESCRIPTOR,
                    "default",
                    "mtp-" + i,
                    Instant.EPOCH,
                    Instant.EPOCH,
                    Map.of(),
                    ResourceCodec.readObject(spec),
                    1));
        }
        Resource mesh = new Resource(
                MeshType.DESCRIPTOR,
                "",
                "default",
                Instant.EPOCH,
                Instant.EPOCH,
                Map.of(),
                ResourceCodec.readObject(
                        "{\"mtls\":{\"enabledBackend\":\"ca-1\",\"backends\":[{\"name\":\"ca-1\",\"type\":\"builtin\"}]}}"),
                1);
        return PolicySnapshot.of(mesh, policies);
    }

    static Resource legacy(String name, String source, String destination) {
        String spec = "{\"sources\":[{\"match\":{\"kuma.io/service\":\"" + source + "\"}}],"
                + "\"destinations\":[{\"match\":{\"kuma.io/service\":\"" + destination + "\"}}]}";
        return new Resource(
                TrafficPermissionType.DESCRIPTOR,
                "default",
                name,
                Instant.EPOCH,
                Instant.EPOCH,
                Map.of(),
                ResourceCodec.readObject(spec),
                1);
    }

    @Benchmark
    public Decision decide() {
        int i = next++ & 4095;
        return engine.decide(targets[i], clients[i]);
    }

    @Benchmark
    public Decision decideFirstConnection() {
        int i = next++ & 4095;
        return engine.decideUncached(targets[i], clients[i]);
    }

    @Benchmark
    public PermissionEngine compile() {
        return PermissionEngine.compile(snapshot);
    }
}
