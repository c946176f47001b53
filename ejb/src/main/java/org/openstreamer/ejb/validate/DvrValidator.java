package org.openstreamer.ejb.validate;

import org.openstreamer.ejb.model.DvrSchedule;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.DvrConfig;

import java.util.regex.Pattern;

/**
 * Checks a {@code dvr} setting: a root (an absolute folder or {@code @ARRAY}), depth in seconds,
 * disk_limit in percent, storage_limit in bytes and the UTC schedule.
 */
public final class DvrValidator {

    /** Ten years. */
    public static final long MAX_DEPTH = 10L * 365 * 86_400;
    public static final long MAX_STORAGE = 1_000_000_000_000_000_000L;
    private static final Pattern ARRAY = Pattern.compile("@[A-Za-z0-9._-]{1,64}");

    private DvrValidator() {
    }

    public static void validate(DvrConfig d) {
        if (d == null) {
            return;
        }
        if (d.root() == null || d.root().isEmpty()) {
            throw ConfigException.invalid(ConfigException.MISSING_VALUE, "dvr.root",
                    "dvr needs a root: the folder to record to (/storage) or a disk array (@array1).");
        }
        if (!ARRAY.matcher(d.root()).matches() && !Paths.isAbsolute(d.root())) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "dvr.root",
                    "dvr.root is an absolute folder (/storage) without '.' or '..' segments, or @NAME for a disk array.");
        }
        if (d.depth() != null) {
            StreamOptionsValidator.range(d.depth(), 1, MAX_DEPTH, "dvr.depth", "seconds (5 days is 432000)");
        }
        if (d.diskLimit() != null) {
            StreamOptionsValidator.range(d.diskLimit(), 1, 100, "dvr.disk_limit", "percent of the disk");
        }
        if (d.storageLimit() != null) {
            StreamOptionsValidator.range(d.storageLimit(), 1, MAX_STORAGE, "dvr.storage_limit", "bytes (500 GB is 500000000000)");
        }
        if (d.schedule() != null) {
            try {
                DvrSchedule.parse(d.schedule());
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid(ConfigException.INVALID_VALUE, "dvr.schedule", e.getMessage());
            }
        }
    }
}
