package com.devicecreds.portal.demo;

import java.util.List;

/**
 * What the demo world is made of: operators, device models, credential types and which operator
 * uses which type (a fleet). Sizes are not here: they follow from the configured number of events
 * (see {@link WorldPlan}).
 */
final class DemoCatalog {

    /** @param models the device models this operator's devices are, with their share; the first is a legacy model */
    record OperatorDef(String code, String name, List<ModelShare> models) {
    }

    record ModelShare(String model, double weight) {
    }

    /** @param oui MAC prefix (IEEE OUI) and serial prefix of the manufacturer's devices */
    record ModelDef(String key, String manufacturer, String name, String oui, String serialPrefix) {
    }

    /**
     * @param owner          operator code, or null for a shared (origin credential) type
     * @param payloadPrefix  prefix of the credential references of this type
     * @param facility       where the type's batches come from
     * @param draining       the pool the demo lets run low (reloaded only after it ran dry)
     * @param remainingShare credentials left available at the end, as a share of those bound
     */
    record TypeDef(String code, String name, String kind, String owner, String idKind, String bindingMode,
            boolean redelivery, boolean listRequired, String payloadPrefix, String facility, boolean draining,
            double remainingShare) {

        boolean preBound() {
            return "pre-bound".equals(bindingMode);
        }

        boolean issuedOnline() {
            return "issued-online".equals(bindingMode);
        }
    }

    /**
     * One operator's devices asking for one type.
     *
     * @param weight     share of the provisioning traffic, relative to the other fleets
     * @param rolloutAt  when in the history (0 = from its start, 1 = its end) the rollout began
     */
    record FleetDef(String operator, String type, double weight, double rolloutAt) {
    }

    /** An operator whose devices ask for a type the operator is not authorized for (misconfigured software). */
    record StrayDef(String operator, String type) {
    }

    static final List<ModelDef> MODELS = List.of(
            new ModelDef("hx-4200", "Helix Devices", "HX-4200 HD set-top box", "0C4F5A", "HLX"),
            new ModelDef("hx-5100", "Helix Devices", "HX-5100 4K set-top box", "0C4F5A", "HLX"),
            new ModelDef("hx-gw2", "Helix Devices", "HX-GW2 cable gateway", "0C4F5A", "HLX"),
            new ModelDef("ks-700", "Kaiyo Electronics", "KS-700 smart TV", "3CA9F4", "KYO"),
            new ModelDef("ks-900", "Kaiyo Electronics", "KS-900 OLED TV", "3CA9F4", "KYO"),
            new ModelDef("nt-box3", "Nordtek", "NT-Box 3 streaming player", "70B3D5", "NTK"),
            new ModelDef("nt-box4", "Nordtek", "NT-Box 4 streaming player", "70B3D5", "NTK"),
            new ModelDef("nt-r1", "Nordtek", "NT-R1 radio point", "70B3D5", "NTK"),
            new ModelDef("os-2", "Orbisat", "OS-2 satellite receiver", "A4C138", "ORB"),
            new ModelDef("os-3", "Orbisat", "OS-3 hybrid receiver", "A4C138", "ORB"),
            new ModelDef("bl-sense1", "Brightline IoT", "BL-Sense 1 home hub", "D8F15B", "BLI"),
            new ModelDef("bl-cam2", "Brightline IoT", "BL-Cam 2 camera", "D8F15B", "BLI"));

    static final List<OperatorDef> OPERATORS = List.of(
            new OperatorDef("nordkabel", "Nordkabel AG", List.of(new ModelShare("hx-4200", 0.04),
                    new ModelShare("hx-5100", 0.46), new ModelShare("hx-gw2", 0.25), new ModelShare("ks-900", 0.25))),
            new OperatorDef("sunwave", "Sunwave Broadband", List.of(new ModelShare("nt-box3", 0.05),
                    new ModelShare("nt-box4", 0.55), new ModelShare("ks-700", 0.25), new ModelShare("bl-sense1", 0.15))),
            new OperatorDef("alpenfunk", "Alpenfunk GmbH", List.of(new ModelShare("os-2", 0.06),
                    new ModelShare("os-3", 0.64), new ModelShare("nt-r1", 0.30))),
            new OperatorDef("baltcom", "Baltcom SIA", List.of(new ModelShare("hx-4200", 0.05),
                    new ModelShare("nt-box4", 0.60), new ModelShare("bl-cam2", 0.35))),
            new OperatorDef("iberia-tv", "Iberia TV S.A.", List.of(new ModelShare("ks-700", 0.05),
                    new ModelShare("ks-900", 0.45), new ModelShare("hx-5100", 0.50))),
            new OperatorDef("danubia", "Danubia Kabel Kft.", List.of(new ModelShare("os-2", 0.05),
                    new ModelShare("hx-gw2", 0.55), new ModelShare("nt-box4", 0.40))));

    private static final String KGF = "Key generation facility Frankfurt (HSM)";
    private static final String NETFLIX = "Netflix ESN service, re-packaged";
    private static final String WIDEVINE = "Google Widevine, re-packaged";
    private static final String ONLINE_CA = "Online device CA";

    static final List<TypeDef> TYPES = List.of(
            new TypeDef("nordkabel-widevine-keybox", "Widevine keybox · Nordkabel", "widevine-keybox", "nordkabel",
                    "soc-id", "next-available", true, true, "NK-WVK", WIDEVINE, false, 0.9),
            new TypeDef("nordkabel-netflix-esn", "Netflix ESN · Nordkabel", "netflix-esn", "nordkabel",
                    "serial", "pre-bound", true, true, "NK-ESN", NETFLIX, false, 0),
            new TypeDef("nordkabel-device-certificate", "Device certificate · Nordkabel", "x509-device", "nordkabel",
                    "cert-fingerprint", "issued-online", true, false, "NK-CRT", ONLINE_CA, false, 0),
            new TypeDef("sunwave-playready", "PlayReady · Sunwave", "playready-model", "sunwave",
                    "mac", "next-available", true, true, "SW-PRM", KGF, false, 0.7),
            new TypeDef("sunwave-widevine-keybox", "Widevine keybox · Sunwave", "widevine-keybox", "sunwave",
                    "soc-id", "pre-bound", true, true, "SW-WVK", WIDEVINE, false, 0),
            new TypeDef("sunwave-device-certificate", "Device certificate · Sunwave", "x509-device", "sunwave",
                    "mac", "next-available", false, true, "SW-CRT", KGF, false, 1.4),
            new TypeDef("alpenfunk-dtcp-ip", "DTCP-IP device key · Alpenfunk", "dtcp-ip", "alpenfunk",
                    "mac", "next-available", false, true, "AF-DTC", KGF, false, 0.5),
            new TypeDef("alpenfunk-widevine-keybox", "Widevine keybox · Alpenfunk", "widevine-keybox", "alpenfunk",
                    "soc-id", "next-available", true, true, "AF-WVK", WIDEVINE, false, 1.1),
            new TypeDef("baltcom-netflix-esn", "Netflix ESN · Baltcom", "netflix-esn", "baltcom",
                    "serial", "pre-bound", true, true, "BC-ESN", NETFLIX, false, 0),
            new TypeDef("baltcom-playready", "PlayReady · Baltcom", "playready-model", "baltcom",
                    "mac", "next-available", true, false, "BC-PRM", KGF, false, 0.6),
            new TypeDef("iberia-tv-widevine-keybox", "Widevine keybox · Iberia TV", "widevine-keybox", "iberia-tv",
                    "soc-id", "pre-bound", true, true, "IB-WVK", WIDEVINE, false, 0),
            new TypeDef("iberia-tv-device-certificate", "Device certificate · Iberia TV", "x509-device", "iberia-tv",
                    "cert-fingerprint", "next-available", false, true, "IB-CRT", KGF, false, 2.0),
            new TypeDef("danubia-playready", "PlayReady · Danubia", "playready-model", "danubia",
                    "mac", "next-available", true, true, "DK-PRM", KGF, true, 0.06),
            new TypeDef("hdcp-2x-receiver", "HDCP 2.x receiver key (shared)", "hdcp-2x", null,
                    "mac", "next-available", false, false, "HDCP2", KGF, false, 0.8),
            new TypeDef("dtcp-ip-origin", "DTCP-IP origin key (shared)", "dtcp-ip", null,
                    "mac", "next-available", false, false, "DTCP-O", KGF, false, 1.2));

    static final List<FleetDef> FLEETS = List.of(
            new FleetDef("nordkabel", "nordkabel-widevine-keybox", 10, 0),
            new FleetDef("nordkabel", "nordkabel-netflix-esn", 8, 0),
            new FleetDef("nordkabel", "nordkabel-device-certificate", 5, 0),
            new FleetDef("nordkabel", "hdcp-2x-receiver", 4, 0),
            new FleetDef("sunwave", "sunwave-playready", 8, 0),
            new FleetDef("sunwave", "sunwave-widevine-keybox", 7, 0),
            new FleetDef("sunwave", "sunwave-device-certificate", 5, 0.2),
            new FleetDef("sunwave", "hdcp-2x-receiver", 3, 0),
            new FleetDef("sunwave", "dtcp-ip-origin", 2, 0),
            new FleetDef("alpenfunk", "alpenfunk-dtcp-ip", 5, 0),
            new FleetDef("alpenfunk", "alpenfunk-widevine-keybox", 6, 0),
            new FleetDef("alpenfunk", "hdcp-2x-receiver", 3, 0),
            new FleetDef("baltcom", "baltcom-netflix-esn", 6, 0),
            new FleetDef("baltcom", "baltcom-playready", 5, 0),
            new FleetDef("baltcom", "dtcp-ip-origin", 2, 0),
            new FleetDef("iberia-tv", "iberia-tv-widevine-keybox", 7, 0),
            new FleetDef("iberia-tv", "iberia-tv-device-certificate", 4, 0.45),
            new FleetDef("danubia", "danubia-playready", 5, 0),
            new FleetDef("danubia", "hdcp-2x-receiver", 2, 0));

    static final List<StrayDef> STRAYS = List.of(
            new StrayDef("baltcom", "hdcp-2x-receiver"),
            new StrayDef("alpenfunk", "dtcp-ip-origin"),
            new StrayDef("iberia-tv", "dtcp-ip-origin"));

    static final List<String> SERVER_NODES = List.of("opus-a1", "opus-a2", "opus-b1", "opus-b2");

    private DemoCatalog() {
    }
}
