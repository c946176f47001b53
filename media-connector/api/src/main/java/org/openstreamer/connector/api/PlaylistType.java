package org.openstreamer.connector.api;

/**
 * How a media playlist ends: a finished range ({@code VOD}, with {@code EXT-X-ENDLIST}), a range
 * growing with live ({@code EVENT}), or a sliding window ({@code LIVE}, no playlist type).
 */
public enum PlaylistType { VOD, EVENT, LIVE }
