package org.herald.core.greylist;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folds the per-message tags out of an envelope sender, so a retry that carries a fresh tag still matches its
 * triplet. Without this, a sender using SRS or BATV would be deferred on every retry and never get through.
 *
 * <p>What is folded, after lower-casing and removing angle brackets (repeated, since tags nest):
 * <ul>
 *   <li>SRS0 ({@code SRS0=HHH=TT=domain=local@forwarder}) and SRS1
 *       ({@code SRS1=HHH=forwarder==HHH=TT=domain=local@forwarder2}): the original {@code local@domain};</li>
 *   <li>BATV ({@code prvs=tag=local@domain}, {@code msprvs1=tag=local@domain}, {@code btv1==tag==local@domain}):
 *       {@code local@domain};</li>
 *   <li>sub-addresses and VERP ({@code local+anything@domain}): {@code local@domain};</li>
 *   <li>bounce addresses carrying a message id ({@code bounce-1234-abc@domain}, {@code bounces_x9@domain}, any
 *       {@code bounce}/{@code bounces} followed by a separator and text holding a digit): {@code bounce@domain} or
 *       {@code bounces@domain}.</li>
 * </ul>
 * The null sender (empty or {@code <>}) becomes {@code <>}. Nothing else is changed: an unknown scheme keeps its tags,
 * which at worst costs its mail one more delay.
 */
public final class SenderNormalisation {
    public static final String NULL_SENDER = "<>";
    private static final Pattern SRS0 = Pattern.compile("srs0[=+-][^=]*=[^=]*=([^=]+)=(.+)");
    private static final Pattern SRS1 = Pattern.compile("srs1[=+-][^=]*=.*?==[^=]*=[^=]*=([^=]+)=(.+)");
    private static final Pattern PRVS = Pattern.compile("(?:prvs|msprvs1)=[^=]+=(.+)");
    private static final Pattern BTV1 = Pattern.compile("btv1==[^=]+==(.+)");
    private static final Pattern BOUNCE = Pattern.compile("(bounces?)[-_.=+](?=.*\\d).+");
    private static final int MAX_UNWRAPPING = 4;

    private SenderNormalisation() {
    }

    public static String stable(String sender) {
        String address = sender.trim().toLowerCase(Locale.ROOT);
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1).trim();
        }
        if (address.isEmpty()) {
            return NULL_SENDER;
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return address;
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        for (int round = 0; round < MAX_UNWRAPPING; round++) {
            Matcher srs1 = SRS1.matcher(local);
            Matcher srs0 = SRS0.matcher(local);
            Matcher prvs = PRVS.matcher(local);
            Matcher btv1 = BTV1.matcher(local);
            if (srs1.matches()) {
                domain = srs1.group(1);
                local = srs1.group(2);
            } else if (srs0.matches()) {
                domain = srs0.group(1);
                local = srs0.group(2);
            } else if (prvs.matches()) {
                local = prvs.group(1);
            } else if (btv1.matches()) {
                local = btv1.group(1);
            } else {
                break;
            }
        }
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        Matcher bounce = BOUNCE.matcher(local);
        if (bounce.matches()) {
            local = bounce.group(1);
        }
        return local + "@" + domain;
    }
}
