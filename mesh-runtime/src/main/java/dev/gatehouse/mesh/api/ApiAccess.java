package dev.gatehouse.mesh.api;

import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import dev.gatehouse.mesh.token.DataplaneTokens;
import java.util.List;
import java.util.Optional;

/**
 * Who may call the API. As Kuma 2.14.3 authenticates (pkg/api-server/authn/localhost.go, then
 * pkg/plugins/authn/api-server/tokens/authenticator.go or certs/authenticator.go): a direct caller on localhost is
 * admin; so is the bearer of the admin token ({@code --api-token}) and a client with a verified certificate on the
 * HTTPS listener; a data plane may present its own token; a bearer token that is none of these is refused with Kuma's
 * 401 body; the index ({@code /}) is open to all (index_endpoints.go skips authentication).
 *
 * <p>Kuma lets callers without credentials read and write every resource that is not admin-only (only secrets and
 * token generation are): that is what happens here while no credentials are configured (the control plane warns at
 * start when it listens beyond loopback). Once an admin token or admin client certificates are configured, Gatehouse
 * is stricter than Kuma: a caller without credentials gets 401, and a data plane's token reaches only that data
 * plane's own endpoints (its Dataplane, its identity and watch, its mesh's snapshot).
 */
public final class ApiAccess {
    /** Kuma's answer to bad credentials: HandleError of rest_errors.Unauthenticated with "Invalid authentication data". */
    static final ApiError UNAUTHENTICATED = new ApiError(401, "Invalid authentication data", "Unauthenticated");

    private final AdminToken adminToken;
    private final boolean credentialsRequired;
    private final DataplaneTokens dataplaneTokens;

    /**
     * @param adminToken         the admin token, or null
     * @param clientCertificates admin client certificates are configured (the HTTPS listener)
     */
    public ApiAccess(AdminToken adminToken, boolean clientCertificates, DataplaneTokens dataplaneTokens) {
        this.adminToken = adminToken;
        this.credentialsRequired = adminToken != null || clientCertificates;
        this.dataplaneTokens = dataplaneTokens;
    }

    /** Whether callers other than direct loopback ones must bring credentials. */
    public boolean credentialsRequired() {
        return credentialsRequired;
    }

    /** The request with its caller, or the refusal (401, 403) in Kuma's error shape. */
    public ApiRequest authenticate(ApiRequest req) {
        if (req.segments().isEmpty()) {
            return req.by(ApiCaller.ANONYMOUS);
        }
        ApiCaller caller = identify(req);
        if (credentialsRequired && caller.kind() == ApiCaller.Kind.ANONYMOUS) {
            throw UNAUTHENTICATED;
        }
        if (credentialsRequired && caller.kind() == ApiCaller.Kind.DATAPLANE && !ownEndpoint(req, caller.dataplane())) {
            throw new ApiError(
                    403,
                    "Access Denied",
                    "the token of dataplane \"" + caller.dataplane().name() + "\" in mesh \""
                            + caller.dataplane().mesh() + "\" reaches that dataplane's own endpoints only");
        }
        return req.by(caller);
    }

    private ApiCaller identify(ApiRequest req) {
        if (req.source().directLoopback() || req.source().tls()) {
            return ApiCaller.ADMIN;
        }
        String bearer = req.bearerToken();
        if (bearer == null) {
            return ApiCaller.ANONYMOUS;
        }
        if (adminToken != null && adminToken.matches(bearer)) {
            return ApiCaller.ADMIN;
        }
        Optional<ResourceKey> dataplane = dataplaneTokens.owner(bearer);
        if (dataplane.isPresent()) {
            return new ApiCaller(ApiCaller.Kind.DATAPLANE, dataplane.get());
        }
        throw UNAUTHENTICATED;
    }

    /** What a data plane calls with its token (ControlPlaneClient): its Dataplane, identity, watch and mesh snapshot. */
    private static boolean ownEndpoint(ApiRequest req, ResourceKey dp) {
        List<String> s = req.segments();
        if (s.equals(List.of("watch"))) {
            return dp.mesh().equals(req.param("mesh")) && dp.name().equals(req.param("dataplane"));
        }
        if (s.size() < 3 || !s.get(0).equals("meshes") || !s.get(1).equals(dp.mesh())) {
            return false;
        }
        if (s.size() == 3) {
            return s.get(2).equals("_snapshot");
        }
        boolean own =
                s.get(2).equals(DataplaneType.DESCRIPTOR.wsPath()) && s.get(3).equals(dp.name());
        return own && (s.size() == 4 || s.size() == 5 && s.get(4).equals("_identity"));
    }
}
