package com.devicecreds.portal.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads what the simulator needs from the database rather than from the generator's plan, so the
 * simulator plays whatever world the database holds (another seed, a world older than this code).
 * Samples are small and taken afresh every few minutes, as devices get served.
 */
final class SimulatedWorld {

    private static final int SAMPLE = 200;

    private final JdbcClient jdbc;

    SimulatedWorld(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every authorized (operator, type) pair with its samples; empty while the database has no world.
     * Revoked pairs stay (decision 022): their devices keep asking and are refused, as in the field, so
     * the rejections show up in the reports.
     */
    List<SimulatedFleet> load() {
        Set<Integer> models = Set.copyOf(jdbc.sql("select id from device_model").query(Integer.class).list());
        var fleets = new ArrayList<SimulatedFleet>();
        var pairs = jdbc.sql("""
                        select a.operator_id, t.id, t.device_id_kind, t.binding_mode, t.id_list_required
                        from type_authorization a join credential_type t on t.id = a.credential_type_id
                        order by a.operator_id, t.id""")
                .query((rs, n) -> new Object[] {rs.getShort(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5)})
                .list();
        for (Object[] p : pairs) {
            short operator = (short) p[0];
            int type = (int) p[1];
            int[] authorized = jdbc.sql("""
                            select device_model_id from model_authorization
                            where credential_type_id = ? and operator_id = ? order by device_model_id""")
                    .params(type, operator).query(Integer.class).list().stream().mapToInt(Integer::intValue).toArray();
            Set<Integer> authorizedSet = java.util.Arrays.stream(authorized).boxed().collect(Collectors.toSet());
            int[] others = models.stream().filter(m -> !authorizedSet.contains(m)).sorted()
                    .mapToInt(Integer::intValue).toArray();
            fleets.add(new SimulatedFleet(operator, type, (String) p[2], (boolean) p[4], authorized, others,
                    unserved(operator, type, (String) p[3], (boolean) p[4], authorized),
                    served(operator, type, authorized)));
        }
        return fleets;
    }

    /** Devices that may ask for the first time: on the list and not yet holding a credential of the type. */
    private List<SimulatedFleet.Device> unserved(short operator, int type, String bindingMode, boolean listRequired,
            int[] authorized) {
        String sample;
        if ("pre-bound".equals(bindingMode)) {
            sample = """
                    select c.prebound_device_id as device_id from credential c
                    where c.credential_type_id = :type and c.state = 'available' and c.prebound_device_id is not null
                      and exists (select 1 from authorized_device d where d.operator_id = :operator
                                  and d.credential_type_id = :type and d.device_id = c.prebound_device_id)
                    order by random() limit :sample""";
        } else if (listRequired) {
            sample = """
                    select d.device_id from authorized_device d
                    where d.operator_id = :operator and d.credential_type_id = :type
                      and not exists (select 1 from credential c
                                      where c.credential_type_id = d.credential_type_id and c.bound_device_id = d.device_id)
                    order by random() limit :sample""";
        } else {
            // Without a list any device may ask; the simulator makes up new ones.
            return List.of();
        }
        return withModels("select s.device_id, " + LAST_MODEL + " from (" + sample + ") s", operator, type, authorized);
    }

    /** Devices of this operator that were recently given a credential of the type. */
    private List<SimulatedFleet.Device> served(short operator, int type, int[] authorized) {
        return withModels("""
                select distinct on (e.device_id) e.device_id, e.device_model_id from provisioning_event e
                where e.operator_id = :operator and e.credential_type_id = :type and e.outcome = 'delivered'
                  and e.occurred_at > now() - interval '3 days'
                order by e.device_id limit :sample""", operator, type, authorized);
    }

    private static final String LAST_MODEL = """
            (select e.device_model_id from provisioning_event e
             where e.device_id = s.device_id and e.device_model_id is not null
             order by e.occurred_at desc limit 1) as model""";

    /** Devices with the model their last request reported; one that never asked is of an authorized model. */
    private List<SimulatedFleet.Device> withModels(String sql, short operator, int type, int[] authorized) {
        return jdbc.sql(sql).param("operator", operator).param("type", type).param("sample", SAMPLE)
                .query((rs, n) -> {
                    String id = rs.getString(1);
                    int model = rs.getInt(2);
                    if (rs.wasNull()) {
                        model = authorized.length == 0 ? -1 : authorized[Math.floorMod(id.hashCode(), authorized.length)];
                    }
                    return new SimulatedFleet.Device(id, model);
                })
                .list();
    }
}
