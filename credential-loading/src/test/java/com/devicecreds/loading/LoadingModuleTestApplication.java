package com.devicecreds.loading;

import com.devicecreds.testsupport.TestPostgres;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** Credential loading with the audit log, on the real embedded PostgreSQL, with method security. */
@SpringBootApplication(scanBasePackages = {"com.devicecreds.access", "com.devicecreds.audit", "com.devicecreds.loading"})
@ConfigurationPropertiesScan("com.devicecreds.loading")
@EnableMethodSecurity(jsr250Enabled = true)
@Import(TestPostgres.class)
public class LoadingModuleTestApplication {
}
