package dev.gatehouse.app.cli;

import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.ConnectionResolver;
import dev.gatehouse.app.connection.EndpointSettings;
import dev.gatehouse.app.connection.TokenScheme;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The connection options the console's remote gateway connection has, on the command line. */
public final class GatewayOptions {

    @Option(
            names = "--gateway-url",
            paramLabel = "URL",
            description = "Kong Admin API (or the embedded gateway's), e.g. http://127.0.0.1:8001.")
    URI gatewayUrl;

    @Option(
            names = "--mesh-url",
            paramLabel = "URL",
            description = "Kuma control plane's REST API (or the embedded one's), e.g. http://127.0.0.1:5681.")
    URI meshUrl;

    @Option(
            names = "--admin-token",
            paramLabel = "TOKEN",
            description = "Sent as Kong-Admin-Token to a gateway (Kong Enterprise RBAC, or the gateway's"
                    + " --admin-token), as Authorization: Bearer to a control plane (a Kuma user token).")
    String adminToken;

    @Option(
            names = "--header",
            paramLabel = "NAME:VALUE",
            description = "Another header for every request (repeatable), for proxies in front of the API.")
    List<String> headers = new ArrayList<>();

    @Option(
            names = "--ca-file",
            paramLabel = "FILE",
            description = "PEM file of the CA that signed the API's certificate.")
    Path caFile;

    /**
     * Clients for the gateway, made exactly as the console makes them for a remote connection (the same resolver,
     * transport, token scheme and TLS trust); closed by the caller.
     */
    ConnectedApis connect() {
        if (gatewayUrl == null) {
            throw new CliException("Give the gateway's Admin API with --gateway-url URL.");
        }
        EndpointSettings settings = settings("--gateway-url", gatewayUrl, TokenScheme.KONG_ADMIN_TOKEN);
        ConnectionProfile profile = new ConnectionProfile(
                "command-line",
                "command line",
                ConnectionKind.REMOTE_KONG,
                Optional.of(settings),
                Optional.empty(),
                Optional.empty());
        return resolver().connectWithTokens(profile, Optional.ofNullable(adminToken), Optional.empty());
    }

    /**
     * Clients for the gateway and, when {@code --mesh-url} is given, the control plane, in one connection (the
     * Kubernetes export reads both). The gateway may be left out unless {@code needGateway}; one of the two is
     * needed. With both, {@code --admin-token} goes to the gateway only; with the mesh alone, to the mesh.
     */
    ConnectedApis connect(boolean needGateway) {
        if (gatewayUrl == null && (needGateway || meshUrl == null)) {
            throw new CliException("Give the gateway's Admin API with --gateway-url URL"
                    + (needGateway ? "." : " or the mesh control plane's API with --mesh-url URL."));
        }
        if (gatewayUrl == null) {
            return connectMesh();
        }
        Optional<EndpointSettings> mesh =
                Optional.ofNullable(meshUrl).map(url -> settings("--mesh-url", url, TokenScheme.BEARER));
        ConnectionProfile profile = new ConnectionProfile(
                "command-line",
                "command line",
                ConnectionKind.REMOTE_KONG,
                Optional.of(settings("--gateway-url", gatewayUrl, TokenScheme.KONG_ADMIN_TOKEN)),
                Optional.empty(),
                mesh);
        return resolver().connectWithTokens(profile, Optional.ofNullable(adminToken), Optional.empty());
    }

    /**
     * Clients for the control plane at {@code --mesh-url}, made as the console makes them for a remote Kuma
     * connection (its token as {@code Authorization: Bearer}); closed by the caller.
     */
    ConnectedApis connectMesh() {
        if (meshUrl == null) {
            throw new CliException("Give the control plane's API with --mesh-url URL.");
        }
        EndpointSettings settings = settings("--mesh-url", meshUrl, TokenScheme.BEARER);
        ConnectionProfile profile = new ConnectionProfile(
                "command-line",
                "command line",
                ConnectionKind.REMOTE_KUMA,
                Optional.empty(),
                Optional.empty(),
                Optional.of(settings));
        return resolver().connectWithTokens(profile, Optional.empty(), Optional.ofNullable(adminToken));
    }

    private EndpointSettings settings(String option, URI url, TokenScheme scheme) {
        if (url.getScheme() == null || url.getHost() == null) {
            throw new CliException(option + " " + url + " is not an http(s) URL.");
        }
        if (caFile != null && !Files.isReadable(caFile)) {
            throw new CliException("The CA file " + caFile + " cannot be read.");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new CliException("--header " + header + " is not NAME:VALUE.");
            }
            extra.put(
                    header.substring(0, colon).strip(),
                    header.substring(colon + 1).strip());
        }
        return new EndpointSettings(url, scheme, extra, Optional.ofNullable(caFile), false);
    }

    private static ConnectionResolver resolver() {
        // No secret store and no sandbox: tokens come from the command line, and nothing embedded is started.
        return new ConnectionResolver(null, null, Duration.ofSeconds(3), Duration.ofSeconds(30));
    }
}
