package org.openstreamer.ejb.config.text;

/** The problems a directive reader raises, worded the same way everywhere. */
final class Refuse {

    private Refuse() {
    }

    static TextConfigException invalid(Position at, String detail) {
        return new TextConfigException(Problem.invalid(ConfigTextReader.INVALID_VALUE, null,
                "Invalid value at " + at.describe() + ": " + detail, at));
    }

    /** "Unsupported directive 'thumbnails' at line 3, column 3[: reason]." */
    static TextConfigException directive(Position at, String reason) {
        return new TextConfigException(Problem.invalid(Problem.UNSUPPORTED_DIRECTIVE, null,
                "Unsupported directive '" + at.directive() + "' at " + at.describe() + ending(reason), at));
    }

    /** "Unsupported option 'replicate' of 'dvr' at line 3, column 18[: reason]." */
    static TextConfigException option(Position at, String option, String reason) {
        return new TextConfigException(Problem.invalid(Problem.UNSUPPORTED_OPTION, null,
                "Unsupported option '" + option + "' of '" + at.directive() + "' at " + at.describe() + ending(reason), at));
    }

    private static String ending(String reason) {
        return reason == null ? "." : ": " + reason + ".";
    }
}
