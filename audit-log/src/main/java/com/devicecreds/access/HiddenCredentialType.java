package com.devicecreds.access;

/**
 * What operator staff see in place of a credential type that row-level security hides from them.
 * A device of their operator may ask for another operator's type (the provisioning service refuses
 * it as {@code operator-not-authorized}); the request is their operator's and is counted, but the
 * type's name, code and id are another operator's and are never shown. Every such type of a report
 * collapses into one line under {@link #NAME}. See docs/decisions/023-hidden-credential-types.md.
 */
public final class HiddenCredentialType {

    /** The one label of every credential type the caller may not see. */
    public static final String NAME = "Credential type not authorized for your operator";

    /** The id reported for it: no credential type has id 0 (the column is a serial). */
    public static final int ID = 0;

    /**
     * Join condition that keeps a credential type's row only when the report's operator may see the
     * type: the same rule as row-level security's policies on credential_type (owned by the operator,
     * shared, or authorized for it), for code that runs as the system (scheduled reports, jobs), which
     * the policies do not filter. {@code %1$s} is the type's alias; {@code :operatorId} is the report's
     * operator, null for a report of all operators.
     */
    public static final String VISIBLE_IN_SCOPE = """
            (cast(:operatorId as smallint) is null or %1$s.owner_operator_id is null or %1$s.owner_operator_id = :operatorId
             or exists (select 1 from type_authorization va
                        where va.credential_type_id = %1$s.id and va.operator_id = :operatorId))""";

    private HiddenCredentialType() {
    }

    /** The joined name as read, or the label when row-level security hid the type (the join gave null). */
    public static String name(String joinedName) {
        return joinedName == null ? NAME : joinedName;
    }

    /** The type's id when its name could be read, else {@link #ID}. */
    public static int id(int typeId, String joinedName) {
        return joinedName == null ? ID : typeId;
    }
}
