package com.devicecreds.portal.typeauth;

/** A device model of the catalogue, which operators authorize per credential type. */
public record DeviceModel(int id, String manufacturer, String name) {

    /** "Acme X1": how history rows and summaries name the model. */
    public String label() {
        return manufacturer + " " + name;
    }
}
