package org.herald.core.dkim;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A DKIM-Signature field's tags, checked as RFC 6376 §6.1.1 asks of a verifier before it fetches the key: the
 * required tags are there, the version is 1, the algorithm and canonicalization are known, h= signs From, i= lies in
 * d=, and the numbers are numbers. Anything else is a {@link DkimSyntaxException}, reported as permerror.
 *
 * @param bodyLength the l= value, or {@link BodyHash#WHOLE_BODY} when absent
 */
record DkimSignatureHeader(DkimTagList tags, DkimAlgorithm algorithm, String domain, String selector,
                           HeaderCanonicalization headerCanonicalization, BodyCanonicalization bodyCanonicalization,
                           List<String> signedHeaders, byte[] bodyHash, byte[] signature, Optional<String> identity,
                           long bodyLength, OptionalLong timestamp, OptionalLong expiration) {
    /** RFC 6376 caps l=, t= and x= at 76 and 12 digits; a long holds 18 digits, more than any real value. */
    private static final int MAX_DIGITS = 18;

    static DkimSignatureHeader parse(DkimTagList tags) {
        String version = require(tags, "v");
        if (!version.equals("1")) {
            throw new DkimSyntaxException("unsupported version v=" + version);
        }
        String aTag = require(tags, "a");
        DkimAlgorithm algorithm = DkimAlgorithm.fromTag(aTag).orElseThrow(() -> aTag.equalsIgnoreCase("rsa-sha1")
            ? new DkimSyntaxException("rsa-sha1 is not accepted (RFC 8301)")
            : new DkimSyntaxException("unknown algorithm a=" + aTag));
        byte[] signature = base64(tags, "b");
        if (signature.length == 0) {
            throw new DkimSyntaxException("empty b=");
        }
        byte[] bodyHash = base64(tags, "bh");
        String domain = stripDot(require(tags, "d")).toLowerCase(Locale.ROOT);
        if (domain.isEmpty() || domain.chars().anyMatch(c -> DkimTagList.isWhitespace((char) c))) {
            throw new DkimSyntaxException("invalid d=" + domain);
        }
        String selector = require(tags, "s");
        if (selector.isEmpty() || selector.chars().anyMatch(c -> DkimTagList.isWhitespace((char) c))) {
            throw new DkimSyntaxException("invalid s=" + selector);
        }
        List<String> signedHeaders = signedHeaders(require(tags, "h"));
        String[] canonicalization = canonicalization(tags.get("c").orElse("simple/simple"));
        HeaderCanonicalization headerCanonicalization = HeaderCanonicalization.fromTagValue(canonicalization[0])
            .orElseThrow(() -> new DkimSyntaxException("unknown canonicalization c=" + tags.get("c").orElse("")));
        BodyCanonicalization bodyCanonicalization = BodyCanonicalization.fromTagValue(canonicalization[1])
            .orElseThrow(() -> new DkimSyntaxException("unknown canonicalization c=" + tags.get("c").orElse("")));
        Optional<String> identity = tags.get("i");
        if (identity.isPresent()) {
            checkIdentity(identity.get(), domain);
        }
        tags.get("q").ifPresent(DkimSignatureHeader::checkQueryMethod);
        long bodyLength = number(tags, "l").orElse(BodyHash.WHOLE_BODY);
        OptionalLong timestamp = number(tags, "t");
        OptionalLong expiration = number(tags, "x");
        if (timestamp.isPresent() && expiration.isPresent() && expiration.getAsLong() < timestamp.getAsLong()) {
            throw new DkimSyntaxException("x= is before t=");
        }
        return new DkimSignatureHeader(tags, algorithm, domain, selector, headerCanonicalization, bodyCanonicalization,
            signedHeaders, bodyHash, signature, identity, bodyLength, timestamp, expiration);
    }

    /** The domain of i=, lower case. */
    Optional<String> identityDomain() {
        return identity.map(i -> stripDot(i.substring(i.lastIndexOf('@') + 1)).toLowerCase(Locale.ROOT));
    }

    /** The name the key is published at. */
    String keyName() {
        return selector + "._domainkey." + domain;
    }

    private static String require(DkimTagList tags, String name) {
        return tags.get(name).orElseThrow(() -> new DkimSyntaxException("missing " + name + "= tag"));
    }

    private static byte[] base64(DkimTagList tags, String name) {
        DkimTagList.Tag tag = tags.tag(name).orElseThrow(() -> new DkimSyntaxException("missing " + name + "= tag"));
        try {
            return Base64.getDecoder().decode(tag.compactValue());
        } catch (IllegalArgumentException e) {
            throw new DkimSyntaxException(name + "= is not base64");
        }
    }

    private static List<String> signedHeaders(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(":", -1)) {
            String trimmed = DkimTagList.removeWhitespace(name).toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                throw new DkimSyntaxException("empty header name in h=");
            }
            names.add(trimmed);
        }
        if (!names.contains("from")) {
            throw new DkimSyntaxException("h= does not sign From");
        }
        return List.copyOf(names);
    }

    private static String[] canonicalization(String value) {
        String[] parts = DkimTagList.removeWhitespace(value).split("/", -1);
        if (parts.length == 1) {
            return new String[] {parts[0], "simple"};
        }
        if (parts.length != 2) {
            throw new DkimSyntaxException("unknown canonicalization c=" + value);
        }
        return parts;
    }

    private static void checkIdentity(String identity, String domain) {
        int at = identity.lastIndexOf('@');
        if (at < 0) {
            throw new DkimSyntaxException("i= has no @");
        }
        String identityDomain = stripDot(identity.substring(at + 1)).toLowerCase(Locale.ROOT);
        if (!identityDomain.equals(domain) && !identityDomain.endsWith("." + domain)) {
            throw new DkimSyntaxException("i= domain " + identityDomain + " is not d=" + domain + " or below it");
        }
    }

    private static void checkQueryMethod(String value) {
        for (String method : value.split(":")) {
            String trimmed = DkimTagList.removeWhitespace(method).toLowerCase(Locale.ROOT);
            if (trimmed.equals("dns/txt") || trimmed.equals("dns")) {
                return;
            }
        }
        throw new DkimSyntaxException("unsupported query method q=" + value);
    }

    private static OptionalLong number(DkimTagList tags, String name) {
        Optional<String> value = tags.get(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        String digits = value.get();
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new DkimSyntaxException(name + "= is not a number");
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > MAX_DIGITS) {
            throw new DkimSyntaxException(name + "= is too large");
        }
        return OptionalLong.of(Long.parseLong(significant));
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
