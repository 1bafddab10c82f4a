package dev.gatehouse.mesh.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The API's HTTPS listener, which requires a client certificate issued by {@code clientCa}; a verified client is an
 * admin, as with Kuma's {@code adminClientCerts} authentication (pkg/plugins/authn/api-server/certs).
 *
 * @param listen      address of the HTTPS listener (Kuma's default port is 5682)
 * @param certificate PEM certificate chain of the server
 * @param privateKey  PEM private key of the server (PKCS#8)
 * @param clientCa    PEM certificate(s) of the CA that issues admin client certificates
 */
public record ApiTlsConfig(InetSocketAddress listen, Path certificate, Path privateKey, Path clientCa) {}
