package org.safecase.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What a signed checkpoint signs, and how to check it: the one definition the command service signs by and
 * the verifier and tests check by. The body is a C2SP tlog-checkpoint note body
 * {@code <origin>\n<tree size>\n<base64 root>\ntime <signedAt>\n}, signed with Ed25519 (JDK).
 */
public final class CheckpointNotes {

    /** The SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410), before its raw 32 bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private CheckpointNotes() {
    }

    public static String body(String origin, long treeSize, byte[] root, Instant signedAt) {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(root) + "\ntime " + signedAt + "\n";
    }

    /** Whether the Base64 signature over the body holds for the raw 32-byte Ed25519 public key (Base64). */
    public static boolean verifies(String rawPublicKey, String body, String signature) {
        try {
            byte[] raw = Base64.getDecoder().decode(rawPublicKey);
            byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(body.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
