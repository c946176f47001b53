package org.openstreamer.connector.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;

import javax.naming.Reference;

/** The object bound in JNDI; hands out engine handles through the container's pool. */
public class MediaEngineFactoryImpl implements MediaEngineFactory {

    private static final long serialVersionUID = 1L;

    private final transient MediaManagedConnectionFactory mcf;
    private final transient ConnectionManager connectionManager;
    private Reference reference;

    MediaEngineFactoryImpl(MediaManagedConnectionFactory mcf, ConnectionManager connectionManager) {
        this.mcf = mcf;
        this.connectionManager = connectionManager;
    }

    @Override
    public MediaEngine getEngine() throws ResourceException {
        return (MediaEngine) connectionManager.allocateConnection(mcf, null);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
