package com.devicecreds.reporting.missing;

/** A credential type to choose in the missing-ID view. */
public record TypeChoice(int id, String name) {
}
