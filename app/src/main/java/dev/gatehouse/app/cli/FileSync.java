package dev.gatehouse.app.cli;

import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.declarative.sync.Sync;

/**
 * The file of diff or apply against the runtime the options name: a decK file and {@code --gateway-url}, or Kuma
 * YAML and {@code --mesh-url}. Holds the connection, so close it.
 */
final class FileSync implements AutoCloseable {

    private final ConnectedApis apis;
    private final Sync sync;

    private FileSync(ConnectedApis apis, Sync sync) {
        this.apis = apis;
        this.sync = sync;
    }

    /** Whether the command targets the mesh (both URLs are refused when the file is opened). */
    static boolean forMesh(GatewayOptions options) {
        return options.meshUrl != null;
    }

    /** Reads the file, checks it suits the runtime named, and connects to that runtime. */
    static FileSync open(GatewayOptions options, PlanFileOptions file) {
        if (!forMesh(options)) {
            String text = ConfigFiles.gatewayFile(file.file);
            return connected(
                    options.connect(), apis -> Sync.gateway(apis.gateway().orElseThrow(), text, file.selectTags));
        }
        if (options.gatewayUrl != null) {
            throw new CliException(
                    "Give either --gateway-url (a decK file) or --mesh-url (a Kuma YAML file), not both.");
        }
        if (!file.selectTags.isEmpty()) {
            throw new CliException("--select-tag selects gateway entities; Kuma resources carry no tags.");
        }
        String text = ConfigFiles.meshFile(file.file);
        return connected(options.connectMesh(), apis -> Sync.mesh(apis.mesh().orElseThrow(), text));
    }

    private static FileSync connected(ConnectedApis apis, java.util.function.Function<ConnectedApis, Sync> sync) {
        try {
            return new FileSync(apis, sync.apply(apis));
        } catch (RuntimeException e) {
            apis.close();
            throw e;
        }
    }

    Sync sync() {
        return sync;
    }

    /** Where the control plane is, for a warning that names it. */
    String meshAddress() {
        return apis.mesh().map(m -> m.address().toString()).orElse("");
    }

    @Override
    public void close() {
        apis.close();
    }
}
