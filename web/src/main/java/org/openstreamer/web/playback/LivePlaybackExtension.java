package org.openstreamer.web.playback;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;

/**
 * Puts {@link LivePlaybackHandler} in front of this web application's servlets, so live playlists
 * and segments are answered on Undertow's I/O threads, before any servlet, filter or security
 * work; everything else (and every live miss) goes on to the servlets as before.
 */
public final class LivePlaybackExtension implements ServletExtension {

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addInitialHandlerChainWrapper(LivePlaybackHandler::new);
    }
}
