package org.herald.core.warmup;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recipient domains that one mailbox provider receives, so that warmup budgets and reputation are counted once for
 * all of them: Microsoft applies one reputation to outlook.com, hotmail.fr and live.co.uk alike.
 *
 * @param name     the provider name used in budgets, metric names and URLs: 1–63 characters of lower-case letters,
 *                 digits, {@code -}, {@code _} and {@code .}, starting with a letter or digit
 * @param patterns the domains it receives; never empty
 */
public record ProviderGroup(String name, List<DomainPattern> patterns) {
    /** Names safe in a metric name, a URL path segment and a file name without escaping. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    public ProviderGroup {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("provider group name \"" + name + "\" must be 1-63 characters of "
                + "lower-case letters, digits, '-', '_' and '.', starting with a letter or digit");
        }
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("provider group \"" + name + "\" has no domains");
        }
        Set<DomainPattern> seen = new HashSet<>();
        for (DomainPattern pattern : patterns) {
            if (!seen.add(pattern)) {
                throw new IllegalArgumentException("provider group \"" + name + "\" lists " + pattern + " twice");
            }
        }
    }

    /**
     * A group from patterns as an operator writes them ({@code example.com}, {@code brand.*}).
     *
     * @throws IllegalArgumentException naming the group and the pattern that is not valid
     */
    public static ProviderGroup of(String name, List<String> patterns) {
        Objects.requireNonNull(patterns, "patterns");
        return new ProviderGroup(name, patterns.stream().map(pattern -> {
            try {
                return DomainPattern.parse(pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("provider group \"" + name + "\": " + e.getMessage(), e);
            }
        }).toList());
    }

    public static ProviderGroup of(String name, String... patterns) {
        return of(name, List.of(patterns));
    }
}
