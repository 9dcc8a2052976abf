package org.herald.core.spf;

import java.util.Locale;
import java.util.Objects;

import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.DNSServiceEnabled;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.core.MacroExpandEnabled;
import org.apache.james.jspf.core.SPFCheckEnabled;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.apache.james.jspf.wiring.WiringServiceTable;
import org.xbill.DNS.Resolver;

/**
 * SPF (RFC 7208) with Apache jSPF over Herald's resolvers. A DNS failure is a temperror, never an exception: the
 * caller records it and carries on.
 *
 * <p>jSPF 1.0.3's convenience constructor runs lookups through an asynchronous executor whose lookups ignore the
 * resolver given to it and ask dnsjava's default session (the system's resolvers). Herald wires jSPF itself, the way
 * that constructor does, but with the synchronous executor, so every lookup goes to conf/dns.xml's resolvers. The
 * caller is a mailet thread, which may wait.
 */
public final class SpfVerifier {
    private final SPF spf;

    public SpfVerifier(Resolver resolver) {
        DNSService dns = new DNSServiceXBillImpl(Objects.requireNonNull(resolver, "resolver"));
        WiringServiceTable wiring = new WiringServiceTable();
        wiring.put(DNSServiceEnabled.class, dns);
        MacroExpand macroExpand = new MacroExpand(dns);
        wiring.put(MacroExpandEnabled.class, macroExpand);
        RFC4408SPF1Parser parser = new RFC4408SPF1Parser(new DefaultTermsFactory(wiring));
        this.spf = new SPF(dns, parser, macroExpand, new SynchronousSPFExecutor(dns));
        wiring.put(SPFCheckEnabled.class, spf);
        // Only what the sender's domain publishes counts: no guessed record, no trusted-forwarder list.
        spf.setUseBestGuess(false);
        spf.setUseTrustedForwarder(false);
    }

    /**
     * @param clientIp the connecting client's address
     * @param mailFrom the MAIL FROM address, empty for the null sender (then postmaster@helo is checked)
     * @param helo     the HELO/EHLO name
     */
    public SpfOutcome check(String clientIp, String mailFrom, String helo) {
        String identity = mailFrom == null || mailFrom.isBlank() ? "postmaster@" + helo : mailFrom;
        String domain = identity.substring(identity.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        try {
            var result = spf.checkSPF(clientIp, mailFrom == null ? "" : mailFrom, helo);
            return new SpfOutcome(SpfResult.fromJspf(result.getResult()), identity, domain,
                result.getExplanation() == null ? "" : result.getExplanation());
        } catch (RuntimeException e) {
            return new SpfOutcome(SpfResult.TEMPERROR, identity, domain, "SPF check failed: " + e.getMessage());
        }
    }
}
