package org.herald.core.dkim.keys;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The two names a DKIM key hangs on, checked and normalised once (lower case, no trailing dot) so that the store,
 * the routes and the signer agree on "Example.COM." and "example.com".
 */
public final class DkimNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern SELECTOR_LABEL = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?");

    private DkimNames() {
    }

    /** @throws IllegalArgumentException naming the problem when {@code domain} is not a DNS domain of two labels or more */
    public static String domain(String domain) {
        String normalised = normalise(domain, "domain");
        String[] labels = normalised.split("\\.", -1);
        if (labels.length < 2 || normalised.length() > 253) {
            throw new IllegalArgumentException("\"" + domain + "\" is not a domain name (e.g. example.com)");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("\"" + domain + "\" is not a domain name: label \"" + label
                    + "\" may hold only letters, digits and inner hyphens (IDN domains in their xn-- form)");
            }
        }
        return normalised;
    }

    /** @throws IllegalArgumentException when {@code selector} is not one or more DNS labels */
    public static String selector(String selector) {
        String normalised = normalise(selector, "selector");
        for (String label : normalised.split("\\.", -1)) {
            if (!SELECTOR_LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("\"" + selector + "\" is not a DKIM selector: use letters, digits and "
                    + "inner hyphens, e.g. h202611r");
            }
        }
        return normalised;
    }

    private static String normalise(String name, String what) {
        Objects.requireNonNull(name, what);
        String trimmed = name.strip().toLowerCase(Locale.ROOT);
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("The " + what + " is empty");
        }
        return trimmed;
    }
}
