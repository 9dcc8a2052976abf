package org.herald.core.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TripletTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "alice@example.com, alice@example.com",
        "Alice@Example.COM, alice@example.com",
        "<alice@example.com>, alice@example.com",
        "'', <>",
        "<>, <>",
        // SRS0 and SRS1: the original sender, whatever forwarder and timestamp
        "SRS0=HHH=TT=example.com=alice@forwarder.example, alice@example.com",
        "SRS0=a1b2=Q7=Example.com=Alice@forwarder.example, alice@example.com",
        "srs0+x9y8=zz=example.com=alice@other-forwarder.example, alice@example.com",
        "SRS1=HHH=forwarder.example==HHH=TT=example.com=alice@second.example, alice@example.com",
        "SRS0=HHH=TT=example.com=first.last=x@forwarder.example, first.last=x@example.com",
        // BATV
        "prvs=0123456789=alice@example.com, alice@example.com",
        "PRVS=9876543210=Alice@example.com, alice@example.com",
        "msprvs1=19384abcdef=bounces-list@example.com, bounces-list@example.com",
        "btv1==abc123==alice@example.com, alice@example.com",
        // sub-addresses and VERP
        "alice+newsletter@example.com, alice@example.com",
        "list+bounce-4711-bob=example.org@lists.example, list@lists.example",
        "bounce-123456-abcdef@mailer.example, bounce@mailer.example",
        "bounces_a1b2c3@mailer.example, bounces@mailer.example",
        // nested: SRS around BATV
        "SRS0=HHH=TT=example.com=prvs=0123456789=alice@forwarder.example, alice@example.com",
        // left alone
        "bounces@mailer.example, bounces@mailer.example",
        "bounce-list@mailer.example, bounce-list@mailer.example",
        "first-last@example.com, first-last@example.com",
    })
    void sendersAreFoldedToAStableForm(String sender, String stable) {
        assertThat(SenderNormalisation.stable(sender)).isEqualTo(stable);
    }

    @Test
    void aTripletMasksTheClientAndNormalisesBothAddresses() {
        GreylistRequest request = new GreylistRequest(Cidr.parseAddress("192.0.2.77"), "prvs=0123456789=Alice@Example.com",
            "<Bob@Herald.Example>");

        assertThat(Triplet.of(request, GreylistConfiguration.DEFAULT))
            .isEqualTo(new Triplet("192.0.2.0/24", "alice@example.com", "bob@herald.example"));
    }

    @Test
    void ipv6ClientsAreMaskedToTheirSlash64() {
        GreylistRequest request = new GreylistRequest(Cidr.parseAddress("2001:DB8:1:0:abcd::25"), "", "bob@herald.example");

        Triplet triplet = Triplet.of(request, GreylistConfiguration.DEFAULT);

        assertThat(triplet.clientNetwork()).isEqualTo("2001:db8:1::/64");
        assertThat(triplet.sender()).isEqualTo("<>");
    }

    @Test
    void anOverlongAddressIsShortenedButStaysDistinct() {
        String local = "x".repeat(400);
        Triplet a = Triplet.of(new GreylistRequest(Cidr.parseAddress("192.0.2.1"), local + "a@example.com", "bob@example.com"),
            GreylistConfiguration.DEFAULT);
        Triplet b = Triplet.of(new GreylistRequest(Cidr.parseAddress("192.0.2.1"), local + "b@example.com", "bob@example.com"),
            GreylistConfiguration.DEFAULT);

        assertThat(a.sender()).hasSize(Triplet.MAX_ADDRESS_LENGTH);
        assertThat(a.sender()).isNotEqualTo(b.sender());
    }
}
