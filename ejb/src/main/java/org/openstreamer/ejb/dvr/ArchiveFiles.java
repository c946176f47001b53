package org.openstreamer.ejb.dvr;

import jakarta.resource.ResourceException;
import org.openstreamer.connector.api.Archive;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Work on the archive's files, done by their owner, the connector's {@link Archive}, through an
 * engine handle held for that work only. The EJB layer never touches the archive folders itself.
 */
final class ArchiveFiles {

    @FunctionalInterface
    interface Work<T> {
        T run(Archive archive) throws IOException;
    }

    private ArchiveFiles() {
    }

    /** Runs {@code work}; an engine that cannot be reached or a failing disk becomes an unchecked failure saying {@code what}. */
    static <T> T run(MediaEngineFactory engines, String what, Work<T> work) {
        try (MediaEngine engine = engines.getEngine()) {
            return work.run(engine.archive());
        } catch (ResourceException e) {
            throw new IllegalStateException(what + ": the media engine is not available", e);
        } catch (IOException e) {
            throw new UncheckedIOException(what, e);
        }
    }
}
