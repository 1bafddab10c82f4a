package dev.gatehouse.app.embedded;

import java.net.URI;
import java.util.Optional;

/** Where the embedded runtimes listen once started (ports may differ from the defaults when those are taken). */
public record EmbeddedAddresses(URI gatewayAdmin, URI gatewayProxy, Optional<URI> meshApi) {}
