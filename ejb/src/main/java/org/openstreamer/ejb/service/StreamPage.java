package org.openstreamer.ejb.service;

import org.openstreamer.ejb.model.StreamDefinition;

import java.util.List;

/**
 * One page of streams in name order.
 *
 * @param streams   the streams of this page
 * @param lastName  the name to continue after for the next page, or null when this is the last
 */
public record StreamPage(List<StreamDefinition> streams, String lastName) {
}
