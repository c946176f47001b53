package org.openstreamer.web.view;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.openstreamer.ejb.auth.ApiLogin;
import org.openstreamer.ejb.auth.LoginResult;
import org.openstreamer.web.auth.ConsoleSession;

import java.util.Arrays;

/**
 * The console's sign-in form. The same check as the API's Basic logins ({@link ApiLogin}), so the
 * same accounts, bcrypt and per-address limit on wrong passwords apply.
 */
@Named
@RequestScoped
public class LoginView {

    @EJB
    private ApiLogin login;

    private String username;
    private String password;

    public String signIn() {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        password = null;
        LoginResult result;
        try {
            result = login.check(username == null ? "" : username.trim(), secret, Faces.request().getRemoteAddr());
        } finally {
            Arrays.fill(secret, '\0');
        }
        if (result instanceof LoginResult.Accepted) {
            ConsoleSession.signIn(Faces.request(), username.trim());
            Faces.redirect("/admin/index.xhtml");
        } else if (result instanceof LoginResult.Throttled t) {
            Faces.error("Too many wrong passwords from this address; try again in " + t.retryAfterSeconds() + " s.");
        } else if (result instanceof LoginResult.Unavailable) {
            Faces.error("The accounts cannot be read (database unavailable); try again shortly.");
        } else {
            Faces.error("Wrong user name or password.");
        }
        return null;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
