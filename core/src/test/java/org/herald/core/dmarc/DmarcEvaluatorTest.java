package org.herald.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herald.core.dmarc.DmarcTestMessages.dkim;
import static org.herald.core.dmarc.DmarcTestMessages.input;
import static org.herald.core.dmarc.DmarcTestMessages.spf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

import org.herald.core.dkim.DkimResult;
import org.herald.core.spf.SpfResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DmarcEvaluatorTest {
    private final OrganizationalDomains organizationalDomains = new OrganizationalDomains();
    private final FakeTxtLookup dns = new FakeTxtLookup();

    private DmarcEvaluator evaluator(RandomGenerator random, DmarcOverrides overrides) {
        return new DmarcEvaluator(new DmarcRecordDiscovery(dns, organizationalDomains), organizationalDomains, random,
            overrides);
    }

    private DmarcEvaluator evaluator() {
        return evaluator(new Random(7), DmarcOverrides.NONE);
    }

    enum Auth { SPF_ALIGNED, DKIM_ALIGNED, NEITHER }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Auth auth : Auth.values()) {
            for (DmarcPolicy policy : DmarcPolicy.values()) {
                for (int pct : new int[] {100, 0}) {
                    for (boolean subdomain : new boolean[] {false, true}) {
                        for (AlignmentMode mode : AlignmentMode.values()) {
                            cases.add(Arguments.of(auth, policy, pct, subdomain, mode));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    /**
     * The evaluation matrix. A subdomain From (news.example.com) has no record of its own and inherits example.com's,
     * published with p=none and the policy under test in sp=, so only sp= can produce it. Aligned mail authenticates
     * bounce.example.com (relaxed) or the From domain itself (strict); unaligned mail authenticates another
     * organisation's domain, and the aligned domain's checks fail.
     */
    @ParameterizedTest(name = "{0} p={1} pct={2} subdomain={3} {4}")
    @MethodSource("matrix")
    void evaluationMatrix(Auth auth, DmarcPolicy policy, int pct, boolean subdomain, AlignmentMode mode) {
        String from = subdomain ? "news.example.com" : "example.com";
        String policyTags = subdomain ? "p=none; sp=" + policy.tag() : "p=" + policy.tag();
        dns.records("_dmarc.example.com", "v=DMARC1; " + policyTags + "; pct=" + pct + "; adkim=" + mode.tag()
            + "; aspf=" + mode.tag() + "; rua=mailto:dmarc@example.com");
        String alignedDomain = mode == AlignmentMode.RELAXED ? "bounce.example.com" : from;
        var dkim = List.of(
            dkim("esp.example.net", DkimResult.PASS),
            dkim(alignedDomain, auth == Auth.DKIM_ALIGNED ? DkimResult.PASS : DkimResult.FAIL));
        var spf = auth == Auth.SPF_ALIGNED ? spf(alignedDomain, SpfResult.PASS) : spf("esp.example.net", SpfResult.PASS);

        DmarcEvaluation evaluation = evaluator().evaluate(input(from, dkim, Optional.of(spf)));

        assertThat(evaluation.headerFromDomain()).isEqualTo(from);
        assertThat(evaluation.requestedPolicy()).contains(policy);
        DmarcPublishedPolicy published = evaluation.publishedPolicy().orElseThrow();
        assertThat(published.domain()).isEqualTo("example.com");
        assertThat(published.pct()).isEqualTo(pct);
        assertThat(published.adkim()).isEqualTo(mode);
        assertThat(published.aspf()).isEqualTo(mode);
        assertThat(published.p()).isEqualTo(subdomain ? DmarcPolicy.NONE : policy);
        assertThat(published.sp()).isEqualTo(subdomain ? Optional.of(policy) : Optional.empty());
        assertThat(evaluation.spfAligned()).isEqualTo(auth == Auth.SPF_ALIGNED);
        assertThat(evaluation.dkimAlignedDomain())
            .isEqualTo(auth == Auth.DKIM_ALIGNED ? Optional.of(alignedDomain) : Optional.empty());
        assertThat(evaluation.override()).isEmpty();
        if (auth == Auth.NEITHER) {
            assertThat(evaluation.result()).isEqualTo(DmarcResult.FAIL);
            boolean sampledOut = pct == 0 && policy != DmarcPolicy.NONE;
            assertThat(evaluation.sampledOut()).isEqualTo(sampledOut);
            assertThat(evaluation.disposition()).isEqualTo(pct == 100 ? policy : policy.nextLower());
            assertThat(evaluation.reportedReasons()).extracting(DmarcOverrideReason::type)
                .containsExactlyElementsOf(sampledOut ? List.of(DmarcOverrideType.SAMPLED_OUT) : List.of());
            assertThat(evaluation.authResultsValue()).startsWith("dmarc=fail (").endsWith(") header.from=" + from)
                .contains(" dis=" + evaluation.disposition().tag());
        } else {
            assertThat(evaluation.result()).isEqualTo(DmarcResult.PASS);
            assertThat(evaluation.disposition()).isEqualTo(DmarcPolicy.NONE);
            assertThat(evaluation.sampledOut()).isFalse();
            assertThat(evaluation.reportedReasons()).isEmpty();
            assertThat(evaluation.authResultsValue()).startsWith("dmarc=pass (").endsWith("dis=none) header.from=" + from);
        }
    }

    @Test
    void strictAlignmentRefusesASubdomainThatRelaxedAccepts() {
        dns.records("_dmarc.example.com", "v=DMARC1; p=reject; adkim=s; aspf=s");
        var relaxedOnly = input("example.com", List.of(dkim("mail.example.com", DkimResult.PASS)),
            Optional.of(spf("bounce.example.com", SpfResult.PASS)));

        DmarcEvaluation evaluation = evaluator().evaluate(relaxedOnly);

        assertThat(evaluation.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(evaluation.disposition()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(evaluation.authResultsValue()).isEqualTo("dmarc=fail (p=reject dis=reject) header.from=example.com");
    }

    @Test
    void onlyPassingChecksAlign() {
        dns.records("_dmarc.example.com", "v=DMARC1; p=quarantine");
        var failing = input("example.com",
            List.of(dkim("example.com", DkimResult.FAIL), dkim("example.com", DkimResult.TEMPERROR),
                dkim("example.com", DkimResult.PERMERROR)),
            Optional.of(spf("example.com", SpfResult.SOFTFAIL)));

        DmarcEvaluation evaluation = evaluator().evaluate(failing);

        assertThat(evaluation.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(evaluation.disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(evaluation.detail()).contains("neither SPF nor DKIM passed aligned with example.com");
    }

    @Test
    void reportsTheFirstAlignedPassingSignatureAndTheNullSendersHeloDomain() {
        dns.records("_dmarc.example.com", "v=DMARC1; p=reject");
        var mail = new DmarcInput("example.com", "", DmarcTestMessages.CLIENT,
            List.of(dkim("esp.example.net", DkimResult.PASS), dkim("Mail.Example.com", DkimResult.PASS),
                dkim("example.com", DkimResult.PASS)),
            Optional.of(spf("mx.example.com", SpfResult.PASS)), Optional.empty());

        DmarcEvaluation evaluation = evaluator().evaluate(mail);

        assertThat(evaluation.result()).isEqualTo(DmarcResult.PASS);
        assertThat(evaluation.dkimAlignedDomain()).contains("mail.example.com");
        assertThat(evaluation.spfAligned()).isTrue();
        assertThat(evaluation.authResultsValue()).isEqualTo("dmarc=pass (p=reject dis=none) header.from=example.com");
    }

    @Test
    void pctSamplesFailuresWithTheGivenRandomSource() {
        dns.records("_dmarc.example.com", "v=DMARC1; p=reject; pct=30");
        var failing = input("example.com", List.of(), Optional.empty());

        assertThat(evaluator(fixed(29), DmarcOverrides.NONE).evaluate(failing).disposition()).isEqualTo(DmarcPolicy.REJECT);
        DmarcEvaluation outside = evaluator(fixed(30), DmarcOverrides.NONE).evaluate(failing);
        assertThat(outside.disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(outside.sampledOut()).isTrue();
        assertThat(outside.authResultsValue())
            .isEqualTo("dmarc=fail (p=reject dis=quarantine pct=30 sampled_out) header.from=example.com");
        assertThat(outside.reportedReasons())
            .containsExactly(new DmarcOverrideReason(DmarcOverrideType.SAMPLED_OUT, "outside the pct=30 sample"));

        DmarcEvaluator seeded = evaluator(new Random(2026), DmarcOverrides.NONE);
        long rejected = Stream.generate(() -> seeded.evaluate(failing)).limit(2000)
            .filter(evaluation -> evaluation.disposition() == DmarcPolicy.REJECT).count();
        assertThat(rejected).isBetween(500L, 700L);
    }

    @Test
    void withoutAPolicyNothingIsApplied() {
        dns.failure("_dmarc.down.example");
        dns.records("_dmarc.broken.example", "v=DMARC1; p=reject; adkim=x");
        var unaligned = List.of(dkim("other.example", DkimResult.PASS));

        DmarcEvaluation none = evaluator().evaluate(input("nopolicy.example", unaligned, Optional.empty()));
        DmarcEvaluation temp = evaluator().evaluate(input("down.example", unaligned, Optional.empty()));
        DmarcEvaluation perm = evaluator().evaluate(input("broken.example", unaligned, Optional.empty()));

        assertThat(List.of(none, temp, perm)).extracting(DmarcEvaluation::result)
            .containsExactly(DmarcResult.NONE, DmarcResult.TEMPERROR, DmarcResult.PERMERROR);
        assertThat(List.of(none, temp, perm)).allSatisfy(evaluation -> {
            assertThat(evaluation.disposition()).isEqualTo(DmarcPolicy.NONE);
            assertThat(evaluation.publishedPolicy()).isEmpty();
            assertThat(evaluation.requestedPolicy()).isEmpty();
        });
        assertThat(none.authResultsValue()).isEqualTo("dmarc=none header.from=nopolicy.example");
        assertThat(temp.authResultsValue()).isEqualTo("dmarc=temperror header.from=down.example");
        assertThat(perm.authResultsValue()).isEqualTo("dmarc=permerror header.from=broken.example");
        assertThat(perm.detail()).contains("adkim=x is not an alignment mode");
    }

    @Test
    void aMessageWithoutOneFromDomainIsAPermanentErrorForTheCallerToHandle() {
        DmarcEvaluation missing = evaluator().evaluate(input(" ", List.of(), Optional.empty()));
        DmarcEvaluation garbage = evaluator().evaluate(input("exa mple.com", List.of(), Optional.empty()));

        assertThat(missing).isEqualTo(DmarcEvaluation.noFromDomain());
        assertThat(missing.result()).isEqualTo(DmarcResult.PERMERROR);
        assertThat(missing.disposition()).isEqualTo(DmarcPolicy.NONE);
        assertThat(missing.authResultsValue()).isEqualTo("dmarc=permerror reason=\"the message has no single RFC5322.From domain\"");
        assertThat(garbage.result()).isEqualTo(DmarcResult.PERMERROR);
        assertThat(garbage.authResultsValue()).startsWith("dmarc=permerror reason=\"the From domain is unusable: ");
        assertThat(dns.asked()).isEmpty();
    }

    @Test
    void anInheritedPolicyShowsSpInAuthenticationResults() {
        dns.records("_dmarc.example.com", "v=DMARC1; p=reject; sp=quarantine");

        DmarcEvaluation evaluation = evaluator().evaluate(input("news.example.com", List.of(), Optional.empty()));

        assertThat(evaluation.authResultsValue())
            .isEqualTo("dmarc=fail (p=reject sp=quarantine dis=quarantine) header.from=news.example.com");
    }

    @Test
    void anOverrideDeliversFailingMailAndComesBeforeSampling() {
        dns.records("_dmarc.example.com", "v=DMARC1; p=reject; pct=0");
        DmarcOverrides overrides = new DmarcOverrides(List.of(), List.of(), List.of("users.lists.example.org"));
        var listMail = new DmarcInput("example.com", "lists.example.org", DmarcTestMessages.CLIENT, List.of(),
            Optional.of(spf("lists.example.org", SpfResult.PASS)), Optional.of("Users <users.lists.example.org>"));

        DmarcEvaluation evaluation = evaluator(fixed(99), overrides).evaluate(listMail);

        assertThat(evaluation.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(evaluation.disposition()).isEqualTo(DmarcPolicy.NONE);
        assertThat(evaluation.sampledOut()).isFalse();
        assertThat(evaluation.override())
            .contains(new DmarcOverrideReason(DmarcOverrideType.MAILING_LIST, "mailing list users.lists.example.org"));
        assertThat(evaluation.reportedReasons()).containsExactly(evaluation.override().get());
        assertThat(evaluation.authResultsValue())
            .isEqualTo("dmarc=fail (p=reject dis=none override=mailing_list) header.from=example.com");
    }

    @Test
    void overridesAreNotNeededForPassingMailOrPNone() {
        DmarcOverrides overrides = new DmarcOverrides(List.of(org.herald.core.greylist.Cidr.parse("198.51.100.0/24")),
            List.of(), List.of());
        dns.records("_dmarc.example.com", "v=DMARC1; p=none");
        dns.records("_dmarc.example.org", "v=DMARC1; p=reject");

        DmarcEvaluation monitorOnly = evaluator(new Random(1), overrides).evaluate(input("example.com", List.of(), Optional.empty()));
        DmarcEvaluation passing = evaluator(new Random(1), overrides)
            .evaluate(input("example.org", List.of(dkim("example.org", DkimResult.PASS)), Optional.empty()));

        assertThat(monitorOnly.override()).isEmpty();
        assertThat(monitorOnly.disposition()).isEqualTo(DmarcPolicy.NONE);
        assertThat(passing.override()).isEmpty();
        assertThat(passing.result()).isEqualTo(DmarcResult.PASS);
    }

    /** A random source whose nextInt(bound) always answers {@code value}. */
    private static RandomGenerator fixed(int value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextInt(bound) is expected");
            }

            @Override
            public int nextInt(int bound) {
                return value;
            }
        };
    }
}
