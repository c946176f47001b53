package org.openstreamer.web.view;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;

/** The few Faces calls the console's beans share. */
final class Faces {

    static final String ADMIN = "admin";

    private Faces() {
    }

    static ExternalContext external() {
        return FacesContext.getCurrentInstance().getExternalContext();
    }

    static HttpServletRequest request() {
        return (HttpServletRequest) external().getRequest();
    }

    static boolean isAdmin() {
        return external().isUserInRole(ADMIN);
    }

    /**
     * Refuses a change asked by a user without the admin role (a forged post: the page shows such a
     * user no button that could send it) with 403; returns whether the caller may go on.
     */
    static boolean requireAdmin() {
        if (isAdmin()) {
            return true;
        }
        try {
            external().responseSendError(403, "The viewer role cannot change anything.");
        } catch (IOException e) {
            // the client went away
        }
        FacesContext.getCurrentInstance().responseComplete();
        return false;
    }

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    static void error(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    static void redirect(String path) {
        try {
            external().redirect(external().getRequestContextPath() + path);
        } catch (IOException e) {
            // the client went away
        }
    }

    /** The cause of an EJB call's failure that the console can explain (a ConfigException), or null. */
    static org.openstreamer.ejb.error.ConfigException configError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.openstreamer.ejb.error.ConfigException e) {
                return e;
            }
        }
        return null;
    }
}
