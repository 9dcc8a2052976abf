package org.herald.core.config;

import java.util.Objects;

/**
 * A configuration file Herald cannot run with. The message always names the file, the element and the fix,
 * because the operator reading it at start-up has only the log line to go on.
 */
public final class InvalidConfigurationException extends RuntimeException {
    private final String file;
    private final String element;
    private final String problem;
    private final String fix;

    public InvalidConfigurationException(String file, String element, String problem, String fix) {
        super(format(file, element, problem, fix));
        this.file = Objects.requireNonNull(file);
        this.element = Objects.requireNonNull(element);
        this.problem = Objects.requireNonNull(problem);
        this.fix = Objects.requireNonNull(fix);
    }

    private static String format(String file, String element, String problem, String fix) {
        return file + ": " + element + ": " + problem + " — fix: " + fix;
    }

    public String file() {
        return file;
    }

    public String element() {
        return element;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
