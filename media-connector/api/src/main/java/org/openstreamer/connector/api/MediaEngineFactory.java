package org.openstreamer.connector.api;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;

import java.io.Serializable;

/**
 * The connection factory bound in JNDI at {@value #JNDI_NAME}; inject it with
 * {@code @Resource(lookup = MediaEngineFactory.JNDI_NAME)}.
 */
public interface MediaEngineFactory extends Serializable, Referenceable {

    String JNDI_NAME = "java:/eis/MediaEngine";

    MediaEngine getEngine() throws ResourceException;
}
