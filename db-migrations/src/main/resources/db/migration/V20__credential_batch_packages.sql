-- What a staged batch was made from: the exact manifest bytes the facility signed and who signed
-- them. Approvers will bind their decision to credential_batch.manifest_sha256, the SHA-256 of
-- these bytes; the manifest carries the records' SHA-256, so the hash covers every record.
create table credential_batch_package (
    batch_id           bigint      primary key references credential_batch,
    manifest           bytea       not null,
    records_sha256     bytea       not null check (length(records_sha256) = 32),
    signer_fingerprint text        not null check (signer_fingerprint ~ '^[0-9a-f]{64}$'),
    signer_subject     text        not null,
    -- The manifest's creation time at the facility.
    created_at         timestamptz not null,
    file_name          text        not null,
    package_bytes      bigint      not null check (package_bytes > 0)
);

-- The same package twice is refused by batch ID (batch_ref is unique since V4) and by manifest hash.
create unique index credential_batch_manifest_idx on credential_batch (manifest_sha256)
    where manifest_sha256 is not null;
