package org.openstreamer.ejb.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.Set;

/** A login of the API and console. WildFly's JDBC realm reads the same rows to authenticate. */
@Entity
@Table(name = "users")
@NamedQuery(name = User.COUNT_WITH_ROLE,
        query = "SELECT COUNT(u) FROM User u JOIN u.roles r WHERE r = :role")
public class User {

    public static final String COUNT_WITH_ROLE = "User.countWithRole";
    public static final String ROLE_ADMIN = "admin";

    @Id
    @Column(length = 64)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 128)
    private String passwordHash;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "username"))
    @Column(name = "role", length = 32)
    private Set<String> roles = new HashSet<>();

    protected User() {
    }

    public User(String username, String passwordHash, Set<String> roles) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = new HashSet<>(roles);
    }
}
