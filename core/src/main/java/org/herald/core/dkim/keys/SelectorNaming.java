package org.herald.core.dkim.keys;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Set;

import org.herald.core.dkim.DkimAlgorithm;

/**
 * Names new selectors from a pattern, so that an operator reading DNS sees when a key was made and which algorithm it
 * is: the default {@code h{yyyy}{MM}{alg}} gives {@code h202611r} (RSA) and {@code h202611e} (Ed25519) in November
 * 2026. Placeholders: {@code {yyyy}}, {@code {MM}}, {@code {dd}} (UTC) and {@code {alg}} (r or e). A name already taken
 * for the domain gets a counter: {@code h202611r2}, {@code h202611r3}…
 */
public final class SelectorNaming {
    public static final String DEFAULT_PATTERN = "h{yyyy}{MM}{alg}";

    private final String pattern;

    public SelectorNaming(String pattern) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        if (!pattern.contains("{alg}")) {
            throw new IllegalArgumentException("A selector pattern must contain {alg}, or the RSA and Ed25519 keys made "
                + "together would get the same name");
        }
        // A pattern yielding an invalid DNS label is refused here, at start-up, not at the first rotation.
        DkimNames.selector(render(Instant.EPOCH, DkimAlgorithm.RSA_SHA256));
    }

    public String pattern() {
        return pattern;
    }

    public String next(Instant now, DkimAlgorithm algorithm, Set<String> taken) {
        String base = render(now, algorithm);
        String candidate = base;
        for (int counter = 2; taken.contains(candidate); counter++) {
            candidate = base + counter;
        }
        return candidate;
    }

    private String render(Instant now, DkimAlgorithm algorithm) {
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        return DkimNames.selector(pattern
            .replace("{yyyy}", String.format("%04d", utc.getYear()))
            .replace("{MM}", String.format("%02d", utc.getMonthValue()))
            .replace("{dd}", String.format("%02d", utc.getDayOfMonth()))
            .replace("{alg}", String.valueOf(algorithm.selectorSuffix())));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SelectorNaming naming && naming.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return "SelectorNaming[" + pattern + "]";
    }
}
