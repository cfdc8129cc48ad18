package com.devicecreds.portal.demo;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.loading.facility.FacilityCertificateService;
import com.devicecreds.inventory.loading.sample.Facility;
import com.devicecreds.inventory.loading.sample.SamplePackage;
import com.devicecreds.inventory.loading.upload.PackageUploadService;
import com.devicecreds.portal.security.SignedIn;

/**
 * A staged batch of a type, as the loading flow makes it: an administrator trusts a fresh facility,
 * pki.anna uploads a package of {@code count} credentials that it signed.
 */
public record AnnasUpload(SamplePackage sample, long batchId, String manifestSha256) {

    public static AnnasUpload of(FacilityCertificateService facilities, PackageUploadService uploads, String facilityName, String typeCode,
            int count, String fileName) {
        var facility = Facility.selfSigned(facilityName, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
        try (var admin = SignedIn.as(SignedIn.withRole(Roles.ADMIN))) {
            facilities.trust(facility.chainPem());
        }
        var sample = SamplePackage.of(facility, typeCode, count);
        try (var anna = SignedIn.as(SignedIn.user("pki.anna", Optional.empty(), Roles.PKI_OPS))) {
            var batch = uploads.upload(new ByteArrayInputStream(sample.toBytes()), fileName).batch().orElseThrow();
            return new AnnasUpload(sample, batch.id(), batch.manifestSha256());
        }
    }
}
