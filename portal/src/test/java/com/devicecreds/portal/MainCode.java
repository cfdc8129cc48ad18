package com.devicecreds.portal;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The main code of every module, imported once per test JVM for the ArchUnit rules. */
public final class MainCode {

    /** Main classes only: neither test classes nor the audit-log test-jar (shared test support). */
    public static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("com.devicecreds");

    private MainCode() {
    }
}
