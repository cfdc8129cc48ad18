package com.devicecreds.audit;

import com.devicecreds.testsupport.TestPostgres;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** The audit-log module alone, on the real embedded PostgreSQL. */
@SpringBootApplication(scanBasePackages = {"com.devicecreds.access", "com.devicecreds.audit"})
@EnableMethodSecurity(jsr250Enabled = true)
@Import(TestPostgres.class)
public class AuditModuleTestApplication {
}
