package org.openstreamer.ejb.service;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openstreamer.ejb.model.User;

import java.util.Set;
import java.util.logging.Logger;

/**
 * Makes sure a fresh install has exactly one way in: when no admin exists, creates one from
 * {@code ADMIN_USER} / {@code ADMIN_PASSWORD}, or with a generated password printed once to the
 * log. There is no default password that would work on every install. When the database could
 * not be reached at deployment, this happens once the schema is migrated ({@link SchemaMigrated}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    static final int MIN_PASSWORD_LENGTH = 8;

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @EJB
    private SchemaMigrator schema;

    @PostConstruct
    void atStart() {
        if (schema.ready()) {
            ensureAdmin();
        }
    }

    /** The schema was migrated late (the database was unreachable at deployment): the check is done now. */
    public void schemaMigrated(@Observes SchemaMigrated migrated) {
        try {
            ensureAdmin();
        } catch (RuntimeException e) {
            LOG.warning("The administrator account could not be checked once the database was back: " + e);
        }
    }

    void ensureAdmin() {
        long admins = em.createNamedQuery(User.COUNT_WITH_ROLE, Long.class)
                .setParameter("role", User.ROLE_ADMIN).getSingleResult();
        if (admins > 0) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        String username = config.getOptionalValue("admin.user", String.class).orElse("admin");
        String password = config.getOptionalValue("admin.password", String.class).orElse(null);
        boolean generated = password == null || password.isBlank();
        if (generated) {
            password = PasswordHasher.generate(20);
        } else if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException("ADMIN_PASSWORD must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        User existing = em.find(User.class, username);
        if (existing != null) {
            em.remove(existing); // a non-admin of that name: replaced by the admin asked for
            em.flush();
        }
        em.persist(new User(username, PasswordHasher.hash(password.toCharArray()), Set.of(User.ROLE_ADMIN)));
        if (generated) {
            LOG.warning("\n==========================================================\n"
                    + " First start: created the administrator account\n"
                    + "   user:     " + username + "\n"
                    + "   password: " + password + "\n"
                    + " It is shown only this once. Set ADMIN_USER/ADMIN_PASSWORD\n"
                    + " before the first start to choose your own.\n"
                    + "==========================================================");
        } else {
            LOG.info("Created the administrator account '" + username + "' from ADMIN_USER/ADMIN_PASSWORD");
        }
    }
}
