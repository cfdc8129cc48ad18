package com.devicecreds.reporting.missing;

import com.devicecreds.reporting.export.TableExport;

/** One missing ID as a row of {@link MissingIdService#COLUMNS}, for every spreadsheet that lists missing IDs. */
public final class MissingIdSheet {

    private MissingIdSheet() {
    }

    public static void row(TableExport sheet, MissingId m) {
        sheet.row(m.operatorCode(), m.credentialType(), m.deviceId(), m.status().label(), m.firstSeen(), m.lastSeen(),
                m.attempts(), m.model().orElse(null), m.lastReason(),
                m.sentInExport().isPresent() ? m.sentInExport().getAsInt() : null,
                m.resolvedByPart().isPresent() ? m.resolvedByPart().getAsInt() : null);
    }
}
