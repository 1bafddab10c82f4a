package dev.gatehouse.app.connection;

import java.net.URI;
import java.util.Optional;

/** A named way to reach a gateway and/or a mesh; either endpoint may be absent. */
public record ConnectionProfile(String id, String name, ConnectionKind kind, Optional<URI> gatewayAdmin,
                                Optional<URI> meshApi) {

    /** The default profile: the embedded runtimes on their default loopback ports. */
    public static ConnectionProfile embeddedDefault() {
        return new ConnectionProfile("embedded", "Embedded sandbox", ConnectionKind.EMBEDDED,
                Optional.of(URI.create("http://127.0.0.1:8001")), Optional.of(URI.create("http://127.0.0.1:5681")));
    }
}
