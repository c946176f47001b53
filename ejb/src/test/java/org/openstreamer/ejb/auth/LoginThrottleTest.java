package org.openstreamer.ejb.auth;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(5_000_000);
    private final LoginThrottle throttle = new LoginThrottle(3, 60_000, 2, now::get);

    @Test
    void blocksAnAddressAfterTheLimitUntilItsWindowEnds() {
        for (int i = 0; i < 2; i++) {
            throttle.failed("10.0.0.1");
        }
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.1"), "two of three failures");
        now.addAndGet(20_000);
        throttle.failed("10.0.0.1");
        assertEquals(40, throttle.retryAfterSeconds("10.0.0.1"), "window started at the first failure");
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.2"), "other addresses are not affected");
        now.addAndGet(39_001);
        assertEquals(1, throttle.retryAfterSeconds("10.0.0.1"), "rounded up");
        now.addAndGet(999);
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.1"));
    }

    @Test
    void failuresOfAnEndedWindowDoNotCount() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        now.addAndGet(60_000);
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.1"));
        throttle.failed("10.0.0.1");
        assertEquals(60, throttle.retryAfterSeconds("10.0.0.1"));
    }

    @Test
    void aSuccessClearsTheAddress() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        throttle.succeeded("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.1"));
    }

    @Test
    void boundedDropsWindowsThatDoNotBlockBeforeBlockedOnes() {
        throttle.failed("10.0.0.1");
        now.addAndGet(1);
        for (int i = 0; i < 3; i++) {
            throttle.failed("10.0.0.2");
        }
        throttle.failed("10.0.0.3"); // room for two addresses: 10.0.0.1 (not blocking) goes
        assertEquals(60, throttle.retryAfterSeconds("10.0.0.2"), "the blocked one stays");
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.1"), "counted again from the start");
        throttle.failed("10.0.0.1");
        assertEquals(60, throttle.retryAfterSeconds("10.0.0.1"));
    }
}
