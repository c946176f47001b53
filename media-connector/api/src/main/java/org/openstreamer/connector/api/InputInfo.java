package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * One input of a stream as failover sees it now.
 *
 * @param url       as configured
 * @param priority  lower is tried first
 * @param state     {@code active} (it feeds the stream), {@code standby} (not tried yet or waiting
 *                  its turn), {@code failed} (its last attempt failed: see {@code lastError}) or
 *                  {@code publish} (publishers come in by themselves)
 * @param lastError why its last attempt failed, or null
 */
public record InputInfo(String url, int priority, String state, String lastError) implements Serializable {
}
