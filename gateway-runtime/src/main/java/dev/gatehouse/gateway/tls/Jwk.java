package dev.gatehouse.gateway.tls;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * A JSON Web Key (RFC 7517/7518/8037) loaded as a Java key, as OpenSSL loads Kong's {@code keys.jwk}
 * ({@code pkey.new(jwk, {format = "JWK"})}): RSA, EC (P-256, P-384, P-521) and OKP (Ed25519, Ed448); the private
 * key when the JWK has {@code d}, else the public key. Symmetric ({@code oct}) keys are not keys to OpenSSL either.
 */
public final class Jwk {

    private static final Map<String, String> CURVES =
            Map.of("P-256", "secp256r1", "P-384", "secp384r1", "P-521", "secp521r1");
    /** DER prefixes of the SubjectPublicKeyInfo and PKCS#8 structures of raw Ed25519/Ed448 keys (RFC 8410). */
    private static final Map<String, String[]> OKP = Map.of(
            "Ed25519", new String[] {"302a300506032b6570032100", "302e020100300506032b657004220420"},
            "Ed448", new String[] {"3043300506032b6571033a00", "3047020100300506032b6571043b0439"});

    private Jwk() {}

    /** The key, or an exception when the JWK is not a usable asymmetric key. */
    public static Key load(JsonNode jwk) throws GeneralSecurityException {
        if (jwk == null || !jwk.isObject()) {
            throw new GeneralSecurityException("not a JSON object");
        }
        String kty = jwk.path("kty").asText("");
        boolean priv = jwk.hasNonNull("d");
        switch (kty) {
            case "RSA" -> {
                KeyFactory f = KeyFactory.getInstance("RSA");
                BigInteger n = big(jwk, "n");
                BigInteger e = big(jwk, "e");
                if (!priv) {
                    return f.generatePublic(new RSAPublicKeySpec(n, e));
                }
                if (jwk.hasNonNull("p")) {
                    return f.generatePrivate(new RSAPrivateCrtKeySpec(
                            n,
                            e,
                            big(jwk, "d"),
                            big(jwk, "p"),
                            big(jwk, "q"),
                            big(jwk, "dp"),
                            big(jwk, "dq"),
                            big(jwk, "qi")));
                }
                return f.generatePrivate(new RSAPrivateKeySpec(n, big(jwk, "d")));
            }
            case "EC" -> {
                String curve = CURVES.get(jwk.path("crv").asText(""));
                if (curve == null) {
                    throw new GeneralSecurityException("unsupported curve");
                }
                AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
                p.init(new ECGenParameterSpec(curve));
                ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
                KeyFactory f = KeyFactory.getInstance("EC");
                if (priv) {
                    return f.generatePrivate(new ECPrivateKeySpec(big(jwk, "d"), spec));
                }
                return f.generatePublic(new ECPublicKeySpec(new ECPoint(big(jwk, "x"), big(jwk, "y")), spec));
            }
            case "OKP" -> {
                String crv = jwk.path("crv").asText("");
                String[] prefixes = OKP.get(crv);
                if (prefixes == null) {
                    throw new GeneralSecurityException("unsupported curve");
                }
                KeyFactory f = KeyFactory.getInstance(crv);
                if (priv) {
                    return f.generatePrivate(new PKCS8EncodedKeySpec(der(prefixes[1], bytes(jwk, "d"))));
                }
                return f.generatePublic(new X509EncodedKeySpec(der(prefixes[0], bytes(jwk, "x"))));
            }
            default -> throw new GeneralSecurityException("unsupported key type");
        }
    }

    private static byte[] der(String prefixHex, byte[] raw) {
        byte[] prefix = HexFormat.of().parseHex(prefixHex);
        byte[] out = new byte[prefix.length + raw.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(raw, 0, out, prefix.length, raw.length);
        return out;
    }

    private static BigInteger big(JsonNode jwk, String member) throws GeneralSecurityException {
        return new BigInteger(1, bytes(jwk, member));
    }

    private static byte[] bytes(JsonNode jwk, String member) throws GeneralSecurityException {
        JsonNode v = jwk.get(member);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw new GeneralSecurityException("missing " + member);
        }
        try {
            return Base64.getUrlDecoder().decode(v.textValue());
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("invalid base64url in " + member);
        }
    }
}
