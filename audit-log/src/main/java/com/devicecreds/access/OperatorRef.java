package com.devicecreds.access;

/** A network operator as the rest of the portal refers to it: database id and stable code. */
public record OperatorRef(short id, String code) {
}
