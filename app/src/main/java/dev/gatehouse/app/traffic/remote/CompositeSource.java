package dev.gatehouse.app.traffic.remote;

import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.traffic.TrafficSink;
import dev.gatehouse.app.traffic.TrafficWatch;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Watches a gateway and a mesh of one connection at once: starts both (or neither), closes both. */
public final class CompositeSource implements ConnectionBoundSource {

    private final ConnectedApis apis;
    private final List<ConnectionBoundSource> parts;

    public CompositeSource(ConnectedApis apis, List<ConnectionBoundSource> parts) {
        this.apis = apis;
        this.parts = List.copyOf(parts);
    }

    @Override
    public ConnectedApis apis() {
        return apis;
    }

    @Override
    public TrafficWatch start(TrafficSink sink) throws Exception {
        List<TrafficWatch> started = new ArrayList<>();
        try {
            for (ConnectionBoundSource part : parts) {
                started.add(part.start(sink));
            }
        } catch (Exception e) {
            started.forEach(TrafficWatch::close); // all or nothing: undo what did start
            throw e;
        }
        return new TrafficWatch() {
            @Override
            public String summary() {
                return started.stream().map(TrafficWatch::summary).collect(Collectors.joining(". "));
            }

            @Override
            public void close() {
                started.forEach(TrafficWatch::close);
            }
        };
    }
}
