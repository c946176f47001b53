package org.openstreamer.web.view;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.openstreamer.ejb.auth.AccountAdmin;
import org.openstreamer.ejb.auth.ConsoleAccount;
import org.openstreamer.ejb.error.ConfigException;

import java.io.Serializable;
import java.util.List;

/** Admins list, add and delete logins and set their role or password. */
@Named
@ViewScoped
public class UsersView implements Serializable {

    @EJB
    private AccountAdmin accounts;

    private List<ConsoleAccount> users;
    private String newName;
    private String newPassword;
    private String newRole = "viewer";
    private String passwordFor;
    private String password;

    @PostConstruct
    void load() {
        users = Faces.isAdmin() ? accounts.list() : List.of();
    }

    public void add() {
        if (run(() -> accounts.create(newName == null ? "" : newName.trim(), chars(newPassword), newRole))) {
            Faces.info("User " + newName.trim() + " added.");
            newName = null;
        }
        newPassword = null;
    }

    public void delete(String name) {
        if (run(() -> accounts.delete(name))) {
            Faces.info("User " + name + " deleted.");
        }
    }

    public void setRole(String name, String role) {
        if (run(() -> accounts.setRole(name, role))) {
            Faces.info(name + " is now " + role + ".");
        }
    }

    public void choosePasswordFor(String name) {
        passwordFor = name;
        password = null;
    }

    public void savePassword() {
        if (passwordFor != null && run(() -> accounts.setPassword(passwordFor, chars(password)))) {
            Faces.info("Password of " + passwordFor + " set.");
            passwordFor = null;
        }
        password = null;
    }

    /** Runs a change as an admin; a refusal (last admin, bad name, short password) becomes a message. */
    private boolean run(Runnable change) {
        if (!Faces.requireAdmin()) {
            return false;
        }
        try {
            change.run();
            users = accounts.list();
            return true;
        } catch (RuntimeException e) {
            ConfigException c = Faces.configError(e);
            if (c == null) {
                throw e;
            }
            Faces.error(c.getMessage());
            return false;
        }
    }

    private static char[] chars(String s) {
        return s == null ? new char[0] : s.toCharArray();
    }

    public List<String> getRoles() {
        return List.of("admin", "viewer");
    }

    public List<ConsoleAccount> getUsers() {
        return users;
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getNewRole() {
        return newRole;
    }

    public void setNewRole(String newRole) {
        this.newRole = newRole;
    }

    public String getPasswordFor() {
        return passwordFor;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
