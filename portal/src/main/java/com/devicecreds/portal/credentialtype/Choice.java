package com.devicecreds.portal.credentialtype;

import java.util.List;
import java.util.Optional;

/**
 * One of the fixed choices of a credential type's settings: the code stored in the database and the
 * words shown for it. The lists repeat the check constraints of V3, V26 and V39.
 */
public record Choice(String code, String label) {

    /** How credentials meet devices. */
    public static final List<Choice> BINDING_MODES = List.of(
            new Choice(TypeSettings.PRE_BOUND, "Pre-bound: made for one listed device ID"),
            new Choice(TypeSettings.NEXT_AVAILABLE, "Next available: bound at delivery"),
            new Choice(TypeSettings.ISSUED_ONLINE, "Issued online: a certificate made at request time"));

    /** The key agreement that gives the one-time session key (the paper's DH or ECDH). */
    public static final List<Choice> KEY_AGREEMENTS = List.of(
            new Choice(TypeSettings.NO_KEY_AGREEMENT, "None"),
            new Choice("dh-2048", "Diffie-Hellman, 2048-bit"),
            new Choice("ecdh-p256", "ECDH, NIST P-256"),
            new Choice("x25519", "ECDH, X25519"));

    /** How the key generation facility encrypts a credential for the device. */
    public static final List<Choice> ENCRYPTION_MODES = List.of(
            new Choice("unique-per-device", "Unique per device"),
            new Choice(TypeSettings.GLOBAL_SESSION_KEY, "Global key, plus a one-time session key"));

    /** What a device that asks again gets. */
    public static final List<Choice> REDELIVERY = List.of(
            new Choice("refuse", "Refused: one credential per device"),
            new Choice("same-credential", "The same credential again"));

    /** The re-delivery choice a type's flag stands for. */
    static Choice redelivery(boolean allowed) {
        return REDELIVERY.get(allowed ? 1 : 0);
    }

    static Optional<Choice> find(List<Choice> choices, String code) {
        return choices.stream().filter(c -> c.code.equals(code)).findFirst();
    }

    /** The words for a code, or the code itself when it is not one of the choices. */
    static String label(List<Choice> choices, String code) {
        return find(choices, code).map(Choice::label).orElse(code);
    }
}
