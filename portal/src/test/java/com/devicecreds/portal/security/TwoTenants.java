package com.devicecreds.portal.security;

import java.time.Duration;

import com.devicecreds.access.OperatorRef;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two fresh tenants with known data, for the tenancy tests: A has its own type, a shared type
 * authorized for A only, events and alerts; B has the same kinds of rows and must never show up for A.
 * A device both operators saw ({@link #sharedDevice}: two old events of A, three recent rejections of
 * B), one only B saw, and one on both operators' lists that never asked.
 */
final class TwoTenants {

    final OperatorRef a;
    final OperatorRef b;
    final TenantFixture.Type typeOfA;
    final TenantFixture.Type typeOfB;
    final TenantFixture.Type sharedForA;
    final TenantFixture.Type sharedForB;
    final String sharedDevice;
    final String deviceOfB;
    final String listedForA;
    final long alertOfA;
    final long alertOfB;

    TwoTenants(JdbcClient jdbc, JdbcClient owner) {
        var fixture = new TenantFixture(jdbc, owner);
        a = fixture.operator("tenant-a");
        b = fixture.operator("tenant-b");
        typeOfA = fixture.type("own-a", a);
        typeOfB = fixture.type("own-b", b);
        sharedForA = fixture.type("shared-a", null);
        sharedForB = fixture.type("shared-b", null);
        fixture.authorize(sharedForA, a);
        fixture.authorize(sharedForB, b);
        fixture.load(typeOfA, 7, 3);
        fixture.load(sharedForA, 4, 1);
        fixture.load(typeOfB, 11, 2);
        fixture.load(sharedForB, 5, 6);

        var recent = Duration.ofHours(1);
        fixture.events(a, typeOfA, "delivered", null, 3, recent);
        fixture.events(a, sharedForA, "re-delivered", null, 1, recent);
        fixture.events(a, typeOfA, "rejected", "not-on-authorized-list", 2, recent);
        fixture.events(a, sharedForA, "rejected", "pool-empty", 1, recent);
        fixture.events(a, typeOfA, "delivered", null, 4, Duration.ofDays(3));
        fixture.events(b, typeOfB, "delivered", null, 5, recent);
        fixture.events(b, typeOfB, "re-delivered", null, 2, recent);
        fixture.events(b, sharedForB, "rejected", "model-not-authorized", 6, recent);
        sharedDevice = fixture.uniqueMac();
        deviceOfB = fixture.uniqueMac();
        listedForA = fixture.uniqueMac();
        // Older than a day, so that the last-24-hours counts above stay as they are.
        var older = Duration.ofHours(30);
        fixture.deviceEvent(a, typeOfA, sharedDevice, "delivered", null, older);
        fixture.deviceEvent(a, typeOfA, sharedDevice, "re-delivered", null, older.plusMinutes(5));
        fixture.deviceEvent(b, typeOfB, sharedDevice, "rejected", "not-on-authorized-list", recent);
        fixture.deviceEvent(b, typeOfB, sharedDevice, "rejected", "not-on-authorized-list", recent.plusMinutes(1));
        fixture.deviceEvent(b, typeOfB, sharedDevice, "rejected", "not-on-authorized-list", recent.plusMinutes(2));
        fixture.deviceEvent(b, typeOfB, deviceOfB, "delivered", null, recent);
        fixture.authorizedDevice(b, typeOfB, deviceOfB);
        fixture.authorizedDevice(b, typeOfB, listedForA);
        fixture.authorizedDevice(a, typeOfA, listedForA);
        alertOfA = fixture.alert(typeOfA);
        fixture.alert(sharedForA);
        alertOfB = fixture.alert(typeOfB);
        fixture.alert(sharedForB);
    }
}
