package com.devicecreds.inventory.loading.upload;

import java.util.List;
import java.util.Optional;

import com.devicecreds.inventory.loading.batch.StagedBatch;
import com.devicecreds.inventory.loading.format.Manifest;

/**
 * The validation report of one uploaded package: every problem found, or the batch it was staged as.
 *
 * @param manifestSha256 SHA-256 of the manifest bytes in hex, when there was a manifest
 * @param pool           the pool the package fills, when its credential type is known
 * @param batch          the staged batch, present exactly when there is no problem
 */
public record UploadReport(String fileName, long packageBytes, Optional<Manifest> manifest,
        Optional<String> manifestSha256, Optional<TargetPool> pool, List<Problem> problems, Optional<StagedBatch> batch) {

    public UploadReport {
        problems = List.copyOf(problems);
    }

    public boolean accepted() {
        return batch.isPresent();
    }

    public boolean has(ProblemKind kind) {
        return problems.stream().anyMatch(p -> p.kind() == kind);
    }
}
