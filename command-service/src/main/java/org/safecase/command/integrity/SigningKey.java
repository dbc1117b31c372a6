package org.safecase.command.integrity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The checkpoint-signing key: Ed25519 (JDK), given as PEM (PKCS#8 private key, SubjectPublicKeyInfo
 * public key, e.g. from {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout}),
 * checked at start-up to be one pair. Never stored in the database or the repository.
 */
final class SigningKey {

    /** The SubjectPublicKeyInfo prefix before an Ed25519 key's raw 32 bytes (RFC 8410). */
    private static final int RAW_KEY_LENGTH = 32;

    private final PrivateKey privateKey;
    private final byte[] rawPublicKey;
    private final String keyId;

    SigningKey(String privatePem, String publicPem, String origin) {
        if (privatePem == null || privatePem.isBlank() || publicPem == null || publicPem.isBlank()) {
            throw new IllegalStateException("safecase.integrity.signing-key and safecase.integrity.public-key "
                    + "(SAFECASE_INTEGRITY_SIGNING_KEY, SAFECASE_INTEGRITY_PUBLIC_KEY) must be set: an Ed25519 key pair in PEM");
        }
        try {
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            this.privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem)));
            PublicKey publicKey = keys.generatePublic(new X509EncodedKeySpec(der(publicPem)));
            byte[] encoded = publicKey.getEncoded();
            this.rawPublicKey = Arrays.copyOfRange(encoded, encoded.length - RAW_KEY_LENGTH, encoded.length);
            byte[] probe = "safecase signing key check".getBytes(StandardCharsets.UTF_8);
            if (!verify(publicKey, probe, sign(probe))) {
                throw new IllegalStateException("the checkpoint-signing private and public keys are not one pair");
            }
            this.keyId = keyId(origin, rawPublicKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the checkpoint-signing key is not an Ed25519 key pair in PEM", e);
        }
    }

    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a checkpoint could not be signed", e);
        }
    }

    byte[] rawPublicKey() {
        return rawPublicKey.clone();
    }

    String keyId() {
        return keyId;
    }

    /** C2SP signed-note key id: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || raw public key), in hex. */
    static String keyId(String name, byte[] rawPublicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x0A);
            sha.update((byte) 0x01);
            sha.update(rawPublicKey);
            return HexFormat.of().formatHex(sha.digest(), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean verify(PublicKey key, byte[] message, byte[] signed) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(key);
        signature.update(message);
        return signature.verify(signed);
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
    }
}
