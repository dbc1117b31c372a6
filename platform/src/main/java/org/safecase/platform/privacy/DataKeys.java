package org.safecase.platform.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The data keys, wrapped by the key-encryption key in the privacy database and kept unwrapped in
 * memory for a short time. Keys never leave this class: not in events, messages, logs or exceptions.
 */
public class DataKeys {

    /** A key as looked up: its status and, when present, the primitive it gives. */
    record Key<P>(KeyStatus status, P primitive) {
    }

    private static final String SUBJECT_INDEX = "index:subjects";

    static {
        try {
            AeadConfig.register();
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final JdbcTemplate jdbc;
    private final KeyEncryptionKeys keks;
    private final Cache<String, Key<Aead>> aeads;
    /**
     * The keys the current thread prepared (a projector's poll), held for it until it releases them: the shared cache
     * may refuse or drop a new entry as soon as it is full (Caffeine admits by frequency), and a rebuild of more
     * incidents than it holds then looked every key up one by one all the same.
     */
    private final ThreadLocal<Map<String, Key<Aead>>> prepared = ThreadLocal.withInitial(HashMap::new);
    private volatile PrfSet subjectIndexKey;

    DataKeys(PrivacyDatabase database, KeyEncryptionKeys keks, Duration ttl, long size) {
        this.jdbc = database.jdbc();
        this.keks = keks;
        this.aeads = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(size).build();
    }

    static String incidentKeyId(UUID incidentId) {
        return "incident:" + incidentId;
    }

    static String subjectKeyId(UUID subjectId) {
        return "subject:" + subjectId;
    }

    /** The key, looked up (absent keys are not remembered: another instance may make one). */
    Key<Aead> find(String keyId) {
        Key<Aead> held = prepared.get().get(keyId);
        if (held != null) {
            return held;
        }
        Key<Aead> cached = aeads.getIfPresent(keyId);
        if (cached != null) {
            return cached;
        }
        Key<Aead> key = load(keyId).map(stored -> key(keyId, stored)).orElse(new Key<>(KeyStatus.ABSENT, null));
        if (key.status() != KeyStatus.ABSENT) {
            aeads.put(keyId, key);
        }
        return key;
    }

    /**
     * Holds these keys for the current thread until {@link #release}, loading in one statement those not cached, so
     * that finding them costs no round trip (as {@link #find}: a present or destroyed key is held, an absent one is not).
     */
    void prepare(Collection<String> keyIds) {
        Map<String, Key<Aead>> held = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String keyId : new HashSet<>(keyIds)) {
            Key<Aead> cached = aeads.getIfPresent(keyId);
            if (cached != null) {
                held.put(keyId, cached);
            } else {
                missing.add(keyId);
            }
        }
        if (!missing.isEmpty()) {
            jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT key_id, wrapped_keyset, kek_id FROM data_key WHERE key_id = ANY (?)");
                statement.setArray(1, connection.createArrayOf("text", missing.toArray()));
                return statement;
            }, (RowCallbackHandler) rs -> {
                String keyId = rs.getString("key_id");
                Key<Aead> key = key(keyId, new StoredKey(rs.getBytes("wrapped_keyset"), rs.getString("kek_id")));
                aeads.put(keyId, key);
                held.put(keyId, key);
            });
        }
        prepared.set(held);
    }

    /** Lets go of the keys the current thread prepared: from here it finds them in the cache or the store again. */
    void release() {
        prepared.remove();
    }

    /** The key, made if no key by this id was ever made; a destroyed key is never made again. */
    Key<Aead> findOrCreate(String keyId) {
        Key<Aead> key = find(keyId);
        return key.status() != KeyStatus.ABSENT ? key : create(keyId);
    }

    /**
     * The key of an id that is new (an incident being reported, a person recorded for the first time): made and
     * stored in one statement, without first looking for it. If a key by this id was made or destroyed after all (a
     * report sent again, another instance first), that key is the answer, as {@link #findOrCreate} would give.
     */
    Key<Aead> create(String keyId) {
        KeysetHandle keyset = generate(PredefinedAeadParameters.AES256_GCM);
        if (!insert(keyId, keyset)) {
            return find(keyId); // another instance made it first, or destroyed it meanwhile
        }
        try {
            Key<Aead> made = new Key<>(KeyStatus.PRESENT, keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
            aeads.put(keyId, made);
            return made;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a data key could not be used", e);
        }
    }

    /**
     * Destroys the key for good: its wrapped keyset is overwritten with NULL and the row kept as a
     * tombstone (made if the key never existed, so it can never be made later). Idempotent.
     */
    void destroy(String keyId) {
        jdbc.update("""
                INSERT INTO data_key (key_id, wrapped_keyset, kek_id, destroyed_at) VALUES (?, NULL, NULL, now())
                ON CONFLICT (key_id) DO UPDATE SET wrapped_keyset = NULL, kek_id = NULL,
                    destroyed_at = COALESCE(data_key.destroyed_at, now())""", keyId);
        aeads.put(keyId, new Key<>(KeyStatus.DESTROYED, null));
        prepared.get().remove(keyId);
    }

    /** Forgets what this instance holds of a key, after another instance destroyed it. */
    void evict(String keyId) {
        aeads.invalidate(keyId);
        prepared.get().remove(keyId);
    }

    /** The keyed hash that indexes subject references; its key is made on first use. */
    byte[] subjectIndexMac(byte[] input) {
        PrfSet prf = subjectIndexKey;
        if (prf == null) {
            synchronized (this) {
                if (subjectIndexKey == null) {
                    if (load(SUBJECT_INDEX).isEmpty()) {
                        insert(SUBJECT_INDEX, generate(PredefinedPrfParameters.HMAC_SHA256_PRF));
                    }
                    StoredKey stored = load(SUBJECT_INDEX).orElseThrow();
                    subjectIndexKey = primitive(SUBJECT_INDEX, stored, PrfSet.class);
                }
                prf = subjectIndexKey;
            }
        }
        try {
            return prf.computePrimary(input, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the subject index key failed", e);
        }
    }

    private record StoredKey(byte[] keyset, String kekId) {
    }

    private Optional<StoredKey> load(String keyId) {
        List<StoredKey> rows = jdbc.query("SELECT wrapped_keyset, kek_id FROM data_key WHERE key_id = ?",
                (rs, row) -> new StoredKey(rs.getBytes("wrapped_keyset"), rs.getString("kek_id")), keyId);
        return rows.stream().findFirst();
    }

    /** Whether this key was stored: false if a key by this id exists (or was destroyed) already. */
    private boolean insert(String keyId, KeysetHandle keyset) {
        try {
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, keks.current(), associatedData(keyId));
            return jdbc.update("""
                    INSERT INTO data_key (key_id, wrapped_keyset, kek_id) VALUES (?, ?, ?)
                    ON CONFLICT (key_id) DO NOTHING""", keyId, wrapped, keks.currentId()) == 1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a data key could not be wrapped", e);
        }
    }

    /** A stored key: destroyed if its keyset was overwritten, otherwise unwrapped. */
    private Key<Aead> key(String keyId, StoredKey stored) {
        return stored.keyset() == null ? new Key<>(KeyStatus.DESTROYED, null)
                : new Key<>(KeyStatus.PRESENT, primitive(keyId, stored, Aead.class));
    }

    private <P> P primitive(String keyId, StoredKey stored, Class<P> type) {
        Aead kek = keks.byId(stored.kekId()).orElseThrow(() -> new IllegalStateException(
                "data key " + keyId + " was wrapped by a key-encryption key this service does not have: " + stored.kekId()));
        try {
            KeysetHandle keyset = TinkProtoKeysetFormat.parseEncryptedKeyset(stored.keyset(), kek, associatedData(keyId));
            return keyset.getPrimitive(RegistryConfiguration.get(), type);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("data key " + keyId + " could not be unwrapped", e);
        }
    }

    private static KeysetHandle generate(com.google.crypto.tink.Parameters parameters) {
        try {
            return KeysetHandle.generateNew(parameters);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a data key could not be generated", e);
        }
    }

    private static byte[] associatedData(String keyId) {
        return ("safecase data key " + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
