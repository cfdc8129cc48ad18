package com.devicecreds.audit;

import java.time.Clock;

import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.audit.keys.AuditKeys;
import com.devicecreds.audit.verify.AnchorFile;
import com.devicecreds.audit.verify.SyslogForwarder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AuditKeys auditKeys(AuditProperties properties) {
        return AuditKeys.from(properties);
    }

    /** The chain key ring, for the writer. */
    @Bean
    AuditChain auditChain(AuditKeys keys) {
        return keys.chain();
    }

    /** The anchor file outside the database, which also witnesses every row as it is committed (decision 024). */
    @Bean
    AnchorFile anchorFile(AuditProperties properties, AuditKeys keys) {
        if (properties.syslogPort() > 0 && properties.syslogHost() != null && !properties.syslogHost().isBlank()) {
            return new AnchorFile(properties.anchorFile(), keys.signer(),
                    new SyslogForwarder(properties.syslogHost(), properties.syslogPort()));
        }
        return new AnchorFile(properties.anchorFile(), keys.signer());
    }
}
