package org.herald.core.dmarc;

import java.util.Objects;

/** What DMARC policy discovery (RFC 7489 §6.6.3) found for one From domain. */
public sealed interface DmarcPolicyLookup {

    /**
     * A usable record.
     *
     * @param record        the record
     * @param policyDomain  where it was published: the From domain, or its organisational domain when inherited
     * @param fromOrgDomain the organisational domain of the From domain
     * @param inherited     true when the From domain has no record of its own and this is its organisational domain's
     *                      record, so sp= (or p= without it) applies
     */
    record Found(DmarcRecord record, String policyDomain, String fromOrgDomain, boolean inherited)
        implements DmarcPolicyLookup {
        public Found {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(policyDomain, "policyDomain");
            Objects.requireNonNull(fromOrgDomain, "fromOrgDomain");
        }

        /** The policy requested for the From domain: sp= (or p=) when inherited, p= otherwise. */
        public DmarcPolicy requestedPolicy() {
            return inherited ? record.subdomainPolicy() : record.p();
        }
    }

    /**
     * No policy applies: no DMARC record at the From domain nor at its organisational domain, or several (the RFC
     * then applies no DMARC processing at all). {@code detail} says which, for the log.
     */
    record None(String detail) implements DmarcPolicyLookup {
        public None {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** DNS did not answer (timeout, SERVFAIL): evaluating later may give another result. */
    record TempError(String detail) implements DmarcPolicyLookup {
        public TempError {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The one DMARC record found is broken; {@code detail} names the domain and the reason. */
    record PermError(String detail) implements DmarcPolicyLookup {
        public PermError {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
