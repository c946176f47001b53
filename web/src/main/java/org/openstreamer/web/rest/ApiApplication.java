package org.openstreamer.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JSON API for middleware and the console, under the reference's v3 prefix. */
@ApplicationPath("/streamer/api/v3")
public class ApiApplication extends Application {
}
