package com.devicecreds.portal.typeversion;

import java.util.Objects;
import java.util.Optional;

/**
 * One setting of a credential type that changed, as its history shows it: the setting's name in
 * words and its old and new values as displayed (empty when the setting did not exist before, or no
 * longer exists after).
 */
public record SettingChange(String setting, Optional<String> oldValue, Optional<String> newValue) {

    public SettingChange {
        Objects.requireNonNull(setting);
        if (oldValue.equals(newValue)) {
            throw new IllegalArgumentException("Not a change: " + setting + " stays " + oldValue.orElse("unset"));
        }
    }

    public static SettingChange of(String setting, String oldValue, String newValue) {
        return new SettingChange(setting, Optional.ofNullable(oldValue), Optional.ofNullable(newValue));
    }
}
