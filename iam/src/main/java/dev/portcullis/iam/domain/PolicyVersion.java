package dev.portcullis.iam.domain;

import java.time.Instant;

/** One version of a managed policy; {@code document} is the JSON text exactly as written. */
public record PolicyVersion(String policyId, String versionId, String document,
    boolean isDefault, Instant createdAt) {}
