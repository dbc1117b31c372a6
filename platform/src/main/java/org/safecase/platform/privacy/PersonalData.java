package org.safecase.platform.privacy;

import com.google.crypto.tink.Aead;
import org.safecase.events.Sealed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The one way personal fields of events are sealed and opened.
 *
 * <p>A field about the incident is encrypted with the incident's key; a field about one person with
 * the person's key and then with the incident's, so that erasing the person or disposing of the incident
 * each makes it unreadable. Tink's AES-256-GCM, a fresh nonce per field, and the field's identity (the
 * key's owner and the field's name) as associated data, so a ciphertext cannot be moved to another
 * incident, person or field. Opening a field whose key was destroyed gives {@link Sealed#ERASED}.
 */
public class PersonalData implements FieldOpener {

    private static final Logger log = LoggerFactory.getLogger(PersonalData.class);

    private final DataKeys keys;
    private final PrivacyDatabase database;

    PersonalData(DataKeys keys, PrivacyDatabase database) {
        this.keys = keys;
        this.database = database;
    }

    /**
     * The same keys and privacy database as the services, outside a Spring context: for a load generator
     * that writes events as the command service would. The connection pool lives as long as the process.
     */
    public static PersonalData standalone(String jdbcUrl, String username, String password, String keyEncryptionKey) {
        PrivacyProperties properties = new PrivacyProperties(keyEncryptionKey, java.util.List.of(),
                new PrivacyProperties.Datasource(jdbcUrl, username, password, 4), java.time.Duration.ofMinutes(5), 100_000,
                false);
        PrivacyDatabase database = new PrivacyDatabase(properties.datasource(), properties.migrate());
        return new PersonalData(new DataKeys(database, new ConfiguredKeyEncryptionKeys(properties.kek(),
                properties.previousKeks()), properties.keyCacheTtl(), properties.keyCacheSize()), database);
    }

    // --- keys

    public KeyStatus incidentKey(UUID incidentId) {
        return keys.find(DataKeys.incidentKeyId(incidentId)).status();
    }

    /**
     * Makes the key of an incident being reported, or finds the one it has (a report sent again); a destroyed key
     * stays destroyed.
     */
    public KeyStatus createIncidentKey(UUID incidentId) {
        return keys.create(DataKeys.incidentKeyId(incidentId)).status();
    }

    public KeyStatus subjectKey(UUID subjectId) {
        return keys.find(DataKeys.subjectKeyId(subjectId)).status();
    }

    /** Disposal: every field sealed with the incident's key becomes unreadable for good. */
    public void destroyIncidentKey(UUID incidentId) {
        keys.destroy(DataKeys.incidentKeyId(incidentId));
    }

    /** Erasure: every field of the person becomes unreadable for good, and their reference leads nowhere. */
    public void destroySubjectKey(UUID subjectId) {
        database.jdbc().update("DELETE FROM subject_index WHERE subject_id = ?", subjectId);
        keys.destroy(DataKeys.subjectKeyId(subjectId));
    }

    /** For readers that hold keys in memory: another service destroyed this incident's key. */
    public void forgetIncidentKey(UUID incidentId) {
        keys.evict(DataKeys.incidentKeyId(incidentId));
    }

    /** For readers that hold keys in memory: another service destroyed this person's key. */
    public void forgetSubjectKey(UUID subjectId) {
        keys.evict(DataKeys.subjectKeyId(subjectId));
    }

    // --- subjects

    /**
     * The person a school's reference names: their subject id, made (with their key) the first time the
     * reference is recorded. The reference itself is stored nowhere: only a keyed hash of it.
     */
    public UUID subject(String schoolId, String reference) {
        byte[] mac = mac(schoolId, reference);
        List<UUID> added = database.jdbc().queryForList("""
                INSERT INTO subject_index (school_id, reference_mac, subject_id) VALUES (?, ?, ?)
                ON CONFLICT (school_id, reference_mac) DO NOTHING RETURNING subject_id""", UUID.class, schoolId, mac,
                UUID.randomUUID());
        if (!added.isEmpty()) {
            keys.create(DataKeys.subjectKeyId(added.get(0)));
            return added.get(0);
        }
        UUID subjectId = database.jdbc().queryForObject(
                "SELECT subject_id FROM subject_index WHERE school_id = ? AND reference_mac = ?", UUID.class, schoolId, mac);
        keys.findOrCreate(DataKeys.subjectKeyId(subjectId));
        return subjectId;
    }

    /** The person a school's reference names, if it was ever recorded and not erased. */
    public Optional<UUID> knownSubject(String schoolId, String reference) {
        return database.jdbc().queryForList("SELECT subject_id FROM subject_index WHERE school_id = ? AND reference_mac = ?",
                UUID.class, schoolId, mac(schoolId, reference)).stream().findFirst();
    }

    // --- sealing

    /** A field about the incident, sealed with its key (which must be present); null stays null. */
    public Sealed seal(UUID incidentId, String field, String text) {
        if (text == null) {
            return null;
        }
        byte[] sealed = encrypt(DataKeys.incidentKeyId(incidentId), field, text.getBytes(StandardCharsets.UTF_8));
        return Sealed.ciphertext(Base64.getEncoder().encodeToString(sealed));
    }

    /** A field about one person, sealed with the person's key, then the incident's; null stays null. */
    public Sealed sealFor(UUID incidentId, UUID subjectId, String field, String text) {
        if (text == null) {
            return null;
        }
        byte[] inner = encrypt(DataKeys.subjectKeyId(subjectId), field, text.getBytes(StandardCharsets.UTF_8));
        byte[] outer = encrypt(DataKeys.incidentKeyId(incidentId), field, inner);
        return Sealed.ciphertext(Base64.getEncoder().encodeToString(outer));
    }

    /**
     * A text about one person outside any incident (the read log's reference to them), sealed with the
     * person's key alone (which must be present): erasing the person makes it unreadable. Null stays null.
     */
    public Sealed sealForPerson(UUID subjectId, String field, String text) {
        if (text == null) {
            return null;
        }
        byte[] sealed = encrypt(DataKeys.subjectKeyId(subjectId), field, text.getBytes(StandardCharsets.UTF_8));
        return Sealed.ciphertext(Base64.getEncoder().encodeToString(sealed));
    }

    // --- opening

    @Override
    public Prepared prepare(Collection<UUID> incidentIds, Collection<UUID> subjectIds) {
        keys.prepare(Stream.concat(incidentIds.stream().map(DataKeys::incidentKeyId),
                subjectIds.stream().map(DataKeys::subjectKeyId)).toList());
        return keys::release;
    }

    /** The text of a field about the incident, {@link Sealed#ERASED} if its key was destroyed; null stays null. */
    @Override
    public String open(UUID incidentId, String field, Sealed sealed) {
        if (sealed == null) {
            return null;
        }
        if (sealed.isLegacyClear()) {
            return sealed.clear();
        }
        Opened opened = decrypt(DataKeys.incidentKeyId(incidentId), field, decode(sealed));
        return opened.text();
    }

    /** The text of a field about one person, {@link Sealed#ERASED} if either key was destroyed. */
    @Override
    public String openFor(UUID incidentId, UUID subjectId, String field, Sealed sealed) {
        if (sealed == null) {
            return null;
        }
        if (sealed.isLegacyClear()) {
            return sealed.clear();
        }
        Opened outer = decrypt(DataKeys.incidentKeyId(incidentId), field, decode(sealed));
        if (outer.bytes() == null || subjectId == null) {
            return outer.bytes() == null ? outer.text() : Sealed.UNREADABLE;
        }
        return decrypt(DataKeys.subjectKeyId(subjectId), field, outer.bytes()).text();
    }

    /** The text of a field sealed with the person's key alone, {@link Sealed#ERASED} if it was destroyed. */
    public String openForPerson(UUID subjectId, String field, Sealed sealed) {
        if (sealed == null) {
            return null;
        }
        if (sealed.isLegacyClear()) {
            return sealed.clear();
        }
        return decrypt(DataKeys.subjectKeyId(subjectId), field, decode(sealed)).text();
    }

    /**
     * A copy of an event's JSON payload with every sealed field replaced by its text (or the erased
     * marker). A sealed field beside a {@code subjectId} belongs to that person.
     */
    public JsonNode reveal(UUID incidentId, JsonNode payload) {
        JsonNode copy = payload.deepCopy();
        revealIn(incidentId, copy);
        return copy;
    }

    /** Whether a JSON node has the shape of a {@link Sealed} field. */
    public static boolean isSealed(JsonNode node) {
        return node != null && node.isObject() && node.size() == 1
                && (node.path("ciphertext").isString() || node.path("clear").isString());
    }

    private void revealIn(UUID incidentId, JsonNode node) {
        if (node instanceof ObjectNode object) {
            UUID subjectId = uuid(object.path("subjectId"));
            Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (isSealed(field.getValue())) {
                    Sealed sealed = field.getValue().has("clear") ? Sealed.legacyClear(field.getValue().path("clear").asString())
                            : Sealed.ciphertext(field.getValue().path("ciphertext").asString());
                    String text = subjectId != null ? openFor(incidentId, subjectId, field.getKey(), sealed)
                            : open(incidentId, field.getKey(), sealed);
                    field.setValue(object.stringNode(text));
                } else {
                    revealIn(incidentId, field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> revealIn(incidentId, element));
        }
    }

    private static UUID uuid(JsonNode node) {
        try {
            return node.isString() ? UUID.fromString(node.asString()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record Opened(String text, byte[] bytes) {
    }

    private byte[] encrypt(String keyId, String field, byte[] plaintext) {
        DataKeys.Key<Aead> key = keys.find(keyId);
        if (key.status() != KeyStatus.PRESENT) {
            throw new PersonalDataUnavailableException(key.status());
        }
        try {
            return key.primitive().encrypt(plaintext, associatedData(keyId, field));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a field could not be sealed", e);
        }
    }

    private Opened decrypt(String keyId, String field, byte[] ciphertext) {
        if (ciphertext == null) {
            return new Opened(Sealed.UNREADABLE, null);
        }
        DataKeys.Key<Aead> key = keys.find(keyId);
        if (key.status() == KeyStatus.DESTROYED) {
            return new Opened(Sealed.ERASED, null);
        }
        if (key.status() == KeyStatus.ABSENT) {
            log.warn("A sealed field {} has no key {}: shown as unreadable", field, keyId);
            return new Opened(Sealed.UNREADABLE, null);
        }
        try {
            byte[] plain = key.primitive().decrypt(ciphertext, associatedData(keyId, field));
            return new Opened(new String(plain, StandardCharsets.UTF_8), plain);
        } catch (GeneralSecurityException e) {
            log.warn("A sealed field {} does not open with key {}: altered or moved; shown as unreadable", field, keyId);
            return new Opened(Sealed.UNREADABLE, null);
        }
    }

    private static byte[] decode(Sealed sealed) {
        try {
            return Base64.getDecoder().decode(sealed.ciphertext());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] mac(String schoolId, String reference) {
        return keys.subjectIndexMac((schoolId + "\u001f" + reference).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] associatedData(String keyId, String field) {
        return ("safecase field " + keyId + " " + field).getBytes(StandardCharsets.UTF_8);
    }
}
