package com.devicecreds.reporting.missing;

import java.util.Map;

/**
 * An export of an operator's open missing IDs: how many rows it carried, and the export number it
 * got for each credential type (numbered per operator and type).
 */
public record MissingIdExport(String operatorCode, long rows, Map<String, Integer> exportNumberByType) {
}
