package org.openstreamer.ejb.drm;

import org.wildfly.security.credential.SecretKeyCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.credential.store.WildFlyElytronCredentialStoreProvider;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The master key that seals content keys at rest: an AES-256 secret in WildFly's Elytron
 * credential store {@code openstreamer-drm} (a secret-key credential store file that
 * {@code wildfly-config/configure-drm.cli} declares and the server fills with a new key when it
 * first starts). Read here through Elytron's own API; when the file is not there (a server
 * provisioned without that script) it is created the same way, with a new key from SecureRandom.
 * The key never leaves memory and is never logged.
 */
public final class MasterKey {

    /** The alias of the master key in the store (the store's default alias). */
    public static final String ALIAS = "drm-master";
    /** Where the store is, unless the system property of that name says otherwise. */
    public static final String PROPERTY = "openstreamer.drm.credential-store";
    private static final String FILE = "openstreamer-drm.cs";

    private MasterKey() {
    }

    /** The store's file: the system property, else {@code openstreamer-drm.cs} in the server's data folder. */
    public static Path location() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")), FILE);
    }

    /** The master key, made and stored first when the store or the alias is missing. */
    public static SecretKey load(Path location) {
        try {
            Files.createDirectories(location.toAbsolutePath().getParent());
            CredentialStore store = CredentialStore.getInstance("PropertiesCredentialStore",
                    WildFlyElytronCredentialStoreProvider.getInstance());
            store.initialize(Map.of("location", location.toString(), "create", "true"));
            if (store.exists(ALIAS, SecretKeyCredential.class)) {
                return store.retrieve(ALIAS, SecretKeyCredential.class).getSecretKey();
            }
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, new SecureRandom());
            SecretKey key = generator.generateKey();
            store.store(ALIAS, new SecretKeyCredential(key));
            store.flush();
            return key;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("DRM master key: the credential store " + location + " cannot be read or made: "
                    + e.getMessage(), e);
        }
    }
}
