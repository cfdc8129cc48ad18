package com.devicecreds.reporting.lists;

import java.util.List;

/** The answer to a list part import: imported as part k, or refused with its problems (and then nothing changed). */
public sealed interface ListPartImport {

    /**
     * @param newlyListed  IDs this part added to the operator's list
     * @param alreadyListed IDs of the part that an earlier part already listed (not an error)
     * @param duplicates   rows repeating an ID within the part (not an error)
     * @param resolved     missing IDs this part resolved
     */
    record Imported(int partNumber, int rows, int newlyListed, int alreadyListed, int duplicates, int resolved)
            implements ListPartImport {
    }

    /** @param problems the first rows that are no device ID, with line numbers; empty when the whole file was refused */
    record Refused(String message, List<RowProblem> problems, int problemCount) implements ListPartImport {
    }
}
