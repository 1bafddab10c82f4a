package dev.gatehouse.mesh.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.ca.IdentityService;
import dev.gatehouse.mesh.ca.Pem;
import dev.gatehouse.mesh.manager.ResourceManager;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import dev.gatehouse.mesh.token.DataplaneTokens;
import dev.gatehouse.mesh.validation.InvalidResourceException;
import dev.gatehouse.mesh.validation.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Data-plane credentials. {@code POST /tokens/dataplane} (Kuma's path; admins only, see {@link ApiAccess}) issues a
 * per-dataplane token; {@code GET /meshes/{mesh}/dataplanes/{name}/_identity}
 * with {@code Authorization: Bearer <token>} returns that dataplane's certificate, private key and CA bundle — the
 * only way a private key leaves the control plane (Kuma sends it over SDS on the same authenticated stream).
 */
public final class IdentityEndpoints {
    private final ResourceManager resources;
    private final DataplaneTokens tokens;
    private final IdentityService identities;

    public IdentityEndpoints(ResourceManager resources, DataplaneTokens tokens, IdentityService identities) {
        this.resources = resources;
        this.tokens = tokens;
        this.identities = identities;
    }

    public ApiResponse issueToken(ApiRequest req) {
        if (!req.caller().admin()) {
            // Kuma's generateDpToken access is for admins only (pkg/config/app/kuma-cp defaults: mesh-system:admin).
            throw new ApiError(
                    403,
                    "Access Denied",
                    "only an admin (a direct client on localhost, the API token or an admin "
                            + "client certificate) may generate dataplane tokens");
        }
        JsonNode body;
        try {
            body = ResourceCodec.JSON.readTree(req.body());
        } catch (IOException e) {
            throw new ApiError(400, "Bad Request", "could not parse the request body: " + e.getMessage());
        }
        String name = body == null ? "" : body.path("name").asText("");
        String mesh = body == null ? "" : body.path("mesh").asText("");
        List<Violation> v = new ArrayList<>();
        if (name.isEmpty()) {
            v.add(new Violation("name", "cannot be empty"));
        }
        if (mesh.isEmpty()) {
            v.add(new Violation("mesh", "cannot be empty"));
        }
        if (!v.isEmpty()) {
            throw new ApiError(400, "Could not issue a token", "Resource is not valid", v);
        }
        ResourceEndpoints.guarded(
                () -> {
                    resources.requireMesh(DataplaneType.DESCRIPTOR, mesh);
                    return null;
                },
                "Failed to retrieve Mesh");
        return ApiResponse.text(200, tokens.issue(mesh, name)).secret();
    }

    public ApiResponse identity(ApiRequest req, String mesh, String name) {
        Optional<ResourceKey> owner = tokens.owner(req.bearerToken());
        if (owner.isEmpty()) {
            throw new ApiError(
                    401, "Unauthenticated", "a valid dataplane token is required (Authorization: Bearer <token>)");
        }
        ResourceKey key = DataplaneType.key(mesh, name);
        if (!owner.get().equals(key)) {
            throw new ApiError(
                    403, "Access Denied", "the token does not belong to dataplane " + name + " in mesh " + mesh);
        }
        ResourceEndpoints.guarded(
                () -> resources.get(DataplaneType.DESCRIPTOR, mesh, name), "Could not retrieve a resource");
        ObjectNode out = ResourceCodec.JSON.createObjectNode();
        out.put("mesh", mesh);
        out.put("dataplane", name);
        Optional<IdentityService.Issued> issued;
        try {
            issued = identities.identity(key);
        } catch (InvalidResourceException e) {
            throw new ApiError(500, "Could not issue a certificate", "Internal Server Error");
        }
        out.put("mtlsEnabled", issued.isPresent());
        issued.ifPresent(i -> {
            out.put("backend", i.backend());
            out.put("generation", i.generation());
            out.put("reason", i.reason());
            out.put("certificate", Pem.encode(i.certificate().certificate()));
            out.put("privateKey", Pem.encode(i.certificate().privateKey()));
            out.put("caCertificates", Pem.encode(i.certificate().ca()));
            out.put(
                    "notBefore",
                    i.certificate().certificate().getNotBefore().toInstant().toString());
            out.put("notAfter", i.certificate().notAfter().toString());
            ArrayNode uris = out.putArray("uris");
            i.certificate().uriSans().forEach(uris::add);
        });
        return ApiResponse.json(out).secret();
    }
}
