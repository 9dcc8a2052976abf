package org.herald.core.warmup.feedback;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A recipient as a feedback report names it. Providers often redact it ({@code redacted@example.net},
 * {@code xxxxxxxx@example.com}, {@code <redacted>}, {@code <Undisclosed Recipients>}); the domain usually survives,
 * and it is what Herald needs: with the original Message-ID it finds the relayed mail, and the domain gives the
 * provider.
 *
 * @param asReported the value as written in the report or header, for the operator
 * @param address    the address when it is one and not redacted
 * @param domain     the canonical recipient domain when one is given and not itself redacted
 * @param source     where the report named it
 */
public record ReportedRecipient(String asReported, Optional<String> address, Optional<String> domain,
                                RecipientSource source) {
    /**
     * Local parts that hide the real one: anything containing "redacted", or made only of masking characters
     * ({@code xxxxxxxx}, {@code ****}). A real mailbox called {@code x} would be taken as redacted too; that costs only
     * its local part, never the domain Herald matches on.
     */
    private static final Pattern REDACTED_LOCAL_PART = Pattern.compile("(?i).*redacted.*|[x*#._-]+|\\[.*]");
    /** Domains that hide the real one: {@code redacted.invalid}, {@code xxxx.xxx}. */
    private static final Pattern REDACTED_DOMAIN = Pattern.compile(".*redacted.*|[x*#.-]+");

    public ReportedRecipient {
        Objects.requireNonNull(asReported, "asReported");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(source, "source");
    }

    /** Reads one mailbox as written in the report ({@code <user@example.com>}, {@code Name <…>}, a bare address). */
    static ReportedRecipient of(String asReported, RecipientSource source) {
        String mailbox = MailAddresses.unwrap(asReported);
        Optional<String> domain = MailAddresses.domainOf(mailbox)
            .filter(d -> !REDACTED_DOMAIN.matcher(d).matches());
        int at = mailbox.lastIndexOf('@');
        String localPart = at > 0 ? mailbox.substring(0, at) : "";
        boolean redactedLocalPart = localPart.isEmpty()
            || REDACTED_LOCAL_PART.matcher(unquote(localPart)).matches();
        Optional<String> address = domain.isPresent() && !redactedLocalPart
            ? Optional.of(localPart + "@" + domain.get())
            : Optional.empty();
        return new ReportedRecipient(asReported.strip(), address, domain, source);
    }

    /** No usable address: hidden by the provider, or not an address at all. */
    public boolean isRedacted() {
        return address.isEmpty();
    }

    private static String unquote(String localPart) {
        String lower = localPart.toLowerCase(Locale.ROOT);
        return lower.length() >= 2 && lower.startsWith("\"") && lower.endsWith("\"")
            ? lower.substring(1, lower.length() - 1)
            : lower;
    }
}
