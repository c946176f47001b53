package org.openstreamer.web.view;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import org.openstreamer.ejb.auth.AccountAdmin;
import org.openstreamer.ejb.error.ConfigException;

/** A signed-in user (either role) changes their own password. */
@Named
@RequestScoped
public class AccountView {

    @EJB
    private AccountAdmin accounts;

    private String current;
    private String next;
    private String repeat;

    public String change() {
        if (next == null || !next.equals(repeat)) {
            field("repeat", "The two new passwords differ.");
            return null;
        }
        try {
            accounts.changeOwnPassword(Faces.external().getRemoteUser(), chars(current), chars(next));
            Faces.info("Password changed.");
        } catch (RuntimeException e) {
            ConfigException c = Faces.configError(e);
            if (c == null) {
                throw e;
            }
            field("current".equals(c.field()) ? "current" : "next", c.getMessage());
        }
        return null;
    }

    private static void field(String id, String text) {
        FacesContext.getCurrentInstance().addMessage("account:" + id,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    private static char[] chars(String s) {
        return s == null ? new char[0] : s.toCharArray();
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }

    public String getRepeat() {
        return repeat;
    }

    public void setRepeat(String repeat) {
        this.repeat = repeat;
    }
}
