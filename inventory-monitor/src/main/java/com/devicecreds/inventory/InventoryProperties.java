package com.devicecreds.inventory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the inventory monitor (prefix {@code inventory}).
 *
 * @param alerts the alert engine
 */
@ConfigurationProperties("inventory")
public record InventoryProperties(@DefaultValue Alerts alerts) {

    /** @param interval how often the alert engine evaluates every pool */
    public record Alerts(@DefaultValue("1m") Duration interval) {
    }
}
