package com.devicecreds.portal.security.dev;

import java.util.Arrays;

import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.devicecreds.portal.security.BrowserHardening;
import com.devicecreds.portal.ui.chart.ChartEndpoint;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Local form login with demo accounts, for development and demonstrations only. Active in the
 * {@code dev} profile (the default); refuses to start together with {@code prod}.
 */
@Configuration(proxyBeanMethods = false)
@Profile(DevSecurityConfiguration.PROFILE)
class DevSecurityConfiguration {

    static final String PROFILE = "dev";
    private static final Logger log = LoggerFactory.getLogger(DevSecurityConfiguration.class);

    DevSecurityConfiguration(Environment environment) {
        if (Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
            throw new IllegalStateException(
                    "The dev profile (demo accounts with published passwords) cannot run together with prod");
        }
        log.warn("╔══════════════════════════════════════════════════════════════════════╗");
        log.warn("║  DEVELOPMENT LOGIN: demo accounts with published passwords are live. ║");
        log.warn("║  Never expose this instance. Production uses the keycloak profile.   ║");
        log.warn("╚══════════════════════════════════════════════════════════════════════╝");
    }

    @Bean
    SecurityFilterChain devSecurityFilterChain(HttpSecurity http, BrowserHardening hardening) throws Exception {
        hardening.apply(http);
        ChartEndpoint.signedInOnly(http);
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(DevLoginView.PATH))
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(PasswordEncoder encoder) {
        return new DevUserDetailsService(DemoAccounts.ALL, encoder);
    }

    /** The login route exists only in this profile. */
    @Bean
    VaadinServiceInitListener devLoginRoute() {
        return event -> RouteConfiguration.forApplicationScope().setRoute(DevLoginView.PATH, DevLoginView.class);
    }
}
