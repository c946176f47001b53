package org.openstreamer.ejb.config.text;

import org.openstreamer.ejb.error.ConfigException;

import java.util.List;

/**
 * A configuration text refused: its first problem (whose code, field and message the API
 * answers with, plus line and column) and every problem found, for a listing. Like any
 * {@link ConfigException}, thrown out of a service it rolls the whole import back.
 */
public class TextConfigException extends ConfigException {

    private final transient List<Problem> problems;

    public TextConfigException(List<Problem> problems) {
        super(problems.get(0).kind(), problems.get(0).code(), problems.get(0).field(), problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public TextConfigException(Problem problem) {
        this(List.of(problem));
    }

    public int line() {
        return problems.get(0).line();
    }

    public int column() {
        return problems.get(0).column();
    }

    public List<Problem> problems() {
        return problems;
    }
}
