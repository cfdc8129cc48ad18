package com.devicecreds.portal;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps the module test support out of the portal's component scan. The portal scans all of
 * {@code com.devicecreds}, and the audit-log test-jar on the test classpath holds a module test
 * application that imports its own embedded database ({@code TestPostgres}): scanned, it adds a
 * second {@code dataSource} and the portal context fails to start.
 */
class OtherTestApplicationsExcludeFilter extends TypeExcludeFilter {

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
        var metadata = reader.getAnnotationMetadata();
        boolean otherApplication = metadata.isAnnotated(SpringBootConfiguration.class.getName())
                && !metadata.getClassName().equals(PortalApplication.class.getName());
        return otherApplication || metadata.getClassName().startsWith("com.devicecreds.testsupport.");
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
