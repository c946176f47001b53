package org.openstreamer.connector.fuzz;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link MutationFuzzer#check}: the harness's rules applied to one input made by another engine. */
class MutationFuzzerCheckTest {

    private final MutationFuzzer rules = new MutationFuzzer("check-test")
            .allow(t -> t instanceof IOException).maxLength(4);

    @Test
    void anAllowedExceptionIsAnOutcome() throws Exception {
        Object signature = rules.check(new byte[] {1}, input -> {
            throw new EOFException("at 12");
        });
        assertEquals("java.io.EOFException:at #", signature);
    }

    @Test
    void anyOtherExceptionIsThrownAsItIs() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> rules.check(new byte[] {1}, input -> {
                    throw new IllegalStateException("bug");
                }));
        assertEquals("bug", e.getMessage());
        assertThrows(AssertionError.class, () -> rules.check(new byte[0], input -> {
            throw new AssertionError("harness check");
        }));
    }

    @Test
    void aLongInputIsCutToTheHarnessLimit() throws Exception {
        assertEquals(4, rules.check(new byte[100], input -> input.length));
    }

    @Test
    void anInputOverTheAllocationLimitFailsWhenItIsOverTwice() {
        AtomicInteger runs = new AtomicInteger();
        AssertionError e = assertThrows(AssertionError.class, () -> rules.check(new byte[] {1}, input -> {
            runs.incrementAndGet();
            byte[][] held = new byte[80][];
            for (int i = 0; i < held.length; i++) {
                held[i] = new byte[1 << 20];
            }
            return held.length;
        }));
        assertEquals(2, runs.get());
        assertTrue(e.getMessage().contains("MiB"), e.getMessage());
    }

    @Test
    void anInputOverTheLimitOnlyOnceIsFine() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Object signature = rules.check(new byte[] {1}, input -> {
            if (runs.incrementAndGet() == 1) {
                byte[][] held = new byte[80][]; // as a first run that loads classes might
                for (int i = 0; i < held.length; i++) {
                    held[i] = new byte[1 << 20];
                }
            }
            return "done";
        });
        assertEquals("done", signature);
        assertEquals(2, runs.get());
    }
}
