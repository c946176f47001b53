package org.openstreamer.connector.ra;

import jakarta.resource.spi.work.Work;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkTrackerTest {

    private final WorkTracker works = new WorkTracker();

    @Test
    void theStopWaitsForWorkStillRunningAndNamesWhatOutlivesTheWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Work slow = works.track("dvr-writer", work(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        Work quick = works.track("ffmpeg-load", work(() -> { }));
        works.track("never-run", work(() -> { }));
        works.done("never-run"); // the WorkManager refused it

        Thread thread = new Thread(slow);
        thread.start();
        quick.run();
        assertEquals(List.of("dvr-writer"), works.awaitIdle(50));

        release.countDown();
        assertTrue(works.awaitIdle(10_000).isEmpty());
        thread.join();
    }

    @Test
    void aWorkThatFailsStillCountsAsEnded() throws Exception {
        Work failing = works.track("pushes", work(() -> {
            throw new IllegalStateException("boom");
        }));
        try {
            failing.run();
        } catch (IllegalStateException expected) {
            // the container logs it; the tracker must not keep waiting for it
        }
        assertTrue(works.awaitIdle(0).isEmpty());
    }

    private static Work work(Runnable body) {
        return new Work() {
            @Override
            public void run() {
                body.run();
            }

            @Override
            public void release() {
            }
        };
    }
}
