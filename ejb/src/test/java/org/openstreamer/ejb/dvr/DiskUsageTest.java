package org.openstreamer.ejb.dvr;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.Archive;
import org.openstreamer.connector.api.DiskSpace;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Disk usage for retention: the archive owner's figures, or the simulated disk of the tests. */
class DiskUsageTest {

    private final List<String> asked = new ArrayList<>();

    /** An archive whose only answer is a disk of 1,000 bytes with 250 free. */
    private Archive archive() {
        return (Archive) Proxy.newProxyInstance(Archive.class.getClassLoader(), new Class<?>[]{Archive.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("disk")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    asked.add((String) args[0]);
                    return new DiskSpace(1000, 250);
                });
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(DiskUsage.CAPACITY_PROPERTY);
    }

    @Test
    void theRealDiskIsAskedOfTheArchiveOwner() throws Exception {
        assertEquals(75.0, DiskUsage.percent(archive(), "/storage", 123), 1e-9);
        assertEquals(List.of("/storage"), asked);
    }

    @Test
    void aSimulatedCapacityCountsTheIndexedBytesAndAsksNoDisk() throws Exception {
        System.setProperty(DiskUsage.CAPACITY_PROPERTY, "400");
        assertEquals(25.0, DiskUsage.percent(archive(), "/storage", 100), 1e-9);
        assertEquals(List.of(), asked);
    }
}
