package org.herald.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DmarcRecordTest {

    @Test
    void aMinimalRecordTakesTheRfcDefaults() {
        DmarcRecord record = DmarcRecord.parse("v=DMARC1; p=none");

        assertThat(record).isEqualTo(DmarcRecord.of(DmarcPolicy.NONE));
        assertThat(record.sp()).isEmpty();
        assertThat(record.np()).isEmpty();
        assertThat(record.adkim()).isEqualTo(AlignmentMode.RELAXED);
        assertThat(record.aspf()).isEqualTo(AlignmentMode.RELAXED);
        assertThat(record.pct()).isEqualTo(100);
        assertThat(record.fo()).isEqualTo("0");
        assertThat(record.rf()).containsExactly("afrf");
        assertThat(record.ri()).isEqualTo(86_400);
        assertThat(record.rua()).isEmpty();
        assertThat(record.ruf()).isEmpty();
        assertThat(record.subdomainPolicy()).isEqualTo(DmarcPolicy.NONE);
    }

    @Test
    void readsEveryTag() {
        DmarcRecord record = DmarcRecord.parse(" v = DMARC1 ;p=Reject; sp=quarantine; np=reject; adkim=s; aspf=S; pct=25;"
            + " fo=1:d ; rf=afrf; ri=3600; rua=mailto:dmarc@example.com!10m, mailto:agg@report.example;"
            + " ruf=mailto:forensic@example.com!512k; psd=n; t=y;");

        assertThat(record.p()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(record.sp()).contains(DmarcPolicy.QUARANTINE);
        assertThat(record.subdomainPolicy()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(record.np()).contains(DmarcPolicy.REJECT);
        assertThat(record.adkim()).isEqualTo(AlignmentMode.STRICT);
        assertThat(record.aspf()).isEqualTo(AlignmentMode.STRICT);
        assertThat(record.pct()).isEqualTo(25);
        assertThat(record.fo()).isEqualTo("1:d");
        assertThat(record.ri()).isEqualTo(3600);
        assertThat(record.rua()).containsExactly(
            new DmarcReportUri(URI.create("mailto:dmarc@example.com"), Optional.of(10L * 1024 * 1024)),
            new DmarcReportUri(URI.create("mailto:agg@report.example"), Optional.empty()));
        assertThat(record.ruf()).containsExactly(
            new DmarcReportUri(URI.create("mailto:forensic@example.com"), Optional.of(512L * 1024)));
        assertThat(record.rua().get(0).isMailto()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mailto:a@example.com!100      | 100",
        "mailto:a@example.com!1k       | 1024",
        "mailto:a@example.com!10m      | 10485760",
        "mailto:a@example.com!2g       | 2147483648",
        "mailto:a@example.com!1t       | 1099511627776",
        "mailto:a@example.com!0        | 0",
    })
    void readsReportSizeLimits(String text, long bytes) {
        assertThat(DmarcReportUri.parse(text).maxBytes()).contains(bytes);
        assertThat(DmarcReportUri.parse(text).uri()).isEqualTo(URI.create("mailto:a@example.com"));
    }

    @Test
    void aPercentEncodedCommaOrBangStaysInTheUri() {
        DmarcReportUri uri = DmarcReportUri.parse("https://reports.example/in?a=1%2C2%21!5k");

        assertThat(uri.uri().toString()).isEqualTo("https://reports.example/in?a=1%2C2%21");
        assertThat(uri.maxBytes()).contains(5120L);
        assertThat(uri.isMailto()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // the record as published                               | what the message says
        "''                                                      | the record is empty",
        "p=reject; v=DMARC1                                      | does not start with v=DMARC1",
        "v=DMARC2; p=reject                                      | v=DMARC2 is not a DMARC version",
        "v=dmarc1; p=reject                                      | write v=DMARC1 (upper case)",
        "v=DMARC1                                                | has no p= tag",
        "v=DMARC1; rua=mailto:d@example.com                      | has no p= tag",
        "v=DMARC1; p=block                                       | p=block is not a policy",
        "v=DMARC1; p=                                            | p= is not a policy",
        "v=DMARC1; p=none; sp=deny                               | sp=deny is not a policy",
        "v=DMARC1; p=none; np=maybe                              | np=maybe is not a policy",
        "v=DMARC1; p=none; pct=101                               | pct=101 is not a percentage",
        "v=DMARC1; p=none; pct=-1                                | pct=-1 is not a percentage",
        "v=DMARC1; p=none; pct=50%                               | pct=50% is not a percentage",
        "v=DMARC1; p=none; adkim=relaxed                         | adkim=relaxed is not an alignment mode",
        "v=DMARC1; p=none; aspf=x                                | aspf=x is not an alignment mode",
        "v=DMARC1; p=none; fo=2                                  | fo=2 is not a list of failure reporting options",
        "v=DMARC1; p=none; fo=1;d                                | \"d\" is not a tag=value pair",
        "v=DMARC1; p=none; ri=daily                              | ri=daily is not an interval in seconds",
        "v=DMARC1; p=none; ri=4294967296                         | ri=4294967296 is not an interval",
        "v=DMARC1; p=none; rua=dmarc@example.com                 | is not an absolute URI: write mailto:dmarc@example.com",
        "v=DMARC1; p=none; rua=mailto:a@example.com,             | an empty report URI",
        "v=DMARC1; p=none; rua=mailto:a@example.com!10x          | the size limit after ! must be digits",
        "v=DMARC1; p=none; rua=mailto:a@example.com!             | the size limit after ! must be digits",
        "v=DMARC1; p=none; rua=mailto:                           | is not a URI",
        "v=DMARC1; p=none; rua=mailto:nobody                     | names no address",
        "v=DMARC1; p=none; ruf=mailto:a b@example.com            | is not a URI",
        "v=DMARC1; p=none; rua=mailto:a@example.com!99999999999999t | is too large",
        "v=DMARC1; p=none; p=reject                              | the tag p= appears twice",
        "v=DMARC1; p=none; P=reject                              | the tag p= appears twice",
        "v=DMARC1; p=none; 1x=2                                  | \"1x\" is not a tag name",
    })
    void refusesBrokenRecordsWithTheReason(String txt, String reason) {
        assertThatThrownBy(() -> DmarcRecord.parse(txt))
            .isInstanceOf(InvalidDmarcRecordException.class)
            .hasMessageContaining(reason);
    }

    @Test
    void aBadReportUriNamesTheTag() {
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=none; ruf=mailto:x@example.com, https://"))
            .isInstanceOf(InvalidDmarcRecordException.class)
            .hasMessageStartingWith("ruf=mailto:x@example.com, https://: ");
    }

    @Test
    void tellsDmarcRecordsFromOtherTxtRecords() {
        assertThat(DmarcRecord.isDmarcRecord("v=DMARC1; p=none")).isTrue();
        assertThat(DmarcRecord.isDmarcRecord("v = DMARC1 ;p=none")).isTrue();
        assertThat(DmarcRecord.isDmarcRecord("v=DMARC1")).isTrue();
        assertThat(DmarcRecord.isDmarcRecord("v=spf1 -all")).isFalse();
        assertThat(DmarcRecord.isDmarcRecord("v=DMARC2; p=none")).isFalse();
        assertThat(DmarcRecord.isDmarcRecord("google-site-verification=abc")).isFalse();
        assertThat(DmarcRecord.isDmarcRecord("p=none; v=DMARC1")).isFalse();
    }

    @Test
    void policiesAndModesReadTheirTags() {
        assertThat(DmarcPolicy.fromTag("QUARANTINE")).contains(DmarcPolicy.QUARANTINE);
        assertThat(DmarcPolicy.fromTag("drop")).isEmpty();
        assertThat(List.of(DmarcPolicy.REJECT.nextLower(), DmarcPolicy.QUARANTINE.nextLower(), DmarcPolicy.NONE.nextLower()))
            .containsExactly(DmarcPolicy.QUARANTINE, DmarcPolicy.NONE, DmarcPolicy.NONE);
        assertThat(AlignmentMode.fromTag("s")).contains(AlignmentMode.STRICT);
        assertThat(AlignmentMode.RELAXED.tag()).isEqualTo("r");
    }
}
