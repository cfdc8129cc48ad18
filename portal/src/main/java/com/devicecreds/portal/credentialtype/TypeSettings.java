package com.devicecreds.portal.credentialtype;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.portal.typeversion.SettingChange;

/**
 * The settings of a credential type as the editor shows and proposes them. The code never changes
 * once the type exists (devices and the provisioning service ask by it); the name is outside dual
 * control; every other setting is security-relevant (decision 021).
 */
public record TypeSettings(String code, String name, String credentialKind, Optional<OperatorRef> owner, String deviceIdKind,
        String bindingMode, boolean redeliveryAllowed, boolean idListRequired, String keyAgreement, String encryptionMode,
        int approvalsRequired) {

    static final String PRE_BOUND = "pre-bound";
    static final String NEXT_AVAILABLE = "next-available";
    static final String ISSUED_ONLINE = "issued-online";
    static final String NO_KEY_AGREEMENT = "none";
    static final String GLOBAL_SESSION_KEY = "global-session-key";
    static final String CERTIFICATE_FAMILY = "x509-certificate";
    private static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9-]{1,63}$");

    public TypeSettings {
        code = code == null ? "" : code.strip();
        name = name == null ? "" : name.strip();
        Objects.requireNonNull(owner);
    }

    public boolean issuedOnline() {
        return ISSUED_ONLINE.equals(bindingMode);
    }

    public TypeSettings withName(String newName) {
        return new TypeSettings(code, newName, credentialKind, owner, deviceIdKind, bindingMode, redeliveryAllowed,
                idListRequired, keyAgreement, encryptionMode, approvalsRequired);
    }

    /** Every problem of these settings, in words; empty when they can be proposed. */
    List<String> problems(TypeCatalogue catalogue) {
        var problems = new ArrayList<String>();
        if (!CODE.matcher(code).matches()) {
            problems.add("The code must be 2 to 64 lower-case letters, digits or hyphens, starting with a letter or digit.");
        }
        if (name.isEmpty() || name.length() > 100) {
            problems.add("Give the type a name of at most 100 characters.");
        }
        var kind = catalogue.kind(credentialKind);
        if (kind.isEmpty()) {
            problems.add("Choose the kind of credential.");
        }
        if (catalogue.idKind(deviceIdKind).isEmpty()) {
            problems.add("Choose how devices are identified (the device-ID kind).");
        }
        owner.ifPresent(o -> {
            if (catalogue.operatorName(o).isEmpty()) {
                problems.add("The owning operator " + o.code() + " does not exist.");
            }
        });
        if (Choice.find(Choice.BINDING_MODES, bindingMode).isEmpty()) {
            problems.add("Choose a binding mode.");
        } else if (issuedOnline() && kind.isPresent() && !kind.get().family().equals(CERTIFICATE_FAMILY)) {
            problems.add("Only X.509 certificates can be issued online; " + kind.get().name() + " credentials are made offline.");
        }
        if (Choice.find(Choice.KEY_AGREEMENTS, keyAgreement).isEmpty()) {
            problems.add("Choose a key agreement.");
        }
        if (Choice.find(Choice.ENCRYPTION_MODES, encryptionMode).isEmpty()) {
            problems.add("Choose an encryption mode.");
        } else if (GLOBAL_SESSION_KEY.equals(encryptionMode) && NO_KEY_AGREEMENT.equals(keyAgreement)) {
            problems.add("A globally encrypted credential needs a key agreement for its session key; choose DH or ECDH.");
        }
        if (approvalsRequired < 1 || approvalsRequired > 5) {
            problems.add("A load needs 1 to 5 approvers besides its submitter.");
        }
        return problems;
    }

    /** Each setting in words, in the order the editor and the history show them. */
    Map<String, String> described(TypeCatalogue catalogue) {
        var shown = new LinkedHashMap<String, String>();
        shown.put("Name", name);
        shown.put("Kind", catalogue.kind(credentialKind).map(TypeCatalogue.Kind::name).orElse(credentialKind));
        shown.put("Owner", owner.map(o -> catalogue.operatorName(o).orElse(o.code())).orElse("Shared"));
        shown.put("Device-ID kind", catalogue.idKind(deviceIdKind).orElse(deviceIdKind));
        shown.put("Binding mode", Choice.label(Choice.BINDING_MODES, bindingMode));
        shown.put("Re-delivery", Choice.redelivery(redeliveryAllowed).label());
        shown.put("Device-ID list required", idListRequired ? "yes" : "no");
        shown.put("Key agreement", Choice.label(Choice.KEY_AGREEMENTS, keyAgreement));
        shown.put("Encryption", Choice.label(Choice.ENCRYPTION_MODES, encryptionMode));
        shown.put("Approvals per load", Integer.toString(approvalsRequired));
        return shown;
    }

    /** The settings that changed from {@code before}, in words, name included. */
    List<SettingChange> changesFrom(TypeSettings before, TypeCatalogue catalogue) {
        var old = before.described(catalogue);
        var changes = new ArrayList<SettingChange>();
        described(catalogue).forEach((setting, value) -> {
            if (!value.equals(old.get(setting))) {
                changes.add(SettingChange.of(setting, old.get(setting), value));
            }
        });
        return changes;
    }

    /** True when a setting under dual control differs from {@code before} (the name is not one). */
    boolean securityRelevantChangeFrom(TypeSettings before) {
        return !this.withName(before.name).equals(before);
    }

    /** The settings whose change needs an unused type: batches, list parts and rollouts depend on them. */
    List<String> structuralChangesFrom(TypeSettings before) {
        var changed = new ArrayList<String>();
        if (!credentialKind.equals(before.credentialKind)) {
            changed.add("kind");
        }
        if (!deviceIdKind.equals(before.deviceIdKind)) {
            changed.add("device-ID kind");
        }
        if (!bindingMode.equals(before.bindingMode)) {
            changed.add("binding mode");
        }
        return changed;
    }

    /** The settings as the flat fields of a change request, each key prefixed. */
    Map<String, String> toFields(String prefix) {
        var fields = new HashMap<String, String>();
        fields.put(prefix + "code", code);
        fields.put(prefix + "name", name);
        fields.put(prefix + "credentialKind", credentialKind);
        owner.ifPresent(o -> {
            fields.put(prefix + "ownerId", Short.toString(o.id()));
            fields.put(prefix + "ownerCode", o.code());
        });
        fields.put(prefix + "deviceIdKind", deviceIdKind);
        fields.put(prefix + "bindingMode", bindingMode);
        fields.put(prefix + "redeliveryAllowed", Boolean.toString(redeliveryAllowed));
        fields.put(prefix + "idListRequired", Boolean.toString(idListRequired));
        fields.put(prefix + "keyAgreement", keyAgreement);
        fields.put(prefix + "encryptionMode", encryptionMode);
        fields.put(prefix + "approvalsRequired", Integer.toString(approvalsRequired));
        return fields;
    }

    static TypeSettings fromFields(Map<String, String> fields, String prefix) {
        Optional<OperatorRef> owner = Optional.ofNullable(fields.get(prefix + "ownerId"))
                .map(id -> new OperatorRef(Short.parseShort(id), fields.get(prefix + "ownerCode")));
        return new TypeSettings(fields.get(prefix + "code"), fields.get(prefix + "name"), fields.get(prefix + "credentialKind"),
                owner, fields.get(prefix + "deviceIdKind"), fields.get(prefix + "bindingMode"),
                Boolean.parseBoolean(fields.get(prefix + "redeliveryAllowed")),
                Boolean.parseBoolean(fields.get(prefix + "idListRequired")), fields.get(prefix + "keyAgreement"),
                fields.get(prefix + "encryptionMode"), Integer.parseInt(fields.get(prefix + "approvalsRequired")));
    }
}
