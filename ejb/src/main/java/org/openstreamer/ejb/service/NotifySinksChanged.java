package org.openstreamer.ejb.service;

/** Fired when an event sink was created, replaced or deleted; observed after the commit. */
public record NotifySinksChanged(String name) {
}
