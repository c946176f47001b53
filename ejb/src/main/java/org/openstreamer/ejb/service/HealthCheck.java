package org.openstreamer.ejb.service;

import java.util.Map;

/** The outcome of one health check: its name, UP or DOWN, and a few facts for the operator. */
public record HealthCheck(String name, boolean up, Map<String, Object> data) {

    public static HealthCheck up(String name, Map<String, Object> data) {
        return new HealthCheck(name, true, data);
    }

    public static HealthCheck down(String name, Map<String, Object> data) {
        return new HealthCheck(name, false, data);
    }

    public String status() {
        return up ? "UP" : "DOWN";
    }
}
