package com.devicecreds.reporting.rollout;

/** A credential type an operator is authorized for: what a rollout of that operator may roll out. */
public record RolloutType(int id, String name, String code) {
}
