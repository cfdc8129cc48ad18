package com.devicecreds.inventory.loading;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of credential loading (prefix {@code loading}).
 *
 * @param upload the limits a credential package must keep before anything in it is read
 */
@ConfigurationProperties("loading")
public record LoadingProperties(@DefaultValue Upload upload) {

    /**
     * @param maxPackageSize   largest package accepted, as uploaded (compressed)
     * @param maxEntries       most entries an archive may hold (a valid package has four)
     * @param maxInflateRatio  most an entry may inflate relative to its compressed size (past 1 MiB)
     * @param maxInflatedSize  most all entries together may inflate to
     */
    public record Upload(@DefaultValue("512MB") DataSize maxPackageSize, @DefaultValue("16") int maxEntries,
            @DefaultValue("100") int maxInflateRatio, @DefaultValue("2GB") DataSize maxInflatedSize) {
    }
}
