package com.devicecreds.portal.inventory;

import java.util.ArrayList;

import com.devicecreds.inventory.threshold.Limit;

/** Thresholds in words: "10 % of loaded or 14 days of runway". */
final class ThresholdsText {

    private ThresholdsText() {
    }

    static String limit(Limit limit) {
        var parts = new ArrayList<String>();
        limit.available().ifPresent(n -> parts.add(String.format(java.util.Locale.US, "%,d available", n)));
        limit.percentOfLoaded().ifPresent(p -> parts.add(p + " % of loaded"));
        limit.runwayDays().ifPresent(d -> parts.add(d + " days of runway"));
        return parts.isEmpty() ? "never" : String.join(" or ", parts);
    }
}
