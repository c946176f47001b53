package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * A delay measured by the engine over its most recent samples, in microseconds.
 *
 * @param count all samples ever taken (percentiles cover the newest few thousand)
 */
public record DelayStats(long count, long p50, long p99, long max) implements Serializable {
}
