package org.openstreamer.web.view;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import org.openstreamer.web.auth.ConsoleSession;

/** Who is signed in, what they may do, and signing out. */
@Named
@RequestScoped
public class SessionView {

    public String getUser() {
        return Faces.external().getRemoteUser();
    }

    public boolean isAdmin() {
        return Faces.isAdmin();
    }

    public String signOut() {
        ConsoleSession.signOut(Faces.request());
        try {
            Faces.request().logout();
        } catch (ServletException e) {
            // the session is gone already: nobody is signed in any more
        }
        Faces.redirect(ConsoleSession.LOGIN_PAGE + "?signedOut=true");
        return null;
    }
}
