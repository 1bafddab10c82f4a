package dev.gatehouse.mesh.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.policy.PermissionEngine;
import dev.gatehouse.mesh.policy.PolicySnapshot;
import dev.gatehouse.mesh.policy.ServicePermissions;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
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
 * The permission matrix of 500 services (249,500 pairs; 500 data planes, each with its service's inbound) over the
 * 5,000 policies of {@link PermissionEngineBenchmark}, restricted to the first 500 services' names. Run with
 * {@code mesh-runtime/bench/policy-bench.sh}.
 * <ul>
 *   <li>{@code matrixAfterChange}: what {@code _permission-matrix} pays after a change: compile, decide every pair,
 *       write the JSON;</li>
 *   <li>{@code matrix}: the same with the engine compiled and its per-inbound memo warm.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ServicePermissionsBenchmark {
    static final int SERVICES = 500;

    PolicySnapshot snapshot;
    PermissionEngine engine;
    List<Resource> dataplanes;

    @Setup
    public void setUp() {
        snapshot = PermissionEngineBenchmark.snapshot(new SplittableRandom(42));
        engine = PermissionEngine.compile(snapshot);
        dataplanes = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            String spec = "{\"networking\":{\"address\":\"10.0.0.1\",\"inbound\":[{\"port\":15000,"
                    + "\"tags\":{\"kuma.io/service\":\"svc-" + s + "\",\"version\":\"v" + (s % 3) + "\"}}]}}";
            dataplanes.add(new Resource(
                    DataplaneType.DESCRIPTOR,
                    "default",
                    "dp-" + s,
                    Instant.EPOCH,
                    Instant.EPOCH,
                    Map.of("app", "svc-" + s, "team", "t" + (s % 20)),
                    ResourceCodec.readObject(spec),
                    1));
        }
    }

    @Benchmark
    public ObjectNode matrixAfterChange() {
        return ServicePermissions.of(PermissionEngine.compile(snapshot), dataplanes)
                .matrix()
                .toJson();
    }

    @Benchmark
    public ObjectNode matrix() {
        return ServicePermissions.of(engine, dataplanes).matrix().toJson();
    }
}
