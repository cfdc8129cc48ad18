package com.devicecreds.portal.operations;

import com.devicecreds.audit.verify.AuditAnchors;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors the audit chain's head in the anchor file outside the database when no line covers it yet:
 * rows are witnessed as they are committed, so this catches rows of other nodes and rows whose witness
 * line was lost (docs/decisions/024-insider-threat-model.md).
 */
@DisallowConcurrentExecution
class AuditAnchorJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchorJob.class);

    private final AuditAnchors anchors;

    AuditAnchorJob(AuditAnchors anchors) {
        this.anchors = anchors;
    }

    @Override
    public void execute(JobExecutionContext context) {
        anchors.anchorHead().ifPresent(anchor -> log.info("Audit anchor written: row {} {}", anchor.seq(), anchor.hashHex()));
    }
}
