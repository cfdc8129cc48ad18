package com.devicecreds.portal.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in two lines, without a stack trace, why a second portal on the same data directory did not start. */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Stop the running portal (" + cause.holder() + ") first, or start this one on another directory: "
                        + "--portal.database.data-directory=<directory> (or an external database with spring.datasource.url).",
                cause);
    }
}
