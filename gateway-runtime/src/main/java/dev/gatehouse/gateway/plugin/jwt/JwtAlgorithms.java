package dev.gatehouse.gateway.plugin.jwt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature checks of Kong's {@code jwt_parser.lua} ({@code alg_verify}): HMAC for {@code HS*} (compared in
 * constant time), RSA PKCS#1 v1.5 for {@code RS*}, RSASSA-PSS for {@code PS*}, ECDSA with raw {@code r||s}
 * signatures for {@code ES*}, and Ed25519 for {@code EdDSA}, with keys from PEM {@code PUBLIC KEY} blocks.
 */
final class JwtAlgorithms {

    static final List<String> ALL = List.of(
            "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512",
            "EdDSA");

    /** The algorithms whose credentials need an {@code rsa_public_key} (daos.lua's conditional check). */
    static final Set<String> WITH_PUBLIC_KEY = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA");

    private JwtAlgorithms() {}

    static boolean supported(String alg) {
        return ALL.contains(alg);
    }

    static boolean symmetric(String alg) {
        return alg.startsWith("HS");
    }

    /** True when {@code signature} signs {@code input} under {@code alg} with the secret or PEM public key. */
    static boolean verify(String alg, byte[] input, byte[] signature, byte[] secretOrPem) {
        try {
            if (symmetric(alg)) {
                String mac = "HmacSHA" + alg.substring(2);
                Mac m = Mac.getInstance(mac);
                m.init(new SecretKeySpec(secretOrPem.length == 0 ? new byte[1] : secretOrPem, mac));
                // an empty secret cannot key the JCA's HMAC: it never verifies
                return secretOrPem.length > 0 && MessageDigest.isEqual(m.doFinal(input), signature);
            }
            PublicKey key = publicKey(new String(secretOrPem, StandardCharsets.US_ASCII));
            if (key == null) {
                return false;
            }
            Signature s = signature(alg);
            s.initVerify(key);
            s.update(input);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a key of the wrong type or a malformed signature does not verify
        }
    }

    private static Signature signature(String alg) throws GeneralSecurityException {
        String bits = alg.substring(2);
        return switch (alg.substring(0, 2)) {
            case "RS" -> Signature.getInstance("SHA" + bits + "withRSA");
            case "ES" -> Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
            case "PS" -> {
                Signature s = Signature.getInstance("RSASSA-PSS");
                String digest = "SHA-" + bits;
                s.setParameter(new PSSParameterSpec(
                        digest, "MGF1", new MGF1ParameterSpec(digest), Integer.parseInt(bits) / 8, 1));
                yield s;
            }
            default -> Signature.getInstance("Ed25519");
        };
    }

    /** A PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo) of type RSA, EC or Ed25519, or null. */
    static PublicKey publicKey(String pem) {
        int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
        int end = pem.indexOf("-----END PUBLIC KEY-----");
        if (begin < 0 || end < begin) {
            return null;
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + 26, end));
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (String type : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next key type
            }
        }
        return null;
    }
}
