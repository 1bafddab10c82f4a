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
            description = "Kuma control plane API (or the embedded control plane's), e.g. http://127.0.0.1:5681.")
    URI meshUrl;

    @Option(
            names = "--admin-token",
            paramLabel = "TOKEN",
            description = "Sent as Kong-Admin-Token (Kong Enterprise RBAC, or the gateway's --admin-token).")
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
        return connect(true);
    }

    /**
     * The same with the mesh too when --mesh-url is given; the gateway is optional unless {@code needGateway}
     * (at least one of the two is needed).
     */
    ConnectedApis connect(boolean needGateway) {
        if (gatewayUrl == null && (needGateway || meshUrl == null)) {
            throw new CliException("Give the gateway's Admin API with --gateway-url URL"
                    + (needGateway ? "." : " or the mesh control plane's API with --mesh-url URL."));
        }
        if (gatewayUrl != null && (gatewayUrl.getScheme() == null || gatewayUrl.getHost() == null)) {
            throw new CliException("--gateway-url " + gatewayUrl + " is not an http(s) URL.");
        }
        if (meshUrl != null && (meshUrl.getScheme() == null || meshUrl.getHost() == null)) {
            throw new CliException("--mesh-url " + meshUrl + " is not an http(s) URL.");
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
        Optional<EndpointSettings> settings = Optional.ofNullable(gatewayUrl)
                .map(url -> new EndpointSettings(
                        url, TokenScheme.KONG_ADMIN_TOKEN, extra, Optional.ofNullable(caFile), false));
        // The control plane gets the same headers and CA; --admin-token is the gateway's only.
        Optional<EndpointSettings> mesh = Optional.ofNullable(meshUrl)
                .map(url -> new EndpointSettings(url, TokenScheme.NONE, extra, Optional.ofNullable(caFile), false));
        ConnectionProfile profile = new ConnectionProfile(
                "command-line",
                "command line",
                settings.isPresent() ? ConnectionKind.REMOTE_KONG : ConnectionKind.REMOTE_KUMA,
                settings,
                Optional.empty(),
                mesh);
        // No secret store and no sandbox: tokens come from the command line, and nothing embedded is started.
        ConnectionResolver resolver = new ConnectionResolver(null, null, Duration.ofSeconds(3), Duration.ofSeconds(30));
        return resolver.connectWithTokens(profile, Optional.ofNullable(adminToken), Optional.empty());
    }
}
