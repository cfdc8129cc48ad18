package com.devicecreds.portal.database;

import java.nio.file.Path;

/** Another running portal holds the embedded data directory; this one must not start on it. */
final class DataDirectoryInUseException extends IllegalStateException {

    private final transient Path dataDirectory;
    private final String holder;

    DataDirectoryInUseException(Path dataDirectory, String holder) {
        super("The embedded database directory " + dataDirectory + " is in use by another running portal (" + holder
                + "). This portal did not start and did not touch that portal's database.");
        this.dataDirectory = dataDirectory;
        this.holder = holder;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    String holder() {
        return holder;
    }
}
