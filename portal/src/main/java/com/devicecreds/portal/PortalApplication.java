package com.devicecreds.portal;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The admin console and reporting portal over the shared provisioning database.
 * Styling is plain CSS from the themes module (no frontend build, see docs/decisions/003).
 */
@SpringBootApplication(scanBasePackages = "com.devicecreds")
@ConfigurationPropertiesScan("com.devicecreds")
// Entities and repositories live in the feature modules (inventory's thresholds first), outside this package.
@EntityScan("com.devicecreds")
@EnableJpaRepositories("com.devicecreds")
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("themes/portal/portal.css")
public class PortalApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addFavIcon("icon", "themes/portal/favicon.svg", "any");
    }
}
