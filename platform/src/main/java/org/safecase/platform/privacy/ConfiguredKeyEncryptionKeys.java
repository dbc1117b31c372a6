package org.safecase.platform.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Key-encryption keys from configuration: AES-256-GCM (Tink) over 32 bytes given in Base64. A key's
 * identifier is a fingerprint of it (never the key), so a rotation can tell which key wrapped what.
 */
final class ConfiguredKeyEncryptionKeys implements KeyEncryptionKeys {

    private final String currentId;
    private final Map<String, Aead> keys = new LinkedHashMap<>();

    ConfiguredKeyEncryptionKeys(String current, List<String> previous) {
        if (current == null || current.isBlank()) {
            throw new IllegalStateException("safecase.privacy.kek (SAFECASE_PRIVACY_KEK) is not set: give 32 random "
                    + "bytes in Base64, for example from `openssl rand -base64 32`");
        }
        this.currentId = add(current, "safecase.privacy.kek");
        for (int i = 0; i < previous.size(); i++) {
            add(previous.get(i), "safecase.privacy.previous-keks[" + i + "]");
        }
    }

    private String add(String base64, String setting) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not Base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes (256 bits), Base64-encoded");
        }
        try {
            String id = "kek-" + fingerprint(key);
            keys.put(id, new AesGcmJce(key));
            return id;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(setting + " is not a usable AES-256 key", e);
        }
    }

    private static String fingerprint(byte[] key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("safecase key-encryption key fingerprint".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(key), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String currentId() {
        return currentId;
    }

    @Override
    public Aead current() {
        return keys.get(currentId);
    }

    @Override
    public Optional<Aead> byId(String id) {
        return Optional.ofNullable(keys.get(id));
    }
}
