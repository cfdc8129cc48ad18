/**
 * The demo world and the simulated provisioning service.
 *
 * <p>{@link com.devicecreds.portal.demo.DemoWorldSeeder} fills an empty database with operators,
 * credential types, pools, authorized device lists and months of provisioning history, consistent
 * with each other (every bound credential has the delivered event that bound it). The history is
 * planned in memory first ({@link com.devicecreds.portal.demo.HistoryGenerator}) and then streamed
 * with PostgreSQL COPY over several connections in parallel, each in its own transaction that is
 * committed only when all of them succeeded.
 *
 * <p>{@link com.devicecreds.portal.demo.ProvisioningSimulator} then plays the provisioning service:
 * devices of the demo world ask for credentials, and
 * {@link com.devicecreds.portal.demo.DeviceRequestHandler} decides and binds each request in one
 * transaction, taking credentials with {@code for update skip locked} so that concurrent requests
 * never bind one credential twice.
 */
package com.devicecreds.portal.demo;
