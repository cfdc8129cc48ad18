package com.devicecreds.portal.walk;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What operator staff of one operator must never be shown: the other operators' names and codes (but
 * that of the owner of a type authorized for their operator, whose name the type carries), the
 * names and codes of credential types their operator may not see, and device IDs that only other
 * operators' devices used. Read as the system, from the whole world.
 */
record ForeignStrings(String operatorCode, Set<String> strings) {

    static ForeignStrings of(JdbcClient system, String operatorCode) {
        var foreign = new LinkedHashSet<String>();
        // Other operators, except the owner of a type this operator may see (its name is part of the
        // type's, and the operator holds an authorization for it: decision 023).
        system.sql("""
                        select x.code, x.name from operator x, operator o
                        where o.code = ? and x.id <> o.id
                          and not exists (select 1 from credential_type t join type_authorization a on a.credential_type_id = t.id
                                          where t.owner_operator_id = x.id and a.operator_id = o.id)""")
                .param(operatorCode)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list().forEach(foreign::addAll);
        system.sql("""
                        select t.code, t.name from credential_type t, operator o
                        where o.code = ? and t.owner_operator_id is not null and t.owner_operator_id <> o.id
                          and not exists (select 1 from type_authorization a
                                          where a.credential_type_id = t.id and a.operator_id = o.id)""")
                .param(operatorCode).query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list()
                .forEach(foreign::addAll);
        foreign.addAll(system.sql("""
                        select distinct e.device_id from provisioning_event e join operator o on o.id = e.operator_id
                        where o.code <> :code and e.occurred_at > now() - interval '3 days'
                          and not exists (select 1 from provisioning_event mine join operator m on m.id = mine.operator_id
                                          where m.code = :code and mine.device_id = e.device_id)
                        limit 400""")
                .param("code", operatorCode).query(String.class).list());
        return new ForeignStrings(operatorCode, Set.copyOf(foreign));
    }

    /** The first foreign string found in the text, if any, except those the page's own address carries. */
    Optional<String> foundIn(String text, String address) {
        return strings.stream().filter(s -> s.length() >= 4 && text.contains(s) && !address.contains(s)).findFirst();
    }
}
