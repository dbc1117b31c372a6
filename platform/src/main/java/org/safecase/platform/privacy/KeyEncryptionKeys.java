package org.safecase.platform.privacy;

import com.google.crypto.tink.Aead;

import java.util.Optional;

/**
 * The key-encryption keys that wrap every data key. The local implementation takes them from
 * configuration; in production a bean of this type backed by a KMS or Vault replaces it (Tink's
 * {@code KmsClient} gives an {@link Aead} for {@code aws-kms://}, {@code gcp-kms://} or {@code hcvault://}
 * keys), so that the wrapping key never enters the service's memory.
 */
public interface KeyEncryptionKeys {

    /** The identifier of the key that wraps new data keys, stored beside each wrapped key. */
    String currentId();

    Aead current();

    /** The key with this identifier, current or retired, to unwrap data keys it wrapped. */
    Optional<Aead> byId(String id);
}
